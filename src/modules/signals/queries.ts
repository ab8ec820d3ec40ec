// All SQL of signals. Every function takes the tenant transaction; row-level security keeps it to one tenant.
import { and, asc, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { userRoles, users } from '../../platform/auth/tables.js';
import { rows, type TenantTx } from '../../platform/db/index.js';
import { signalCategories, signalClusters, signalDeletions, signalSettings, signals } from './tables.js';

export type CategoryRow = typeof signalCategories.$inferSelect;
export type SignalRow = typeof signals.$inferSelect;
export type ClusterRow = typeof signalClusters.$inferSelect;

export interface UserRef {
  id: string;
  name: string;
  email: string;
}

// ---- settings ----

export async function settingsRow(tx: TenantTx) {
  const [row] = await tx.select().from(signalSettings);
  return row;
}

export async function upsertSettings(tx: TenantTx, values: typeof signalSettings.$inferInsert) {
  await tx
    .insert(signalSettings)
    .values(values)
    .onConflictDoUpdate({ target: signalSettings.tenantId, set: { ...values, tenantId: undefined } });
}

// ---- categories ----

export function listCategoryRows(tx: TenantTx, activeOnly: boolean): Promise<CategoryRow[]> {
  return tx
    .select()
    .from(signalCategories)
    .where(activeOnly ? eq(signalCategories.active, true) : undefined)
    .orderBy(asc(signalCategories.position), asc(signalCategories.labelNl));
}

export async function categoryByCode(tx: TenantTx, code: string): Promise<CategoryRow | undefined> {
  const [row] = await tx.select().from(signalCategories).where(eq(signalCategories.code, code));
  return row;
}

export async function insertCategory(
  tx: TenantTx,
  values: typeof signalCategories.$inferInsert,
): Promise<CategoryRow> {
  const [row] = await tx.insert(signalCategories).values(values).returning();
  return row!;
}

export async function updateCategoryRow(
  tx: TenantTx,
  id: string,
  values: Partial<typeof signalCategories.$inferInsert>,
): Promise<CategoryRow> {
  const [row] = await tx.update(signalCategories).set(values).where(eq(signalCategories.id, id)).returning();
  return row!;
}

// ---- signals ----

export async function insertSignal(tx: TenantTx, values: typeof signals.$inferInsert): Promise<SignalRow> {
  const [row] = await tx.insert(signals).values(values).returning();
  return row!;
}

export async function signalById(tx: TenantTx, id: string): Promise<SignalRow | undefined> {
  const [row] = await tx.select().from(signals).where(eq(signals.id, id));
  return row;
}

export async function signalByStatusCode(tx: TenantTx, hash: string): Promise<SignalRow | undefined> {
  const [row] = await tx.select().from(signals).where(eq(signals.statusCodeHash, hash));
  return row;
}

export async function updateSignal(
  tx: TenantTx,
  id: string,
  values: Partial<typeof signals.$inferInsert>,
): Promise<SignalRow> {
  const [row] = await tx.update(signals).set(values).where(eq(signals.id, id)).returning();
  return row!;
}

/** An earlier report about the same household (same keyed address hash) since a moment. */
export async function earlierAboutSubject(
  tx: TenantTx,
  subjectLookup: string,
  since: Date,
): Promise<SignalRow | undefined> {
  const [row] = await tx
    .select()
    .from(signals)
    .where(and(eq(signals.subjectLookup, subjectLookup), gte(signals.receivedAt, since)))
    .orderBy(asc(signals.receivedAt))
    .limit(1);
  return row;
}

export function duplicatesOf(tx: TenantTx, id: string): Promise<SignalRow[]> {
  return tx.select().from(signals).where(eq(signals.duplicateOf, id)).orderBy(asc(signals.receivedAt));
}

/** The other reports of one category and area since a moment: the candidates for a collective signal. */
export function sameCategoryAndArea(
  tx: TenantTx,
  categoryId: string,
  areaId: string,
  since: Date,
  exceptId: string,
): Promise<SignalRow[]> {
  return tx
    .select()
    .from(signals)
    .where(
      and(
        eq(signals.categoryId, categoryId),
        eq(signals.areaId, areaId),
        gte(signals.receivedAt, since),
        ne(signals.id, exceptId),
      ),
    )
    .orderBy(desc(signals.receivedAt));
}

export interface SignalListFilter {
  open?: boolean;
  assignedTo?: string;
  reporterUserId?: string;
  limit: number;
}

export function listSignalRows(tx: TenantTx, f: SignalListFilter): Promise<SignalRow[]> {
  return tx
    .select()
    .from(signals)
    .where(
      and(
        f.open === undefined
          ? undefined
          : f.open
            ? isNull(signals.triagedAt)
            : sql`${signals.triagedAt} is not null`,
        f.assignedTo ? eq(signals.assignedTo, f.assignedTo) : undefined,
        f.reporterUserId ? eq(signals.reporterUserId, f.reporterUserId) : undefined,
      ),
    )
    .orderBy(f.open ? asc(signals.triageBefore) : desc(signals.receivedAt))
    .limit(f.limit);
}

/** Untriaged signals past their deadline that nobody was told about yet; marks them in the same statement. */
export function markEscalated(tx: TenantTx, now: Date): Promise<SignalRow[]> {
  return tx
    .update(signals)
    .set({ escalatedAt: now })
    .where(
      and(
        isNull(signals.triagedAt),
        isNull(signals.escalatedAt),
        sql`${signals.triageBefore} <= ${now.toISOString()}`,
      ),
    )
    .returning();
}

/**
 * Signals without follow-up, triaged before the cutoff: the decision was advice or nothing, no household was
 * linked, and no undecided collective signal still needs them for the meeting.
 */
export function expiredWithoutFollowUp(tx: TenantTx, cutoff: Date): Promise<SignalRow[]> {
  return tx
    .select()
    .from(signals)
    .where(
      and(
        sql`${signals.triagedAt} < ${cutoff.toISOString()}`,
        inArray(signals.decision, ['advice', 'nothing']),
        isNull(signals.householdId),
        sql`(${signals.clusterId} is null or exists (select 1 from signal_clusters c
              where c.id = ${signals.clusterId} and c.decision is not null))`,
      ),
    );
}

export async function deleteSignal(
  tx: TenantTx,
  row: SignalRow,
  deletedAt: Date,
  reason: string,
): Promise<void> {
  await tx.insert(signalDeletions).values({
    tenantId: row.tenantId,
    signalId: row.id,
    categoryId: row.categoryId,
    areaId: row.areaId,
    about: row.about,
    source: row.source,
    reporterRole: row.reporterRole,
    receivedAt: row.receivedAt,
    triagedAt: row.triagedAt,
    decision: row.decision,
    deletedAt,
    reason,
  });
  // Later reports that pointed at this one keep standing on their own.
  await tx.update(signals).set({ duplicateOf: null }).where(eq(signals.duplicateOf, row.id));
  await tx.delete(signals).where(eq(signals.id, row.id));
}

export function deletionRecords(tx: TenantTx) {
  return tx.select().from(signalDeletions).orderBy(desc(signalDeletions.deletedAt));
}

// ---- clusters ----

export async function insertCluster(
  tx: TenantTx,
  values: typeof signalClusters.$inferInsert,
): Promise<ClusterRow> {
  const [row] = await tx.insert(signalClusters).values(values).returning();
  return row!;
}

export async function clusterById(tx: TenantTx, id: string): Promise<ClusterRow | undefined> {
  const [row] = await tx.select().from(signalClusters).where(eq(signalClusters.id, id));
  return row;
}

export async function clusterRowsById(tx: TenantTx, ids: string[]): Promise<ClusterRow[]> {
  if (!ids.length) return [];
  return tx.select().from(signalClusters).where(inArray(signalClusters.id, ids));
}

export async function updateCluster(
  tx: TenantTx,
  id: string,
  values: Partial<typeof signalClusters.$inferInsert>,
): Promise<ClusterRow> {
  const [row] = await tx.update(signalClusters).set(values).where(eq(signalClusters.id, id)).returning();
  return row!;
}

export async function setCluster(tx: TenantTx, ids: string[], clusterId: string): Promise<void> {
  if (ids.length) await tx.update(signals).set({ clusterId }).where(inArray(signals.id, ids));
}

export function clusterRows(tx: TenantTx, areaIds?: string[]): Promise<ClusterRow[]> {
  return tx
    .select()
    .from(signalClusters)
    .where(areaIds ? inArray(signalClusters.areaId, areaIds) : undefined)
    .orderBy(desc(signalClusters.lastSignalAt));
}

export function signalsOfClusters(tx: TenantTx, clusterIds: string[]): Promise<SignalRow[]> {
  if (!clusterIds.length) return Promise.resolve([]);
  return tx.select().from(signals).where(inArray(signals.clusterId, clusterIds));
}

// ---- figures ----

/** Live signals and deletion records as one list of what the figures need (no personal data). */
export interface FigureRow {
  source: string;
  reporter_role: string | null;
  category_id: string;
  area_id: string | null;
  received_at: string | Date;
  triaged_at: string | Date | null;
  decision: string | null;
}

/** Live signals (a duplicate counts once) and deletion records, as the figures need them: nothing personal. */
export async function figureRows(tx: TenantTx, from: Date): Promise<FigureRow[]> {
  return rows<FigureRow>(
    tx,
    sql`
    select source, reporter_role, category_id, area_id, received_at, triaged_at, decision
      from signals where received_at >= ${from.toISOString()} and duplicate_of is null
    union all
    select source, reporter_role, category_id, area_id, received_at, triaged_at, decision
      from signal_deletions where received_at >= ${from.toISOString()}`,
  );
}

// ---- users ----

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

/** Active users holding one of these roles, e.g. who may triage or who gets the escalation e-mail. */
export function activeUsersWithRoles(tx: TenantTx, roles: readonly string[]): Promise<UserRef[]> {
  return tx
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, [...roles]), eq(users.disabled, false)))
    .orderBy(asc(users.name));
}
