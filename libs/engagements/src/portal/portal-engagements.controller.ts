import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@portico/core';
import { ClientOnly, CurrentPrincipal, type Principal } from '@portico/identity';
import { PortalEngagementDto, PortalEngagements } from './portal-engagements.service.js';
import { EngagementItems } from '../items/engagement-items.service.js';
import { ItemDoneDto, ItemDto } from '../items/engagement-items.dto.js';

const uuid = () => new ParseUUIDPipe();

/** The client portal's engagements: only what is shared with the signed-in contact's account. */
@ApiTags('portal engagements')
@ApiBearerAuth()
@Controller('v1/portal/engagements')
@ClientOnly()
export class PortalEngagementsController {
  constructor(private readonly engagements: PortalEngagements, private readonly items: EngagementItems) {}

  @Get()
  @ApiOperation({ summary: 'Engagements shared with my account' })
  @ApiOkResponse({ type: [PortalEngagementDto] })
  list(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal): Promise<PortalEngagementDto[]> {
    return this.engagements.list(ctx, p);
  }

  @Get(':id')
  @ApiOkResponse({ type: PortalEngagementDto })
  get(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Param('id', uuid()) id: string): Promise<PortalEngagementDto> {
    return this.engagements.get(ctx, p, id);
  }

  @Get(':id/items')
  @ApiOperation({ summary: 'Shared notes, tasks and appointments' })
  @ApiOkResponse({ type: [ItemDto] })
  async listItems(@Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Param('id', uuid()) id: string): Promise<ItemDto[]> {
    return this.items.sharedItems(ctx, await this.engagements.shared(ctx, p, id));
  }

  @Post(':id/items/:itemId/done')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tick a shared task done (or not), when the firm lets clients do so (403 otherwise)' })
  @ApiOkResponse({ type: ItemDto })
  async done(
    @Ctx() ctx: RequestContext, @CurrentPrincipal() p: Principal, @Param('id', uuid()) id: string, @Param('itemId', uuid()) itemId: string, @Body() body: ItemDoneDto,
  ): Promise<ItemDto> {
    return this.items.clientMarkDone(ctx, await this.engagements.shared(ctx, p, id), itemId, p.subjectId, body.done);
  }
}
