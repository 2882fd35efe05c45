import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength, MinLength, NotContains } from 'class-validator';

export const SLUG_RULE = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
export const RESERVED_SLUGS = new Set(['www', 'api', 'app', 'admin', 'mail', 'smtp', 'static', 'assets', 'setup', 'staff', 'portal', 'platform', 'status', 'docs', 'help', 'support']);

export class CreateFirmFields {
  @ApiProperty({ example: 'Acme CPA', description: 'The firm as clients know it' })
  @IsString()
  @Length(2, 200, { message: 'Firm name must be 2 to 200 characters' })
  firmName: string;

  @ApiProperty({ example: 'acme', description: 'Sub-domain of the portal: 3–40 lower-case letters, digits or hyphens' })
  @IsString()
  @Matches(SLUG_RULE, { message: 'Portal address must be 3 to 40 lower-case letters, digits or hyphens, not starting or ending with a hyphen' })
  firmSlug: string;

  @ApiProperty({ example: 'Jane Doe' })
  @IsString()
  @Length(2, 200, { message: 'Your name must be 2 to 200 characters' })
  adminName: string;

  @ApiProperty({ example: 'jane@acme-cpa.com' })
  @IsEmail({}, { message: 'E-mail must be a valid address, such as jane@example.com' })
  @MaxLength(320)
  adminEmail: string;
}

export class PasswordField {
  @ApiProperty({ minLength: 12, maxLength: 256, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12, { message: 'Password must be at least 12 characters' })
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  @NotContains('\0', { message: 'Password must not contain a NUL character' })
  password: string;
}

export class SetupRequestDto extends CreateFirmFields {
  @ApiProperty({ description: 'The one-time setup token printed by the server at start' })
  @IsString()
  @Length(20, 200, { message: 'Setup token is missing or malformed' })
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12, { message: 'Password must be at least 12 characters' })
  @MaxLength(256, { message: 'Password must be at most 256 characters' })
  adminPassword: string;
}

export class SetupStatusDto {
  @ApiProperty() needsSetup: boolean;
}

export class FirmSummaryDto {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

export class SetupResultDto {
  @ApiProperty({ type: FirmSummaryDto }) firm: FirmSummaryDto;
  @ApiProperty({ example: 'http://acme.localhost:3000/staff' }) staffUrl: string;
}

export class ActivationRequestDto extends PasswordField {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'Activation token is missing or malformed' })
  token: string;
}

export class ActivationResultDto {
  @ApiProperty() staffUrl: string;
}
