// GET /api/v1/services over HTTP: HSDS's page object, every parameter, paging, bad input and OpenAPI.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../../app.js';
import type { Database } from '../../../platform/db/index.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { assertProblem } from '../../../../test/api/support.js';
import { testApp } from '../../../../test/helpers/app.js';
import type { CompiledService } from '../schemas.js';
import { codes, corpusTenant } from './test-support.js';

interface Hit extends CompiledService {
  distance_km?: number | null;
  match_reason?: string;
}

interface SearchPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Hit[];
  warnings?: { code: string; message: string }[];
  place?: { name: string; lat: number; lon: number };
  understood?: { themes: string[]; target_groups: string[] };
}

describe('GET /api/v1/services', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];

  const get = (query: string, t: Tenant = tenant) =>
    app.inject({ method: 'GET', url: `/api/v1/services?tenant=${t.slug}${query ? `&${query}` : ''}` });
  const page = async (query: string): Promise<SearchPage> => {
    const res = await get(query);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<SearchPage>();
  };
  const term = (taxonomy: string, code: string) =>
    corpus
      .flatMap((s) => s.attributes ?? [])
      .find((a) => a.taxonomy_term?.taxonomy === taxonomy && a.taxonomy_term.code === code)!
      .taxonomy_term_id!;
  const count = (pred: (s: CompiledService) => boolean) => corpus.filter(pred).length;

  before(async () => {
    ({ app, db } = await testApp());
    ({ tenant, corpus } = await corpusTenant(db));
  });

  test('without parameters: every offer in HSDS’s page object, 50 per page, full compiled services', async () => {
    const body = await page('');
    assert.equal(body.total_items, corpus.length);
    assert.equal(body.size, 50);
    assert.equal(body.total_pages, Math.ceil(corpus.length / 50));
    assert.deepEqual(
      [body.page_number, body.first_page, body.last_page, body.empty],
      [1, true, false, false],
    );
    assert.equal(body.contents.length, 50);
    const first = body.contents[0]!;
    const original = corpus.find((s) => s.id === first.id)!;
    assert.deepEqual(first, original, 'a listed service is the full compiled service, without search fields');
  });

  test('search: residents’ words, with why each offer matched and what was understood', async () => {
    const body = await page(`search=${encodeURIComponent('ik zie bijna nooit iemand')}&per_page=5`);
    assert.ok(body.total_items > 5);
    assert.deepEqual(body.understood?.themes.slice(0, 2), ['eenzaamheid', 'ontmoeting']);
    for (const hit of body.contents) {
      assert.match(hit.match_reason!, /^Past bij: .*eenzaamheid|ontmoeting/);
      assert.ok(!('distance_km' in hit), 'no distance without a place');
    }
  });

  test('near: distance_km on every offer and the place it was measured from', async () => {
    const body = await page(`search=koffie&near=${encodeURIComponent('Egmond aan Zee')}&per_page=3`);
    assert.equal(body.place?.name, 'Egmond aan Zee');
    assert.equal(body.contents[0]?.name, 'Koffie-inloop Egmond aan Zee');
    assert.ok(body.contents.every((h) => typeof h.distance_km === 'number'));
    assert.match(body.contents[0]!.match_reason!, /0,\d km$/);
    const postcode = await page('near=1931%20AB&per_page=1');
    assert.equal(postcode.place?.name, 'Egmond aan Zee');
    const point = await page('lat=52.6193&lon=4.632&radius_km=1');
    assert.ok(point.total_items > 0 && point.total_items < corpus.length);
    assert.ok(
      point.contents.every((h) => h.distance_km === null || h.distance_km! <= 1.5 || h.service_areas),
    );
  });

  test('a place not in the tenant: 200 with results, no distances and a warning in Dutch', async () => {
    const body = await page('search=koffie&near=Zwolle');
    assert.ok(body.total_items > 0);
    assert.equal(body.place, undefined);
    assert.deepEqual(body.warnings?.[0]?.code, 'place_not_found');
    assert.match(body.warnings![0]!.message, /niet in deze gemeente/);
    assert.ok(body.contents.every((h) => !('distance_km' in h)));
  });

  test('taxonomy_term_id repeated combines with AND; taxonomy_id, organization_id, modified_after', async () => {
    const lonely = term('thema', 'eenzaamheid');
    const walkIn = term('toegang', 'vrij-toegankelijk');
    const both = await page(`taxonomy_term_id=${lonely}&taxonomy_term_id=${walkIn}`);
    assert.equal(
      both.total_items,
      count(
        (s) => codes(s, 'thema').includes('eenzaamheid') && codes(s, 'toegang')[0] === 'vrij-toegankelijk',
      ),
    );
    const one = await page(`taxonomy_term_id=${lonely}`);
    assert.equal(
      one.total_items,
      count((s) => codes(s, 'thema').includes('eenzaamheid')),
    );
    const taxonomyId = corpus[0]!.attributes!.find((a) => a.taxonomy_term?.taxonomy === 'toegang')!
      .taxonomy_term!.taxonomy_id!;
    assert.equal((await page(`taxonomy_id=${taxonomyId}`)).total_items, corpus.length);
    const org = corpus[0]!.organization_id!;
    assert.equal(
      (await page(`organization_id=${org}`)).total_items,
      count((s) => s.organization_id === org),
    );
    assert.equal((await page('modified_after=2000-01-01T00:00:00Z')).total_items, corpus.length);
    assert.equal((await page('modified_after=2999-01-01T00:00:00Z')).total_items, 0);
  });

  test('min_age/max_age, open, free, access, wheelchair and area filter', async () => {
    const teen = await page('min_age=15&max_age=15&per_page=200');
    assert.ok(teen.total_items > 0 && teen.total_items < corpus.length);
    assert.ok(teen.contents.every((s) => (s.minimum_age ?? 0) <= 15 && (s.maximum_age ?? 99) >= 15));
    const today = await page('open=today');
    const week = await page('open=this-week');
    assert.ok(today.total_items > 0 && today.total_items <= week.total_items);
    const free = await page('free=true&per_page=200');
    assert.ok(free.contents.every((s) => /^gratis/i.test(s.fees_description ?? '')));
    assert.equal((await page('free=false')).total_items, corpus.length, 'free=false filters nothing');
    const indication = await page('access=indicatie-nodig');
    assert.equal(
      indication.total_items,
      count((s) => codes(s, 'toegang')[0] === 'indicatie-nodig'),
    );
    const wheelchair = await page('wheelchair=true');
    assert.ok(wheelchair.total_items > 0 && wheelchair.total_items < corpus.length);
    const area = await page(`area=${encodeURIComponent('gemeente Heiloo')}&per_page=200`);
    assert.ok(
      area.contents.every((s) => s.service_at_locations![0]!.location!.addresses![0]!.city === 'Heiloo'),
    );
    const nowhere = await page('area=Atlantis');
    assert.equal(nowhere.total_items, 0);
    assert.equal(nowhere.warnings?.[0]?.code, 'area_not_found');
  });

  test('paging: pages add up; a page past the end is empty with the right totals', async () => {
    const first = await page('search=hulp&per_page=10');
    const second = await page('search=hulp&per_page=10&page=2');
    assert.equal(second.page_number, 2);
    assert.equal(second.first_page, false);
    assert.equal(second.total_items, first.total_items);
    const ids = new Set([...first.contents, ...second.contents].map((s) => s.id));
    assert.equal(ids.size, 20);
    const past = await page('search=hulp&per_page=10&page=500');
    assert.deepEqual(
      [
        past.total_items,
        past.total_pages,
        past.page_number,
        past.empty,
        past.last_page,
        past.contents.length,
      ],
      [first.total_items, first.total_pages, 500, true, true, 0],
    );
  });

  test('an unknown or malformed term, provider or taxonomy: an empty page, not an error', async () => {
    for (const q of [
      'taxonomy_term_id=00000000-0000-4000-8000-000000000000',
      'taxonomy_term_id=geen-uuid',
      `taxonomy_term_id=${term('thema', 'eenzaamheid')}&taxonomy_term_id=00000000-0000-4000-8000-000000000000`,
      'organization_id=niet-bestaand',
      'taxonomy_id=00000000-0000-4000-8000-000000000000',
    ]) {
      const body = await page(q);
      assert.deepEqual([body.total_items, body.total_pages, body.empty], [0, 0, true], q);
    }
  });

  test('very long, symbol-only, SQL-looking and emoji searches: a normal answer, never a 500', async () => {
    for (const search of [
      'x'.repeat(5000),
      'eenzaam '.repeat(400),
      '!!!???***',
      "'; drop table services; --",
      "' or 1=1 --",
      '%_\\',
      '💩🙂🎉',
      'koffie 😀 heiloo',
      '<script>alert(1)</script>',
    ]) {
      const res = await get(`search=${encodeURIComponent(search)}`);
      assert.equal(res.statusCode, 200, `${search.slice(0, 30)}: ${res.body.slice(0, 200)}`);
      const body = res.json<SearchPage>();
      assert.ok(body.total_items >= 0);
    }
    assert.ok((await page(`search=${encodeURIComponent('koffie 😀 heiloo')}`)).total_items > 0);
  });

  test('wrong types are a 400 problem: dates, numbers, codes, lat without lon', async () => {
    for (const q of [
      'modified_after=gisteren',
      'page=0',
      'per_page=500',
      'lat=abc&lon=4.6',
      'lat=52.6',
      'radius_km=-1&near=Heiloo',
      'open=morgen',
      'access=iedereen',
      'free=misschien',
    ])
      assertProblem(await get(q), 400, 'validation');
  });

  test('an unknown tenant is a problem', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/services?tenant=bestaat-niet&search=koffie',
    });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
  });

  test('the OpenAPI document describes the endpoint and its parameters', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        { get?: { parameters?: { name: string }[]; responses: Record<string, unknown> } }
      >;
    }>();
    const op = spec.paths['/api/v1/services']?.get;
    assert.ok(op, 'GET /api/v1/services is documented');
    const names = op.parameters!.map((p) => p.name);
    for (const name of [
      'search',
      'taxonomy_term_id',
      'taxonomy_id',
      'organization_id',
      'modified_after',
      'page',
      'per_page',
      'near',
      'lat',
      'lon',
      'radius_km',
      'min_age',
      'max_age',
      'open',
      'free',
      'access',
    ])
      assert.ok(names.includes(name), `${name} is documented`);
    assert.ok(op.responses['200']);
  });
});
