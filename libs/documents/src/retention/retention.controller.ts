import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { AdminOnly, StaffOnly } from '@portico/identity';
import { DocumentRetention } from './retention.service.js';
import { EngagementRetentionDto, RetentionPreviewItemDto, RetentionPreviewQueryDto, UpdateEngagementRetentionDto } from '../documents/documents.dto.js';

const uuid = () => new ParseUUIDPipe();

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/staff')
@StaffOnly()
export class RetentionController {
  constructor(private readonly retention: DocumentRetention) {}

  @Get('documents-retention/preview')
  @ApiOperation({ summary: 'Documents retention removes in the next days (default 7), including any already due; the clock starts at the upload date' })
  @ApiOkResponse({ type: [RetentionPreviewItemDto] })
  preview(@Ctx() ctx: RequestContext, @Query() query: RetentionPreviewQueryDto): Promise<RetentionPreviewItemDto[]> {
    return this.retention.preview(ctx, query.days ?? 7);
  }

  @Get('engagements/:id/retention')
  @ApiOkResponse({ type: EngagementRetentionDto })
  get(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string): Promise<EngagementRetentionDto> {
    return this.retention.engagementRule(ctx, id);
  }

  @Put('engagements/:id/retention')
  @AdminOnly()
  @ApiOperation({ summary: 'An engagement’s own retention days (null = the firm’s, 0 = keep) and legal hold (admins)' })
  @ApiOkResponse({ type: EngagementRetentionDto })
  set(@Ctx() ctx: RequestContext, @Param('id', uuid()) id: string, @Body() body: UpdateEngagementRetentionDto): Promise<EngagementRetentionDto> {
    return this.retention.setEngagementRule(ctx, id, body);
  }
}
