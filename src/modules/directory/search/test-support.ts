// For search tests: one tenant with the BUCH areas, places and the demo corpus, indexed, shared by the search
// test files (importing the corpus costs about a second).
import { buchPlaces, createPlaces } from '../../areas/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { aTenant } from '../../../../test/helpers/factories.js';
import { readDemoServices } from '../demo.js';
import { importHsds } from '../hsds-import.js';
import type { CompiledService } from '../schemas.js';
import { refreshSearchIndex } from './index.js';

export interface CorpusTenant {
  tenant: Tenant;
  corpus: CompiledService[];
}

let shared: Promise<CorpusTenant> | undefined;

/** A tenant with areas, places and only the given services (or none), indexed. */
export async function searchTenant(db: Database, services: CompiledService[] = []): Promise<Tenant> {
  const tenant = await aTenant(db, { withAreas: true });
  await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
  if (services.length) await importHsds(db, tenant.id, services);
  await db.tenant(tenant.id, (tx) => refreshSearchIndex(tx));
  return tenant;
}

export function corpusTenant(db: Database): Promise<CorpusTenant> {
  shared ??= (async () => {
    const corpus = await readDemoServices();
    return { tenant: await searchTenant(db, corpus), corpus };
  })();
  return shared;
}

/** The services of the corpus whose name, without the village, starts with this. */
export function offers(corpus: CompiledService[], name: string): CompiledService[] {
  return corpus.filter((s) => s.name.startsWith(name));
}

/** The code of each of the service's terms in a taxonomy. */
export function codes(service: CompiledService, taxonomy: string): string[] {
  return (service.attributes ?? []).flatMap((a) =>
    a.taxonomy_term?.taxonomy === taxonomy && a.taxonomy_term.code ? [a.taxonomy_term.code] : [],
  );
}
