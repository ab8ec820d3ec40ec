// Closure and aftercare (nazorg). A case closes with an outcome and, where it was measured, the closing
// assessments; actions still open must get a fate (the resident carries on, cancelled, handed over), so none
// is silently dropped. Aftercare "verdwijnt vaak": check-ins are planned at closure (6 weeks and 3 months by
// default) for the consultant responsible — the front-line consultant after scaling up — and the aftercare
// scan (jobs.ts) reminds them once when one is due. A check-in can reopen the plan.
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { queueMail } from '../../platform/mail/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { claimVersion, requireCaseFile, requireLead, type CaseFile } from './case-file.js';
import {
  actionsOf,
  cancelPendingCheckIns,
  checkInsOf,
  closuresOf,
  escalationsOf,
  insertCheckIns,
  insertClosure,
  markCheckInsReminded,
  raiseVersion,
  setCaseStatus,
  updateAction,
  updateCheckIn,
} from './case-queries.js';
import { dutchDateTime } from './dates.js';
import { caseworkTexts } from './messages.js';
import { isOpenAction } from './plan.js';
import type { CheckInBody, ClosureBody } from './plan-schemas.js';
import { openActionFates } from './plan.tables.js';
import { userRefs } from './queries.js';
import { clean, fieldError, iso, recordAssessment, validation, type CaseworkContext } from './service.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** 6 weeks and 3 months (13 weeks). */
export const DEFAULT_CHECK_IN_WEEKS = [6, 13] as const;
const mailTexts = caseworkTexts('nl');

async function aftercareView(tx: TenantTx, ctx: CaseworkContext, file: CaseFile) {
  const closures = await closuresOf(tx, file.caseRow.id);
  const checkIns = await checkInsOf(tx, file.caseRow.id);
  const people = await userRefs(tx, [
    ...closures.flatMap((c) => [c.closedBy, c.aftercareById]),
    ...checkIns.map((c) => c.responsibleId),
  ]);
  const ref = (id: string | null) => (id && people.get(id)) || null;
  const open = (s: string | null) => (s ? ctx.sealer.cipher.decrypt(s) : null);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'aftercare', recordId: file.caseRow.id });
  return {
    household_id: file.household.id,
    case_id: file.caseRow.id,
    status: file.caseRow.status,
    version: file.caseRow.version,
    closures: closures.map((c) => ({
      id: c.id,
      outcome: c.outcome,
      note: open(c.noteSealed),
      open_action_fate: c.openActionFate,
      closed_at: iso(c.closedAt),
      closed_by: ref(c.closedBy),
      aftercare_by: ref(c.aftercareById),
    })),
    check_ins: checkIns.map((c) => ({
      id: c.id,
      due_at: iso(c.dueAt),
      responsible: ref(c.responsibleId),
      reminded_at: c.remindedAt ? iso(c.remindedAt) : null,
      done_at: c.doneAt ? iso(c.doneAt) : null,
      result: c.result,
      note: open(c.noteSealed),
      cancelled_at: c.cancelledAt ? iso(c.cancelledAt) : null,
    })),
  };
}
export type AftercareView = Awaited<ReturnType<typeof aftercareView>>;

export async function readAftercare(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  return aftercareView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

/**
 * Closes the case (case lead or team lead). Everything in one transaction: closing assessments, the fate of
 * open actions, the closure, the check-ins — a mistake in any of them leaves the case open and unchanged.
 */
export async function closeCase(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: ClosureBody,
): Promise<AftercareView> {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  requireLead(ctx, file);
  const errors: FieldError[] = [];
  const openActions = (await actionsOf(tx, [file.caseRow.id])).filter(isOpenAction);
  if (openActions.length && !body.open_actions)
    errors.push(
      fieldError(
        'open_actions',
        ctx.texts('field.openActions', { count: openActions.length, options: openActionFates.join(', ') }),
      ),
    );
  if (errors.length) throw validation(errors);

  for (const [i, assessment] of (body.assessments ?? []).entries()) {
    try {
      await recordAssessment(tx, ctx, householdId, { ...assessment, moment: 'closure' });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation')
        throw validation((err.fields ?? []).map((f) => ({ ...f, field: `assessments.${i}.${f.field}` })));
      throw err;
    }
  }
  await claimVersion(tx, ctx, file.caseRow, body.version);
  for (const action of openActions) {
    await updateAction(tx, action.id, {
      fateAtClosure: body.open_actions,
      ...(body.open_actions === 'cancelled' ? { status: 'cancelled' as const } : {}),
      updatedAt: ctx.now,
    });
  }
  // After scaling up that was not handed back, aftercare still belongs to the front-line consultant.
  const escalated = (await escalationsOf(tx, file.caseRow.id)).find((e) => !e.returnedAt);
  const aftercareById = escalated?.fromUserId ?? file.caseRow.caseLeadId;
  const closure = await insertClosure(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    outcome: body.outcome,
    noteSealed: clean(body.note) ? ctx.sealer.cipher.encrypt(clean(body.note)!) : null,
    openActionFate: openActions.length ? (body.open_actions ?? null) : null,
    closedAt: ctx.now,
    closedBy: ctx.actor.userId,
    aftercareById,
  });
  await setCaseStatus(tx, file.caseRow.id, 'closed', ctx.now);
  const weeks = [...new Set(body.check_in_weeks ?? DEFAULT_CHECK_IN_WEEKS)].sort((a, b) => a - b);
  const checkIns = await insertCheckIns(
    tx,
    weeks.map((w) => ({
      tenantId: ctx.tenant.id,
      caseId: file.caseRow.id,
      householdId: file.household.id,
      closureId: closure.id,
      responsibleId: aftercareById,
      dueAt: new Date(ctx.now.getTime() + w * WEEK_MS),
    })),
  );
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'case-closure', recordId: closure.id });
  for (const c of checkIns)
    await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'aftercare-check-in', recordId: c.id });
  return readAftercare(tx, ctx, householdId);
}

/** Records how a check-in went; 'reopen' opens the plan again and cancels the check-ins still planned. */
export async function recordCheckIn(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  checkInId: string,
  body: CheckInBody,
): Promise<AftercareView> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const checkIn = (await checkInsOf(tx, file.caseRow.id)).find((c) => c.id === checkInId);
  if (!checkIn) throw new AppError('not_found', ctx.texts('problem.checkInNotFound'));
  if (checkIn.doneAt || checkIn.cancelledAt) throw new AppError('conflict', ctx.texts('problem.checkInDone'));
  const note = clean(body.note);
  await updateCheckIn(tx, checkIn.id, {
    doneAt: ctx.now,
    doneBy: ctx.actor.userId,
    result: body.result,
    noteSealed: note ? ctx.sealer.cipher.encrypt(note) : null,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'aftercare-check-in',
    recordId: checkIn.id,
  });
  if (body.result === 'reopen') {
    if (file.caseRow.status === 'open') throw new AppError('conflict', ctx.texts('problem.otherCaseOpen'));
    await cancelPendingCheckIns(tx, file.caseRow.id, ctx.now);
    await setCaseStatus(tx, file.caseRow.id, 'open', null);
    await raiseVersion(tx, file.caseRow.id, file.caseRow.version);
    await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'case', recordId: file.caseRow.id });
  }
  return readAftercare(tx, ctx, householdId);
}

/**
 * The aftercare scan's work for one tenant: marks due check-ins as reminded and e-mails the responsible
 * consultant (no personal data in the mail). Marking and mail share the transaction, so nothing is sent twice.
 */
export async function remindDueCheckIns(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  publicUrl: string,
): Promise<{ reminded: number; mails: number }> {
  const due = await markCheckInsReminded(tx, now);
  if (!due.length) return { reminded: 0, mails: 0 };
  const actor: Actor = {
    tenantId: tenant.id,
    userId: null,
    roles: [],
    purpose: 'job casework.aftercare-scan',
  };
  const people = await userRefs(
    tx,
    due.map((c) => c.responsibleId),
  );
  let mails = 0;
  for (const c of due) {
    await recordAccess(tx, actor, { action: 'update', recordType: 'aftercare-check-in', recordId: c.id });
    const to = c.responsibleId ? people.get(c.responsibleId) : undefined;
    if (!to) continue;
    await queueMail(tx, {
      tenantId: tenant.id,
      to: to.email,
      subject: mailTexts('mail.checkIn.subject'),
      text: mailTexts('mail.checkIn.text', { due: dutchDateTime(c.dueAt), url: publicUrl }),
    });
    mails++;
  }
  return { reminded: due.length, mails };
}
