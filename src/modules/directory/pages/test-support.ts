// For tests of the pages: make an imported demo corpus searchable as in the demo — the BUCH villages in the
// gazetteer (unless the tenant has places already) and a fresh search index.
import type { Database } from '../../../platform/db/index.js';
import { buchPlaces, createPlaces, listPlaces } from '../../areas/index.js';
import { refreshSearchIndex } from '../search/index.js';

export async function prepareSearch(db: Database, tenantId: string): Promise<void> {
  const known = await db.tenant(tenantId, (tx) => listPlaces(tx));
  if (known.length === 0) await db.system((tx) => createPlaces(tx, tenantId, buchPlaces));
  await db.tenant(tenantId, (tx) => refreshSearchIndex(tx));
}
