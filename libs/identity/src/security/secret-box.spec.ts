import { SecretBox, SecretBoxError } from './secret-box.js';

const KEY = 'k'.repeat(40);

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it('round-trips, in the versioned format', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('seals the same plaintext differently each time', () => {
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe(box.open(b));
  });

  it('detects tampering with any part', () => {
    const sealed = box.seal('secret value');
    const [v, iv, tag, ct] = sealed.split('.');
    const flip = (s: string) => {
      const buf = Buffer.from(s, 'base64url');
      buf[0] ^= 1;
      return buf.toString('base64url');
    };
    for (const bad of [
      [v, flip(iv), tag, ct], [v, iv, flip(tag), ct], [v, iv, tag, flip(ct)], ['v2', iv, tag, ct],
      [v, iv, tag], [v, iv, tag.slice(2), ct], [v, iv, tag, ct, ct],
    ]) {
      expect(() => box.open(bad.join('.'))).toThrow(SecretBoxError);
    }
    expect(() => box.open('garbage')).toThrow(SecretBoxError);
    expect(() => box.open('v1.***.***.***')).toThrow(SecretBoxError);
  });

  it('does not open under another key', () => {
    const sealed = box.seal('secret value');
    expect(() => new SecretBox(`${KEY}x`).open(sealed)).toThrow(SecretBoxError);
  });

  it('binds an optional context', () => {
    const sealed = box.seal('secret value', 'totp:user-1');
    expect(box.open(sealed, 'totp:user-1')).toBe('secret value');
    expect(() => box.open(sealed, 'totp:user-2')).toThrow(SecretBoxError);
    expect(() => box.open(sealed)).toThrow(SecretBoxError);
  });

  it('refuses an empty key', () => {
    expect(() => new SecretBox('')).toThrow(/SECRET_KEY/);
  });
});
