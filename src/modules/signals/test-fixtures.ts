// For the tests of signals: a tenant with the BUCH areas, villages and the standard categories, one logged-in
// user per role that matters here, and helpers that read like the issue.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Role } from '../../platform/auth/permissions.js';
import { rows, type Database } from '../../platform/db/index.js';
import type { Tenant, TenantSettings } from '../../platform/tenancy/index.js';
import { buchPlaces, createPlaces } from '../areas/index.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../../../test/helpers/factories.js';
import { addStandardCategories } from './service.js';

export const cast = {
  nurse: ['referring-partner'],
  police: ['referring-partner'],
  consultant: ['consultant'],
  coach: ['consultant'],
  teamLead: ['team-lead'],
  coordinator: ['coordinator'],
  policy: ['policy-officer'],
  volunteer: ['volunteer'],
  resident: ['resident'],
  admin: ['administrator'],
} satisfies Record<string, Role[]>;
export type Member = keyof typeof cast;

const names: Record<Member, string> = {
  nurse: 'Wijkverpleegkundige Els',
  police: 'Wijkagent Bram',
  consultant: 'Samira Consulent',
  coach: 'Wijkcoach Joost',
  teamLead: 'Anouk Teamleider',
  coordinator: 'Fatma Coördinator',
  policy: 'Lotte Beleid',
  volunteer: 'Kees Vrijwilliger',
  resident: 'Ria Inwoner',
  admin: 'Mark Beheer',
};

export interface Team {
  tenant: Tenant;
  users: Record<Member, TestUser>;
  sessions: Record<Member, Session>;
}

export async function aTeam(app: App, db: Database, settings: Record<string, unknown> = {}): Promise<Team> {
  const tenant = await aTenant(db, {
    withAreas: true,
    settings: { requireTwoFactorForRoles: [], ...settings } as Partial<TenantSettings>,
  });
  await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
  await db.tenant(tenant.id, (tx) => addStandardCategories(tx, tenant.id));
  const members = Object.keys(cast) as Member[];
  const users = await Promise.all(members.map((m) => aUser(db, tenant, { roles: cast[m], name: names[m] })));
  const sessions = await Promise.all(users.map((u) => logIn(app, tenant, u)));
  return {
    tenant,
    users: Object.fromEntries(members.map((m, i) => [m, users[i]!])) as Record<Member, TestUser>,
    sessions: Object.fromEntries(members.map((m, i) => [m, sessions[i]!])) as Record<Member, Session>,
  };
}

export interface Reported {
  id: string;
  triage_before: string;
  status_code: string | null;
  duplicate_of: string | null;
}

/** A report as a logged-in partner (session) or through the public API (no session) of the tenant. */
export async function report(app: App, tenant: Tenant, session: Session | undefined, body: object) {
  const res = await call(app, session, 'POST', `/api/v1/signals?tenant=${tenant.slug}`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<Reported>();
}

export interface AuditDbRow {
  actor_user_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  purpose: string;
  ip: string | null;
  request_id: string | null;
}

export function auditOf(db: Database, tenant: Tenant, where = sql`true`): Promise<AuditDbRow[]> {
  return db.system((tx) =>
    rows<AuditDbRow>(
      tx,
      sql`select actor_user_id, action, record_type, record_id, purpose, ip::text as ip, request_id
          from audit_log where tenant_id = ${tenant.id} and ${where} order by id`,
    ),
  );
}
