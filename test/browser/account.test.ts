// Mijn account in a real browser: details, devices, and who viewed my data.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  expectNoCspViolations,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: my account', () => {
  let tenant: Tenant;
  let resident: TestUser;
  let admin: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db);
    resident = await aUser(db, tenant, { roles: ['resident', 'volunteer'], name: 'Joost Visser' });
    admin = await aUser(db, tenant, { roles: ['administrator'], name: 'Ingrid Smit' });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('shows my details and roles in words, and checks the form', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, resident);
    const details = await text(page, '.wk-data-list');
    assert.match(details, /Joost Visser/);
    assert.match(details, new RegExp(resident.email.replace(/[.]/g, '\\.')));
    assert.match(details, /Inwoner, Vrijwilliger/);
    assert.match(details, /Niet ingevuld/);

    await page.getByLabel('Naam').fill('');
    await page.getByLabel('Telefoonnummer').fill('bel me maar');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const summary = await text(page, '[role=alert]');
    assert.match(summary, /Vul dit veld in\./);
    assert.match(summary, /Een telefoonnummer heeft alleen cijfers/);
    assert.equal(await page.getByLabel('Telefoonnummer').inputValue(), 'bel me maar', 'what was typed stays');
    await expectAccessible(page, 'my account with form errors');

    await page.getByLabel('Naam').fill('Joost de Visser');
    await page.getByLabel('Telefoonnummer').fill('+31 6 1234 5678');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await text(page, '[role=status]'), /Uw gegevens zijn opgeslagen\./);
    assert.match(await text(page, '.wk-data-list'), /Joost de Visser.*\+31 6 1234 5678/s);
    expectNoCspViolations(page);
  });

  test('lists where I am logged in and logs out another device', async () => {
    const laptop = await newPage(await tenantContext(tenant));
    const phone = await newPage(
      await tenantContext(tenant, {
        userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36',
      }),
    );
    await logInWithPassword(phone, admin);
    await logInWithPassword(laptop, admin);
    assert.equal(path(laptop), '/mijn-account');

    const table = laptop.getByRole('table', { name: 'Apparaten waarop u bent ingelogd' });
    assert.equal(await table.locator('tbody tr').count(), 2);
    assert.match(await text(laptop, '#sessies-tabel'), /dit apparaat/);
    assert.match(await text(laptop, '#sessies-tabel'), /Chrome op Android, met wachtwoord/);

    await table.getByRole('button', { name: /Uitloggen: Chrome op Android/ }).click();
    assert.match(await text(laptop, '[role=status]'), /Het apparaat is uitgelogd\./);
    assert.equal(
      await laptop
        .getByRole('table', { name: 'Apparaten waarop u bent ingelogd' })
        .locator('tbody tr')
        .count(),
      1,
    );

    await phone.goto('/mijn-account');
    assert.equal(path(phone), '/inloggen', 'the other device has to log in again');
  });

  test('"Wie heeft mijn gegevens bekeken" lists the administrator who viewed my profile', async () => {
    const mine = await newPage(await tenantContext(tenant));
    await logInWithPassword(mine, resident);
    assert.match(
      await text(mine, 'section[aria-labelledby=bekeken]'),
      /Niemand anders heeft uw gegevens bekeken\./,
    );

    const adminPage = await newPage(await tenantContext(tenant));
    await logInWithPassword(adminPage, admin);
    await adminPage.goto('/beheer/gebruikers');
    await adminPage.getByRole('link', { name: /^Joost/ }).click();
    assert.equal(path(adminPage), `/beheer/gebruikers/${resident.id}`);

    await mine.goto('/mijn-account');
    const table = mine.getByRole('table', { name: 'Wie uw gegevens bekeek of veranderde' });
    const row = table.locator('tbody tr').first();
    const cells = await row.locator('th, td').allTextContents();
    assert.equal(cells.length, 4);
    assert.equal(cells[1], 'Ingrid Smit (Beheerder)');
    assert.equal(cells[2], 'Gegevens bekeken');
    assert.equal(cells[3], 'Beheer van gebruikers');
    await expectAccessible(mine, 'my account with the access log');
    expectNoCspViolations(mine);
  });
});
