/**
 * Test helpers for plugin authors: `@portico/plugin-sdk/testing`.
 *
 * Import this only from test files; the conformance kits declare Jest tests
 * and use Jest's globals. The stream and memory helpers work anywhere.
 */
export { runStorageBackendConformance } from './storage-conformance.js';
export type { StorageBackendUnderTest, StorageConformanceOptions } from './storage-conformance.js';
export {
  PseudoRandomStream,
  createPseudoRandomStream,
  pseudoRandomBytes,
  pseudoRandomSha256,
} from './pseudo-random-stream.js';
export type { PseudoRandomStreamOptions } from './pseudo-random-stream.js';
export { measurePeakRss } from './peak-rss.js';
export type { PeakRssReport } from './peak-rss.js';
