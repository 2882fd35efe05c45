import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { NAME_RULE, TWO_LETTERS } from '../auth/me.dto.js';

export class ContactEmailDto {
  @ApiProperty({ example: 'ana@example.com' })
  @IsEmail({}, { message: 'E-mail must be a valid address, such as ana@example.com' })
  @MaxLength(320)
  address: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'work' })
  @IsOptional() @IsString() @MaxLength(40, { message: 'Label must be at most 40 characters' })
  label?: string | null;
}

export class ContactFields {
  @ApiProperty({ example: 'Ana' })
  @IsString()
  @Matches(TWO_LETTERS, { message: 'First name must have at least 2 letters' })
  @Matches(NAME_RULE, { message: 'First name may contain only letters, spaces, hyphens and apostrophes' })
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Núñez' })
  @IsString()
  @Matches(NAME_RULE, { message: 'Last name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(1, { message: 'Last name must have at least 1 letter' })
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ type: [ContactEmailDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10, { message: 'A contact has at most 10 e-mail addresses' })
  @ValidateNested({ each: true }) @Type(() => ContactEmailDto)
  emails?: ContactEmailDto[];

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean({ message: 'Hidden must be true or false' })
  hidden?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { spouse: 'Luis', taxId: '123-45-6789' } })
  @IsOptional() @IsObject({ message: 'Custom fields must be an object of names to text values' })
  customFields?: Record<string, string>;
}

export class NewContactDto extends ContactFields {
  @ApiProperty({ description: 'The client account the contact belongs to' })
  @IsUUID('all', { message: 'Account id must be a UUID' })
  accountId: string;
}

export class UpdateContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString()
  @Matches(TWO_LETTERS, { message: 'First name must have at least 2 letters' })
  @Matches(NAME_RULE, { message: 'First name may contain only letters, spaces, hyphens and apostrophes' })
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString()
  @Matches(NAME_RULE, { message: 'Last name may contain only letters, spaces, hyphens and apostrophes' })
  @MinLength(1, { message: 'Last name must have at least 1 letter' })
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ type: [ContactEmailDto], description: 'Replaces the addresses; the login e-mail is not changed by this' })
  @IsOptional() @IsArray() @ArrayMaxSize(10, { message: 'A contact has at most 10 e-mail addresses' })
  @ValidateNested({ each: true }) @Type(() => ContactEmailDto)
  emails?: ContactEmailDto[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'Hidden must be true or false' })
  hidden?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional() @IsObject({ message: 'Custom fields must be an object of names to text values' })
  customFields?: Record<string, string>;
}

export class NewAccountDto {
  @ApiProperty({ example: 'Núñez household' })
  @IsString() @MinLength(2, { message: 'Account name must be at least 2 characters' }) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ['person', 'household', 'company'] })
  @IsIn(['person', 'household', 'company'], { message: 'Kind must be person, household or company' })
  kind: 'person' | 'household' | 'company';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff member responsible for the account' })
  @IsOptional() @IsUUID('all', { message: 'Assigned staff id must be a UUID' })
  assignedStaffId?: string | null;

  @ApiPropertyOptional({ type: [ContactFields], description: 'Contacts to create with the account' })
  @IsOptional() @IsArray() @ArrayMaxSize(20)
  @ValidateNested({ each: true }) @Type(() => ContactFields)
  contacts?: ContactFields[];
}

export class UpdateAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2, { message: 'Account name must be at least 2 characters' }) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['person', 'household', 'company'] }) @IsOptional()
  @IsIn(['person', 'household', 'company'], { message: 'Kind must be person, household or company' })
  kind?: 'person' | 'household' | 'company';

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUUID('all', { message: 'Assigned staff id must be a UUID' })
  assignedStaffId?: string | null;
}

export class ContactDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() accountName: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: [ContactEmailDto] }) emails: ContactEmailDto[];
  @ApiProperty() hidden: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) customFields: Record<string, string>;
  @ApiProperty({ enum: ['none', 'invited', 'verified', 'disabled'] }) portalStatus: 'none' | 'invited' | 'verified' | 'disabled';
  @ApiProperty({ description: 'Has set a password and signed in through an invitation or temporary password' }) verified: boolean;
  @ApiProperty() invitationExpired: boolean;
  @ApiProperty({ type: String, nullable: true }) loginEmail: string | null;
  @ApiProperty() updatedAt: string;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) items: ContactDto[];
  @ApiProperty() total: number;
}

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['person', 'household', 'company'] }) kind: 'person' | 'household' | 'company';
  @ApiProperty({ type: String, nullable: true }) assignedStaffId: string | null;
  @ApiProperty() contactCount: number;
  @ApiProperty() createdAt: string;
}

export class AccountDetailDto extends AccountDto {
  @ApiProperty({ type: [ContactDto] }) contacts: ContactDto[];
}
