import { createHash } from 'node:crypto';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.js';

describe('recovery codes', () => {
  it('makes ten distinct xxxxx-xxxxx codes from the unambiguous alphabet by default', () => {
    const { codes, hashes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(hashes).toEqual(codes.map(hashRecoveryCode));
    expect(generateRecoveryCodes(3).codes).toHaveLength(3);
  });

  it('hashes the normalised code with sha256', () => {
    const code = generateRecoveryCodes(1).codes[0];
    const plain = code.replace('-', '');
    expect(hashRecoveryCode(code)).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(hashRecoveryCode(` ${code.toUpperCase().replace('-', ' - ')} `)).toBe(hashRecoveryCode(code));
  });

  it('normalises case, separators and look-alike letters', () => {
    expect(normaliseRecoveryCode(' AB1CD-EF0GH ')).toBe('ab1cdef0gh');
    expect(normaliseRecoveryCode('abOcd-eflgI')).toBe('ab0cdef1g1');
  });

  it('uses every symbol of the alphabet (≈ 5 bits per character)', () => {
    const seen = new Set(generateRecoveryCodes(200).codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });
});
