import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

type Schema = Record<string, never>;
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

declare const tenantScoped: unique symbol;
/**
 * A transaction that runs as the restricted application role with one tenant set: row-level security
 * hides every other tenant's rows. Only Database.tenant() makes one, so a use case that asks for a
 * TenantTx cannot be handed an unscoped connection by mistake.
 */
export type TenantTx = Tx & { readonly [tenantScoped]: string };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly drizzle: Drizzle;
  /** Platform work that crosses tenants (session lookup, the job scheduler, migrations, the CLI). */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Everything a module does: scoped to one tenant by the database itself. */
  tenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseBusyError extends Error {}

export function wrap(kind: Database['kind'], drizzle: Drizzle, close: () => Promise<void>): Database {
  return {
    kind,
    drizzle,
    system: (fn) => drizzle.transaction((tx) => fn(tx as Tx)),
    tenant: (tenantId, fn) =>
      drizzle.transaction(async (tx) => {
        // One round trip for both (the same as SET LOCAL): every request pays it, and round trips dominate
        // short use cases.
        await tx.execute(
          sql`select set_config('wijkkracht.tenant_id', ${tenantId}, true), set_config('role', 'wijkkracht_app', true)`,
        );
        return fn(tx as TenantTx);
      }),
    close,
  };
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
}

/** PostgreSQL when a URL is given, otherwise the embedded PGlite in the data folder. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(path.join(opts.dataDir, 'pgdata'));
}

export async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL-verbinding verbroken: ${err.message}`));
  // Fail now with a clear message instead of on the first request.
  const client = await pool.connect();
  client.release();
  return wrap('postgres', drizzle(pool) as unknown as Drizzle, () => pool.end());
}

/**
 * PGlite is single-process: two processes on one data folder would corrupt it. A lock file with the
 * owner's pid tells the CLI that the server holds the database.
 */
export async function openPglite(dir: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  // Search needs trigram similarity (typos) and unaccent; PostgreSQL ships both in contrib.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  let lockFile: string | undefined;
  if (dir !== 'memory://') {
    fs.mkdirSync(dir, { recursive: true });
    lockFile = `${dir}.lock`;
    acquireLock(lockFile);
  }
  try {
    // 'memory://' is a valid data dir; passing undefined would make PGlite drop the options (extensions).
    const client = new PGlite(dir, {
      extensions: { pg_trgm, unaccent },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    await client.waitReady;
    return wrap('pglite', drizzle(client) as unknown as Drizzle, async () => {
      await client.close();
      if (lockFile) fs.rmSync(lockFile, { force: true });
    });
  } catch (err) {
    if (lockFile) fs.rmSync(lockFile, { force: true });
    throw err;
  }
}

function acquireLock(lockFile: string): void {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseBusyError(
        `De ingebouwde database wordt nu gebruikt door een ander proces (pid ${pid}), waarschijnlijk de server. ` +
          'Stop de server eerst en probeer het daarna opnieuw.',
      );
    }
    // A stale lock of a process that died: take it over.
    fs.writeFileSync(lockFile, String(process.pid));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Rows of a raw query, the same shape on both drivers. */
export async function rows<T>(tx: Tx | Drizzle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
