import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  STORAGE_BACKEND,
  StorageKeyError,
  assertValidStorageKey,
  type ByteRange,
  type GetResult,
  type PutOptions,
  type PutResult,
  type StorageBackend,
} from '@portico/plugin-sdk';
import type { RequestContext } from '../tenancy/request-context.js';

/**
 * The only way business code reaches file bytes: every key is placed under
 * `firms/<firmId>/`, and a key that would leave that prefix is refused.
 */
@Injectable()
export class TenantStorage {
  constructor(@Inject(STORAGE_BACKEND) readonly backend: StorageBackend) {}

  get driver(): string {
    return this.backend.driver;
  }

  /** The backend key for a firm-relative key. */
  keyFor(firmId: string, key: string): string {
    assertValidStorageKey(key);
    if (!/^[0-9a-f-]{36}$/.test(firmId)) throw new StorageKeyError(`invalid firm id "${firmId}"`);
    return `firms/${firmId}/${key}`;
  }

  async put(ctx: RequestContext, key: string, body: Readable, options?: PutOptions): Promise<PutResult> {
    return this.backend.put(this.keyFor(ctx.firmId, key), body, options);
  }

  async get(ctx: RequestContext, key: string, range?: ByteRange): Promise<GetResult> {
    return this.backend.get(this.keyFor(ctx.firmId, key), range);
  }

  async exists(ctx: RequestContext, key: string): Promise<boolean> {
    return this.backend.exists(this.keyFor(ctx.firmId, key));
  }

  async delete(ctx: RequestContext, key: string): Promise<void> {
    return this.backend.delete(this.keyFor(ctx.firmId, key));
  }

  async healthCheck(): Promise<void> {
    if (this.backend.healthCheck) return this.backend.healthCheck();
    await this.backend.exists('health/probe');
  }
}
