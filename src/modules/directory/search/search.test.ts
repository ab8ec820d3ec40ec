// searchServices over the demo corpus: residents' words, typos, places, the stepped approach, every filter,
// paging, odd input, keeping the index current, and tenants kept apart.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Database } from '../../../platform/db/index.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { testDatabase } from '../../../../test/helpers/db.js';
import { aTenant } from '../../../../test/helpers/factories.js';
import { buchPlaces, createPlaces } from '../../areas/index.js';
import { importHsds, importHsdsInTx } from '../hsds-import.js';
import type { CompiledService } from '../schemas.js';
import { edit } from '../test-support.js';
import { isFree, mentionsWheelchair } from './indexer.js';
import {
  refreshSearchIndex,
  searchServices,
  searchTenantServices,
  type SearchQuery,
  type SearchResult,
} from './index.js';
import { tokensOn } from '../schedule.js';
import { codes, corpusTenant, offers, searchTenant } from './test-support.js';

describe('searchServices', () => {
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];

  const search = (q: SearchQuery, t: Tenant = tenant): Promise<SearchResult> =>
    db.tenant(t.id, (tx) => searchServices(tx, q));
  /** Every hit of a query, over all pages. */
  const all = async (q: SearchQuery) => {
    const out: CompiledService[] = [];
    for (let page = 1; ; page++) {
      const result = await search({ ...q, page, perPage: 200 });
      out.push(...result.hits.map((h) => h.service));
      if (out.length >= result.total || !result.hits.length) return out;
    }
  };
  const city = (s: CompiledService) => s.service_at_locations?.[0]?.location?.addresses?.[0]?.city;
  const termId = (taxonomy: string, code: string) =>
    corpus
      .flatMap((s) => s.attributes ?? [])
      .find((a) => a.taxonomy_term?.taxonomy === taxonomy && a.taxonomy_term.code === code)!
      .taxonomy_term_id!;

  before(async () => {
    db = await testDatabase();
    ({ tenant, corpus } = await corpusTenant(db));
  });

  test('a resident who types how they feel finds a nearby, free koffie-inloop first', async () => {
    const result = await search({ text: 'ik zie bijna nooit iemand, ik woon in Egmond aan Zee' });
    assert.equal(result.place?.name, 'Egmond aan Zee');
    assert.deepEqual(result.understood?.themes.slice(0, 2), ['eenzaamheid', 'ontmoeting']);
    const [first] = result.hits;
    assert.equal(first?.service.name, 'Koffie-inloop Egmond aan Zee');
    assert.equal(
      first?.matchReason,
      'Past bij: eenzaamheid, ontmoeting · vrij toegankelijk · gratis · 0,2 km',
    );
    assert.ok(first!.distanceKm! < 1);
  });

  test('situations, not keywords: bills, a forgetful mother, a heavy heart', async () => {
    const top = async (text: string, n = 5) =>
      (await search({ text, perPage: n })).hits.map((h) => h.service);
    for (const s of await top('de rekeningen stapelen zich op'))
      assert.ok(codes(s, 'thema').includes('geldzaken'), s.name);
    const dementia = await top('mijn moeder vergeet steeds meer');
    assert.ok(dementia.every((s) => codes(s, 'thema').includes('dementie')));
    assert.ok(dementia.some((s) => s.name.startsWith('Geheugencafé')));
    const somber = await top('ik voel me somber', 10);
    assert.ok(somber.every((s) => codes(s, 'thema').includes('ggz')));
  });

  test('light and freely accessible help comes before referral and indication, unless asked for', async () => {
    const steps = { 'vrij-toegankelijk': 0, aanmelden: 1, 'verwijzing-nodig': 2, 'indicatie-nodig': 3 };
    const step = (s: CompiledService) => steps[codes(s, 'toegang')[0] as keyof typeof steps];
    const ggz = await all({ text: 'somber' });
    const firstHeavy = ggz.findIndex((s) => step(s) >= 2);
    assert.ok(firstHeavy > 5, `a referral offer at ${firstHeavy}`);
    const asked = await search({ text: 'behandeling bij een psycholoog', perPage: 3 });
    assert.ok(asked.hits.every((h) => h.service.name.startsWith('Behandeling basis-GGZ')));
    assert.match(asked.hits[0]!.matchReason!, /verwijzing nodig/);
  });

  test('typos are forgiven: in theme words, in the offers’ own words and in village names', async () => {
    const right = (await search({ text: 'eenzaamheid', perPage: 5 })).hits.map((h) => h.service.id);
    const wrong = (await search({ text: 'eenzaamhied', perPage: 5 })).hits.map((h) => h.service.id);
    assert.deepEqual(wrong, right);
    const koffie = await search({ text: 'kofie', perPage: 3 });
    assert.ok(koffie.hits.every((h) => /koffie/i.test(`${h.service.name} ${h.service.description}`)));
    const reparatie = await search({ text: 'reparatiekafe', perPage: 3 });
    assert.ok(
      reparatie.hits.some((h) => h.service.name.startsWith('Reparatiecafé')),
      'trigram correction',
    );
    const heilo = await search({ text: 'rouwgroep heilo' });
    assert.equal(heilo.place?.name, 'Heiloo');
    assert.equal(heilo.hits[0]?.service.name, 'Rouwgroep Verder na Verlies Heiloo');
  });

  test('near: a village, a postcode or a core orders by distance and tells it', async () => {
    for (const near of ['Castricum', 'castricum', '1901', '1901 AB']) {
      const result = await search({ text: 'wandelen', near, perPage: 3 });
      assert.equal(result.place?.name, 'Castricum', near);
      assert.equal(result.hits[0]?.service.name, 'Wandelgroep Samen op Pad Castricum', near);
      assert.ok(result.hits[0]!.distanceKm! < 1);
    }
    const core = await search({ near: 'Egmond', perPage: 1 });
    assert.equal(core.place?.name, 'Egmond');
    const byPoint = await search({ text: 'wandelen', lat: 52.5479, lon: 4.6687, perPage: 1 });
    assert.equal(byPoint.hits[0]?.service.name, 'Wandelgroep Samen op Pad Castricum');
    assert.equal(byPoint.place, undefined);
  });

  test('a place the tenant does not have: results without distance and a clear message', async () => {
    const result = await search({ text: 'koffie', near: 'Zwolle' });
    assert.equal(result.placeNotFound, 'Zwolle');
    assert.ok(result.total > 0);
    assert.ok(result.hits.every((h) => h.distanceKm === null));
    assert.equal(result.warnings?.[0]?.code, 'place_not_found');
    assert.match(result.warnings![0]!.message, /We kennen de plaats "Zwolle" niet/);
  });

  test('radius: only offers that close, or that come to people there', async () => {
    const result = await search({ near: 'Heiloo', radiusKm: 2, perPage: 200 });
    assert.ok(result.total > 20 && result.total < corpus.length);
    for (const h of result.hits) {
      const served = (h.service.service_areas ?? []).some((a) => /Heiloo/.test(`${a.name} ${a.description}`));
      assert.ok(served || h.distanceKm! <= 2, `${h.service.name} at ${h.distanceKm} km`);
    }
  });

  test('taxonomy terms combine with AND; a taxonomy, a provider and a change date filter too', async () => {
    const lonely = termId('thema', 'eenzaamheid');
    const free = termId('toegang', 'vrij-toegankelijk');
    const both = await all({ taxonomyTermIds: [lonely, free] });
    const expected = corpus.filter(
      (s) => codes(s, 'thema').includes('eenzaamheid') && codes(s, 'toegang').includes('vrij-toegankelijk'),
    );
    assert.equal(both.length, expected.length);
    assert.ok(both.length > 0);
    const toegang = corpus
      .find((s) => codes(s, 'toegang').length)!
      .attributes!.find((a) => a.taxonomy_term?.taxonomy === 'toegang')!.taxonomy_term!.taxonomy_id!;
    assert.equal((await search({ taxonomyId: toegang })).total, corpus.length);
    const org = corpus[0]!.organization_id!;
    assert.equal(
      (await search({ organizationId: org.toUpperCase() })).total,
      corpus.filter((s) => s.organization_id === org).length,
    );
    assert.equal((await search({ modifiedAfter: new Date('2000-01-01') })).total, corpus.length);
    assert.equal((await search({ modifiedAfter: new Date(Date.now() + 86_400_000) })).total, 0);
  });

  test('unknown or malformed ids match nothing', async () => {
    for (const q of [
      { taxonomyTermIds: ['00000000-0000-4000-8000-000000000000'] },
      { taxonomyTermIds: ['geen-id'] },
      { taxonomyId: "1'; drop table services; --" },
      { organizationId: '00000000-0000-4000-8000-000000000000' },
    ])
      assert.equal((await search(q)).total, 0, JSON.stringify(q));
  });

  test('age: offers whose age range overlaps the person’s', async () => {
    const teen = await all({ minAge: 15, maxAge: 15 });
    for (const s of teen) {
      assert.ok((s.minimum_age ?? 0) <= 15 && (s.maximum_age ?? 200) >= 15, s.name);
    }
    assert.ok(teen.some((s) => s.name === 'Jongerenbuddy'));
    assert.ok(!teen.some((s) => s.name.startsWith('Fit na 55')));
    const senior = await all({ minAge: 70 });
    assert.ok(!senior.some((s) => s.name === 'Jongerenbuddy'));
    assert.ok(senior.some((s) => s.name.startsWith('Fit na 55')));
  });

  test('open today and this week, in Amsterdam time', async () => {
    // Tuesday 10 June 2025, 09:00 in Amsterdam: the second Tuesday of the month.
    const now = new Date('2025-06-10T07:00:00Z');
    const onDay = (s: CompiledService, tokens: string[]) =>
      (s.schedules ?? []).some((sc) => {
        const days = (sc.byday ?? '').split(',');
        return days.some((d) =>
          tokens.includes(sc.freq === 'MONTHLY' && /^\d/.test(d) ? `M:${d}` : `W:${d}`),
        );
      });
    const today = await all({ open: 'today', now });
    const expected = corpus.filter((s) => onDay(s, tokensOn('2025-06-10')));
    assert.equal(today.length, expected.length);
    assert.ok(today.length > 50);
    const week = await search({ open: 'this-week', now });
    assert.ok(week.total > today.length && week.total <= corpus.length);
  });

  test('free, access route, wheelchair and area', async () => {
    const free = await all({ free: true });
    assert.equal(free.length, corpus.filter((s) => isFree(s.fees_description ?? null, [])).length);
    const referral = await all({ access: 'verwijzing-nodig' });
    assert.equal(referral.length, corpus.filter((s) => codes(s, 'toegang')[0] === 'verwijzing-nodig').length);
    assert.ok(referral.every((s) => codes(s, 'toegang')[0] === 'verwijzing-nodig'));
    const wheelchair = await search({ wheelchair: true });
    const accessible = corpus.filter((s) =>
      mentionsWheelchair(
        (s.service_at_locations?.[0]?.location?.accessibility ?? []).map(
          (a) => `${a.description} ${a.details}`,
        ),
      ),
    );
    assert.equal(wheelchair.total, accessible.length);
    assert.ok(wheelchair.total > 0 && wheelchair.total < corpus.length);

    const village = await all({ area: 'Egmond aan Zee' });
    assert.ok(village.length > 0 && village.every((s) => city(s) === 'Egmond aan Zee'));
    const core = await all({ area: 'Egmond' });
    assert.ok(core.length > village.length);
    assert.ok(core.every((s) => city(s)!.startsWith('Egmond')));
    const municipality = await all({ area: 'gemeente Castricum' });
    assert.deepEqual([...new Set(municipality.map(city))].sort(), [
      'Akersloot',
      'Bakkum',
      'Castricum',
      'De Woude',
      'Limmen',
    ]);
    const unknown = await search({ area: 'Atlantis' });
    assert.equal(unknown.total, 0);
    assert.equal(unknown.areaNotFound, 'Atlantis');
    assert.equal(unknown.warnings?.[0]?.code, 'area_not_found');
  });

  test('filters combine with the words: free walk-in coffee in Bergen', async () => {
    const hits = await all({ text: 'koffie', free: true, access: 'vrij-toegankelijk', area: 'Bergen' });
    assert.ok(hits.length > 0);
    for (const s of hits) {
      assert.equal(city(s), 'Bergen');
      assert.equal(codes(s, 'toegang')[0], 'vrij-toegankelijk');
    }
  });

  test('pages: every offer once, in a stable order; a page past the end is empty with the totals', async () => {
    const q = { text: 'hulp' };
    const total = (await search(q)).total;
    assert.ok(total > 20);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 7); page++) {
      const result = await search({ ...q, page, perPage: 7 });
      assert.equal(result.total, total);
      assert.equal(result.perPage, 7);
      seen.push(...result.hits.map((h) => h.service.id));
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    const past = await search({ ...q, page: 999, perPage: 7 });
    assert.deepEqual([past.total, past.hits.length, past.page], [total, 0, 999]);
    const everything = await search({});
    assert.equal(everything.total, corpus.length);
    assert.equal(everything.perPage, 20);
    assert.equal(everything.hits[0]?.matchReason, null);
  });

  test('odd words give a normal, possibly empty, result', async () => {
    for (const text of [
      '???!!!',
      '💩🙂🎉',
      "'; drop table services; --",
      "koffie' or '1'='1",
      'x'.repeat(10_000),
      'koffie '.repeat(100),
      '\u0000 \\ % _ * : & | ! ( )',
      'de het een',
    ]) {
      const result = await search({ text });
      assert.ok(result.total >= 0, text.slice(0, 20));
      assert.equal(result.hits.length, Math.min(result.total, 20));
    }
    assert.equal((await search({ text: '💩💩' })).total, 0);
    assert.ok((await search({ text: 'koffie '.repeat(100) })).total > 0);
  });

  test('the index follows every import: a renamed offer is found by its new name, an inactive one not', async () => {
    const [one, two] = offers(corpus, 'Koffie-inloop');
    const own = await searchTenant(db, [one!, two!]);
    const renamed = structuredClone(one!);
    edit(renamed, 'name', 'Soepmiddag De Pollepel');
    // The import refreshes the search documents of the offers it wrote, in the same transaction.
    await importHsds(db, own.id, [renamed]);
    assert.deepEqual(
      (await search({ text: 'pollepel' }, own)).hits.map((h) => h.service.name),
      ['Soepmiddag De Pollepel'],
    );
    const closed = structuredClone(two!);
    edit(closed, 'status', 'inactive');
    await importHsds(db, own.id, [closed]);
    assert.equal((await search({}, own)).total, 1);
    // Refreshing ids that are gone or malformed is harmless.
    await db.tenant(own.id, (tx) => refreshSearchIndex(tx, [closed.id, 'geen-id']));
    assert.equal((await search({}, own)).total, 1);
  });

  test('the index in memory follows the database: a change, a rolled-back change, a new phone number', async () => {
    const [one] = offers(corpus, 'Koffie-inloop');
    const own = await searchTenant(db, [one!]);
    const names = async () => (await search({ text: 'koffie' }, own)).hits.map((h) => h.service.name);
    // The first search loads the index and remembers the offer as shown.
    assert.deepEqual(await names(), [one!.name]);

    const renamed = structuredClone(one!);
    edit(renamed, 'name', 'Koffie en soep De Pollepel');
    await assert.rejects(
      db.tenant(own.id, async (tx) => {
        await importHsdsInTx(tx, [renamed]);
        // Inside the transaction the search sees its own change.
        const inside = await searchServices(tx, { text: 'pollepel' });
        assert.deepEqual(
          inside.hits.map((h) => h.service.name),
          ['Koffie en soep De Pollepel'],
        );
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    // Rolled back: the index in memory must not keep the name that never was.
    assert.deepEqual(await names(), [one!.name]);
    assert.equal((await search({ text: 'pollepel' }, own)).total, 0);

    const phoned = structuredClone(one!);
    edit(phoned, 'phones', [{ id: '7d9c2a4e-1f3b-4c5d-8e6f-0a1b2c3d4e5f', number: '072 123 45 67' }]);
    await importHsds(db, own.id, [phoned]);
    const [hit] = (await search({ text: 'koffie' }, own)).hits;
    assert.deepEqual(
      hit?.service.phones?.map((p) => p.number),
      ['072 123 45 67'],
    );
    // What a search hands out is shared between searches: it cannot be changed by one of them.
    assert.throws(() => {
      (hit!.service as { name: string }).name = 'iets anders';
    }, TypeError);
  });

  test('a search from memory alone answers as the database does, and follows a change at once', async () => {
    const [one] = offers(corpus, 'Koffie-inloop');
    const own = await searchTenant(db, [one!]);
    const q = { text: 'koffie', near: 'Heiloo' };
    // Through a transaction first: the index, the stems and the offer are then in memory.
    const viaDatabase = await search(q, own);
    assert.deepEqual(await searchTenantServices(db, own.id, q), viaDatabase);
    // Words whose stems memory does not have yet are read through the database.
    const fresh = await searchTenantServices(db, own.id, { text: 'een kopje koffie met buurtgenoten' });
    assert.equal(fresh.hits[0]?.service.id, one!.id);
    // A change made elsewhere gives a new version: memory's old index is not used.
    const renamed = structuredClone(one!);
    edit(renamed, 'name', 'Koffiehuis De Kan');
    await importHsds(db, own.id, [renamed]);
    assert.deepEqual(
      (await searchTenantServices(db, own.id, q)).hits.map((h) => h.service.name),
      ['Koffiehuis De Kan'],
    );
  });

  test('offers imported in two files rank as after a full reindex: the word counts follow each import', async () => {
    const split = await aTenant(db, { withAreas: true });
    await db.system((tx) => createPlaces(tx, split.id, buchPlaces));
    const half = Math.floor(corpus.length / 2);
    await importHsds(db, split.id, corpus.slice(0, half));
    await importHsds(db, split.id, corpus.slice(half));
    for (const text of [
      'ik zie bijna nooit iemand',
      'schulden',
      'eenzaamhied heiloo',
      'computerles ouderen',
    ]) {
      const ranked = async (t: Tenant) =>
        (await search({ text, perPage: 10 }, t)).hits.map((h) => [h.service.id, h.score]);
      assert.deepEqual(await ranked(split), await ranked(tenant), text);
    }
  });

  test('another tenant finds nothing of this one', async () => {
    const other = await searchTenant(db);
    assert.equal((await search({ text: 'koffie' }, other)).total, 0);
    assert.equal((await search({}, other)).total, 0);
  });
});
