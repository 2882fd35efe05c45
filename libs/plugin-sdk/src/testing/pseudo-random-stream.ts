import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Deterministic pseudo-random bytes for storage tests: the same `seed` always
 * gives the same bytes, any slice can be computed without the bytes before it,
 * and a stream of any length is generated on the fly (never held in memory).
 *
 * The bytes are the AES-256-CTR key stream for a key and counter derived from
 * the seed, so generation runs at several GB/s and is not compressible.
 */

const ZEROES = Buffer.alloc(1024 * 1024);
const BLOCK = 16n;
const COUNTER_SPACE = 1n << 128n;

function cipherAt(seed: string, offset: number) {
  const key = createHash('sha256').update(`portico-prng-key:${seed}`).digest();
  const iv = createHash('sha256').update(`portico-prng-iv:${seed}`).digest().subarray(0, 16);
  const counter = (BigInt(`0x${iv.toString('hex')}`) + BigInt(offset) / BLOCK) % COUNTER_SPACE;
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.from(counter.toString(16).padStart(32, '0'), 'hex'));
  const skip = offset % 16;
  if (skip > 0) cipher.update(ZEROES.subarray(0, skip));
  return cipher;
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/**
 * The `length` pseudo-random bytes that start at `offset` of the sequence for
 * `seed`. Use it for small objects, or to check a byte range of a large one.
 *
 * @example `pseudoRandomBytes(1024, { seed: 'a', offset: 2 ** 30 - 1024 })` is
 * the last KiB of a 1 GiB `createPseudoRandomStream(2 ** 30, { seed: 'a' })`.
 */
export function pseudoRandomBytes(length: number, options: { seed?: string; offset?: number } = {}): Buffer {
  assertSize('length', length);
  const offset = options.offset ?? 0;
  assertSize('offset', offset);
  const cipher = cipherAt(options.seed ?? 'portico', offset);
  const out = Buffer.allocUnsafe(length);
  for (let at = 0; at < length; at += ZEROES.length) {
    const n = Math.min(ZEROES.length, length - at);
    cipher.update(ZEROES.subarray(0, n)).copy(out, at);
  }
  return out;
}

/**
 * Lower-case hex SHA-256 of the first `size` bytes for `seed`, computed by
 * generating them in chunks (about 1 s per GiB; memory stays flat).
 */
export function pseudoRandomSha256(size: number, seed = 'portico'): string {
  assertSize('size', size);
  const cipher = cipherAt(seed, 0);
  const hash = createHash('sha256');
  for (let at = 0; at < size; at += ZEROES.length) {
    hash.update(cipher.update(ZEROES.subarray(0, Math.min(ZEROES.length, size - at))));
  }
  return hash.digest('hex');
}

/** Options of {@link createPseudoRandomStream}. */
export interface PseudoRandomStreamOptions {
  /** Selects the byte sequence. Default `'portico'`. */
  seed?: string;
  /** Bytes per chunk pushed. Default 64 KiB. */
  chunkBytes?: number;
  /** Wait this many milliseconds before each chunk, to make a slow upload. Default 0. */
  delayMs?: number;
  /**
   * Destroy the stream with {@link PseudoRandomStreamOptions.error} once this
   * many bytes have been pushed, as a client that disconnects mid-upload.
   */
  failAfterBytes?: number;
  /** The error used by `failAfterBytes`. Default `Error('pseudo-random source failed on purpose')`. */
  error?: Error;
}

/**
 * A readable stream of `size` pseudo-random bytes that also hashes what it
 * emits, so a test knows the expected size and sha256 of a body of any length
 * without holding it. Pass `Infinity` as size for an endless stream.
 */
export class PseudoRandomStream extends Readable {
  /** Bytes this stream will emit in total (`Infinity` for an endless stream). */
  readonly size: number;
  private readonly cipher: ReturnType<typeof cipherAt>;
  private readonly hash = createHash('sha256');
  private readonly chunkBytes: number;
  private readonly delayMs: number;
  private readonly failAfterBytes: number;
  private readonly failure: Error;
  private emitted = 0;
  private digest?: string;

  constructor(size: number, options: PseudoRandomStreamOptions = {}) {
    super({ highWaterMark: options.chunkBytes ?? 64 * 1024 });
    if (size !== Infinity) assertSize('size', size);
    this.size = size;
    this.cipher = cipherAt(options.seed ?? 'portico', 0);
    this.chunkBytes = Math.min(options.chunkBytes ?? 64 * 1024, ZEROES.length);
    this.delayMs = options.delayMs ?? 0;
    this.failAfterBytes = options.failAfterBytes ?? Infinity;
    this.failure = options.error ?? new Error('pseudo-random source failed on purpose');
  }

  /** Bytes pushed so far. */
  get bytesEmitted(): number {
    return this.emitted;
  }

  /**
   * Hex SHA-256 of everything emitted; available once the stream has ended.
   * @throws Error before the end.
   */
  sha256(): string {
    if (this.digest === undefined) throw new Error('PseudoRandomStream.sha256() is known only after the stream has ended');
    return this.digest;
  }

  override _read(): void {
    if (this.delayMs > 0) setTimeout(() => this.pushChunk(), this.delayMs);
    else this.pushChunk();
  }

  private pushChunk(): void {
    if (this.destroyed) return;
    if (this.emitted >= this.size) {
      this.digest = this.hash.digest('hex');
      this.push(null);
      return;
    }
    if (this.emitted >= this.failAfterBytes) {
      this.destroy(this.failure);
      return;
    }
    const n = Math.min(this.chunkBytes, this.size - this.emitted, this.failAfterBytes - this.emitted);
    const chunk = this.cipher.update(ZEROES.subarray(0, n));
    this.emitted += n;
    this.hash.update(chunk);
    this.push(chunk);
  }
}

/** Shorthand for `new PseudoRandomStream(size, options)`. */
export function createPseudoRandomStream(size: number, options?: PseudoRandomStreamOptions): PseudoRandomStream {
  return new PseudoRandomStream(size, options);
}
