import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { AdminOnly } from '../auth/principal.js';
import { MessageDto } from '../auth/auth.dto.js';
import { StaffDirectory } from './staff-directory.service.js';
import { StaffFields, StaffMemberDto, UpdateStaffDto } from './staff.dto.js';

@ApiTags('staff users')
@ApiBearerAuth()
@Controller('v1/staff/users')
@AdminOnly()
export class StaffUsersController {
  constructor(private readonly directory: StaffDirectory) {}

  @Get()
  @ApiOperation({ summary: 'The firm’s staff' })
  @ApiOkResponse({ type: [StaffMemberDto] })
  list(@Ctx() ctx: RequestContext): Promise<StaffMemberDto[]> {
    return this.directory.list(ctx);
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member; they get an e-mail with a link to set their password' })
  @ApiCreatedResponse({ type: StaffMemberDto })
  async add(@Ctx() ctx: RequestContext, @Body() body: StaffFields): Promise<StaffMemberDto> {
    const { staff } = await this.directory.add(ctx, body);
    return this.directory.get(ctx, staff.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffMemberDto })
  get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<StaffMemberDto> {
    return this.directory.get(ctx, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a staff member; enabled=false ends their sessions at once' })
  @ApiOkResponse({ type: StaffMemberDto })
  update(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateStaffDto): Promise<StaffMemberDto> {
    return this.directory.update(ctx, id, body);
  }

  @Post(':id/resend-activation')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new set-password link (the old one stops working)' })
  @ApiOkResponse({ type: StaffMemberDto })
  resend(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<StaffMemberDto> {
    return this.directory.resendActivation(ctx, id);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete a staff member; their sessions end at once' })
  @ApiOkResponse({ type: MessageDto })
  async remove(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MessageDto> {
    await this.directory.remove(ctx, id);
    return { message: 'The staff member was deleted.' };
  }
}
