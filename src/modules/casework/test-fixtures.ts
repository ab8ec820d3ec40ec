// For the tests of casework: a tenant with the BUCH area tree where the social team's roles count without
// two-factor login, one user per role that matters here, logged in, and helpers that read like the spec.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Role } from '../../platform/auth/permissions.js';
import { rows, type Database } from '../../platform/db/index.js';
import type { Scheduler } from '../../platform/jobs/index.js';
import type { Tenant, TenantSettings } from '../../platform/tenancy/index.js';
import { AFTERCARE_SCAN, DEADLINE_SCAN, RETENTION_SCAN } from './jobs.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../../../test/helpers/factories.js';

export const cast = {
  lead: ['consultant'],
  colleague: ['consultant'],
  expert: ['expert-consultant'],
  teamLead: ['team-lead'],
  volunteer: ['volunteer'],
  provider: ['provider'],
  policy: ['policy-officer'],
  partner: ['referring-partner'],
  resident: ['resident'],
  coordinator: ['coordinator'],
  admin: ['administrator'],
} satisfies Record<string, Role[]>;
export type Member = keyof typeof cast;

export interface Team {
  tenant: Tenant;
  users: Record<Member, TestUser>;
  sessions: Record<Member, Session>;
}

const names: Record<Member, string> = {
  lead: 'Samira Consulent',
  colleague: 'Daan Collega',
  expert: 'Jeroen Expert',
  teamLead: 'Anouk Teamleider',
  volunteer: 'Kees Vrijwilliger',
  provider: 'Stichting Aanbieder',
  policy: 'Lotte Beleid',
  partner: 'Dr. Mulder',
  resident: 'Ria Inwoner',
  coordinator: 'Fatma Coördinator',
  admin: 'Mark Beheer',
};

export async function aTeam(app: App, db: Database, settings: Partial<TenantSettings> = {}): Promise<Team> {
  const tenant = await aTenant(db, {
    withAreas: true,
    settings: { requireTwoFactorForRoles: [], ...settings },
  });
  const members = Object.keys(cast) as Member[];
  const users = await Promise.all(members.map((m) => aUser(db, tenant, { roles: cast[m], name: names[m] })));
  const sessions = await Promise.all(users.map((u) => logIn(app, tenant, u)));
  return {
    tenant,
    users: Object.fromEntries(members.map((m, i) => [m, users[i]!])) as Record<Member, TestUser>,
    sessions: Object.fromEntries(members.map((m, i) => [m, sessions[i]!])) as Record<Member, Session>,
  };
}

let houseNumber = 1;
/** A household in Egmond (1931) at an address no other test uses, with members that are unique too. */
export function aHouseholdBody(overrides: Record<string, unknown> = {}) {
  const n = houseNumber++;
  return {
    members: [
      {
        given_name: 'Maryam',
        family_name: `Bakkali-${n}`,
        birth_date: '1984-05-12',
        relation: 'main-resident',
      },
      { given_name: 'Tarik', family_name: `Bakkali-${n}`, birth_date: '1982-11-03', relation: 'partner' },
    ],
    address: { postcode: '1931 AB', house_number: n, street: 'Voorstraat', city: 'Egmond aan Zee' },
    ...overrides,
  };
}

/** Registers a household as this session's user (who becomes case lead); returns the created file. */
export async function registerHousehold(app: App, session: Session, body: object = aHouseholdBody()) {
  const res = await call(app, session, 'POST', '/api/v1/households', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string; case: { id: string }; members: { id: string }[] }>();
}

export async function aSupportRequest(app: App, session: Session, householdId: string, extra: object = {}) {
  const res = await call(app, session, 'POST', '/api/v1/support-requests', {
    household_id: householdId,
    channel: 'walk-in',
    question: 'Mijn zoon met ADD krijgt zijn huiswerk niet af.',
    life_domains: ['domestic-relations', 'work-education'],
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string; received_at: string; respond_before: string; case_id: string }>();
}

export interface AuditDbRow {
  actor_user_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  purpose: string;
  subject_user_id: string | null;
}

/** The tenant's audit entries (as the database holds them), oldest first. */
export function auditOf(db: Database, tenant: Tenant, where = sql`true`): Promise<AuditDbRow[]> {
  return db.system((tx) =>
    rows<AuditDbRow>(
      tx,
      sql`select actor_user_id, action, record_type, record_id, purpose, subject_user_id
          from audit_log where tenant_id = ${tenant.id} and ${where} order by id`,
    ),
  );
}

/** How many rows of a casework table the tenant has: "nothing half-saved" checks. */
export async function countRows(db: Database, tenant: Tenant, table: string): Promise<number> {
  const [r] = await db.system((tx) =>
    rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenant.id}`,
    ),
  );
  return Number(r?.n ?? 0);
}

export const caseworkTables = [
  'households',
  'persons',
  'household_members',
  'cases',
  'case_co_workers',
  'support_requests',
  'assessments',
  'assessment_scores',
  'plan_goals',
  'plan_actions',
  'escalations',
  'case_closures',
  'aftercare_check_ins',
  'consents',
] as const;

export async function countAll(db: Database, tenant: Tenant): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of caseworkTables) counts[t] = await countRows(db, tenant, t);
  counts.audit_log = await countRows(db, tenant, 'audit_log');
  return counts;
}

/** Cancels the pending runs of casework's scans, so a test's scheduler leaves no jobs in the shared database. */
export async function stopCaseworkScans(db: Database, scheduler: Scheduler): Promise<void> {
  await db.system(async (tx) => {
    for (const kind of [DEADLINE_SCAN, AFTERCARE_SCAN, RETENTION_SCAN])
      await scheduler.cancel(tx, kind, kind);
  });
}
