// Import and export of HSDS compiled services against the real database: counts, round trip, idempotence,
// updates, all-or-nothing on bad files, and tenants that do not see each other's directory.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { testDatabase } from '../../../test/helpers/db.js';
import { aTenant } from '../../../test/helpers/factories.js';
import { readDemoServices } from './demo.js';
import { compileService, exportHsds } from './hsds-export.js';
import { importHsds } from './hsds-import.js';
import type { CompiledService } from './schemas.js';
import { edit } from './test-support.js';

let db: Database;
let corpus: CompiledService[];
const copy = <T>(v: T): T => structuredClone(v);

const exportOf = (tenant: Tenant) => db.tenant(tenant.id, (tx) => exportHsds(tx));

async function count(tenant: Tenant, table: string): Promise<number> {
  const [row] = await db.tenant(tenant.id, (tx) =>
    rows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)}`),
  );
  return Number(row!.n);
}

/** Row versions (xmin) of a table: they change when a row is written, also when written with the same values. */
async function versions(tenant: Tenant, table: string): Promise<string> {
  const found = await db.tenant(tenant.id, (tx) =>
    rows<{ v: string }>(
      tx,
      sql`select string_agg(xmin::text || ':' || id::text, ',' order by id) as v from ${sql.raw(table)}`,
    ),
  );
  return found[0]!.v;
}

async function rejected(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, `an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('the import was accepted');
}

describe('HSDS import and export', () => {
  let demo: Tenant;

  before(async () => {
    db = await testDatabase();
    corpus = await readDemoServices();
    demo = await aTenant(db);
    await importHsds(db, demo.id, corpus);
  });

  test('imports the demo corpus: every offer, provider, location and term, and says how many', async () => {
    const tenant = await aTenant(db);
    const progress: [number, number][] = [];
    const counts = await importHsds(db, tenant.id, corpus, { onProgress: (d, t) => progress.push([d, t]) });
    assert.deepEqual(counts, { created: 394, updated: 0, unchanged: 0, services: 394 });
    assert.deepEqual(progress[0], [0, 394]);
    assert.deepEqual(progress.at(-1), [394, 394]);
    const terms = new Set(corpus.flatMap((s) => s.attributes!.map((a) => a.taxonomy_term_id)));
    assert.equal(await count(tenant, 'services'), 394);
    assert.equal(await count(tenant, 'organizations'), 57);
    assert.equal(await count(tenant, 'locations'), 58);
    assert.equal(await count(tenant, 'service_at_locations'), 394);
    assert.equal(await count(tenant, 'schedules'), 788);
    assert.equal(await count(tenant, 'taxonomies'), 5);
    assert.equal(await count(tenant, 'taxonomy_terms'), terms.size);
    assert.equal(await count(tenant, 'attributes'), 2808);
  });

  test('the export of an import is the imported file', async () => {
    assert.deepStrictEqual(await exportOf(demo), corpus);
  });

  test('importing the same file again changes nothing and keeps last_modified', async () => {
    const before = await exportOf(demo);
    const tables = [
      'services',
      'service_at_locations',
      'schedules',
      'attributes',
      'locations',
      'taxonomy_terms',
    ];
    const written = await Promise.all(tables.map((t) => versions(demo, t)));
    const counts = await importHsds(db, demo.id, corpus);
    assert.deepEqual(counts, { created: 0, updated: 0, unchanged: 394, services: 394 });
    assert.deepStrictEqual(await exportOf(demo), before);
    for (const [i, t] of tables.entries())
      assert.equal(await versions(demo, t), written[i], `no row of ${t} was rewritten`);
  });

  test('a record whose id exists is updated, the others are left as they are', async () => {
    const tenant = await aTenant(db);
    await importHsds(db, tenant.id, corpus);
    const file = copy(corpus);
    const target = file[7]!;
    target.name = 'Nieuwe naam van het aanbod';
    target.schedules![0]!.opens_at = '08:45';
    target.phones = [];
    target.last_modified = '2025-03-01T09:00:00Z';
    const counts = await importHsds(db, tenant.id, file);
    assert.deepEqual(counts, { created: 0, updated: 1, unchanged: 393, services: 394 });
    const stored = await db.tenant(tenant.id, (tx) => compileService(tx, target.id));
    assert.equal(stored!.name, 'Nieuwe naam van het aanbod');
    assert.equal(stored!.schedules![0]!.opens_at, '08:45');
    assert.equal(stored!.phones, undefined, 'the phone the file no longer has is gone');
    assert.equal(stored!.last_modified, '2025-03-01T09:00:00Z', "the file's last_modified is kept");
    delete (target as Record<string, unknown>).phones;
    assert.deepStrictEqual(await exportOf(tenant), file);
  });

  test('without last_modified in the file, a change sets it to now and no change keeps it', async () => {
    const tenant = await aTenant(db);
    const file = copy(corpus.slice(0, 3));
    for (const s of file) delete s.last_modified;
    const first = await importHsds(db, tenant.id, file);
    assert.equal(first.created, 3);
    const stamped = (await exportOf(tenant)).map((s) => s.last_modified!);
    assert.ok(
      stamped.every((t) => Math.abs(Date.parse(t) - Date.now()) < 60_000),
      'stamped with the import time',
    );
    assert.deepEqual(await importHsds(db, tenant.id, file), {
      created: 0,
      updated: 0,
      unchanged: 3,
      services: 3,
    });
    assert.deepEqual(
      (await exportOf(tenant)).map((s) => s.last_modified),
      stamped,
      'unchanged offers keep their time',
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    file[1]!.description = 'Een nieuwe beschrijving.';
    assert.equal((await importHsds(db, tenant.id, file)).updated, 1);
    const after = (await exportOf(tenant)).map((s) => s.last_modified!);
    assert.equal(after[0], stamped[0]);
    assert.ok(after[1]! > stamped[1]!, 'the changed offer has a later last_modified');
  });

  test('a changed location counts for every offer held there', async () => {
    const tenant = await aTenant(db);
    await importHsds(db, tenant.id, corpus);
    const file = copy(corpus);
    const locationId = file[0]!.service_at_locations![0]!.location_id;
    let held = 0;
    for (const s of file)
      for (const sal of s.service_at_locations!)
        if (sal.location_id === locationId) {
          sal.location!.name = 'Verhuisd buurthuis';
          sal.location!.addresses![0]!.address_1 = 'Nieuwe Straat 1';
          held++;
        }
    const counts = await importHsds(db, tenant.id, file);
    assert.deepEqual(counts, { created: 0, updated: held, unchanged: 394 - held, services: 394 });
    assert.deepStrictEqual(await exportOf(tenant), file);
  });

  test('a malformed file imports nothing and lists every problem with its path', async () => {
    const tenant = await aTenant(db);
    const file = copy(corpus.slice(0, 6));
    edit(file, '[0].minimum_age', 'twaalf');
    edit(file, '[1].name', undefined);
    edit(file, '[2].service_at_locations[0].location.latitude', 91);
    edit(file, '[3].schedules[0].opens_at', '25:00');
    edit(file, '[5].id', file[4]!.id);
    const err = await rejected(importHsds(db, tenant.id, file));
    assert.equal(err.code, 'validation');
    assert.equal(err.detail, `Het bestand bevat ${err.fields!.length} problemen; er is niets geïmporteerd.`);
    const paths = err.fields!.map((f) => f.field);
    for (const path of [
      '$[0].minimum_age',
      '$[1].name',
      '$[2].service_at_locations[0].location.latitude',
      '$[3].schedules[0].opens_at',
      '$[5].id',
    ])
      assert.ok(paths.includes(path), `${path} is listed`);
    // The copied id also makes the links inside record 5 point to the other record: those are listed too.
    assert.ok(
      paths.every((p) => /^\$\[[0-3]\]|^\$\[5\]/.test(p)),
      'no problem is reported for the record that is fine',
    );
    assert.ok(
      err.fields!.every((f) => f.message.length > 10),
      'each with a reason',
    );
    for (const table of ['services', 'organizations', 'locations', 'taxonomy_terms'])
      assert.equal(await count(tenant, table), 0, `nothing in ${table}`);
  });

  test('a file that only refers to an organization by id needs it to exist already', async () => {
    const tenant = await aTenant(db);
    const lone = copy(corpus[0]!);
    delete lone.organization;
    const err = await rejected(importHsds(db, tenant.id, [lone]));
    assert.deepEqual(err.fields, [
      {
        field: '$[0].organization_id',
        message: `verwijst naar organisatie ${lone.organization_id}, maar die staat niet in het bestand en ook nog niet in de sociale kaart`,
      },
    ]);
    assert.equal(await count(tenant, 'services'), 0);
    // Once the organization is there, the short form is the same offer.
    assert.equal((await importHsds(db, tenant.id, [corpus[0]!])).created, 1);
    assert.deepEqual(await importHsds(db, tenant.id, [lone]), {
      created: 0,
      updated: 0,
      unchanged: 1,
      services: 1,
    });
  });

  test('a failure half-way writes nothing either', async () => {
    const tenant = await aTenant(db);
    const stop = new Error('stopped after the first batch');
    await assert.rejects(
      importHsds(db, tenant.id, corpus, {
        batchSize: 100,
        onProgress: (done) => {
          if (done >= 100) throw stop;
        },
      }),
      stop,
    );
    assert.equal(await count(tenant, 'services'), 0, 'the first batch was rolled back');
    assert.equal(await count(tenant, 'locations'), 0);
  });

  test('two tenants importing the same file do not see each other’s data', async () => {
    const a = await aTenant(db);
    const b = await aTenant(db);
    await importHsds(db, a.id, corpus);
    await importHsds(db, b.id, corpus);
    const changed = copy(corpus);
    changed[0]!.name = 'Alleen bij B';
    assert.equal((await importHsds(db, b.id, changed)).updated, 1);
    assert.deepStrictEqual(await exportOf(a), corpus);
    assert.equal((await exportOf(b))[0]!.name, 'Alleen bij B');
    assert.equal(await count(a, 'services'), 394, 'each tenant sees its own 394 offers');
    const other = await aTenant(db);
    assert.deepEqual(await exportOf(other), []);
    assert.equal(await db.tenant(other.id, (tx) => compileService(tx, corpus[0]!.id)), undefined);
  });

  test('properties outside HSDS, and HSDS parts Wijkkracht does not model, come back unchanged', async () => {
    const tenant = await aTenant(db);
    const file = copy(corpus.slice(0, 2));
    edit(file, '[0].metadata', [
      { id: '22222222-2222-4222-8222-222222222222', resource_type: 'service', field_name: 'name' },
    ]);
    edit(file, '[0].x_wijkkracht', { bron: 'test', getallen: [1, 2.5] });
    edit(file, '[0].phones[0].attributes', []);
    edit(file, '[0].service_at_locations[0].location.x_verdieping', 2);
    file[0]!.cost_options = [
      { id: '33333333-3333-4333-8333-333333333333', amount: 2.5, currency: 'EUR', option: '65-plussers' },
    ];
    file[1]!.contacts = [
      {
        id: '44444444-4444-4444-8444-444444444444',
        name: 'Ans de Groot',
        phones: [{ id: '55555555-5555-4555-8555-555555555555', number: '072 123 45 67', languages: [] }],
      },
    ];
    // A term may carry its whole taxonomy (taxonomy_detail); then it must do so wherever it appears.
    const termId = file[1]!.attributes![0]!.taxonomy_term_id;
    for (const s of file)
      for (const a of s.attributes!)
        if (a.taxonomy_term_id === termId)
          a.taxonomy_term!.taxonomy_detail = {
            id: a.taxonomy_term!.taxonomy_id!,
            name: a.taxonomy_term!.taxonomy!,
            version: '1',
          };
    await importHsds(db, tenant.id, file);
    const out = await exportOf(tenant);
    // An empty array of a part Wijkkracht stores is the same as no array; parts it does not model stay verbatim.
    edit(file, '[1].contacts[0].phones[0].languages', undefined);
    assert.deepStrictEqual(out, file);
    const [taxonomy] = await db.tenant(tenant.id, (tx) =>
      rows<{ version: string }>(tx, sql`select version from taxonomies where version is not null`),
    );
    assert.equal(taxonomy?.version, '1', 'the taxonomy was stored in full');
  });
});
