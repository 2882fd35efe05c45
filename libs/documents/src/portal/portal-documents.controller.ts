import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, type RequestContext } from '@portico/core';
import { ClientOnly, CurrentPrincipal, type Principal } from '@portico/identity';
import { DocumentsService, toPortalDto, type MultipartRequest } from '../documents/documents.service.js';
import { PORTAL_UPLOAD_SCHEMA, PortalDocumentDto, PortalDocumentQueryDto, PortalUploadedDto } from '../documents/documents.dto.js';
import { DocumentFolders } from '../folders/folders.service.js';
import { FolderDto, PortalFolderQueryDto } from '../folders/folders.dto.js';

const uuid = () => new ParseUUIDPipe();

/** The client's documents: what is shared with their account and what they uploaded; anything else is 404. */
@ApiTags('portal documents')
@ApiBearerAuth()
@Controller('v1/portal')
@ClientOnly()
export class PortalDocumentsController {
  constructor(private readonly documents: DocumentsService, private readonly folders: DocumentFolders) {}

  @Get('documents')
  @ApiOperation({ summary: 'Documents shared with my account and my account’s uploads' })
  @ApiOkResponse({ type: [PortalDocumentDto] })
  list(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Query() query: PortalDocumentQueryDto): Promise<PortalDocumentDto[]> {
    return this.documents.clientList(ctx, p.subjectId, query);
  }

  @Post('documents')
  @ApiOperation({ summary: 'Upload files (multipart; fields before files) to my account or a shared engagement; 403 when the firm switched uploads off' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: PORTAL_UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: PortalUploadedDto })
  async upload(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Req() req: FastifyRequest): Promise<PortalUploadedDto> {
    const rows = await this.documents.upload(ctx, req as unknown as MultipartRequest, { type: 'client', contactId: p.subjectId });
    return { documents: rows.map(toPortalDto) };
  }

  @Get('documents/:id/content')
  @ApiOperation({ summary: 'Download (streamed, Range supported)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, as an attachment' })
  content(
    @Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Param('id', uuid()) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.documents.clientContent(ctx, p.subjectId, id, req.headers.range, reply);
  }

  @Get('folders')
  @ApiOperation({ summary: 'Folders of my account, or of a shared engagement' })
  @ApiOkResponse({ type: [FolderDto] })
  listFolders(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Query() query: PortalFolderQueryDto): Promise<FolderDto[]> {
    return this.folders.listForClient(ctx, p.subjectId, query.engagementId);
  }
}
