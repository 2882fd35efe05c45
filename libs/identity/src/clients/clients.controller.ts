import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { StaffOnly } from '../auth/principal.js';
import { ClientsService } from './clients.service.js';
import { AccountDetailDto, AccountDto, ContactDto, ContactPageDto, NewAccountDto, NewContactDto, UpdateAccountDto, UpdateContactDto } from './clients.dto.js';

export class ContactQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name, e-mail or account name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['none', 'invited', 'verified', 'disabled'] })
  @IsOptional() @IsIn(['none', 'invited', 'verified', 'disabled'], { message: 'Portal status must be none, invited, verified or disabled' })
  portalStatus?: 'none' | 'invited' | 'verified' | 'disabled';

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'Account id must be a UUID' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'Include hidden contacts' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false'], { message: 'includeHidden must be true or false' })
  includeHidden?: 'true' | 'false';

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200, { message: 'limit must be at most 200' })
  limit?: number;
}

@ApiTags('clients')
@ApiBearerAuth()
@Controller('v1/staff')
@StaffOnly()
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get('accounts')
  @ApiOperation({ summary: 'Client accounts, optionally filtered by name' })
  @ApiQuery({ name: 'q', required: false })
  @ApiOkResponse({ type: [AccountDto] })
  accounts(@Ctx() ctx: RequestContext, @Query('q') q?: string): Promise<AccountDto[]> {
    return this.clients.listAccounts(ctx, typeof q === 'string' ? q : undefined);
  }

  @Post('accounts')
  @ApiOperation({ summary: 'Create a client account (a person, household or company), with contacts' })
  @ApiCreatedResponse({ type: AccountDetailDto })
  createAccount(@Ctx() ctx: RequestContext, @Body() body: NewAccountDto): Promise<AccountDetailDto> {
    return this.clients.createAccount(ctx, body);
  }

  @Get('accounts/:id')
  @ApiOkResponse({ type: AccountDetailDto })
  account(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccountDetailDto> {
    return this.clients.getAccount(ctx, id);
  }

  @Patch('accounts/:id')
  @ApiOkResponse({ type: AccountDetailDto })
  updateAccount(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateAccountDto): Promise<AccountDetailDto> {
    return this.clients.updateAccount(ctx, id, body);
  }

  @Get('contacts')
  @ApiOperation({ summary: 'Search contacts with filters (portal status, account, hidden)' })
  @ApiOkResponse({ type: ContactPageDto })
  contacts(@Ctx() ctx: RequestContext, @Query() query: ContactQueryDto): Promise<ContactPageDto> {
    return this.clients.searchContacts(ctx, { ...query, includeHidden: query.includeHidden === 'true' });
  }

  @Post('contacts')
  @ApiCreatedResponse({ type: ContactDto })
  createContact(@Ctx() ctx: RequestContext, @Body() body: NewContactDto): Promise<ContactDto> {
    const { accountId, ...fields } = body;
    return this.clients.createContact(ctx, accountId, fields);
  }

  @Get('contacts/:id')
  @ApiOkResponse({ type: ContactDto })
  contact(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<ContactDto> {
    return this.clients.getContact(ctx, id);
  }

  @Patch('contacts/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Edit a contact (names show everywhere at once; the login e-mail is not changed)' })
  @ApiOkResponse({ type: ContactDto })
  updateContact(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateContactDto): Promise<ContactDto> {
    return this.clients.updateContact(ctx, id, body);
  }
}
