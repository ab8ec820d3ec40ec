// The case file as the plan, scaling up, closure and aftercare see it: the household's open case or, once it is
// closed, its latest case (aftercare works on a closed case); who may work on it; and the optimistic lock that
// keeps two consultants from overwriting each other's plan changes.
import type { TenantTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { caseById, raiseVersion } from './case-queries.js';
import { userRefs, type CaseRow, type HouseholdRow } from './queries.js';
import { loadHousehold, type Access, type CaseworkContext } from './service.js';

export interface CaseFile {
  household: HouseholdRow;
  caseRow: CaseRow;
  coWorkerIds: string[];
  access: Exclude<Access, 'known'>;
}

/**
 * The household's current case with the actor's access: 404 without household, 409 without any case, 403
 * naming the case lead when the actor does not work on it. `open`: the case must be open (409 when closed).
 */
/** The household's current case and the actor's access, without judging it; 404 / 409 as requireCaseFile. */
export async function caseFileOf(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  const { household, caseRow, coWorkers, access } = await loadHousehold(tx, ctx, householdId);
  if (!caseRow) throw new AppError('conflict', ctx.texts('problem.noOpenCase'));
  return { household, caseRow, coWorkerIds: coWorkers.map((c) => c.userId), access };
}

export async function requireCaseFile(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  opts: { open?: boolean } = {},
): Promise<CaseFile> {
  const file = await caseFileOf(tx, ctx, householdId);
  if (file.access === 'known') {
    const lead = (await userRefs(tx, [file.caseRow.caseLeadId])).get(file.caseRow.caseLeadId);
    throw new AppError(
      'forbidden',
      ctx.texts('problem.notInvolved', { name: lead ? `${lead.name} (${lead.email})` : '-' }),
    );
  }
  if (opts.open && file.caseRow.status !== 'open')
    throw new AppError('conflict', ctx.texts('problem.caseClosed'));
  return file as CaseFile;
}

/** Only the case lead or a team lead; 403 otherwise. */
export function requireLead(ctx: CaseworkContext, file: CaseFile): void {
  if (file.access !== 'case-lead' && file.access !== 'team-lead')
    throw new AppError('forbidden', ctx.texts('problem.onlyLead'));
}

/**
 * Claims the plan change: raises the case's version when it still is the one the caller read, else 409. The
 * update locks the case row, so of two concurrent edits on one version the second waits, then finds the
 * version moved and gets the conflict instead of overwriting.
 */
export async function claimVersion(
  tx: TenantTx,
  ctx: CaseworkContext,
  caseRow: CaseRow,
  given: number,
): Promise<number> {
  const next = await raiseVersion(tx, caseRow.id, given);
  if (next === undefined) {
    const current = (await caseById(tx, caseRow.id))?.version ?? caseRow.version;
    throw new AppError('conflict', ctx.texts('problem.versionConflict', { given, current }));
  }
  return next;
}
