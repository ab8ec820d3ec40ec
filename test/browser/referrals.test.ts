// Welzijn op Recept in a real browser: a GP in Egmond refers a lonely widower to the welfare coach, the coach
// holds the intake with the loneliness pathway and starts him at a koffie-inloop and with a buddy, the provider
// takes it on, and the GP sees the outcome; a provider declines with a reason the GP sees; residents read a
// route page and sign up; coordinators save a pathway; the figures page. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { AANSCHUIF_EGMOND, aReferralWorld, type World } from '../../src/modules/referrals/test-fixtures.js';
import { outboxFor } from '../../src/platform/mail/index.js';
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
import { call, type TestUser } from '../helpers/factories.js';

const path = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: referrals and Welzijn op Recept', () => {
  let w: World;

  before(async () => {
    const { app, db } = await testApp();
    w = await aReferralWorld(app, db);
  });
  afterEach(closeContexts);
  after(closeContexts);

  const as = async (user: TestUser) => {
    const page = await newPage(await tenantContext(w.tenant));
    await logInWithPassword(page, user);
    return page;
  };

  const fillResident = async (
    page: Page,
    r: { given: string; family: string; birth: string; postcode: string },
  ) => {
    await page.getByLabel('Voornaam').fill(r.given);
    await page.getByLabel('Achternaam').fill(r.family);
    await page.getByLabel('Geboortedatum').fill(r.birth);
    await page.getByLabel('Postcode').fill(r.postcode);
  };

  test('GP → welfare coach → intake with a pathway → koffie-inloop and buddy started → the GP sees the outcome', async () => {
    // ---- the GP ----
    const gp = await as(w.users.gp);
    await gp.goto('/verwijzingen/nieuw');
    await expectAccessible(gp, 'new referral');
    await gp.getByLabel('Welzijnscoach (Welzijn op Recept)').check();
    await fillResident(gp, {
      given: 'Gerrit',
      family: 'Duinmeijer',
      birth: '1941-03-02',
      postcode: '1931 AB',
    });
    await gp.getByLabel('Waarom verwijst u?').fill('Weduwnaar sinds een half jaar, voelt zich eenzaam.');
    // Forgetting consent is refused with a clear message, and what was typed stays.
    await gp.getByRole('button', { name: 'Verwijzing versturen' }).click();
    assert.match(await text(gp, '[role=alert]'), /Zonder toestemming van de inwoner kunt u niet verwijzen/);
    assert.equal(await gp.getByLabel('Voornaam').inputValue(), 'Gerrit');
    await expectAccessible(gp, 'new referral with an error');
    await gp.getByLabel('De inwoner geeft toestemming om deze gegevens te delen met de ontvanger.').check();
    await gp.getByRole('button', { name: 'Verwijzing versturen' }).click();
    assert.match(path(gp), /^\/verwijzingen\/[0-9a-f-]{36}$/);
    assert.match(await text(gp, '[role=status]'), /De verwijzing is verstuurd/);
    assert.match(await text(gp), /Verstuurd/);
    const referralPath = path(gp);
    await expectAccessible(gp, 'referral as referrer');
    expectNoCspViolations(gp);

    // ---- the welfare coach ----
    const coach = await as(w.users.coach);
    await coach.goto('/verwijzingen');
    await expectAccessible(coach, 'inbox');
    await coach
      .getByRole('table', { name: 'Binnengekomen' })
      .getByRole('link', { name: 'Gerrit Duinmeijer' })
      .click();
    assert.equal(path(coach), referralPath);
    assert.match(await text(coach), /Weduwnaar sinds een half jaar/);
    assert.match(await text(coach), /1941-03-02/);
    await expectAccessible(coach, 'referral as receiver');
    await coach.getByRole('link', { name: 'Intake met routekaart' }).click();
    await expectAccessible(coach, 'intake');
    const step1 = coach.getByRole('group', { name: /Stap 1: Koffie en ontmoeting/ });
    await step1.getByLabel(/Koffie-inloop Egmond aan Zee/).check();
    await coach
      .getByRole('group', { name: /Stap 2/ })
      .getByLabel(/Bezoekdienst aan huis Bergen/)
      .check();
    await coach.getByLabel('Terugkoppeling aan de verwijzer na (weken)').fill('6');
    await coach.getByRole('button', { name: 'Gekozen aanbod starten' }).click();
    assert.match(await text(coach, '[role=alert]'), /Zonder toestemming kan het niet/);
    await expectAccessible(coach, 'intake with an error');
    assert.equal(
      await coach
        .getByRole('group', { name: /Stap 1/ })
        .getByLabel(/Koffie-inloop Egmond aan Zee/)
        .isChecked(),
      true,
      'the choice stays',
    );
    await coach.getByLabel(/De inwoner vindt het goed dat het gekozen aanbod/).check();
    await coach.getByRole('button', { name: 'Gekozen aanbod starten' }).click();
    assert.equal(path(coach), referralPath);
    assert.match(await text(coach, '[role=status]'), /Het gekozen aanbod is gestart/);
    const offers = coach.getByRole('table', { name: 'Gestart aanbod' });
    assert.match((await offers.textContent()) ?? '', /Koffie-inloop Egmond aan Zee/);
    assert.match((await offers.textContent()) ?? '', /Bezoekdienst aan huis Bergen/);
    await expectAccessible(coach, 'referral after the intake');

    // ---- the provider of the koffie-inloop ----
    const provider = await as(w.users.provider);
    await provider.goto('/verwijzingen');
    const inbox = provider.getByRole('table', { name: 'Binnengekomen' });
    assert.match((await inbox.textContent()) ?? '', /Koffie-inloop Egmond aan Zee/);
    assert.doesNotMatch((await inbox.textContent()) ?? '', /Bezoekdienst/, 'another organisation’s referral');
    await inbox.getByRole('link', { name: 'Gerrit Duinmeijer' }).click();
    await expectAccessible(provider, 'offer referral as provider');
    for (const status of ['Contact gehad', 'Gestart']) {
      await provider.getByLabel('Nieuwe status').selectOption({ label: status });
      await provider.getByRole('button', { name: 'Status opslaan' }).click();
      assert.match(await text(provider, '[role=status]'), /De status is opgeslagen/);
    }
    assert.match(await text(provider), /Status nu\s*Gestart/);

    // ---- the GP sees the outcome, not the file ----
    await gp.goto(referralPath);
    const seen = await text(gp);
    assert.match(seen, /Status nu\s*Gestart/);
    assert.match(
      (await gp.getByRole('table', { name: 'Gestart aanbod' }).textContent()) ?? '',
      /Koffie-inloop Egmond aan Zee.*Gestart/,
    );
    assert.doesNotMatch(seen, /Reden van verwijzing|1941-03-02/, 'the referrer sees status and outcome only');
    await expectAccessible(gp, 'referral outcome as referrer');
    await expectNoHorizontalScroll(gp, 'referral outcome');
  });

  test('a provider declines with a reason, and the GP sees it', async () => {
    const gp = await as(w.users.gp);
    await gp.goto(`/verwijzingen/nieuw?aanbod=${AANSCHUIF_EGMOND}`);
    assert.equal(await gp.getByLabel('Aanbod: Aanschuiftafel Egmond aan Zee').isChecked(), true);
    await fillResident(gp, { given: 'Truus', family: 'Zeeman', birth: '1946-07-01', postcode: '1931 CD' });
    await gp.getByLabel('Waarom verwijst u?').fill('Eet vaak alleen.');
    await gp.getByLabel('De inwoner geeft toestemming om deze gegevens te delen met de ontvanger.').check();
    await gp.getByRole('button', { name: 'Verwijzing versturen' }).click();
    const referralPath = path(gp);

    const provider = await as(w.users.provider);
    await provider.goto(referralPath);
    await provider.getByLabel('Nieuwe status').selectOption({ label: 'Afgewezen' });
    await provider.getByRole('button', { name: 'Status opslaan' }).click();
    assert.match(await text(provider, '[role=alert]'), /Geef een reden waarom u de verwijzing afwijst/);
    await expectAccessible(provider, 'decline without a reason');
    await provider.getByLabel('Nieuwe status').selectOption({ label: 'Afgewezen' });
    await provider.getByLabel('Reden (bij afwijzen)').selectOption({ label: 'Vol, geen plek' });
    await provider
      .getByLabel('Toelichting voor de verwijzer')
      .fill('Tot de zomer vol; probeer de koffie-inloop.');
    await provider.getByRole('button', { name: 'Status opslaan' }).click();
    assert.match(await text(provider), /Status nu\s*Afgewezen/);

    await gp.goto(referralPath);
    const history = (await gp.getByRole('table', { name: 'Verloop' }).textContent()) ?? '';
    assert.match(history, /Afgewezen/);
    assert.match(history, /Vol, geen plek: Tot de zomer vol; probeer de koffie-inloop\./);
    assert.match(history, /Petra de Wit/);
    await expectAccessible(gp, 'declined referral as referrer');
  });

  test('a referral to the social team opens a case the coach sees and the GP cannot open', async () => {
    const gp = await as(w.users.gp);
    await gp.goto('/verwijzingen/nieuw?doel=social-team');
    assert.equal(await gp.getByLabel('Sociaal team', { exact: true }).isChecked(), true);
    await fillResident(gp, { given: 'Sanne', family: 'Kustvlieg', birth: '1979-09-09', postcode: '1931 AB' });
    await gp.getByLabel('Huisnummer (nodig voor het sociaal team)').fill('21');
    await gp.getByLabel('Waarom verwijst u?').fill('Schulden, de post blijft liggen.');
    await gp.getByLabel('De inwoner geeft toestemming om deze gegevens te delen met de ontvanger.').check();
    await gp.getByRole('button', { name: 'Verwijzing versturen' }).click();
    const referralPath = path(gp);

    const coach = await as(w.users.coach);
    await coach.goto(referralPath);
    await coach.getByLabel('Nieuwe status').selectOption({ label: 'Ontvangen' });
    await coach.getByRole('button', { name: 'Status opslaan' }).click();
    const link = coach.getByRole('link', { name: 'Naar het huishouden in het sociaal team' });
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, /^\/sociaal-team\/huishoudens\/[0-9a-f-]{36}$/);
    await expectAccessible(coach, 'social-team referral as receiver');

    await gp.goto(referralPath);
    assert.match(await text(gp), /Status nu\s*Ontvangen/);
    assert.equal(await gp.getByRole('link', { name: /huishouden/ }).count(), 0);
    const file = await gp.goto(href);
    assert.equal(file?.status(), 403, 'the referrer cannot open the case file');
  });

  test('from a referral on a pathway, the coach refers to a next step with the resident filled in', async () => {
    const { app } = await testApp();
    const sent = await call(app, w.sessions.gp, 'POST', '/api/v1/referrals', {
      resident: {
        given_name: 'Kees',
        family_name: 'Duinroos',
        birth_date: '1938-12-24',
        postcode: '1862 AB',
      },
      target: { kind: 'welfare-coach' },
      reason: 'Eenzaam sinds zijn vrouw naar het verpleeghuis ging.',
      consent: { given: true, scope: 'Contact over de verwijzing.' },
      pathway_id: w.pathwayId,
      pathway_step: 3,
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const coach = await as(w.users.coach);
    await coach.goto(`/verwijzingen/${sent.json().id}`);
    await coach
      .getByRole('link', { name: 'Routekaart Eenzaamheid: naar een volgende stap verwijzen' })
      .click();
    assert.equal(await coach.getByLabel('Uw postcode').inputValue(), '1862 AB', 'offers near the resident');
    assert.doesNotMatch(coach.url(), /1862/, 'no postcode in the address');
    await expectAccessible(coach, 'route page for a next step');
    await coach.getByRole('link', { name: 'Verwijzen naar Bezoekdienst aan huis Bergen' }).click();
    assert.equal(await coach.getByLabel('Geboortedatum').inputValue(), '1938-12-24');
    assert.equal(await coach.getByLabel('Aanbod: Bezoekdienst aan huis Bergen').isChecked(), true);
    assert.match(await text(coach), /Vanuit routekaart Eenzaamheid, stap 2\./);
    await coach.getByLabel('Waarom verwijst u?').fill('Wil graag bezoek aan huis.');
    await coach
      .getByLabel('De inwoner geeft toestemming om deze gegevens te delen met de ontvanger.')
      .check();
    await coach.getByRole('button', { name: 'Verwijzing versturen' }).click();
    assert.match(await text(coach, '[role=status]'), /De verwijzing is verstuurd/);
    assert.match(await text(coach, 'h1'), /Bezoekdienst aan huis Bergen/);
  });

  test('a resident reads the route page, prints it and signs up for an offer', async () => {
    const page = await newPage(await tenantContext(w.tenant));
    await page.goto('/routekaarten');
    await expectAccessible(page, 'pathways');
    await page.getByRole('link', { name: 'Eenzaamheid' }).click();
    await page.getByLabel('Uw postcode').fill('1931 AB');
    await page.getByRole('button', { name: 'Toon aanbod in de buurt' }).click();
    const step1 = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Stap 1/ }) });
    assert.match((await step1.textContent()) ?? '', /Koffie-inloop Egmond aan Zee/);
    assert.match(await text(page), /Na 6 weken kijken we samen of dit helpt/);
    await expectAccessible(page, 'route page');
    await expectNoHorizontalScroll(page, 'route page');
    await page.getByRole('link', { name: 'Afdrukken' }).click();
    assert.match(path(page), /\/print$/);
    await expectAccessible(page, 'route print');

    await page.goto(`/aanmelden/${AANSCHUIF_EGMOND}`);
    await expectAccessible(page, 'sign-up');
    await fillResident(page, { given: 'Jan', family: 'Strand', birth: '1950-02-02', postcode: '1931 EF' });
    await page.getByLabel('E-mailadres van de inwoner (niet verplicht)').fill('jan.strand@example.nl');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    assert.match(await text(page, '[role=alert]'), /Zonder toestemming/);
    await expectAccessible(page, 'sign-up with an error');
    await page
      .getByLabel(/Ik vind het goed dat mijn gegevens naar Stichting Welzijn Kustdorpen gaan/)
      .check();
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    assert.match(await text(page, '[role=status]'), /Uw aanmelding is verstuurd/);
    const { db } = await testApp();
    assert.equal((await outboxFor(db, 'jan.strand@example.nl')).length, 1, 'a confirmation to the resident');
    expectNoCspViolations(page);
  });

  test('a coordinator saves a new pathway version; a policy officer reads the figures', async () => {
    const coord = await as(w.users.coordinator);
    await coord.goto(`/routekaarten/${w.pathwayId}`);
    await coord.getByRole('link', { name: 'Nieuwe versie van deze routekaart maken' }).click();
    await expectAccessible(coord, 'pathway form');
    assert.equal(
      await coord.getByLabel('Korte naam (blijft gelijk tussen versies)').inputValue(),
      'eenzaamheid',
    );
    assert.equal(await coord.getByLabel('Titel (Stap 1)').inputValue(), 'Koffie en ontmoeting in de buurt');
    assert.equal(
      await coord.getByLabel('Soort aanbod (code op de sociale kaart) (Stap 1)').inputValue(),
      'soort-aanbod:inloop',
    );
    await coord.getByLabel('Titel (Stap 1)').fill('Koffie-inloop in het dorp');
    await coord.getByLabel('Titel', { exact: true }).fill('');
    await coord.getByRole('button', { name: 'Routekaart opslaan' }).click();
    assert.match(await text(coord, '[role=alert]'), /Vul een titel in/);
    await expectAccessible(coord, 'pathway form with an error');
    await coord.getByLabel('Titel', { exact: true }).fill('Eenzaamheid');
    await coord.getByRole('button', { name: 'Routekaart opslaan' }).click();
    assert.match(path(coord), /^\/routekaarten\//);
    assert.match(await text(coord), /Versie 2/);
    assert.match(await text(coord), /Stap 1: Koffie-inloop in het dorp/);
    const step2 = coord.getByRole('listitem').filter({ has: coord.getByRole('heading', { name: /Stap 2/ }) });
    assert.match(
      (await step2.textContent()) ?? '',
      /Een maatje of bezoek aan huis.*Bezoekdienst aan huis Bergen/s,
    );
    assert.equal(
      await step2.getByRole('link', { name: /Koffie/ }).count(),
      0,
      'the named offer, not every theme offer',
    );

    const policy = await as(w.users.policy);
    await policy.goto('/verwijzingen/cijfers?per=offer');
    await expectAccessible(policy, 'figures');
    const table = (await policy.getByRole('table', { name: 'Cijfers verwijzingen' }).textContent()) ?? '';
    assert.match(table, /Koffie-inloop Egmond aan Zee/);
    assert.match(table, /< 5/);
    assert.ok((await policy.locator('svg.wk-chart__svg').count()) >= 1);
    // The Welzijn op Recept loop shows under its pathway.
    await policy.getByLabel('Per', { exact: true }).selectOption({ label: 'Routekaart' });
    await policy.getByRole('button', { name: 'Toon cijfers' }).click();
    const perPathway = policy.getByRole('table', { name: 'Cijfers verwijzingen' });
    assert.match(
      (await perPathway.getByRole('row', { name: /Eenzaamheid/ }).textContent()) ?? '',
      /Eenzaamheid/,
    );
    await expectAccessible(policy, 'figures per pathway');
    const csv = await policy.request.get('/verwijzingen/cijfers.csv?per=offer');
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /Aanbod;Verwijzingen/);
  });
});
