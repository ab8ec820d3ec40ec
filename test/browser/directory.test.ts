// The sociale kaart in a real browser: a resident on a phone finds a koffie-inloop by saying how they feel,
// the search without JavaScript, the map with it, and a GP printing the Preventiekaart; axe on every page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { importHsds, readDemoServices } from '../../src/modules/directory/index.js';
import { prepareSearch } from '../../src/modules/directory/pages/test-support.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp, testServerUrl } from '../helpers/app.js';
import {
  closeContexts,
  expectAccessible,
  expectNoCspViolations,
  expectNoHorizontalScroll,
  newPage,
  tenantContext,
} from '../helpers/browser.js';
import { aTenant } from '../helpers/factories.js';

const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
};
// A 1×1 PNG stands in for map tiles: the tests never leave this machine.
const tile = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('browser: sociale kaart', () => {
  let tenant: Tenant;
  let base: string;
  let tileRequests = 0;

  /** A context for the tenant in which nothing goes to another host; map tiles get the stand-in. */
  async function context(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const ctx = await tenantContext(tenant, options);
    await ctx.route(
      (url) => url.origin !== base,
      (route) => {
        if (route.request().url().startsWith('https://tile.openstreetmap.org/')) {
          tileRequests++;
          return route.fulfill({ body: tile, contentType: 'image/png' });
        }
        return route.abort();
      },
    );
    return ctx;
  }
  const results = (page: Page) => page.locator('.wk-result');

  before(async () => {
    const { db } = await testApp();
    base = await testServerUrl();
    tenant = await aTenant(db, { withAreas: true });
    await importHsds(db, tenant.id, await readDemoServices());
    await prepareSearch(db, tenant.id);
  });
  afterEach(closeContexts);
  after(closeContexts);

  test('a resident on a phone types how they feel and finds a koffie-inloop nearby', async () => {
    const page = await newPage(await context(phone));
    await page.goto('/aanbod');
    await expectAccessible(page, 'search page');
    await expectNoHorizontalScroll(page, 'search page on a phone');

    await page.getByLabel('Waar zoekt u hulp bij?').fill('ik zie bijna nooit iemand');
    await page.getByLabel('Waar woont u?').fill('Schoorl');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL(/\/aanbod\?q=ik\+zie\+bijna\+nooit\+iemand&waar=Schoorl$/);
    // The script leaves out the empty choices, so the address stays short and shareable.
    assert.match(
      await page.getByRole('heading', { level: 2, name: /resultaten gevonden/ }).innerText(),
      /^\d+ resultaten gevonden$/,
    );
    assert.match(await page.locator('main').innerText(), /Wij zochten op: [^.]*eenzaamheid/);

    const top = results(page)
      .filter({ hasText: /Koffie-inloop/ })
      .first();
    const index = await results(page).evaluateAll((items) =>
      items.findIndex((li) => /Koffie-inloop/.test(li.querySelector('h3')?.textContent ?? '')),
    );
    assert.ok(index >= 0 && index < 5, `a koffie-inloop is among the first five results (at ${index + 1})`);
    const distance = /(\d+(?:,\d)?) (k?m) van Schoorl/.exec(await top.innerText());
    const km = distance && Number(distance[1]!.replace(',', '.')) / (distance[2] === 'm' ? 1000 : 1);
    assert.ok(km !== null && km <= 5, `it is nearby: ${distance?.[0]}`);
    await expectAccessible(page, 'search results');
    await expectNoHorizontalScroll(page, 'search results on a phone');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'search results at 320 px');

    const name = await top.locator('h3 a').innerText();
    await top.locator('h3 a').click();
    await page.waitForURL(/\/aanbod\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), name);
    const main = await page.locator('main').innerText();
    for (const heading of ['Wanneer?', 'Waar?', 'Wat kost het?', 'Hoe doet u mee?', 'Contact'])
      assert.ok(main.includes(heading), heading);
    assert.match(main, /Laatst gecontroleerd op \d+ [a-z]+ \d{4}\./);
    await page.getByRole('link', { name: 'Terug naar de resultaten' }).waitFor();
    await expectAccessible(page, 'offer page');
    await expectNoHorizontalScroll(page, 'offer page at 320 px');

    await page.getByRole('link', { name: 'Print deze pagina' }).click();
    await page.waitForURL(/\/print$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), name);
    assert.ok(
      await page.getByRole('button', { name: 'Printen' }).isVisible(),
      'the print button appears with JavaScript',
    );
    await expectAccessible(page, 'print view');
    await expectNoHorizontalScroll(page, 'print view at 320 px');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.wk-header').isVisible(), false, 'the page header is not printed');
    assert.equal(await page.getByRole('button', { name: 'Printen' }).isVisible(), false);
    expectNoCspViolations(page);
  });

  test('the search works without JavaScript: the form, the filters and paging', async () => {
    const page = await newPage(await context({ ...phone, javaScriptEnabled: false }));
    await page.goto('/aanbod');
    await page.getByLabel('Waar zoekt u hulp bij?').fill('koffie');
    await page.locator('summary', { hasText: 'Meer keuzes' }).click();
    await page.getByLabel('Onderwerp').selectOption({ label: 'Ontmoeting' });
    await page.getByLabel('gratis is').check();
    await page.getByRole('button', { name: 'Toon resultaten' }).click();
    await page.waitForURL(/thema=ontmoeting/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'koffie');
    assert.equal(url.searchParams.get('gratis'), 'ja');
    assert.ok((await results(page).count()) > 0);
    assert.equal(await page.locator('[data-wk-map]').isVisible(), false, 'no map without JavaScript');
    assert.equal(await page.locator('[data-wk-print]').count(), 1);
    assert.equal(await page.locator('[data-wk-print]').isVisible(), false, 'printing needs the script');
    assert.ok(await page.getByLabel('gratis is').isChecked(), 'the choice stays');
    // axe needs JavaScript: the same page is checked in a context that has it.
    const checked = await newPage(await context(phone));
    await checked.goto(page.url());
    await expectAccessible(checked, 'filtered results');

    await page.goto('/aanbod?alles=ja');
    await page
      .getByRole('navigation', { name: 'Andere pagina’s met resultaten' })
      .getByRole('link', { name: 'Volgende' })
      .click();
    await page.waitForURL(/pagina=2/);
    assert.match(await page.locator('main').innerText(), /Resultaat 21 tot en met 40\./);
    assert.equal(await page.locator('[aria-current=page]').innerText(), '2');
  });

  test('with JavaScript the results appear on a map, with numbered markers', async () => {
    const page = await newPage(await context());
    tileRequests = 0;
    await page.goto('/aanbod?thema=eenzaamheid&waar=Heiloo');
    const map = page.getByRole('region', { name: 'Kaart met de resultaten op deze pagina' });
    await map.locator('.leaflet-container').waitFor();
    const withPlace = await page.locator('.wk-result[data-wk-lat]').count();
    assert.ok(withPlace > 0);
    assert.equal(await map.locator('.wk-marker').count(), withPlace);
    assert.ok(tileRequests > 0, 'tiles come from the configured tile server');
    assert.match(await map.locator('.leaflet-control-attribution').innerText(), /OpenStreetMap/);
    // Markers are buttons that work from the keyboard.
    await map.locator('.wk-marker').first().focus();
    await page.keyboard.press('Enter');
    const popup = map.locator('.leaflet-popup-content a');
    assert.match(await popup.innerText(), /^1\. /);
    assert.match((await popup.getAttribute('href')) ?? '', /^\/aanbod\/[0-9a-f-]{36}$/);
    await expectAccessible(page, 'results with a map');
    expectNoCspViolations(page);

    // On a phone the map waits for a button, to save data.
    const small = await newPage(await context(phone));
    await small.goto('/aanbod?thema=eenzaamheid');
    const show = small.getByRole('button', { name: 'Toon de kaart' });
    await show.click();
    await small.locator('.wk-map .leaflet-container').waitFor();
    await expectNoHorizontalScroll(small, 'results with a map on a phone');
    expectNoCspViolations(small);
  });

  test('a GP prints the Preventiekaart for eenzaamheid in Heiloo on one A4', async () => {
    const page = await newPage(await context());
    await page.goto('/preventiekaart');
    await expectAccessible(page, 'Preventiekaart: choose');
    await page.getByLabel('Onderwerp').selectOption({ label: 'Eenzaamheid' });
    await page.getByLabel('Gebied').selectOption({ label: 'Heiloo' });
    await page.getByRole('button', { name: 'Toon de Preventiekaart' }).click();
    await page.waitForURL(/\/preventiekaart\?thema=eenzaamheid&gebied=Heiloo$/);
    assert.equal(
      await page.getByRole('heading', { level: 1 }).innerText(),
      'Preventiekaart Eenzaamheid – Heiloo',
    );
    const groups = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    assert.deepEqual(
      groups.map((g) => g.split(' – ')[0]),
      ['1. Vrij toegankelijk', '2. Aanmelden', '3. Verwijzing nodig', '4. Indicatie nodig'],
    );
    const light = page.getByRole('region', { name: /^1\. Vrij toegankelijk/ });
    assert.ok((await light.getByRole('listitem').count()) > 0);
    assert.match(await light.innerText(), /Heiloo/);
    assert.match(
      await page.getByRole('region', { name: /^3\. Verwijzing nodig/ }).innerText(),
      /Welzijn op Recept Heiloo/,
    );
    assert.ok(await page.getByRole('button', { name: 'Print de Preventiekaart' }).isVisible());
    await expectAccessible(page, 'Preventiekaart');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'Preventiekaart at 320 px');

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    assert.equal(pages, 1, 'the Preventiekaart fits on one A4');
    expectNoCspViolations(page);
  });

  test('an unknown offer and the English pages are accessible too', async () => {
    const page = await newPage(await context());
    const res = await page.goto('/aanbod/00000000-0000-4000-8000-000000000000');
    assert.equal(res?.status(), 404);
    assert.match(
      await page.getByRole('heading', { level: 1 }).innerText(),
      /staat niet \(meer\) in de sociale kaart/,
    );
    await expectAccessible(page, 'offer not found');

    await page.goto('/preventiekaart?thema=bestaat-niet&gebied=Heiloo');
    assert.match(await page.getByRole('alert').innerText(), /Dit onderwerp kennen wij niet/);
    await expectAccessible(page, 'Preventiekaart with a wrong theme');

    await page.getByRole('link', { name: 'English' }).click();
    await page.goto('/aanbod?q=koffie&waar=Atlantis');
    assert.match(await page.getByRole('alert').innerText(), /We do not know the place "Atlantis"/);
    await expectAccessible(page, 'search in English with an unknown place');
  });
});
