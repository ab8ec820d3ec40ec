import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/index.js';
import { migrate } from '../../src/platform/db/migrate.js';

/** Which database this test run uses: set by test/run.ts, PGlite by default. */
export const testDbKind: 'pglite' | 'postgres' =
  process.env.WIJKKRACHT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let shared: Promise<Database> | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

/**
 * One migrated database for the whole run (a fresh PGlite costs seconds). Tests stay independent by
 * creating their own tenants: row-level security keeps each test's data to itself.
 */
export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

async function open(): Promise<Database> {
  if (testDbKind === 'pglite') {
    const db = await openPglite('memory://');
    await migrate(db);
    return db;
  }
  // A database of its own per run, dropped afterwards, so runs never see each other's rows.
  const name = `wijkkracht_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrate(db);
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: testPostgresUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return db;
}

export async function closeTestDatabase(): Promise<void> {
  if (!shared) return;
  const db = await shared;
  shared = undefined;
  await db.close();
  await dropDatabase?.();
}
