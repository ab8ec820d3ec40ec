// Export: the tenant's directory as HSDS 3.0 compiled services, the same data an import of that file writes.
// Services come in id order; nested arrays in the order they were imported. Null values and empty arrays are
// left out, and links the imported file had left out (a phone's service_id inside its service) stay out.
import type { TenantTx } from '../../platform/db/index.js';
import { Assembler, type SharedRows, type Tree } from './hsds-rows.js';
import { allServiceIds, chunks, loadLocationTrees, loadServiceTrees, rowsById } from './queries.js';
import type { CompiledService } from './schemas.js';

/** Loads the organizations, locations, terms and taxonomies the trees refer to, adding to what is loaded. */
async function loadShared(tx: TenantTx, trees: Iterable<Tree>, shared: SharedRows): Promise<void> {
  const need = { organizations: new Set<string>(), locations: new Set<string>(), terms: new Set<string>() };
  const serviceTrees = [...trees];
  for (const tree of serviceTrees) {
    for (const r of tree.services ?? []) need.organizations.add(r.organization_id as string);
    for (const r of tree.service_at_locations ?? []) need.locations.add(r.location_id as string);
    for (const r of tree.attributes ?? []) need.terms.add(r.taxonomy_term_id as string);
  }
  const missing = <T>(ids: Set<string>, have: Map<string, T>) => [...ids].filter((id) => !have.has(id));

  for (const [id, row] of await rowsById(
    tx,
    'organizations',
    missing(need.organizations, shared.organizations),
  ))
    shared.organizations.set(id, row);
  const newLocations = await loadLocationTrees(tx, missing(need.locations, shared.locations));
  for (const [id, tree] of newLocations) {
    shared.locations.set(id, tree);
    for (const r of tree.attributes ?? []) need.terms.add(r.taxonomy_term_id as string);
  }
  const newTerms = await rowsById(tx, 'taxonomy_terms', missing(need.terms, shared.terms));
  const taxonomyIds = new Set<string>();
  for (const [id, row] of newTerms) {
    shared.terms.set(id, row);
    if (row.with_taxonomy_detail && row.taxonomy_id) taxonomyIds.add(row.taxonomy_id as string);
  }
  for (const [id, row] of await rowsById(tx, 'taxonomies', missing(taxonomyIds, shared.taxonomies)))
    shared.taxonomies.set(id, row);
}

const emptyShared = (): SharedRows => ({
  organizations: new Map(),
  locations: new Map(),
  terms: new Map(),
  taxonomies: new Map(),
});

/** Compiled services for these ids, in the order asked; unknown ids are left out. */
export async function compileServices(tx: TenantTx, ids: string[]): Promise<CompiledService[]> {
  const trees = await loadServiceTrees(tx, ids);
  const shared = emptyShared();
  await loadShared(tx, trees.values(), shared);
  const assembler = new Assembler(shared);
  return ids.flatMap((id) => {
    const tree = trees.get(id);
    return tree ? [assembler.service(tree)] : [];
  });
}

/** The full compiled service (HSDS GET /services/{id}), or undefined when the tenant has no such service. */
export async function compileService(tx: TenantTx, id: string): Promise<CompiledService | undefined> {
  const [service] = await compileServices(tx, [id.toLowerCase()]);
  return service;
}

/** Every service of the tenant as an HSDS 3.0 compiled service, in id order. */
export async function exportHsds(tx: TenantTx): Promise<CompiledService[]> {
  const ids = await allServiceIds(tx);
  const shared = emptyShared();
  const assembler = new Assembler(shared);
  const out: CompiledService[] = [];
  for (const part of chunks(ids, 500)) {
    const trees = await loadServiceTrees(tx, part);
    await loadShared(tx, trees.values(), shared);
    for (const id of part) out.push(assembler.service(trees.get(id)!));
  }
  return out;
}
