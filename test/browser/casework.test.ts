// The social team in a real browser: a consultant in Egmond takes a walk-in question, registers the household,
// records a ZRM intake and progress and a spider web, and sees the change in the charts and their tables; a
// second question for the same people warns about the duplicate; a colleague who does not work on the household
// sees only whom to contact. axe on every page, and no sideways scrolling on a phone.
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
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';
const phone = { viewport: { width: 320, height: 640 } };

describe('browser: social team casework', () => {
  let tenant: Tenant;
  let samira: TestUser;
  let daan: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
    daan = await aUser(db, tenant, { roles: ['consultant'], name: 'Daan Collega' });
  });
  afterEach(closeContexts);
  after(closeContexts);

  async function consultantPage(user: TestUser, options = {}) {
    const page = await newPage(await tenantContext(tenant, options));
    await logInWithPassword(page, user);
    return page;
  }

  test('a consultant in Egmond takes a walk-in question, registers the household and records a ZRM intake', async () => {
    const page = await consultantPage(samira);
    await page.goto('/sociaal-team');
    assert.match(await text(page, 'h1'), /Sociaal team/);
    assert.match(await text(page), /Bij uw huishoudens wacht geen vraag op een reactie/);
    await expectAccessible(page, 'social team overview');

    await page.getByRole('link', { name: 'Vraag van een nieuw huishouden' }).first().click();
    assert.equal(path(page), '/sociaal-team/nieuw');
    await expectAccessible(page, 'register form');

    // A mistake first: no house number, a birth date in the future. What was typed stays.
    await page.getByLabel('Hoe kwam de vraag binnen?').selectOption('walk-in');
    await page
      .getByLabel('De vraag', { exact: true })
      .fill('Ik heb schulden bij de zorgverzekeraar en ik kan de huur niet betalen.');
    await page.getByRole('checkbox', { name: 'Financiën' }).check();
    await page.getByRole('checkbox', { name: 'Huisvesting' }).check();
    const person1 = page.getByRole('group', { name: 'Persoon 1' });
    await person1.getByLabel('Voornaam').fill('Milena');
    await person1.getByLabel('Achternaam').fill('Jovanović');
    await person1.getByLabel('Geboortedatum').fill('2099-01-01');
    await page.getByLabel('Postcode').fill('1931 ab');
    await page.getByRole('button', { name: 'Vraag en huishouden vastleggen' }).click();
    const summary = await text(page, '[role=alert]');
    assert.match(summary, /Vul een huisnummer in/);
    assert.match(summary, /Een geboortedatum kan niet in de toekomst liggen/);
    assert.equal(await person1.getByLabel('Voornaam').inputValue(), 'Milena', 'what was typed stays');
    assert.equal(await page.getByRole('checkbox', { name: 'Financiën' }).isChecked(), true);
    await expectAccessible(page, 'register form with errors');

    await person1.getByLabel('Geboortedatum').fill('1998-04-17');
    await page.getByLabel('Huisnummer', { exact: true }).fill('12');
    await page.getByLabel('Straat').fill('Voorstraat');
    await page.getByLabel('Plaats', { exact: true }).fill('Egmond aan Zee');
    await page.getByRole('button', { name: 'Vraag en huishouden vastleggen' }).click();

    assert.match(path(page), /^\/sociaal-team\/huishoudens\/[0-9a-f-]{36}$/);
    const householdUrl = path(page);
    assert.match(await text(page, 'h1'), /Huishouden Jovanović/);
    assert.match(await text(page, '[role=status]'), /U bent de regievoerder/);
    const main = await text(page);
    assert.match(main, /Egmond/, 'the postcode placed the household in Egmond');
    assert.match(main, /Samira El Amrani/);
    assert.match(main, /Ik heb schulden bij de zorgverzekeraar/);
    assert.match(main, /via inloopspreekuur/);
    assert.match(main, /Leefgebieden: Financiën, Huisvesting/);
    assert.match(main, /Reageren vóór/);
    assert.match(main, /Nog geen metingen/);
    await expectAccessible(page, 'household file');
    expectNoCspViolations(page);

    // ZRM intake.
    await page.getByRole('link', { name: 'Zelfredzaamheid-Matrix invullen' }).click();
    await expectAccessible(page, 'ZRM form');
    await page.getByLabel('Moment').selectOption('intake');
    await page.getByLabel('Datum van de meting').fill('2025-01-06');
    await page.getByLabel('Financiën').selectOption('1');
    await page.getByLabel('Huisvesting').selectOption('2');
    await page.getByLabel('Sociaal netwerk').selectOption('3');
    await page.getByRole('button', { name: 'Meting opslaan' }).click();
    assert.equal(path(page), householdUrl);
    assert.match(await text(page, '[role=status]'), /De meting is opgeslagen/);
    const chart = page.getByRole('figure', { name: /Zelfredzaamheid per leefgebied/ });
    assert.equal(await chart.locator('svg[role=img]').count(), 1, 'the domain bars are drawn');
    const finances = chart.getByRole('row', { name: /Financiën/ });
    assert.match((await finances.textContent()) ?? '', /Financiën\s*1/);

    // Three months later, progress: the table shows the change per life domain.
    await page.getByRole('link', { name: 'Zelfredzaamheid-Matrix invullen' }).click();
    await page.getByLabel('Moment').selectOption('progress');
    await page.getByLabel('Datum van de meting').fill('2025-04-07');
    await page.getByLabel('Financiën').selectOption('3');
    await page.getByLabel('Huisvesting').selectOption('4');
    await page.getByLabel('Sociaal netwerk').selectOption('3');
    await page.getByRole('button', { name: 'Meting opslaan' }).click();
    const table = page.getByRole('figure', { name: /Zelfredzaamheid per leefgebied/ }).getByRole('table');
    const head = (await table.locator('thead').textContent()) ?? '';
    assert.match(head, /intake 6 jan\.? 2025/);
    assert.match(head, /tussentijds 7 apr\.? 2025/);
    assert.match((await table.getByRole('row', { name: /Financiën/ }).textContent()) ?? '', /13\+2$/);
    assert.match((await table.getByRole('row', { name: /Sociaal netwerk/ }).textContent()) ?? '', /330$/);
    assert.match((await table.getByRole('row', { name: /Justitie/ }).textContent()) ?? '', /niet gescoord/);
    await expectAccessible(page, 'household file with ZRM chart');

    // A score out of range cannot be chosen; a date in the future is refused with a clear message.
    await page.getByRole('link', { name: 'Spinnenweb Positieve Gezondheid invullen' }).click();
    await expectAccessible(page, 'spider web form');
    await page.getByLabel('Datum van de meting').fill('2099-01-01');
    await page.getByLabel('Mentaal welbevinden', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Meting opslaan' }).click();
    assert.match(await text(page, '[role=alert]'), /De datum van de meting kan niet in de toekomst liggen/);
    await expectAccessible(page, 'spider web form with an error');
    await page.getByLabel('Datum van de meting').fill('2025-01-06');
    for (const [label, score] of [
      ['Lichaamsfuncties', '7'],
      ['Mentaal welbevinden', '4'],
      ['Zingeving', '6'],
      ['Kwaliteit van leven', '5'],
      ['Meedoen', '3'],
      ['Dagelijks functioneren', '6'],
    ] as const)
      await page.getByLabel(label, { exact: true }).selectOption(score);
    await page.getByRole('checkbox', { name: 'Hier wil ik over praten: Meedoen' }).check();
    await page.getByRole('button', { name: 'Meting opslaan' }).click();
    const web = page.getByRole('figure', { name: /Spinnenweb Positieve Gezondheid/ });
    assert.equal(
      await web.locator('svg[role=img] polygon.wk-cw-shape').count(),
      1,
      'one shape per assessment',
    );
    assert.match((await web.getByRole('row', { name: /Meedoen/ }).textContent()) ?? '', /3 \*/);
    await expectAccessible(page, 'household file with the spider web');

    // The first response was given: the deadline no longer applies.
    await page.getByRole('button', { name: /De inwoner heeft een eerste reactie gehad/ }).click();
    assert.match(await text(page, '[role=status]'), /eerste reactie gehad/);
    assert.match(await text(page), /Eerste reactie gegeven op/);

    // On a phone nothing scrolls sideways.
    await page.setViewportSize(phone.viewport);
    await expectNoHorizontalScroll(page, 'household file on a phone');
    await page.goto('/sociaal-team/nieuw');
    await expectNoHorizontalScroll(page, 'register form on a phone');
    await page.goto('/sociaal-team');
    await expectNoHorizontalScroll(page, 'overview on a phone');

    // ---- a colleague takes a new question of the same people: the duplicate warning ----
    const colleague = await consultantPage(daan, phone);
    await colleague.goto('/sociaal-team/nieuw');
    await colleague.getByLabel('De vraag', { exact: true }).fill('Ik krijg een brief van de deurwaarder.');
    const p1 = colleague.getByRole('group', { name: 'Persoon 1' });
    await p1.getByLabel('Voornaam').fill('milena');
    await p1.getByLabel('Achternaam').fill('Jovanovic');
    await p1.getByLabel('Geboortedatum').fill('1998-04-17');
    await colleague.getByLabel('Postcode').fill('1931AB');
    await colleague.getByLabel('Huisnummer', { exact: true }).fill('12');
    await colleague.getByRole('button', { name: 'Vraag en huishouden vastleggen' }).click();
    assert.match(await text(colleague, '[role=alert]'), /misschien al bekend/);
    const match = colleague.getByRole('table', { name: 'Misschien hetzelfde huishouden' });
    assert.match((await match.textContent()) ?? '', /dezelfde naam en geboortedatum, hetzelfde adres/);
    assert.match((await match.textContent()) ?? '', /Samira El Amrani/);
    assert.doesNotMatch(await text(colleague), /zorgverzekeraar/, 'the colleague sees nothing of the file');
    await expectAccessible(colleague, 'duplicate warning');
    await expectNoHorizontalScroll(colleague, 'duplicate warning on a phone');
    await colleague.getByRole('button', { name: 'Vraag vastleggen bij dit huishouden, regel 1' }).click();
    assert.equal(path(colleague), householdUrl);
    assert.match(await text(colleague, '[role=status]'), /De regievoerder krijgt hiervan bericht/);
    const known = await text(colleague);
    assert.match(known, /U werkt niet aan dit huishouden/);
    assert.match(known, /Neem contact op met de regievoerder: Samira El Amrani/);
    assert.doesNotMatch(known, /Jovanović|Voorstraat|schulden|deurwaarder/, 'only whom to contact');
    await expectAccessible(colleague, 'known household');

    // The forms of the file are not for the colleague.
    const res = await colleague.goto(`${householdUrl}/zrm`);
    assert.equal(res?.status(), 403);
    assert.match(await text(colleague), /Neem contact op met de regievoerder: Samira El Amrani/);

    // The case lead sees the new question on the overview, with its deadline.
    await page.goto('/sociaal-team');
    const mine = page.getByRole('table', { name: 'Hulpvragen bij mijn huishoudens' });
    assert.match((await mine.textContent()) ?? '', /Jovanović/);
    assert.match((await mine.textContent()) ?? '', /Egmond/);
    await page.getByRole('link', { name: 'Jovanović' }).first().click();
    assert.match(await text(page), /Ik krijg een brief van de deurwaarder/);
    assert.match(await text(page), /Eerste contact: Daan Collega/);
  });

  test('the lookup says whether a household is known and whom to contact, nothing more', async () => {
    const page = await consultantPage(daan);
    await page.goto('/sociaal-team/zoeken');
    await expectAccessible(page, 'lookup');
    await page.getByLabel('Voornaam').fill('Niemand');
    await page.getByLabel('Achternaam').fill('Onbekend');
    await page.getByLabel('Geboortedatum').fill('1970-01-01');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    assert.match(await text(page), /Dit huishouden is niet bekend bij het sociaal team/);
    assert.equal(path(page), '/sociaal-team/zoeken', 'no personal data in the address');
    await expectAccessible(page, 'lookup without result');
  });

  test('a resident finds how to ask the social team a question', async () => {
    const page = await newPage(await tenantContext(tenant, phone));
    await page.goto('/');
    await page.getByRole('link', { name: 'Een vraag stellen' }).click();
    assert.equal(path(page), '/vraag-stellen');
    assert.match(
      await text(page),
      /Binnen 2 dagen neemt een medewerker van het sociaal team contact met u op/,
    );
    await expectAccessible(page, 'ask a question');
    await expectNoHorizontalScroll(page, 'ask a question on a phone');
  });
});
