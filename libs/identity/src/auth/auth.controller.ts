import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, type PipeTransform } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, PORTICO_CONFIG, notFound, type PorticoConfig, type RequestContext } from '@portico/core';
import type { PrincipalKind } from '../entities/index.js';
import {
  AcceptInvitationDto, AccessTokenDto, ForgotPasswordDto, InvitationInfoDto, MessageDto, MfaAnswerDto, MfaCodeChallengeDto,
  MfaSetupDto, NewPasswordChallengeDto, ResetPasswordDto, SignInDto, SignInResultDto, ChallengeDto, TokenDto,
} from './auth.dto.js';
import { SignInService, type Device, type SignInOutcome } from './sign-in.service.js';
import { Sessions } from './sessions.service.js';
import { PasswordResets } from './password-resets.service.js';
import { Invitations } from '../portal-access/invitations.service.js';

class AudiencePipe implements PipeTransform<string, PrincipalKind> {
  transform(value: string): PrincipalKind {
    if (value === 'staff' || value === 'client') return value;
    throw notFound();
  }
}

type CookieRequest = FastifyRequest & { cookies: Record<string, string | undefined> };

export const refreshCookieName = (kind: PrincipalKind) => `portico_rt_${kind}`;

/** Public sign-in endpoints for both audiences: `staff` (at /staff) and `client` (the portal). */
@ApiTags('auth')
@Controller('v1/auth/:audience')
@ApiParam({ name: 'audience', enum: ['staff', 'client'] })
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: Sessions,
    private readonly resets: PasswordResets,
    private readonly invitations: Invitations,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; may answer with the next step to take' })
  @ApiOkResponse({ type: SignInResultDto })
  async postSignIn(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: SignInDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInResultDto> {
    return this.reply(kind, await this.signIn.signIn(ctx, kind, body.email, body.password, device(req)), reply);
  }

  @Post('challenge/mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the two-step verification with a code or a recovery code' })
  @ApiOkResponse({ type: SignInResultDto })
  async mfa(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: MfaAnswerDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInResultDto> {
    return this.reply(kind, await this.signIn.answerMfa(ctx, kind, body.challengeToken, body, device(req)), reply);
  }

  @Post('challenge/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace a temporary or expired password during sign-in' })
  @ApiOkResponse({ type: SignInResultDto })
  async password(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: NewPasswordChallengeDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInResultDto> {
    return this.reply(kind, await this.signIn.answerPasswordChange(ctx, kind, body.challengeToken, body.newPassword, device(req)), reply);
  }

  @Post('challenge/mfa-setup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the two-step verification set-up the firm requires' })
  @ApiOkResponse({ type: MfaSetupDto })
  mfaSetup(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: ChallengeDto): Promise<MfaSetupDto> {
    return this.signIn.beginMfaSetup(ctx, kind, body.challengeToken);
  }

  @Post('challenge/mfa-setup/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the set-up with a first code; answers with the recovery codes' })
  @ApiOkResponse({ type: SignInResultDto })
  async mfaSetupConfirm(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: MfaCodeChallengeDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInResultDto> {
    return this.reply(kind, await this.signIn.confirmMfaSetup(ctx, kind, body.challengeToken, body.code, device(req)), reply);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for the refresh cookie (which rotates); 204 when the browser has no session cookie at all' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiNoContentResponse({ description: 'No refresh cookie was sent: nobody is signed in here (not an error)' })
  async refresh(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Req() req: CookieRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto | undefined> {
    const presented = req.cookies[refreshCookieName(kind)];
    if (!presented) {
      // A first visit: the page asks whether a session exists; the answer is no, without an error.
      void reply.status(204);
      return undefined;
    }
    try {
      const s = await this.sessions.refresh(ctx, kind, presented);
      this.setCookie(kind, reply, s.refreshToken, s.refreshExpiresAt);
      return { accessToken: s.accessToken, expiresIn: s.expiresIn };
    } catch (e) {
      if ((e as { slug?: string }).slug !== 'refresh-race') this.clearCookie(kind, reply);
      throw e;
    }
  }

  @Post('sign-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'End this session (the refresh cookie names it)' })
  @ApiOkResponse({ type: MessageDto })
  async signOut(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Req() req: CookieRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MessageDto> {
    await this.sessions.endByRefreshToken(ctx, req.cookies[refreshCookieName(kind)] ?? '');
    this.clearCookie(kind, reply);
    return { message: 'Signed out.' };
  }

  @Post('forgot-password')
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail a single-use reset link; the answer is the same whether or not the address exists' })
  @ApiAcceptedResponse({ type: MessageDto })
  async forgot(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: ForgotPasswordDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    await this.resets.request(ctx, kind, body.email, req.ip);
    return { message: 'If an account uses this address, we have sent it a link to reset the password. The link works once, for 30 minutes.' };
  }

  @Post('reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password with a reset link; every session ends' })
  @ApiOkResponse({ type: MessageDto })
  async reset(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: ResetPasswordDto): Promise<MessageDto> {
    await this.resets.reset(ctx, kind, body.token, body.password);
    return { message: 'Your password was changed. Sign in with the new password.' };
  }

  @Get('invitation')
  @ApiOperation({ summary: 'What an invitation link is for (404 when used or replaced, 410 when expired)' })
  @ApiOkResponse({ type: InvitationInfoDto })
  invitation(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Query('token') token: string): Promise<InvitationInfoDto> {
    if (kind !== 'client') throw notFound();
    return this.invitations.describe(ctx, token ?? '');
  }

  @Post('invitation/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set the password, then continue as a sign-in' })
  @ApiOkResponse({ type: SignInResultDto })
  async accept(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: AcceptInvitationDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInResultDto> {
    if (kind !== 'client') throw notFound();
    const credential = await this.invitations.accept(ctx, body.token, body.password);
    return this.reply(kind, await this.signIn.next(ctx, credential, [], device(req)), reply);
  }

  @Post('verify-login-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a change of login e-mail with the link sent to the new address' })
  @ApiOkResponse({ type: MessageDto })
  async verifyLoginEmail(@Ctx() ctx: RequestContext, @Param('audience', AudiencePipe) kind: PrincipalKind, @Body() body: TokenDto): Promise<MessageDto> {
    if (kind !== 'client') throw notFound();
    const email = await this.invitations.confirmLoginEmail(ctx, body.token);
    return { message: `Your login e-mail is now ${email}. Sign in with it.` };
  }

  private reply(kind: PrincipalKind, outcome: SignInOutcome, reply: FastifyReply): SignInResultDto {
    if (outcome.status === 'challenge') {
      const status = outcome.stage === 'mfa' ? 'mfa-required' : outcome.stage === 'password-change' ? 'password-change-required' : 'mfa-setup-required';
      return { status, challengeToken: outcome.challengeToken, reason: outcome.reason };
    }
    this.setCookie(kind, reply, outcome.session.refreshToken, outcome.session.refreshExpiresAt);
    return { status: 'signed-in', accessToken: outcome.session.accessToken, expiresIn: outcome.session.expiresIn, recoveryCodes: outcome.recoveryCodes };
  }

  private setCookie(kind: PrincipalKind, reply: FastifyReply, token: string, expires: Date): void {
    void reply.setCookie(refreshCookieName(kind), token, {
      httpOnly: true,
      secure: this.config.publicScheme === 'https',
      sameSite: 'strict',
      path: `/api/v1/auth/${kind}`,
      expires,
    });
  }

  private clearCookie(kind: PrincipalKind, reply: FastifyReply): void {
    void reply.clearCookie(refreshCookieName(kind), { path: `/api/v1/auth/${kind}` });
  }
}

function device(req: FastifyRequest): Device {
  const ua = req.headers['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : null, ip: req.ip };
}
