// `npm test`: the whole suite on the embedded PGlite, then again on PostgreSQL when one is reachable.
// In CI PostgreSQL must be reachable: a skipped half would hide a failure.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2).join(',') || process.env.TEST_FILES || '';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function run(kind: 'pglite' | 'postgres'): number {
  console.log(
    `\n=== Tests on ${kind === 'pglite' ? 'PGlite (embedded)' : `PostgreSQL (${url.replace(/\/\/[^@]*@/, '//')})`} ===\n`,
  );
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/all.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'test', WIJKKRACHT_TEST_DB: kind, TEST_FILES: only },
    },
  );
  console.log(
    `\n=== ${kind}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  );
  return result.status ?? 1;
}

const kinds: ('pglite' | 'postgres')[] = (process.env.WIJKKRACHT_TEST_DB?.split(',') as (
  'pglite' | 'postgres'
)[]) ?? ['pglite', 'postgres'];
let failed = 0;
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    if (process.env.CI) {
      console.error(`PostgreSQL at ${url} is not reachable; CI runs the suite on both databases.`);
      failed++;
    } else {
      console.warn(`\nPostgreSQL at ${url} is not reachable: suite ran on PGlite only.`);
    }
    continue;
  }
  if (run(kind) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
