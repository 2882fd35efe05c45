import { Readable } from 'node:stream';
import { StorageKeyError, type StorageBackend } from '@portico/plugin-sdk';
import { TenantStorage } from './tenant-storage.service.js';
import type { RequestContext } from '../tenancy/request-context.js';

const firmId = '2b7c1f9e-1111-4222-8333-944455556666';
const ctx = { firmId } as RequestContext;

class RecordingBackend implements StorageBackend {
  readonly driver = 'recording';
  keys: string[] = [];
  async put(key: string) { this.keys.push(key); return { size: 0, sha256: '' }; }
  async get(key: string) { this.keys.push(key); return { stream: Readable.from([]), size: 0 }; }
  async exists(key: string) { this.keys.push(key); return false; }
  async delete(key: string) { this.keys.push(key); }
}

describe('TenantStorage', () => {
  it('puts every key under the firm prefix', async () => {
    const backend = new RecordingBackend();
    const storage = new TenantStorage(backend);
    await storage.put(ctx, 'documents/a.pdf', Readable.from([]));
    await storage.exists(ctx, 'documents/a.pdf');
    expect(backend.keys).toEqual([`firms/${firmId}/documents/a.pdf`, `firms/${firmId}/documents/a.pdf`]);
  });

  it.each(['../other-firm/x', 'a/../../b', '/etc/passwd', 'a\\b', ''])('refuses the escaping key %p', async (key) => {
    const backend = new RecordingBackend();
    const storage = new TenantStorage(backend);
    await expect(storage.get(ctx, key)).rejects.toBeInstanceOf(StorageKeyError);
    expect(backend.keys).toEqual([]);
  });
});
