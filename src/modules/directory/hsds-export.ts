// Export: the tenant's directory as HSDS 3.0 compiled services, the same data an import of that file writes.
// Services come in id order; nested arrays in the order they were imported. Null values and empty arrays are
// left out, and links the imported file had left out (a phone's service_id inside its service) stay out.
import type { TenantTx } from '../../platform/db/index.js';
import { Assembler, type SharedRows } from './hsds-rows.js';
import { allServiceIds, chunks, loadCompileRows } from './queries.js';
import type { CompiledService } from './schemas.js';

const emptyShared = (): SharedRows => ({
  organizations: new Map(),
  locations: new Map(),
  terms: new Map(),
  taxonomies: new Map(),
});

/** Compiled services for these ids, in the order asked; unknown ids are left out. */
export async function compileServices(tx: TenantTx, ids: string[]): Promise<CompiledService[]> {
  const shared = emptyShared();
  const trees = await loadCompileRows(tx, ids, shared);
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
    const trees = await loadCompileRows(tx, part, shared);
    for (const id of part) out.push(assembler.service(trees.get(id)!));
  }
  return out;
}
