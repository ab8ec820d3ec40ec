// The directory's heavy reads (a compiled service, a search) are long statements whose planning costs the
// database about as much as running them. As named prepared statements PostgreSQL plans each once per
// connection. The name is a hash of the text, so one text always has one name (node-postgres requires that);
// the texts vary only in their shape (how many words, which filters), the values are parameters.
// PGlite runs them as ordinary statements.
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { TenantTx } from '../../platform/db/index.js';

const dialect = new PgDialect();
const names = new Map<string, string>();

/** Rows of a statement that the database plans once per connection and then reuses. */
export async function preparedRows<T>(tx: TenantTx, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = names.get(text);
  if (!name) {
    name = `wk_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const result = (await tx._.session
    .prepareQuery({ sql: text, params }, undefined, name, false)
    .execute()) as {
    rows: T[];
  };
  return result.rows;
}
