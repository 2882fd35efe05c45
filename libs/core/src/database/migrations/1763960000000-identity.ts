import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, created, fk, id, int, str, tableMaker, text, time } from './columns.js';

/**
 * Identity and access: credentials (one per staff member or client contact with
 * portal access), sessions with rotating refresh tokens, one-time tokens
 * (invitations, activation, reset, e-mail change), recovery codes, client
 * accounts and contacts, the engagement access list, and per-firm policies.
 */
export class Identity1763960000000 implements MigrationInterface {
  name = 'Identity1763960000000';

  async up(q: QueryRunner): Promise<void> {
    const table = tableMaker(q);
    const cascade = (from: string, column: string, to: string, onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE') =>
      q.createForeignKey(from, new TableForeignKey({
        name: `fk_${from}_${column}`.slice(0, 64), columnNames: [column], referencedTableName: to, referencedColumnNames: ['id'], onDelete,
      }));

    // Per-firm policies (issue 3): invitation lifetime, password rules, client MFA.
    for (const c of [
      int('invitation_ttl_days', 7), int('temp_password_ttl_days', 7), int('password_min_length', 12),
      int('password_max_age_days', 90), int('password_reminder_days', 14), bool('require_client_mfa', false),
    ]) {
      await q.addColumn('firm', new TableColumn(c));
    }

    await table('credential', [
      id(), fk('firm_id'), str('kind', 16), fk('subject_id'), str('login_email', 320),
      str('password_hash', 255, true), time('password_changed_at', true), bool('must_change_password', false),
      time('temp_password_expires_at', true), time('expiry_reminder_sent_at', true),
      text('mfa_secret', true), text('mfa_pending_secret', true), time('mfa_enabled_at', true), int('mfa_last_step', 0, true),
      bool('enabled', true), time('verified_at', true), time('last_sign_in_at', true),
      created(), created('updated_at'),
    ], {
      indices: [
        new TableIndex({ name: 'uq_credential_login', columnNames: ['firm_id', 'kind', 'login_email'], isUnique: true }),
        new TableIndex({ name: 'uq_credential_subject', columnNames: ['kind', 'subject_id'], isUnique: true }),
      ],
    });
    await cascade('credential', 'firm_id', 'firm');

    await table('auth_session', [
      id(), fk('firm_id'), fk('credential_id'), str('user_agent', 300, true), str('ip', 64, true),
      created(), time('last_seen_at'), time('expires_at'), time('revoked_at', true), str('revoke_reason', 40, true),
    ], { indices: [new TableIndex({ name: 'idx_session_credential', columnNames: ['credential_id', 'revoked_at'] })] });
    await cascade('auth_session', 'credential_id', 'credential');

    await table('refresh_token', [
      id(), fk('session_id'), str('token_hash', 64), created(), time('used_at', true), time('expires_at'),
    ], { indices: [new TableIndex({ name: 'uq_refresh_token_hash', columnNames: ['token_hash'], isUnique: true })] });
    await cascade('refresh_token', 'session_id', 'auth_session');

    await table('one_time_token', [
      id(), fk('firm_id'), str('purpose', 32), fk('subject_id'), str('token_hash', 64), text('data', true),
      time('expires_at'), time('used_at', true), str('revoked_reason', 40, true), fk('created_by', true), created(),
    ], {
      indices: [
        new TableIndex({ name: 'uq_one_time_token_hash', columnNames: ['token_hash'], isUnique: true }),
        new TableIndex({ name: 'idx_one_time_token_subject', columnNames: ['purpose', 'subject_id'] }),
      ],
    });
    await cascade('one_time_token', 'firm_id', 'firm');

    await table('recovery_code', [id(), fk('credential_id'), str('code_hash', 64), time('used_at', true), created()], {
      indices: [new TableIndex({ name: 'idx_recovery_code_credential', columnNames: ['credential_id'] })],
    });
    await cascade('recovery_code', 'credential_id', 'credential');

    await table('client_account', [
      id(), fk('firm_id'), str('name', 200), str('kind', 16), fk('assigned_staff_id', true), created(), created('updated_at'),
    ], { indices: [new TableIndex({ name: 'idx_client_account_firm_name', columnNames: ['firm_id', 'name'] })] });
    await cascade('client_account', 'firm_id', 'firm');
    await cascade('client_account', 'assigned_staff_id', 'staff_user', 'SET NULL');

    await table('contact', [
      id(), fk('firm_id'), fk('account_id'), str('first_name', 100), str('last_name', 100), bool('hidden', false),
      text('custom_fields', true), { ...str('portal_status', 16), default: "'none'" }, time('invitation_expires_at', true), created(), created('updated_at'),
    ], {
      indices: [
        new TableIndex({ name: 'idx_contact_account', columnNames: ['firm_id', 'account_id'] }),
        new TableIndex({ name: 'idx_contact_portal_status', columnNames: ['firm_id', 'portal_status'] }),
        new TableIndex({ name: 'idx_contact_name', columnNames: ['firm_id', 'last_name', 'first_name'] }),
      ],
    });
    await cascade('contact', 'account_id', 'client_account');

    await table('contact_email', [id(), fk('firm_id'), fk('contact_id'), str('address', 320), str('label', 40, true), int('position')], {
      indices: [
        new TableIndex({ name: 'uq_contact_email', columnNames: ['contact_id', 'address'], isUnique: true }),
        new TableIndex({ name: 'idx_contact_email_address', columnNames: ['firm_id', 'address'] }),
      ],
    });
    await cascade('contact_email', 'contact_id', 'contact');

    // Engagements (cases, matters, projects): the document exchange (issue 4) grows this table;
    // identity needs it now for the staff access list and the "disable portal access" check.
    await table('engagement', [
      id(), fk('firm_id'), fk('account_id'), str('name', 200), { ...str('status', 32), default: "'open'" }, bool('restricted', false),
      bool('shared_with_client', false), created(), created('updated_at'),
    ], { indices: [new TableIndex({ name: 'idx_engagement_account', columnNames: ['firm_id', 'account_id'] })] });
    await cascade('engagement', 'account_id', 'client_account');
    await table('engagement_staff', [{ ...fk('engagement_id'), isPrimary: true }, { ...fk('staff_id'), isPrimary: true }]);
    await cascade('engagement_staff', 'engagement_id', 'engagement');
    await cascade('engagement_staff', 'staff_id', 'staff_user');

    // Staff: passwords move to `credential`, activation links to `one_time_token`.
    await q.addColumn('staff_user', new TableColumn({ ...str('engagement_access', 16), default: "'all'" }));
    const staff: Array<{ id: string; firm_id: string; email: string; enabled: number | boolean; password_hash: string | null; activation_token_hash: string | null; activation_expires_at: unknown }> =
      await q.query('SELECT id, firm_id, email, enabled, password_hash, activation_token_hash, activation_expires_at FROM staff_user');
    for (const s of staff) {
      await q.query(
        'INSERT INTO credential (id, firm_id, kind, subject_id, login_email, password_hash, password_changed_at, must_change_password, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [s.id, s.firm_id, 'staff', s.id, s.email, s.password_hash, s.password_hash ? new Date() : null, 0, s.enabled ? 1 : 0, new Date(), new Date()],
      );
      if (s.activation_token_hash) {
        await q.query(
          'INSERT INTO one_time_token (id, firm_id, purpose, subject_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [s.id, s.firm_id, 'staff-activation', s.id, s.activation_token_hash, s.activation_expires_at, new Date()],
        );
      }
    }
    for (const c of ['password_hash', 'activation_token_hash', 'activation_expires_at']) await q.dropColumn('staff_user', c);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('staff_user', new TableColumn(str('password_hash', 255, true)));
    await q.addColumn('staff_user', new TableColumn(str('activation_token_hash', 64, true)));
    await q.addColumn('staff_user', new TableColumn(time('activation_expires_at', true)));
    await q.query(`UPDATE staff_user SET password_hash = (SELECT password_hash FROM credential c WHERE c.subject_id = staff_user.id AND c.kind = 'staff')`);
    await q.dropColumn('staff_user', 'engagement_access');
    for (const t of ['engagement_staff', 'engagement', 'contact_email', 'contact', 'client_account', 'recovery_code', 'one_time_token', 'refresh_token', 'auth_session', 'credential']) {
      await q.dropTable(t);
    }
    for (const c of ['invitation_ttl_days', 'temp_password_ttl_days', 'password_min_length', 'password_max_age_days', 'password_reminder_days', 'require_client_mfa']) {
      await q.dropColumn('firm', c);
    }
  }
}
