import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditLog, Ctx, Firm, FirmResolver, type RequestContext } from '@portico/core';
import { AdminOnly, StaffOnly } from '../auth/principal.js';

export class SecuritySettingsDto {
  @ApiProperty({ description: 'Days an invitation link stays valid (1–60)' }) invitationTtlDays: number;
  @ApiProperty({ description: 'Days a temporary password stays valid (1–60)' }) tempPasswordTtlDays: number;
  @ApiProperty({ description: 'Minimum password length (12–128)' }) passwordMinLength: number;
  @ApiProperty({ description: 'Days before a password must be changed; 0 turns expiry off' }) passwordMaxAgeDays: number;
  @ApiProperty({ description: 'Days before expiry that a reminder is e-mailed' }) passwordReminderDays: number;
  @ApiProperty() requireClientMfa: boolean;
  @ApiProperty({ description: 'The firm’s portal address, for staff to share' }) portalUrl: string;
}

export class UpdateSecuritySettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'Invitation validity must be a whole number of days' }) @Min(1, { message: 'Invitation validity must be at least 1 day' }) @Max(60, { message: 'Invitation validity must be at most 60 days' })
  invitationTtlDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'Temporary password validity must be a whole number of days' }) @Min(1, { message: 'Temporary password validity must be at least 1 day' }) @Max(60, { message: 'Temporary password validity must be at most 60 days' })
  tempPasswordTtlDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'Minimum length must be a whole number' }) @Min(12, { message: 'Minimum length must be at least 12' }) @Max(128, { message: 'Minimum length must be at most 128' })
  passwordMinLength?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'Password expiry must be a whole number of days' }) @Min(0, { message: 'Password expiry must be 0 (off) or more days' }) @Max(3650, { message: 'Password expiry must be at most 3650 days' })
  passwordMaxAgeDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'Reminder must be a whole number of days' }) @Min(1, { message: 'Reminder must be at least 1 day before' }) @Max(60, { message: 'Reminder must be at most 60 days before' })
  passwordReminderDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'requireClientMfa must be true or false' })
  requireClientMfa?: boolean;
}

const FIELDS = ['invitationTtlDays', 'tempPasswordTtlDays', 'passwordMinLength', 'passwordMaxAgeDays', 'passwordReminderDays', 'requireClientMfa'] as const;

@ApiTags('settings')
@ApiBearerAuth()
@Controller('v1/staff/settings/security')
export class SecuritySettingsController {
  constructor(private readonly audit: AuditLog, private readonly firms: FirmResolver) {}

  @Get()
  @StaffOnly()
  @ApiOkResponse({ type: SecuritySettingsDto })
  async get(@Ctx() ctx: RequestContext): Promise<SecuritySettingsDto> {
    const firm = await ctx.manager.getRepository(Firm).findOneOrFail({ where: { id: ctx.firmId } });
    return this.toDto(firm);
  }

  @Patch()
  @AdminOnly()
  @ApiOperation({ summary: 'Invitation and password policies, client MFA (admins)' })
  @ApiOkResponse({ type: SecuritySettingsDto })
  async update(@Ctx() ctx: RequestContext, @Body() body: UpdateSecuritySettingsDto): Promise<SecuritySettingsDto> {
    await ctx.transaction(async (tx) => {
      const firm = await tx.manager.getRepository(Firm).findOneOrFail({ where: { id: tx.firmId } });
      const changes = Object.fromEntries(FIELDS.filter((k) => body[k] !== undefined && body[k] !== firm[k]).map((k) => [k, body[k]]));
      if (!Object.keys(changes).length) return;
      await tx.manager.getRepository(Firm).update({ id: tx.firmId }, changes);
      await this.audit.record(tx, { action: 'settings.security-updated', targetType: 'firm', targetId: tx.firmId, data: { changes, before: Object.fromEntries(Object.keys(changes).map((k) => [k, firm[k as keyof Firm]])) } });
    });
    this.firms.invalidate();
    return this.get(ctx);
  }

  private toDto(f: Firm): SecuritySettingsDto {
    return {
      invitationTtlDays: f.invitationTtlDays, tempPasswordTtlDays: f.tempPasswordTtlDays, passwordMinLength: f.passwordMinLength,
      passwordMaxAgeDays: f.passwordMaxAgeDays, passwordReminderDays: f.passwordReminderDays, requireClientMfa: f.requireClientMfa,
      portalUrl: this.firms.portalUrl(f),
    };
  }
}
