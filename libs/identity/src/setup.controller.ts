import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PlatformRoute, type RequestContext } from '@portico/core';
import { FirmProvisioning } from './firm-provisioning.service.js';
import { ActivationRequestDto, ActivationResultDto, SetupRequestDto, SetupResultDto, SetupStatusDto } from './setup.dto.js';

@ApiTags('setup')
@Controller('v1/setup')
@PlatformRoute()
export class SetupController {
  constructor(private readonly provisioning: FirmProvisioning) {}

  @Get()
  @ApiOperation({ summary: 'Whether this installation still needs its first firm' })
  @ApiOkResponse({ type: SetupStatusDto })
  async status(): Promise<SetupStatusDto> {
    return { needsSetup: await this.provisioning.needsSetup() };
  }

  @Post()
  @ApiOperation({ summary: 'First-run setup: create the first firm and its admin (needs the printed setup token)' })
  @ApiCreatedResponse({ type: SetupResultDto })
  async setup(@Ctx() ctx: RequestContext, @Body() body: SetupRequestDto): Promise<SetupResultDto> {
    const { firm, staffUrl } = await this.provisioning.completeSetup(ctx, body);
    return { firm: { slug: firm.slug, name: firm.name }, staffUrl };
  }
}

@ApiTags('staff')
@Controller('v1/staff/activation')
export class StaffActivationController {
  constructor(private readonly provisioning: FirmProvisioning) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password of a new staff account with its one-time link' })
  @ApiOkResponse({ type: ActivationResultDto })
  activate(@Ctx() ctx: RequestContext, @Body() body: ActivationRequestDto): Promise<ActivationResultDto> {
    return this.provisioning.activateStaff(ctx, body.token, body.password);
  }
}
