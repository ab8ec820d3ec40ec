// For the tests of this folder: a tenant with the demo corpus, a provider linked to Stichting Welzijn
// Kustdorpen, a provider of nothing, a coordinator and a resident.
import { and, eq } from 'drizzle-orm';
import type { App } from '../../../app.js';
import type { Database } from '../../../platform/db/index.js';
import { mailOutbox } from '../../../platform/mail/tables.js';
import type { NewTenant, Tenant } from '../../../platform/tenancy/index.js';
import { aTenant, aUser, logIn, type Session, type TestUser } from '../../../../test/helpers/factories.js';
import { readDemoServices } from '../demo.js';
import { importHsds } from '../hsds-import.js';
import type { CompiledService } from '../schemas.js';
import { DEMO_PROVIDER_ORGANIZATION_ID } from './index.js';
import { linkProviderToOrganization } from './service.js';

/** Stichting Welzijn Kustdorpen: 29 offers. */
export const ORG = DEMO_PROVIDER_ORGANIZATION_ID;
/** Koffie-inloop Schoorl (Welzijn Kustdorpen): every Thursday 10:00–11:30. */
export const OWN_OFFER = '0e6b900c-08de-568b-81bf-043543531db5';
/** Digi-spreekuur Egmond aan Zee, of Bibliotheek De Duinrand (info@bibliotheekdeduinrand.nl). */
export const OTHER_OFFER = '00dc245e-3a5a-57f8-95c5-221e7a223869';
export const OTHER_ORG_EMAIL = 'info@bibliotheekdeduinrand.nl';

export interface World {
  tenant: Tenant;
  corpus: CompiledService[];
  provider: TestUser;
  stranger: TestUser;
  coordinator: TestUser;
  administrator: TestUser;
  resident: TestUser;
}

export async function curationWorld(
  db: Database,
  opts: { corpus?: CompiledService[]; tenant?: Partial<NewTenant> } = {},
): Promise<World> {
  const tenant = await aTenant(db, opts.tenant);
  const corpus = opts.corpus ?? (await readDemoServices());
  await importHsds(db, tenant.id, corpus);
  const [provider, stranger, coordinator, administrator, resident] = await Promise.all([
    aUser(db, tenant, { roles: ['provider'], name: 'Petra Aanbieder' }),
    aUser(db, tenant, { roles: ['provider'], name: 'Sander Vreemd' }),
    aUser(db, tenant, { roles: ['coordinator'], name: 'Fatma Coördinator' }),
    aUser(db, tenant, { roles: ['administrator'], name: 'Mark Beheer' }),
    aUser(db, tenant, { roles: ['resident'], name: 'Ria Inwoner' }),
  ]);
  await db.tenant(tenant.id, (tx) => linkProviderToOrganization(tx, tenant.id, provider!.id, ORG));
  return {
    tenant,
    corpus,
    provider: provider!,
    stranger: stranger!,
    coordinator: coordinator!,
    administrator: administrator!,
    resident: resident!,
  };
}

export async function sessions(app: App, w: World) {
  const [provider, stranger, coordinator, administrator, resident] = await Promise.all(
    [w.provider, w.stranger, w.coordinator, w.administrator, w.resident].map((u) => logIn(app, w.tenant, u)),
  );
  return { provider, stranger, coordinator, administrator, resident } as Record<
    'provider' | 'stranger' | 'coordinator' | 'administrator' | 'resident',
    Session
  >;
}

/** The tenant's outbox for one address, oldest first. */
export function mailsTo(db: Database, tenant: Tenant, to: string) {
  return db.drizzle
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenant.id), eq(mailOutbox.toAddress, to)))
    .orderBy(mailOutbox.createdAt);
}
