import { generateSync } from 'otplib';
import { Totp } from './totp.js';

describe('Totp', () => {
  const totp = new Totp();
  const secret = totp.newSecret();
  // The middle of a step, so ±30 s lands in the neighbouring steps.
  const now = 1_763_970_015_000;
  const step = totp.stepAt(now);
  const at = (steps: number) => totp.codeAt(secret, now + steps * 30_000);

  it('makes base32 secrets of 160 bits and authenticator addresses', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totp.newSecret()).not.toBe(secret);
    const url = new URL(totp.otpauthUrl(secret, 'jane@acme-cpa.com', 'Acme CPA'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Acme CPA:jane@acme-cpa.com');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Acme CPA');
  });

  it('agrees with otplib (RFC 6238) on the code', () => {
    expect(at(0)).toMatch(/^\d{6}$/);
    expect(at(0)).toBe(generateSync({ secret, epoch: Math.floor(now / 1000) }));
  });

  it('accepts the current, previous and next step and returns the step', () => {
    expect(totp.verify(secret, at(0), null, now)).toEqual({ ok: true, step });
    expect(totp.verify(secret, at(-1), null, now)).toEqual({ ok: true, step: step - 1 });
    expect(totp.verify(secret, at(1), null, now)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes two steps away', () => {
    expect(totp.verify(secret, at(-2), null, now)).toEqual({ ok: false });
    expect(totp.verify(secret, at(2), null, now)).toEqual({ ok: false });
  });

  it('refuses a replayed code and any older one', () => {
    const first = totp.verify(secret, at(0), null, now);
    expect(first.ok).toBe(true);
    const last = first.ok ? first.step : -1;
    expect(totp.verify(secret, at(0), last, now + 5_000)).toEqual({ ok: false });
    expect(totp.verify(secret, at(-1), last, now)).toEqual({ ok: false });
    expect(totp.verify(secret, at(1), last, now)).toEqual({ ok: true, step: step + 1 });
    // A stored step beyond the window (clock moved back) refuses without throwing.
    expect(totp.verify(secret, at(0), step + 5, now)).toEqual({ ok: false });
  });

  it('refuses wrong and malformed codes, and trims spaces', () => {
    const wrong = String((Number(at(0)) + 1) % 1_000_000).padStart(6, '0');
    const others = new Set([at(-1), at(0), at(1)]);
    if (!others.has(wrong)) expect(totp.verify(secret, wrong, null, now)).toEqual({ ok: false });
    for (const bad of ['', '12345', '1234567', 'abcdef', `${at(0)}0`]) {
      expect(totp.verify(secret, bad, null, now)).toEqual({ ok: false });
    }
    const spaced = ` ${at(0).slice(0, 3)} ${at(0).slice(3)} `;
    expect(totp.verify(secret, spaced, null, now)).toEqual({ ok: true, step });
  });
});
