import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DIRECTIONS, type DocumentDirection } from '../entities/document.entities.js';

const UUID = { message: 'Must be a UUID' };
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DocumentQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) accountId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) engagementId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) folderId?: string;
  @ApiPropertyOptional({ enum: DIRECTIONS }) @IsOptional() @IsIn(DIRECTIONS, { message: 'Direction must be staff-to-client or client-to-staff' }) direction?: DocumentDirection;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean({ message: 'Shared must be true or false' }) shared?: boolean;
  @ApiPropertyOptional({ description: 'Client uploads not yet downloaded by the firm' }) @IsOptional() @Transform(bool) @IsBoolean({ message: 'New must be true or false' }) new?: boolean;
  @ApiPropertyOptional({ description: 'Include tombstones of deleted documents' }) @IsOptional() @Transform(bool) @IsBoolean({ message: 'Deleted must be true or false' }) deleted?: boolean;
  @ApiPropertyOptional({ description: 'Part of the name' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'One client account; without it, firm-wide' }) @IsOptional() @IsUUID('all', UUID) accountId?: string;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class PortalDocumentQueryDto {
  @ApiPropertyOptional({ description: 'A shared engagement; without it, the account’s own documents (outside engagements)' }) @IsOptional() @IsUUID('all', UUID) engagementId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', UUID) folderId?: string;
}

export class MarkDownloadedDto {
  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true, message: 'Each id must be a UUID' })
  ids: string[];
}

export class MarkedDto {
  @ApiProperty({ description: 'How many left the "new files" inbox' }) marked: number;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/, { message: 'Name must not be empty' }) @MaxLength(255, { message: 'Name must be at most 255 characters' }) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A folder of the same account/engagement, or null' }) @IsOptional() @IsUUID('all', UUID) folderId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'Shared with client must be true or false' }) sharedWithClient?: boolean;
  @ApiPropertyOptional({ description: 'Retention never removes a held document' }) @IsOptional() @IsBoolean({ message: 'Legal hold must be true or false' }) legalHold?: boolean;
}

export class DeleteDocumentQueryDto {
  @ApiPropertyOptional({ description: 'Kept on the tombstone' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class UploaderDto {
  @ApiProperty({ enum: ['staff', 'client'] }) type: 'staff' | 'client';
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class DocumentDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) engagementId: string | null;
  @ApiProperty({ type: String, nullable: true }) folderId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ description: 'Sniffed from the bytes' }) contentType: string;
  @ApiProperty({ enum: DIRECTIONS }) direction: DocumentDirection;
  @ApiProperty() sharedWithClient: boolean;
  @ApiProperty() legalHold: boolean;
  @ApiProperty({ type: UploaderDto }) uploadedBy: UploaderDto;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Client uploads: when the firm downloaded it; null = new' }) downloadedByFirmAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deletedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deletedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) deleteReason: string | null;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentDto] }) items: DocumentDto[];
  @ApiProperty() total: number;
}

export class UploadedDto {
  @ApiProperty({ type: [DocumentDto] }) documents: DocumentDto[];
}

/** What a client sees of a document. */
export class PortalDocumentDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) engagementId: string | null;
  @ApiProperty({ type: String, nullable: true }) folderId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() size: number;
  @ApiProperty() contentType: string;
  @ApiProperty({ enum: DIRECTIONS, description: 'client-to-staff: uploaded by someone of my account' }) direction: DocumentDirection;
  @ApiProperty() uploadedAt: string;
}

export class PortalUploadedDto {
  @ApiProperty({ type: [PortalDocumentDto] }) documents: PortalDocumentDto[];
}

export class DocumentSettingsDto {
  @ApiProperty({ description: 'Clients may upload on the portal' }) clientsMayUpload: boolean;
  @ApiProperty({ description: 'Largest file accepted, in bytes (default 5 GiB)' }) maxUploadBytes: number;
  @ApiProperty({ description: 'Documents are removed this many days after their upload date (default 30); 0 = keep' }) retentionDays: number;
}

export class UpdateDocumentSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'Clients may upload must be true or false' }) clientsMayUpload?: boolean;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt({ message: 'Largest upload must be a whole number of bytes' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER) maxUploadBytes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 36500, description: 'Days after the upload date; 0 = keep' })
  @IsOptional() @IsInt({ message: 'Retention must be a whole number of days' }) @Min(0, { message: 'Retention must be 0 (keep) or more days' }) @Max(36500, { message: 'Retention must be at most 36500 days' })
  retentionDays?: number;
}

export class EngagementRetentionDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Days after the upload date for this engagement’s documents; null = the firm’s; 0 = keep' }) retentionDays: number | null;
  @ApiProperty({ description: 'Nothing of this engagement is removed while held' }) legalHold: boolean;
}

export class UpdateEngagementRetentionDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 36500 })
  @IsOptional() @IsInt({ message: 'Retention must be a whole number of days' }) @Min(0, { message: 'Retention must be 0 (keep) or more days' }) @Max(36500, { message: 'Retention must be at most 36500 days' })
  retentionDays?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'Legal hold must be true or false' }) legalHold?: boolean;
}

export class RetentionPreviewItemDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) engagementId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() size: number;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ description: 'When retention removes it (upload date + days)' }) removeAt: string;
}

export class RetentionPreviewQueryDto {
  @ApiPropertyOptional({ default: 7, minimum: 1, maximum: 90 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90) days?: number;
}

/** The multipart form of an upload (for the API document). Fields must come before the files. */
export const STAFF_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['files'],
  properties: {
    accountId: { type: 'string', format: 'uuid', description: 'Required unless engagementId or folderId is given' },
    engagementId: { type: 'string', format: 'uuid' },
    folderId: { type: 'string', format: 'uuid' },
    share: { type: 'boolean', default: false, description: 'Share with the client' },
    files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more files; send the other fields first' },
  },
};

export const PORTAL_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['files'],
  properties: {
    engagementId: { type: 'string', format: 'uuid', description: 'An engagement shared with me' },
    folderId: { type: 'string', format: 'uuid' },
    files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more files; send the other fields first' },
  },
};
