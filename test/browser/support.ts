import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Screenshots of the journeys, kept for people to look at (CI keeps the folder). */
export const ARTIFACTS = resolve('test/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface PageProblems {
  /** Console errors (CSP violations are reported there too) and uncaught page errors. */
  console: string[];
  /** Responses with a 4xx/5xx status (Chromium's console line does not say which resource failed). */
  http: string[];
}

export function watchForErrors(page: Page): PageProblems {
  const problems: PageProblems = { console: [], http: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(`console error at ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.console.push(`page error at ${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.http.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return problems;
}

/**
 * What is left after taking out the failed requests the journey expects (`allowed`
 * matches the "status METHOD url" line) and, for each, the "Failed to load resource"
 * line Chromium logs for it. Everything else (script errors, CSP violations, other
 * failed loads) is returned.
 */
export function unexpected(problems: PageProblems, allowed: RegExp[]): string[] {
  const expected = problems.http.filter((h) => allowed.some((a) => a.test(h)));
  const console = [...problems.console];
  for (const h of expected) {
    const i = console.findIndex((c) => c.includes(`Failed to load resource: the server responded with a status of ${h.split(' ')[0]}`));
    if (i >= 0) console.splice(i, 1);
  }
  return [...problems.http.filter((h) => !expected.includes(h)), ...console];
}

/** What assistive technology reads as the field's description (aria-describedby). */
export async function description(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id: string) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
      .join(' | '),
  );
}

/** The link of the named navigation landmark that is marked aria-current="page". */
export async function currentNavItem(page: Page, nav: string): Promise<string | null> {
  const links = page.getByRole('navigation', { name: nav }).locator('a[aria-current="page"]');
  return (await links.count()) === 1 ? ((await links.textContent()) ?? '').trim() : null;
}

export const isFocused = (field: Locator) => field.evaluate((el) => el === el.ownerDocument.activeElement);

export async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0); // no hover effect left over from the last click
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true, animations: 'disabled' });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page, errors: watchForErrors(page) };
}

export interface CliFirm {
  name: string;
  slug: string;
  admin: { name: string; email: string };
}

/** `npm run portico -- firm:create …` against the running deployment's configuration; its printed output. */
export async function createFirmWithCli(env: Record<string, string>, firm: CliFirm): Promise<{ stdout: string; temporaryPassword: string; activationUrl: string }> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['dist/apps/api/src/cli.js', 'firm:create', '--name', firm.name, '--slug', firm.slug, '--admin-email', firm.admin.email, '--admin-name', firm.admin.name],
    { env: { PATH: process.env.PATH ?? '', TZ: process.env.TZ ?? '', LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
  );
  const temporaryPassword = stdout.match(/Temporary password[^\n]*\n\s*(\S+)/)?.[1];
  const activationUrl = stdout.match(/set-password link[^\n]*\n\s*(\S+)/i)?.[1];
  if (!temporaryPassword || !activationUrl) throw new Error(`the CLI printed no temporary password or link:\n${stdout}`);
  return { stdout, temporaryPassword, activationUrl };
}
