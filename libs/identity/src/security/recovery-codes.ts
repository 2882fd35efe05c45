import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32, lower-case: no i, l, o or u, so codes read aloud and copy by hand safely.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CHARS = 10; // 10 × 5 bits = 50 bits per code

/**
 * One-use codes for signing in without the authenticator, shown to the user once.
 * Only `hashes` (sha256 of the normalised code) are stored.
 */
export function generateRecoveryCodes(n = 10): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < n) {
    // 256 is a multiple of 32, so masking a byte to 5 bits is unbiased.
    const chars = [...randomBytes(CHARS)].map((b) => ALPHABET[b & 31]).join('');
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  const list = [...codes];
  return { codes: list, hashes: list.map(hashRecoveryCode) };
}

/** Lower-case, without dashes or spaces; the letters people confuse with digits read as Crockford does (o→0, i/l→1). */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(input), 'utf8').digest('hex');
}
