// All SQL of the directory. Writes are batched: one statement per table per chunk, the rows passed as one
// JSON parameter and unpacked by jsonb_to_recordset, so an import costs a handful of round trips per few
// hundred offers instead of one per row. Reads select columns in the form the JSON has (dates as
// YYYY-MM-DD, timestamps as ISO 8601 UTC), the same on PGlite and PostgreSQL.
// tenant_id comes from the transaction (wijkkracht_current_tenant()); row-level security enforces it too.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type TenantTx } from '../../platform/db/index.js';
import {
  tables,
  type Column,
  type Row,
  type SharedRows,
  type TableInfo,
  type TableName,
  type Tree,
} from './hsds-rows.js';
import { statement, statementRows, type Statement } from './statements.js';

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

// A tree is read in one statement: a CTE per table that follows the links from the CTEs before it, and one
// row back with each table's rows as a JSON array. On this scale a round trip costs more than the reading.

/** A CTE of one table's rows in the JSON form of selectRows (ids stay uuid, so later CTEs can link to them). */
const cte = (name: string, table: TableName, where: SQL) =>
  sql`${sql.raw(name)} as (select ${selectList(tables[table])} from ${sql.raw(ident(table))} t
    where ${tenantIs} and (${where}))`;

/** One statement that runs the CTEs and returns the rows of the named ones, per name. */
function ctesStatement(ctes: SQL[], names: readonly string[]): Statement {
  return statement(
    sql`with ${sql.join(ctes, sql`, `)} select ${sql.raw(
      names.map((n) => `(select coalesce(json_agg(x), '[]') from ${n} x) as ${n}`).join(', '),
    )}`,
  );
}

/** A statement made the first time it is needed and then kept. */
function once(make: () => Statement): () => Statement {
  let made: Statement | undefined;
  return () => (made ??= make());
}

async function readCtes<N extends string>(
  tx: TenantTx,
  st: Statement,
  values: Record<string, string>,
): Promise<Record<N, Row[]>> {
  const [found] = await statementRows<Record<N, Row[]>>(tx, st, values);
  return found!;
}

/** A uuid[] placeholder, filled with uuidList(). */
const idsOf = (name: string) => sql`${sql.placeholder(name)}::uuid[]`;
const uuidList = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;

// = any(array(…)): the CTE's ids become one array, so the index on the link column serves the lookup (also
// within an or) where `in (select …)` would filter all of the tenant's rows.
const inCte = (name: string, column = 'id') => sql.raw(`= any(array(select ${column} from ${name}))`);
const inIds = sql`= any(${idsOf('ids')})`;

/** The CTEs of services and their own rows: s, sal, c, p, lg, sc, sa, co, at. */
function serviceCtes(): SQL[] {
  const parent = sql`(t.parent_type = 'service' and t.service_id ${inCte('s')})
    or (t.parent_type = 'service_at_location' and t.service_at_location_id ${inCte('sal')})`;
  return [
    cte('s', 'services', sql`t.id ${inIds}`),
    cte('sal', 'service_at_locations', sql`t.service_id ${inCte('s')}`),
    cte('c', 'contacts', parent),
    cte('p', 'phones', sql`${parent} or (t.parent_type = 'contact' and t.contact_id ${inCte('c')})`),
    cte(
      'lg',
      'languages',
      sql`(t.parent_type = 'service' and t.service_id ${inCte('s')})
        or (t.parent_type = 'phone' and t.phone_id ${inCte('p')})`,
    ),
    cte('sc', 'schedules', parent),
    cte('sa', 'service_areas', parent),
    cte('co', 'cost_options', sql`t.service_id ${inCte('s')}`),
    cte(
      'at',
      'attributes',
      sql`(t.parent_type = 'service' and t.link_id ${inCte('s')})
        or (t.parent_type = 'service_at_location' and t.link_id ${inCte('sal')})`,
    ),
  ];
}
const serviceCteNames = ['s', 'sal', 'c', 'p', 'lg', 'sc', 'sa', 'co', 'at'] as const;
type ServiceRows = Record<(typeof serviceCteNames)[number], Row[]>;
const serviceTreesStatement = once(() => ctesStatement(serviceCtes(), serviceCteNames));

/** The CTEs of locations (those `ids` selects) and their own rows: l, la, lx, lc, lp, ll, ls, lt. */
function locationCtes(ids: SQL): SQL[] {
  const owned = sql`t.parent_type = 'location' and t.location_id ${inCte('l')}`;
  return [
    cte('l', 'locations', sql`t.id ${ids}`),
    cte('la', 'addresses', sql`t.location_id ${inCte('l')}`),
    cte('lx', 'accessibility', sql`t.location_id ${inCte('l')}`),
    cte('lc', 'contacts', owned),
    cte('lp', 'phones', sql`(${owned}) or (t.parent_type = 'contact' and t.contact_id ${inCte('lc')})`),
    cte('ll', 'languages', sql`(${owned}) or (t.parent_type = 'phone' and t.phone_id ${inCte('lp')})`),
    cte('ls', 'schedules', owned),
    cte('lt', 'attributes', sql`t.parent_type = 'location' and t.link_id ${inCte('l')}`),
  ];
}
const locationCteNames = ['l', 'la', 'lx', 'lc', 'lp', 'll', 'ls', 'lt'] as const;
type LocationRows = Record<(typeof locationCteNames)[number], Row[]>;
const locationTreesStatement = once(() => ctesStatement(locationCtes(inIds), locationCteNames));

/** The stored trees of these services (absent ids are left out). */
export async function loadServiceTrees(tx: TenantTx, ids: string[]): Promise<Map<string, Tree>> {
  const trees = new Map<string, Tree>();
  for (const part of chunks(ids, 1000))
    addServiceTrees(
      await readCtes<(typeof serviceCteNames)[number]>(tx, serviceTreesStatement(), { ids: uuidList(part) }),
      trees,
    );
  return trees;
}

function addServiceTrees(r: ServiceRows, trees: Map<string, Tree>): void {
  const rootOf = new Map<string, string>();
  const add = (table: TableName, row: Row, root: string | undefined) => {
    if (!root) return;
    const tree = trees.get(root)!;
    (tree[table] ??= []).push(row);
  };
  for (const row of r.s) trees.set(row.id as string, { services: [row] });
  for (const row of r.sal) {
    rootOf.set(`service_at_location:${row.id as string}`, row.service_id as string);
    add('service_at_locations', row, row.service_id as string);
  }
  const root = (row: Row): string | undefined => {
    switch (row.parent_type) {
      case 'service':
        return row.service_id as string;
      case 'service_at_location':
        return rootOf.get(`service_at_location:${row.service_at_location_id as string}`);
      case 'contact':
        return rootOf.get(`contact:${row.contact_id as string}`);
      case 'phone':
        return rootOf.get(`phone:${row.phone_id as string}`);
    }
    return undefined;
  };
  for (const row of r.c) {
    rootOf.set(`contact:${row.id as string}`, root(row)!);
    add('contacts', row, root(row));
  }
  for (const row of r.p) {
    rootOf.set(`phone:${row.id as string}`, root(row)!);
    add('phones', row, root(row));
  }
  for (const row of r.lg) add('languages', row, root(row));
  for (const row of r.sc) add('schedules', row, root(row));
  for (const row of r.sa) add('service_areas', row, root(row));
  for (const row of r.co) add('cost_options', row, row.service_id as string);
  for (const row of r.at)
    add(
      'attributes',
      row,
      row.parent_type === 'service'
        ? (row.link_id as string)
        : rootOf.get(`service_at_location:${row.link_id as string}`),
    );
}

const compileCteNames = [...serviceCteNames, ...locationCteNames, 'o', 'tt', 'tx'] as const;
const compileStatement = once(() => {
  const not = (name: string) => sql`not (t.id = any(${idsOf(name)}))`;
  return ctesStatement(
    [
      ...serviceCtes(),
      cte('o', 'organizations', sql`t.id ${inCte('s', 'organization_id')} and ${not('organizations')}`),
      ...locationCtes(
        sql`= any(array(select location_id from sal
          where not (location_id = any(${idsOf('locations')}))))`,
      ),
      cte(
        'tt',
        'taxonomy_terms',
        sql`t.id = any(array(select taxonomy_term_id from at union select taxonomy_term_id from lt))
          and ${not('terms')}`,
      ),
      cte(
        'tx',
        'taxonomies',
        sql`t.id = any(array(select taxonomy_id from tt where with_taxonomy_detail)) and ${not('taxonomies')}`,
      ),
    ],
    compileCteNames,
  );
});

/**
 * The trees of these services and, in the same statement, the organizations, location trees, terms and
 * taxonomies they refer to that `shared` does not have yet (added to it).
 */
export async function loadCompileRows(
  tx: TenantTx,
  ids: string[],
  shared: SharedRows,
): Promise<Map<string, Tree>> {
  const trees = new Map<string, Tree>();
  for (const part of chunks(ids, 1000)) {
    const r = await readCtes<(typeof compileCteNames)[number]>(tx, compileStatement(), {
      ids: uuidList(part),
      organizations: uuidList(shared.organizations.keys()),
      locations: uuidList(shared.locations.keys()),
      terms: uuidList(shared.terms.keys()),
      taxonomies: uuidList(shared.taxonomies.keys()),
    });
    addServiceTrees(r, trees);
    addLocationTrees(r, shared.locations);
    for (const row of r.o) shared.organizations.set(row.id as string, row);
    for (const row of r.tt) shared.terms.set(row.id as string, row);
    for (const row of r.tx) shared.taxonomies.set(row.id as string, row);
  }
  return trees;
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
  for (const part of chunks(ids, 1000))
    addLocationTrees(
      await readCtes<(typeof locationCteNames)[number]>(tx, locationTreesStatement(), {
        ids: uuidList(part),
      }),
      trees,
    );
  return trees;
}

function addLocationTrees(r: LocationRows, trees: Map<string, Tree>): void {
  for (const row of r.l) trees.set(row.id as string, { locations: [row] });
  const rootOf = new Map<string, string>();
  const add = (table: TableName, row: Row, root: string | undefined) => {
    if (root) (trees.get(root)![table] ??= []).push(row);
  };
  const root = (row: Row): string | undefined =>
    row.parent_type === 'contact'
      ? rootOf.get(`contact:${row.contact_id as string}`)
      : row.parent_type === 'phone'
        ? rootOf.get(`phone:${row.phone_id as string}`)
        : (row.location_id as string);
  for (const row of r.la) add('addresses', row, root(row));
  for (const row of r.lx) add('accessibility', row, root(row));
  for (const row of r.lc) {
    rootOf.set(`contact:${row.id as string}`, row.location_id as string);
    add('contacts', row, root(row));
  }
  for (const row of r.lp) {
    rootOf.set(`phone:${row.id as string}`, root(row)!);
    add('phones', row, root(row));
  }
  for (const row of r.ll) add('languages', row, root(row));
  for (const row of r.ls) add('schedules', row, root(row));
  for (const row of r.lt) add('attributes', row, row.link_id as string);
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
