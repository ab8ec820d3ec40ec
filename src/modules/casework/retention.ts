// Retention: a closed case is kept only as long as its purpose needs. Per record type the tenant sets how many
// months after closure it stays (settings.caseworkRetentionMonths; DEFAULT_RETENTION_MONTHS otherwise); the
// retention scan (jobs.ts) then anonymises that part of the case and leaves a deletion record: which type of
// which case, how many rows, when — never the contents. Figures that carry no person (channel, dates, scores,
// outcome, area) stay, so the team's and the municipality's figures keep adding up.
//
// Record types:
//   person           the members' names, birth date (reduced to the year), BSN, contact details and account
//                    link; the address reduced to its postcode digits; the household's consents. Only once the
//                    household has no newer case.
//   support-request  the questions in the resident's words.
//   plan             goal and action texts, comments, agreements.
//   notes            hand-over notes, closing and check-in notes, conference outcomes, co-worker reasons.
//   assessment       the link of an assessment to a member (the scores stay, about nobody).
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { latestCaseOf } from './case-queries.js';
import { conferenceAgendaItems } from './conferences.tables.js';
import { caseworkDeletions, consents } from './consent.tables.js';
import {
  aftercareCheckIns,
  caseClosures,
  escalations,
  planActions,
  planAgreements,
  planComments,
  planGoals,
} from './plan.tables.js';
import type { Sealer } from './privacy.js';
import { openCaseOf, type CaseRow } from './queries.js';
import {
  assessments,
  caseCoWorkers,
  cases,
  householdMembers,
  households,
  persons,
  supportRequests,
} from './tables.js';

/** What a text reads once the retention job removed it. */
export const REMOVED_TEXT = '(verwijderd na de bewaartermijn)';

export const retentionRecordTypes = ['person', 'support-request', 'plan', 'notes', 'assessment'] as const;
export type RetentionRecordType = (typeof retentionRecordTypes)[number];

/** Two years after closure, unless the tenant decides otherwise per record type. */
export const DEFAULT_RETENTION_MONTHS: Record<RetentionRecordType, number> = {
  person: 24,
  'support-request': 24,
  plan: 24,
  notes: 24,
  assessment: 24,
};

export function retentionMonths(tenant: Tenant): Record<RetentionRecordType, number> {
  const set = tenant.settings.caseworkRetentionMonths ?? {};
  const months = { ...DEFAULT_RETENTION_MONTHS };
  for (const type of retentionRecordTypes) {
    const n = Number(set[type]);
    if (Number.isInteger(n) && n > 0) months[type] = n;
  }
  return months;
}

/** The same moment `months` months earlier (calendar months, UTC). */
function monthsBefore(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() - months);
  return r;
}

type Anonymiser = (tx: TenantTx, caseRow: CaseRow, blank: string) => Promise<number>;

const anonymisers: Record<RetentionRecordType, Anonymiser> = {
  async person(tx, caseRow) {
    const members = await tx
      .select({ personId: householdMembers.personId })
      .from(householdMembers)
      .where(eq(householdMembers.householdId, caseRow.householdId));
    const ids = members.map((m) => m.personId);
    const people = ids.length
      ? await tx
          .select({ id: persons.id, birthDate: persons.birthDate })
          .from(persons)
          .where(inArray(persons.id, ids))
      : [];
    for (const p of people) {
      await tx
        .update(persons)
        .set({
          givenName: '-',
          familyName: '-',
          nameKey: '',
          birthDate: `${p.birthDate.slice(0, 4)}-01-01`,
          bsnSealed: null,
          bsnLookup: null,
          phone: null,
          email: null,
          userId: null,
        })
        .where(eq(persons.id, p.id));
    }
    const [household] = await tx
      .select({ postcode: households.postcode })
      .from(households)
      .where(eq(households.id, caseRow.householdId));
    await tx
      .update(households)
      .set({
        postcode: household?.postcode.slice(0, 4) ?? '',
        houseNumber: 1,
        houseNumberAddition: '',
        street: null,
        city: null,
      })
      .where(eq(households.id, caseRow.householdId));
    const removed = await tx
      .delete(consents)
      .where(eq(consents.householdId, caseRow.householdId))
      .returning({ id: consents.id });
    return people.length + 1 + removed.length;
  },
  async 'support-request'(tx, caseRow, blank) {
    const rows = await tx
      .update(supportRequests)
      .set({ questionSealed: blank, personId: null })
      .where(eq(supportRequests.caseId, caseRow.id))
      .returning({ id: supportRequests.id });
    return rows.length;
  },
  async plan(tx, caseRow, blank) {
    const comments = await tx
      .delete(planComments)
      .where(eq(planComments.caseId, caseRow.id))
      .returning({ id: planComments.id });
    const agreements = await tx
      .delete(planAgreements)
      .where(eq(planAgreements.caseId, caseRow.id))
      .returning({ id: planAgreements.id });
    const actions = await tx
      .update(planActions)
      .set({ descriptionSealed: blank, performerName: null })
      .where(eq(planActions.caseId, caseRow.id))
      .returning({ id: planActions.id });
    const goals = await tx
      .update(planGoals)
      .set({ textSealed: blank })
      .where(eq(planGoals.caseId, caseRow.id))
      .returning({ id: planGoals.id });
    return comments.length + agreements.length + actions.length + goals.length;
  },
  async notes(tx, caseRow, blank) {
    // One after another: a transaction's client runs one query at a time.
    const parts = [];
    parts.push(
      await tx
        .update(escalations)
        .set({ noteSealed: blank, returnNoteSealed: null })
        .where(eq(escalations.caseId, caseRow.id))
        .returning({ id: escalations.id }),
    );
    parts.push(
      await tx
        .update(caseClosures)
        .set({ noteSealed: null })
        .where(eq(caseClosures.caseId, caseRow.id))
        .returning({ id: caseClosures.id }),
    );
    parts.push(
      await tx
        .update(aftercareCheckIns)
        .set({ noteSealed: null })
        .where(eq(aftercareCheckIns.caseId, caseRow.id))
        .returning({ id: aftercareCheckIns.id }),
    );
    parts.push(
      await tx
        .update(conferenceAgendaItems)
        .set({ outcomeSealed: null })
        .where(eq(conferenceAgendaItems.caseId, caseRow.id))
        .returning({ id: conferenceAgendaItems.id }),
    );
    parts.push(
      await tx
        .update(caseCoWorkers)
        .set({ reasonSealed: blank })
        .where(eq(caseCoWorkers.caseId, caseRow.id))
        .returning({ id: caseCoWorkers.id }),
    );
    return parts.reduce((n, p) => n + p.length, 0);
  },
  async assessment(tx, caseRow) {
    const rows = await tx
      .update(assessments)
      .set({ personId: null })
      .where(eq(assessments.caseId, caseRow.id))
      .returning({ id: assessments.id });
    return rows.length;
  },
};

/**
 * The retention scan's work for one tenant: every part of a closed case whose retention passed is anonymised
 * once, with its deletion record and an audit entry, in one transaction.
 */
export async function anonymiseExpiredCases(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  sealer: Sealer,
): Promise<{ cases: number; deletions: number }> {
  const months = retentionMonths(tenant);
  const shortest = Math.min(...Object.values(months));
  const candidates = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'closed'), lte(cases.closedAt, monthsBefore(now, shortest))))
    .limit(200);
  if (!candidates.length) return { cases: 0, deletions: 0 };
  const done = await tx
    .select({ caseId: caseworkDeletions.caseId, recordType: caseworkDeletions.recordType })
    .from(caseworkDeletions)
    .where(
      inArray(
        caseworkDeletions.caseId,
        candidates.map((c) => c.id),
      ),
    );
  const actor: Actor = {
    tenantId: tenant.id,
    userId: null,
    roles: [],
    purpose: 'job casework.retention-scan',
  };
  // Sealed columns that must stay readable hold this text, sealed like any other (the field cipher cannot
  // seal an empty text).
  const blank = sealer.cipher.encrypt(REMOVED_TEXT);
  let deletions = 0;
  const touched = new Set<string>();
  for (const caseRow of candidates) {
    for (const type of retentionRecordTypes) {
      if (done.some((d) => d.caseId === caseRow.id && d.recordType === type)) continue;
      if (caseRow.closedAt! > monthsBefore(now, months[type])) continue;
      if (type === 'person') {
        // The people stay while the household has an open case or a newer one that is not expired yet.
        if (await openCaseOf(tx, caseRow.householdId)) continue;
        if ((await latestCaseOf(tx, caseRow.householdId))?.id !== caseRow.id) continue;
      }
      const rows = await anonymisers[type](tx, caseRow, blank);
      await tx.insert(caseworkDeletions).values({
        tenantId: tenant.id,
        caseId: caseRow.id,
        householdId: caseRow.householdId,
        recordType: type,
        rows,
        caseClosedAt: caseRow.closedAt!,
        retentionMonths: months[type],
        deletedAt: now,
      });
      await recordAccess(tx, actor, {
        action: 'delete',
        recordType: `retention:${type}`,
        recordId: caseRow.id,
      });
      deletions++;
      touched.add(caseRow.id);
    }
  }
  return { cases: touched.size, deletions };
}

/** The deletion records of a household: what the retention job removed and when. */
export async function deletionsOf(tx: TenantTx, householdId: string) {
  return tx
    .select()
    .from(caseworkDeletions)
    .where(eq(caseworkDeletions.householdId, householdId))
    .orderBy(asc(caseworkDeletions.deletedAt), asc(caseworkDeletions.recordType));
}
