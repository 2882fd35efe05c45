import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Firm } from '../database/entities/firm.entity.js';
import { PORTICO_CONFIG, type PorticoConfig } from '../config/portico-config.js';
import { publicOrigin } from '../config/load-config.js';

export type HostResolution = { kind: 'platform' } | { kind: 'firm'; firm: Firm } | { kind: 'unknown' };

const CACHE_MS = 5_000;

/**
 * Maps a Host header to the platform (the bare base domain), a firm
 * (`<slug>.<base>` or its custom domain) or nothing. Results are cached for a
 * few seconds; API nodes stay stateless because the database is the truth.
 */
@Injectable()
export class FirmResolver {
  private readonly cache = new Map<string, { at: number; result: HostResolution }>();

  constructor(
    private readonly db: DataSource,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<HostResolution> {
    const hostname = normaliseHost(hostHeader);
    if (!hostname) return { kind: 'unknown' };
    const base = this.config.baseDomain;
    if (hostname === base || (base === 'localhost' && (hostname === '127.0.0.1' || hostname === '[::1]'))) {
      return { kind: 'platform' };
    }
    const hit = this.cache.get(hostname);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
    const result = await this.lookup(hostname, base);
    this.cache.set(hostname, { at: Date.now(), result });
    if (this.cache.size > 10_000) this.cache.clear();
    return result;
  }

  /** Forget cached answers, e.g. after a firm was created or its domain changed. */
  invalidate(): void {
    this.cache.clear();
  }

  /** The public address of a firm's portal, following its custom domain if set. */
  portalUrl(firm: Pick<Firm, 'slug' | 'customDomain'>): string {
    return publicOrigin(this.config, firm.customDomain ?? `${firm.slug}.${this.config.baseDomain}`);
  }

  platformUrl(): string {
    return publicOrigin(this.config, this.config.baseDomain);
  }

  private async lookup(hostname: string, base: string): Promise<HostResolution> {
    const repo = this.db.getRepository(Firm);
    const suffix = '.' + base;
    if (hostname.endsWith(suffix)) {
      const slug = hostname.slice(0, -suffix.length);
      if (!slug.includes('.')) {
        const firm = await repo.findOne({ where: { slug } });
        if (firm) return { kind: 'firm', firm };
      }
    }
    const firm = await repo.findOne({ where: { customDomain: hostname } });
    return firm ? { kind: 'firm', firm } : { kind: 'unknown' };
  }
}

/** Lower-case host name without port; undefined when the header is unusable. */
export function normaliseHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const h = host.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0];
  return /^[a-z0-9.\-[\]:]+$/.test(name) && name.length <= 253 ? name.replace(/\.$/, '') : undefined;
}
