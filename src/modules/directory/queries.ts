// All SQL of the directory. Writes are batched: one statement per table per chunk, the rows passed as one
// JSON parameter and unpacked by jsonb_to_recordset, so an import costs a handful of round trips per few
// hundred offers instead of one per row. Reads select columns in the form the JSON has (dates as
// YYYY-MM-DD, timestamps as ISO 8601 UTC), the same on PGlite and PostgreSQL.
// tenant_id comes from the transaction (wijkkracht_current_tenant()); row-level security enforces it too.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type TenantTx } from '../../platform/db/index.js';
import { tables, type Column, type Row, type TableInfo, type TableName, type Tree } from './hsds-rows.js';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const tenantIs = sql.raw('t.tenant_id = wijkkracht_current_tenant()');

/** A uuid[] parameter. The ids were validated as UUIDs; it is a bound parameter either way. */
function uuids(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(',')}}`}::uuid[]`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function readExpression(c: Column): string {
  const col = `t.${ident(c.name)}`;
  if (c.sqlType.startsWith('timestamp'))
    return `case when date_trunc('second', ${col}) = ${col}
      then to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      else to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end`;
  if (c.sqlType === 'date') return `to_char(${col}, 'YYYY-MM-DD')`;
  if (c.sqlType === 'numeric') return `${col}::float8`;
  return col;
}

const selectLists = new Map<TableName, SQL>();
function selectList(info: TableInfo): SQL {
  let list = selectLists.get(info.name);
  if (!list) {
    list = sql.raw(info.columns.map((c) => `${readExpression(c)} as ${ident(c.name)}`).join(', '));
    selectLists.set(info.name, list);
  }
  return list;
}

/** Rows of one table in JSON form. */
export function selectRows(tx: TenantTx, table: TableName, where: SQL, tail: SQL = sql``): Promise<Row[]> {
  const info = tables[table];
  return rows<Row>(
    tx,
    sql`select ${selectList(info)} from ${sql.raw(ident(table))} t where ${tenantIs} and (${where}) ${tail}`,
  );
}

export async function rowsById(
  tx: TenantTx,
  table: TableName,
  ids: Iterable<string>,
): Promise<Map<string, Row>> {
  const list = [...ids];
  const out = new Map<string, Row>();
  for (const part of chunks(list, 5000)) {
    if (!part.length) continue;
    for (const r of await selectRows(tx, table, sql`t.id = any(${uuids(part)})`)) out.set(r.id as string, r);
  }
  return out;
}

export async function existingIds(tx: TenantTx, table: TableName, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(ids, 5000)) {
    if (!part.length) continue;
    const found = await rows<{ id: string }>(
      tx,
      sql`select t.id from ${sql.raw(ident(table))} t where ${tenantIs} and t.id = any(${uuids(part)})`,
    );
    for (const r of found) out.add(r.id);
  }
  return out;
}

const upsertTemplates = new Map<string, [string, string]>();

/** insert … select from jsonb_to_recordset(<param>) … on conflict update, as the text before and after the param. */
function upsertTemplate(table: TableName, nameOnly: boolean): [string, string] {
  const key = `${table}:${nameOnly}`;
  let template = upsertTemplates.get(key);
  if (template) return template;
  const info = tables[table];
  const columns = nameOnly ? info.columns.filter((c) => c.name === 'id' || c.name === 'name') : info.columns;
  const names = columns.map((c) => ident(c.name));
  const definitions = columns.map((c) => `${ident(c.name)} ${c.sqlType}`).join(', ');
  const updates = columns
    .filter((c) => c.name !== 'id')
    .map((c) => `${ident(c.name)} = excluded.${ident(c.name)}`)
    .join(', ');
  const guard = nameOnly ? `where ${ident(table)}.name is distinct from excluded.name` : '';
  template = [
    `insert into ${ident(table)} (tenant_id, ${names.join(', ')})
    select (select wijkkracht_current_tenant()), ${names.map((n) => `r.${n}`).join(', ')}
    from jsonb_to_recordset(`,
    `::jsonb) as r(${definitions})
    on conflict (tenant_id, id) do update set ${updates} ${guard}`,
  ];
  upsertTemplates.set(key, template);
  return template;
}

/**
 * Writes batches of rows one statement after another, and prepares the next statement (its JSON) while
 * the database is still busy with the previous one. Call flush() before anything else uses the transaction.
 */
export class BatchWriter {
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly tx: TenantTx) {}

  /**
   * Inserts rows, or overwrites the row with the same id: ids are the file's, and a later file is the
   * newer truth. nameOnly: only (id, name) are known; the other columns of an existing row stay as they are.
   */
  async upsert(table: TableName, input: Row[], nameOnly = false): Promise<void> {
    const [before, after] = upsertTemplate(table, nameOnly);
    for (const part of chunks(input, 2000)) {
      const statement = sql`${sql.raw(before)}${JSON.stringify(part)}${sql.raw(after)}`;
      await this.pending;
      // drizzle's query object runs its query each time it is awaited: made into a plain promise once.
      const sent = Promise.resolve(this.tx.execute(statement));
      // Its failure is reported by the next await of pending; until then it must not count as unhandled.
      sent.catch(() => {});
      this.pending = sent;
    }
  }

  async flush(): Promise<void> {
    await this.pending;
  }
}

/** Inserts or overwrites rows (see BatchWriter.upsert) and waits until they are written. */
export async function upsertRows(
  tx: TenantTx,
  table: TableName,
  input: Row[],
  nameOnly = false,
): Promise<void> {
  const writer = new BatchWriter(tx);
  await writer.upsert(table, input, nameOnly);
  await writer.flush();
}

// ---- a service and what belongs to it ----------------------------------------------------------------------

const serviceParent = (S: SQL, sals: SQL) =>
  sql`(t.parent_type = 'service' and t.service_id = any(${S}))
    or (t.parent_type = 'service_at_location' and t.service_at_location_id = any(${sals}))`;

/** The stored trees of these services (absent ids are left out). */
export async function loadServiceTrees(tx: TenantTx, ids: string[]): Promise<Map<string, Tree>> {
  const trees = new Map<string, Tree>();
  for (const part of chunks(ids, 1000)) await loadServiceTreesPart(tx, part, trees);
  return trees;
}

async function loadServiceTreesPart(tx: TenantTx, ids: string[], trees: Map<string, Tree>): Promise<void> {
  const S = uuids(ids);
  const serviceRows = await selectRows(tx, 'services', sql`t.id = any(${S})`);
  if (!serviceRows.length) return;
  const rootOf = new Map<string, string>();
  const add = (table: TableName, r: Row, root: string | undefined) => {
    if (!root) return;
    const tree = trees.get(root)!;
    (tree[table] ??= []).push(r);
  };
  for (const r of serviceRows) trees.set(r.id as string, { services: [r] });

  const sals = await selectRows(tx, 'service_at_locations', sql`t.service_id = any(${S})`);
  for (const r of sals) {
    rootOf.set(`service_at_location:${r.id as string}`, r.service_id as string);
    add('service_at_locations', r, r.service_id as string);
  }
  const A = uuids(sals.map((r) => r.id as string));
  const root = (r: Row): string | undefined => {
    switch (r.parent_type) {
      case 'service':
        return r.service_id as string;
      case 'service_at_location':
        return rootOf.get(`service_at_location:${r.service_at_location_id as string}`);
      case 'contact':
        return rootOf.get(`contact:${r.contact_id as string}`);
      case 'phone':
        return rootOf.get(`phone:${r.phone_id as string}`);
    }
    return undefined;
  };

  const contactRows = await selectRows(tx, 'contacts', serviceParent(S, A));
  for (const r of contactRows) {
    rootOf.set(`contact:${r.id as string}`, root(r)!);
    add('contacts', r, root(r));
  }
  const C = uuids(contactRows.map((r) => r.id as string));
  const phoneRows = await selectRows(
    tx,
    'phones',
    sql`${serviceParent(S, A)} or (t.parent_type = 'contact' and t.contact_id = any(${C}))`,
  );
  for (const r of phoneRows) {
    rootOf.set(`phone:${r.id as string}`, root(r)!);
    add('phones', r, root(r));
  }
  const P = uuids(phoneRows.map((r) => r.id as string));
  for (const r of await selectRows(
    tx,
    'languages',
    sql`(t.parent_type = 'service' and t.service_id = any(${S})) or (t.parent_type = 'phone' and t.phone_id = any(${P}))`,
  ))
    add('languages', r, root(r));
  for (const r of await selectRows(tx, 'schedules', serviceParent(S, A))) add('schedules', r, root(r));
  for (const r of await selectRows(tx, 'service_areas', serviceParent(S, A)))
    add('service_areas', r, root(r));
  for (const r of await selectRows(tx, 'cost_options', sql`t.service_id = any(${S})`))
    add('cost_options', r, r.service_id as string);
  for (const r of await selectRows(
    tx,
    'attributes',
    sql`(t.parent_type = 'service' and t.link_id = any(${S}))
      or (t.parent_type = 'service_at_location' and t.link_id = any(${A}))`,
  ))
    add(
      'attributes',
      r,
      r.parent_type === 'service'
        ? (r.link_id as string)
        : rootOf.get(`service_at_location:${r.link_id as string}`),
    );
}

/**
 * Before a changed service is written again: its nested rows go (they are inserted anew), and so do its
 * service_at_locations that are no longer in the file. The service row itself and the kept
 * service_at_locations are updated in place, so what other modules link to keeps its identity.
 */
export async function deleteServiceChildren(
  tx: TenantTx,
  serviceIds: string[],
  keepSalIds: string[],
): Promise<void> {
  if (!serviceIds.length) return;
  const S = uuids(serviceIds);
  const A = sql`array(select s.id from service_at_locations s where s.tenant_id = wijkkracht_current_tenant() and s.service_id = any(${S}))`;
  await tx.execute(
    sql`delete from attributes t where ${tenantIs} and ((t.parent_type = 'service' and t.link_id = any(${S}))
      or (t.parent_type = 'service_at_location' and t.link_id = any(${A})))`,
  );
  // Contacts take their phones along, phones their languages (on delete cascade).
  for (const table of ['contacts', 'phones', 'schedules', 'service_areas'] as const)
    await tx.execute(
      sql`delete from ${sql.raw(ident(table))} t where ${tenantIs} and (${serviceParent(S, A)})`,
    );
  await tx.execute(
    sql`delete from languages t where ${tenantIs} and t.parent_type = 'service' and t.service_id = any(${S})`,
  );
  await tx.execute(sql`delete from cost_options t where ${tenantIs} and t.service_id = any(${S})`);
  await tx.execute(
    sql`delete from service_at_locations t where ${tenantIs} and t.service_id = any(${S}) and not (t.id = any(${uuids(keepSalIds)}))`,
  );
}

// ---- a location and what belongs to it ---------------------------------------------------------------------

export async function loadLocationTrees(tx: TenantTx, ids: string[]): Promise<Map<string, Tree>> {
  const trees = new Map<string, Tree>();
  for (const part of chunks(ids, 1000)) await loadLocationTreesPart(tx, part, trees);
  return trees;
}

async function loadLocationTreesPart(tx: TenantTx, ids: string[], trees: Map<string, Tree>): Promise<void> {
  const L = uuids(ids);
  const locationRows = await selectRows(tx, 'locations', sql`t.id = any(${L})`);
  if (!locationRows.length) return;
  for (const r of locationRows) trees.set(r.id as string, { locations: [r] });
  const rootOf = new Map<string, string>();
  const add = (table: TableName, r: Row, root: string | undefined) => {
    if (root) (trees.get(root)![table] ??= []).push(r);
  };
  const root = (r: Row): string | undefined =>
    r.parent_type === 'contact'
      ? rootOf.get(`contact:${r.contact_id as string}`)
      : r.parent_type === 'phone'
        ? rootOf.get(`phone:${r.phone_id as string}`)
        : (r.location_id as string);
  const owned = sql`t.parent_type = 'location' and t.location_id = any(${L})`;

  for (const r of await selectRows(tx, 'addresses', sql`t.location_id = any(${L})`))
    add('addresses', r, root(r));
  for (const r of await selectRows(tx, 'accessibility', sql`t.location_id = any(${L})`))
    add('accessibility', r, root(r));
  const contactRows = await selectRows(tx, 'contacts', owned);
  for (const r of contactRows) {
    rootOf.set(`contact:${r.id as string}`, r.location_id as string);
    add('contacts', r, root(r));
  }
  const C = uuids(contactRows.map((r) => r.id as string));
  const phoneRows = await selectRows(
    tx,
    'phones',
    sql`(${owned}) or (t.parent_type = 'contact' and t.contact_id = any(${C}))`,
  );
  for (const r of phoneRows) {
    rootOf.set(`phone:${r.id as string}`, root(r)!);
    add('phones', r, root(r));
  }
  const P = uuids(phoneRows.map((r) => r.id as string));
  for (const r of await selectRows(
    tx,
    'languages',
    sql`(${owned}) or (t.parent_type = 'phone' and t.phone_id = any(${P}))`,
  ))
    add('languages', r, root(r));
  for (const r of await selectRows(tx, 'schedules', owned)) add('schedules', r, root(r));
  for (const r of await selectRows(
    tx,
    'attributes',
    sql`t.parent_type = 'location' and t.link_id = any(${L})`,
  ))
    add('attributes', r, r.link_id as string);
}

export async function deleteLocationChildren(tx: TenantTx, locationIds: string[]): Promise<void> {
  if (!locationIds.length) return;
  const L = uuids(locationIds);
  await tx.execute(
    sql`delete from attributes t where ${tenantIs} and t.parent_type = 'location' and t.link_id = any(${L})`,
  );
  for (const table of ['addresses', 'accessibility'] as const)
    await tx.execute(
      sql`delete from ${sql.raw(ident(table))} t where ${tenantIs} and t.location_id = any(${L})`,
    );
  for (const table of ['contacts', 'phones', 'languages', 'schedules'] as const)
    await tx.execute(
      sql`delete from ${sql.raw(ident(table))} t where ${tenantIs} and t.parent_type = 'location' and t.location_id = any(${L})`,
    );
}

// ---- lists for the API and the export ----------------------------------------------------------------------

export async function allServiceIds(tx: TenantTx): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select t.id from services t where ${tenantIs} order by t.id`,
  );
  return found.map((r) => r.id);
}

export async function countRows(tx: TenantTx, table: TableName, where: SQL = sql`true`): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    tx,
    sql`select count(*)::int as n from ${sql.raw(ident(table))} t where ${tenantIs} and (${where})`,
  );
  return Number(row?.n ?? 0);
}

/** One page of a table, in a stable order. */
export function pageOfRows(
  tx: TenantTx,
  table: TableName,
  opts: { where?: SQL; orderBy: string; limit: number; offset: number },
): Promise<Row[]> {
  return selectRows(
    tx,
    table,
    opts.where ?? sql`true`,
    sql`order by ${sql.raw(opts.orderBy)} limit ${opts.limit} offset ${opts.offset}`,
  );
}

/** The main fields of an organization's services, for the organization page of the API. */
export function serviceSummaries(tx: TenantTx, organizationId: string): Promise<Row[]> {
  return rows<Row>(
    tx,
    sql`select t.id, t.name, t.alternate_name, t.description, t.url, t.email, t.status
        from services t where ${tenantIs} and t.organization_id = ${organizationId} order by t.name, t.id`,
  );
}

export { chunks };
