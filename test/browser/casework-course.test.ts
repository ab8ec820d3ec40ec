// Scaling up, closure and aftercare in a real browser, with Tarik and Maryam (seed 004 §3.4): their son with ADD
// cannot do his homework. The consultant scales up to the youth expert consultant, who records the youth support
// that was granted and hands the case back; the consultant closes it and records the first aftercare check-in.
// axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
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

describe('browser: scaling up, closure and aftercare', () => {
  let tenant: Tenant;
  let samira: TestUser;
  let jeroen: TestUser;
  let householdId: string;

  before(async () => {
    const { app, db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
    jeroen = await aUser(db, tenant, { roles: ['expert-consultant'], name: 'Jeroen Visser' });
    const session = await logIn(app, tenant, samira);
    householdId = await aHouseholdWithQuestion(
      app,
      session,
      {
        members: [
          {
            given_name: 'Maryam',
            family_name: 'Bakkali',
            birth_date: '1988-02-14',
            relation: 'main-resident',
          },
          { given_name: 'Tarik', family_name: 'Bakkali', birth_date: '1985-09-03', relation: 'partner' },
          { given_name: 'Yusuf', family_name: 'Bakkali', birth_date: '2014-06-21', relation: 'child' },
        ],
        address: { postcode: '1851 BK', house_number: 4, city: 'Heiloo' },
      },
      {
        channel: 'walk-in',
        question: 'Onze zoon heeft ADD en het lukt hem niet om zijn huiswerk te maken.',
        life_domains: ['work-education', 'domestic-relations'],
      },
    );
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('the consultant scales up to the expert, gets the case back, closes it and does the aftercare', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto(`/sociaal-team/huishoudens/${householdId}`);
    await page.getByRole('link', { name: 'Opschalen, afsluiten en nazorg' }).click();
    assert.match(await text(page, 'h1'), /Verloop van de casus: Bakkali/);
    assert.match(await text(page), /Deze casus is niet opgeschaald/);
    await expectAccessible(page, 'course of the case');

    // A hand-over without a note is refused.
    await page.getByLabel('Expertconsulent').selectOption({ label: 'Jeroen Visser' });
    await page.getByLabel('Voor', { exact: true }).selectOption('youth');
    await page.getByRole('button', { name: 'Opschalen', exact: true }).click();
    assert.match(await text(page, '[role=alert]'), /Dit is niet opgeslagen/);
    await expectAccessible(page, 'course with an error');
    await page
      .getByLabel('Notitie voor de overdracht')
      .fill('MDO met school en jeugd- en gezinscoach gehad; ambulante jeugdhulp lijkt nodig.');
    await page.getByRole('button', { name: 'Opschalen', exact: true }).click();
    assert.match(await text(page, '[role=status]'), /Opgeslagen/);
    assert.match(await text(page), /van Samira El Amrani naar Jeroen Visser \(Jeugd\)/);
    assert.match(await text(page), /Regievoerder: Jeroen Visser/);

    // ---- the expert records the granted provision and hands the case back ----
    const expert = await newPage(await tenantContext(tenant));
    await logInWithPassword(expert, jeroen);
    await expert.goto(`/sociaal-team/huishoudens/${householdId}/verloop`);
    await expert.getByLabel('Welke voorziening?').fill('Ambulante jeugdhulp');
    await expert.getByLabel('Wet', { exact: true }).selectOption('youth');
    await expert.getByLabel('Stand', { exact: true }).selectOption('granted');
    await expert.getByLabel('Begint op').fill('2025-03-01');
    await expert.getByLabel('Eindigt op').fill('2025-09-01');
    await expert.getByRole('button', { name: 'Vastleggen' }).click();
    const provisions = expert.getByRole('table', { name: 'Maatwerkvoorzieningen' });
    assert.match((await provisions.textContent()) ?? '', /Ambulante jeugdhulp.*Jeugd.*toegekend/);
    await expert
      .getByLabel('Notitie bij het teruggeven')
      .fill('Hulp loopt; graag nazorg door het sociaal team.');
    await expert.getByRole('button', { name: 'Teruggeven' }).click();
    assert.match(await text(expert), /Teruggegeven op .*: Hulp loopt/);
    await expectAccessible(expert, 'course after hand-back');

    // ---- the consultant has the case again, closes it with aftercare after 6 and 13 weeks ----
    await page.goto(`/sociaal-team/huishoudens/${householdId}/verloop`);
    assert.match(await text(page), /Regievoerder: Samira El Amrani/);
    await page.getByLabel('Uitkomst').selectOption('custom-provision');
    await page.getByLabel('Nazorg na hoeveel weken?').fill('zes');
    await page.getByRole('button', { name: 'Casus afsluiten' }).click();
    assert.match(await text(page, '[role=alert]'), /Vul weken in als getallen/);
    await page.getByLabel('Nazorg na hoeveel weken?').fill('6, 13');
    await page.getByRole('button', { name: 'Casus afsluiten' }).click();
    assert.match(await text(page), /De casus is gesloten/);
    assert.match(await text(page), /Afgesloten op .* door Samira El Amrani: maatwerkvoorziening/);
    const checkIns = page.locator('article', { hasText: 'Nazorgcontact rond' });
    assert.equal(await checkIns.count(), 2, 'aftercare after 6 weeks and after 3 months');
    await expectAccessible(page, 'closed case with aftercare');

    await checkIns.first().getByLabel('Hoe gaat het?').selectOption('fine');
    await checkIns.first().getByLabel('Notitie').fill('Yusuf maakt zijn huiswerk weer; school is tevreden.');
    await checkIns
      .first()
      .getByRole('button', { name: /Nazorgcontact vastleggen/ })
      .click();
    assert.match(await text(page), /Gedaan op .*: het gaat goed/);
    assert.match(await text(page), /Yusuf maakt zijn huiswerk weer/);
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'course on a phone');
  });
});
