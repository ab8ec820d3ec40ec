// The database a benchmark runs on: a fresh in-memory PGlite, or a temporary PostgreSQL database made on the
// server of BENCH_DATABASE_URL (default the local server's postgres database; it must be allowed to create
// one) and dropped again afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/index.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

export async function benchDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { db: await openPglite('memory://'), drop: async () => {} };
  const name = `wijkkracht_bench_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    db: await openPostgres(url.toString()),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}
