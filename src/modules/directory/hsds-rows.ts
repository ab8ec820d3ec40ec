// The bridge between compiled HSDS JSON and table rows, both ways. Rows are plain objects keyed by column
// name (which is the HSDS field name), in the same form the queries read them back, so "is this imported
// object unchanged?" is a comparison of rows, and export is flatten run backwards.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { canonicalJson } from './hsds-validate.js';
import type { CompiledService } from './schemas.js';
import {
  accessibility,
  addresses,
  attributes,
  contacts,
  costOptions,
  languages,
  locations,
  organizations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocations,
  services,
  taxonomies,
  taxonomyTerms,
} from './tables.js';

export type Row = Record<string, unknown>;

export interface Column {
  name: string;
  sqlType: string;
  isTimestamp: boolean;
}

export interface TableInfo {
  name: TableName;
  /** Every column except tenant_id, in table order. */
  columns: Column[];
  /** The columns that are HSDS fields (the rest is our bookkeeping). */
  hsds: Column[];
  hsdsNames: Set<string>;
  has(column: string): boolean;
}

const bookkeeping = new Set(['position', 'parent_type', 'omitted_links', 'extra', 'with_taxonomy_detail']);

function describe(table: PgTable): TableInfo {
  const columns = Object.values(getTableColumns(table))
    .map((c) => ({
      name: c.name,
      sqlType: c.getSQLType(),
      isTimestamp: c.getSQLType().startsWith('timestamp'),
    }))
    .filter((c) => c.name !== 'tenant_id');
  const hsds = columns.filter((c) => !bookkeeping.has(c.name));
  const names = new Set(columns.map((c) => c.name));
  return {
    name: getTableName(table) as TableName,
    columns,
    hsds,
    hsdsNames: new Set(hsds.map((c) => c.name)),
    has: (column) => names.has(column),
  };
}

const tableObjects = {
  organizations,
  services,
  locations,
  service_at_locations: serviceAtLocations,
  addresses,
  accessibility,
  contacts,
  phones,
  languages,
  schedules,
  service_areas: serviceAreas,
  cost_options: costOptions,
  taxonomies,
  taxonomy_terms: taxonomyTerms,
  attributes,
} as const;
export type TableName = keyof typeof tableObjects;

export const tables = Object.fromEntries(
  Object.entries(tableObjects).map(([name, table]) => [name, describe(table)]),
) as Record<TableName, TableInfo>;

/** Rows of one service (or one location) and everything that belongs to it, per table. */
export type Tree = Partial<Record<TableName, Row[]>>;

/** Tables of a service's own rows, parents before children (the order to write them in). */
export const serviceTreeTables = [
  'services',
  'service_at_locations',
  'contacts',
  'phones',
  'languages',
  'schedules',
  'service_areas',
  'cost_options',
  'attributes',
] as const satisfies readonly TableName[];

/** Tables of a location's own rows, parents before children. */
export const locationTreeTables = [
  'locations',
  'addresses',
  'accessibility',
  'contacts',
  'phones',
  'languages',
  'schedules',
  'attributes',
] as const satisfies readonly TableName[];

// ---- JSON → rows -------------------------------------------------------------------------------------------

/** Timestamps are stored to the millisecond and written back as ISO 8601 in UTC, without ".000". */
export function canonicalTimestamp(value: string | Date): string {
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

type Obj = Record<string, unknown>;

/**
 * One row from one validated HSDS object (ids already in lower case): its fields into columns, properties
 * we do not model into extra; the nested arrays are left to the caller. Values that are not given are left
 * out of the row (the database reads them as null), which keeps the JSON sent to the database small.
 */
function makeRow(info: TableInfo, o: Obj, nested: readonly string[], book?: Row): Row {
  const row: Row = {};
  for (const c of info.hsds) {
    const v = o[c.name];
    if (v !== undefined && v !== null) row[c.name] = c.isTimestamp ? canonicalTimestamp(v as string) : v;
  }
  if (book) for (const k in book) if (book[k] !== undefined && book[k] !== null) row[k] = book[k];
  if (info.has('with_taxonomy_detail')) row.with_taxonomy_detail ??= false;
  let extra: Obj | undefined;
  for (const k in o)
    if (o[k] !== undefined && !info.hsdsNames.has(k) && !nested.includes(k)) (extra ??= {})[k] = o[k];
  if (extra) row.extra = extra;
  return row;
}

/** Fills a link the nesting made obvious, and remembers that the file left it out. */
function link(row: Row, o: Obj, field: string, id: string | undefined) {
  if (o[field] !== undefined || id === undefined) return;
  row[field] = id;
  row.omitted_links = [...((row.omitted_links as string[] | null) ?? []), field];
}

function push(tree: Tree, table: TableName, row: Row) {
  (tree[table] ??= []).push(row);
}

const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

type Parent = { type: string; field: string; id: string | undefined };

function phone(tree: Tree, o: Obj, position: number, parent: Parent) {
  const row = makeRow(tables.phones, o, ['languages'], { position, parent_type: parent.type });
  link(row, o, parent.field, parent.id);
  push(tree, 'phones', row);
  const id = row.id as string;
  arr(o.languages).forEach((l, i) => language(tree, l, i, { type: 'phone', field: 'phone_id', id }));
}

function contact(tree: Tree, o: Obj, position: number, parent: Parent) {
  const row = makeRow(tables.contacts, o, ['phones'], { position, parent_type: parent.type });
  link(row, o, parent.field, parent.id);
  push(tree, 'contacts', row);
  const id = row.id as string;
  arr(o.phones).forEach((p, i) => phone(tree, p, i, { type: 'contact', field: 'contact_id', id }));
}

function language(tree: Tree, o: Obj, position: number, parent: Parent) {
  leaf(tree, 'languages', o, position, parent);
}

function leaf(tree: Tree, table: TableName, o: Obj, position: number, parent: Parent) {
  const info = tables[table];
  const row = makeRow(info, o, [], {
    position,
    ...(info.has('parent_type') ? { parent_type: parent.type } : {}),
  });
  link(row, o, parent.field, parent.id);
  push(tree, table, row);
}

function attribute(tree: Tree, o: Obj, position: number, parentType: string, parentId: string | undefined) {
  const row = makeRow(tables.attributes, o, ['taxonomy_term'], { position, parent_type: parentType });
  link(row, o, 'link_id', parentId);
  const term = o.taxonomy_term as Obj | undefined;
  if (term) link(row, o, 'taxonomy_term_id', (term.id as string).toLowerCase());
  push(tree, 'attributes', row);
}

/** phones, contacts, schedules, service_areas of a service or a service_at_location. */
function children(tree: Tree, o: Obj, parent: Parent) {
  arr(o.contacts).forEach((c, i) => contact(tree, c, i, parent));
  arr(o.phones).forEach((p, i) => phone(tree, p, i, parent));
  arr(o.schedules).forEach((s, i) => leaf(tree, 'schedules', s, i, parent));
  arr(o.service_areas).forEach((a, i) => leaf(tree, 'service_areas', a, i, parent));
}

export interface TaxonomyInput {
  row: Row;
  /** false when only the name is known (from taxonomy_term.taxonomy): then only the name is written. */
  full: boolean;
}

export interface Flattened {
  /** In file order. */
  services: Map<string, Tree>;
  locations: Map<string, Tree>;
  organizations: Map<string, Row>;
  terms: Map<string, Row>;
  taxonomies: Map<string, TaxonomyInput>;
}

const serviceNested = [
  'phones',
  'schedules',
  'service_areas',
  'service_at_locations',
  'languages',
  'organization',
  'cost_options',
  'contacts',
  'attributes',
] as const;
const salNested = ['service_areas', 'contacts', 'phones', 'schedules', 'location', 'attributes'] as const;
const locationNested = [
  'languages',
  'addresses',
  'contacts',
  'accessibility',
  'phones',
  'schedules',
  'attributes',
] as const;

/** Rows for valid (validated) compiled services; repeated shared objects are taken once. */
export function flatten(input: CompiledService[]): Flattened {
  const out: Flattened = {
    services: new Map(),
    locations: new Map(),
    organizations: new Map(),
    terms: new Map(),
    taxonomies: new Map(),
  };
  const term = (t: Obj) => {
    const id = (t.id as string).toLowerCase();
    if (out.terms.has(id)) return;
    const detail = t.taxonomy_detail as Obj | undefined;
    const row = makeRow(tables.taxonomy_terms, t, ['taxonomy_detail'], { with_taxonomy_detail: !!detail });
    if (detail) {
      link(row, t, 'taxonomy_id', (detail.id as string).toLowerCase());
      const taxonomyRow = makeRow(tables.taxonomies, detail, []);
      out.taxonomies.set(taxonomyRow.id as string, { row: taxonomyRow, full: true });
    } else if (typeof t.taxonomy === 'string' && row.taxonomy_id) {
      const taxonomyId = row.taxonomy_id as string;
      if (!out.taxonomies.has(taxonomyId))
        out.taxonomies.set(taxonomyId, { row: { id: taxonomyId, name: t.taxonomy }, full: false });
    }
    out.terms.set(id, row);
  };
  const attributesOf = (tree: Tree, o: Obj, parentType: string, parentId: string | undefined) =>
    arr(o.attributes).forEach((a, i) => {
      attribute(tree, a, i, parentType, parentId);
      if (a.taxonomy_term) term(a.taxonomy_term as Obj);
    });

  for (const s of input as Obj[]) {
    const tree: Tree = {};
    const id = (s.id as string).toLowerCase();
    const org = s.organization as Obj | undefined;
    const row = makeRow(tables.services, s, serviceNested);
    if (org) {
      link(row, s, 'organization_id', (org.id as string).toLowerCase());
      const orgRow = makeRow(tables.organizations, org, []);
      if (!out.organizations.has(orgRow.id as string)) out.organizations.set(orgRow.id as string, orgRow);
    }
    push(tree, 'services', row);
    const here: Parent = { type: 'service', field: 'service_id', id };
    children(tree, s, here);
    arr(s.languages).forEach((l, i) => language(tree, l, i, here));
    arr(s.cost_options).forEach((c, i) => leaf(tree, 'cost_options', c, i, here));
    attributesOf(tree, s, 'service', id);

    arr(s.service_at_locations).forEach((sal, i) => {
      const salRow = makeRow(tables.service_at_locations, sal, salNested, { position: i });
      link(salRow, sal, 'service_id', id);
      const loc = sal.location as Obj | undefined;
      if (loc) {
        link(salRow, sal, 'location_id', (loc.id as string).toLowerCase());
        location(loc);
      }
      push(tree, 'service_at_locations', salRow);
      const salId = salRow.id as string;
      children(tree, sal, { type: 'service_at_location', field: 'service_at_location_id', id: salId });
      attributesOf(tree, sal, 'service_at_location', salId);
    });
    out.services.set(id, tree);
  }
  return out;

  function location(loc: Obj) {
    const id = (loc.id as string).toLowerCase();
    if (out.locations.has(id)) return;
    const tree: Tree = {};
    push(tree, 'locations', makeRow(tables.locations, loc, locationNested));
    const here: Parent = { type: 'location', field: 'location_id', id };
    arr(loc.addresses).forEach((a, i) => leaf(tree, 'addresses', a, i, here));
    arr(loc.accessibility).forEach((a, i) => leaf(tree, 'accessibility', a, i, here));
    arr(loc.contacts).forEach((c, i) => contact(tree, c, i, here));
    arr(loc.phones).forEach((p, i) => phone(tree, p, i, here));
    arr(loc.languages).forEach((l, i) => language(tree, l, i, here));
    arr(loc.schedules).forEach((s, i) => leaf(tree, 'schedules', s, i, here));
    attributesOf(tree, loc, 'location', id);
    out.locations.set(id, tree);
  }
}

/** Comparable text of a tree: rows sorted by id within each table, keys sorted within each row. */
export function treeText(tree: Tree): string {
  return (Object.keys(tree) as TableName[])
    .filter((t) => tree[t]?.length)
    .sort()
    .map((t) => {
      const rows = [...tree[t]!].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
      return `${t}:${rows.map(canonicalJson).join('\n')}`;
    })
    .join('\n');
}

export const rowText = canonicalJson;

// ---- rows → JSON -------------------------------------------------------------------------------------------

/** The HSDS object of a row: its fields that have a value, minus links the file had left out, plus extra. */
export function toObject(info: TableInfo, row: Row): Obj {
  const omitted = (row.omitted_links as string[] | null) ?? [];
  const o: Obj = {};
  for (const c of info.hsds) {
    const v = row[c.name];
    if (v !== null && v !== undefined && !omitted.includes(c.name)) o[c.name] = v;
  }
  if (row.extra) Object.assign(o, row.extra as Obj);
  return o;
}

/** Rows of a table grouped by the parent they hang under, each group in array order. */
class Children {
  private groups = new Map<string, Row[]>();
  constructor(rows: Row[] | undefined, key: (row: Row) => string) {
    for (const r of rows ?? []) {
      const k = key(r);
      let g = this.groups.get(k);
      if (!g) this.groups.set(k, (g = []));
      g.push(r);
    }
    for (const g of this.groups.values()) g.sort((a, b) => (a.position as number) - (b.position as number));
  }
  of(key: string): Row[] {
    return this.groups.get(key) ?? [];
  }
}

const parentKey = (r: Row): string => {
  switch (r.parent_type) {
    case 'service':
      return `service:${r.service_id as string}`;
    case 'service_at_location':
      return `service_at_location:${r.service_at_location_id as string}`;
    case 'location':
      return `location:${r.location_id as string}`;
    case 'contact':
      return `contact:${r.contact_id as string}`;
    case 'phone':
      return `phone:${r.phone_id as string}`;
    default:
      return `${r.parent_type as string}:${(r.link_id ?? r.location_id ?? r.service_id) as string}`;
  }
};

export interface SharedRows {
  organizations: Map<string, Row>;
  locations: Map<string, Tree>;
  terms: Map<string, Row>;
  taxonomies: Map<string, Row>;
}

/** Assembles compiled objects from rows; locations and terms are built once and reused. */
export class Assembler {
  private locationCache = new Map<string, Obj>();
  private termCache = new Map<string, Obj>();

  constructor(private readonly shared: SharedRows) {}

  term(id: string): Obj | undefined {
    const cached = this.termCache.get(id);
    if (cached) return cached;
    const row = this.shared.terms.get(id);
    if (!row) return undefined;
    const o = toObject(tables.taxonomy_terms, row);
    const taxonomy = row.with_taxonomy_detail
      ? this.shared.taxonomies.get(row.taxonomy_id as string)
      : undefined;
    if (taxonomy) o.taxonomy_detail = toObject(tables.taxonomies, taxonomy);
    this.termCache.set(id, o);
    return o;
  }

  private attributes(rows: Row[]): Obj[] {
    return rows.map((r) => {
      const o = toObject(tables.attributes, r);
      const term = this.term(r.taxonomy_term_id as string);
      if (term) o.taxonomy_term = term;
      return o;
    });
  }

  /** Builds the nested arrays of one object from grouped child rows. */
  private nest(o: Obj, key: string, groups: TreeGroups, which: readonly (keyof TreeGroups)[]) {
    for (const name of which) {
      const rows = groups[name].of(key);
      if (!rows.length) continue;
      o[name] =
        name === 'attributes'
          ? this.attributes(rows)
          : rows.map((r) => {
              const child = toObject(tables[name], r);
              if (name === 'contacts') this.nest(child, `contact:${r.id as string}`, groups, ['phones']);
              if (name === 'phones') this.nest(child, `phone:${r.id as string}`, groups, ['languages']);
              return child;
            });
    }
  }

  location(id: string): Obj | undefined {
    const cached = this.locationCache.get(id);
    if (cached) return cached;
    const tree = this.shared.locations.get(id);
    const row = tree?.locations?.[0];
    if (!tree || !row) return undefined;
    const o = toObject(tables.locations, row);
    const groups = groupTree(tree);
    this.nest(o, `location:${id}`, groups, [
      'languages',
      'addresses',
      'contacts',
      'accessibility',
      'phones',
      'schedules',
      'attributes',
    ]);
    this.locationCache.set(id, o);
    return o;
  }

  service(tree: Tree): CompiledService {
    const row = tree.services![0]!;
    const id = row.id as string;
    const o = toObject(tables.services, row);
    const org = this.shared.organizations.get(row.organization_id as string);
    if (org) o.organization = toObject(tables.organizations, org);
    const groups = groupTree(tree);
    this.nest(o, `service:${id}`, groups, [
      'phones',
      'schedules',
      'service_areas',
      'languages',
      'cost_options',
      'contacts',
      'attributes',
    ]);
    const sals = [...(tree.service_at_locations ?? [])].sort(
      (a, b) => (a.position as number) - (b.position as number),
    );
    if (sals.length) {
      o.service_at_locations = sals.map((salRow) => {
        const sal = toObject(tables.service_at_locations, salRow);
        const location = this.location(salRow.location_id as string);
        if (location) sal.location = location;
        this.nest(sal, `service_at_location:${salRow.id as string}`, groups, [
          'service_areas',
          'contacts',
          'phones',
          'schedules',
          'attributes',
        ]);
        return sal;
      });
    }
    return o as CompiledService;
  }
}

interface TreeGroups {
  phones: Children;
  contacts: Children;
  schedules: Children;
  languages: Children;
  service_areas: Children;
  cost_options: Children;
  attributes: Children;
  addresses: Children;
  accessibility: Children;
}

function groupTree(tree: Tree): TreeGroups {
  return {
    phones: new Children(tree.phones, parentKey),
    contacts: new Children(tree.contacts, parentKey),
    schedules: new Children(tree.schedules, parentKey),
    languages: new Children(tree.languages, parentKey),
    service_areas: new Children(tree.service_areas, parentKey),
    cost_options: new Children(tree.cost_options, (r) => `service:${r.service_id as string}`),
    attributes: new Children(tree.attributes, (r) => `${r.parent_type as string}:${r.link_id as string}`),
    addresses: new Children(tree.addresses, (r) => `location:${r.location_id as string}`),
    accessibility: new Children(tree.accessibility, (r) => `location:${r.location_id as string}`),
  };
}
