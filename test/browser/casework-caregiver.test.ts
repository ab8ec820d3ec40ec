// The girl from the Buitenboel who turns out to be a young caregiver (seed 000 §3.3), in a real browser: the
// youth worker's worry comes in as a signal, the consultant registers the family, Lotte fills in her own spider
// web and marks what she wants to talk about, the plan gets a goal in her words, and the case closes in the
// social base with a closing assessment that shows the change, and aftercare. axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  logInWithPassword,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';

const text = async (page: Page, selector = 'main') =>
  (await page.locator(selector).first().textContent()) ?? '';

describe('browser: the young caregiver', () => {
  let tenant: Tenant;
  let samira: TestUser;

  before(async () => {
    const { db } = await testApp();
    tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    samira = await aUser(db, tenant, { roles: ['consultant'], name: 'Samira El Amrani' });
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('from the youth worker’s signal to aftercare, with the spider web of the girl herself', async () => {
    const page = await newPage(await tenantContext(tenant));
    await logInWithPassword(page, samira);
    await page.goto('/sociaal-team/nieuw');
    await page.getByLabel('Hoe kwam de vraag binnen?').selectOption('signal');
    await page
      .getByLabel('De vraag', { exact: true })
      .fill(
        'De jongerenwerker maakt zich zorgen: Lotte zorgt veel voor haar zieke moeder en er is veel ruzie thuis.',
      );
    await page.getByRole('checkbox', { name: 'Huiselijke relaties' }).check();
    await page.getByRole('checkbox', { name: 'Lichamelijke gezondheid' }).check();
    const people = [
      ['Ellen', 'Verhoeven', '1981-03-08', 'main-resident'],
      ['Mark', 'Verhoeven', '1979-07-30', 'partner'],
      ['Lotte', 'Verhoeven', '2013-05-05', 'child'],
    ] as const;
    for (const [i, [given, family, born, relation]] of people.entries()) {
      const block = page.getByRole('group', { name: `Persoon ${i + 1}` });
      await block.getByLabel('Voornaam').fill(given);
      await block.getByLabel('Achternaam').fill(family);
      await block.getByLabel('Geboortedatum').fill(born);
      await block.getByLabel('Plaats in het huishouden').selectOption(relation);
    }
    await page.getByLabel('Postcode').fill('1902 BV');
    await page.getByLabel('Huisnummer', { exact: true }).fill('81');
    await page.getByRole('button', { name: 'Vraag en huishouden vastleggen' }).click();
    assert.match(await text(page, 'h1'), /Huishouden Verhoeven/);
    assert.match(await text(page), /Castricum/);
    assert.match(await text(page), /via signaal/);

    // Lotte's own spider web at intake: she wants to talk about meaning and participation.
    const spiderWeb = async (moment: string, date: string, scores: number[], talk: string[]) => {
      await page.getByRole('link', { name: 'Spinnenweb Positieve Gezondheid invullen' }).click();
      await page.getByLabel('Moment').selectOption(moment);
      await page.getByLabel('Datum van de meting').fill(date);
      await page.getByLabel('Over wie gaat de meting?').selectOption({ label: 'Lotte Verhoeven' });
      const labels = [
        'Lichaamsfuncties',
        'Mentaal welbevinden',
        'Zingeving',
        'Kwaliteit van leven',
        'Meedoen',
      ];
      for (const [i, label] of labels.entries())
        await page.getByLabel(label, { exact: true }).selectOption(String(scores[i]));
      for (const item of talk)
        await page.getByRole('checkbox', { name: `Hier wil ik over praten: ${item}` }).check();
      await page.getByRole('button', { name: 'Meting opslaan' }).click();
    };
    await spiderWeb('intake', '2025-01-10', [5, 3, 2, 3, 2], ['Zingeving', 'Meedoen']);
    const web = page.getByRole('figure', { name: 'Spinnenweb Positieve Gezondheid (Lotte Verhoeven)' });
    assert.match((await web.getByRole('row', { name: /Zingeving/ }).textContent()) ?? '', /2 \*/);
    await expectAccessible(page, 'household with Lotte’s spider web');

    // The plan: a goal in her words and the youth work as her place.
    await page.getByRole('link', { name: 'Plan bekijken en aanpassen' }).click();
    await page.getByLabel('Leefgebied').selectOption('domestic-relations');
    await page
      .getByLabel('Het doel, in de woorden van de inwoner')
      .fill('Ik wil gewoon kind kunnen zijn en niet alles thuis hoeven te doen.');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    await page.getByLabel('Wat gebeurt er?').fill('Lotte helpt als vrijwilliger bij het jongerenwerk');
    await page.getByLabel('Wie doet het?').selectOption('resident');
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByLabel('Stand van actie 1', { exact: true }).selectOption('done');
    await page.getByRole('button', { name: 'Opslaan: stand van actie 1' }).click();
    assert.match(await text(page), /Lotte helpt als vrijwilliger bij het jongerenwerk.*klaar/s);

    // Half a year later: her spider web at closure shows the change; the case closes in the social base.
    await page.goto(page.url().replace(/\/plan.*$/, ''));
    await spiderWeb('closure', '2025-07-10', [6, 7, 7, 7, 8], []);
    const table = page.getByRole('figure', { name: /Lotte Verhoeven/ }).getByRole('table');
    assert.match((await table.getByRole('row', { name: /Meedoen/ }).textContent()) ?? '', /2 \*8\+6$/);
    await page.getByRole('link', { name: 'Opschalen, afsluiten en nazorg' }).click();
    await page.getByLabel('Uitkomst').selectOption('solved-in-social-base');
    await page.getByRole('button', { name: 'Casus afsluiten' }).click();
    assert.match(await text(page), /Afgesloten op .*: opgelost in de sociale basis/);
    assert.equal(await page.locator('article', { hasText: 'Nazorgcontact rond' }).count(), 2);
    await expectAccessible(page, 'closed with aftercare');
  });
});
