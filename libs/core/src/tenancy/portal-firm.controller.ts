import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AnyHost, Ctx } from './host-scope.decorator.js';
import type { RequestContext } from './request-context.js';
import { FirmResolver } from './firm-resolver.service.js';

export class PortalFirmDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'acme' }) slug: string;
  @ApiProperty({ example: 'Acme CPA' }) name: string;
  @ApiProperty({ example: '#1f4e79' }) primaryColor: string;
  @ApiProperty({ example: '#e0a526' }) accentColor: string;
  @ApiProperty({ type: String, nullable: true, description: 'Address of the firm logo, when one is set' }) logoUrl: string | null;
  @ApiProperty({ example: 'http://acme.localhost:3000' }) portalUrl: string;
}

export class PortalHostDto {
  @ApiProperty({ enum: ['platform', 'firm'], description: 'platform: the bare base domain (setup); firm: a firm portal' })
  kind: 'platform' | 'firm';
  @ApiPropertyOptional({ type: PortalFirmDto }) firm?: PortalFirmDto;
}

/** Public facts about the firm whose host this is: what the portal needs to brand itself. */
@ApiTags('portal')
@Controller()
export class PortalFirmController {
  constructor(private readonly firms: FirmResolver) {}

  @Get('/v1/portal/host')
  @AnyHost()
  @ApiOperation({ summary: 'What this host serves: the platform (setup) or a firm portal, with its branding' })
  @ApiOkResponse({ type: PortalHostDto })
  host(@Ctx() ctx: RequestContext): PortalHostDto {
    return ctx.firm ? { kind: 'firm', firm: this.get(ctx) } : { kind: 'platform' };
  }

  @Get('/v1/portal/firm')
  @ApiOperation({ summary: "The firm of this host: name, colours, portal address (404 on the platform host)" })
  @ApiOkResponse({ type: PortalFirmDto })
  get(@Ctx() ctx: RequestContext): PortalFirmDto {
    const firm = ctx.firm!;
    return {
      id: firm.id,
      slug: firm.slug,
      name: firm.name,
      primaryColor: firm.primaryColor,
      accentColor: firm.accentColor,
      logoUrl: null,
      portalUrl: this.firms.portalUrl(firm),
    };
  }
}
