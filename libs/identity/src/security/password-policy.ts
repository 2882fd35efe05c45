import { createRequire } from 'node:module';

export const MAX_PASSWORD_LENGTH = 256;
const MIN_CONTEXT_LENGTH = 4;

/** The rules `checkPassword` applies. */
export type PasswordRule = 'minLength' | 'maxLength' | 'common' | 'contextual';

/** One failed rule. `rule` is a string so callers can add problems of their own to the same list. */
export interface PasswordProblem {
  rule: PasswordRule | (string & {});
  message: string;
}

export interface PasswordPolicyOptions {
  /** Minimum length in Unicode code points (the firm's policy; NIST suggests ≥ 8, better 12+). */
  minLength: number;
  /** What the password must not contain: the user's e-mail address, name, … Parts shorter than 4 characters are ignored. */
  context?: string[];
}

let common: Set<string> | undefined;

/**
 * ~49 000 most common passwords (the `passwords-common` list of @zxcvbn-ts/language-common,
 * all lower-case), loaded on first use: a plain `import` would decompress it at boot.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set(dictionary['passwords-common']);
  }
  return common;
}

/**
 * Checks a new password against the policy (NIST SP 800-63B style: length and a block-list,
 * no composition rules). Returns every problem found; an empty list means the password is acceptable.
 */
export function checkPassword(password: string, opts: PasswordPolicyOptions): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < opts.minLength) {
    problems.push({ rule: 'minLength', message: `Password must be at least ${opts.minLength} characters` });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push({ rule: 'maxLength', message: `Password must be at most ${MAX_PASSWORD_LENGTH} characters` });
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    problems.push({ rule: 'common', message: 'This password is too common; choose another' });
  }
  if (contextParts(opts.context ?? []).some((part) => lower.includes(part))) {
    problems.push({ rule: 'contextual', message: 'Password must not contain your name or e-mail address' });
  }
  return problems;
}

/** `jane.doe@acme.com` → `jane.doe`, `jane`; `Jane Doe-Smith` → `jane doe-smith`, `jane`, `smith`. */
function contextParts(context: string[]): string[] {
  const parts = new Set<string>();
  for (const entry of context) {
    const value = entry.trim().toLowerCase();
    const whole = value.includes('@') ? value.slice(0, value.lastIndexOf('@')) : value;
    for (const part of [whole, ...whole.split(/[^\p{L}\p{N}]+/u)]) {
      if ([...part].length >= MIN_CONTEXT_LENGTH) parts.add(part);
    }
  }
  return [...parts];
}
