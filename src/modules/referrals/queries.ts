// All SQL of referrals. Every function takes the tenant transaction: row-level security keeps it to one tenant,
// so no query filters on tenant_id for safety (inserts name it, because the policy checks it).
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { userRoles, users } from '../../platform/auth/tables.js';
import { rows, type TenantTx } from '../../platform/db/index.js';
import { referralEvents, referralPathways, referrals, type ReferralStatus } from './tables.js';

export type PathwayRow = typeof referralPathways.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type EventRow = typeof referralEvents.$inferSelect;

export interface UserRef {
  id: string;
  name: string;
  email: string;
}

// ---- pathways ----

/** The current (highest) version of every pathway, by title. */
export function currentPathways(tx: TenantTx): Promise<PathwayRow[]> {
  return tx
    .select()
    .from(referralPathways)
    .where(
      sql`${referralPathways.version} = (select max(p.version) from referral_pathways p where p.key = ${referralPathways.key})`,
    )
    .orderBy(asc(referralPathways.title));
}

export async function pathwayById(tx: TenantTx, id: string): Promise<PathwayRow | undefined> {
  const [row] = await tx.select().from(referralPathways).where(eq(referralPathways.id, id));
  return row;
}

export async function latestVersion(tx: TenantTx, key: string): Promise<number> {
  const [row] = await rows<{ v: number | null }>(
    tx,
    sql`select max(version)::int as v from referral_pathways where key = ${key}`,
  );
  return row?.v ?? 0;
}

export async function insertPathway(
  tx: TenantTx,
  values: typeof referralPathways.$inferInsert,
): Promise<PathwayRow> {
  const [row] = await tx.insert(referralPathways).values(values).returning();
  return row!;
}

// ---- referrals ----

export async function insertReferral(
  tx: TenantTx,
  values: typeof referrals.$inferInsert,
): Promise<ReferralRow> {
  const [row] = await tx.insert(referrals).values(values).returning();
  return row!;
}

export async function referralById(tx: TenantTx, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

export async function updateReferral(
  tx: TenantTx,
  id: string,
  values: Partial<typeof referrals.$inferInsert>,
): Promise<ReferralRow> {
  const [row] = await tx.update(referrals).set(values).where(eq(referrals.id, id)).returning();
  return row!;
}

export function childrenOf(tx: TenantTx, parentId: string): Promise<ReferralRow[]> {
  return tx
    .select()
    .from(referrals)
    .where(eq(referrals.parentId, parentId))
    .orderBy(asc(referrals.createdAt));
}

/** A referral of the same resident to the same target since `since` that is not closed without result. */
export async function recentDuplicate(
  tx: TenantTx,
  residentKey: string,
  target: { serviceId: string | null; kind: string },
  since: Date,
): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.residentKey, residentKey),
        eq(referrals.targetKind, target.kind as ReferralRow['targetKind']),
        target.serviceId ? eq(referrals.serviceId, target.serviceId) : isNull(referrals.serviceId),
        gte(referrals.createdAt, since),
        sql`${referrals.status} not in ('withdrawn', 'declined', 'referred-elsewhere')`,
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(1);
  return row;
}

export function sentBy(tx: TenantTx, userId: string): Promise<ReferralRow[]> {
  return tx
    .select()
    .from(referrals)
    .where(eq(referrals.referrerId, userId))
    .orderBy(desc(referrals.createdAt))
    .limit(500);
}

/** The inbox: referrals to the team's welfare coaches and social team, and/or to these organisations. */
export function receivedBy(
  tx: TenantTx,
  who: { team: boolean; organizationIds: string[] },
): Promise<ReferralRow[]> {
  const conditions = [];
  if (who.team) conditions.push(sql`${referrals.targetKind} in ('welfare-coach', 'social-team')`);
  if (who.organizationIds.length)
    conditions.push(
      and(eq(referrals.targetKind, 'service'), inArray(referrals.organizationId, who.organizationIds)),
    );
  if (!conditions.length) return Promise.resolve([]);
  return tx
    .select()
    .from(referrals)
    .where(sql.join(conditions, sql` or `))
    .orderBy(sql`${referrals.closedAt} is not null`, asc(referrals.respondBefore))
    .limit(500);
}

export async function insertEvent(tx: TenantTx, values: typeof referralEvents.$inferInsert): Promise<void> {
  await tx.insert(referralEvents).values(values);
}

export function eventsOf(tx: TenantTx, referralId: string): Promise<EventRow[]> {
  return (
    tx
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referralId))
      // Steps recorded in one moment (an intake is contact and start) keep the order of the status machine.
      .orderBy(
        asc(referralEvents.at),
        sql`array_position(array['sent','received','contacted','started']::text[], ${referralEvents.status}) nulls last`,
      )
  );
}

/** Referrals still waiting for first contact after their deadline, not yet escalated: marks them. */
export function markOverdue(tx: TenantTx, now: Date): Promise<ReferralRow[]> {
  return tx
    .update(referrals)
    .set({ overdueAt: now })
    .where(
      and(
        isNull(referrals.firstContactAt),
        isNull(referrals.closedAt),
        isNull(referrals.overdueAt),
        lte(referrals.respondBefore, now),
      ),
    )
    .returning();
}

/** Welzijn op Recept referrals whose report back to the referrer is due: marks them reported. */
export function markReportsDue(tx: TenantTx, now: Date): Promise<ReferralRow[]> {
  return tx
    .update(referrals)
    .set({ reportedAt: now })
    .where(and(isNull(referrals.reportedAt), lte(referrals.reportDueAt, now)))
    .returning();
}

/** Started referrals whose step's evaluation moment came: marks them asked. */
export function markEvaluationsDue(tx: TenantTx, now: Date): Promise<ReferralRow[]> {
  return tx
    .update(referrals)
    .set({ evaluationSentAt: now })
    .where(
      and(isNull(referrals.evaluationSentAt), isNull(referrals.closedAt), lte(referrals.evaluateAt, now)),
    )
    .returning();
}

/** Completed referrals whose next follow-up call is due. */
export function followUpsDue(tx: TenantTx, now: Date): Promise<ReferralRow[]> {
  return tx.select().from(referrals).where(lte(referrals.followUpAt, now));
}

// ---- users ----

export async function userRefs(
  tx: TenantTx,
  ids: (string | null | undefined)[],
): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const found = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(found.map((u) => [u.id, u]));
}

export function activeUsersWithRole(tx: TenantTx, role: string): Promise<UserRef[]> {
  return tx
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, role), eq(users.disabled, false)))
    .orderBy(asc(users.email));
}

// ---- figures ----

export interface FigureRow {
  id: string;
  pathway_key: string | null;
  pathway_title: string | null;
  service_id: string | null;
  service_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  target_kind: string;
  area_id: string | null;
  status: ReferralStatus;
  created_at: string;
  first_contact_hours: number | null;
  started: boolean;
  completed: boolean;
  no_show: boolean;
  declined: boolean;
  decline_reason: string | null;
}

/**
 * One row per referral made in the period, with what happened to it (from the status history, so a referral
 * that started and later completed counts for both). No personal data leaves this query.
 */
export function figureRows(tx: TenantTx, from: Date, to: Date): Promise<FigureRow[]> {
  return rows<FigureRow>(
    tx,
    sql`select r.id, p.key as pathway_key, p.title as pathway_title, r.service_id, r.service_name,
               r.organization_id, r.organization_name, r.target_kind, r.area_id, r.status,
               to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
               (extract(epoch from (r.first_contact_at - r.created_at)) / 3600)::float8 as first_contact_hours,
               exists (select 1 from referral_events e where e.referral_id = r.id and e.status = 'started') as started,
               exists (select 1 from referral_events e where e.referral_id = r.id and e.status = 'completed') as completed,
               exists (select 1 from referral_events e where e.referral_id = r.id and e.status = 'no-show') as no_show,
               exists (select 1 from referral_events e where e.referral_id = r.id and e.status = 'declined') as declined,
               (select e.reason_code from referral_events e
                 where e.referral_id = r.id and e.status = 'declined' order by e.at desc limit 1) as decline_reason
        from referrals r
        left join referral_pathways p on p.tenant_id = r.tenant_id and p.id = r.pathway_id
        where r.created_at >= ${from.toISOString()}::timestamptz and r.created_at < ${to.toISOString()}::timestamptz
        order by r.created_at`,
  );
}

export async function userIdByEmail(tx: TenantTx, email: string): Promise<string | undefined> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id;
}
