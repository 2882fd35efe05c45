import { StaffUser } from './staff-user.entity.js';
import { Credential } from './credential.entity.js';
import { AuthSession, RefreshToken } from './auth-session.entity.js';
import { OneTimeToken, RecoveryCode } from './one-time-token.entity.js';
import { ClientAccount, Contact, ContactEmail } from './client.entities.js';

export { StaffUser, Credential, AuthSession, RefreshToken, OneTimeToken, RecoveryCode, ClientAccount, Contact, ContactEmail };
export type { StaffRole, EngagementAccess } from './staff-user.entity.js';
export type { PrincipalKind } from './credential.entity.js';
export type { TokenPurpose } from './one-time-token.entity.js';
export type { ClientAccountKind, PortalStatus } from './client.entities.js';

export const identityEntities = [
  StaffUser, Credential, AuthSession, RefreshToken, OneTimeToken, RecoveryCode, ClientAccount, Contact, ContactEmail,
];
