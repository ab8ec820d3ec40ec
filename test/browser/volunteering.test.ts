// Informal help in a real browser: a caregiver in Heiloo asks for weekend respite, the coordinator proposes a
// trained care volunteer with a valid VOG (and sees why the one with a lapsed VOG is left out), introduces and
// confirms; the volunteer sees the address only after confirmation and passes a worry on. Then the coordinator
// runs a week of matching for the BUCH demo and every proposal shows why. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buchPlaces, createPlaces } from '../../src/modules/areas/index.js';
import { loadVolunteeringDemo } from '../../src/modules/volunteering/index.js';
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
import { aTenant, aUser, call, logIn, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';
const isoDate = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

async function aTenantWithPlaces(): Promise<Tenant> {
  const { db } = await testApp();
  const tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
  await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
  return tenant;
}

describe('browser: informal help from request to confirmed match', () => {
  let tenant: Tenant;
  let resident: TestUser;
  let coordinator: TestUser;
  let volunteer: TestUser;

  before(async () => {
    const { app, db } = await testApp();
    tenant = await aTenantWithPlaces();
    resident = await aUser(db, tenant, { roles: ['resident'], name: 'Ria de Vries' });
    coordinator = await aUser(db, tenant, { roles: ['coordinator'], name: 'Fatma Yilmaz' });
    volunteer = await aUser(db, tenant, { roles: ['volunteer'], name: 'Anna de Wit' });
    const session = await logIn(app, tenant, coordinator);
    const register = async (body: Record<string, unknown>) => {
      const res = await call(app, session, 'POST', '/api/v1/volunteers', {
        birth_date: '1966-09-03',
        categories: ['executing'],
        availability: [{ day: 6, from: '09:00', to: '17:00' }],
        max_distance_km: 8,
        ...body,
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    await register({
      name: 'Anna de Wit',
      place: 'Heiloo',
      kinds: ['caregiver-respite'],
      interests: ['wandelen'],
      vog_issued_on: isoDate(-400),
      trainings: [{ training: 'care-basics', issued_on: isoDate(-300), valid_until: isoDate(500) }],
      user_id: volunteer.id,
    });
    await register({
      name: 'Bert Schouten',
      place: 'Heiloo',
      kinds: ['caregiver-respite'],
      vog_issued_on: isoDate(-3 * 366 - 10),
      trainings: [{ training: 'care-basics', issued_on: isoDate(-700) }],
    });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a caregiver in Heiloo asks for weekend respite; a trained care volunteer with a valid VOG is proposed, introduced and confirmed', async () => {
    // ---- the caregiver asks ----
    const res = await newPage(await tenantContext(tenant));
    await logInWithPassword(res, resident);
    await res.goto('/hulp');
    await res.getByRole('link', { name: 'Zelf hulp vragen' }).click();
    assert.equal(path(res), '/hulp/vragen');
    await expectAccessible(res, 'ask for help');
    await res.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    const summary = await text(res, '[role=alert]');
    assert.match(summary, /Kies wat voor hulp het is\./);
    assert.match(summary, /Kies het dorp of vul een postcode in/);
    await expectAccessible(res, 'ask for help with errors');

    await res
      .getByLabel('Wat voor hulp zoekt u?')
      .selectOption({ label: 'mantelzorger even vrij (respijt)' });
    await res
      .getByLabel('Vertel kort wat u nodig hebt')
      .fill('Ik zorg voor mijn man. Op zaterdag wil ik een paar uur vrij.');
    await res.getByLabel('Uw voornaam of voorletters').fill('Ria');
    await res.getByLabel('In welk dorp?').fill('Heiloo');
    await res.getByLabel('Uw adres (niet verplicht)').fill('Kennemerstraatweg 12, 1851 BD Heiloo');
    await res.getByLabel('Op welke dag?').selectOption({ label: 'zaterdag' });
    await res.getByLabel('Van (begintijd)').fill('14:00');
    await res.getByLabel('Tot (eindtijd)').fill('10:00');
    await res.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    assert.match(await text(res, '[role=alert]'), /De eindtijd moet na de begintijd liggen\./);
    assert.equal(
      await res.getByLabel('Uw voornaam of voorletters').inputValue(),
      'Ria',
      'what was typed stays',
    );
    await res.getByLabel('Van (begintijd)').fill('10:00');
    await res.getByLabel('Tot (eindtijd)').fill('14:00');
    await res.getByLabel('Hoe lang duurt het ongeveer? (minuten)').fill('180');
    await res.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    assert.equal(path(res), '/hulp');
    assert.match(await text(res, '[role=status]'), /Uw hulpvraag is verstuurd/);
    const mine = res.getByRole('table', { name: 'Mijn hulpvragen' });
    assert.match(
      (await mine.textContent()) ?? '',
      /mantelzorger even vrij.*Heiloo.*zaterdag 10:00–14:00.*wacht op een vrijwilliger/,
    );
    await expectAccessible(res, 'help listing for a resident');
    expectNoCspViolations(res);

    // ---- the public listing: first name, village, kind, when; no address ----
    const anon = await newPage(await tenantContext(tenant));
    await anon.goto('/hulp');
    const row = anon.getByRole('row', { name: /Ria/ });
    assert.match((await row.textContent()) ?? '', /Heiloo.*mantelzorger even vrij.*zaterdag 10:00–14:00/);
    assert.ok(!(await text(anon)).includes('Kennemerstraatweg'), 'no address in public');
    assert.match(await text(anon), /Zo kunt u helpen/);
    await expectAccessible(anon, 'public help listing');
    await expectNoHorizontalScroll(anon, 'public help listing');

    // ---- the coordinator ----
    const coord = await newPage(await tenantContext(tenant));
    await logInWithPassword(coord, coordinator);
    await coord.goto('/vrijwilligerswerk');
    await expectAccessible(coord, 'coordinator overview');
    await coord.getByRole('table', { name: 'Open hulpvragen' }).getByRole('link', { name: 'Ria' }).click();
    assert.match(await text(coord, 'h1'), /mantelzorger even vrij \(respijt\): Ria, Heiloo/);
    const anna = coord.getByRole('article', { name: 'Anna de Wit, Heiloo' });
    const reasons = (await anna.getByRole('listitem').allTextContents()).join(' | ');
    assert.match(reasons, /Afstand: 0 km \(hoogstens 8 km\)/);
    assert.match(reasons, /Werkdruk: 0 van 1 koppelingen/);
    const out = coord.getByRole('table', { name: 'Vallen af' }).getByRole('row', { name: /Bert Schouten/ });
    assert.match((await out.textContent()) ?? '', /VOG verlopen op \d{4}-\d{2}-\d{2}/);
    await expectAccessible(coord, 'request with candidates');
    await anna.getByRole('button', { name: 'Voorstellen: Anna de Wit' }).click();
    assert.match(path(coord), /^\/vrijwilligerswerk\/koppelingen\//);
    assert.match(await text(coord, '[role=status]'), /De vrijwilliger is voorgesteld/);
    await expectAccessible(coord, 'proposed match');

    // The volunteer sees the proposal, not the address.
    const vol = await newPage(await tenantContext(tenant));
    await logInWithPassword(vol, volunteer);
    await vol.goto('/mijn-vrijwilligerswerk');
    assert.match(await text(vol), /Het adres ziet u als de koppeling is bevestigd\./);
    assert.ok(!(await text(vol)).includes('Kennemerstraatweg'));
    await expectAccessible(vol, 'my volunteering with a proposal');

    await coord.getByRole('button', { name: 'Kennismaking vastleggen' }).click();
    assert.match(await text(coord, '[role=alert]'), /Vul de ontmoetingsplek in/);
    await coord.getByLabel('Neutrale ontmoetingsplek').fill('Buurthuis De Cirkel, Heiloo');
    await coord.getByRole('button', { name: 'Kennismaking vastleggen' }).click();
    assert.match(await text(coord, '[role=status]'), /De status is bijgewerkt/);
    await coord.getByRole('button', { name: 'Bevestigen: beide kanten zeggen ja' }).click();
    assert.match(await text(coord), /Statusbevestigd/);
    assert.match(await text(coord), /Proefperiode tot/);
    await expectAccessible(coord, 'confirmed match');
    expectNoCspViolations(coord);

    // ---- after confirmation the volunteer sees the address, logs a contact and passes a worry on ----
    await vol.reload();
    assert.match(await text(vol), /Kennemerstraatweg 12, 1851 BD Heiloo/);
    assert.match(await text(vol), /Buurthuis De Cirkel, Heiloo/);
    await vol.getByLabel('Wat hebt u gedaan?').fill('Samen koffie gedronken. Meneer viel twee keer bijna.');
    await vol.getByLabel('Ik maak me zorgen').check();
    await vol.getByRole('button', { name: 'Contact opslaan' }).click();
    assert.match(await text(vol, '[role=status]'), /Opgeslagen/);
    await vol.getByRole('button', { name: 'Doorgeven aan het sociaal team' }).click();
    assert.match(await text(vol, '[role=status]'), /Uw zorg is doorgegeven aan het sociaal team/);
    assert.match(await text(vol), /doorgegeven aan het sociaal team/);
    await expectAccessible(vol, 'my volunteering after confirmation');
    expectNoCspViolations(vol);

    await coord.goto('/vrijwilligerswerk');
    assert.match(await text(coord), /Meneer viel twee keer bijna/);
  });
});

describe('browser: intake of a volunteer and their own offer', () => {
  let tenant: Tenant;
  let coordinator: TestUser;
  let newcomer: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenantWithPlaces();
    coordinator = await aUser(db, tenant, { roles: ['coordinator'], name: 'Fatma Yilmaz' });
    newcomer = await aUser(db, tenant, {
      roles: ['volunteer'],
      name: 'Sven Groen',
      email: 'sven@example.nl',
    });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('the coordinator takes a volunteer in (a mistake first), records an appreciation; the volunteer posts an offer', async () => {
    const coord = await newPage(await tenantContext(tenant));
    await logInWithPassword(coord, coordinator);
    await coord.goto('/vrijwilligerswerk/vrijwilligers');
    await coord.getByRole('link', { name: 'Nieuwe vrijwilliger inschrijven' }).click();
    await expectAccessible(coord, 'intake form');
    await coord.getByLabel('Naam', { exact: true }).fill('Sven Groen');
    await coord.getByLabel('Geboortedatum').fill('1985-03-02');
    await coord.getByLabel('Woonplaats (dorp of postcode)').fill('Limmen');
    const first = coord.getByRole('group', { name: 'Beschikbaar, moment 1 (niet verplicht)' });
    await first.getByLabel('Op welke dag?').selectOption({ label: 'dinsdag' });
    await first.getByLabel('Van (begintijd)').fill('17:00');
    await first.getByLabel('Tot (eindtijd)').fill('13:00');
    await coord.getByRole('button', { name: 'Vrijwilliger inschrijven' }).click();
    const problems = await text(coord, '[role=alert]');
    assert.match(problems, /Kies minstens 1 soort vrijwilligerswerk/);
    assert.match(problems, /Kies minstens 1 soort hulp/);
    assert.match(problems, /De eindtijd moet na de begintijd liggen/);
    assert.equal(
      await coord.getByLabel('Naam', { exact: true }).inputValue(),
      'Sven Groen',
      'what was typed stays',
    );
    await expectAccessible(coord, 'intake form with errors');

    await coord.getByRole('checkbox', { name: 'uitvoerend' }).check();
    await coord.getByRole('checkbox', { name: 'klusjes' }).check();
    await first.getByLabel('Van (begintijd)').fill('09:00');
    await coord
      .getByLabel('E-mailadres van het account van de vrijwilliger (niet verplicht)')
      .fill('sven@example.nl');
    await coord.getByRole('button', { name: 'Vrijwilliger inschrijven' }).click();
    assert.match(path(coord), /^\/vrijwilligerswerk\/vrijwilligers\/[0-9a-f-]{36}$/);
    assert.match(await text(coord, '[role=status]'), /De vrijwilliger is ingeschreven/);
    assert.match(await text(coord), /dinsdag 09:00–13:00/);
    await coord.getByLabel('Soort waardering').selectOption({ label: 'nominatie vrijwilliger van het jaar' });
    await coord.getByRole('button', { name: 'Waardering vastleggen' }).click();
    assert.match(await text(coord), /nominatie vrijwilliger van het jaar/);
    await expectAccessible(coord, 'volunteer page');
    expectNoCspViolations(coord);

    const vol = await newPage(await tenantContext(tenant));
    await logInWithPassword(vol, newcomer);
    await vol.goto('/mijn-vrijwilligerswerk');
    assert.match(await text(vol), /U hebt nog geen koppelingen/);
    await vol.getByRole('button', { name: 'Aanbod plaatsen' }).click();
    assert.match(await text(vol, '[role=alert]'), /Kies wat voor hulp het is/);
    await vol.getByLabel('Soort hulp').selectOption({ label: 'klusjes' });
    await vol.getByLabel('Vertel kort wat u nodig hebt').fill('Kleine klussen in huis en tuin.');
    await vol.getByLabel('In welk dorp?').fill('Limmen');
    await vol.getByRole('button', { name: 'Aanbod plaatsen' }).click();
    assert.match(await text(vol, '[role=status]'), /Uw aanbod is geplaatst/);
    assert.match(await text(vol), /klusjes, Limmen: Kleine klussen in huis en tuin\./);
    await expectAccessible(vol, 'my volunteering with an offer');
  });
});

describe('browser: a week of matching for the BUCH demo', () => {
  let tenant: Tenant;
  let coordinator: TestUser;

  before(async () => {
    const { db, config } = await testApp();
    tenant = await aTenantWithPlaces();
    coordinator = await aUser(db, tenant, {
      roles: ['coordinator'],
      email: 'coordinator@buch.demo',
      name: 'Fatma Yilmaz',
    });
    await aUser(db, tenant, { roles: ['resident'], email: 'inwoner@buch.demo' });
    await aUser(db, tenant, { roles: ['volunteer'], email: 'vrijwilliger@buch.demo', name: 'Kees Bakker' });
    await aUser(db, tenant, { roles: ['consultant'], email: 'consulent@buch.demo' });
    await loadVolunteeringDemo(db, tenant.id, config);
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('the coordinator runs a week of matching and every proposal shows why it was made', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, coordinator);
    await page.goto('/vrijwilligerswerk');
    const overdue = page.getByRole('table', { name: 'Evaluaties te laat' });
    assert.match((await overdue.textContent()) ?? '', /Ria – Anna de Wit/);
    await expectAccessible(page, 'coordinator overview with demo data');

    await page.getByRole('link', { name: 'Koppelen (week)' }).click();
    await expectAccessible(page, 'matching run form');
    await page.getByLabel('Afstand').fill('4');
    await page.getByRole('button', { name: 'Koppelingen voorstellen' }).click();
    const heading = await text(page, '#resultaat');
    const [, proposals, requests] = /^(\d+) voorstellen voor (\d+) hulpvragen/.exec(heading) ?? [];
    assert.ok(Number(proposals) >= 5, heading);
    assert.ok(Number(requests) >= Number(proposals));
    const cards = page.locator('#resultaat ~ .wk-cards article');
    assert.equal(await cards.count(), Number(proposals));
    for (const card of await cards.all()) {
      const lines = await card.getByRole('listitem').allTextContents();
      assert.equal(lines.length, 6, 'a reason per component');
      assert.match(lines[0]!, /^Afstand: [\d.]+ km \(hoogstens \d+ km\)/);
      assert.match(lines.join(' '), /Werkdruk: \d van \d koppelingen/);
      assert.match(lines.join(' '), /Wachttijd: \d+ dagen, urgentie/);
    }
    assert.equal(await page.getByLabel('Afstand').inputValue(), '4', 'the weight chosen stays');
    await expectAccessible(page, 'matching run result');
    await expectNoHorizontalScroll(page, 'matching run result');

    await page.getByRole('link', { name: 'Alle vrijwilligers' }).click();
    assert.match((await page.getByRole('row', { name: /Bert Schouten/ }).textContent()) ?? '', /verlopen op/);
    await expectAccessible(page, 'volunteers');

    await page
      .getByRole('navigation', { name: 'Vrijwilligerswerk' })
      .getByRole('link', { name: 'Cijfers' })
      .click();
    assert.match(await text(page, 'h1'), /Cijfers vrijwillige inzet/);
    assert.ok(await page.getByRole('img', { name: 'Hulpvragen per soort hulp' }).isVisible());
    assert.match(await text(page), /< 5/);
    await expectAccessible(page, 'figures');
    expectNoCspViolations(page);
  });
});
