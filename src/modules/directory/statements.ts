// The directory's heavy read, compiling offers, is a long statement whose planning costs the database about
// as much as running it. As named prepared statements PostgreSQL plans each once per
// connection. The name is a hash of the text, so one text always has one name (node-postgres requires that);
// the texts vary only in their shape, the values are parameters.
// PGlite runs them as ordinary statements.
import { createHash } from 'node:crypto';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { TenantTx } from '../../platform/db/index.js';

const dialect = new PgDialect();
const names = new Map<string, string>();

/** A statement turned into text once: its name, and its parameters, placeholders among them. */
export interface Statement {
  name: string;
  text: string;
  params: unknown[];
}

/**
 * Turns a query into a statement. Build it once (with sql.placeholder for what varies) and run it many times:
 * building a long query costs the process about a millisecond each time.
 */
export function statement(query: SQL): Statement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = names.get(text);
  if (!name) {
    name = `wk_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, params };
}

/** Rows of a statement, with its placeholders filled from `values`. */
export async function statementRows<T>(
  tx: TenantTx,
  st: Statement,
  values: Record<string, unknown> = {},
): Promise<T[]> {
  const params = fillPlaceholders(st.params, values);
  const result = (await tx._.session
    .prepareQuery({ sql: st.text, params }, undefined, st.name, false)
    .execute()) as {
    rows: T[];
  };
  return result.rows;
}

/** Rows of a statement that the database plans once per connection and then reuses. */
export function preparedRows<T>(tx: TenantTx, query: SQL): Promise<T[]> {
  return statementRows<T>(tx, statement(query));
}
