import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * Letters of any alphabet, spaces, hyphens and apostrophes; no digits or other symbols.
 * class-validator reports a field's lowest failing decorator first: keep the length rules
 * below this one, so that an empty field is told it is too short.
 */
export const NAME_RULE = /^[\p{L}\p{M}][\p{L}\p{M}' ’-]*(?: [\p{L}\p{M}' ’-]+)*$/u;
/** At least two letters (hyphens, apostrophes and spaces do not count). */
export const TWO_LETTERS = /^(?:\P{L}*\p{L}){2}/u;

export class ProfileDto {
  @ApiProperty({ example: 'Ana', description: 'At least 2 letters' })
  @IsString()
  @Matches(TWO_LETTERS, { message: 'First name must have at least 2 letters' })
  @Matches(NAME_RULE, { message: 'First name may contain only letters, spaces, hyphens and apostrophes' })
  @MaxLength(100, { message: 'First name must be at most 100 characters' })
  firstName: string;

  @ApiProperty({ example: 'Núñez-O’Brien', description: 'At least 1 letter' })
  @IsString()
  @Matches(NAME_RULE, { message: 'Last name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(1, { message: 'Last name must have at least 1 letter' })
  @MaxLength(100, { message: 'Last name must be at most 100 characters' })
  lastName: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Enter your current password' })
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  newPassword: string;
}

export class MeDto {
  @ApiProperty({ enum: ['staff', 'client'] }) kind: 'staff' | 'client';
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() email: string;
  @ApiPropertyOptional({ type: String, enum: ["admin", "staff"], nullable: true }) role: 'admin' | 'staff' | null;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty() mfaRequired: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the password must be changed (null: never)' }) passwordExpiresAt: string | null;
}

export class SessionDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() lastSeenAt: string;
  @ApiProperty({ description: 'The session of this request' }) current: boolean;
}

export class MfaConfirmDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Code must be the 6 digits shown in your authenticator app' })
  code: string;
}

export class MfaDisableDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Enter your password' })
  @MaxLength(256)
  password: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String] }) recoveryCodes: string[];
}

export class StaffProfileDto {
  @ApiProperty()
  @IsString()
  @Matches(NAME_RULE, { message: 'Name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(2, { message: 'Name must have at least 2 letters' })
  @MaxLength(200)
  name: string;
}

