// Use cases of keeping the directory current. Each takes the tenant transaction and a context (who acts, in
// which language, at what moment), checks what the route's permission cannot (is this the user's own
// organisation?), and writes the change, its audit entry and its e-mails in that one transaction.
//
// Offers change only through the directory's own import (importHsdsInTx) for that one service: it validates
// the whole compiled service, keeps every id and writes all or nothing. It runs inside our transaction, so
// an approval, its audit entry and its e-mail exist together or not at all.
import { isEmailAddress } from '../../../platform/mail/index.js';
import { randomUUID } from 'node:crypto';
import { recordAccess, type Actor } from '../../../platform/audit/index.js';
import type { TenantTx, Tx } from '../../../platform/db/index.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import { queueMail } from '../../../platform/mail/index.js';
import { compileService, compileServices } from '../hsds-export.js';
import { importHsdsInTx } from '../hsds-import.js';
import { validateCompiledServices } from '../hsds-validate.js';
import type { CompiledService } from '../schemas.js';
import {
  REMINDER_INTERVAL_WEEKS,
  dateInNetherlands,
  daysBetween,
  lastChecked,
  staleCutoff,
} from './dates.js';
import { curationTexts, type Texts } from './messages.js';
import {
  applyFields,
  changedFields,
  checkProposal,
  diffFields,
  mergeProposal,
  offerFields,
  scheduleText,
  type DiffLine,
  type ProposalInput,
} from './offer-fields.js';
import {
  changeRequest,
  decideRequest,
  deleteMember,
  insertFeedback,
  insertMember,
  insertReminders,
  latestRequests,
  listChangeRequests,
  listFeedback,
  listMembers,
  markFeedbackHandled,
  memberEmails,
  offerHead,
  offersOfOrganizations,
  organizationExists,
  organizationsOfUser,
  savePendingRequest,
  staleOffers,
  userWithRoles,
  type ChangeRequestRow,
  type FeedbackRow,
  type MemberRow,
  type OfferHead,
  type RequestFilter,
  type StaleRow,
} from './queries.js';

export interface CurationContext {
  /** Who acts, for the audit log and the ownership check. */
  actor: Actor;
  texts: Texts;
  now: Date;
  /** Base URL of this installation, for links in e-mails. */
  publicUrl: string;
}

/** E-mails go out in Dutch: the recipient may be an organisation address without a language. */
const mailTexts = curationTexts('nl');
const mineUrl = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}/mijn-aanbod`;

const serviceNotFound = (texts: Texts) => new AppError('not_found', texts('problem.serviceNotFound'));

async function writeOffer(tx: TenantTx, ctx: CurationContext, service: CompiledService): Promise<void> {
  try {
    await importHsdsInTx(tx, [service]);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation')
      throw new AppError(
        'validation',
        ctx.texts('error.invalidOffer', {
          problems: (err.fields ?? []).map((f) => `${f.field} ${f.message}`).join('; '),
        }),
      );
    throw err;
  }
}

const isCoordinator = (actor: Actor) => actor.roles.includes('coordinator');

/** Coordinators keep the whole directory; a provider only the offers of organisations it is linked to. */
async function mayEdit(tx: TenantTx, actor: Actor, organizationId: string): Promise<boolean> {
  if (isCoordinator(actor)) return true;
  if (!actor.userId) return false;
  return (await organizationsOfUser(tx, actor.userId)).includes(organizationId);
}

async function editableOffer(
  tx: TenantTx,
  ctx: CurationContext,
  serviceId: string,
): Promise<CompiledService> {
  const service = await compileService(tx, serviceId);
  if (!service) throw serviceNotFound(ctx.texts);
  if (!(await mayEdit(tx, ctx.actor, service.organization_id ?? service.organization?.id ?? '')))
    throw new AppError('forbidden', ctx.texts('problem.notOwner'));
  return service;
}

// ---- provider membership -----------------------------------------------------------------------------------

/**
 * Links a user to an organisation, so they may propose changes to its offers (idempotent). For the demo
 * loader, in db.system or db.tenant; people use addMember (page and API), which checks and audits.
 */
export async function linkProviderToOrganization(
  tx: Tx,
  tenantId: string,
  userId: string,
  organizationId: string,
): Promise<void> {
  await insertMember(tx, { tenantId, userId, organizationId: organizationId.toLowerCase(), createdBy: null });
}

export async function addMember(
  tx: TenantTx,
  ctx: CurationContext,
  input: { userId: string; organizationId: string },
): Promise<MemberRow> {
  const errors: FieldError[] = [];
  const user = input.userId ? await userWithRoles(tx, input.userId) : undefined;
  if (!input.userId) errors.push({ field: 'user_id', message: ctx.texts('error.userRequired') });
  else if (!user) errors.push({ field: 'user_id', message: ctx.texts('error.userUnknown') });
  else if (!user.roles.some((r) => r === 'provider' || r === 'coordinator'))
    errors.push({ field: 'user_id', message: ctx.texts('error.userNotProvider') });
  const organizationId = input.organizationId.toLowerCase();
  if (!organizationId)
    errors.push({ field: 'organization_id', message: ctx.texts('error.organizationRequired') });
  else if (!(await organizationExists(tx, organizationId)))
    errors.push({ field: 'organization_id', message: ctx.texts('error.organizationUnknown') });
  if (errors.length) throw new AppError('validation', undefined, errors);
  const id = await insertMember(tx, {
    tenantId: ctx.actor.tenantId,
    userId: input.userId,
    organizationId,
    createdBy: ctx.actor.userId,
  });
  if (!id)
    throw new AppError('conflict', ctx.texts('error.memberExists'), [
      { field: 'user_id', message: ctx.texts('error.memberExists') },
    ]);
  await recordAccess(tx, ctx.actor, {
    action: 'create',
    recordType: 'provider-member',
    recordId: id,
    subjectUserId: input.userId,
  });
  return (await listMembers(tx, organizationId)).find((m) => m.id === id)!;
}

export async function removeMember(tx: TenantTx, ctx: CurationContext, id: string): Promise<void> {
  const member = (await listMembers(tx)).find((m) => m.id === id);
  if (!member || !(await deleteMember(tx, id)))
    throw new AppError('not_found', ctx.texts('problem.memberNotFound'));
  await recordAccess(tx, ctx.actor, {
    action: 'delete',
    recordType: 'provider-member',
    recordId: id,
    subjectUserId: member.user_id,
  });
}

export { listMembers };

// ---- proposals ---------------------------------------------------------------------------------------------

export interface ChangeRequestView {
  id: string;
  service_id: string;
  service_name: string;
  organization_id: string;
  organization_name: string;
  status: 'pending' | 'approved' | 'rejected';
  author: { id: string; name: string } | null;
  note: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: { id: string; name: string } | null;
  changes: DiffLine[];
  proposed: CompiledService;
}

export function requestView(row: ChangeRequestRow, texts: Texts): ChangeRequestView {
  const base = row.base as CompiledService;
  const proposed = row.proposed as CompiledService;
  return {
    id: row.id,
    service_id: row.service_id,
    service_name: row.service_name,
    organization_id: row.organization_id,
    organization_name: row.organization_name,
    status: row.status,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    note: row.note,
    reason: row.reason,
    created_at: row.created_at,
    updated_at: row.updated_at,
    decided_at: row.decided_at,
    decided_by: row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? '' } : null,
    changes: diffFields(offerFields(base), offerFields(proposed), texts),
    proposed,
  };
}

/**
 * A provider's proposal for one offer: stored as a pending change request, not live. A second proposal
 * for the same offer replaces the one still waiting (it was made against the same offer, by the same
 * organisation), so the coordinator never approves an outdated version.
 */
export async function proposeChange(
  tx: TenantTx,
  ctx: CurationContext,
  serviceId: string,
  input: ProposalInput & { note?: string | null },
): Promise<ChangeRequestView> {
  const current = await editableOffer(tx, ctx, serviceId);
  const before = offerFields(current);
  const { fields, errors } = checkProposal(before, input, ctx.texts, randomUUID);
  const note = input.note?.trim() || null;
  if (note && note.length > 2000)
    errors.push({ field: 'note', message: ctx.texts('error.tooLong', { max: 2000 }) });
  if (errors.length) throw new AppError('validation', undefined, errors);
  if (!changedFields(before, fields).length) throw new AppError('validation', ctx.texts('problem.noChange'));
  const proposed = applyFields(current, fields);
  // A guard: the fields were checked above, so the directory's own validation should find nothing here.
  const check = validateCompiledServices([proposed]);
  if (!check.ok)
    throw new AppError(
      'validation',
      ctx.texts('error.invalidOffer', {
        problems: check.problems.map((p) => `${p.path} ${p.message}`).join('; '),
      }),
    );
  const id = await savePendingRequest(tx, {
    serviceId: current.id,
    organizationId: current.organization_id ?? current.organization!.id,
    base: current,
    proposed,
    baseLastModified: current.last_modified ?? null,
    authorId: ctx.actor.userId,
    note,
    now: ctx.now,
  });
  return requestView((await changeRequest(tx, id))!, ctx.texts);
}

/** The offer's pending request, when the user may edit the offer. */
export async function pendingProposal(
  tx: TenantTx,
  ctx: CurationContext,
  serviceId: string,
): Promise<ChangeRequestView | undefined> {
  await editableOffer(tx, ctx, serviceId);
  const [row] = await listChangeRequests(tx, { status: 'pending', serviceId: serviceId.toLowerCase() });
  return row && requestView(row, ctx.texts);
}

export async function listRequests(
  tx: TenantTx,
  texts: Texts,
  filter: RequestFilter,
): Promise<ChangeRequestView[]> {
  return (await listChangeRequests(tx, filter)).map((r) => requestView(r, texts));
}

export async function getRequest(tx: TenantTx, texts: Texts, id: string): Promise<ChangeRequestView> {
  const row = await changeRequest(tx, id);
  if (!row) throw new AppError('not_found', texts('problem.requestNotFound'));
  return requestView(row, texts);
}

async function pendingForDecision(tx: TenantTx, ctx: CurationContext, id: string): Promise<ChangeRequestRow> {
  const row = await changeRequest(tx, id, { lock: true });
  if (!row) throw new AppError('not_found', ctx.texts('problem.requestNotFound'));
  if (row.status !== 'pending') throw new AppError('conflict', ctx.texts('problem.alreadyDecided'));
  return row;
}

/**
 * Approval: the proposal's changes, merged into the offer as it is now, go live; the offer counts as checked
 * today. A field the proposal changed that somebody else changed differently meanwhile is a conflict: then
 * nothing is written and the coordinator rejects, so the provider can propose against the new version.
 */
export async function approveRequest(
  tx: TenantTx,
  ctx: CurationContext,
  id: string,
): Promise<ChangeRequestView> {
  const row = await pendingForDecision(tx, ctx, id);
  const current = await compileService(tx, row.service_id);
  if (!current) throw serviceNotFound(ctx.texts);
  const nowFields = offerFields(current);
  const merge = mergeProposal(
    offerFields(row.base as CompiledService),
    offerFields(row.proposed as CompiledService),
    nowFields,
  );
  if (merge.conflicts.length) {
    const labels = diffFields(
      offerFields(row.base as CompiledService),
      offerFields(row.proposed as CompiledService),
      ctx.texts,
    )
      .filter((l) => merge.conflicts.some((c) => l.field === c || l.field.startsWith(`${c}.`)))
      .map((l) => l.label);
    throw new AppError(
      'conflict',
      ctx.texts('problem.conflict', { fields: [...new Set(labels)].join(', ') }),
    );
  }
  const contentChanged = changedFields(nowFields, merge.fields).length > 0;
  const live: CompiledService = {
    ...applyFields(current, merge.fields),
    assured_date: dateInNetherlands(ctx.now),
    last_modified: contentChanged ? ctx.now.toISOString() : current.last_modified,
  };
  await writeOffer(tx, ctx, live);
  await decideRequest(tx, { id, status: 'approved', reason: null, by: ctx.actor.userId, now: ctx.now });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'change-request',
    recordId: id,
    subjectUserId: row.author_id,
  });
  if (row.author_email)
    await queueMail(tx, {
      tenantId: ctx.actor.tenantId,
      to: row.author_email,
      subject: mailTexts('mail.approved.subject', { name: live.name }),
      text: mailTexts('mail.approved.text', { name: live.name, url: mineUrl(ctx.publicUrl) }),
    });
  return requestView((await changeRequest(tx, id))!, ctx.texts);
}

export async function rejectRequest(
  tx: TenantTx,
  ctx: CurationContext,
  id: string,
  reasonInput: string | null | undefined,
): Promise<ChangeRequestView> {
  const reason = reasonInput?.replace(/\r\n/g, '\n').trim() ?? '';
  if (!reason)
    throw new AppError('validation', undefined, [
      { field: 'reason', message: ctx.texts('error.reasonRequired') },
    ]);
  if (reason.length > 2000)
    throw new AppError('validation', undefined, [
      { field: 'reason', message: ctx.texts('error.tooLong', { max: 2000 }) },
    ]);
  const row = await pendingForDecision(tx, ctx, id);
  await decideRequest(tx, { id, status: 'rejected', reason, by: ctx.actor.userId, now: ctx.now });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'change-request',
    recordId: id,
    subjectUserId: row.author_id,
  });
  if (row.author_email)
    await queueMail(tx, {
      tenantId: ctx.actor.tenantId,
      to: row.author_email,
      subject: mailTexts('mail.rejected.subject', { name: row.service_name }),
      text: mailTexts('mail.rejected.text', { name: row.service_name, reason, url: mineUrl(ctx.publicUrl) }),
    });
  return requestView((await changeRequest(tx, id))!, ctx.texts);
}

/**
 * "Alles klopt nog": the owner states the offer is still right. Nothing in the offer changes, so there is
 * nothing for a coordinator to compare; it takes effect at once (assured_date is today, last_modified stays)
 * and is in the audit log. Coordinators still see every offer in the staleness report and its date.
 */
export async function confirmOffer(
  tx: TenantTx,
  ctx: CurationContext,
  serviceId: string,
): Promise<{ assured_date: string }> {
  const current = await editableOffer(tx, ctx, serviceId);
  const today = dateInNetherlands(ctx.now);
  if (current.assured_date !== today) await writeOffer(tx, ctx, { ...current, assured_date: today });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'service', recordId: current.id });
  return { assured_date: today };
}

// ---- the provider's own offers -----------------------------------------------------------------------------

export interface MyOffer {
  id: string;
  name: string;
  status: string;
  last_checked: string | null;
  stale: boolean;
  times: string[];
  change_request: Pick<
    ChangeRequestView,
    'id' | 'status' | 'reason' | 'created_at' | 'updated_at' | 'decided_at'
  > | null;
}

export interface MyOrganization {
  id: string;
  name: string;
  services: MyOffer[];
}

export async function myOffers(
  tx: TenantTx,
  ctx: CurationContext,
  staleAfterMonths: number,
): Promise<{ organizations: MyOrganization[]; feedback: FeedbackRow[] }> {
  const orgIds = ctx.actor.userId ? await organizationsOfUser(tx, ctx.actor.userId) : [];
  const heads = await offersOfOrganizations(tx, orgIds);
  const requests = await latestRequests(
    tx,
    heads.map((h) => h.id),
  );
  const cutoff = staleCutoff(ctx.now, staleAfterMonths);
  const times = await offerTimes(
    tx,
    heads.map((h) => h.id),
    ctx.texts,
  );
  const organizations = new Map<string, MyOrganization>();
  for (const h of heads) {
    let org = organizations.get(h.organization_id);
    if (!org)
      organizations.set(
        h.organization_id,
        (org = { id: h.organization_id, name: h.organization_name, services: [] }),
      );
    const checked = lastChecked(h) ?? null;
    const r = requests.get(h.id);
    org.services.push({
      id: h.id,
      name: h.name,
      status: h.status,
      last_checked: checked,
      stale: checked === null || checked < cutoff,
      times: times.get(h.id) ?? [],
      change_request: r
        ? {
            id: r.id,
            status: r.status,
            reason: r.reason,
            created_at: r.created_at,
            updated_at: r.updated_at,
            decided_at: r.decided_at,
          }
        : null,
    });
  }
  const feedback = orgIds.length ? await listFeedback(tx, { status: 'open', organizationIds: orgIds }) : [];
  return { organizations: [...organizations.values()], feedback };
}

/** Opening hours of these offers in words, one line per schedule. */
async function offerTimes(tx: TenantTx, ids: string[], texts: Texts): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of await compileServices(tx, ids))
    out.set(
      s.id,
      offerFields(s).schedules.map((f) => scheduleText(f, texts)),
    );
  return out;
}

// ---- staleness ---------------------------------------------------------------------------------------------

export interface StaleOffer {
  id: string;
  name: string;
  organization_id: string;
  organization_name: string;
  last_checked: string;
  age_days: number;
  last_reminded_at: string | null;
}

export async function listStale(
  tx: TenantTx,
  now: Date,
  months: number,
  organizationId?: string,
): Promise<{ cutoff: string; contents: StaleOffer[] }> {
  const cutoff = staleCutoff(now, months);
  const today = dateInNetherlands(now);
  const found = await staleOffers(tx, cutoff, organizationId);
  return {
    cutoff,
    contents: found.map((r) => ({
      id: r.id,
      name: r.name,
      organization_id: r.organization_id,
      organization_name: r.organization_name,
      last_checked: r.last_checked,
      age_days: daysBetween(r.last_checked, today),
      last_reminded_at: r.last_reminded_at,
    })),
  };
}

/** Who hears about an offer: the linked providers, else the organisation's address, else the offer's. */
async function ownersOf(tx: TenantTx, offers: OfferHead[]): Promise<Map<string, string[]>> {
  const members = await memberEmails(tx, [...new Set(offers.map((o) => o.organization_id))]);
  const out = new Map<string, string[]>();
  for (const o of offers) {
    const linked = members.get(o.organization_id);
    const to = linked?.length
      ? linked
      : o.organization_email
        ? [o.organization_email]
        : o.email
          ? [o.email]
          : [];
    out.set(o.id, to);
  }
  return out;
}

export interface ScanResult {
  /** Offers stale now. */
  stale: number;
  /** Offers a reminder went out for in this scan. */
  reminded: number;
  /** E-mails queued (one per owner address, listing all its offers). */
  mails: number;
}

/**
 * Sends owners of stale offers a reminder, at most one per offer per `intervalWeeks`; what was sent is
 * remembered in directory_staleness_reminders. Run by the daily job; safe to run more often.
 */
export async function remindStaleOwners(
  tx: TenantTx,
  opts: { tenantId: string; now: Date; months: number; publicUrl: string; intervalWeeks?: number },
): Promise<ScanResult> {
  const stale = await staleOffers(tx, staleCutoff(opts.now, opts.months));
  const quietSince = opts.now.getTime() - (opts.intervalWeeks ?? REMINDER_INTERVAL_WEEKS) * 7 * 86_400_000;
  const due = stale.filter((s) => !s.last_reminded_at || Date.parse(s.last_reminded_at) <= quietSince);
  const owners = await ownersOf(tx, due);
  const perAddress = new Map<string, { to: string; offers: StaleRow[] }>();
  const reminded: string[] = [];
  for (const offer of due) {
    const to = owners.get(offer.id) ?? [];
    if (!to.length) continue;
    reminded.push(offer.id);
    for (const address of to) {
      const key = address.toLowerCase();
      const entry = perAddress.get(key) ?? { to: address, offers: [] };
      entry.offers.push(offer);
      perAddress.set(key, entry);
    }
  }
  for (const { to, offers } of perAddress.values())
    await queueMail(tx, {
      tenantId: opts.tenantId,
      to,
      subject: mailTexts('mail.reminder.subject'),
      text: mailTexts('mail.reminder.text', {
        months: opts.months,
        offers: offers
          .map((o) => mailTexts('mail.reminder.offer', { name: o.name, date: o.last_checked }))
          .join('\n'),
        url: mineUrl(opts.publicUrl),
      }),
    });
  await insertReminders(tx, reminded, opts.now);
  return { stale: stale.length, reminded: reminded.length, mails: perAddress.size };
}

// ---- "klopt er iets niet?" ---------------------------------------------------------------------------------

export interface ReportInput {
  message?: string | null;
  email?: string | null;
}

export function checkReport(
  input: ReportInput,
  texts: Texts,
): { message: string; email: string | null; errors: FieldError[] } {
  const message = (input.message ?? '').replace(/\r\n/g, '\n').trim();
  const email = (input.email ?? '').trim() || null;
  const errors: FieldError[] = [];
  if (!message) errors.push({ field: 'message', message: texts('error.messageRequired') });
  else if (message.length > 2000)
    errors.push({ field: 'message', message: texts('error.tooLong', { max: 2000 }) });
  if (email && !isEmailAddress(email)) errors.push({ field: 'email', message: texts('error.email') });
  return { message, email, errors };
}

/**
 * A resident's report. It reaches the owners by e-mail and in "Mijn aanbod", and coordinators in the queue.
 * Anonymous: no account and no IP address are stored, and no audit entry is written (it would hold the IP).
 */
export async function reportProblem(
  tx: TenantTx,
  opts: { tenantId: string; texts: Texts; now: Date; publicUrl: string },
  serviceId: string,
  input: ReportInput,
): Promise<{ id: string }> {
  const offer = await offerHead(tx, serviceId.toLowerCase());
  if (!offer) throw serviceNotFound(opts.texts);
  const { message, email, errors } = checkReport(input, opts.texts);
  if (errors.length) throw new AppError('validation', undefined, errors);
  const id = await insertFeedback(tx, { serviceId: offer.id, message, contactEmail: email, now: opts.now });
  const to = (await ownersOf(tx, [offer])).get(offer.id) ?? [];
  for (const address of to)
    await queueMail(tx, {
      tenantId: opts.tenantId,
      to: address,
      subject: mailTexts('mail.feedback.subject', { name: offer.name }),
      text: mailTexts('mail.feedback.text', {
        name: offer.name,
        message,
        contact: email ? mailTexts('mail.feedback.contact', { email }) : mailTexts('mail.feedback.noContact'),
        url: mineUrl(opts.publicUrl),
      }),
    });
  return { id };
}

export async function handleFeedback(tx: TenantTx, ctx: CurationContext, id: string): Promise<void> {
  if (!(await markFeedbackHandled(tx, id, ctx.actor.userId, ctx.now)))
    throw new AppError('not_found', ctx.texts('problem.feedbackNotFound'));
}

export async function openFeedback(tx: TenantTx, organizationIds?: string[]): Promise<FeedbackRow[]> {
  return listFeedback(tx, { status: 'open', organizationIds });
}

export { listFeedback, type FeedbackRow, type MemberRow };
