// For the tests of volunteering: a tenant with the BUCH areas and villages, one logged-in user per role that
// matters here (the volunteer's account linked to a volunteer), and helpers that read like the spec.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Role } from '../../platform/auth/permissions.js';
import { rows, type Database } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../../../test/helpers/factories.js';
import { buchPlaces, createPlaces } from '../areas/index.js';

const cast = {
  coordinator: ['coordinator'],
  resident: ['resident'],
  consultant: ['consultant'],
  volunteer: ['volunteer'],
  otherVolunteer: ['volunteer'],
  policy: ['policy-officer'],
  provider: ['provider'],
} satisfies Record<string, Role[]>;
export type Member = keyof typeof cast;

export interface Team {
  tenant: Tenant;
  users: Record<Member, TestUser>;
  sessions: Record<Member, Session>;
}

export async function aTeam(app: App, db: Database): Promise<Team> {
  const tenant = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
  await db.system((tx) => createPlaces(tx, tenant.id, buchPlaces));
  const users = {} as Record<Member, TestUser>;
  const sessions = {} as Record<Member, Session>;
  for (const [member, roles] of Object.entries(cast) as [Member, Role[]][]) {
    users[member] = await aUser(db, tenant, { roles, name: `Test ${member}` });
    sessions[member] = await logIn(app, tenant, users[member]);
  }
  return { tenant, users, sessions };
}

/** A date relative to today, YYYY-MM-DD. */
export const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const yearsAgo = (years: number, days = 0) => {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};
/** The ISO weekday (1 = Monday) of a date. */
export const weekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

export async function aVolunteer(app: App, team: Team, body: Record<string, unknown>) {
  const res = await call(app, team.sessions.coordinator, 'POST', '/api/v1/volunteers', {
    birth_date: '1970-05-01',
    categories: ['executing'],
    availability: [
      { day: 6, from: '09:00', to: '17:00' },
      { day: 7, from: '09:00', to: '17:00' },
    ],
    max_distance_km: 10,
    capacity_at_once: 2,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string; name: string; load: number }>();
}

export async function aRequest(app: App, session: Session, body: Record<string, unknown>) {
  const res = await call(app, session, 'POST', '/api/v1/help-requests', {
    description: 'Hulp gevraagd',
    display_name: 'T.',
    when: [{ day: 6, from: '10:00', to: '16:00' }],
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string; kind: string; address: string | null }>();
}

export async function auditOf(db: Database, tenant: Tenant, where: ReturnType<typeof sql>) {
  return db.tenant(tenant.id, (tx) =>
    rows<{ action: string; record_type: string; record_id: string; actor_user_id: string | null }>(
      tx,
      sql`select action, record_type, record_id, actor_user_id from audit_log where ${where} order by at`,
    ),
  );
}
