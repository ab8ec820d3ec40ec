// Signals in a real browser: a neighbour reports anonymously and checks the status with the code; a district
// nurse reports mail piling up in Schoorl, a consultant triages it into a home visit; the signalling meeting
// decides on a koffie-inloop for a lonely Castricum street; figures, categories and settings. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { importHsds, readDemoServices } from '../../src/modules/directory/index.js';
import { aTeam, report, type Team } from '../../src/modules/signals/test-fixtures.js';
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
import { call } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: signals', () => {
  let team: Team;

  before(async () => {
    const { app, db } = await testApp();
    team = await aTeam(app, db);
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a neighbour reports anonymously, fixes a mistake, and later sees "we hebben het opgepakt"', async () => {
    const page = await newPage(await tenantContext(team.tenant));
    await page.goto('/');
    await page
      .getByRole('link', { name: /Zorgen over iemand/ })
      .first()
      .click();
    assert.equal(path(page), '/zorg-melden');
    assert.match(await text(page, '[role=alert]'), /Bel 112.*Veilig Thuis: 0800-2000/);
    await expectAccessible(page, 'report form');

    await page.getByRole('radio', { name: 'Een persoon of gezin' }).check();
    await page.getByLabel('Wat is er aan de hand?').selectOption({ label: 'Geldzorgen en schulden' });
    await page.getByLabel('Straat', { exact: true }).fill('Kerkstraat');
    await page.getByLabel('Postcode', { exact: true }).fill('1911 AB');
    await page.getByLabel('Huisnummer', { exact: true }).fill('4');
    await page.getByLabel('Ik wil anoniem melden').check();
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    assert.match(await text(page, '.utrecht-alert--error'), /Schrijf op wat u ziet of hoort/);
    assert.equal(
      await page.getByLabel('Huisnummer', { exact: true }).inputValue(),
      '4',
      'what was typed stays',
    );
    await expectAccessible(page, 'report form with an error');

    await page.getByLabel('Wat ziet of hoort u?').fill('Er komt steeds een deurwaarder. <b>Help</b>');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    assert.equal(path(page), '/zorg-melden/verstuurd');
    const thanks = await text(page);
    const code = /Bewaar deze code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(thanks)?.[1];
    assert.ok(code, thanks);
    await expectAccessible(page, 'report sent');

    await page.getByRole('link', { name: 'Status van een melding bekijken' }).click();
    await page.getByLabel('Uw code').fill(code!);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    assert.match(await text(page, '[role=status]'), /We hebben uw melding ontvangen/);
    await expectAccessible(page, 'status received');

    // The team triages it (advice); the neighbour hears it was picked up, and nothing else.
    const { app } = await testApp();
    const open = (await call(app, team.sessions.consultant, 'GET', '/api/v1/signals')).json().signals;
    const signal = open.find((s: { source: string }) => s.source === 'anonymous');
    await call(app, team.sessions.consultant, 'POST', `/api/v1/signals/${signal.id}/triage`, {
      decision: 'advice',
      reason: 'Schuldhulp gebeld.',
    });
    await page.reload();
    const status = await text(page, '[role=status]');
    assert.match(status, /We hebben het opgepakt/);
    assert.doesNotMatch(status, /Schuldhulp|advies/i);
    await expectAccessible(page, 'status picked up');

    // On a phone the form reflows.
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('/zorg-melden');
    await expectNoHorizontalScroll(page, 'report form at 320 px');
    expectNoCspViolations(page);
  });

  test('a district nurse reports mail piling up in Schoorl; a consultant triages it into a home visit', async () => {
    // ---- the nurse ----
    const nurse = await newPage(await tenantContext(team.tenant));
    await logInWithPassword(nurse, team.users.nurse);
    await nurse.goto('/zorg-melden');
    assert.match(await text(nurse), /U meldt als partner/);
    assert.equal(await nurse.getByRole('link', { name: 'Mijn meldingen' }).count(), 1);
    assert.equal(
      await nurse.getByLabel('Ik wil anoniem melden').count(),
      0,
      'a partner does not report anonymously',
    );
    await nurse
      .getByLabel('Wat is er aan de hand?')
      .selectOption({ label: 'Niet pluis: er klopt iets niet' });
    await nurse
      .getByLabel('Wat ziet of hoort u?')
      .fill('Bij mevrouw Visser (87) stapelt de post zich op, ze doet niet open. <script>alert(1)</script>');
    await nurse.getByLabel('Naam', { exact: true }).fill('mevrouw Visser');
    await nurse.getByLabel('Postcode', { exact: true }).fill('1871 CD');
    await nurse.getByLabel('Huisnummer', { exact: true }).fill('21');
    await nurse.getByRole('radio', { name: 'Vandaag nog' }).check();
    await nurse.getByRole('button', { name: 'Melding versturen' }).click();
    assert.equal(path(nurse), '/mijn-meldingen');
    assert.match(await text(nurse, '[role=status]'), /Uw melding staat bij het sociaal team/);
    assert.match((await nurse.getByRole('row', { name: /Niet pluis/ }).textContent()) ?? '', /Ontvangen/);
    await expectAccessible(nurse, 'my reports');

    // ---- the consultant ----
    const consultant = await newPage(await tenantContext(team.tenant));
    await logInWithPassword(consultant, team.users.consultant);
    await consultant.goto('/signalen');
    assert.match(await text(consultant, 'h1'), /Signalen/);
    const row = consultant.getByRole('row', { name: /Niet pluis/ });
    assert.match((await row.textContent()) ?? '', /Schoorl.*Vandaag nog.*Partner/);
    await expectAccessible(consultant, 'triage list');
    await row.getByRole('link').click();
    assert.match(await text(consultant), /stapelt de post zich op/);
    assert.match(await text(consultant), /<script>alert\(1\)<\/script>/, 'shown as text');
    await expectAccessible(consultant, 'signal');

    await consultant.getByLabel('Toewijzen aan').selectOption({ label: 'Wijkcoach Joost' });
    await consultant.getByLabel('Voornaam').fill('Grietje');
    await consultant.getByLabel('Achternaam').fill('Visser');
    await consultant.getByLabel('Geboortedatum (JJJJ-MM-DD)').fill('1938-07-01');
    assert.equal(await consultant.getByLabel('Postcode', { exact: true }).inputValue(), '1871 CD');
    await consultant.getByRole('radio', { name: 'Huisbezoek (outreachend)' }).check();
    await consultant.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await text(consultant, '.utrecht-alert--error'), /Schrijf kort op waarom/);
    await expectAccessible(consultant, 'triage with an error');

    await consultant.getByLabel('Reden van het besluit').fill('Niet pluis: vandaag langs.');
    await consultant.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await text(consultant, '[role=status]'), /Het signaal is opgeslagen/);
    const detail = await text(consultant);
    assert.match(detail, /Hulpvraag aangemaakt in het dossier/);
    assert.match(detail, /Opgepakt/);
    assert.match(detail, /Wijkcoach Joost/);
    await expectAccessible(consultant, 'triaged signal');
    await consultant.getByRole('link', { name: 'Naar het dossier van het huishouden' }).click();
    await consultant.waitForURL(/\/sociaal-team\/huishoudens\/[0-9a-f-]{36}$/);
    await consultant.waitForLoadState('domcontentloaded');
    assert.match(await text(consultant), /Visser/);
    expectNoCspViolations(consultant);

    await nurse.reload();
    assert.match((await nurse.getByRole('row', { name: /Niet pluis/ }).textContent()) ?? '', /Opgepakt/);
    assert.doesNotMatch(await text(nurse), /Huisbezoek|Grietje/);
  });

  test('the signalling meeting sees a lonely Castricum street and starts a koffie-inloop', async () => {
    const { app, db } = await testApp();
    const texts = [
      'Ouderen in de Dorpsstraat zijn eenzaam en komen weinig buiten.',
      'Eenzame ouderen in de Dorpsstraat, de soos is gesloten.',
      'In de Dorpsstraat zitten ouderen eenzaam thuis.',
      'Oudere buren in de Dorpsstraat voelen zich eenzaam.',
      'Eenzaamheid onder ouderen in de Dorpsstraat neemt toe.',
    ];
    for (const description of texts)
      await report(app, team.tenant, undefined, {
        category: 'loneliness',
        description,
        about: 'area',
        area: 'Dorpsstraat, Castricum',
      });
    const [template] = await readDemoServices();
    const offerId = '7e4d2c1b-3a5f-4e6d-8c7b-9a0b1c2d3e4f';
    const copy = JSON.parse(JSON.stringify(template).replaceAll(template!.id, offerId));
    await importHsds(db, team.tenant.id, [{ ...copy, name: 'Koffie-inloop De Dorpsstraat' }]);

    const page = await newPage(await tenantContext(team.tenant));
    await logInWithPassword(page, team.users.coordinator);
    await page.goto('/signalen');
    assert.equal(path(page), '/signalen/overleg', 'the meeting is where a coordinator starts');
    await page.getByLabel('Gebied', { exact: true }).fill('Castricum');
    await page.getByRole('button', { name: 'Tonen' }).click();
    const card = page.getByRole('region', { name: 'Eenzaamheid · Castricum' });
    assert.match((await card.textContent()) ?? '', /5 \(5 meldingen\).*stijgend.*dorpsstraat/s);
    await expectAccessible(page, 'signalling meeting');

    await card.getByLabel('Wat besluit het overleg?').selectOption({ label: 'Collectief aanbod starten' });
    await card.getByLabel('Link of id van het aanbod in de sociale kaart').fill(`/aanbod/${offerId}`);
    await card.getByLabel('Toelichting').fill('Buurthuis start elke dinsdag een koffie-inloop.');
    await card.getByRole('button', { name: 'Besluit vastleggen' }).click();
    assert.match(await text(page, '[role=status]'), /Het besluit is vastgelegd/);
    const decided = page.getByRole('region', { name: 'Eenzaamheid · Castricum' });
    assert.match((await decided.textContent()) ?? '', /Collectief aanbod starten/);
    await expectAccessible(page, 'meeting after the decision');
    await decided.getByRole('link', { name: 'Bekijk het aanbod' }).click();
    await page.waitForURL(`**/aanbod/${offerId}`);
    await page.waitForLoadState('domcontentloaded');
    assert.equal(path(page), `/aanbod/${offerId}`);
    assert.match(await text(page, 'h1'), /Koffie-inloop De Dorpsstraat/);
    expectNoCspViolations(page);
  });

  test('a policy officer sees the figures; a team lead keeps the categories and the settings', async () => {
    const policy = await newPage(await tenantContext(team.tenant));
    await logInWithPassword(policy, team.users.policy);
    await policy.goto('/signalen/cijfers');
    assert.match(await text(policy, 'h1'), /Cijfers over signalen/);
    assert.ok((await policy.getByRole('table', { name: 'Signalen per gebied', exact: true }).count()) === 1);
    assert.match(await text(policy), /< 5/);
    const overTime = policy.getByRole('table', { name: 'Signalen per gebied, per maand' });
    const cells = await overTime
      .getByRole('row', { name: /Castricum/ })
      .locator('td')
      .allTextContents();
    assert.equal(cells.at(-1), '5', 'the five reports of this month in Castricum');
    await expectAccessible(policy, 'figures');

    const lead = await newPage(await tenantContext(team.tenant));
    await logInWithPassword(lead, team.users.teamLead);
    await lead.goto('/signalen/categorieen');
    await expectAccessible(lead, 'categories');
    await lead.getByLabel('Code', { exact: true }).fill('Hoarding!');
    await lead.getByLabel('Naam (Nederlands)').fill('Verzamelwoede');
    await lead.getByRole('button', { name: 'Categorie toevoegen' }).click();
    assert.match(await text(lead, '.utrecht-alert--error'), /Een code heeft 2 tot 40 kleine letters/);
    await expectAccessible(lead, 'categories with an error');
    await lead.getByLabel('Code', { exact: true }).fill('hoarding');
    await lead.getByLabel('Leefgebieden (codes, met komma ertussen)').fill('housing, mental-health');
    await lead.getByRole('button', { name: 'Categorie toevoegen' }).click();
    assert.match(await text(lead, '[role=status]'), /De categorie is opgeslagen/);
    const button = lead.getByRole('row', { name: /Verzamelwoede/ }).getByRole('button');
    assert.equal(await button.textContent(), 'Uitzetten: Verzamelwoede');
    await button.click();
    const row = lead.getByRole('row', { name: /Verzamelwoede/ });
    assert.match((await row.textContent()) ?? '', /housing, mental-health.*Nee/);

    await lead.getByRole('link', { name: 'Instellingen meldpunt' }).click();
    await expectAccessible(lead, 'settings');
    await lead.getByLabel('Bewaartermijn in dagen').fill('drie');
    await lead.getByRole('button', { name: 'Instellingen opslaan' }).click();
    assert.match(await text(lead, '.utrecht-alert--error'), /Vul een heel getal in van 7 tot en met 3650/);
    await expectAccessible(lead, 'settings with an error');
    await lead.getByLabel('Bewaartermijn in dagen').fill('365');
    await lead.getByRole('button', { name: 'Instellingen opslaan' }).click();
    assert.match(await text(lead, '[role=status]'), /De instellingen zijn opgeslagen/);
    assert.equal(await lead.getByLabel('Bewaartermijn in dagen').inputValue(), '365');
    expectNoCspViolations(lead);
  });
});
