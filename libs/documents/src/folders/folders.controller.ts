import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { AdminOnly, StaffOnly } from '@portico/identity';
import { DocumentFolders } from './folders.service.js';
import { ApplyTemplatesDto, FolderDto, FolderQueryDto, FolderTemplatesDto, NewFolderDto, RenameFolderDto } from './folders.dto.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/staff/folders')
@StaffOnly()
export class FoldersController {
  constructor(private readonly folders: DocumentFolders) {}

  @Get()
  @ApiOperation({ summary: 'Folders of a client account (engagementId absent) or of an engagement, flat with parentId' })
  @ApiOkResponse({ type: [FolderDto] })
  list(@Ctx() ctx: RequestContext, @Query() query: FolderQueryDto): Promise<FolderDto[]> {
    return this.folders.list(ctx, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a folder; names are unique among siblings (409)' })
  @ApiCreatedResponse({ type: FolderDto })
  create(@Ctx() ctx: RequestContext, @Body() body: NewFolderDto): Promise<FolderDto> {
    return this.folders.create(ctx, body);
  }

  @Post('apply-templates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create the firm’s default folders missing at the top of an engagement or account; answers its folders' })
  @ApiOkResponse({ type: [FolderDto] })
  apply(@Ctx() ctx: RequestContext, @Body() body: ApplyTemplatesDto): Promise<FolderDto[]> {
    return this.folders.applyTemplates(ctx, body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: FolderDto })
  rename(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Body() body: RenameFolderDto): Promise<FolderDto> {
    return this.folders.rename(ctx, id, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an empty folder (409 otherwise)' })
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<void> {
    await this.folders.remove(ctx, id);
  }
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/staff/settings/folder-templates')
@StaffOnly()
export class FolderTemplatesController {
  constructor(private readonly folders: DocumentFolders) {}

  @Get()
  @ApiOperation({ summary: 'The firm’s default folder names, in order' })
  @ApiOkResponse({ type: FolderTemplatesDto })
  async get(@Ctx() ctx: RequestContext): Promise<FolderTemplatesDto> {
    return { names: await this.folders.templates(ctx) };
  }

  @Put()
  @AdminOnly()
  @ApiOperation({ summary: 'Replace the firm’s default folder names (admins)' })
  @ApiOkResponse({ type: FolderTemplatesDto })
  async set(@Ctx() ctx: RequestContext, @Body() body: FolderTemplatesDto): Promise<FolderTemplatesDto> {
    return { names: await this.folders.setTemplates(ctx, body.names) };
  }
}
