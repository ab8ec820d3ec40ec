// The support plan in a real browser, with Milena's story (seed 004 §3.5): debts with the health insurer and
// rent she cannot pay; the consultant writes the goal in her words and a budget plan ("Quick Fix") as actions.
// Two consultants change the plan at once: the second gets the conflict instead of overwriting. Milena sees the
// plan in her own account, agrees to it and comments; the consultant sees both. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
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
import { aHouseholdWithQuestion, aTenant, aUser, logIn, type TestUser } from '../helpers/factories.js';

const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';
const phone = { viewport: { width: 320, height: 640 } };

describe('browser: the support plan', () => {
  let tenant: Tenant;
  let samira: TestUser;
  let teamLead: TestUser;
  let milena: TestUser;
  let householdId: string;

  before(async () => {
    const { app, db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
    teamLead = await aUser(db, tenant, { roles: ['team-lead'], name: 'Anouk Smit' });
    milena = await aUser(db, tenant, { roles: ['resident'], name: 'Milena Jovanović' });
    // Milena called the social team in Uitgeest; Samira took the call and is her case lead.
    const session = await logIn(app, tenant, samira);
    householdId = await aHouseholdWithQuestion(
      app,
      session,
      {
        members: [{ given_name: 'Milena', family_name: 'Jovanović', birth_date: '1998-11-02' }],
        address: { postcode: '1911 MJ', house_number: 27, street: 'Middelweg', city: 'Uitgeest' },
      },
      {
        channel: 'phone',
        question: 'Ik heb schulden bij de zorgverzekeraar en ik kan mijn huur niet betalen.',
        life_domains: ['finances', 'housing'],
      },
    );
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a consultant makes the plan with the resident; a concurrent change gets a conflict; the resident agrees', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto(`/sociaal-team/huishoudens/${householdId}`);
    await page.getByRole('link', { name: 'Plan bekijken en aanpassen' }).click();
    assert.match(await text(page, 'h1'), /Plan van huishouden Jovanović/);
    assert.match(await text(page), /Er staan nog geen doelen in het plan/);
    await expectAccessible(page, 'empty plan');

    // A goal without words is refused, with the message at the field.
    await page.getByLabel('Leefgebied').selectOption('finances');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    assert.match(await text(page, '[role=alert]'), /Schrijf het doel op/);
    await expectAccessible(page, 'plan with an error');

    await page.getByLabel('Leefgebied').selectOption('finances');
    await page
      .getByLabel('Het doel, in de woorden van de inwoner')
      .fill('Ik wil mijn schulden aflossen en mijn huur weer op tijd betalen.');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    assert.match(await text(page, '[role=status]'), /Het plan is opgeslagen/);
    assert.match(await text(page), /Doel bij Financiën/);

    const addAction = async (p: Page, description: string, performer: string, name: string, due: string) => {
      await p.getByLabel('Wat gebeurt er?').fill(description);
      await p.getByLabel('Wie doet het?').selectOption(performer);
      await p.getByLabel('Naam van wie het doet').fill(name);
      await p.getByLabel('Vóór welke datum?').fill(due);
      await p.getByRole('button', { name: 'Actie toevoegen' }).click();
    };
    await addAction(
      page,
      'Budgetplan maken: leefgeld, beheerrekening en reserve',
      'professional',
      'Samira',
      '2030-02-01',
    );
    await addAction(
      page,
      'Betalingsregeling vragen bij de zorgverzekeraar',
      'resident',
      'Milena',
      '2030-01-15',
    );
    const table = page.getByRole('table', { name: 'Doel bij Financiën' });
    const rows = (await table.textContent()) ?? '';
    // Actions come in order of their date.
    assert.match(rows, /1\. Betalingsregeling vragen bij de zorgverzekeraar/);
    assert.match(rows, /2\. Budgetplan maken/);
    assert.match(rows, /de inwoner zelf: Milena/);
    await expectAccessible(page, 'plan with goal and actions');
    expectNoCspViolations(page);

    // The team lead opens the same plan; Samira changes it first; the team lead's change on the old version
    // is refused with the conflict message, and nothing of it is saved.
    const other = await newPage(await tenantContext(tenant));
    await logInWithPassword(other, teamLead);
    await other.goto(`/sociaal-team/huishoudens/${householdId}/plan`);
    await page.getByLabel('Stand van actie 1', { exact: true }).selectOption('in-progress');
    await page.getByRole('button', { name: 'Opslaan: stand van actie 1' }).click();
    assert.match(await text(page, '[role=status]'), /Het plan is opgeslagen/);
    await other.getByLabel('Stand van actie 1', { exact: true }).selectOption('cancelled');
    await other.getByRole('button', { name: 'Opslaan: stand van actie 1' }).click();
    assert.match(await text(other, '[role=alert]'), /Iemand anders heeft het plan intussen gewijzigd/);
    assert.match(
      (await other.getByRole('table', { name: 'Doel bij Financiën' }).textContent()) ?? '',
      /Betalingsregeling vragen bij de zorgverzekeraar.*bezig/,
      'the plan shows the change that was saved, not the refused one',
    );
    await expectAccessible(other, 'plan with a conflict');

    // Samira links Milena's own account.
    await page.getByLabel('E-mailadres van het account van de inwoner').fill(milena.email);
    await page.getByRole('button', { name: 'Account koppelen' }).click();
    assert.match(await text(page, '[role=status]'), /Het account is gekoppeld/);
    assert.match(await text(page), /De inwoner heeft nog niet laten weten of hij of zij akkoord is/);

    // ---- Milena, on her phone ----
    const resident = await newPage(await tenantContext(tenant, phone));
    await logInWithPassword(resident, milena);
    await resident.goto('/');
    await resident.getByRole('link', { name: 'Mijn plan' }).first().click();
    assert.match(await text(resident, 'h1'), /Mijn plan/);
    const mine = await text(resident);
    assert.match(mine, /Ik wil mijn schulden aflossen en mijn huur weer op tijd betalen/);
    assert.match(mine, /Budgetplan maken/);
    assert.match(mine, /Uw vaste contactpersoon: Samira El Amrani/);
    await expectAccessible(resident, 'my plan');
    await expectNoHorizontalScroll(resident, 'my plan on a phone');
    await resident.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).click();
    assert.match(await text(resident, '[role=status]'), /U bent akkoord met dit plan/);
    await resident.getByRole('button', { name: 'Versturen' }).click();
    assert.match(await text(resident, '[role=alert]'), /Schrijf uw opmerking op/);
    await expectAccessible(resident, 'my plan with an error');
    await resident
      .getByRole('textbox', { name: 'Opmerking' })
      .fill('Kan de afspraak ook op woensdag? Dan ben ik vrij.');
    await resident.getByRole('button', { name: 'Versturen' }).click();
    assert.match(await text(resident, '[role=status]'), /Uw opmerking is verstuurd/);

    // Samira sees the agreement and the comment.
    await page.goto(`/sociaal-team/huishoudens/${householdId}/plan`);
    const plan = await text(page);
    assert.match(plan, /De inwoner ging akkoord met deze versie van het plan \(Milena Jovanović/);
    assert.match(plan, /Milena Jovanović \(inwoner\).*Kan de afspraak ook op woensdag/s);
    await page.setViewportSize(phone.viewport);
    await expectNoHorizontalScroll(page, 'plan on a phone');
  });

  test('a resident without a plan is told what happens next', async () => {
    const { db } = await testApp();
    const someone = await aUser(db, tenant, { roles: ['resident'], name: 'Joke Zonderplan' });
    const page = await newPage(await tenantContext(tenant, phone));
    await logInWithPassword(page, someone);
    await page.goto('/mijn-plan');
    assert.match(await text(page, 'h1'), /U heeft nog geen plan/);
    assert.match(await text(page), /Uw contactpersoon van het sociaal team maakt het plan samen met u/);
    await expectAccessible(page, 'no plan yet');
  });
});
