// SQL of the support plan, scaling up, closure, aftercare, case conferences, consent and retention. Like
// queries.ts: every function takes the tenant transaction and row-level security keeps it to one tenant.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { TenantTx } from '../../platform/db/index.js';
import {
  aftercareCheckIns,
  caseClosures,
  customProvisions,
  escalations,
  planActions,
  planAgreements,
  planComments,
  planGoals,
} from './plan.tables.js';
import { userRoles, users } from '../../platform/auth/tables.js';
import { cases, householdMembers, persons } from './tables.js';
import {
  caseConferences,
  conferenceAgendaItems,
  conferenceParticipants,
  conferenceSeries,
} from './conferences.tables.js';
import type { CaseRow } from './queries.js';

export type GoalRow = typeof planGoals.$inferSelect;
export type ActionRow = typeof planActions.$inferSelect;
export type AgreementRow = typeof planAgreements.$inferSelect;
export type CommentRow = typeof planComments.$inferSelect;
export type EscalationRow = typeof escalations.$inferSelect;
export type ProvisionRow = typeof customProvisions.$inferSelect;
export type ClosureRow = typeof caseClosures.$inferSelect;
export type CheckInRow = typeof aftercareCheckIns.$inferSelect;

// ---- cases ----

export async function caseById(tx: TenantTx, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row;
}

/** The household's most recent case, open or closed. */
export async function latestCaseOf(tx: TenantTx, householdId: string): Promise<CaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(eq(cases.householdId, householdId))
    .orderBy(desc(cases.openedAt))
    .limit(1);
  return row;
}

/** version + 1 when it still is `expected`; undefined when someone else changed the case first. */
export async function raiseVersion(
  tx: TenantTx,
  caseId: string,
  expected: number,
): Promise<number | undefined> {
  const [row] = await tx
    .update(cases)
    .set({ version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, caseId), eq(cases.version, expected)))
    .returning({ version: cases.version });
  return row?.version;
}

export async function setCaseLead(tx: TenantTx, caseId: string, userId: string): Promise<void> {
  await tx.update(cases).set({ caseLeadId: userId }).where(eq(cases.id, caseId));
}

export async function setCaseStatus(
  tx: TenantTx,
  caseId: string,
  status: 'open' | 'closed',
  closedAt: Date | null,
): Promise<void> {
  await tx.update(cases).set({ status, closedAt }).where(eq(cases.id, caseId));
}

// ---- plan ----

export async function goalsOf(tx: TenantTx, caseId: string): Promise<GoalRow[]> {
  return tx
    .select()
    .from(planGoals)
    .where(eq(planGoals.caseId, caseId))
    .orderBy(asc(planGoals.position), asc(planGoals.createdAt));
}

export async function actionsOf(tx: TenantTx, caseIds: string[]): Promise<ActionRow[]> {
  if (!caseIds.length) return [];
  return tx
    .select()
    .from(planActions)
    .where(inArray(planActions.caseId, caseIds))
    .orderBy(asc(planActions.dueOn), asc(planActions.createdAt));
}

export async function insertGoal(tx: TenantTx, values: typeof planGoals.$inferInsert): Promise<GoalRow> {
  const [row] = await tx.insert(planGoals).values(values).returning();
  return row!;
}

export async function updateGoal(
  tx: TenantTx,
  id: string,
  values: Partial<typeof planGoals.$inferInsert>,
): Promise<void> {
  await tx.update(planGoals).set(values).where(eq(planGoals.id, id));
}

export async function insertAction(
  tx: TenantTx,
  values: typeof planActions.$inferInsert,
): Promise<ActionRow> {
  const [row] = await tx.insert(planActions).values(values).returning();
  return row!;
}

export async function updateAction(
  tx: TenantTx,
  id: string,
  values: Partial<typeof planActions.$inferInsert>,
): Promise<void> {
  await tx.update(planActions).set(values).where(eq(planActions.id, id));
}

export async function agreementsOf(tx: TenantTx, caseId: string): Promise<AgreementRow[]> {
  return tx
    .select()
    .from(planAgreements)
    .where(eq(planAgreements.caseId, caseId))
    .orderBy(asc(planAgreements.agreedAt));
}

export async function insertAgreement(
  tx: TenantTx,
  values: typeof planAgreements.$inferInsert,
): Promise<AgreementRow> {
  const [row] = await tx.insert(planAgreements).values(values).returning();
  return row!;
}

export async function commentsOf(tx: TenantTx, caseId: string): Promise<CommentRow[]> {
  return tx
    .select()
    .from(planComments)
    .where(eq(planComments.caseId, caseId))
    .orderBy(asc(planComments.createdAt));
}

export async function insertComment(
  tx: TenantTx,
  values: typeof planComments.$inferInsert,
): Promise<CommentRow> {
  const [row] = await tx.insert(planComments).values(values).returning();
  return row!;
}

// ---- scaling up ----

export async function escalationsOf(tx: TenantTx, caseId: string): Promise<EscalationRow[]> {
  return tx
    .select()
    .from(escalations)
    .where(eq(escalations.caseId, caseId))
    .orderBy(asc(escalations.escalatedAt));
}

export async function insertEscalation(
  tx: TenantTx,
  values: typeof escalations.$inferInsert,
): Promise<EscalationRow> {
  const [row] = await tx.insert(escalations).values(values).returning();
  return row!;
}

export async function markReturned(
  tx: TenantTx,
  id: string,
  at: Date,
  noteSealed: string,
): Promise<EscalationRow> {
  const [row] = await tx
    .update(escalations)
    .set({ returnedAt: at, returnNoteSealed: noteSealed })
    .where(eq(escalations.id, id))
    .returning();
  return row!;
}

export async function provisionsOf(tx: TenantTx, caseIds: string[]): Promise<ProvisionRow[]> {
  if (!caseIds.length) return [];
  return tx
    .select()
    .from(customProvisions)
    .where(inArray(customProvisions.caseId, caseIds))
    .orderBy(asc(customProvisions.requestedOn), asc(customProvisions.createdAt));
}

export async function insertProvision(
  tx: TenantTx,
  values: typeof customProvisions.$inferInsert,
): Promise<ProvisionRow> {
  const [row] = await tx.insert(customProvisions).values(values).returning();
  return row!;
}

export async function updateProvision(
  tx: TenantTx,
  id: string,
  values: Partial<typeof customProvisions.$inferInsert>,
): Promise<ProvisionRow> {
  const [row] = await tx.update(customProvisions).set(values).where(eq(customProvisions.id, id)).returning();
  return row!;
}

// ---- closure and aftercare ----

export async function closuresOf(tx: TenantTx, caseId: string): Promise<ClosureRow[]> {
  return tx
    .select()
    .from(caseClosures)
    .where(eq(caseClosures.caseId, caseId))
    .orderBy(asc(caseClosures.closedAt));
}

export async function insertClosure(
  tx: TenantTx,
  values: typeof caseClosures.$inferInsert,
): Promise<ClosureRow> {
  const [row] = await tx.insert(caseClosures).values(values).returning();
  return row!;
}

export async function checkInsOf(tx: TenantTx, caseId: string): Promise<CheckInRow[]> {
  return tx
    .select()
    .from(aftercareCheckIns)
    .where(eq(aftercareCheckIns.caseId, caseId))
    .orderBy(asc(aftercareCheckIns.dueAt));
}

export async function insertCheckIns(
  tx: TenantTx,
  values: (typeof aftercareCheckIns.$inferInsert)[],
): Promise<CheckInRow[]> {
  if (!values.length) return [];
  return tx.insert(aftercareCheckIns).values(values).returning();
}

export async function updateCheckIn(
  tx: TenantTx,
  id: string,
  values: Partial<typeof aftercareCheckIns.$inferInsert>,
): Promise<CheckInRow> {
  const [row] = await tx
    .update(aftercareCheckIns)
    .set(values)
    .where(eq(aftercareCheckIns.id, id))
    .returning();
  return row!;
}

/** Pending check-ins of the case are cancelled: the plan was reopened, aftercare starts again at the next closure. */
export async function cancelPendingCheckIns(tx: TenantTx, caseId: string, at: Date): Promise<void> {
  await tx
    .update(aftercareCheckIns)
    .set({ cancelledAt: at })
    .where(
      and(
        eq(aftercareCheckIns.caseId, caseId),
        isNull(aftercareCheckIns.doneAt),
        isNull(aftercareCheckIns.cancelledAt),
      ),
    );
}

/** Marks due check-ins that were not reminded yet; returns them. Marking once means one reminder each. */
export async function markCheckInsReminded(tx: TenantTx, now: Date): Promise<CheckInRow[]> {
  return tx
    .update(aftercareCheckIns)
    .set({ remindedAt: now })
    .where(
      and(
        isNull(aftercareCheckIns.doneAt),
        isNull(aftercareCheckIns.cancelledAt),
        isNull(aftercareCheckIns.remindedAt),
        lte(aftercareCheckIns.dueAt, now),
      ),
    )
    .returning();
}

// ---- the resident's own account ----

/** The resident account with this e-mail address (users are unique per tenant by lower-cased e-mail). */
export async function residentByEmail(
  tx: TenantTx,
  email: string,
): Promise<{ id: string; name: string; email: string } | undefined> {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        eq(userRoles.role, 'resident'),
        eq(users.disabled, false),
      ),
    );
  return row;
}

export async function linkPersonToUser(tx: TenantTx, personId: string, userId: string, now: Date) {
  await tx.update(persons).set({ userId, updatedAt: now }).where(eq(persons.id, personId));
}

/** The household the user's person lives in now, with that person. */
export async function householdOfUser(
  tx: TenantTx,
  userId: string,
): Promise<{ householdId: string; personId: string; givenName: string; familyName: string } | undefined> {
  const [row] = await tx
    .select({
      householdId: householdMembers.householdId,
      personId: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
    })
    .from(persons)
    .innerJoin(
      householdMembers,
      and(eq(householdMembers.tenantId, persons.tenantId), eq(householdMembers.personId, persons.id)),
    )
    .where(and(eq(persons.userId, userId), isNull(householdMembers.leftAt)));
  return row;
}

// ---- case conferences ----

export type ConferenceRow = typeof caseConferences.$inferSelect;
export type ParticipantRow = typeof conferenceParticipants.$inferSelect;
export type AgendaItemRow = typeof conferenceAgendaItems.$inferSelect;

export async function insertSeries(tx: TenantTx, values: typeof conferenceSeries.$inferInsert) {
  const [row] = await tx.insert(conferenceSeries).values(values).returning();
  return row!;
}

export async function insertConferences(
  tx: TenantTx,
  values: (typeof caseConferences.$inferInsert)[],
): Promise<ConferenceRow[]> {
  return tx.insert(caseConferences).values(values).returning();
}

export async function insertParticipants(
  tx: TenantTx,
  values: (typeof conferenceParticipants.$inferInsert)[],
): Promise<void> {
  if (values.length) await tx.insert(conferenceParticipants).values(values);
}

export async function insertAgendaItem(
  tx: TenantTx,
  values: typeof conferenceAgendaItems.$inferInsert,
): Promise<AgendaItemRow> {
  const [row] = await tx.insert(conferenceAgendaItems).values(values).returning();
  return row!;
}

export async function conferenceById(tx: TenantTx, id: string): Promise<ConferenceRow | undefined> {
  const [row] = await tx.select().from(caseConferences).where(eq(caseConferences.id, id));
  return row;
}

export async function participantsOf(tx: TenantTx, conferenceId: string): Promise<ParticipantRow[]> {
  return tx
    .select()
    .from(conferenceParticipants)
    .where(eq(conferenceParticipants.conferenceId, conferenceId));
}

export async function agendaOf(tx: TenantTx, conferenceId: string): Promise<AgendaItemRow[]> {
  return tx
    .select()
    .from(conferenceAgendaItems)
    .where(eq(conferenceAgendaItems.conferenceId, conferenceId))
    .orderBy(asc(conferenceAgendaItems.position));
}

export async function updateAgendaItem(
  tx: TenantTx,
  id: string,
  values: Partial<typeof conferenceAgendaItems.$inferInsert>,
): Promise<void> {
  await tx.update(conferenceAgendaItems).set(values).where(eq(conferenceAgendaItems.id, id));
}

export async function setConferenceStatus(tx: TenantTx, id: string, status: ConferenceRow['status']) {
  await tx.update(caseConferences).set({ status }).where(eq(caseConferences.id, id));
}

/** Conferences starting in [from, to), with the number of cases on their agenda. */
export async function conferencesBetween(tx: TenantTx, from: Date, to: Date | undefined) {
  return tx
    .select({ conference: caseConferences, items: count(conferenceAgendaItems.id) })
    .from(caseConferences)
    .leftJoin(
      conferenceAgendaItems,
      and(
        eq(conferenceAgendaItems.tenantId, caseConferences.tenantId),
        eq(conferenceAgendaItems.conferenceId, caseConferences.id),
      ),
    )
    .where(and(gte(caseConferences.startsAt, from), to ? lt(caseConferences.startsAt, to) : undefined))
    .groupBy(caseConferences.tenantId, caseConferences.id)
    .orderBy(asc(caseConferences.startsAt))
    .limit(200);
}
