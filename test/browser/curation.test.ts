// Keeping the directory current in a real browser: a provider updates opening hours, a coordinator approves
// the change, and the offer shows the new hours; a resident reports that something is not right. axe on
// every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { importHsds } from '../../src/modules/directory/hsds-import.js';
import { readDemoServices } from '../../src/modules/directory/demo.js';
import { linkProviderToOrganization } from '../../src/modules/directory/curation/index.js';
import type { CompiledService } from '../../src/modules/directory/schemas.js';
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
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';

const ORG = '1fe9ee3f-856e-572e-b23d-fa9212840c72'; // Stichting Welzijn Kustdorpen
const OFFER = '0e6b900c-08de-568b-81bf-043543531db5'; // Koffie-inloop Schoorl, Thursdays 10:00–11:30

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: keeping the directory current', () => {
  let tenant: Tenant;
  let provider: TestUser;
  let coordinator: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db);
    await importHsds(db, tenant.id, await readDemoServices());
    provider = await aUser(db, tenant, { roles: ['provider'], name: 'Petra de Wit' });
    coordinator = await aUser(db, tenant, { roles: ['coordinator'], name: 'Fatma Yilmaz' });
    await db.tenant(tenant.id, (tx) => linkProviderToOrganization(tx, tenant.id, provider.id, ORG));
  });
  afterEach(closeContexts);
  after(closeContexts);

  const offer = async () => {
    const { app } = await testApp();
    return (
      await app.inject({ url: `/api/v1/services/${OFFER}?tenant=${tenant.slug}` })
    ).json<CompiledService>();
  };

  test('a provider updates opening hours and a coordinator approves it; then the offer shows the new hours', async () => {
    // ---- the provider ----
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, provider);
    await page.goto('/mijn-aanbod');
    assert.match(await text(page, 'h1'), /Mijn aanbod/);
    const row = page.getByRole('row', { name: /Koffie-inloop Schoorl/ });
    assert.match((await row.textContent()) ?? '', /Elke donderdag, van 10:00 tot 11:30/);
    await expectAccessible(page, 'my offers');

    await page.getByRole('link', { name: 'Wijzigen: Koffie-inloop Schoorl' }).click();
    assert.equal(path(page), `/mijn-aanbod/${OFFER}/bewerken`);
    await expectAccessible(page, 'edit offer');
    const time1 = page.getByRole('group', { name: 'Tijd 1', exact: true });
    assert.equal(await time1.getByLabel('Van (begintijd)').inputValue(), '10:00');
    assert.equal(await time1.getByRole('checkbox', { name: 'donderdag' }).isChecked(), true);

    // A mistake first: the description may not be empty.
    await page.getByLabel('Beschrijving', { exact: true }).fill('');
    await time1.getByLabel('Van (begintijd)').fill('09:30');
    await page.getByRole('button', { name: 'Wijziging insturen' }).click();
    assert.match(await text(page, '[role=alert]'), /Vul een beschrijving in: wat is het aanbod\?/);
    assert.equal(await time1.getByLabel('Van (begintijd)').inputValue(), '09:30', 'what was typed stays');
    await expectAccessible(page, 'edit offer with an error');

    await page.getByRole('link', { name: /Vul een beschrijving in/ }).click();
    await page
      .getByLabel('Beschrijving', { exact: true })
      .fill('Koffie, thee en een praatje in Dorpshuis Duinzicht.');
    await time1.getByLabel('Omschrijving van de tijd').fill('Elke donderdagochtend van 9.30 tot 11.30 uur');
    await page
      .getByLabel('Opmerking voor de coördinator (niet verplicht)')
      .fill('Vanaf nu een half uur eerder.');
    await page.getByRole('button', { name: 'Wijziging insturen' }).click();
    assert.equal(path(page), '/mijn-aanbod');
    assert.match(await text(page, '[role=status]'), /Uw wijziging is opgeslagen/);
    assert.match(
      (await page.getByRole('row', { name: /Koffie-inloop Schoorl/ }).textContent()) ?? '',
      /Wacht op goedkeuring/,
    );
    await expectAccessible(page, 'my offers with a change waiting');
    assert.equal((await offer()).schedules![0]!.opens_at, '10:00', 'not live before approval');
    expectNoCspViolations(page);

    // ---- the coordinator ----
    const coord = await newPage(await tenantContext(tenant));
    await logInWithPassword(coord, coordinator);
    await coord.goto('/beheer/aanbod/wachtrij');
    await expectAccessible(coord, 'moderation queue');
    await coord.getByRole('link', { name: 'Bekijken: Koffie-inloop Schoorl' }).click();
    const diff = coord.getByRole('table', { name: 'Wijzigingen, veld voor veld' });
    const opens = diff.getByRole('row', { name: /Tijd 1: Van \(begintijd\)/ });
    assert.deepEqual(
      (await opens.locator('th, td').allTextContents()).map((t) => t.trim()),
      ['Tijd 1: Van (begintijd)', '10:00', '09:30'],
    );
    assert.match(await text(coord), /Vanaf nu een half uur eerder\./);
    await expectAccessible(coord, 'change request');
    await coord.getByRole('button', { name: 'Goedkeuren' }).click();
    assert.equal(path(coord), '/beheer/aanbod/wachtrij');
    assert.match(await text(coord, '[role=status]'), /goedgekeurd/);
    assert.match(await text(coord), /Er wachten geen wijzigingen\./);
    await expectAccessible(coord, 'queue after approval');
    expectNoCspViolations(coord);

    // ---- the offer shows the new hours ----
    const live = await offer();
    assert.equal(live.schedules![0]!.opens_at, '09:30');
    assert.equal(live.service_at_locations![0]!.schedules![0]!.opens_at, '09:30');
    assert.equal(live.description, 'Koffie, thee en een praatje in Dorpshuis Duinzicht.');
    await page.goto('/mijn-aanbod');
    const after = (await page.getByRole('row', { name: /Koffie-inloop Schoorl/ }).textContent()) ?? '';
    assert.match(after, /Elke donderdag, van 09:30 tot 11:30/);
    assert.match(after, /Goedgekeurd op/);
    // The public offer page, when it is there, shows the new time too.
    const public_ = await newPage(await tenantContext(tenant));
    const res = await public_.goto(`/aanbod/${OFFER}`);
    if (res?.status() === 200) assert.match(await text(public_), /9[.:]30/);
  });

  test('a coordinator sees the staleness report and links providers', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, coordinator);
    await page.goto('/beheer/aanbod/verouderd');
    assert.match(await text(page, 'h1'), /Verouderd aanbod/);
    assert.ok(
      (await page.getByRole('heading', { level: 2, name: 'Stichting Welzijn Kustdorpen' }).count()) === 1,
    );
    await expectAccessible(page, 'staleness report');
    await page
      .getByRole('navigation', { name: 'Sociale kaart bijhouden' })
      .getByRole('link', { name: 'Aanbieders koppelen' })
      .click();
    assert.equal(path(page), '/beheer/aanbieders');
    await expectAccessible(page, 'provider links');
    await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
    assert.match(await text(page, '[role=alert]'), /Kies een gebruiker\./);
    await expectAccessible(page, 'provider links with errors');
    expectNoCspViolations(page);
  });

  test('a resident on a phone reports that something is not right', async () => {
    const page = await newPage(await tenantContext(tenant, { viewport: { width: 320, height: 640 } }));
    await page.goto(`/aanbod/${OFFER}/melding`);
    assert.match(await text(page, 'h1'), /Klopt er iets niet\?/);
    await expectAccessible(page, 'report form');
    await expectNoHorizontalScroll(page, 'report form');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    assert.match(await text(page, '[role=alert]'), /Schrijf op wat er niet klopt\./);
    await expectAccessible(page, 'report form with an error');
    await page.getByLabel('Wat klopt er niet?').fill('Het telefoonnummer werkt niet meer.');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    assert.match(await text(page, '[role=status]'), /Dank u wel!/);
    await expectAccessible(page, 'report sent');
    expectNoCspViolations(page);

    // The provider finds it in Mijn aanbod.
    const providerPage = await newPage(await tenantContext(tenant));
    await logInWithPassword(providerPage, provider);
    await providerPage.goto('/mijn-aanbod');
    const reports = providerPage.getByRole('table', { name: /Open meldingen/ });
    assert.match((await reports.textContent()) ?? '', /Het telefoonnummer werkt niet meer\./);
  });
});
