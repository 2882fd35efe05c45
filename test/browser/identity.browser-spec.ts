import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Totp } from '@portico/identity';
import {
  MailCatcher, createTestDatabase, dropTestQueue, freePort, launchBrowser, spawnPortico, testQueueEnv, type CaughtMail, type PorticoProcess,
} from '@portico/testing';
import { createFirmWithCli, newPage, shot, unexpected } from './support.js';

/**
 * Issue 3's journey in a real browser against the compiled app, with mail caught
 * by a real SMTP server: staff invite a contact; the client accepts from the
 * e-mail, sets a password and two-step verification (codes computed here), signs
 * in, changes the password (and is signed out), then resets it via "Need help?".
 */

const FIRM = { name: 'Marlow & Reyes Immigration', slug: 'marlow-reyes', admin: { name: 'Maya Reyes', email: 'maya@marlow-reyes.test' } };
const STAFF_PASSWORD = 'tidal rivers carve patient stone';
const CLIENT = { first: 'Zoë', last: 'Okafor-Núñez', email: 'zoe.okafor@example.test', account: 'Okafor-Núñez household' };
const CLIENT_PASSWORDS = ['amber lanterns over the harbour', 'seven quiet herons at dawn', 'paper kites above brick chimneys'];

let dataDir: string;
let env: Record<string, string>;
let origin: string;
let dropDatabase: () => Promise<void> = async () => {};
let mail: MailCatcher | undefined;
let api: PorticoProcess | undefined;
let browser: Browser | undefined;
let temporaryPassword: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portico-browser-identity-'));
  const port = await freePort();
  mail = await MailCatcher.start();
  const db = await createTestDatabase(dataDir);
  dropDatabase = db.drop;
  env = {
    NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, SECRET_KEY: randomBytes(30).toString('base64url').slice(0, 40),
    MAIL_DRIVER: 'smtp', SMTP_URL: mail.url, ...db.env, ...testQueueEnv(),
  };
  api = spawnPortico('api', env);
  [browser] = await Promise.all([launchBrowser(), api.waitFor(/Portico is listening on/, 60_000)]);
  ({ temporaryPassword } = await createFirmWithCli(env, FIRM));
  origin = `http://${FIRM.slug}.localhost:${port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await api?.stop();
  await mail?.stop();
  await dropDatabase().catch(() => undefined);
  if (env) await dropTestQueue(env).catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

/** The first link in a caught e-mail whose path is `path`. */
function linkIn(message: CaughtMail, path: string): string {
  const found = [...`${message.text}\n${message.html}`.matchAll(/https?:\/\/[^\s"'<>()]+/g)].map((m) => m[0].replace(/&amp;/g, '&')).find((u) => new URL(u).pathname === path);
  if (!found) throw new Error(`no ${path} link in "${message.subject}":\n${message.text}`);
  return found;
}

/** TOTP codes as the client's authenticator app would show them, never reusing a 30-s step. */
class Authenticator {
  private lastStep = -1;
  constructor(private readonly secret: string) {}

  async next(): Promise<string> {
    for (;;) {
      const now = Math.floor(Date.now() / 30_000);
      const step = Math.max(now - 1, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return new Totp().codeAt(this.secret, step * 30_000);
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

async function signInAsClient(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

describe('identity in a real browser', () => {
  it('invite → accept with password and TOTP → sign in → change password (signed out) → reset through "Need help?"', async () => {
    // ── Staff: first sign-in with the CLI's temporary password, replaced at once ──
    const staff = await newPage(browser!);
    let invitation: CaughtMail;
    try {
      const { page } = staff;
      await page.goto(`${origin}/staff`);
      await page.waitForURL((u) => u.pathname === '/staff/sign-in');
      await page.getByTestId('sign-in-email').fill(FIRM.admin.email);
      await page.getByTestId('sign-in-password').fill(temporaryPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('challenge-new-password').fill(STAFF_PASSWORD);
      await page.getByTestId('challenge-confirm-password').fill(STAFF_PASSWORD);
      await shot(page, 'identity-staff-temporary-password.png');
      await Promise.all([page.waitForURL((u) => u.pathname === '/staff'), page.getByTestId('challenge-password-submit').click()]);
      await page.getByRole('banner').getByText(FIRM.admin.name).waitFor();

      // ── Staff: a new client with one contact, then the invitation ──
      await page.goto(`${origin}/staff/clients`);
      await page.getByTestId('new-client').click();
      await page.getByTestId('account-name').fill(CLIENT.account);
      await page.getByTestId('contact-first-name').fill(CLIENT.first);
      await page.getByTestId('contact-last-name').fill(CLIENT.last);
      await page.getByTestId('contact-email').fill(CLIENT.email);
      await shot(page, 'identity-staff-new-client.png');
      await page.getByTestId('create-client-submit').click();
      await page.getByRole('link', { name: 'Open the contact' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/staff/clients/contacts/'));
      await page.getByTestId('invite-submit').click();
      await page.getByTestId('portal-status').getByText(/invited/i).waitFor();
      await shot(page, 'identity-staff-invited.png');
      invitation = await mail!.waitFor(CLIENT.email, 20_000, (m) => /invites you/.test(m.subject));
      expect(invitation.subject).toBe(`${FIRM.name} invites you to its client portal`);
      expect(unexpected(staff.errors, [])).toEqual([]);
    } finally {
      await staff.context.close();
    }

    // ── Client: accept from the e-mail, password, then TOTP set-up (the firm's choice or theirs) ──
    const client = await newPage(browser!);
    const { page } = client;
    let app: Authenticator;
    try {
      await page.goto(linkIn(invitation, '/accept-invitation'));
      // The login name the staff member chose is shown, not editable.
      expect(await page.getByTestId('accept-email').textContent()).toBe(CLIENT.email);
      await page.getByTestId('accept-password').fill(CLIENT_PASSWORDS[0]);
      await page.getByTestId('accept-confirm').fill(CLIENT_PASSWORDS[0]);
      await shot(page, 'identity-client-accept.png');
      await page.getByTestId('accept-submit').click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('banner').getByText(CLIENT.first).waitFor();

      // Two-step verification from the security page.
      await page.goto(`${origin}/account/security`);
      await page.getByTestId('mfa-setup-start').click();
      const secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      app = new Authenticator(secret);
      await shot(page, 'identity-client-mfa-setup.png');
      await page.getByTestId('mfa-code').fill(await app.next());
      await page.getByTestId('mfa-submit').click();
      await page.getByTestId('recovery-codes').waitFor();
      const recoveryCodes = ((await page.getByTestId('recovery-codes').textContent()) ?? '').match(/[a-z0-9]{5}-[a-z0-9]{5}/gi) ?? [];
      expect(recoveryCodes).toHaveLength(10);
      await shot(page, 'identity-client-recovery-codes.png');
      await page.getByTestId('recovery-codes-done').click();

      // ── Sign out, sign in again with password + a fresh code ──
      await page.getByTestId('account-menu').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL((u) => u.pathname === '/sign-in');
      await signInAsClient(page, CLIENT.email, CLIENT_PASSWORDS[0]);
      await page.getByTestId('mfa-code').fill(await app.next());
      await shot(page, 'identity-client-mfa-challenge.png');
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByTestId('mfa-submit').click()]);
      await page.getByRole('banner').getByText(CLIENT.first).waitFor();

      // ── Change the password: every session ends, this one too ──
      await page.goto(`${origin}/account/password`);
      await page.getByTestId('current-password').fill(CLIENT_PASSWORDS[0]);
      await page.getByTestId('new-password').fill(CLIENT_PASSWORDS[1]);
      await page.getByTestId('confirm-password').fill(CLIENT_PASSWORDS[1]);
      await Promise.all([page.waitForURL((u) => u.pathname === '/sign-in'), page.getByTestId('change-password-submit').click()]);
      await page.getByText(/password (was )?changed/i).first().waitFor();
      await shot(page, 'identity-client-signed-out.png');
      // The old session is gone: the portal asks to sign in again.
      await page.goto(`${origin}/`);
      await page.waitForURL((u) => u.pathname === '/sign-in');

      // ── Forgot it: "Need help?" → e-mail → single-use link → new password ──
      await page.getByTestId('need-help').click();
      await page.getByTestId('forgot-email').fill(CLIENT.email);
      await page.getByTestId('forgot-submit').click();
      await page.getByText(/if an account uses this address/i).waitFor();
      const reset = await mail!.waitFor(CLIENT.email, 20_000, (m) => /Reset your password/.test(m.subject));
      await page.goto(linkIn(reset, '/reset-password'));
      await page.getByTestId('reset-password').fill(CLIENT_PASSWORDS[2]);
      await page.getByTestId('reset-confirm').fill(CLIENT_PASSWORDS[2]);
      await shot(page, 'identity-client-reset.png');
      await page.getByTestId('reset-submit').click();
      await page.getByText(/password was changed/i).waitFor();

      // The old password no longer works; the new one (with a code) does.
      await page.goto(`${origin}/sign-in`);
      await signInAsClient(page, CLIENT.email, CLIENT_PASSWORDS[1]);
      await page.getByText(/not correct/i).waitFor();
      await signInAsClient(page, CLIENT.email, CLIENT_PASSWORDS[2]);
      await page.getByTestId('mfa-code').fill(await app.next());
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByTestId('mfa-submit').click()]);
      await page.getByRole('banner').getByText(CLIENT.first).waitFor();
      await shot(page, 'identity-client-home.png');

      // The reset link was single-use.
      await page.goto(linkIn(reset, '/reset-password'));
      await page.getByTestId('reset-password').fill('yet another sentence for later');
      await page.getByTestId('reset-confirm').fill('yet another sentence for later');
      await page.getByTestId('reset-submit').click();
      await page.getByText(/not valid|already been used/i).first().waitFor();

      expect(unexpected(client.errors, [
        /^401 POST .*\/api\/v1\/auth\/client\/(refresh|sign-in)$/,
        /^404 POST .*\/api\/v1\/auth\/client\/reset-password$/,
        /^401 GET .*\/api\/v1\/portal\/me$/,
      ])).toEqual([]);
    } finally {
      await client.context.close();
    }
  });
});
