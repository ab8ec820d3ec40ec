// Scaling up (opschalen): about 15% of the households need more than the social base. The front-line
// consultant hands the case to an expert consultant (Wmo or Jeugd) with a hand-over note; the expert becomes
// case lead, the front-line consultant stays a co-worker at a distance and gets the case back for aftercare.
// Custom provisions are recorded as requested / granted / refused with their period: enough for the
// prevention business case, not a Wmo or Jeugdwet back office.
import { recordAccess } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { claimVersion, requireCaseFile, requireLead, type CaseFile } from './case-file.js';
import {
  escalationsOf,
  insertEscalation,
  insertProvision,
  markReturned,
  provisionsOf,
  updateProvision,
  type EscalationRow,
  type ProvisionRow,
} from './case-queries.js';
import { dutchDate, isCalendarDate } from './dates.js';
import { handOver } from './plan.js';
import type { EscalationBody, ProvisionBody, ProvisionPatch, ReturnBody } from './plan-schemas.js';
import { userRefs, userWithRoles } from './queries.js';
import { clean, fieldError, iso, validation, type CaseworkContext } from './service.js';

function provisionView(p: ProvisionRow) {
  return {
    id: p.id,
    area: p.area,
    kind: p.kind,
    status: p.status,
    requested_on: p.requestedOn,
    decided_on: p.decidedOn,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
  };
}
export type ProvisionView = ReturnType<typeof provisionView>;

async function escalationsView(tx: TenantTx, ctx: CaseworkContext, file: CaseFile) {
  const list = await escalationsOf(tx, file.caseRow.id);
  const provisions = await provisionsOf(tx, [file.caseRow.id]);
  const people = await userRefs(tx, [
    file.caseRow.caseLeadId,
    ...list.flatMap((e) => [e.fromUserId, e.toUserId]),
  ]);
  const open = (s: string | null) => (s ? ctx.sealer.cipher.decrypt(s) : null);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'escalations', recordId: file.caseRow.id });
  return {
    household_id: file.household.id,
    case_id: file.caseRow.id,
    version: file.caseRow.version,
    case_lead: people.get(file.caseRow.caseLeadId)!,
    escalations: list.map((e: EscalationRow) => ({
      id: e.id,
      area: e.area,
      from: people.get(e.fromUserId)!,
      to: people.get(e.toUserId)!,
      note: open(e.noteSealed)!,
      escalated_at: iso(e.escalatedAt),
      returned_at: e.returnedAt ? iso(e.returnedAt) : null,
      return_note: open(e.returnNoteSealed),
    })),
    provisions: provisions.map(provisionView),
  };
}
export type EscalationsView = Awaited<ReturnType<typeof escalationsView>>;

export async function readEscalations(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  return escalationsView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

/** The case lead (or a team lead) hands the case to an expert consultant, with a note. */
export async function escalateCase(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: EscalationBody,
): Promise<EscalationsView> {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  requireLead(ctx, file);
  const current = (await escalationsOf(tx, file.caseRow.id)).find((e) => !e.returnedAt);
  if (current) {
    const to = (await userRefs(tx, [current.toUserId])).get(current.toUserId);
    throw new AppError('conflict', ctx.texts('problem.alreadyEscalated', { name: to?.name ?? '-' }));
  }
  const errors: FieldError[] = [];
  const note = clean(body.note);
  if (!note) errors.push(fieldError('note', ctx.texts('field.note')));
  const expert = await userWithRoles(tx, body.expert_id);
  if (!expert || expert.disabled || !expert.roles.includes('expert-consultant'))
    errors.push(fieldError('expert_id', ctx.texts('field.expert')));
  if (errors.length) throw validation(errors);
  await claimVersion(tx, ctx, file.caseRow, body.version);
  const row = await insertEscalation(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    area: body.area,
    fromUserId: file.caseRow.caseLeadId,
    toUserId: expert!.id,
    noteSealed: ctx.sealer.cipher.encrypt(note!),
    escalatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'escalation', recordId: row.id });
  await handOver(tx, ctx, file, expert!.id, ctx.texts('reason.frontLine'));
  return escalationsView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

/** The expert gives the case back to the front-line consultant, for the rest of the plan and aftercare. */
export async function returnCase(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: ReturnBody,
): Promise<EscalationsView> {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  requireLead(ctx, file);
  const current = (await escalationsOf(tx, file.caseRow.id)).find((e) => !e.returnedAt);
  if (!current) throw new AppError('conflict', ctx.texts('problem.notEscalated'));
  const note = clean(body.note);
  if (!note) throw validation([fieldError('note', ctx.texts('field.note'))]);
  await claimVersion(tx, ctx, file.caseRow, body.version);
  await markReturned(tx, current.id, ctx.now, ctx.sealer.cipher.encrypt(note));
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'escalation', recordId: current.id });
  await handOver(tx, ctx, file, current.fromUserId, note);
  return escalationsView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

function checkProvisionDates(
  ctx: CaseworkContext,
  values: {
    status: string;
    requestedOn: string;
    decidedOn: string | null;
    startsOn: string | null;
    endsOn: string | null;
  },
  errors: FieldError[],
) {
  const fields = [
    ['requested_on', values.requestedOn],
    ['decided_on', values.decidedOn],
    ['starts_on', values.startsOn],
    ['ends_on', values.endsOn],
  ] as const;
  for (const [field, value] of fields)
    if (value !== null && !isCalendarDate(value)) errors.push(fieldError(field, ctx.texts('field.date')));
  if (errors.length) return;
  if (values.status === 'granted' && !values.startsOn)
    errors.push(fieldError('starts_on', ctx.texts('field.provisionStart')));
  if (values.startsOn && values.endsOn && values.endsOn < values.startsOn)
    errors.push(fieldError('ends_on', ctx.texts('field.endBeforeStart')));
}

/** Records a custom provision requested for the household (by whoever works on the case). */
export async function recordProvision(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: ProvisionBody,
): Promise<ProvisionView> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const errors: FieldError[] = [];
  const kind = clean(body.kind);
  if (!kind) errors.push(fieldError('kind', ctx.texts('field.provisionKind')));
  const values = {
    status: body.status ?? 'requested',
    requestedOn: body.requested_on ?? dutchDate(ctx.now),
    decidedOn: body.decided_on ?? null,
    startsOn: body.starts_on ?? null,
    endsOn: body.ends_on ?? null,
  };
  checkProvisionDates(ctx, values, errors);
  if (errors.length) throw validation(errors);
  const row = await insertProvision(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    area: body.area,
    kind: kind!,
    ...values,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'custom-provision', recordId: row.id });
  return provisionView(row);
}

/** The decision on a custom provision: granted (with its period) or refused. */
export async function changeProvision(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  provisionId: string,
  body: ProvisionPatch,
): Promise<ProvisionView> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const row = (await provisionsOf(tx, [file.caseRow.id])).find((p) => p.id === provisionId);
  if (!row) throw new AppError('not_found', ctx.texts('problem.provisionNotFound'));
  if (!Object.keys(body).length) throw validation([fieldError('body', ctx.texts('field.nothingToChange'))]);
  const values = {
    status: body.status ?? row.status,
    requestedOn: row.requestedOn,
    decidedOn:
      body.decided_on !== undefined
        ? body.decided_on
        : (row.decidedOn ?? (body.status ? dutchDate(ctx.now) : null)),
    startsOn: body.starts_on !== undefined ? body.starts_on : row.startsOn,
    endsOn: body.ends_on !== undefined ? body.ends_on : row.endsOn,
  };
  const errors: FieldError[] = [];
  checkProvisionDates(ctx, values, errors);
  if (errors.length) throw validation(errors);
  const updated = await updateProvision(tx, row.id, { ...values, updatedAt: ctx.now });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'custom-provision', recordId: row.id });
  return provisionView(updated);
}
