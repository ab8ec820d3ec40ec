// Logging in through the pages in a real browser: password, two-factor, language, small screens, no JavaScript.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  expectNoCspViolations,
  expectNoHorizontalScroll,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant, aUser, totpCode, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';
/** Set WK_SCREENSHOTS=1 to write screenshots to /tmp for a look by eye. */
const screenshot = async (page: Page, name: string) => {
  if (process.env.WK_SCREENSHOTS) await page.screenshot({ path: `/tmp/wk-${name}.png`, fullPage: true });
};

describe('browser: logging in', () => {
  let tenant: Tenant;
  let resident: TestUser;
  let consultant: TestUser;
  let admin: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db);
    resident = await aUser(db, tenant, { roles: ['resident'], name: 'Fatima Bakker' });
    // Only 'consultant': until two-factor login is on, no role counts, yet the own account must stay reachable.
    consultant = await aUser(db, tenant, { roles: ['consultant'], name: 'Sanne de Vries' });
    admin = await aUser(db, tenant, { roles: ['administrator'], name: 'Bram Jansen' });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a wrong password shows the Dutch message; the right one opens Mijn account', async () => {
    const page = await newPage(await tenantContext(tenant));
    await page.goto('/inloggen');
    await expectAccessible(page, 'login page');
    await screenshot(page, 'login-1280');

    await logInWithPassword(page, resident, 'not the right password');
    assert.equal(path(page), '/inloggen');
    assert.match(await text(page, '[role=alert]'), /Het e-mailadres of het wachtwoord klopt niet\./);
    assert.equal(
      await page.getByLabel('E-mailadres').inputValue(),
      resident.email,
      'the e-mail address stays filled in',
    );
    await expectAccessible(page, 'login page with an error');

    await logInWithPassword(page, resident);
    assert.equal(path(page), '/mijn-account');
    assert.equal(await text(page, 'h1'), 'Mijn account');
    assert.match(await text(page), /Fatima Bakker/);
    await expectAccessible(page, 'my account');
    expectNoCspViolations(page);
  });

  test('the municipality named in the link is remembered for the login form', async () => {
    const page = await newPage(await tenantContext(tenant, {}, { rememberTenant: false }));
    await page.goto(`/inloggen?tenant=${tenant.slug}`);
    assert.match(await page.title(), new RegExp(tenant.name));
    await page.getByLabel('E-mailadres').fill(resident.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(resident.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    assert.equal(path(page), '/mijn-account');
  });

  test('two-factor: set up with the code from the app, log out, log in again with a code', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, consultant);
    assert.equal(path(page), '/mijn-account');
    assert.match(
      await text(page),
      /Voor uw rol is tweestapsverificatie verplicht/,
      'the tenant requires it for consultants',
    );
    assert.match(await text(page), /Tweestapsverificatie staat uit\./);

    await page.getByRole('link', { name: 'Tweestapsverificatie instellen' }).click();
    assert.equal(path(page), '/mijn-account/tweestaps');
    const qr = page.getByRole('figure', { name: 'QR-code om te scannen met uw app' });
    assert.equal(await qr.locator('svg').count(), 1, 'the QR code is shown as inline SVG');
    await expectAccessible(page, 'two-factor setup');
    const secret = (await text(page, '#totp-secret')).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);

    await page.getByLabel('Code uit de app').fill('12345');
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    assert.match(await text(page, '[role=alert]'), /Een code heeft 6 cijfers\./);
    await expectAccessible(page, 'two-factor setup with an error');
    assert.equal(
      (await text(page, '#totp-secret')).replace(/\s/g, ''),
      secret,
      'reloading keeps the same secret',
    );

    await page.getByLabel('Code uit de app').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    assert.equal(path(page), '/mijn-account');
    assert.match(await text(page), /Tweestapsverificatie staat nu aan\./);
    assert.doesNotMatch(await text(page), /Voor uw rol is tweestapsverificatie verplicht/);

    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('button', { name: 'Uitloggen' })
      .click();
    assert.equal(path(page), '/uitgelogd');
    assert.match(await text(page), /U bent uitgelogd\./);
    await expectAccessible(page, 'logged-out page');

    await logInWithPassword(page, consultant);
    assert.equal(path(page), '/inloggen/code');
    await expectAccessible(page, 'two-factor login step');
    // Codes are single use: the step used to turn it on is spent, so log in with the next one.
    await page.getByLabel('Code uit de app').fill(totpCode(secret, 1));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    assert.equal(path(page), '/mijn-account');
    assert.match(await text(page), /Tweestapsverificatie staat aan\./);
    assert.match(await text(page), /Let op: voor uw rol is tweestapsverificatie verplicht/);

    // Turning it off needs a current code; a short one is refused with a message at the field.
    await page.getByLabel('Code uit de app').fill('123');
    await page.getByRole('button', { name: 'Uitzetten' }).click();
    assert.match(await text(page, '[role=alert]'), /Een code heeft 6 cijfers\./);
    assert.equal(await page.getByLabel('Code uit de app').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'my account with a form error');
    expectNoCspViolations(page);
  });

  test('the language switch turns the pages into English and back', async () => {
    const page = await newPage(await tenantContext(tenant));
    await page.goto('/inloggen');
    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // /taal returns to the Referer, but helmet's Referrer-Policy: no-referrer means there is none, so it lands
    // on the home page (reported). Go back to the login page by hand.
    if (path(page) !== '/inloggen') await page.goto('/inloggen');
    assert.equal(await text(page, 'h1'), 'Log in');
    await page.getByLabel('E-mail address').fill(resident.email);
    await page.getByLabel('Password', { exact: true }).fill(resident.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    assert.equal(await text(page, 'h1'), 'My account');
    assert.match(await text(page), /Who viewed my data/);
    await expectAccessible(page, 'my account in English');
    await page.getByRole('link', { name: 'Nederlands' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    if (path(page) !== '/mijn-account') await page.goto('/mijn-account');
    assert.equal(await text(page, 'h1'), 'Mijn account');
  });

  test('at 320 px wide no page scrolls sideways', async () => {
    const page = await newPage(await tenantContext(tenant, { viewport: { width: 320, height: 640 } }));
    for (const url of ['/', '/inloggen', '/wachtwoord-vergeten']) {
      await page.goto(url);
      await expectNoHorizontalScroll(page, url);
    }
    await screenshot(page, 'forgot-320');
    await page.goto('/inloggen');
    await screenshot(page, 'login-320');
    await logInWithPassword(page, admin, 'wrong password');
    await expectNoHorizontalScroll(page, 'login with an error');
    await logInWithPassword(page, admin);
    assert.equal(path(page), '/mijn-account');
    const pages = [
      ['/mijn-account', 'account'],
      ['/mijn-account/tweestaps', 'two-factor-setup'],
      ['/beheer/gebruikers', 'admin-users'],
      [`/beheer/gebruikers/${resident.id}`, 'admin-user'],
      ['/beheer/audit', 'admin-audit'],
    ] as const;
    for (const [url, name] of pages) {
      await page.goto(url);
      await expectNoHorizontalScroll(page, url);
      await screenshot(page, `${name}-320`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/mijn-account');
    await screenshot(page, 'account-1280');
  });

  test('without JavaScript a user can log in and change their details', async () => {
    const page = await newPage(await tenantContext(tenant, { javaScriptEnabled: false }));
    await logInWithPassword(page, resident);
    assert.equal(path(page), '/mijn-account');
    await page.getByLabel('Telefoonnummer').fill('06 12345678');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    assert.equal(path(page), '/mijn-account');
    assert.match(await text(page, '[role=status]'), /Uw gegevens zijn opgeslagen\./);
    assert.match(await text(page, '.wk-data-list'), /06 12345678/);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('button', { name: 'Uitloggen' })
      .click();
    assert.equal(path(page), '/uitgelogd');
  });

  test('the public pages and the error page pass the accessibility check', async () => {
    const page = await newPage(await tenantContext(tenant));
    await page.goto('/');
    await expectAccessible(page, 'home');

    await page.goto('/wachtwoord-vergeten');
    await expectAccessible(page, 'forgot password');
    await page.getByRole('button', { name: 'Stuur de link' }).click();
    assert.match(await text(page, '[role=alert]'), /Vul dit veld in\./);
    await expectAccessible(page, 'forgot password with an error');
    await page.getByLabel('E-mailadres').fill(resident.email);
    await page.getByRole('button', { name: 'Stuur de link' }).click();
    assert.match(await text(page, '[role=status]'), /krijgt u binnen een paar minuten een e-mail/);
    await expectAccessible(page, 'forgot password: sent');

    await page.goto('/wachtwoord-herstellen?token=not-a-real-token-0123456789');
    await expectAccessible(page, 'reset password');
    await page.getByLabel('Nieuw wachtwoord').fill('short');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    assert.match(await text(page, '[role=alert]'), /minstens 12 tekens/);
    await expectAccessible(page, 'reset password with an error');

    const res = await page.goto('/bestaat-niet');
    assert.equal(res?.status(), 404);
    assert.match(await text(page), /Deze pagina bestaat niet\./);
    await expectAccessible(page, 'error page (404)');

    await page.goto('/uitgelogd');
    await expectAccessible(page, 'logged-out page');
    expectNoCspViolations(page);
  });
});
