// All SQL of casework. Every function takes the tenant transaction: row-level security keeps it to one tenant,
// so no query here filters on tenant_id for safety (inserts name it, because the policy checks it).
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { userRoles, users } from '../../platform/auth/tables.js';
import type { TenantTx } from '../../platform/db/index.js';
import {
  assessmentScores,
  assessments,
  caseCoWorkers,
  cases,
  householdMembers,
  households,
  persons,
  supportRequests,
} from './tables.js';

export type HouseholdRow = typeof households.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type MemberRow = typeof householdMembers.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type CoWorkerRow = typeof caseCoWorkers.$inferSelect;
export type SupportRequestRow = typeof supportRequests.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type ScoreRow = typeof assessmentScores.$inferSelect;

export interface UserRef {
  id: string;
  name: string;
  email: string;
}

// ---- households and persons ----

export async function insertHousehold(
  tx: TenantTx,
  values: typeof households.$inferInsert,
): Promise<HouseholdRow> {
  const [row] = await tx.insert(households).values(values).returning();
  return row!;
}

export async function insertPerson(tx: TenantTx, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [row] = await tx.insert(persons).values(values).returning();
  return row!;
}

export async function insertMember(
  tx: TenantTx,
  values: typeof householdMembers.$inferInsert,
): Promise<void> {
  await tx.insert(householdMembers).values(values);
}

export async function householdById(tx: TenantTx, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx.select().from(households).where(eq(households.id, id));
  return row;
}

/** The people living in the household now, in the order they were given. */
export async function currentMembers(
  tx: TenantTx,
  householdId: string,
): Promise<{ member: MemberRow; person: PersonRow }[]> {
  return tx
    .select({ member: householdMembers, person: persons })
    .from(householdMembers)
    .innerJoin(
      persons,
      and(eq(persons.tenantId, householdMembers.tenantId), eq(persons.id, householdMembers.personId)),
    )
    .where(and(eq(householdMembers.householdId, householdId), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.position), asc(householdMembers.joinedAt));
}

/** Family names of the current members of each household: a label for those who work on it. */
export async function familyNames(tx: TenantTx, householdIds: string[]): Promise<Map<string, string[]>> {
  if (!householdIds.length) return new Map();
  const rows = await tx
    .select({ householdId: householdMembers.householdId, familyName: persons.familyName })
    .from(householdMembers)
    .innerJoin(
      persons,
      and(eq(persons.tenantId, householdMembers.tenantId), eq(persons.id, householdMembers.personId)),
    )
    .where(and(inArray(householdMembers.householdId, householdIds), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.position));
  const names = new Map<string, string[]>();
  for (const r of rows) {
    const list = names.get(r.householdId) ?? [];
    if (!list.includes(r.familyName)) list.push(r.familyName);
    names.set(r.householdId, list);
  }
  return names;
}

export interface PersonMatch {
  householdId: string;
  nameKey: string;
  birthDate: string;
  bsnLookup: string | null;
}

/** Current members with the same name and birth date, or the same BSN, as one of the given people. */
export async function personMatches(
  tx: TenantTx,
  people: { nameKey: string; birthDate: string }[],
  bsnLookups: string[],
): Promise<PersonMatch[]> {
  const conditions: SQL[] = people.map((p) =>
    and(eq(persons.nameKey, p.nameKey), eq(persons.birthDate, p.birthDate))!,
  );
  if (bsnLookups.length) conditions.push(inArray(persons.bsnLookup, bsnLookups));
  if (!conditions.length) return [];
  return tx
    .select({
      householdId: householdMembers.householdId,
      nameKey: persons.nameKey,
      birthDate: persons.birthDate,
      bsnLookup: persons.bsnLookup,
    })
    .from(persons)
    .innerJoin(
      householdMembers,
      and(eq(householdMembers.tenantId, persons.tenantId), eq(householdMembers.personId, persons.id)),
    )
    .where(and(isNull(householdMembers.leftAt), or(...conditions)))
    .limit(50);
}

/** Households at exactly this address. */
export async function addressMatches(
  tx: TenantTx,
  address: { postcode: string; houseNumber: number; houseNumberAddition: string },
): Promise<string[]> {
  const rows = await tx
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.postcode, address.postcode),
        eq(households.houseNumber, address.houseNumber),
        // Stored and compared upper case ("12a" is "12 A"), so the address index serves this.
        eq(households.houseNumberAddition, address.houseNumberAddition),
      ),
    )
    .limit(20);
  return rows.map((r) => r.id);
}

// ---- cases and access ----

export async function insertCase(tx: TenantTx, values: typeof cases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(cases).values(values).returning();
  return row!;
}

export async function openCaseOf(tx: TenantTx, householdId: string): Promise<CaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.householdId, householdId), eq(cases.status, 'open')));
  return row;
}

/** The open case of each household, with its case lead: whom to contact. */
export async function openCasesOf(
  tx: TenantTx,
  householdIds: string[],
): Promise<Map<string, { caseRow: CaseRow; lead: UserRef }>> {
  if (!householdIds.length) return new Map();
  const rows = await tx
    .select({ caseRow: cases, lead: { id: users.id, name: users.name, email: users.email } })
    .from(cases)
    .innerJoin(users, eq(users.id, cases.caseLeadId))
    .where(and(inArray(cases.householdId, householdIds), eq(cases.status, 'open')));
  return new Map(rows.map((r) => [r.caseRow.householdId, r]));
}

export async function activeCoWorkers(tx: TenantTx, caseIds: string[]): Promise<CoWorkerRow[]> {
  if (!caseIds.length) return [];
  return tx
    .select()
    .from(caseCoWorkers)
    .where(and(inArray(caseCoWorkers.caseId, caseIds), isNull(caseCoWorkers.revokedAt)))
    .orderBy(asc(caseCoWorkers.grantedAt));
}

export async function insertCoWorker(
  tx: TenantTx,
  values: typeof caseCoWorkers.$inferInsert,
): Promise<CoWorkerRow> {
  const [row] = await tx.insert(caseCoWorkers).values(values).returning();
  return row!;
}

export async function revokeCoWorker(
  tx: TenantTx,
  caseId: string,
  userId: string,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(caseCoWorkers)
    .set({ revokedAt: now, revokedBy: by })
    .where(
      and(
        eq(caseCoWorkers.caseId, caseId),
        eq(caseCoWorkers.userId, userId),
        isNull(caseCoWorkers.revokedAt),
      ),
    )
    .returning({ id: caseCoWorkers.id });
  return rows.length > 0;
}

/** Users of this tenant by id (row-level security hides other tenants' users). */
export async function userRefs(
  tx: TenantTx,
  ids: (string | null | undefined)[],
): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function userWithRoles(
  tx: TenantTx,
  userId: string,
): Promise<(UserRef & { disabled: boolean; roles: string[] }) | undefined> {
  const [user] = await tx
    .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return undefined;
  const roles = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return { ...user, roles: roles.map((r) => r.role) };
}

/** Active users with one of these roles: who gets the deadline e-mails. */
export async function activeUsersWithRole(tx: TenantTx, role: string): Promise<UserRef[]> {
  return tx
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, role), eq(users.disabled, false)))
    .orderBy(asc(users.email));
}

// ---- support requests ----

export async function insertSupportRequest(
  tx: TenantTx,
  values: typeof supportRequests.$inferInsert,
): Promise<SupportRequestRow> {
  const [row] = await tx.insert(supportRequests).values(values).returning();
  return row!;
}

export async function supportRequestById(tx: TenantTx, id: string): Promise<SupportRequestRow | undefined> {
  const [row] = await tx.select().from(supportRequests).where(eq(supportRequests.id, id));
  return row;
}

export async function supportRequestsOfHousehold(
  tx: TenantTx,
  householdId: string,
): Promise<SupportRequestRow[]> {
  return tx
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.householdId, householdId))
    .orderBy(desc(supportRequests.receivedAt));
}

export async function markResponded(
  tx: TenantTx,
  id: string,
  by: string | null,
  now: Date,
): Promise<SupportRequestRow | undefined> {
  const [row] = await tx
    .update(supportRequests)
    .set({ respondedAt: now, respondedBy: by })
    .where(and(eq(supportRequests.id, id), isNull(supportRequests.respondedAt)))
    .returning();
  return row;
}

/** Unanswered and past the deadline: marked by the scan, or the deadline has passed since. */
export function overdueCondition(now: Date): SQL {
  return or(isNotNull(supportRequests.overdueAt), lte(supportRequests.respondBefore, now))!;
}

/**
 * The team overview's filters. Overdue: past the deadline. Today / tomorrow: not overdue and the deadline falls
 * before the start of tomorrow / on tomorrow (Dutch days). Week: not overdue, deadline within 7 days. Open: all.
 */
export function dueCondition(
  due: 'overdue' | 'today' | 'tomorrow' | 'week' | 'open',
  now: Date,
  bounds: { tomorrow: Date; dayAfter: Date; weekEnd: Date },
): SQL | undefined {
  const overdue = overdueCondition(now);
  const deadline = supportRequests.respondBefore;
  switch (due) {
    case 'overdue':
      return overdue;
    case 'today':
      return and(not(overdue), lt(deadline, bounds.tomorrow));
    case 'tomorrow':
      return and(not(overdue), gte(deadline, bounds.tomorrow), lt(deadline, bounds.dayAfter));
    case 'week':
      return and(not(overdue), lt(deadline, bounds.weekEnd));
    case 'open':
      return undefined;
  }
}

export interface DueRow {
  id: string;
  householdId: string;
  caseId: string;
  channel: SupportRequestRow['channel'];
  lifeDomains: string[];
  receivedAt: Date;
  respondBefore: Date;
  overdueAt: Date | null;
  caseLeadId: string;
  areaId: string | null;
}

/** Unanswered requests matching the condition, earliest deadline first. */
export async function unansweredRequests(
  tx: TenantTx,
  condition: SQL | undefined,
  opts: { caseLeadId?: string; limit: number },
): Promise<DueRow[]> {
  return tx
    .select({
      id: supportRequests.id,
      householdId: supportRequests.householdId,
      caseId: supportRequests.caseId,
      channel: supportRequests.channel,
      lifeDomains: supportRequests.lifeDomains,
      receivedAt: supportRequests.receivedAt,
      respondBefore: supportRequests.respondBefore,
      overdueAt: supportRequests.overdueAt,
      caseLeadId: cases.caseLeadId,
      areaId: households.areaId,
    })
    .from(supportRequests)
    .innerJoin(cases, and(eq(cases.tenantId, supportRequests.tenantId), eq(cases.id, supportRequests.caseId)))
    .innerJoin(
      households,
      and(eq(households.tenantId, supportRequests.tenantId), eq(households.id, supportRequests.householdId)),
    )
    .where(
      and(
        isNull(supportRequests.respondedAt),
        condition,
        opts.caseLeadId ? eq(cases.caseLeadId, opts.caseLeadId) : undefined,
      ),
    )
    .orderBy(asc(supportRequests.respondBefore), asc(supportRequests.id))
    .limit(opts.limit);
}

/** How many unanswered requests are overdue, due before `tomorrow` (and not overdue), and open at all. */
export async function dueCounts(
  tx: TenantTx,
  now: Date,
  tomorrow: Date,
  caseLeadId?: string,
): Promise<{ overdue: number; today: number; open: number }> {
  const overdue = overdueCondition(now);
  const [row] = await tx
    .select({
      overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
      today:
        sql<number>`count(*) filter (where not (${overdue}) and ${supportRequests.respondBefore} < ${tomorrow.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      open: sql<number>`count(*)`.mapWith(Number),
    })
    .from(supportRequests)
    .innerJoin(cases, and(eq(cases.tenantId, supportRequests.tenantId), eq(cases.id, supportRequests.caseId)))
    .where(
      and(isNull(supportRequests.respondedAt), caseLeadId ? eq(cases.caseLeadId, caseLeadId) : undefined),
    );
  return { overdue: row?.overdue ?? 0, today: row?.today ?? 0, open: row?.open ?? 0 };
}

/**
 * Marks unanswered requests whose deadline has passed and that were not marked yet; returns them with their
 * case lead. Marking once is what keeps the team lead from getting the same e-mail every scan.
 */
export async function markOverdue(
  tx: TenantTx,
  now: Date,
): Promise<
  (Pick<SupportRequestRow, 'id' | 'caseId' | 'channel' | 'respondBefore'> & { caseLeadId: string })[]
> {
  const marked = await tx
    .update(supportRequests)
    .set({ overdueAt: now })
    .where(
      and(
        isNull(supportRequests.respondedAt),
        isNull(supportRequests.overdueAt),
        lte(supportRequests.respondBefore, now),
      ),
    )
    .returning({
      id: supportRequests.id,
      caseId: supportRequests.caseId,
      channel: supportRequests.channel,
      respondBefore: supportRequests.respondBefore,
    });
  if (!marked.length) return [];
  const leads = await tx
    .select({ id: cases.id, caseLeadId: cases.caseLeadId })
    .from(cases)
    .where(
      inArray(
        cases.id,
        marked.map((m) => m.caseId),
      ),
    );
  const leadOf = new Map(leads.map((l) => [l.id, l.caseLeadId]));
  return marked
    .map((m) => ({ ...m, caseLeadId: leadOf.get(m.caseId)! }))
    .sort((a, b) => a.respondBefore.getTime() - b.respondBefore.getTime());
}

// ---- assessments ----

export async function insertAssessment(
  tx: TenantTx,
  values: typeof assessments.$inferInsert,
  scores: { code: string; score: number; wantsToTalk: boolean }[],
): Promise<{ assessment: AssessmentRow; scores: ScoreRow[] }> {
  const [assessment] = await tx.insert(assessments).values(values).returning();
  const rows = await tx
    .insert(assessmentScores)
    .values(scores.map((s) => ({ tenantId: values.tenantId, assessmentId: assessment!.id, ...s })))
    .returning();
  return { assessment: assessment!, scores: rows };
}

/** Every assessment of the household, oldest first, with its scores. */
export async function assessmentsOfHousehold(
  tx: TenantTx,
  householdId: string,
): Promise<{ assessment: AssessmentRow; scores: ScoreRow[] }[]> {
  const list = await tx
    .select()
    .from(assessments)
    .where(eq(assessments.householdId, householdId))
    .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt));
  if (!list.length) return [];
  const scores = await tx
    .select()
    .from(assessmentScores)
    .where(
      inArray(
        assessmentScores.assessmentId,
        list.map((a) => a.id),
      ),
    );
  return list.map((assessment) => ({
    assessment,
    scores: scores.filter((s) => s.assessmentId === assessment.id),
  }));
}
