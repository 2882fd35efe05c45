import { Inject, Injectable } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import { PORTICO_CONFIG, type PorticoConfig } from '@portico/core';

/** Keys derived from SECRET_KEY, one per use, so that no two uses share a key. */
@Injectable()
export class AuthKeys {
  readonly jwtKey: Buffer;

  constructor(@Inject(PORTICO_CONFIG) config: PorticoConfig) {
    this.jwtKey = Buffer.from(hkdfSync('sha256', config.secretKey, 'portico', 'portico/jwt/v1', 32));
  }
}
