import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PORTICO_CONFIG, type PorticoConfig } from '@portico/core';
import { FirmProvisioning } from './firm-provisioning.service.js';

/** On a fresh install, prints the one-time setup address when the API starts. */
@Injectable()
export class SetupAnnouncer implements OnApplicationBootstrap {
  constructor(
    private readonly provisioning: FirmProvisioning,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'test') return;
    const token = await this.provisioning.issueSetupToken();
    if (!token) return;
    // Printed on the console on purpose (not through the logger): it is the
    // installer's key to the first-run page, like a one-time password.
    process.stdout.write(
      `\n  Portico is not set up yet. Open this address to create your firm:\n\n    ${this.provisioning.setupUrl(token)}\n\n`,
    );
  }
}
