import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, type RequestContext } from '@portico/core';
import { CurrentPrincipal, SignedIn, type Principal } from './principal.js';
import { MeService } from './me.service.js';
import { ChangePasswordDto, MeDto, MfaConfirmDto, MfaDisableDto, ProfileDto, RecoveryCodesDto, SessionDto } from './me.dto.js';
import { MessageDto, MfaSetupDto } from './auth.dto.js';
import { refreshCookieName } from './auth.controller.js';

function meController(kind: 'staff' | 'client', path: string) {
  /** The signed-in person's own account: profile, password, two-step verification, sessions. */
  @ApiTags('me')
  @ApiBearerAuth()
  @Controller(path)
  @SignedIn(kind)
  class MeController {
    constructor(readonly me: MeService) {}

    @Get()
    @ApiOperation({ summary: 'Who is signed in' })
    @ApiOkResponse({ type: MeDto })
    get(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal): Promise<MeDto> {
      return this.me.describe(ctx, p);
    }

    @Patch('profile')
    @ApiOperation({ summary: 'Change first and last name (shown everywhere at once)' })
    @ApiOkResponse({ type: MeDto })
    profile(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Body() body: ProfileDto): Promise<MeDto> {
      return this.me.updateProfile(ctx, p, body);
    }

    @Post('password')
    @HttpCode(200)
    @ApiOperation({ summary: 'Change the password; every session ends, this one included' })
    @ApiOkResponse({ type: MessageDto })
    async password(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Body() body: ChangePasswordDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<MessageDto> {
      await this.me.changePassword(ctx, p, body.currentPassword, body.newPassword);
      void reply.clearCookie(refreshCookieName(p.kind), { path: `/api/v1/auth/${p.kind}` });
      return { message: 'Your password was changed and every session was signed out. Sign in with the new password.' };
    }

    @Get('sessions')
    @ApiOperation({ summary: 'Signed-in devices' })
    @ApiOkResponse({ type: [SessionDto] })
    sessions(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal): Promise<SessionDto[]> {
      return this.me.sessions(ctx, p);
    }

    @Delete('sessions/:id')
    @HttpCode(200)
    @ApiOperation({ summary: 'Sign out one device' })
    @ApiOkResponse({ type: MessageDto })
    async revoke(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MessageDto> {
      await this.me.revokeSession(ctx, p, id);
      return { message: 'The device was signed out.' };
    }

    @Post('sessions/sign-out-everywhere')
    @HttpCode(200)
    @ApiOperation({ summary: 'Sign out every device, this one included' })
    @ApiOkResponse({ type: MessageDto })
    async everywhere(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<MessageDto> {
      await this.me.signOutEverywhere(ctx, p);
      void reply.clearCookie(refreshCookieName(p.kind), { path: `/api/v1/auth/${p.kind}` });
      return { message: 'Every device was signed out.' };
    }

    @Post('mfa/setup')
    @HttpCode(200)
    @ApiOperation({ summary: 'Start setting up two-step verification: a secret to scan' })
    @ApiOkResponse({ type: MfaSetupDto })
    mfaSetup(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal): Promise<MfaSetupDto> {
      return this.me.startMfa(ctx, p);
    }

    @Post('mfa/confirm')
    @HttpCode(200)
    @ApiOperation({ summary: 'Confirm with a first code; answers with 10 recovery codes, shown once' })
    @ApiOkResponse({ type: RecoveryCodesDto })
    mfaConfirm(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Body() body: MfaConfirmDto): Promise<RecoveryCodesDto> {
      return this.me.confirmMfa(ctx, p, body.code);
    }

    @Post('mfa/disable')
    @HttpCode(200)
    @ApiOperation({ summary: 'Turn two-step verification off (not when the firm requires it)' })
    @ApiOkResponse({ type: MessageDto })
    async mfaDisable(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Body() body: MfaDisableDto): Promise<MessageDto> {
      await this.me.disableMfa(ctx, p, body.password);
      return { message: 'Two-step verification is off.' };
    }
  }
  Object.defineProperty(MeController, "name", { value: kind === "staff" ? "StaffMeController" : "ClientMeController" });
  return MeController;
}

export const StaffMeController = meController('staff', 'v1/staff/me');
export const ClientMeController = meController('client', 'v1/portal/me');
