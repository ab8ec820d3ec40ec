// `npm run bench:casework [-- pglite|postgres|both]`: the latency of opening a case file over HTTP —
// GET /api/v1/households/{id} by its case lead, which reads the household, members, case, co-workers and
// support requests and writes the audit entries of that read in the same transaction. A tenant with
// BENCH_HOUSEHOLDS households (default 300, each with a support request, two members and a plan goal, made
// through the API) is built first; then BENCH_REQUESTS sequential opens (default 500) of random files, after a
// warm-up. Ends with one JSON line of figures. PostgreSQL needs BENCH_DATABASE_URL (default the local
// server's postgres database) allowed to create a database; a temporary one is made and dropped.
import { benchDatabase } from './database.js';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAreaTree } from '../src/modules/areas/index.js';
import { createUser } from '../src/platform/auth/service.js';
import { rows } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buchAreas } from '../src/platform/demo/index.js';
import { percentile } from '../src/platform/figures/index.js';
import { createTenant } from '../src/platform/tenancy/index.js';

const which = process.argv[2] ?? 'both';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PASSWORD = 'bench password for casework';

interface Figures {
  households: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  auditEntriesPerOpen: number;
}

/** A tiny deterministic generator, so every run builds the same tenant and opens the same files. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function run(kind: 'pglite' | 'postgres'): Promise<Figures> {
  const { db, drop } = await benchDatabase(kind);
  try {
    await migrate(db);
    const tenant = await db.system(async (tx) => {
      const t = await createTenant(tx, {
        slug: 'bench-casework',
        name: 'Benchgemeente',
        settings: { requireTwoFactorForRoles: [] },
      });
      await createAreaTree(tx, t.id, buchAreas);
      await createUser(tx, t.id, {
        email: 'consulent@bench.example',
        name: 'Bench Consulent',
        roles: ['consultant'],
        password: PASSWORD,
      });
      return t;
    });
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
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: tenant.slug, email: 'consulent@bench.example', password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login answered ${login.status}`);
      const cookie = /wk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const api = async (method: string, path: string, body?: object) => {
        const res = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            cookie,
            ...(method === 'GET' ? {} : { 'x-csrf-token': csrf, 'content-type': 'application/json' }),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        if (res.status >= 300)
          throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
        return text ? (JSON.parse(text) as { id: string; version?: number }) : undefined;
      };

      const households = env('BENCH_HOUSEHOLDS', 300);
      const postcodes = ['1931 AB', '1851 CD', '1911 EF', '1901 GH', '1861 JK'];
      const ids: string[] = [];
      for (let i = 0; i < households; i++) {
        const h = (await api('POST', '/api/v1/households', {
          members: [
            {
              given_name: 'Inwoner',
              family_name: `Bench-${i}`,
              birth_date: '1980-01-01',
              relation: 'main-resident',
            },
            { given_name: 'Kind', family_name: `Bench-${i}`, birth_date: '2012-01-01', relation: 'child' },
          ],
          address: { postcode: postcodes[i % postcodes.length], house_number: i + 1 },
        }))!;
        await api('POST', '/api/v1/support-requests', {
          household_id: h.id,
          channel: 'walk-in',
          question: 'Een vraag over geld en opvoeden, in de eigen woorden van de inwoner.',
          life_domains: ['finances', 'domestic-relations'],
        });
        await api('POST', `/api/v1/households/${h.id}/plan/goals`, {
          version: 1,
          life_domain: 'finances',
          text: 'Weer overzicht over het geld.',
        });
        ids.push(h.id);
        if (process.stdout.isTTY) process.stdout.write(`\r  ${kind}: ${i + 1} households`);
      }
      if (process.stdout.isTTY) process.stdout.write('\n');
      if (kind === 'postgres') await db.drizzle.execute(sql`vacuum analyze`);

      const random = lcg(42);
      const open = async () => {
        const id = ids[Math.floor(random() * ids.length)]!;
        const t0 = performance.now();
        await api('GET', `/api/v1/households/${id}`);
        return performance.now() - t0;
      };
      for (let i = 0; i < 50; i++) await open(); // warm caches and plans
      const count = (
        await db.system((tx) =>
          rows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from audit_log where tenant_id = ${tenant.id}`,
          ),
        )
      )[0]!.n;
      const requests = env('BENCH_REQUESTS', 500);
      const latencies: number[] = [];
      for (let i = 0; i < requests; i++) latencies.push(await open());
      const after = (
        await db.system((tx) =>
          rows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from audit_log where tenant_id = ${tenant.id}`,
          ),
        )
      )[0]!.n;
      const round = (x: number | undefined) => Math.round((x ?? 0) * 10) / 10;
      const figures = {
        households,
        requests,
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        auditEntriesPerOpen: (Number(after) - Number(count)) / requests,
      };
      console.log(
        `${kind}: open a case file, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms (${requests} opens of ${households} households, ${figures.auditEntriesPerOpen} audit entries each)`,
      );
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await drop();
  }
}

const figures: Record<string, Figures> = {};
if (which === 'pglite' || which === 'both') figures.pglite = await run('pglite');
if (which === 'postgres' || which === 'both') figures.postgres = await run('postgres');
console.log(JSON.stringify({ bench: 'casework-open-file', ...figures }));
