// Administration pages in a real browser: users, roles and the audit log.
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
import { aTenant, aUser, logIn, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: administration', () => {
  let tenant: Tenant;
  let admin: TestUser;
  let resident: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db);
    admin = await aUser(db, tenant, { roles: ['administrator'], name: 'Anouk Mulder' });
    resident = await aUser(db, tenant, { roles: ['resident'], name: 'Piet de Boer' });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('an administrator adds a user with roles, then changes the roles', async () => {
    const { app } = await testApp();
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, admin);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    assert.equal(path(page), '/beheer/gebruikers');
    const list = page.getByRole('table', { name: /Alle gebruikers/ });
    assert.match((await list.textContent()) ?? '', /Piet de Boer/);
    await expectAccessible(page, 'admin users');

    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    const summary = await text(page, '[role=alert]');
    assert.match(summary, /Vul dit veld in\./);
    assert.match(summary, /Kies minstens 1 rol\./);
    await expectAccessible(page, 'admin users with form errors');

    const email = `nieuw-${Date.now()}@example.nl`;
    await page.getByLabel('Naam', { exact: true }).fill('Mohammed el Amrani');
    await page.getByLabel('E-mailadres', { exact: true }).fill(email);
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Vrijwilliger').check();
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Coördinator').check();
    await page.getByLabel('Eerste wachtwoord').fill('een lang eerste wachtwoord');
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    assert.match(path(page), /^\/beheer\/gebruikers\/[0-9a-f-]{36}$/);
    const newId = path(page).split('/').pop()!;
    assert.match(await text(page, '[role=status]'), /De gebruiker is toegevoegd\./);
    assert.match(await text(page, '.wk-data-list'), /Coördinator, Vrijwilliger/);
    await expectAccessible(page, 'admin user detail');

    // The new user can log in with the first password.
    const session = await logIn(app, tenant, { email, password: 'een lang eerste wachtwoord' } as TestUser);
    assert.equal(session.userId, newId);

    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Coördinator').uncheck();
    await page.getByRole('button', { name: 'Rollen opslaan' }).click();
    assert.equal(path(page), `/beheer/gebruikers/${newId}`);
    assert.match(await text(page, '[role=status]'), /De rollen zijn opgeslagen\./);
    assert.match(await text(page, '.wk-data-list'), /Rollen\s*Vrijwilliger/);

    // The same address twice is refused at the field.
    await page.goto('/beheer/gebruikers');
    await page.getByLabel('Naam', { exact: true }).fill('Dubbel');
    await page.getByLabel('E-mailadres', { exact: true }).fill(email.toUpperCase());
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Inwoner').check();
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    assert.match(await text(page, '[role=alert]'), /Er is al een gebruiker met dit e-mailadres\./);
    assert.equal(
      await page.getByRole('group', { name: 'Rollen' }).getByLabel('Inwoner').isChecked(),
      true,
      'choices stay',
    );
    expectNoCspViolations(page);
  });

  test('the audit log finds who viewed a user, and checks the date', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, admin);
    await page.goto(`/beheer/gebruikers/${resident.id}`);
    await page.getByRole('link', { name: /Bekijk in het auditlog/ }).click();
    assert.equal(path(page), '/beheer/audit');
    assert.equal(await page.getByLabel('Nummer (id) van het gegeven').inputValue(), resident.id);
    const rows = page.getByRole('table', { name: /Gevonden/ }).locator('tbody tr');
    assert.ok((await rows.count()) >= 1);
    const first = await rows.first().locator('th, td').allTextContents();
    assert.equal(first[1], 'Anouk Mulder (Beheerder)');
    assert.equal(first[2], 'bekeken');
    assert.match(first[4] ?? '', /GET \/beheer\/gebruikers\/:id/);
    await expectAccessible(page, 'audit log');

    await page.getByLabel('Vanaf').fill('2020-01-01');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    assert.match(page.url(), /from=2020-01-01/);
    assert.ok(
      (await page
        .getByRole('table', { name: /Gevonden/ })
        .locator('tbody tr')
        .count()) >= 1,
    );

    await page.goto('/beheer/audit?from=31-12-2024');
    assert.match(await text(page, '[role=alert]'), /Vul een geldige datum in/);
    await expectAccessible(page, 'audit log with an error');
    expectNoCspViolations(page);
  });

  test('a resident may not open the administration', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, resident);
    assert.equal(await page.getByRole('link', { name: 'Beheer' }).count(), 0);
    const res = await page.goto('/beheer/gebruikers');
    assert.equal(res?.status(), 403);
    assert.match(await text(page), /U mag deze pagina niet bekijken\./);
    await expectAccessible(page, 'forbidden page');
  });
});
