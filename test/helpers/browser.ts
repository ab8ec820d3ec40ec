// One headless Chromium for all browser tests: started on first use, closed by closeBrowser() in test/all.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after } from 'node:test';
import type { AxeResults, Result } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testServerUrl } from './app.js';
import type { TestUser } from './factories.js';

const require = createRequire(import.meta.url);

/** The system Chromium; never downloads a browser. Override with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Promise<Browser> | undefined;

export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

/** Closes the shared browser, if one was started. Safe to call more than once. */
export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const b = browser;
  browser = undefined;
  await (await b).close();
}

// test/all.ts closes the browser too; closing twice is harmless. This keeps a run of only browser tests from hanging.
after(closeBrowser);

const openContexts = new Set<BrowserContext>();

/**
 * A fresh browser context (own cookies) for one tenant, in Dutch, with the app's base URL.
 * The tenant is preset in the wk_tenant cookie (what the app sets after a ?tenant= link), so pages and the
 * forms they post stay with it; pass rememberTenant: false to test that the app does this itself.
 */
export async function tenantContext(
  tenant: Tenant,
  options: BrowserContextOptions = {},
  { rememberTenant = true }: { rememberTenant?: boolean } = {},
): Promise<BrowserContext> {
  const baseURL = await testServerUrl();
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    baseURL,
    locale: 'nl-NL',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  if (rememberTenant) await context.addCookies([{ name: 'wk_tenant', value: tenant.slug, url: baseURL }]);
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  return context;
}

/** Closes every context a test opened; call it in afterEach so a failing test leaves nothing open. */
export async function closeContexts(): Promise<void> {
  await Promise.all([...openContexts].map((c) => c.close()));
}

const cspViolations = new WeakMap<Page, string[]>();

/** A page that records Content-Security-Policy violations, so tests can assert the pages need no inline code. */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const seen: string[] = [];
  cspViolations.set(page, seen);
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return page;
}

export function expectNoCspViolations(page: Page): void {
  assert.deepEqual(cspViolations.get(page) ?? [], [], 'the page broke its Content-Security-Policy');
}

/** Logs in through the login form; the page ends wherever the app sends it (my account, or the code step). */
export async function logInWithPassword(
  page: Page,
  user: Pick<TestUser, 'email' | 'password'>,
  password = user.password,
): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('domcontentloaded');
}

let axeSource: string | undefined;

function describeViolation(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map(
      (n) => `      - ${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n/g, '\n        ') ?? ''}`,
    )
    .join('\n');
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations, listing them readably.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not block, so CSP stays on.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(
      document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      },
    ),
  )) as AxeResults;
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.ok(
    bad.length === 0,
    `${label} (${page.url()}) has ${bad.length} serious accessibility problem(s):\n${bad.map(describeViolation).join('\n')}`,
  );
}

/** The document does not scroll sideways (WCAG 1.4.10 reflow at 320 CSS px). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    scrollWidth <= Math.min(clientWidth, innerWidth),
    `${label} scrolls sideways: ${scrollWidth} px wide in a ${innerWidth} px window`,
  );
}
