import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database } from './index.js';

/** Applies pending migrations (drizzle records what ran, so a second run is a no-op), then secures new tables. */
export async function migrate(db: Database): Promise<void> {
  if (db.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(db.drizzle as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(db.drizzle as never, { migrationsFolder });
  }
  await db.drizzle.execute(sql`select wijkkracht_secure_tables()`);
}
