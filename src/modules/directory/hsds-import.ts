// Import of an HSDS 3.0 compiled-service file into one tenant, all or nothing in one transaction.
// The file is checked completely first; then every object is compared with what is stored and only what
// differs is written, in batches (see queries.ts). Importing the same file twice therefore writes nothing
// and keeps last_modified. Services that are not in the file are left alone: a file may be partial.
import { refreshSearchIndex } from './search/indexer.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  canonicalTimestamp,
  flatten,
  locationTreeTables,
  rowText,
  serviceTreeTables,
  treeText,
  type Flattened,
  type Row,
  type Tree,
} from './hsds-rows.js';
import {
  analyseCompiledServices,
  kindLabels,
  type ExternalReference,
  type Problem,
} from './hsds-validate.js';
import {
  BatchWriter,
  chunks,
  deleteLocationChildren,
  deleteServiceChildren,
  existingIds,
  loadLocationTrees,
  loadServiceTrees,
  rowsById,
  upsertRows,
} from './queries.js';

export interface ImportCounts {
  /** Services that were new. */
  created: number;
  /** Services that existed and differed (or whose organization, location or terms changed). */
  updated: number;
  /** Services that were already exactly so: nothing written. */
  unchanged: number;
  /** Services in the file. */
  services: number;
}

export interface ImportOptions {
  /** Called after each batch of services, and once with 0 before the first. */
  onProgress?(done: number, total: number): void;
  /** Services per batch; a few hundred keeps statements small and round trips few. */
  batchSize?: number;
}

/** The error a rejected file gives: every problem as a field (its JSON path) with a Dutch message. */
export function invalidFile(problems: Problem[]): AppError {
  return new AppError(
    'validation',
    `Het bestand bevat ${problems.length === 1 ? '1 probleem' : `${problems.length} problemen`}; er is niets geïmporteerd.`,
    problems.map((p) => ({ field: p.path, message: p.message })),
  );
}

/** Imports the file into the tenant in a transaction of its own. */
export async function importHsds(
  db: Database,
  tenantId: string,
  json: unknown,
  opts: ImportOptions = {},
): Promise<ImportCounts> {
  // The file is checked before a transaction is opened: a file with problems costs the database nothing.
  const analysis = analyse(json);
  return db.tenant(tenantId, (tx) => write(tx, analysis, opts));
}

/**
 * Imports the file inside a transaction the caller holds, e.g. a moderator's approval, so the change and
 * what the caller writes with it exist together or not at all. Problems throw; the caller's transaction then
 * writes nothing.
 */
export function importHsdsInTx(tx: TenantTx, json: unknown, opts: ImportOptions = {}): Promise<ImportCounts> {
  return write(tx, analyse(json), opts);
}

interface Analysed {
  analysis: ReturnType<typeof analyseCompiledServices>;
  input: Flattened;
}

function analyse(json: unknown): Analysed {
  const analysis = analyseCompiledServices(json);
  if (analysis.problems.length) throw invalidFile(analysis.problems);
  return { analysis, input: flatten(analysis.services) };
}

async function write(
  tx: TenantTx,
  { analysis, input }: Analysed,
  opts: ImportOptions,
): Promise<ImportCounts> {
  const unknown = await unknownReferences(tx, analysis.external);
  if (unknown.length) throw invalidFile(unknown);
  const changed = await writeShared(tx, input);
  const counts = await writeServices(tx, input, changed, opts);
  // The search document of every offer in the file follows in the same transaction.
  await refreshSearchIndex(tx, [...input.services.keys()]);
  return counts;
}

const tableOf: Record<
  ExternalReference['kind'],
  'organizations' | 'locations' | 'taxonomy_terms' | 'taxonomies'
> = {
  organization: 'organizations',
  location: 'locations',
  taxonomy_term: 'taxonomy_terms',
  taxonomy: 'taxonomies',
};

/** Ids the file only refers to must exist already. */
async function unknownReferences(tx: TenantTx, refs: ExternalReference[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const kind of Object.keys(tableOf) as ExternalReference['kind'][]) {
    const ofKind = refs.filter((r) => r.kind === kind);
    if (!ofKind.length) continue;
    const found = await existingIds(
      tx,
      tableOf[kind],
      ofKind.map((r) => r.id),
    );
    for (const r of ofKind)
      if (!found.has(r.id))
        problems.push({
          path: r.path,
          message: `verwijst naar ${kindLabels[kind]} ${r.id}, maar die staat niet in het bestand en ook nog niet in de sociale kaart`,
        });
  }
  return problems;
}

interface Changed {
  organizations: Set<string>;
  locations: Set<string>;
  terms: Set<string>;
}

/** Rows ordered so that a parent comes before its children (parent chains were checked for cycles). */
function parentsFirst(input: Row[], field: string): Row[] {
  const byId = new Map(input.map((r) => [r.id as string, r]));
  const out: Row[] = [];
  const placed = new Set<string>();
  const place = (r: Row) => {
    const id = r.id as string;
    if (placed.has(id)) return;
    placed.add(id);
    const parent = byId.get(r[field] as string);
    if (parent) place(parent);
    out.push(r);
  };
  input.forEach(place);
  return out;
}

/** Taxonomies, terms, organizations and locations: shared by services, written before them when changed. */
async function writeShared(tx: TenantTx, input: Flattened): Promise<Changed> {
  const storedTaxonomies = await rowsById(tx, 'taxonomies', input.taxonomies.keys());
  const changedTaxonomies = new Set<string>();
  const full: Row[] = [];
  const nameOnly: Row[] = [];
  for (const [id, t] of input.taxonomies) {
    const old = storedTaxonomies.get(id);
    if (t.full ? !old || rowText(old) !== rowText(t.row) : !old || old.name !== t.row.name) {
      (t.full ? full : nameOnly).push(t.row);
      changedTaxonomies.add(id);
    }
  }
  await upsertRows(tx, 'taxonomies', full);
  await upsertRows(tx, 'taxonomies', nameOnly, true);

  const terms = await changedRows(tx, 'taxonomy_terms', input.terms);
  await upsertRows(tx, 'taxonomy_terms', parentsFirst(terms, 'parent_id'));
  const changedTerms = new Set(terms.map((r) => r.id as string));
  for (const [id, r] of input.terms)
    if (r.with_taxonomy_detail && changedTaxonomies.has(r.taxonomy_id as string)) changedTerms.add(id);

  const organizations = await changedRows(tx, 'organizations', input.organizations);
  await upsertRows(tx, 'organizations', parentsFirst(organizations, 'parent_organization_id'));

  const ids = [...input.locations.keys()];
  const stored = await loadLocationTrees(tx, ids);
  const changedLocations = ids.filter((id) => {
    const old = stored.get(id);
    return !old || treeText(old) !== treeText(input.locations.get(id)!);
  });
  await deleteLocationChildren(
    tx,
    changedLocations.filter((id) => stored.has(id)),
  );
  const writer = new BatchWriter(tx);
  for (const table of locationTreeTables)
    await writer.upsert(
      table,
      changedLocations.flatMap((id) => input.locations.get(id)![table] ?? []),
    );
  await writer.flush();

  return {
    organizations: new Set(organizations.map((r) => r.id as string)),
    locations: new Set(changedLocations),
    terms: changedTerms,
  };
}

async function changedRows(
  tx: TenantTx,
  table: 'taxonomy_terms' | 'organizations',
  input: Map<string, Row>,
): Promise<Row[]> {
  const stored = await rowsById(tx, table, input.keys());
  return [...input.values()].filter((r) => {
    const old = stored.get(r.id as string);
    return !old || rowText(old) !== rowText(r);
  });
}

function usesChanged(tree: Tree, changed: Changed): boolean {
  return (
    changed.organizations.has(tree.services![0]!.organization_id as string) ||
    (tree.service_at_locations ?? []).some((r) => changed.locations.has(r.location_id as string)) ||
    (tree.attributes ?? []).some((r) => changed.terms.has(r.taxonomy_term_id as string))
  );
}

/** The tree with the service row's last_modified set (the file may leave it to us). */
function withLastModified(tree: Tree, lastModified: unknown): Tree {
  const row = tree.services![0]!;
  if (row.last_modified != null) return tree;
  return { ...tree, services: [{ ...row, last_modified: lastModified }] };
}

/**
 * Services in two passes. First every service is compared with what is stored, a batch at a time. Then what
 * differs is written table by table over the whole file: all service rows, then all service_at_locations,
 * and so on. That way each table a row links to is complete before the first link to it is checked, and
 * PostgreSQL plans those foreign-key checks (once per connection) for the table's real size: planned
 * against a nearly empty services table they stay slow for the rest of a large import.
 */
async function writeServices(
  tx: TenantTx,
  input: Flattened,
  changed: Changed,
  opts: ImportOptions,
): Promise<ImportCounts> {
  const ids = [...input.services.keys()];
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, services: ids.length };
  const now = canonicalTimestamp(new Date());
  const write: Tree[] = [];
  const rewritten: string[] = [];
  const batch = opts.batchSize ?? 250;

  // Progress counts comparing a service and writing its rows as one unit of work each.
  let work = ids.length;
  let done = 0;
  const report = () => opts.onProgress?.(Math.floor((ids.length * done) / work), ids.length);
  report();

  for (const part of chunks(ids, batch)) {
    const stored = await loadServiceTrees(tx, part);
    for (const id of part) {
      const tree = input.services.get(id)!;
      const old = stored.get(id);
      if (!old) {
        counts.created++;
        write.push(withLastModified(tree, now));
        continue;
      }
      const same =
        treeText(withLastModified(tree, old.services![0]!.last_modified)) === treeText(old) &&
        !usesChanged(tree, changed);
      if (same) {
        counts.unchanged++;
        continue;
      }
      counts.updated++;
      write.push(withLastModified(tree, now));
      rewritten.push(id);
    }
    done += part.length;
    report();
  }

  const byTable = serviceTreeTables.map((table) => ({ table, rows: write.flatMap((t) => t[table] ?? []) }));
  work += byTable.reduce((n, t) => n + t.rows.length, 0);
  const keptSals = new Map(
    write.map((t) => [
      t.services![0]!.id as string,
      (t.service_at_locations ?? []).map((r) => r.id as string),
    ]),
  );
  for (const part of chunks(rewritten, 1000))
    await deleteServiceChildren(
      tx,
      part,
      part.flatMap((id) => keptSals.get(id) ?? []),
    );
  const writer = new BatchWriter(tx);
  for (const { table, rows } of byTable)
    for (const part of chunks(rows, batch * 8)) {
      await writer.upsert(table, part);
      done += part.length;
      report();
    }
  await writer.flush();
  return counts;
}
