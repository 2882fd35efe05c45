import type { Audience } from '../core/api-types';

/**
 * The lowest minimum password length any firm can set (the firm's setting ranges
 * 12–128). Pages that don't know the firm's exact setting check this much on the
 * client and leave the rest to the server's field messages.
 */
export const MIN_PASSWORD_FLOOR = 12;

/** Where an audience's identity pages live: the portal at `/`, staff under `/staff`. */
export interface AudiencePaths {
  home: string;
  signIn: string;
  forgotPassword: string;
  account: string;
}

export function audiencePaths(audience: Audience): AudiencePaths {
  const base = audience === 'staff' ? '/staff' : '';
  return {
    home: base || '/',
    signIn: `${base}/sign-in`,
    forgotPassword: `${base}/forgot-password`,
    account: `${base}/account`,
  };
}

/** Why the sign-in page was opened: shown above the form (`/sign-in?notice=…`). */
export type SignInNotice = 'activated' | 'password-changed' | 'password-reset' | 'signed-out' | 'signed-out-everywhere' | 'login-email-changed';

export const SIGN_IN_NOTICES: Record<SignInNotice, string> = {
  activated: 'Password set. Sign in.',
  'password-changed': 'Password changed. Sign in with your new password.',
  'password-reset': 'Your password was reset. Sign in with your new password.',
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You were signed out on every device. Sign in again to continue here.',
  'login-email-changed': 'Your login e-mail was changed. Sign in with the new address.',
};

export function isSignInNotice(value: string | undefined): value is SignInNotice {
  return !!value && Object.prototype.hasOwnProperty.call(SIGN_IN_NOTICES, value);
}

/** Who to ask when something only the firm can change (the login e-mail) needs changing. */
export function whoToAsk(audience: Audience, firmName: string | undefined): string {
  return audience === 'staff' ? 'an administrator' : (firmName ?? 'the firm');
}
