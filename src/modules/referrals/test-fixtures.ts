// For the tests of referrals: a tenant with the BUCH area tree and the demo directory (one offer made
// inactive), the people of the Welzijn op Recept loop, logged in, and a loneliness pathway.
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Role } from '../../platform/auth/permissions.js';
import { rows, type Database } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { buchPlaces, createPlaces } from '../areas/index.js';
import { importHsds, readDemoServices } from '../directory/index.js';
import { linkProviderToOrganization } from '../directory/curation/index.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../../../test/helpers/factories.js';

export const KUSTDORPEN = '1fe9ee3f-856e-572e-b23d-fa9212840c72'; // Stichting Welzijn Kustdorpen
export const OMZIEN = '6c39baaf-2fe1-561c-863f-ee03b28f2f05'; // Vereniging Omzien Kennemerland-Noord
export const KOFFIE_EGMOND = '7a034595-0d44-5abf-80a6-d8eca4885857'; // Koffie-inloop Egmond aan Zee
export const BEZOEK_BERGEN = '2024eb9b-af51-5290-98db-f7da6fa3c44b'; // Bezoekdienst aan huis Bergen (buddy)
export const AANSCHUIF_EGMOND = '7e35947c-5ad9-5583-9f2a-a641058e0359'; // Aanschuiftafel Egmond aan Zee
/** Made inactive in the test directory. */
export const INACTIVE_OFFER = 'fe7bba74-028b-528b-aa8d-118506e03cb2'; // Aanschuiftafel Bergen
export const THEME_LONELINESS = 'f3ad160c-9d4a-5897-97fe-be3dbd77a328';
export const KIND_WALK_IN = 'bcfd1763-f7e8-5797-b089-006d973f7970';

export const cast = {
  gp: ['referring-partner'],
  otherGp: ['referring-partner'],
  coach: ['consultant'],
  teamLead: ['team-lead'],
  provider: ['provider'],
  buddyProvider: ['provider'],
  coordinator: ['coordinator'],
  policy: ['policy-officer'],
} satisfies Record<string, Role[]>;
export type Member = keyof typeof cast;

const names: Record<Member, string> = {
  gp: 'Dr. Pieter Mulder',
  otherGp: 'Dr. Els Kramer',
  coach: 'Samira El Amrani',
  teamLead: 'Anouk Smit',
  provider: 'Petra de Wit',
  buddyProvider: 'Bert Omzien',
  coordinator: 'Fatma Yilmaz',
  policy: 'Lotte Jansen',
};

export interface World {
  tenant: Tenant;
  users: Record<Member, TestUser>;
  sessions: Record<Member, Session>;
  pathwayId: string;
}

export async function aReferralWorld(app: App, db: Database): Promise<World> {
  const tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
  await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
  const services = await readDemoServices();
  await importHsds(
    db,
    tenant.id,
    services.map((s) => (s.id === INACTIVE_OFFER ? { ...s, status: 'inactive' as const } : s)),
  );
  const members = Object.keys(cast) as Member[];
  const users = await Promise.all(members.map((m) => aUser(db, tenant, { roles: cast[m], name: names[m] })));
  const byMember = Object.fromEntries(members.map((m, i) => [m, users[i]!])) as Record<Member, TestUser>;
  await db.tenant(tenant.id, async (tx) => {
    await linkProviderToOrganization(tx, tenant.id, byMember.provider.id, KUSTDORPEN);
    await linkProviderToOrganization(tx, tenant.id, byMember.buddyProvider.id, OMZIEN);
  });
  const sessions = await Promise.all(users.map((u) => logIn(app, tenant, u)));
  const s = Object.fromEntries(members.map((m, i) => [m, sessions[i]!])) as Record<Member, Session>;
  const pathway = await call(app, s.coordinator, 'POST', '/api/v1/pathways', lonelinessPathway());
  if (pathway.statusCode !== 201) throw new Error(`pathway: ${pathway.body}`);
  return { tenant, users: byMember, sessions: s, pathwayId: pathway.json().id };
}

export function lonelinessPathway() {
  return {
    key: 'eenzaamheid',
    theme: 'eenzaamheid',
    title: 'Eenzaamheid',
    summary: 'Voor inwoners die zich alleen voelen.',
    follow_up_weeks: [6, 13],
    steps: [
      {
        level: 'regular-group',
        title: 'Koffie en ontmoeting in de buurt',
        taxonomy_term_ids: [THEME_LONELINESS, KIND_WALK_IN],
        evaluate_after_weeks: 6,
      },
      {
        level: 'individual',
        title: 'Een maatje of bezoek aan huis',
        service_ids: [BEZOEK_BERGEN],
        evaluate_after_weeks: 8,
      },
      { level: 'referral', title: 'Welzijnscoach', target: 'welfare-coach' },
    ],
  };
}

let serial = 0;
/** A resident no other test uses (the duplicate check compares name and birth date). */
export function aResident(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    given_name: 'Gerrit',
    family_name: `Duinmeijer-${serial}-${Math.random().toString(36).slice(2, 7)}`,
    birth_date: '1941-03-02',
    postcode: '1931 AB',
    phone: '06 12345678',
    ...overrides,
  };
}

export function consent(scope = 'Contact over de verwijzing en terugkoppeling aan de huisarts.') {
  return { given: true, scope };
}

export function auditOf(db: Database, tenant: Tenant, recordId: string) {
  return db.tenant(tenant.id, (tx) =>
    rows<{ action: string; actor_user_id: string | null; purpose: string; record_type: string }>(
      tx,
      sql`select action, actor_user_id, purpose, record_type from audit_log where record_id = ${recordId} order by at, id`,
    ),
  );
}
