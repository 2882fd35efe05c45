export { SecretBox, SecretBoxError } from './secret-box.js';
export { Totp, type TotpCheck } from './totp.js';
export { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.js';
export { checkPassword, MAX_PASSWORD_LENGTH, type PasswordPolicyOptions, type PasswordProblem, type PasswordRule } from './password-policy.js';
export {
  ATTEMPT_LIMITER, DatabaseAttemptLimiter, RedisAttemptLimiter, type AttemptLimiter, type AttemptResult,
} from './attempt-limiter.js';
