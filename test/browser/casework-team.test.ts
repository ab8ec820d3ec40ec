// The team views and case conferences in a real browser. Samira leads the Jovanović household, Bram the Bakker
// household: each sees their own household by name and the other's only as known, with whom to contact; the
// workload page counts what each consultant carries. Samira plans a case conference with Bram, the school and
// the resident, records what was agreed, and finds it in the plan; then a meeting every two weeks. axe on
// every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  expectNoHorizontalScroll,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aHouseholdWithQuestion, aTenant, aUser, logIn, type TestUser } from '../helpers/factories.js';

const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

async function aHousehold(
  app: FastifyInstance,
  tenant: Tenant,
  user: TestUser,
  familyName: string,
  houseNumber: number,
) {
  const session = await logIn(app, tenant, user);
  return aHouseholdWithQuestion(
    app,
    session,
    {
      members: [{ given_name: 'Test', family_name: familyName, birth_date: '1980-05-01' }],
      address: { postcode: '1911 MJ', house_number: houseNumber, street: 'Middelweg', city: 'Uitgeest' },
    },
    { channel: 'phone', question: 'Ik heb hulp nodig bij mijn post.', life_domains: ['finances'] },
  );
}

describe('browser: team views and case conferences', () => {
  let tenant: Tenant;
  let samira: TestUser;
  let bram: TestUser;
  let samiraHousehold: string;
  let bramHousehold: string;

  before(async () => {
    const { app, db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
    bram = await aUser(db, tenant, { roles: ['consultant'], name: 'Bram Visser' });
    samiraHousehold = await aHousehold(app, tenant, samira, 'Jovanović', 27);
    bramHousehold = await aHousehold(app, tenant, bram, 'Bakker', 31);
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('my households by name, the others only with whom to contact; the workload per consultant', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto('/sociaal-team');
    await page.getByRole('link', { name: 'Huishoudens' }).click();
    assert.match(await text(page, 'h1'), /Mijn huishoudens/);
    const mine = await text(page, '#mine-table');
    assert.match(mine, /Jovanović/);
    assert.match(mine, /regievoerder/);
    assert.doesNotMatch(mine, /Bakker/);
    const team = await text(page, '#team-table');
    assert.match(team, /Jovanović/);
    assert.doesNotMatch(team, /Bakker/, 'a household Samira does not work on shows no name');
    assert.match(team, /U werkt hier niet aan\..*Bram Visser/s);
    assert.equal(
      await page.locator(`#team-table a[href$="${bramHousehold}"]`).count(),
      0,
      'no link into a file she does not work on',
    );
    await page.locator(`#mine-table a[href$="${samiraHousehold}"]`).waitFor();
    await expectAccessible(page, 'my households');

    await page.getByRole('link', { name: 'Werkverdeling' }).click();
    assert.match(await text(page, 'h1'), /Werkverdeling/);
    const row = async (name: string) =>
      (await page.locator('#workload-table tr', { hasText: name }).textContent()) ?? '';
    // Name, case lead of 1, co-worker on 0, no actions, no aftercare.
    assert.match(await row('Samira El Amrani'), /Samira El Amrani1000/);
    assert.match(await row('Bram Visser'), /Bram Visser1000/);
    assert.match(await text(page, '#areas-table'), /2/);
    await expectAccessible(page, 'workload');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'workload on a phone');
  });

  test('a case conference: planned with its agenda, the agreements land in the plan; a series every two weeks', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto('/sociaal-team');
    await page.getByRole('link', { name: 'Overleg' }).click();
    assert.match(await text(page, 'h1'), /Overleg/);
    await expectAccessible(page, 'meetings');
    await page.getByRole('link', { name: 'Overleg plannen' }).click();

    // Without a name, time or participants nothing is planned, and each mistake is named.
    await page.getByRole('button', { name: 'Overleg plannen' }).click();
    const alert = await text(page, '[role=alert]');
    assert.match(alert, /Geef het overleg een naam/);
    assert.match(alert, /Vul een datum en een tijd in/);
    assert.match(alert, /minstens 1 deelnemer/);
    await expectAccessible(page, 'plan a meeting with errors');

    await page.getByLabel('Naam van het overleg').fill('Casusoverleg Uitgeest');
    await page.getByLabel('Datum', { exact: true }).fill('2030-03-04');
    await page.getByLabel('Tijd', { exact: true }).fill('14:00');
    await page.getByLabel('Plaats').fill('Dorpshuis, zaal 2');
    await page.getByLabel('Bram Visser').check();
    await page.getByLabel('Naam van partner 1').fill('Els de Wit');
    await page.getByLabel('Organisatie van partner 1').fill('Basisschool De Branding');
    await page.getByLabel('Inwoner die meedoet').selectOption({ label: 'Test Jovanović (Jovanović)' });
    assert.equal(
      await page.getByLabel('Bakker').count(),
      0,
      "Bram's household is not hers to put on the agenda",
    );
    await page.getByLabel('Jovanović', { exact: true }).check();
    await page.getByRole('button', { name: 'Overleg plannen' }).click();

    assert.match(await text(page, '[role=status]'), /Het overleg is gepland/);
    assert.match(await text(page, 'h1'), /Casusoverleg Uitgeest/);
    const meeting = await text(page);
    assert.match(meeting, /4 mrt 2030.*14:00/);
    assert.match(meeting, /Dorpshuis, zaal 2/);
    assert.match(meeting, /Bram Visser \(collega\)/);
    assert.match(meeting, /Els de Wit, Basisschool De Branding \(partner\)/);
    assert.match(meeting, /Test Jovanović \(inwoner\)/);
    assert.match(await text(page, '#agenda-table'), /Jovanović.*Samira El Amrani.*Nog niet besproken/s);
    await expectAccessible(page, 'meeting');
    const meetingUrl = page.url().replace(/\?.*$/, '');

    // Bram sees the meeting, but Samira's household only as known; he adds his own.
    const other = await newPage(await tenantContext(tenant));
    await logInWithPassword(other, bram);
    await other.goto(meetingUrl);
    const agenda = await text(other, '#agenda-table');
    assert.doesNotMatch(agenda, /Jovanović/);
    assert.match(agenda, /U werkt hier niet aan.*Samira El Amrani/s);
    assert.doesNotMatch(
      await text(other),
      /Test Jovanović/,
      'the resident is named only to who works on her',
    );
    await other.getByLabel('Huishouden', { exact: true }).selectOption({ label: 'Bakker' });
    await other.getByRole('button', { name: 'Op de agenda zetten' }).click();
    assert.match(await text(other, '[role=status]'), /Het huishouden staat op de agenda/);
    assert.match(await text(other, '#agenda-table'), /Bakker/);
    await expectAccessible(other, 'meeting as a colleague');

    // Samira records the agreements; the goal and action appear in the plan.
    await page.goto(meetingUrl);
    assert.doesNotMatch(await text(page, '#agenda-table'), /Bakker/);
    await page.getByRole('link', { name: 'Afspraken vastleggen: Jovanović' }).click();
    assert.match(await text(page, 'h1'), /Afspraken over huishouden Jovanović/);
    await page.getByRole('button', { name: 'Afspraken opslaan' }).click();
    assert.match(await text(page, '[role=alert]'), /Schrijf een notitie/);
    await expectAccessible(page, 'agreements with an error');
    await page
      .getByLabel('Wat is er afgesproken?')
      .fill('School en schuldhulp werken samen; de inwoner komt zelf naar het volgende overleg.');
    await page.getByLabel('Leefgebied').selectOption('finances');
    await page
      .getByLabel('Het doel, in de woorden van de inwoner')
      .fill('Ik wil mijn post weer zelf openmaken.');
    await page.getByLabel('Wat gebeurt er?').fill('Samen de post doornemen bij het formulierenspreekuur');
    await page.getByLabel('Wie doet het?').selectOption('volunteer');
    await page.getByLabel('Naam van wie het doet').fill('Formulierenbrigade');
    await page.getByLabel('Vóór welke datum?').fill('2030-04-01');
    await page.getByRole('button', { name: 'Afspraken opslaan' }).click();
    assert.match(await text(page, '[role=status]'), /De afspraken zijn opgeslagen/);
    assert.match(await text(page, '#agenda-table'), /School en schuldhulp werken samen/);
    assert.match(await text(page), /gehouden/);
    await page.goto(`/sociaal-team/huishoudens/${samiraHousehold}/plan`);
    const plan = await text(page);
    assert.match(plan, /Ik wil mijn post weer zelf openmaken/);
    assert.match(plan, /Samen de post doornemen bij het formulierenspreekuur/);
    assert.match(plan, /Formulierenbrigade/);

    // A meeting every two weeks, six times.
    await page.goto('/sociaal-team/overleg');
    await page.getByRole('link', { name: 'Vast overleg elke twee weken plannen' }).click();
    await expectAccessible(page, 'plan a series');
    await page.getByLabel('Naam van het overleg').fill('Teamoverleg');
    await page.getByLabel('Datum van het eerste overleg').fill('2030-03-05');
    await page.getByLabel('Tijd', { exact: true }).fill('09:30');
    await page.getByRole('button', { name: 'Reeks plannen' }).click();
    assert.match(await text(page, '[role=status]'), /Het vaste overleg is gepland: 6 keer/);
    const list = await text(page, '#meetings-table');
    assert.equal(list.match(/Teamoverleg/g)?.length, 6);
    assert.match(list, /5 mrt 2030.*09:30.*Teamoverleg/s);
    assert.match(list, /19 mrt 2030.*09:30.*Teamoverleg/s);
    assert.match(list, /Casusoverleg Uitgeest.*Dorpshuis, zaal 2.*2/s);
    await expectAccessible(page, 'meetings with a series');
  });
});
