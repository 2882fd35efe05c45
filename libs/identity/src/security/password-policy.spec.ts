import { randomBytes } from 'node:crypto';
import { checkPassword, MAX_PASSWORD_LENGTH } from './password-policy.js';

const rules = (password: string, opts: Parameters<typeof checkPassword>[1] = { minLength: 12 }) =>
  checkPassword(password, opts).map((p) => p.rule);

describe('checkPassword', () => {
  it('accepts a long random password', () => {
    const password = randomBytes(18).toString('base64url');
    expect(checkPassword(password, { minLength: 12, context: ['jane.doe@acme-cpa.com', 'Jane Doe'] })).toEqual([]);
  });

  it('enforces the minimum length, counted in code points', () => {
    expect(checkPassword('Zq7#vR2m', { minLength: 12 })).toEqual([
      { rule: 'minLength', message: 'Password must be at least 12 characters' },
    ]);
    // Five emoji are ten UTF-16 units but five characters.
    expect(rules('🔑🔒🗝🛡🧷', { minLength: 6 })).toEqual(['minLength']);
    expect(rules('🔑🔒🗝🛡🧷x', { minLength: 6 })).toEqual([]);
  });

  it('enforces the maximum length', () => {
    const ok = 'a1B2c3D4'.repeat(32);
    expect(ok).toHaveLength(MAX_PASSWORD_LENGTH);
    expect(rules(ok)).toEqual([]);
    expect(checkPassword(`${ok}x`, { minLength: 12 })).toEqual([
      { rule: 'maxLength', message: 'Password must be at most 256 characters' },
    ]);
  });

  it('refuses common passwords, whatever their case', () => {
    expect(checkPassword('password1234', { minLength: 12 })).toEqual([
      { rule: 'common', message: 'This password is too common; choose another' },
    ]);
    expect(rules('QwertyUiop123')).toEqual(['common']);
    expect(rules('password', { minLength: 12 })).toEqual(['minLength', 'common']);
  });

  it('refuses a password containing the e-mail local part or a name', () => {
    const context = ['Jane.Doe@acme-cpa.com', 'Jane Doe-Smithers'];
    expect(checkPassword('xx-JANE.DOE-2024!', { minLength: 12, context })).toEqual([
      { rule: 'contextual', message: 'Password must not contain your name or e-mail address' },
    ]);
    expect(rules('correct smithers battery', { minLength: 12, context })).toEqual(['contextual']);
    expect(rules('my-jane-horse-staple', { minLength: 12, context })).toEqual(['contextual']);
    // "doe" is shorter than four characters and not checked on its own; the domain is not checked.
    expect(rules('doe-acme-cpa-horse-battery', { minLength: 12, context })).toEqual([]);
  });
});
