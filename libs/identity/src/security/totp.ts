import { Injectable } from '@nestjs/common';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
const CODE = /^\d{6}$/;

export type TotpCheck = { ok: true; step: number } | { ok: false };

/**
 * Time-based one-time codes (authenticator apps). `verify` accepts the current 30-second step
 * and one step either side (clock drift), and refuses any step at or before `lastUsedStep`,
 * so a code works once: the caller stores the returned `step` as the new `lastUsedStep`.
 */
@Injectable()
export class Totp {
  /** A new 160-bit secret, base32 (what authenticator apps expect). */
  newSecret(): string {
    return generateSecret();
  }

  /** The `otpauth://totp/…` address an authenticator app reads from a QR code. */
  otpauthUrl(secret: string, accountName: string, issuer: string): string {
    return generateURI({ issuer, label: accountName, secret });
  }

  verify(secret: string, code: string, lastUsedStep: number | null, now = Date.now()): TotpCheck {
    const token = code.replace(/\s+/g, '');
    if (!CODE.test(token)) return { ok: false };
    const epoch = Math.floor(now / 1000);
    const newest = Math.floor(epoch / PERIOD_S) + 1;
    const after = lastUsedStep === null ? undefined : Math.max(0, Math.floor(lastUsedStep));
    // otplib throws when afterTimeStep lies beyond the window; nothing in the window is acceptable then.
    if (after !== undefined && after >= newest) return { ok: false };
    const result = verifySync({ secret, token, epoch, epochTolerance: PERIOD_S, afterTimeStep: after });
    return result.valid && 'timeStep' in result ? { ok: true, step: result.timeStep } : { ok: false };
  }

  /** The code for the step containing `timeMs` (tests, and showing a code during enrolment checks). */
  codeAt(secret: string, timeMs: number): string {
    return generateSync({ secret, epoch: Math.floor(timeMs / 1000) });
  }

  /** The step number containing `timeMs`. */
  stepAt(timeMs: number): number {
    return Math.floor(timeMs / 1000 / PERIOD_S);
  }
}
