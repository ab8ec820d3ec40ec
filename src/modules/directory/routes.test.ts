// The read-only HSDS API: full services, organizations, taxonomies, terms and service_at_locations, with
// HSDS's page object, past-the-end pages, unknown ids and tenants kept apart.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../app.js';
import type { Database } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { assertProblem } from '../../../test/api/support.js';
import { testApp } from '../../../test/helpers/app.js';
import { aTenant } from '../../../test/helpers/factories.js';
import { readDemoServices } from './demo.js';
import { importHsds } from './hsds-import.js';
import type { CompiledService } from './schemas.js';
import { edit } from './test-support.js';

const TOEGANG = 'fe58a132-c490-5711-a3fb-a524976892cf';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface PageBody<T = Record<string, unknown>> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

describe('directory API', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];

  const get = (url: string, t: Tenant = tenant) =>
    app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}tenant=${t.slug}` });
  const page = async (url: string, t?: Tenant): Promise<PageBody> => {
    const res = await get(url, t);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<PageBody>();
  };

  before(async () => {
    ({ app, db } = await testApp());
    corpus = await readDemoServices();
    tenant = await aTenant(db);
    await importHsds(db, tenant.id, corpus);
  });

  test('GET /api/v1/services/{id} gives the full compiled service, as imported', async () => {
    const res = await get(`/api/v1/services/${corpus[42]!.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepStrictEqual(res.json(), corpus[42]);
  });

  test('properties beyond HSDS that a file brought along are in the answer too', async () => {
    const own = await aTenant(db);
    const service = structuredClone(corpus[0]!);
    edit(service, 'x_gemeente', { wijkteam: 'Egmond' });
    edit(service, 'service_at_locations[0].location.x_verdieping', 1);
    await importHsds(db, own.id, [service]);
    const res = await get(`/api/v1/services/${service.id}`, own);
    assert.deepStrictEqual(res.json(), service);
  });

  test('an unknown service is a 404 problem, a malformed id a 400 problem', async () => {
    const missing = assertProblem(await get(`/api/v1/services/${UNKNOWN}`), 404, 'not_found');
    assert.equal(missing.detail, 'Dit aanbod staat niet (meer) in de sociale kaart.');
    assertProblem(await get('/api/v1/services/niet-een-id'), 400, 'validation');
  });

  test('another tenant does not see the offers; an unknown tenant is a problem', async () => {
    const other = await aTenant(db);
    assertProblem(await get(`/api/v1/services/${corpus[0]!.id}`, other), 404, 'not_found');
    const orgs = await page('/api/v1/organizations', other);
    assert.equal(orgs.total_items, 0);
    assert.equal(orgs.empty, true);
    const res = await app.inject({ method: 'GET', url: '/api/v1/organizations?tenant=bestaat-niet' });
    assertProblem(res, 404, 'unknown_tenant');
  });

  test('organizations come by name in pages of per_page; past the end is an empty page with the totals', async () => {
    const first = await page('/api/v1/organizations?per_page=10');
    assert.deepEqual(
      { ...first, contents: first.contents.length },
      {
        total_items: 57,
        total_pages: 6,
        page_number: 1,
        size: 10,
        first_page: true,
        last_page: false,
        empty: false,
        contents: 10,
      },
    );
    // By name; the database's collation decides the finer points, so only first letters are compared here.
    const initials = first.contents.map((o) => (o.name as string).normalize('NFD')[0]!.toLowerCase());
    assert.deepEqual(initials, [...initials].sort());
    const last = await page('/api/v1/organizations?per_page=10&page=6');
    assert.equal(last.contents.length, 7);
    assert.equal(last.last_page, true);
    assert.equal(last.first_page, false);
    const beyond = await page('/api/v1/organizations?per_page=10&page=9');
    assert.deepEqual(beyond, {
      total_items: 57,
      total_pages: 6,
      page_number: 9,
      size: 10,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });
    const all = new Set(
      [
        ...first.contents,
        ...(await page('/api/v1/organizations?per_page=10&page=2')).contents,
        ...(await page('/api/v1/organizations?per_page=10&page=3')).contents,
        ...(await page('/api/v1/organizations?per_page=10&page=4')).contents,
        ...(await page('/api/v1/organizations?per_page=10&page=5')).contents,
        ...last.contents,
      ].map((o) => o.id),
    );
    assert.equal(all.size, 57, 'the pages together hold every organization once');
  });

  test('per_page defaults to 50 and may not exceed 200; page starts at 1', async () => {
    const byDefault = await page('/api/v1/organizations');
    assert.equal(byDefault.size, 50);
    assert.equal(byDefault.contents.length, 50);
    assertProblem(await get('/api/v1/organizations?per_page=201'), 400, 'validation');
    assertProblem(await get('/api/v1/organizations?page=0'), 400, 'validation');
    assertProblem(await get('/api/v1/organizations?page=twee'), 400, 'validation');
  });

  test('GET /api/v1/organizations/{id} gives the provider with its offers', async () => {
    const org = corpus[0]!.organization!;
    const res = await get(`/api/v1/organizations/${org.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<Record<string, unknown> & { services: { id: string; name: string }[] }>();
    const { services, ...rest } = body;
    assert.deepStrictEqual(rest, org);
    const offered = corpus.filter((s) => s.organization_id === org.id).map((s) => s.id);
    assert.deepEqual(services.map((s) => s.id).sort(), offered.sort());
    assert.ok(services.every((s) => typeof s.name === 'string'));
    assertProblem(await get(`/api/v1/organizations/${UNKNOWN}`), 404, 'not_found');
  });

  test('GET /api/v1/taxonomies lists our five classifications', async () => {
    const taxonomies = await page('/api/v1/taxonomies');
    assert.equal(taxonomies.total_items, 5);
    assert.deepEqual(taxonomies.contents.map((t) => t.name).sort(), [
      'doelgroep',
      'positieve-gezondheid',
      'soort-aanbod',
      'thema',
      'toegang',
    ]);
  });

  test('GET /api/v1/taxonomy_terms filters by taxonomy_id and pages', async () => {
    const access = await page(`/api/v1/taxonomy_terms?taxonomy_id=${TOEGANG}&per_page=3`);
    assert.equal(access.total_items, 4);
    assert.equal(access.total_pages, 2);
    assert.equal(access.contents.length, 3);
    const second = await page(`/api/v1/taxonomy_terms?taxonomy_id=${TOEGANG}&per_page=3&page=2`);
    const codes = [...access.contents, ...second.contents].map((t) => t.code).sort();
    assert.deepEqual(codes, ['aanmelden', 'indicatie-nodig', 'verwijzing-nodig', 'vrij-toegankelijk']);
    assert.ok(access.contents.every((t) => t.taxonomy === 'toegang' && t.taxonomy_id === TOEGANG));
    const none = await page(`/api/v1/taxonomy_terms?taxonomy_id=${UNKNOWN}`);
    assert.equal(none.total_items, 0);
    assert.equal(none.empty, true);
    const all = await page('/api/v1/taxonomy_terms?per_page=200');
    const terms = new Set(corpus.flatMap((s) => s.attributes!.map((a) => a.taxonomy_term_id)));
    assert.equal(all.total_items, terms.size);
  });

  test('GET /api/v1/service_at_locations gives each with its location and service, in pages', async () => {
    const third = await page('/api/v1/service_at_locations?per_page=150&page=3');
    assert.equal(third.total_items, 394);
    assert.equal(third.total_pages, 3);
    assert.equal(third.contents.length, 94);
    assert.equal(third.last_page, true);
    const item = third.contents[0] as {
      id: string;
      service_id: string;
      location: unknown;
      schedules: unknown;
      service: { id: string; name: string };
    };
    const service = corpus.find((s) => s.id === item.service_id)!;
    const sal = service.service_at_locations!.find((x) => x.id === item.id)!;
    assert.deepStrictEqual(item.location, sal.location);
    assert.deepStrictEqual(item.schedules, sal.schedules);
    assert.equal(item.service.name, service.name);
    assert.equal(item.service.id, service.id);
    const beyond = await page('/api/v1/service_at_locations?per_page=150&page=4');
    assert.equal(beyond.empty, true);
    assert.equal(beyond.total_items, 394);
  });

  test('every directory endpoint is public and in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = res.json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>()
      .paths;
    for (const path of [
      '/api/v1/services/{id}',
      '/api/v1/organizations',
      '/api/v1/organizations/{id}',
      '/api/v1/taxonomies',
      '/api/v1/taxonomy_terms',
      '/api/v1/service_at_locations',
    ])
      assert.ok(paths[path]?.get?.responses['200'], `${path} is documented with its answer`);
  });
});
