// Demo data for a fresh install: the BUCH tenant with its municipalities and cores, and one account per role.
// Loaded by `npm start` when WIJKKRACHT_DEMO is on (never in production).
import { buchPlaces, createAreaTree, createPlaces, type AreaSeed } from '../../modules/areas/index.js';
import { loadCaseworkDemo } from '../../modules/casework/index.js';
import { loadDirectoryDemo } from '../../modules/directory/index.js';
import { loadReferralsDemo } from '../../modules/referrals/index.js';
import { loadSignalsDemo } from '../../modules/signals/index.js';
import { loadVolunteeringDemo } from '../../modules/volunteering/index.js';
import {
  DEMO_PROVIDER_ORGANIZATION_ID,
  linkProviderToOrganization,
} from '../../modules/directory/curation/index.js';
import type { Config } from '../../config.js';
import { createUser } from '../auth/service.js';
import type { Role } from '../auth/permissions.js';
import type { Database } from '../db/index.js';
import { createTenant, tenantBySlug } from '../tenancy/index.js';

export const DEMO_PASSWORD = 'wijkkracht-demo';

/** BUCH: real CBS municipality codes; cores with their four-digit postcode areas. */
export const buchAreas: AreaSeed[] = [
  {
    kind: 'municipality',
    name: 'Bergen',
    code: 'GM0373',
    children: [
      { kind: 'core', name: 'Bergen', postcodes: ['1861', '1862', '1865'] },
      { kind: 'core', name: 'Egmond', postcodes: ['1931', '1934', '1935'] },
      { kind: 'core', name: 'Schoorl', postcodes: ['1871', '1872', '1873'] },
    ],
  },
  {
    kind: 'municipality',
    name: 'Castricum',
    code: 'GM0383',
    children: [
      { kind: 'core', name: 'Castricum', postcodes: ['1901', '1902', '1903'] },
      { kind: 'core', name: 'Limmen', postcodes: ['1906'] },
      // Akersloot and De Woude share postcode area 1921; addresses there are placed in Akersloot.
      { kind: 'core', name: 'Akersloot', postcodes: ['1921'] },
      { kind: 'core', name: 'De Woude', postcodes: [] },
    ],
  },
  {
    kind: 'municipality',
    name: 'Uitgeest',
    code: 'GM0450',
    children: [{ kind: 'core', name: 'Uitgeest', postcodes: ['1911'] }],
  },
  {
    kind: 'municipality',
    name: 'Heiloo',
    code: 'GM0399',
    children: [{ kind: 'core', name: 'Heiloo', postcodes: ['1851', '1852'] }],
  },
];

export const demoAccounts: { email: string; name: string; roles: Role[] }[] = [
  { email: 'inwoner@buch.demo', name: 'Ria de Vries', roles: ['resident'] },
  { email: 'vrijwilliger@buch.demo', name: 'Kees Bakker', roles: ['volunteer'] },
  { email: 'consulent@buch.demo', name: 'Samira El Amrani', roles: ['consultant'] },
  { email: 'expert@buch.demo', name: 'Jeroen Visser', roles: ['expert-consultant'] },
  { email: 'teamleider@buch.demo', name: 'Anouk Smit', roles: ['team-lead', 'consultant'] },
  { email: 'coordinator@buch.demo', name: 'Fatma Yilmaz', roles: ['coordinator'] },
  { email: 'huisarts@buch.demo', name: 'Dr. Pieter Mulder', roles: ['referring-partner'] },
  { email: 'aanbieder@buch.demo', name: 'Stichting Welzijn Kustdorpen (demo)', roles: ['provider'] },
  { email: 'beleid@buch.demo', name: 'Lotte Jansen', roles: ['policy-officer'] },
  { email: 'beheer@buch.demo', name: 'Mark de Boer', roles: ['administrator'] },
];

/**
 * Loads the demo once: a database that already has the tenant is left alone. The modules seal with the app's
 * own key, so the running server can read what the demo wrote.
 */
export async function loadDemo(
  db: Database,
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): Promise<{ loaded: boolean }> {
  if (await tenantBySlug(db, 'buch')) return { loaded: false };
  let providerId = '';
  const tenant = await db.system(async (tx) => {
    const t = await createTenant(tx, {
      slug: 'buch',
      name: 'BUCH (Bergen, Uitgeest, Castricum, Heiloo)',
      theme: { primaryColor: '#00577a', primaryTextColor: '#ffffff' },
    });
    await createAreaTree(tx, t.id, buchAreas);
    await createPlaces(tx, t.id, buchPlaces);
    for (const a of demoAccounts) {
      const user = await createUser(tx, t.id, { ...a, password: DEMO_PASSWORD });
      if (a.roles.includes('provider')) providerId = user.id;
    }
    return t;
  });
  // Its own tenant transaction, so after the tenant row is committed.
  await loadDirectoryDemo(db, tenant.id);
  await db.system((tx) =>
    linkProviderToOrganization(tx, tenant.id, providerId, DEMO_PROVIDER_ORGANIZATION_ID),
  );
  // Each module loads its own demo through its public surface; later ones may use earlier ones' data.
  await loadCaseworkDemo(db, tenant.id, config.secretKey);
  await loadReferralsDemo(db, tenant.id, config);
  await loadSignalsDemo(db, tenant.id, config);
  await loadVolunteeringDemo(db, tenant.id, config);
  return { loaded: true };
}
