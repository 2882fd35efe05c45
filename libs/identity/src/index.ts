export { IdentityModule } from './identity.module.js';
export { FirmProvisioning, type NewFirm } from './firm-provisioning.service.js';
export { StaffUser, type StaffRole } from './staff-user.entity.js';
export { hashPassword, verifyPassword } from './password-hasher.js';
export { CreateFirmFields } from './setup.dto.js';
