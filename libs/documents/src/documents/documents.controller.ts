import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, type RequestContext } from '@portico/core';
import { AdminOnly, StaffOnly } from '@portico/identity';
import { DocumentsService, type MultipartRequest } from './documents.service.js';
import {
  DeleteDocumentQueryDto, DocumentDto, DocumentPageDto, DocumentQueryDto, DocumentSettingsDto, InboxQueryDto, MarkDownloadedDto, MarkedDto,
  STAFF_UPLOAD_SCHEMA, UpdateDocumentDto, UpdateDocumentSettingsDto, UploadedDto,
} from './documents.dto.js';

const uuid = () => new ParseUUIDPipe();

/** Documents on the staff side; one in an engagement the member may not see is 404. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/staff/documents')
@StaffOnly()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @ApiOperation({ summary: 'Upload one or more files (multipart, streamed; fields before files). 413 over the firm’s size limit' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: STAFF_UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: UploadedDto })
  async upload(@Ctx() ctx: RequestContext, @Req() req: FastifyRequest): Promise<UploadedDto> {
    const rows = await this.documents.upload(ctx, req as unknown as MultipartRequest, { type: 'staff' });
    return { documents: await this.documents.views(ctx, rows) };
  }

  @Get()
  @ApiOperation({ summary: 'Documents of an account, engagement or folder, both directions, with filters' })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: DocumentQueryDto): Promise<DocumentPageDto> {
    return this.documents.list(ctx, query);
  }

  @Get('new')
  @ApiOperation({ summary: '“New files”: client uploads the firm has not downloaded yet, per account or firm-wide (oldest first)' })
  @ApiOkResponse({ type: DocumentPageDto })
  inbox(@Ctx() ctx: RequestContext, @Query() query: InboxQueryDto): Promise<DocumentPageDto> {
    return this.documents.inbox(ctx, query);
  }

  @Post('mark-downloaded')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take client uploads out of “new files” in bulk' })
  @ApiOkResponse({ type: MarkedDto })
  async markDownloaded(@Ctx() ctx: RequestContext, @Body() body: MarkDownloadedDto): Promise<MarkedDto> {
    return { marked: await this.documents.markDownloaded(ctx, body.ids) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document (a deleted one shows its tombstone)' })
  @ApiOkResponse({ type: DocumentDto })
  get(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<DocumentDto> {
    return this.documents.get(ctx, id);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download (streamed, Range supported); a client upload leaves “new files”' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, as an attachment' })
  content(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.documents.staffContent(ctx, id, req.headers.range, reply);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, move to a folder of the same place, share or unshare' })
  @ApiOkResponse({ type: DocumentDto })
  update(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Body() body: UpdateDocumentDto): Promise<DocumentDto> {
    return this.documents.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete (soft: a tombstone keeps name, size, dates and who deleted; gone for the client at once)' })
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Query() query: DeleteDocumentQueryDto): Promise<void> {
    await this.documents.remove(ctx, id, query.reason);
  }
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/staff/settings/documents')
@StaffOnly()
export class DocumentSettingsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOkResponse({ type: DocumentSettingsDto })
  get(@Ctx() ctx: RequestContext): Promise<DocumentSettingsDto> {
    return this.documents.getSettings(ctx);
  }

  @Patch()
  @AdminOnly()
  @ApiOperation({ summary: 'Client uploads on/off and the largest upload (admins)' })
  @ApiOkResponse({ type: DocumentSettingsDto })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateDocumentSettingsDto): Promise<DocumentSettingsDto> {
    return this.documents.updateSettings(ctx, body);
  }
}
