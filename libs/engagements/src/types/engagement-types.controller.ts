import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Ctx, type RequestContext } from '@portico/core';
import { AdminOnly, StaffOnly } from '@portico/identity';
import { EngagementTypes } from './engagement-types.service.js';
import { EngagementItems } from '../items/engagement-items.service.js';
import { EngagementSettingsDto, UpdateEngagementSettingsDto } from '../items/engagement-items.dto.js';

export class NewEngagementTypeDto {
  @ApiProperty({ example: 'Naturalization' })
  @IsString() @Matches(/\S/, { message: 'Name must not be empty' }) @MaxLength(100, { message: 'Name must be at most 100 characters' })
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set to make a subtype of this type' })
  @IsOptional() @IsUUID('all', { message: 'Parent id must be a UUID' })
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'Place in the list (0 first); at the end when left out' })
  @IsOptional() @IsInt({ message: 'Position must be a whole number' }) @Min(0, { message: 'Position must be 0 or more' }) @Max(10000)
  position?: number;
}

export class UpdateEngagementTypeDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Matches(/\S/, { message: 'Name must not be empty' }) @MaxLength(100, { message: 'Name must be at most 100 characters' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsInt({ message: 'Position must be a whole number' }) @Min(0, { message: 'Position must be 0 or more' }) @Max(10000)
  position?: number;
}

export class EngagementSubtypeDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
}

export class EngagementTypeDto extends EngagementSubtypeDto {
  @ApiProperty({ type: [EngagementSubtypeDto] }) subtypes: EngagementSubtypeDto[];
}

/** The firm's engagement types and subtypes (every member reads them; admins edit) and engagement switches. */
@ApiTags('engagements')
@ApiBearerAuth()
@Controller('v1/staff/settings')
@StaffOnly()
export class EngagementSettingsController {
  constructor(private readonly types: EngagementTypes, private readonly items: EngagementItems) {}

  @Get('engagement-types')
  @ApiOperation({ summary: 'Types with their subtypes, in order (a few defaults are seeded on first use)' })
  @ApiOkResponse({ type: [EngagementTypeDto] })
  list(@Ctx() ctx: RequestContext): Promise<EngagementTypeDto[]> {
    return this.types.list(ctx);
  }

  @Post('engagement-types')
  @AdminOnly()
  @ApiOperation({ summary: 'Add a type, or a subtype with parentId; answers the whole list' })
  @ApiCreatedResponse({ type: [EngagementTypeDto] })
  create(@Ctx() ctx: RequestContext, @Body() body: NewEngagementTypeDto): Promise<EngagementTypeDto[]> {
    return this.types.create(ctx, body);
  }

  @Patch('engagement-types/:id')
  @AdminOnly()
  @ApiOkResponse({ type: [EngagementTypeDto] })
  update(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateEngagementTypeDto): Promise<EngagementTypeDto[]> {
    return this.types.update(ctx, id, body);
  }

  @Delete('engagement-types/:id')
  @AdminOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an unused type (with its subtypes) or subtype; 409 when engagements use it' })
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.types.remove(ctx, id);
  }

  @Get('engagements')
  @ApiOkResponse({ type: EngagementSettingsDto })
  async settings(@Ctx() ctx: RequestContext): Promise<EngagementSettingsDto> {
    return { clientsMayCompleteTasks: (await this.types.settings(ctx)).clientsMayCompleteTasks };
  }

  @Patch('engagements')
  @AdminOnly()
  @ApiOkResponse({ type: EngagementSettingsDto })
  async updateSettings(@Ctx() ctx: RequestContext, @Body() body: UpdateEngagementSettingsDto): Promise<EngagementSettingsDto> {
    return { clientsMayCompleteTasks: (await this.types.setClientsMayCompleteTasks(ctx, body.clientsMayCompleteTasks)).clientsMayCompleteTasks };
  }
}
