// Team views: my cases, the team's cases, workload per consultant, cases per area, and a search across the
// team's households. Lists follow the same rule as the file: who works on a household sees its name, area and
// plan figures; everyone else sees only that it is known and whom to contact. Figures about workload and
// areas carry no personal data. Every household a list shows is audited as the kind of read it was.
import { and, count, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { recordAccess } from '../../platform/audit/index.js';
import { caseFileRoles } from '../../platform/auth/permissions.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { areaTree, type AreaNode } from '../areas/index.js';
import { caseFileOf } from './case-file.js';
import { dutchDate } from './dates.js';
import { normaliseName } from './privacy.js';
import { aftercareCheckIns, planActions } from './plan.tables.js';
import {
  activeCoWorkers,
  activeUsersWithRole,
  familyNames,
  userRefs,
  type CaseRow,
  type UserRef,
} from './queries.js';
import { accessOf, fieldError, iso, validation, type Access, type CaseworkContext } from './service.js';
import { caseCoWorkers, cases, householdMembers, households, persons } from './tables.js';
import type { CaseListQuery, SearchQuery } from './team-schemas.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

async function areaIndex(tx: TenantTx): Promise<Map<string, AreaNode>> {
  const index = new Map<string, AreaNode>();
  const walk = (nodes: AreaNode[]) =>
    nodes.forEach((n) => {
      index.set(n.id, n);
      walk(n.children);
    });
  walk(await areaTree(tx));
  return index;
}

/** Open and overdue actions per case. */
async function actionCounts(tx: TenantTx, caseIds: string[], today: string) {
  if (!caseIds.length) return new Map<string, { open: number; overdue: number }>();
  const rows = await tx
    .select({
      caseId: planActions.caseId,
      open: count(),
      overdue: sql<number>`count(*) filter (where ${planActions.dueOn} < ${today})`.mapWith(Number),
    })
    .from(planActions)
    .where(and(inArray(planActions.caseId, caseIds), inArray(planActions.status, ['planned', 'in-progress'])))
    .groupBy(planActions.caseId);
  return new Map(rows.map((r) => [r.caseId, { open: Number(r.open), overdue: r.overdue }]));
}

interface Entry {
  caseRow: CaseRow;
  areaId: string | null;
  access: Access;
}

/** Cases as a list shows them (known view where the actor does not work on them), each read audited. */
async function summarise(tx: TenantTx, ctx: CaseworkContext, entries: Entry[]) {
  const involved = entries.filter((e) => e.access !== 'known');
  const names = await familyNames(
    tx,
    involved.map((e) => e.caseRow.householdId),
  );
  const people = await userRefs(
    tx,
    entries.map((e) => e.caseRow.caseLeadId),
  );
  const areas = await areaIndex(tx);
  const counts = await actionCounts(
    tx,
    involved.map((e) => e.caseRow.id),
    dutchDate(ctx.now),
  );
  for (const e of entries)
    await recordAccess(tx, ctx.actor, {
      action: 'read',
      recordType: e.access === 'known' ? 'household-known' : 'case-summary',
      recordId: e.access === 'known' ? e.caseRow.householdId : e.caseRow.id,
    });
  return entries.map(({ caseRow: c, areaId, access }) => {
    const known = access === 'known';
    const area = !known && areaId ? areas.get(areaId) : undefined;
    return {
      household_id: c.householdId,
      case_id: c.id,
      status: c.status,
      access,
      case_lead: people.get(c.caseLeadId) ?? null,
      label: known ? null : (names.get(c.householdId) ?? []).join(' / ') || null,
      area: area ? { id: area.id, name: area.name } : null,
      opened_at: known ? null : iso(c.openedAt),
      closed_at: known || !c.closedAt ? null : iso(c.closedAt),
      open_actions: known ? null : (counts.get(c.id)?.open ?? 0),
      overdue_actions: known ? null : (counts.get(c.id)?.overdue ?? 0),
    };
  });
}

/** My cases (as case lead or co-worker) or all of the team's, in the known view where I do not work on them. */
export async function listCases(tx: TenantTx, ctx: CaseworkContext, query: CaseListQuery) {
  const me = ctx.actor.userId ?? '';
  const status = query.status ?? 'open';
  const mine = (query.scope ?? 'mine') === 'mine';
  const rows = await tx
    .select({ caseRow: cases, areaId: households.areaId })
    .from(cases)
    .innerJoin(households, and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)))
    .where(
      and(
        eq(cases.status, status),
        mine
          ? or(
              eq(cases.caseLeadId, me),
              sql`exists (select 1 from ${caseCoWorkers} cw where cw.case_id = ${cases.id} and cw.user_id = ${me} and cw.revoked_at is null)`,
            )
          : undefined,
      ),
    )
    .orderBy(sql`${cases.openedAt} desc`)
    .limit(query.limit ?? 200);
  const coWorkers = await activeCoWorkers(
    tx,
    rows.map((r) => r.caseRow.id),
  );
  const withAccess = rows.map((r) => ({
    ...r,
    access: accessOf(
      ctx.actor,
      r.caseRow,
      coWorkers.filter((c) => c.caseId === r.caseRow.id).map((c) => c.userId),
    ),
  }));
  return { cases: await summarise(tx, ctx, withAccess) };
}

/** Per consultant of the social team: open cases led and co-worked, open and overdue actions, check-ins due. */
export async function teamWorkload(tx: TenantTx, ctx: CaseworkContext) {
  const staff = new Map<string, UserRef>();
  for (const role of caseFileRoles) for (const u of await activeUsersWithRole(tx, role)) staff.set(u.id, u);
  const ids = [...staff.keys()];
  const today = dutchDate(ctx.now);
  const leads = ids.length
    ? await tx
        .select({ userId: cases.caseLeadId, n: count() })
        .from(cases)
        .where(and(eq(cases.status, 'open'), inArray(cases.caseLeadId, ids)))
        .groupBy(cases.caseLeadId)
    : [];
  const coWorks = ids.length
    ? await tx
        .select({ userId: caseCoWorkers.userId, n: count() })
        .from(caseCoWorkers)
        .innerJoin(cases, and(eq(cases.tenantId, caseCoWorkers.tenantId), eq(cases.id, caseCoWorkers.caseId)))
        .where(
          and(eq(cases.status, 'open'), isNull(caseCoWorkers.revokedAt), inArray(caseCoWorkers.userId, ids)),
        )
        .groupBy(caseCoWorkers.userId)
    : [];
  const actions = ids.length
    ? await tx
        .select({
          userId: cases.caseLeadId,
          open: count(),
          overdue: sql<number>`count(*) filter (where ${planActions.dueOn} < ${today})`.mapWith(Number),
        })
        .from(planActions)
        .innerJoin(cases, and(eq(cases.tenantId, planActions.tenantId), eq(cases.id, planActions.caseId)))
        .where(
          and(
            eq(cases.status, 'open'),
            inArray(planActions.status, ['planned', 'in-progress']),
            inArray(cases.caseLeadId, ids),
          ),
        )
        .groupBy(cases.caseLeadId)
    : [];
  const checkIns = ids.length
    ? await tx
        .select({ userId: aftercareCheckIns.responsibleId, n: count() })
        .from(aftercareCheckIns)
        .where(
          and(
            isNull(aftercareCheckIns.doneAt),
            isNull(aftercareCheckIns.cancelledAt),
            lte(aftercareCheckIns.dueAt, ctx.now),
            inArray(aftercareCheckIns.responsibleId, ids),
          ),
        )
        .groupBy(aftercareCheckIns.responsibleId)
    : [];
  const of = (list: { userId: string | null; n: number }[], id: string) =>
    Number(list.find((r) => r.userId === id)?.n ?? 0);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'team-workload', recordId: ctx.tenant.id });
  return {
    generated_at: iso(ctx.now),
    consultants: [...staff.values()]
      .map((user) => {
        const a = actions.find((r) => r.userId === user.id);
        return {
          user,
          leads: of(leads, user.id),
          co_works: of(coWorks, user.id),
          open_actions: Number(a?.open ?? 0),
          overdue_actions: a?.overdue ?? 0,
          check_ins_due: of(checkIns, user.id),
        };
      })
      .sort((x, y) => y.leads - x.leads || x.user.name.localeCompare(y.user.name)),
  };
}

/** Open cases per area, and cases closed in the last year: where the team works. No personal data. */
export async function casesPerArea(tx: TenantTx, ctx: CaseworkContext) {
  const yearAgo = new Date(ctx.now.getTime() - YEAR_MS);
  const rows = await tx
    .select({
      areaId: households.areaId,
      open: sql<number>`count(*) filter (where ${cases.status} = 'open')`.mapWith(Number),
      closed:
        sql<number>`count(*) filter (where ${cases.status} = 'closed' and ${cases.closedAt} >= ${yearAgo.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
    })
    .from(cases)
    .innerJoin(households, and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)))
    .groupBy(households.areaId);
  const areas = await areaIndex(tx);
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'cases-per-area',
    recordId: ctx.tenant.id,
  });
  return {
    areas: rows
      .filter((r) => r.open || r.closed)
      .map((r) => {
        const area = r.areaId ? areas.get(r.areaId) : undefined;
        return {
          area: area ? { id: area.id, name: area.name, kind: area.kind } : null,
          open: r.open,
          closed_last_year: r.closed,
        };
      })
      .sort((a, b) => b.open - a.open || (a.area?.name ?? '').localeCompare(b.area?.name ?? '')),
  };
}

/**
 * Households of the team whose current members match a part of a name. Who works on a household sees it as
 * in their case list; for everyone else a hit says only that it is known and whom to contact.
 */
export async function searchCases(tx: TenantTx, ctx: CaseworkContext, query: SearchQuery) {
  const q = normaliseName(query.q);
  if (q.length < 2) throw validation([fieldError('q', ctx.texts('field.search'))]);
  const hits = await tx
    .selectDistinct({ householdId: householdMembers.householdId })
    .from(persons)
    .innerJoin(
      householdMembers,
      and(eq(householdMembers.tenantId, persons.tenantId), eq(householdMembers.personId, persons.id)),
    )
    .where(and(isNull(householdMembers.leftAt), sql`${persons.nameKey} like ${`%${q}%`}`))
    .limit(50);
  const results = [];
  for (const { householdId } of hits) {
    // A household without any case (none is registered that way) is no case to show.
    const file = await caseFileOf(tx, ctx, householdId).catch((err: unknown) => {
      if (err instanceof AppError) return undefined;
      throw err;
    });
    if (file) results.push(file);
  }
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'household-search', recordId: q });
  return {
    cases: await summarise(
      tx,
      ctx,
      results.map((f) => ({ caseRow: f.caseRow, areaId: f.household.areaId, access: f.access })),
    ),
  };
}
