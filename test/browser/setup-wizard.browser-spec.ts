import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  MailCatcher,
  createTestDatabase,
  eventually,
  freePort,
  launchBrowser,
  spawnPortico,
  testQueueEnv,
  dropTestQueue,
  type PorticoProcess,
} from '@portico/testing';
import { createFirmWithCli, currentNavItem, description, isFocused, newPage as openPage, shot, unexpected } from './support.js';

/**
 * First-run journeys against the compiled app (`npm run build`), as a firm
 * really walks them: the setup wizard, and the activation of an admin created
 * from the command line. Runs on SQLite + database queue by default, on
 * MariaDB + Bull when DATABASE_URL/REDIS_URL are set.
 */


const FIRM_NAME = 'Harbour & Finch Accountants';
const FIRM_SLUG = 'harbour-finch-accountants'; // what the wizard suggests from the name
const ADMIN = { name: 'Ada Finch', email: 'ada@harbour-finch.test', password: 'correct horse battery staple' };

let dataDir: string;
let port: number;
let env: Record<string, string>;
let dropDatabase: () => Promise<void> = async () => {};
let mail: MailCatcher | undefined;
let api: PorticoProcess | undefined;
let browser: Browser | undefined;
let setupUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portico-browser-'));
  port = await freePort();
  mail = await MailCatcher.start();
  const db = await createTestDatabase(dataDir);
  dropDatabase = db.drop;
  env = {
    NODE_ENV: 'development',
    PORT: String(port),
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(30).toString('base64url').slice(0, 40),
    MAIL_DRIVER: 'smtp',
    SMTP_URL: mail.url,
    ...db.env,
    ...testQueueEnv(),
  };
  api = spawnPortico('api', env);
  [browser, setupUrl] = await Promise.all([
    launchBrowser(),
    api.waitFor(/^\s*(http:\/\/localhost:\d+\/setup\?token=\S+)\s*$/m, 60_000).then((m) => m[1]!),
  ]);
  await api.waitFor(/Portico is listening on/, 30_000);
}, 90_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await api?.stop();
  await mail?.stop();
  await dropDatabase().catch(() => undefined);
  if (env) await dropTestQueue(env).catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('first run in a real browser', () => {
  it('sets up the firm through the wizard, lands in the staff area and e-mails the admin', async () => {
    expect(new URL(setupUrl).port).toBe(String(port));
    const { context, page, errors } = await openPage(browser!);
    try {
      const response = await page.goto(setupUrl);
      // A CSP is in force, so "no console errors" also means "no CSP violations".
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByRole('heading', { level: 1, name: 'Set up Portico' }).waitFor();
      const firmName = page.getByLabel('Firm name');
      await firmName.waitFor();
      // The token came with the address, so the wizard does not ask for it.
      expect(await page.getByLabel('Setup token').count()).toBe(0);

      await firmName.fill(FIRM_NAME);
      const slug = page.getByLabel('Portal address');
      expect(await slug.inputValue()).toBe(FIRM_SLUG);
      await expect(page.locator('#slug-preview').textContent()).resolves.toContain(`${FIRM_SLUG}.localhost:${port}`);
      await page.getByLabel('Your name').fill(ADMIN.name);
      await page.getByLabel('Your e-mail').fill(ADMIN.email);
      await shot(page, 'setup-wizard.png');
      const password = page.getByLabel('Password', { exact: true });
      const confirm = page.getByLabel('Confirm password');
      await password.fill('too short');
      await confirm.fill('too short');

      // Too short: refused beside the field, which gets the focus; the wizard stays put.
      const submit = page.getByRole('button', { name: 'Create my portal' });
      await submit.click();
      const tooShort = 'Password must be at least 12 characters.';
      await page.getByText(tooShort).waitFor();
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await description(password)).toContain(tooShort);
      await eventually(async () => expect(await isFocused(password)).toBe(true), 5_000);
      expect(await confirm.getAttribute('aria-invalid')).not.toBe('true');
      expect(page.url()).toBe(setupUrl);
      await shot(page, 'setup-wizard-errors.png');

      // Fixed: the portal is created and the browser goes to the firm's staff area.
      await password.fill(ADMIN.password);
      await confirm.fill(ADMIN.password);
      expect(await password.getAttribute('aria-invalid')).not.toBe('true');
      const staffUrl = `http://${FIRM_SLUG}.localhost:${port}/staff`;
      // The staff area is on the firm's own host: a new origin, so the admin signs in there.
      await Promise.all([page.waitForURL(`${staffUrl}/sign-in`, { timeout: 20_000 }), submit.click()]);
      await page.getByTestId('sign-in-email').fill(ADMIN.email);
      await page.getByTestId('sign-in-password').fill(ADMIN.password);
      await shot(page, 'staff-sign-in.png');
      await Promise.all([page.waitForURL(staffUrl), page.getByTestId('sign-in-submit').click()]);

      const banner = page.getByRole('banner');
      await banner.getByText(`${FIRM_NAME} · Staff`).waitFor();
      await page.getByRole('link', { name: `${FIRM_NAME} staff area, dashboard` }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('heading', { level: 2, name: `Welcome to ${FIRM_NAME}` }).waitFor();
      expect(await page.title()).toContain('Staff dashboard');
      expect(await currentNavItem(page, 'Staff')).toBe('Dashboard');
      await shot(page, 'staff-shell.png');

      // The client portal of the new firm asks its visitors to sign in, under the firm's name.
      const portalUrl = `http://${FIRM_SLUG}.localhost:${port}/`;
      await page.goto(portalUrl);
      await page.waitForURL(`${portalUrl}sign-in`);
      await page.getByText(FIRM_NAME).first().waitFor();
      await page.getByTestId('need-help').waitFor();
      await shot(page, 'portal-sign-in.png');

      // The setup link is single-use: the wizard now says so instead of showing the form.
      await page.goto(setupUrl);
      await page.getByRole('heading', { level: 1, name: /already set up/ }).waitFor();
      expect(await page.getByLabel('Firm name').count()).toBe(0);

      // The admin's welcome e-mail went out through SMTP with the staff address in it.
      const welcome = await mail!.waitFor(ADMIN.email, 20_000);
      expect(`${welcome.text}\n${welcome.html}`).toContain(staffUrl);

      // No failed request, no script error, no CSP violation on any page of the journey.
      expect(unexpected(errors, [])).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('activates an admin created from the command line', async () => {
    const firm = { name: 'Quayside Tax Partners', slug: 'quayside-tax', admin: { name: 'Omar Quay', email: 'omar@quayside-tax.test' } };
    const { activationUrl: printed } = await createFirmWithCli(env, firm);
    const link = new URL(printed);
    // The link is printed for the running API's port already.
    expect(link.origin).toBe(`http://${firm.slug}.localhost:${port}`);
    expect(link.pathname).toBe('/staff/activate');

    // The same link is e-mailed to the admin (the running API's queue sends it).
    const activation = await mail!.waitFor(firm.admin.email, 20_000);
    expect(activation.text).toContain(printed);

    const { context, page, errors } = await openPage(browser!);
    try {
      await page.goto(link.toString());
      await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
      await page.getByText(`${firm.name} · Staff`).waitFor();
      await page.getByLabel('Password', { exact: true }).fill('a long enough staff password');
      await page.getByLabel('Confirm password').fill('a long enough staff password');
      await shot(page, 'staff-activate.png');
      await Promise.all([
        page.waitForURL((u) => u.origin === link.origin && u.pathname === '/staff/sign-in', { timeout: 20_000 }),
        page.getByRole('button', { name: 'Set password' }).click(),
      ]);
      await page.getByTestId('sign-in-notice').getByText('Password set. Sign in.').waitFor();
      await shot(page, 'staff-activated.png');
      await page.getByTestId('sign-in-email').fill(firm.admin.email);
      await page.getByTestId('sign-in-password').fill('a long enough staff password');
      await Promise.all([page.waitForURL(`${link.origin}/staff`), page.getByTestId('sign-in-submit').click()]);
      await page.getByRole('banner').getByText(`${firm.name} · Staff`).waitFor();
      expect(await currentNavItem(page, 'Staff')).toBe('Dashboard');

      // The link is one use only.
      await page.goto(link.toString());
      await page.getByLabel('Password', { exact: true }).fill('another long password');
      await page.getByLabel('Confirm password').fill('another long password');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/staff/activate');
      await shot(page, 'staff-activate-used.png');
      // The refused request itself is logged by Chromium as a failed resource load; nothing else may be.
      expect(unexpected(errors, [new RegExp(`^4\\d\\d POST ${link.origin}/api/v1/staff/activation$`)])).toEqual([]);
      expect(errors.http).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
