import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const UUID = { message: 'Must be a UUID' };

export class FolderQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) accountId?: string;
  @ApiPropertyOptional({ description: 'Folders of this engagement; without it, the account’s own folders' }) @IsOptional() @IsUUID('all', UUID) engagementId?: string;
}

export class PortalFolderQueryDto {
  @ApiPropertyOptional({ description: 'Folders of this shared engagement; without it, the account’s own folders' }) @IsOptional() @IsUUID('all', UUID) engagementId?: string;
}

export class NewFolderDto {
  @ApiPropertyOptional({ description: 'Required unless engagementId or parentId is given' }) @IsOptional() @IsUUID('all', UUID) accountId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) engagementId?: string;
  @ApiPropertyOptional({ description: 'A folder of the same account/engagement' }) @IsOptional() @IsUUID('all', UUID) parentId?: string;
  @ApiProperty({ example: 'Tax documents' })
  @IsString() @Matches(/\S/, { message: 'Name must not be empty' }) @MaxLength(120, { message: 'Name must be at most 120 characters' })
  name: string;
}

export class RenameFolderDto {
  @ApiProperty()
  @IsString() @Matches(/\S/, { message: 'Name must not be empty' }) @MaxLength(120, { message: 'Name must be at most 120 characters' })
  name: string;
}

export class FolderDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) engagementId: string | null;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}

export class FolderTemplatesDto {
  @ApiProperty({ type: [String], example: ['Tax documents', 'Correspondence', 'Signed'], description: 'In order; names are unique ignoring case' })
  @IsArray() @ArrayMaxSize(50)
  @IsString({ each: true }) @Matches(/\S/, { each: true, message: 'A folder name must not be empty' }) @MaxLength(120, { each: true, message: 'A folder name must be at most 120 characters' })
  names: string[];
}

export class ApplyTemplatesDto {
  @ApiPropertyOptional({ description: 'Required unless engagementId is given' }) @IsOptional() @IsUUID('all', UUID) accountId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) engagementId?: string;
}
