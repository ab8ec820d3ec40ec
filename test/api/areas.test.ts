// Areas: the BUCH municipalities with their CBS codes and cores, and placing a postcode in them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/platform/db/index.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant } from '../helpers/factories.js';
import { assertProblem, nl } from './support.js';

interface AreaNode {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  postcodes: string[];
  children: AreaNode[];
}

describe('areas API', () => {
  let app: App;
  let db: Database;
  let buch: Tenant;

  const place = (postcode: string, tenant = buch.slug) =>
    app.inject({ url: `/api/v1/areas/place?tenant=${tenant}&postcode=${encodeURIComponent(postcode)}` });

  before(async () => {
    ({ app, db } = await testApp());
    buch = await aTenant(db, { withAreas: true });
  });

  test('the tree has the four BUCH municipalities with their CBS codes, each with its cores', async () => {
    const res = await app.inject({ url: `/api/v1/areas?tenant=${buch.slug}` });
    assert.equal(res.statusCode, 200, res.body);
    const areas: AreaNode[] = res.json().areas;
    assert.deepEqual(
      areas.map((a) => [a.kind, a.code, a.name]),
      [
        ['municipality', 'GM0373', 'Bergen'],
        ['municipality', 'GM0383', 'Castricum'],
        ['municipality', 'GM0399', 'Heiloo'],
        ['municipality', 'GM0450', 'Uitgeest'],
      ],
    );
    const cores = Object.fromEntries(areas.map((m) => [m.name, m.children.map((c) => c.name)]));
    assert.deepEqual(cores, {
      Bergen: ['Bergen', 'Egmond', 'Schoorl'],
      Castricum: ['Akersloot', 'Castricum', 'De Woude', 'Limmen'],
      Heiloo: ['Heiloo'],
      Uitgeest: ['Uitgeest'],
    });
    for (const m of areas) for (const c of m.children) assert.equal(c.kind, 'core');
    const egmond = areas[0]!.children.find((c) => c.name === 'Egmond')!;
    assert.deepEqual(egmond.postcodes, ['1931', '1934', '1935']);
  });

  test('postcode 1931AB lies in Egmond, municipality of Bergen; spaces and case do not matter', async () => {
    for (const postcode of ['1931AB', '1931 AB', '1931ab', '1931']) {
      const res = await place(postcode);
      assert.equal(res.statusCode, 200, `${postcode}: ${res.body}`);
      const path: { kind: string; code: string | null; name: string }[] = res.json().path;
      assert.deepEqual(
        path.map((p) => [p.kind, p.name, p.code]),
        [
          ['core', 'Egmond', null],
          ['municipality', 'Bergen', 'GM0373'],
        ],
        postcode,
      );
    }
    const castricum = (await place('1901 AA')).json().path.map((p: { name: string }) => p.name);
    assert.deepEqual(castricum, ['Castricum', 'Castricum']);
  });

  test('an invalid postcode is a 400 problem in Dutch naming the field', async () => {
    for (const postcode of ['abcd', '0931AB', '19311', '1931 ABC', '12']) {
      const problem = assertProblem(await place(postcode), 400, 'validation', 'error.validation');
      assert.deepEqual(
        problem.errors?.map((e) => e.field),
        ['postcode'],
        postcode,
      );
      const dutch: string[] = Object.values(nl);
      assert.ok(
        problem.errors?.every((e) => dutch.includes(e.message)),
        'field messages are Dutch',
      );
    }
    assertProblem(await app.inject({ url: `/api/v1/areas/place?tenant=${buch.slug}` }), 400, 'validation');
  });

  test('a valid postcode outside the area is a 404 problem', async () => {
    const problem = assertProblem(await place('9999 AA'), 404, 'not_found', 'error.notFound');
    assert.match(problem.detail ?? '', /postcode/);
  });

  test('an unknown tenant is a 404 problem', async () => {
    assertProblem(
      await app.inject({ url: '/api/v1/areas?tenant=nope' }),
      404,
      'unknown_tenant',
      'error.unknownTenant',
    );
    assertProblem(await place('1931AB', 'nope'), 404, 'unknown_tenant');
    assertProblem(await app.inject({ url: '/api/v1/areas?tenant=..%2F..' }), 404, 'unknown_tenant');
  });

  test("another tenant's areas are its own: a tenant without areas has an empty tree and places nothing", async () => {
    const empty = await aTenant(db);
    const res = await app.inject({ url: `/api/v1/areas?tenant=${empty.slug}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { areas: [] });
    assertProblem(await place('1931AB', empty.slug), 404, 'not_found');
  });
});
