// `npm run bench:search [-- pglite|postgres|both]`: a national-scale directory, generated deterministically
// from the demo corpus (new ids per tenant), then import speed and search latency over HTTP for
// resident-style questions with 1 and 20 concurrent clients. Import speed is the time of the imports alone
// (each tenant's file is generated before its import starts).
//   PostgreSQL: BENCH_TENANTS × BENCH_OFFERS_PER_TENANT offers (default 50 × 2,000 = 100,000).
//   PGlite:     one tenant of BENCH_PGLITE_OFFERS offers (default 5,000).
// Ends with one JSON line of figures. PostgreSQL needs BENCH_DATABASE_URL (default the local server's
// postgres database) allowed to create a database; a temporary one is made and dropped.
import { benchDatabase } from './database.js';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAreaTree } from '../src/modules/areas/index.js';
import { buchPlaces, createPlaces } from '../src/modules/areas/places.js';
import { importHsds, readDemoServices, repeatCorpus } from '../src/modules/directory/index.js';
import type { Database } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buchAreas } from '../src/platform/demo/index.js';
import { createTenant } from '../src/platform/tenancy/index.js';

const which = process.argv[2] ?? 'both';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** What residents type, with and without where they live. */
const questions: [string, string | undefined][] = [
  ['ik zie bijna nooit iemand', 'Egmond aan Zee'],
  ['de rekeningen stapelen zich op', '1901'],
  ['mijn moeder vergeet steeds meer', 'Heiloo'],
  ['koffie drinken met anderen', 'Castricum'],
  ['hulp bij formulieren invullen', undefined],
  ['eenzaam', 'Limmen'],
  ['schulden', undefined],
  ['mantelzorger overbelast', 'Bergen'],
  ['computerles voor ouderen', 'Uitgeest'],
  ['nederlands leren', 'Heiloo'],
  ['mijn zoon heeft adhd en kan zijn huiswerk niet', 'Castricum'],
  ['somber en geen zin meer', undefined],
  ['bewegen voor ouderen', 'Schoorl'],
  ['vervoer naar het ziekenhuis', 'Akersloot'],
  ['eenzaamhied', 'Heiloo'],
  ['vrijwilligerswerk', 'Bakkum'],
  ['rouw verlies partner', undefined],
  ['opvoeden puber', '1851'],
  ['digid aanvragen lukt niet', 'Egmond-Binnen'],
  ['maatje', 'Groet'],
];

interface Figures {
  offers: number;
  tenants: number;
  importOffersPerSecond: number;
  latencyMs: Record<'c1' | 'c20', { p50: number; p95: number; p99: number; requests: number }>;
  /** The process's memory after the searches: the indexes of every tenant are in it. */
  rssMb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function fillTenants(
  db: Database,
  tenants: number,
  perTenant: number,
): Promise<{ slugs: string[]; seconds: number }> {
  const corpus = await readDemoServices();
  const slugs: string[] = [];
  // Only the imports count: making the tenants and generating their files is the benchmark's own work.
  let importing = 0;
  for (let i = 0; i < tenants; i++) {
    const slug = `bench-${i}`;
    const tenant = await db.system(async (tx) => {
      const t = await createTenant(tx, { slug, name: `Benchgemeente ${i}` });
      await createAreaTree(tx, t.id, buchAreas);
      await createPlaces(tx, t.id, buchPlaces);
      return t;
    });
    // Each tenant its own ids (the corpus repeated under derived ids), as if every municipality had its own map.
    const services = repeatCorpus(corpus, perTenant, `tenant-${i}`);
    const started = performance.now();
    // The import writes the offers and their search documents and words, in one transaction.
    await importHsds(db, tenant.id, services);
    importing += performance.now() - started;
    // Statistics as autovacuum keeps them while tables grow (this server runs without it): the next
    // tenant's import is planned for tables of their real size.
    await db.drizzle.execute(sql`analyze`);
    slugs.push(slug);
    if (process.stdout.isTTY) process.stdout.write(`\r  imported ${(i + 1) * perTenant} offers`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  // And after the bulk load: the visibility map for index-only reads.
  await db.drizzle.execute(sql`vacuum analyze`);
  return { slugs, seconds: importing / 1000 };
}

// The clients run in a worker thread: a load generator in the server's own event loop would take the time
// it measures from the server (on a machine with two cores, about a third of it).
const clientCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { baseUrl, slugs, questions, concurrency, requests } = workerData;
const latencies = [];
let next = 0;
async function client(c) {
  for (;;) {
    const n = next++;
    if (n >= requests) return;
    const [q, near] = questions[(n + c) % questions.length];
    const params = new URLSearchParams({ tenant: slugs[n % slugs.length], search: q, per_page: '10' });
    if (near) params.set('near', near);
    const t0 = performance.now();
    const res = await fetch(baseUrl + '/api/v1/services?' + params);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error('search answered ' + res.status);
    latencies.push(performance.now() - t0);
  }
}
Promise.all(Array.from({ length: concurrency }, (_, c) => client(c))).then(() => parentPort.postMessage(latencies));
`;

async function measure(baseUrl: string, slugs: string[], concurrency: number, requests: number) {
  const latencies = await new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(clientCode, {
      eval: true,
      workerData: { baseUrl, slugs, questions, concurrency, requests },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
  };
}

async function run(kind: 'pglite' | 'postgres'): Promise<Figures> {
  const { db, drop } = await benchDatabase(kind);
  try {
    await migrate(db);
    const tenants = kind === 'pglite' ? 1 : env('BENCH_TENANTS', 50);
    const perTenant =
      kind === 'pglite' ? env('BENCH_PGLITE_OFFERS', 5000) : env('BENCH_OFFERS_PER_TENANT', 2000);
    console.log(`${kind}: generating ${tenants} × ${perTenant} offers`);
    const { slugs, seconds } = await fillTenants(db, tenants, perTenant);
    const offers = tenants * perTenant;
    console.log(
      `${kind}: import ${offers} offers in ${seconds.toFixed(1)} s = ${Math.round(offers / seconds)} offers/s`,
    );

    const config = loadConfig({
      NODE_ENV: 'test',
      WIJKKRACHT_DEMO: 'false',
      LOG_LEVEL: 'silent',
      WIJKKRACHT_SECRET_KEY: 'bench-secret-key-0123456789',
    });
    const app = await buildApp({ config, db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      // Warm up: every tenant's index into memory (as after a start), and the words of the questions.
      await measure(baseUrl, slugs, 4, Math.max(40, slugs.length * 2));
      const c1 = await measure(baseUrl, slugs, 1, env('BENCH_REQUESTS_C1', 200));
      const c20 = await measure(baseUrl, slugs, 20, env('BENCH_REQUESTS_C20', 1000));
      console.log(
        `${kind}: search, 1 client   p50 ${c1.p50} ms  p95 ${c1.p95} ms  p99 ${c1.p99} ms  (${c1.requests} requests)`,
      );
      console.log(
        `${kind}: search, 20 clients p50 ${c20.p50} ms  p95 ${c20.p95} ms  p99 ${c20.p99} ms  (${c20.requests} requests)`,
      );
      const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
      console.log(`${kind}: process memory after searching ${rssMb} MB`);
      return {
        offers,
        tenants,
        importOffersPerSecond: Math.round(offers / seconds),
        latencyMs: { c1, c20 },
        rssMb,
      };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await drop();
  }
}

/**
 * Milliseconds of a fixed piece of JavaScript (sorting a million pseudo-random numbers, median of five): the
 * same code measured on two machines differs by this ratio too, so figures of different runs can be compared.
 */
function calibrationMs(): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    let x = 12345;
    const numbers = Float64Array.from({ length: 1_000_000 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31));
    const started = performance.now();
    numbers.sort();
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[2]! * 10) / 10;
}

const calibration = calibrationMs();
console.log(`machine: sorting 1,000,000 numbers takes ${calibration} ms`);
const figures: Record<string, Figures> = {};
if (which === 'pglite' || which === 'both') figures.pglite = await run('pglite');
if (which === 'postgres' || which === 'both') figures.postgres = await run('postgres');
console.log(JSON.stringify({ bench: 'search', calibrationMs: calibration, ...figures }));
