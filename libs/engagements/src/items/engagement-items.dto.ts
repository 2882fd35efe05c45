import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ITEM_KINDS, type EngagementItemKind } from '../entities/engagement.entities.js';

const DATE_MESSAGE = 'Due date must be a date such as 2026-03-31';
const TIME_MESSAGE = (what: string) => `${what} must be a date and time such as 2026-03-31T14:30:00Z`;

class ItemFields {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(10000, { message: 'Body must be at most 10000 characters' })
  body?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'Tasks only' })
  @IsOptional() @IsString({ message: DATE_MESSAGE }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }) @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'Appointments: required' })
  @IsOptional() @IsISO8601({ strict: true }, { message: TIME_MESSAGE('Start') })
  startsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'Appointments only' })
  @IsOptional() @IsISO8601({ strict: true }, { message: TIME_MESSAGE('End') })
  endsAt?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean({ message: 'Shared with client must be true or false' })
  sharedWithClient?: boolean;
}

export class NewItemDto extends ItemFields {
  @ApiProperty({ enum: ITEM_KINDS })
  @IsIn(ITEM_KINDS, { message: 'Kind must be note, task or appointment' })
  kind: EngagementItemKind;

  @ApiProperty({ example: 'Send last year’s W-2' })
  @IsString() @Matches(/\S/, { message: 'Title must not be empty' }) @MaxLength(200, { message: 'Title must be at most 200 characters' })
  title: string;
}

export class UpdateItemDto extends ItemFields {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Matches(/\S/, { message: 'Title must not be empty' }) @MaxLength(200, { message: 'Title must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional({ description: 'Tasks only: tick or untick' })
  @IsOptional() @IsBoolean({ message: 'Done must be true or false' })
  done?: boolean;
}

export class ItemDoneDto {
  @ApiProperty()
  @IsBoolean({ message: 'Done must be true or false' })
  done: boolean;
}

export class ItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: EngagementItemKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) body: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endsAt: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ type: String, nullable: true }) doneAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['staff', 'client'] }) doneBy: 'staff' | 'client' | null;
  @ApiProperty() sharedWithClient: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EngagementSettingsDto {
  @ApiProperty({ description: 'Clients may tick shared tasks done on the portal' }) clientsMayCompleteTasks: boolean;
}

export class UpdateEngagementSettingsDto {
  @ApiProperty()
  @IsBoolean({ message: 'Clients may complete tasks must be true or false' })
  clientsMayCompleteTasks: boolean;
}
