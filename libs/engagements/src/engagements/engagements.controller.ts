import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { StaffOnly } from '@portico/identity';
import { EngagementsService } from './engagements.service.js';
import {
  CreateEngagementDto, EngagementCreatedDto, EngagementDetailDto, EngagementPageDto, EngagementQueryDto, UpdateEngagementDto, WaitingForInvitationDto,
} from './engagements.dto.js';
import { EngagementItems } from '../items/engagement-items.service.js';
import { ItemDto, NewItemDto, UpdateItemDto } from '../items/engagement-items.dto.js';

const uuid = () => new ParseUUIDPipe();

/** Engagements (cases, matters, projects) on the staff side; one the member may not see is 404. */
@ApiTags('engagements')
@ApiBearerAuth()
@Controller('v1/staff/engagements')
@StaffOnly()
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService, private readonly items: EngagementItems) {}

  @Get()
  @ApiOperation({ summary: 'Engagements this member may see, filtered by account, status, type or name' })
  @ApiOkResponse({ type: EngagementPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: EngagementQueryDto): Promise<EngagementPageDto> {
    return this.engagements.list(ctx, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an engagement; “send invitation” and “share with client” are off unless set' })
  @ApiCreatedResponse({ type: EngagementCreatedDto })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateEngagementDto): Promise<EngagementCreatedDto> {
    return this.engagements.create(ctx, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: EngagementDetailDto })
  get(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<EngagementDetailDto> {
    return this.engagements.get(ctx, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit; parties, access list and custom fields, when given, replace the old ones' })
  @ApiOkResponse({ type: EngagementDetailDto })
  update(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Body() body: UpdateEngagementDto): Promise<EngagementDetailDto> {
    return this.engagements.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete (soft: a tombstone stays; the engagement disappears for staff and clients)' })
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<void> {
    await this.engagements.remove(ctx, id);
  }

  @Get(':id/waiting-for-invitation')
  @ApiOperation({ summary: 'Parties without active portal access, with the action that applies' })
  @ApiOkResponse({ type: WaitingForInvitationDto })
  waiting(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<WaitingForInvitationDto> {
    return this.engagements.waitingForInvitation(ctx, id);
  }

  @Get(':id/items')
  @ApiOperation({ summary: 'Notes, tasks and appointments' })
  @ApiOkResponse({ type: [ItemDto] })
  listItems(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<ItemDto[]> {
    return this.items.list(ctx, id);
  }

  @Post(':id/items')
  @ApiCreatedResponse({ type: ItemDto })
  createItem(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Body() body: NewItemDto): Promise<ItemDto> {
    return this.items.create(ctx, id, body);
  }

  @Patch(':id/items/:itemId')
  @ApiOkResponse({ type: ItemDto })
  updateItem(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Param('itemId', uuid()) itemId: string, @Body() body: UpdateItemDto): Promise<ItemDto> {
    return this.items.update(ctx, id, itemId, body);
  }

  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeItem(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Param('itemId', uuid()) itemId: string): Promise<void> {
    await this.items.remove(ctx, id, itemId);
  }
}
