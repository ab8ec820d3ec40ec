// The hsds:import, hsds:export and search:reindex commands, run in-process with the test database.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { testConfig } from '../../../test/helpers/app.js';
import { testDatabase } from '../../../test/helpers/db.js';
import { aTenant } from '../../../test/helpers/factories.js';
import { registerDirectoryCommands } from './cli.js';
import { readDemoServices } from './demo.js';
import { exportHsds } from './hsds-export.js';
import { searchServices } from './search/index.js';
import type { CompiledService } from './schemas.js';
import { edit } from './test-support.js';

describe('hsds:import, hsds:export and search:reindex commands', () => {
  let db: Database;
  let tenant: Tenant;
  let corpus: CompiledService[];
  let dir: string;

  /** Runs one command; returns what it printed and the exit code it set (then puts the exit code back). */
  async function run(...args: string[]) {
    const program = new Command().exitOverride();
    const config = testConfig();
    registerDirectoryCommands(program, (fn) => fn(db, config));
    const out: string[] = [];
    const err: string[] = [];
    const log = mock.method(console, 'log', (...a: unknown[]) => void out.push(a.join(' ')));
    const error = mock.method(console, 'error', (...a: unknown[]) => void err.push(a.join(' ')));
    const saved = process.exitCode;
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'cli', ...args]);
      return { out: out.join('\n'), err: err.join('\n'), exitCode: process.exitCode ?? 0 };
    } finally {
      process.exitCode = saved;
      log.mock.restore();
      error.mock.restore();
    }
  }

  before(async () => {
    db = await testDatabase();
    tenant = await aTenant(db);
    corpus = await readDemoServices();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wijkkracht-hsds-'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  test('hsds:import reads a file and prints the counts', async () => {
    const file = path.join(dir, 'services.json');
    await fs.writeFile(file, JSON.stringify(corpus.slice(0, 20)));
    const first = await run('hsds:import', '--tenant', tenant.slug, file);
    assert.equal(first.exitCode, 0, first.err);
    assert.match(
      first.out,
      /^20 diensten in het bestand voor t-[0-9a-f]+: 20 nieuw, 0 bijgewerkt, 0 ongewijzigd \(/,
    );
    const again = await run('hsds:import', '--tenant', tenant.slug, file);
    assert.match(again.out, /0 nieuw, 0 bijgewerkt, 20 ongewijzigd/);
  });

  test('a bad file: every problem with its path, exit code 1, nothing imported', async () => {
    const other = await aTenant(db);
    const file = path.join(dir, 'bad.json');
    const bad = structuredClone(corpus.slice(0, 2));
    edit(bad, '[0].name', undefined);
    edit(bad, '[1].service_at_locations[0].location.longitude', 'vier');
    await fs.writeFile(file, JSON.stringify(bad));
    const result = await run('hsds:import', '--tenant', other.slug, file);
    assert.equal(result.exitCode, 1);
    assert.equal(
      result.err,
      [
        'Niets ingelezen: het bestand bevat 2 problemen.',
        '  $[0].name: ontbreekt; dit veld is verplicht',
        '  $[1].service_at_locations[0].location.longitude: moet een getal zijn (gegeven: "vier")',
      ].join('\n'),
    );
    assert.deepEqual(await db.tenant(other.id, (tx) => exportHsds(tx)), []);
  });

  test('no JSON, no file or no such tenant: a clear message and exit code 1', async () => {
    const notJson = path.join(dir, 'kapot.json');
    await fs.writeFile(notJson, '[{"id": ');
    const broken = await run('hsds:import', '--tenant', tenant.slug, notJson);
    assert.equal(broken.exitCode, 1);
    assert.match(broken.err, /is geen geldige JSON/);
    const missing = await run('hsds:import', '--tenant', tenant.slug, path.join(dir, 'weg.json'));
    assert.match(missing.err, /bestaat niet/);
    const unknown = await run('hsds:export', '--tenant', 'nergens');
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.err, /Gemeente \(tenant\) "nergens" bestaat niet/);
  });

  test('hsds:export --out writes the file that was imported', async () => {
    const exporting = await aTenant(db);
    const file = path.join(dir, 'in.json');
    await fs.writeFile(file, JSON.stringify(corpus.slice(0, 30)));
    await run('hsds:import', '--tenant', exporting.slug, file);
    const out = path.join(dir, 'out.json');
    const result = await run('hsds:export', '--tenant', exporting.slug, '--out', out);
    assert.equal(result.exitCode, 0, result.err);
    assert.match(result.out, /^30 diensten van t-[0-9a-f]+ geschreven naar /);
    assert.deepStrictEqual(JSON.parse(await fs.readFile(out, 'utf8')), corpus.slice(0, 30));
  });

  test('search:reindex rebuilds a search index that is out of step with the offers', async () => {
    const own = await aTenant(db);
    const file = path.join(dir, 'reindex.json');
    await fs.writeFile(file, JSON.stringify(corpus.slice(0, 40)));
    await run('hsds:import', '--tenant', own.slug, file);
    const found = () => db.tenant(own.id, async (tx) => (await searchServices(tx, {})).total);
    assert.equal(await found(), 40);
    await db.tenant(own.id, (tx) => tx.execute(sql`delete from search_documents`));
    assert.equal(await found(), 0);
    const result = await run('search:reindex', '--tenant', own.slug);
    assert.equal(result.exitCode, 0, result.err);
    assert.match(result.out, /^Zoekindex van t-[0-9a-f]+ opnieuw opgebouwd: 40 diensten \(/);
    assert.equal(await found(), 40);
    assert.equal((await run('search:reindex', '--tenant', 'nergens')).exitCode, 1);
  });
});
