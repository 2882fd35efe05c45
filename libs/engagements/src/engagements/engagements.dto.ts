import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '../entities/engagement.entities.js';

// The same name rules as identity's contact forms (letters of any alphabet, spaces, hyphens, apostrophes).
const NAME_RULE = /^[\p{L}\p{M}][\p{L}\p{M}' ’-]*(?: [\p{L}\p{M}' ’-]+)*$/u;
const TWO_LETTERS = /^(?:\P{L}*\p{L}){2}/u;
const SOMETHING = /\S/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const STATUS_MESSAGE = `Status must be one of ${ENGAGEMENT_STATUSES.join(', ')}`;
const DATE_MESSAGE = 'Expected completion must be a date such as 2026-03-31';

export class NewPartyContactDto {
  @ApiProperty({ example: 'Ana' })
  @IsString()
  @Matches(TWO_LETTERS, { message: 'First name must have at least 2 letters' })
  @Matches(NAME_RULE, { message: 'First name may contain only letters, spaces, hyphens and apostrophes' })
  @MaxLength(100, { message: 'First name must be at most 100 characters' })
  firstName: string;

  @ApiProperty({ example: 'Núñez' })
  @IsString()
  @Matches(NAME_RULE, { message: 'Last name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(1, { message: 'Last name must have at least 1 letter' })
  @MaxLength(100, { message: 'Last name must be at most 100 characters' })
  lastName: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Optional; without it the response warns that the portal will need one' })
  @IsOptional()
  @IsEmail({}, { message: 'E-mail must be a valid address, such as ana@example.com' })
  @MaxLength(320)
  email?: string | null;
}

export class PartyInputDto {
  @ApiPropertyOptional({ description: 'An existing contact of the engagement’s account' })
  @IsOptional() @IsUUID('all', { message: 'Contact id must be a UUID' })
  contactId?: string;

  @ApiPropertyOptional({ type: NewPartyContactDto, description: 'A new contact, created in the engagement’s account' })
  @IsOptional() @ValidateNested() @Type(() => NewPartyContactDto)
  newContact?: NewPartyContactDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'petitioner', description: 'Free text: petitioner, beneficiary, spouse, client…' })
  @IsOptional() @IsString() @MaxLength(60, { message: 'Role must be at most 60 characters' })
  role?: string | null;
}

export class PartyRefDto {
  @ApiProperty({ description: 'A contact of the engagement’s account' })
  @IsUUID('all', { message: 'Contact id must be a UUID' })
  contactId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'beneficiary' })
  @IsOptional() @IsString() @MaxLength(60, { message: 'Role must be at most 60 characters' })
  role?: string | null;
}

export class CustomFieldInputDto {
  @ApiProperty({ example: 'Receipt number' })
  @IsString() @Matches(SOMETHING, { message: 'Name must not be empty' }) @MaxLength(60, { message: 'Name must be at most 60 characters' })
  name: string;

  @ApiProperty({ example: 'IOE0912345678' })
  @IsString() @MaxLength(2000, { message: 'Value must be at most 2000 characters' })
  value: string;

  @ApiPropertyOptional({ default: false, description: 'Whether clients see this field on the portal' })
  @IsOptional() @IsBoolean({ message: 'Show to client must be true or false' })
  showToClient?: boolean;
}

export class NewAccountInputDto {
  @ApiProperty({ example: 'Núñez household' })
  @IsString() @MinLength(2, { message: 'Account name must be at least 2 characters' }) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ['person', 'household', 'company'] })
  @IsIn(['person', 'household', 'company'], { message: 'Kind must be person, household or company' })
  kind: 'person' | 'household' | 'company';
}

/** What create and update share. */
class EngagementFields {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsUUID('all', { message: 'Type id must be a UUID' })
  typeId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsUUID('all', { message: 'Subtype id must be a UUID' })
  subtypeId?: string | null;

  @ApiPropertyOptional({ enum: ENGAGEMENT_STATUSES, default: 'open' })
  @IsOptional() @IsIn(ENGAGEMENT_STATUSES, { message: STATUS_MESSAGE })
  status?: EngagementStatus;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2026-03-31' })
  @IsOptional() @IsString({ message: DATE_MESSAGE }) @Matches(DATE_SHAPE, { message: DATE_MESSAGE }) @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  expectedCompletion?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(10000, { message: 'Description must be at most 10000 characters' })
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Staff on the access list (the creator is added when not an admin)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100, { message: 'At most 100 staff members' })
  @IsUUID('all', { each: true, message: 'Each staff id must be a UUID' })
  staffIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'Only the listed staff (and admins) see a restricted engagement' })
  @IsOptional() @IsBoolean({ message: 'Restricted must be true or false' })
  restricted?: boolean;

  @ApiPropertyOptional({ type: [CustomFieldInputDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50, { message: 'At most 50 custom fields' })
  @ValidateNested({ each: true }) @Type(() => CustomFieldInputDto)
  customFields?: CustomFieldInputDto[];
}

export class CreateEngagementDto extends EngagementFields {
  @ApiPropertyOptional({ description: 'An existing client account (or give newAccount)' })
  @IsOptional() @IsUUID('all', { message: 'Account id must be a UUID' })
  accountId?: string;

  @ApiPropertyOptional({ type: NewAccountInputDto, description: 'A new client account (or give accountId)' })
  @IsOptional() @ValidateNested() @Type(() => NewAccountInputDto)
  newAccount?: NewAccountInputDto;

  @ApiProperty({ example: 'Green card — Núñez' })
  @IsString() @Matches(SOMETHING, { message: 'Name must not be empty' }) @MaxLength(200, { message: 'Name must be at most 200 characters' })
  name: string;

  @ApiPropertyOptional({ type: [PartyInputDto], description: 'Existing contacts of the account, or new ones' })
  @IsOptional() @IsArray() @ArrayMaxSize(50, { message: 'At most 50 parties' })
  @ValidateNested({ each: true }) @Type(() => PartyInputDto)
  parties?: PartyInputDto[];

  @ApiPropertyOptional({ default: false, description: 'Invite the parties without portal access (with their first e-mail)' })
  @IsOptional() @IsBoolean({ message: 'Send invitation must be true or false' })
  sendInvitation?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Share the engagement with the client account' })
  @IsOptional() @IsBoolean({ message: 'Share with client must be true or false' })
  shareWithClient?: boolean;
}

export class UpdateEngagementDto extends EngagementFields {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Matches(SOMETHING, { message: 'Name must not be empty' }) @MaxLength(200, { message: 'Name must be at most 200 characters' })
  name?: string;

  @ApiPropertyOptional({ type: [PartyRefDto], description: 'Replaces the parties' })
  @IsOptional() @IsArray() @ArrayMaxSize(50, { message: 'At most 50 parties' })
  @ValidateNested({ each: true }) @Type(() => PartyRefDto)
  parties?: PartyRefDto[];

  @ApiPropertyOptional({ description: 'Shared with the client account' })
  @IsOptional() @IsBoolean({ message: 'Shared with client must be true or false' })
  sharedWithClient?: boolean;
}

export class EngagementQueryDto {
  @ApiPropertyOptional({ description: 'Part of the engagement’s or the account’s name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'Account id must be a UUID' })
  accountId?: string;

  @ApiPropertyOptional({ enum: ENGAGEMENT_STATUSES })
  @IsOptional() @IsIn(ENGAGEMENT_STATUSES, { message: STATUS_MESSAGE })
  status?: EngagementStatus;

  @ApiPropertyOptional({ description: 'A type or a subtype' }) @IsOptional() @IsUUID('all', { message: 'Type id must be a UUID' })
  typeId?: string;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'offset must be a whole number' }) @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(200, { message: 'limit must be at most 200' })
  limit?: number;
}

// ---- responses ------------------------------------------------------------------------------

export class EngagementSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() accountId: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ type: String, nullable: true }) typeId: string | null;
  @ApiProperty({ type: String, nullable: true }) typeName: string | null;
  @ApiProperty({ type: String, nullable: true }) subtypeId: string | null;
  @ApiProperty({ type: String, nullable: true }) subtypeName: string | null;
  @ApiProperty({ enum: ENGAGEMENT_STATUSES }) status: EngagementStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expectedCompletion: string | null;
  @ApiProperty() restricted: boolean;
  @ApiProperty() sharedWithClient: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EngagementPageDto {
  @ApiProperty({ type: [EngagementSummaryDto] }) items: EngagementSummaryDto[];
  @ApiProperty() total: number;
}

export class PartyDto {
  @ApiProperty() contactId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ enum: ['none', 'invited', 'verified', 'disabled'] }) portalStatus: 'none' | 'invited' | 'verified' | 'disabled';
}

export class StaffRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class CustomFieldDto {
  @ApiProperty() name: string;
  @ApiProperty() value: string;
  @ApiProperty() showToClient: boolean;
}

export class EngagementDetailDto extends EngagementSummaryDto {
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [PartyDto] }) parties: PartyDto[];
  @ApiProperty({ type: [StaffRefDto], description: 'The access list' }) staff: StaffRefDto[];
  @ApiProperty({ type: [CustomFieldDto] }) customFields: CustomFieldDto[];
}

export class EngagementCreatedDto extends EngagementDetailDto {
  @ApiProperty({ type: [String], description: 'Things to know, e.g. a new contact without e-mail' }) warnings: string[];
  @ApiProperty({ type: [String], description: 'Contacts invited to the portal by this request' }) invited: string[];
}

export class ContactRefDto {
  @ApiProperty() contactId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
}

export const WAITING_ACTIONS = ['invite', 'resend-invitation', 'temporary-password', 'enable'] as const;

export class WaitingPartyDto {
  @ApiProperty() contactId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ enum: ['none', 'invited', 'disabled'] }) portalStatus: 'none' | 'invited' | 'disabled';
  @ApiProperty({ description: 'Invited, but the invitation lapsed' }) invitationExpired: boolean;
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty({ enum: WAITING_ACTIONS, isArray: true, description: 'What applies, first the usual one; empty when an e-mail address is needed first' })
  actions: Array<(typeof WAITING_ACTIONS)[number]>;
  @ApiProperty({ description: 'The contact has no e-mail address: add one before inviting' }) needsEmail: boolean;
}

export class WaitingForInvitationDto {
  @ApiProperty() sharedWithClient: boolean;
  @ApiProperty({ type: [WaitingPartyDto], description: 'Parties without active portal access' }) parties: WaitingPartyDto[];
  @ApiProperty({ type: [ContactRefDto], description: 'Parties with portal access: they only need the share (empty once shared)' })
  needShareOnly: ContactRefDto[];
}
