// The sociale-kaart pages over HTTP, on the demo corpus: search with filters and paging, the offer page,
// its print view and calendar file, the Preventiekaart, the module's assets and the page policy.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../../app.js';
import type { Database } from '../../../platform/db/index.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { testApp } from '../../../../test/helpers/app.js';
import { aTenant, aUser, logIn } from '../../../../test/helpers/factories.js';
import { importHsds, readDemoServices } from '../index.js';
import type { CompiledService } from '../schemas.js';
import { prepareSearch } from './test-support.js';
import { accessRouteOf, isFree, placeName, termsOf } from './view.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** The offer ids listed on a results page, in order. */
const resultIds = (html: string) =>
  [...html.matchAll(/data-wk-href="\/aanbod\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const resultCount = (html: string) => {
  const m = /id="resultaten-kop">(?:Geen resultaten gevonden|(\d+) resultaten? gevonden)</.exec(html);
  assert.ok(m, 'the page says how many results there are');
  return m[1] ? Number(m[1]) : html.includes('1 resultaat gevonden') ? 1 : 0;
};
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('directory pages', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];
  let byId: Map<string, CompiledService>;

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url: `${url}${url.includes('?') ? '&' : '?'}tenant=${tenant.slug}`,
      headers: { accept: 'text/html', ...headers },
    });
  const page = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    return res.body;
  };
  const has = (s: CompiledService, taxonomy: string, code: string) =>
    termsOf(s, taxonomy).some((t) => t.code === code);
  const koffieInloopSchoorl = () => corpus.find((s) => s.name === 'Koffie-inloop Schoorl')!;

  before(async () => {
    ({ app, db } = await testApp());
    corpus = await readDemoServices();
    byId = new Map(corpus.map((s) => [s.id, s]));
    tenant = await aTenant(db, { withAreas: true });
    await importHsds(db, tenant.id, corpus);
    await prepareSearch(db, tenant.id);
  });

  describe('search /aanbod', () => {
    test('without a question: the search box in the resident’s own words, where they live, and topics', async () => {
      const html = await page('/aanbod');
      assert.match(html, /<form method="get" action="\/aanbod" class="wk-search[^"]*" role="search"/);
      assert.match(
        html,
        /<label class="utrecht-form-label wk-search__label" for="q">Waar zoekt u hulp bij\?<\/label>/,
      );
      assert.match(html, /Vertel het in uw eigen woorden/);
      assert.match(html, /<label class="utrecht-form-label" for="waar">Waar woont u\?<\/label>/);
      assert.match(html, /href="\/aanbod\?thema=eenzaamheid">Eenzaamheid</);
      assert.doesNotMatch(html, /resultaten-kop/);
      // Every filter is in the GET form, in fieldsets.
      for (const name of ['thema', 'doelgroep', 'gebied', 'toegang', 'gratis', 'rolstoel', 'open'])
        assert.match(html, new RegExp(`name="${name}"`), name);
      assert.match(html, /<legend[^>]*>Hoe komt u erbij\?<\/legend>/);
      assert.match(html, /<optgroup label="Heiloo"><option value="Heiloo">Heiloo<\/option>/);
    });

    test('all offers, twenty per page, the count in the title and the heading', async () => {
      const html = await page('/aanbod?alles=ja');
      assert.equal(resultCount(html), corpus.length);
      assert.equal(resultIds(html).length, 20);
      assert.match(
        html,
        new RegExp(`<title>${corpus.length} resultaten gevonden – Hulp en activiteiten zoeken`),
      );
      assert.match(text(html), /Resultaat 1 tot en met 20\. Pagina 1 van 20/);
      assert.match(html, /<nav class="utrecht-pagination[^"]*" aria-label="Andere pagina’s met resultaten">/);
      assert.match(html, /href="\/aanbod\?alles=ja&amp;pagina=2"/);

      const second = await page('/aanbod?alles=ja&pagina=2');
      assert.match(text(second), /Resultaat 21 tot en met 40\./);
      assert.match(second, /aria-current="page" href="\/aanbod\?alles=ja&amp;pagina=2"/);
      const overlap = resultIds(second).filter((id) => resultIds(html).includes(id));
      assert.deepEqual(overlap, [], 'the second page shows other offers');

      const past = await page('/aanbod?alles=ja&pagina=999');
      assert.equal(resultIds(past).length, 0);
      assert.match(text(past), /Wij vonden niets dat past/);
    });

    test('each result: name, provider, where, when, cost and how to join', async () => {
      const html = await page('/aanbod?thema=ontmoeting&gebied=Schoorl');
      const ids = resultIds(html);
      assert.ok(ids.includes(koffieInloopSchoorl().id), 'the koffie-inloop in Schoorl is found');
      const at = html.indexOf(`data-wk-href="/aanbod/${koffieInloopSchoorl().id}"`);
      const item = html.slice(html.lastIndexOf('<li', at)).split('</li>')[0]!;
      const words = text(item);
      assert.match(words, /Koffie-inloop Schoorl/);
      assert.match(words, /Door Stichting Welzijn Kustdorpen/);
      assert.match(words, /Waar Schoorl/);
      assert.match(words, /Wanneer Elke donderdagochtend van 10\.00 tot 11\.30 uur/);
      assert.match(words, /Kosten Gratis/);
      assert.match(words, /Meedoen U kunt zo binnenlopen/);
      assert.match(item, /data-wk-lat="52\.\d+" data-wk-lon="4\.\d+"/);
    });

    test('filters narrow the results and stay chosen in the form', async () => {
      const all = resultCount(await page('/aanbod?alles=ja'));
      const theme = await page('/aanbod?thema=eenzaamheid');
      const themed = resultCount(theme);
      assert.equal(themed, corpus.filter((s) => has(s, 'thema', 'eenzaamheid')).length);
      assert.ok(themed < all);
      assert.match(theme, /<option value="eenzaamheid" selected>Eenzaamheid<\/option>/);
      assert.match(theme, /<details class="wk-filters" open>/);
      assert.match(theme, /Meer keuzes \(1 gekozen\)/);

      const light = await page('/aanbod?thema=eenzaamheid&toegang=vrij-toegankelijk');
      const lightIds = resultIds(light);
      assert.ok(resultCount(light) < themed);
      for (const id of lightIds)
        assert.equal(accessRouteOf(byId.get(id)!), 'vrij-toegankelijk', byId.get(id)!.name);
      assert.match(light, /id="toegang-vrij-toegankelijk" name="toegang" value="vrij-toegankelijk" checked/);

      const older = await page('/aanbod?doelgroep=ouderen&gratis=ja&pagina=1');
      assert.ok(resultCount(older) > 0);
      for (const id of resultIds(older)) {
        assert.ok(has(byId.get(id)!, 'doelgroep', 'ouderen'), byId.get(id)!.name);
        assert.ok(isFree(byId.get(id)!), `${byId.get(id)!.name} is free`);
      }
      assert.match(older, /id="gratis" name="gratis" value="ja" checked/);

      const heiloo = await page('/aanbod?gebied=Heiloo');
      assert.ok(resultCount(heiloo) > 0 && resultCount(heiloo) < all);
      assert.match(heiloo, /<option value="Heiloo" selected>Heiloo<\/option>/);

      const wheelchair = await page('/aanbod?rolstoel=ja');
      assert.ok(resultCount(wheelchair) < all);
      assert.match(wheelchair, /id="rolstoel" name="rolstoel" value="ja" checked/);

      const thisWeek = await page('/aanbod?open=deze-week');
      assert.ok(resultCount(thisWeek) > 0);
      assert.match(thisWeek, /id="open" name="open" value="deze-week" checked/);
    });

    test('paging keeps the question and the filters', async () => {
      const html = await page('/aanbod?q=hulp&thema=ontmoeting&gratis=ja');
      if (resultCount(html) > 20)
        assert.match(html, /href="\/aanbod\?q=hulp&amp;thema=ontmoeting&amp;gratis=ja&amp;pagina=2"/);
      assert.match(html, /<input class="utrecht-textbox[^"]*" type="search" id="q" name="q" value="hulp"/);
    });

    test('a resident’s own words and village: what we understood and what is near', async () => {
      const html = await page('/aanbod?q=ik+zie+bijna+nooit+iemand&waar=Schoorl');
      assert.ok(resultCount(html) > 0);
      assert.match(text(html), /Wij zochten op: [^.]*eenzaamheid/);
      assert.match(text(html), /De afstanden zijn gemeten vanaf Schoorl/);
      const top = resultIds(html)
        .slice(0, 5)
        .map((id) => byId.get(id)!);
      assert.ok(
        top.some((s) => /koffie/i.test(s.name) && placeName(s) === 'Schoorl'),
        `a koffie-inloop in Schoorl is among the first five: ${top.map((s) => s.name).join(', ')}`,
      );
      assert.match(text(html), /\d+(,\d)? k?m van Schoorl/);
      assert.match(html, /<p class="utrecht-paragraph wk-result__why">[^<]+<\/p>/);
    });

    test('a place we do not know: a clear message, and still results', async () => {
      const html = await page('/aanbod?q=koffie&waar=Atlantis');
      assert.match(text(html), /Wij kennen de plaats "Atlantis" niet\./);
      assert.match(html, /role="alert"/);
      assert.ok(resultCount(html) > 0);
    });

    test('odd input gives a normal page, never an error', async () => {
      for (const q of [
        'x'.repeat(3000).slice(0, 1999),
        "'; drop table services; --",
        '😀🙈',
        '%_\\',
        '<script>alert(1)</script>',
      ]) {
        const html = await page(`/aanbod?q=${encodeURIComponent(q)}`);
        assert.doesNotMatch(html, /<script>alert/);
      }
      await page('/aanbod?pagina=abc&toegang=onbekend&thema=bestaat-niet&open=morgen');
    });

    test('the map is an enhancement: coordinates on the items, tiles allowed only where shown', async () => {
      const res = await get('/aanbod?thema=eenzaamheid');
      assert.match(
        res.body,
        /<section class="wk-map wk-no-print" aria-label="Kaart met de resultaten op deze pagina" hidden data-wk-map="true" data-tiles="https:\/\/tile\.openstreetmap\.org\/\{z\}\/\{x\}\/\{y\}\.png" data-attribution="© OpenStreetMap-bijdragers/,
      );
      assert.match(res.body, /<script type="module" src="\/assets\/directory\/directory\.js"><\/script>/);
      assert.match(
        String(res.headers['content-security-policy']),
        /img-src 'self' data: https:\/\/tile\.openstreetmap\.org/,
      );
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'(;|$)/);
      const start = await get('/aanbod');
      assert.doesNotMatch(String(start.headers['content-security-policy']), /openstreetmap/);
      // No inline script or style anywhere (CSP).
      for (const html of [res.body, start.body]) {
        assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/);
        assert.doesNotMatch(html, /\sstyle=/);
      }
    });

    test('in English through the language choice', async () => {
      const res = await get('/aanbod?thema=eenzaamheid', { cookie: 'wk_lang=en' });
      assert.match(res.body, /What are you looking for help with\?/);
      assert.match(res.body, /\d+ results found/);
      assert.match(res.body, /Every [A-Z][a-z]+day|Monday to Friday|Every day/);
    });
  });

  describe('offer page /aanbod/:id', () => {
    test('what, for whom, when, where, cost, how to join, contact, last checked, report link', async () => {
      const s = koffieInloopSchoorl();
      const html = await page(`/aanbod/${s.id}`);
      const words = text(html);
      assert.match(html, /<h1 class="utrecht-heading-1">Koffie-inloop Schoorl<\/h1>/);
      assert.match(html, /<title>Koffie-inloop Schoorl · /);
      for (const heading of [
        'Wat is het?',
        'Voor wie?',
        'Wanneer?',
        'Waar?',
        'Wat kost het?',
        'Hoe doet u mee?',
        'Contact',
        'Toegankelijkheid',
        'Talen',
        'Aanbieder',
      ])
        assert.match(
          html,
          new RegExp(`<h2 class="utrecht-heading-2" id="[a-z-]+">${heading.replace('?', '\\?')}</h2>`),
          heading,
        );
      assert.match(words, /Zin in een kopje koffie/);
      assert.match(words, /Voor Iedereen, Ouderen/);
      assert.match(words, /Elke donderdagochtend van 10\.00 tot 11\.30 uur/);
      assert.match(words, /Dorpshuis Duinzicht Duinweg 8, 1871 AE Schoorl/);
      assert.match(html, /href="https:\/\/www\.openstreetmap\.org\/\?mlat=52\.\d{6}&amp;mlon=4\.\d{6}/);
      assert.match(words, /Gratis \(vrijwillige bijdrage voor de koffie\)/);
      assert.match(words, /U kunt zo binnenlopen\. U hoeft zich niet aan te melden\./);
      assert.match(html, /<a class="utrecht-link" href="tel:0725824010">072 582 40 10<\/a>/);
      assert.match(html, /href="mailto:info@welzijnkustdorpen\.nl"/);
      assert.match(words, /Rolstoeltoegankelijk/);
      assert.match(words, /Nederlands/);
      assert.match(words, /Laatst gecontroleerd op 15 november 2024\./);
      assert.match(html, new RegExp(`href="/aanbod/${s.id}/melding">Geef door wat er niet klopt</a>`));
      assert.match(html, new RegExp(`href="/aanbod/${s.id}/agenda.ics" download>Zet in mijn agenda</a>`));
      assert.match(html, new RegExp(`href="/aanbod/${s.id}/print">Print deze pagina</a>`));
      assert.match(html, new RegExp(`>http://localhost:3000/aanbod/${s.id}\\?tenant=${tenant.slug}</a>`));
      assert.match(html, /href="mailto:\?subject=/);
    });

    test('a person who came from a search goes back to it', async () => {
      const s = koffieInloopSchoorl();
      const res = await get(`/aanbod/${s.id}`, {
        referer: 'http://localhost:8080/aanbod?q=koffie&waar=Schoorl',
        host: 'localhost:8080',
      });
      assert.match(res.body, /href="\/aanbod\?q=koffie&amp;waar=Schoorl">Terug naar de resultaten<\/a>/);
      const elsewhere = await get(`/aanbod/${s.id}`, { referer: 'https://elders.example/aanbod?q=x' });
      assert.match(elsewhere.body, /href="\/aanbod">Zoek ander aanbod<\/a>/);
    });

    test('a partner can refer from the offer page; a resident signs up where the offer takes sign-ups', async () => {
      const takesSignUps = corpus.find((s) => accessRouteOf(s) === 'aanmelden' && s.status === 'active')!;
      const needsReferral = corpus.find(
        (s) => accessRouteOf(s) === 'verwijzing-nodig' && s.status === 'active',
      )!;
      assert.match(
        (await get(`/aanbod/${takesSignUps.id}`)).body,
        new RegExp(`href="/aanmelden/${takesSignUps.id}"`),
      );
      const withoutSignUp = (await get(`/aanbod/${needsReferral.id}`)).body;
      assert.doesNotMatch(withoutSignUp, /href="\/aanmelden\//);
      assert.doesNotMatch(withoutSignUp, /verwijzingen\/nieuw/);

      const gp = await logIn(app, tenant, await aUser(db, tenant, { roles: ['referring-partner'] }));
      const res = await app.inject({
        method: 'GET',
        url: `/aanbod/${needsReferral.id}`,
        headers: { cookie: gp.cookie },
      });
      assert.match(
        res.body,
        new RegExp(`href="/verwijzingen/nieuw\\?aanbod=${needsReferral.id}">Iemand verwijzen`),
      );
    });

    test('an unknown, malformed or other tenant’s id is a 404 page with a way on', async () => {
      for (const id of [UNKNOWN, 'niet-een-id', `${UNKNOWN}x`]) {
        const res = await get(`/aanbod/${id}`);
        assert.equal(res.statusCode, 404, id);
        assert.match(res.body, /Dit aanbod staat niet \(meer\) in de sociale kaart/);
        assert.match(res.body, /href="\/aanbod">Zoek ander aanbod<\/a>/);
      }
      const { db } = await testApp();
      const other = await aTenant(db);
      const res = await app.inject({
        method: 'GET',
        url: `/aanbod/${koffieInloopSchoorl().id}?tenant=${other.slug}`,
        headers: { accept: 'text/html' },
      });
      assert.equal(res.statusCode, 404);
      assert.equal((await get(`/aanbod/${UNKNOWN}/print`)).statusCode, 404);
      assert.equal((await get(`/aanbod/${UNKNOWN}/agenda.ics`)).statusCode, 404);
    });

    test('the print view: the same facts, compact, with the source address', async () => {
      const s = koffieInloopSchoorl();
      const html = await page(`/aanbod/${s.id}/print`);
      const words = text(html);
      assert.match(html, /<title>Printversie: Koffie-inloop Schoorl · /);
      assert.match(words, /Elke donderdagochtend van 10\.00 tot 11\.30 uur/);
      assert.match(words, /072 582 40 10/);
      assert.match(words, new RegExp(`Bron: http://localhost:3000/aanbod/${s.id}`));
      assert.match(html, /<button type="button" class="[^"]*" data-wk-print[^>]* hidden>Printen<\/button>/);
      assert.match(html, new RegExp(`href="/aanbod/${s.id}">Terug naar de gewone pagina</a>`));
    });
  });

  describe('calendar file /aanbod/:id/agenda.ics', () => {
    test('an RFC 5545 calendar with a repeating event in Amsterdam time', async () => {
      const s = koffieInloopSchoorl();
      const res = await get(`/aanbod/${s.id}/agenda.ics`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/calendar; charset=utf-8/);
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="koffie-inloop-schoorl\.ics"$/,
      );
      const ics = res.body;
      assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
      assert.ok(ics.endsWith('END:VCALENDAR') || ics.endsWith('END:VCALENDAR\r\n'));
      const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
      const count = (l: string) => lines.filter((x) => x === l).length;
      assert.equal(count('BEGIN:VEVENT'), 1, 'the schedule is on the service and its location: one event');
      assert.equal(count('END:VEVENT'), 1);
      assert.equal(count('BEGIN:VTIMEZONE'), 1);
      assert.ok(lines.includes('TZID:Europe/Amsterdam'));
      assert.ok(lines.includes('RRULE:FREQ=WEEKLY;BYDAY=TH'));
      const start = lines.find((l) => l.startsWith('DTSTART;TZID=Europe/Amsterdam:'))!;
      const m = /:(\d{4})(\d{2})(\d{2})T100000$/.exec(start);
      assert.ok(m, start);
      const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      assert.equal(day.getUTCDay(), 4, 'the first event is on a Thursday');
      assert.ok(day.getTime() >= Date.now() - 86_400_000 * 1, 'and not in the past');
      assert.ok(lines.some((l) => l.startsWith('DTEND;TZID=Europe/Amsterdam:') && l.endsWith('T113000')));
      assert.ok(lines.includes('SUMMARY:Koffie-inloop Schoorl'));
      assert.ok(
        lines.some((l) => l.startsWith('LOCATION:Dorpshuis Duinzicht\\nDuinweg 8\\, 1871 AE Schoorl')),
      );
      assert.ok(lines.includes(`URL;VALUE=URI:http://localhost:3000/aanbod/${s.id}?tenant=${tenant.slug}`));
      const uid = lines.find((l) => l.startsWith('UID:'));
      const again = (await get(`/aanbod/${s.id}/agenda.ics`)).body.replace(/\r\n[ \t]/g, '').split('\r\n');
      assert.equal(
        again.find((l) => l.startsWith('UID:')),
        uid,
        'the UID is stable',
      );
    });

    test('a monthly schedule starts on the right weekday of the month', async () => {
      const s = corpus.find((x) => x.schedules?.[0]?.byday === '2TU,4TU')!;
      const ics = (await get(`/aanbod/${s.id}/agenda.ics`)).body.replace(/\r\n[ \t]/g, '');
      assert.match(ics, /\r\nRRULE:FREQ=MONTHLY;BYDAY=2TU,4TU\r\n/);
      const m = /\r\nDTSTART;TZID=Europe\/Amsterdam:(\d{4})(\d{2})(\d{2})T\d{6}\r\n/.exec(ics)!;
      const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      assert.equal(day.getUTCDay(), 2);
      assert.ok(
        [2, 4].includes(Math.ceil(day.getUTCDate() / 7)),
        `the 2nd or 4th Tuesday: ${day.toISOString()}`,
      );
    });
  });

  describe('Preventiekaart /preventiekaart', () => {
    test('without a choice: a form to choose the theme and the area', async () => {
      const html = await page('/preventiekaart');
      assert.match(html, /<h1 class="utrecht-heading-1">Preventiekaart<\/h1>/);
      assert.match(
        html,
        /<select class="utrecht-select utrecht-select--html-select" id="thema" name="thema" required>/,
      );
      assert.match(
        html,
        /<select class="utrecht-select utrecht-select--html-select" id="gebied" name="gebied" required>/,
      );
      const wrong = await page('/preventiekaart?thema=bestaat-niet&gebied=Atlantis');
      assert.match(text(wrong), /Dit onderwerp kennen wij niet/);
      assert.match(text(wrong), /Dit gebied kennen wij niet/);
    });

    test('eenzaamheid in Heiloo: the offers there, grouped light to heavy by access route', async () => {
      const html = await page('/preventiekaart?thema=eenzaamheid&gebied=heiloo');
      assert.match(html, /<h1 class="utrecht-heading-1">Preventiekaart Eenzaamheid – Heiloo<\/h1>/);
      const headings = [
        ...html.matchAll(/<h2 class="utrecht-heading-3 wk-pcard__heading" id="groep-([a-z-]+)">/g),
      ].map((m) => m[1]);
      assert.deepEqual(headings, ['vrij-toegankelijk', 'aanmelden', 'verwijzing-nodig', 'indicatie-nodig']);
      const inHeiloo = (s: CompiledService) =>
        placeName(s) === 'Heiloo' || (s.service_areas ?? []).some((a) => /Heiloo/.test(a.name ?? ''));
      const expected = corpus.filter((s) => has(s, 'thema', 'eenzaamheid') && placeName(s) === 'Heiloo');
      assert.ok(expected.length >= 10);
      const sections = html.split('<section class="wk-pcard__group').slice(1);
      const listed = new Set<string>();
      for (const [i, section] of sections.entries()) {
        for (const m of section.matchAll(/href="\/aanbod\/([0-9a-f-]{36})"/g)) {
          const s = byId.get(m[1]!)!;
          listed.add(s.id);
          assert.equal(accessRouteOf(s), headings[i], `${s.name} is in the group of its access route`);
          assert.ok(has(s, 'thema', 'eenzaamheid'), `${s.name} is about eenzaamheid`);
          assert.ok(inHeiloo(s), `${s.name} is in Heiloo`);
        }
      }
      for (const s of expected) assert.ok(listed.has(s.id), `${s.name} is on the card`);
      assert.match(text(sections[3]!), /Geen aanbod in dit gebied\./);
      assert.match(text(html), /Welzijn op Recept Heiloo – Stichting Welzijn Ter Hoeve/);
      assert.match(html, /href="tel:/);
      assert.match(
        text(html),
        /Stand van \d+ [a-z]+ \d{4}\. Kijk voor het actuele aanbod op http:\/\/localhost:3000\/aanbod\?thema=eenzaamheid&gebied=Heiloo/,
      );
    });
  });

  describe('assets /assets/directory/*', () => {
    test('the module’s stylesheet and script, and Leaflet from node_modules', async () => {
      const cases: [string, RegExp][] = [
        ['directory.css', /^text\/css/],
        ['directory.js', /^text\/javascript/],
        ['leaflet.js', /^text\/javascript/],
        ['leaflet.css', /^text\/css/],
        ['images/marker-icon.png', /^image\/png/],
      ];
      for (const [name, type] of cases) {
        const res = await app.inject({ method: 'GET', url: `/assets/directory/${name}` });
        assert.equal(res.statusCode, 200, name);
        assert.match(String(res.headers['content-type']), type, name);
        assert.match(String(res.headers['cache-control']), /max-age=/);
      }
      assert.match(
        (await app.inject({ method: 'GET', url: '/assets/directory/directory.css' })).body,
        /@media print/,
      );
      for (const bad of ['../../../package.json', 'bestaat-niet.js', '..%2F..%2Fapp.ts'])
        assert.equal(
          (await app.inject({ method: 'GET', url: `/assets/directory/${bad}` })).statusCode,
          404,
          bad,
        );
      // The platform's own assets are still served.
      assert.equal((await app.inject({ method: 'GET', url: '/assets/app.css' })).statusCode, 200);
    });
  });
});
