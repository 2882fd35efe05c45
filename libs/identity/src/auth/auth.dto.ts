import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

const EMAIL_MESSAGE = 'E-mail must be a valid address, such as jane@example.com';

export class SignInDto {
  @ApiProperty({ example: 'jane@example.com' })
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Enter your password' })
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  password: string;
}

export class ChallengeDto {
  @ApiProperty({ description: 'The challenge token of the previous step' })
  @IsString()
  @Length(20, 4000, { message: 'Challenge token is missing or malformed' })
  challengeToken: string;
}

export class MfaAnswerDto extends ChallengeDto {
  @ApiPropertyOptional({ example: '123456', description: 'The 6-digit code of the authenticator app' })
  @IsOptional()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Code must be the 6 digits shown in your authenticator app' })
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes, instead of a code' })
  @IsOptional()
  @IsString()
  @Length(8, 40, { message: 'Recovery code must look like abcde-fghij' })
  recoveryCode?: string;
}

export class NewPasswordChallengeDto extends ChallengeDto {
  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  newPassword: string;
}

export class MfaCodeChallengeDto extends ChallengeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Code must be the 6 digits shown in your authenticator app' })
  code: string;
}

export class SignInResultDto {
  @ApiProperty({ enum: ['signed-in', 'mfa-required', 'password-change-required', 'mfa-setup-required'] })
  status: 'signed-in' | 'mfa-required' | 'password-change-required' | 'mfa-setup-required';

  @ApiPropertyOptional({ description: 'Bearer token for the API (when signed in)' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'Seconds until the access token expires' })
  expiresIn?: number;

  @ApiPropertyOptional({ description: 'Token for the next step (when a step is required)' })
  challengeToken?: string;

  @ApiPropertyOptional({ enum: ['temporary', 'expired'], description: 'Why a new password is required' })
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: 'Recovery codes, shown once after MFA set-up' })
  recoveryCodes?: string[];
}

export class AccessTokenDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() expiresIn: number;
}

export class MfaSetupDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an app' }) secret: string;
  @ApiProperty({ description: 'otpauth:// address, for a QR code' }) otpauthUrl: string;
}

export class ForgotPasswordDto {
  @ApiProperty()
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(320)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'Reset token is missing or malformed' })
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  password: string;
}

export class MessageDto {
  @ApiProperty() message: string;
}

export class InvitationInfoDto {
  @ApiProperty() firstName: string;
  @ApiProperty() email: string;
  @ApiProperty() firmName: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() passwordMinLength: number;
  @ApiProperty() mfaRequired: boolean;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'Token is missing or malformed' })
  token: string;
}

export class AcceptInvitationDto extends TokenDto {
  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  password: string;
}
