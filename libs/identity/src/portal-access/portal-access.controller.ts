import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { AuditLog, Ctx, ProblemException, type RequestContext } from '@portico/core';
import { StaffOnly } from '../auth/principal.js';
import { Sessions } from '../auth/sessions.service.js';
import { MessageDto } from '../auth/auth.dto.js';
import { SessionDto } from '../auth/me.dto.js';
import { Contact } from '../entities/index.js';
import { Invitations } from './invitations.service.js';

class EmailChoiceDto {
  @ApiProperty({ description: 'One of the contact’s e-mail addresses; it becomes the login name' })
  @IsEmail({}, { message: 'E-mail must be a valid address, such as ana@example.com' })
  @MaxLength(320)
  email: string;
}

class OptionalEmailChoiceDto {
  @ApiPropertyOptional({ description: 'Needed when the contact has no portal login yet' })
  @IsOptional()
  @IsEmail({}, { message: 'E-mail must be a valid address, such as ana@example.com' })
  @MaxLength(320)
  email?: string;
}

class BulkDto {
  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMinSize(1, { message: 'Choose at least one contact' }) @ArrayMaxSize(200, { message: 'At most 200 contacts at a time' })
  @IsUUID('all', { each: true, message: 'Each contact id must be a UUID' })
  contactIds: string[];

  @ApiProperty({ enum: ['invite', 'resend'] })
  @IsIn(['invite', 'resend'], { message: 'Action must be invite or resend' })
  action: 'invite' | 'resend';
}

export class PortalAccessDto {
  @ApiProperty({ enum: ['none', 'invited', 'verified', 'disabled'] }) status: 'none' | 'invited' | 'verified' | 'disabled';
  @ApiProperty({ type: String, nullable: true }) loginEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the pending invitation (link or temporary password) lapses' }) invitationExpiresAt: string | null;
  @ApiProperty() invitationExpired: boolean;
  @ApiProperty({ description: 'A temporary password was sent and not yet replaced' }) temporaryPassword: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'When the temporary password stops working' }) temporaryPasswordExpiresAt: string | null;
  @ApiProperty({ type: String, nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastSignInAt: string | null;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'A new login e-mail waiting for verification' }) pendingLoginEmail: string | null;
}

class BulkResultDto {
  @ApiProperty() contactId: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ enum: ['none', 'invited', 'verified', 'disabled'] }) status?: string;
  @ApiPropertyOptional() error?: string;
}

/** A contact's "Portal access" panel. */
@ApiTags('portal access')
@ApiBearerAuth()
@Controller('v1/staff/contacts')
@StaffOnly()
export class PortalAccessController {
  constructor(private readonly invitations: Invitations, private readonly sessions: Sessions, private readonly audit: AuditLog) {}

  @Post('portal-access/bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invite (with the first address) or resend for many contacts' })
  @ApiOkResponse({ type: [BulkResultDto] })
  bulk(@Ctx() ctx: RequestContext, @Body() body: BulkDto): Promise<BulkResultDto[]> {
    return this.invitations.bulk(ctx, body.contactIds, body.action);
  }

  @Get(':id/portal-access')
  @ApiOkResponse({ type: PortalAccessDto })
  view(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<PortalAccessDto> {
    return this.invitations.view(ctx, id);
  }

  @Post(':id/portal-access/invite')
  @HttpCode(200)
  @ApiOperation({ summary: 'E-mail a single-use invitation link; the chosen address becomes the login name' })
  @ApiOkResponse({ type: PortalAccessDto })
  invite(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: EmailChoiceDto): Promise<PortalAccessDto> {
    return this.invitations.invite(ctx, id, body.email);
  }

  @Post(':id/portal-access/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new invitation link; the old one stops working' })
  @ApiOkResponse({ type: PortalAccessDto })
  resend(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<PortalAccessDto> {
    return this.invitations.resend(ctx, id);
  }

  @Post(':id/portal-access/temporary-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'E-mail a temporary password (to be changed at first sign-in)' })
  @ApiOkResponse({ type: PortalAccessDto })
  temporary(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: OptionalEmailChoiceDto): Promise<PortalAccessDto> {
    return this.invitations.sendTemporaryPassword(ctx, id, body.email);
  }

  @Post(':id/portal-access/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable portal access (409 listing what you cannot see, when you cannot see everything shared)' })
  @ApiOkResponse({ type: PortalAccessDto })
  disable(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<PortalAccessDto> {
    return this.invitations.disable(ctx, id);
  }

  @Post(':id/portal-access/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable portal access; earlier shares are kept' })
  @ApiOkResponse({ type: PortalAccessDto })
  enable(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<PortalAccessDto> {
    return this.invitations.enable(ctx, id);
  }

  @Post(':id/portal-access/login-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the login e-mail: a verification link goes to the new address' })
  @ApiOkResponse({ type: PortalAccessDto })
  loginEmail(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: EmailChoiceDto): Promise<PortalAccessDto> {
    return this.invitations.requestLoginEmailChange(ctx, id, body.email);
  }

  @Get(':id/portal-access/sessions')
  @ApiOkResponse({ type: [SessionDto] })
  async sessionsOf(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<SessionDto[]> {
    await ctx.scoped(Contact).get({ id }, 'contact');
    const credential = await this.invitations.credentialOf(ctx, id);
    if (!credential) return [];
    return (await this.sessions.list(ctx, credential.id)).map((s) => ({
      id: s.id, userAgent: s.userAgent, ip: s.ip, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), current: false,
    }));
  }

  @Delete(':id/portal-access/sessions/:sessionId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the client out of one device' })
  @ApiOkResponse({ type: MessageDto })
  async revokeSession(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<MessageDto> {
    await ctx.scoped(Contact).get({ id }, 'contact');
    const credential = await this.invitations.credentialOf(ctx, id);
    await ctx.transaction(async (tx) => {
      if (!credential || (await this.sessions.revokeOne(tx, credential.id, sessionId, 'revoked-by-staff')) === 0) {
        throw new ProblemException(404, 'not-found', 'The session was not found or has already ended.');
      }
      await this.audit.record(tx, { action: 'portal.session-revoked', targetType: 'contact', targetId: id, data: { sessionId } });
    });
    return { message: 'The client was signed out of that device.' };
  }
}
