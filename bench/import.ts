// Import speed of the HSDS import: npx tsx bench/import.ts [pglite|postgres] [offers]
// Imports the demo corpus (or that many offers: the corpus repeated under new ids) into a fresh tenant of a
// fresh database, then imports the same file again (nothing changes) and exports it. Prints one JSON line.
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be allowed to
// create a database; a temporary one is made and dropped.
import { benchDatabase } from './database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createTenant } from '../src/platform/tenancy/index.js';
import { readDemoServices, repeatCorpus } from '../src/modules/directory/demo.js';
import { exportHsds } from '../src/modules/directory/hsds-export.js';
import { importHsds } from '../src/modules/directory/hsds-import.js';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const wanted = Number(process.argv[3] ?? 0);

const open = () => benchDatabase(kind);

const corpus = await readDemoServices();
const file = wanted > 0 ? repeatCorpus(corpus, wanted) : corpus;
const { db, drop } = await open();
try {
  await migrate(db);
  const tenant = await db.system((tx) => createTenant(tx, { slug: 'bench', name: 'Bench' }));
  const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await fn();
    return [result, (performance.now() - started) / 1000];
  };
  const [first, importSeconds] = await time(() => importHsds(db, tenant.id, file));
  const [second, reimportSeconds] = await time(() => importHsds(db, tenant.id, file));
  const [exported, exportSeconds] = await time(() => db.tenant(tenant.id, (tx) => exportHsds(tx)));
  if (first.created !== file.length || second.unchanged !== file.length || exported.length !== file.length)
    throw new Error(`unexpected counts: ${JSON.stringify({ first, second, exported: exported.length })}`);
  const rate = (s: number) => Math.round(file.length / s);
  console.log(
    `${kind}: ${file.length} offers imported in ${importSeconds.toFixed(2)} s (${rate(importSeconds)} offers/s); ` +
      `again unchanged in ${reimportSeconds.toFixed(2)} s (${rate(reimportSeconds)}/s); ` +
      `exported in ${exportSeconds.toFixed(2)} s (${rate(exportSeconds)}/s)`,
  );
  console.log(
    JSON.stringify({
      database: kind,
      offers: file.length,
      import_offers_per_s: rate(importSeconds),
      reimport_offers_per_s: rate(reimportSeconds),
      export_offers_per_s: rate(exportSeconds),
    }),
  );
} finally {
  await db.close();
  await drop();
}
