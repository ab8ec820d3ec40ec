// Use cases of referrals. Each takes the tenant transaction and a context (who acts, tenant, language, moment),
// decides what the route's permission cannot (did this person send this referral, or receive it?), and writes
// the change, its status event, its audit entries and its e-mails in that one transaction.
//
// Who sees what: the receiver (the organisation's provider accounts for an offer; the social team for the
// welfare coach and the social team) sees who the resident is, why, and what they consented to. The referrer
// sees the status history and the outcome, the resident's name only, and never the case file that a referral to
// the social team opens. Every read of a referral is audited.
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import { can, caseFileRoles, type Role } from '../../platform/auth/permissions.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { formatDateTime } from '../../platform/i18n/dates.js';
import { isEmailAddress, queueMail } from '../../platform/mail/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { placePostcode } from '../areas/index.js';
import {
  caseworkTexts,
  createSupportRequest,
  deadlineHours,
  nameKey,
  normalisePostcode,
  readHousehold,
  registerHousehold,
  type CaseworkContext,
  type Sealer,
} from '../casework/index.js';
import { compileService } from '../directory/index.js';
import { memberEmails, organizationsOfUser } from '../directory/curation/index.js';
import { referralTexts, type Texts } from './messages.js';
import {
  activeUsersWithRole,
  childrenOf,
  eventsOf,
  insertEvent,
  followUpsDue,
  insertReferral,
  markEvaluationsDue,
  markOverdue,
  markReportsDue,
  pathwayById,
  recentDuplicate,
  receivedBy,
  referralById,
  sentBy,
  updateReferral,
  userRefs,
  type EventRow,
  type PathwayRow,
  type ReferralRow,
  type UserRef,
} from './queries.js';
import type { DeclineReason, ReferralStatus, TargetKind } from './tables.js';

export interface ReferralContext {
  actor: Actor;
  tenant: Tenant;
  locale: Locale;
  texts: Texts;
  now: Date;
  sealer: Sealer;
  publicUrl: string;
}

const HOUR_MS = 60 * 60 * 1000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const mailTexts = referralTexts('nl');
const iso = (d: Date) => d.toISOString();

/** Allowed next statuses; anything else is an illegal jump. Closed statuses have none. */
export const transitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['received', 'contacted', 'declined', 'withdrawn', 'referred-elsewhere'],
  received: ['contacted', 'declined', 'no-show', 'withdrawn', 'referred-elsewhere'],
  contacted: ['started', 'declined', 'no-show', 'withdrawn', 'referred-elsewhere'],
  started: ['completed', 'no-show', 'withdrawn', 'referred-elsewhere'],
  completed: [],
  declined: [],
  'no-show': [],
  withdrawn: [],
  'referred-elsewhere': [],
};
const closing: readonly ReferralStatus[] = [
  'completed',
  'declined',
  'no-show',
  'withdrawn',
  'referred-elsewhere',
];

export interface Resident {
  given_name: string;
  family_name: string;
  birth_date: string;
  postcode: string;
  house_number?: number | null;
  phone?: string | null;
  email?: string | null;
}

export interface NewReferral {
  resident?: Resident;
  household_id?: string;
  target: { service_id: string } | { kind: 'welfare-coach' | 'social-team' };
  reason: string;
  consent: { given: boolean; scope: string; shared_with?: string };
  no_contact?: boolean;
  pathway_id?: string;
  pathway_step?: number;
  confirm_duplicate?: boolean;
}

const fieldError = (field: string, message: string): FieldError => ({ field, message });
const clean = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};

function caseworkContext(ctx: ReferralContext): CaseworkContext {
  return {
    actor: ctx.actor,
    tenant: ctx.tenant,
    locale: ctx.locale,
    texts: caseworkTexts(ctx.locale),
    now: ctx.now,
    sealer: ctx.sealer,
    publicUrl: ctx.publicUrl,
  };
}

// ---- sealing ----

function seal(ctx: ReferralContext, value: string): string {
  return ctx.sealer.cipher.encrypt(value);
}
function unseal(ctx: ReferralContext, value: string | null): string | null {
  return value === null ? null : ctx.sealer.cipher.decrypt(value);
}
function residentOf(ctx: ReferralContext, r: ReferralRow): Resident {
  return JSON.parse(ctx.sealer.cipher.decrypt(r.residentSealed)) as Resident;
}
/** A keyed hash of name and birth date (the installation's lookup key): equal residents, equal keys. */
function residentKey(ctx: ReferralContext, r: Resident): string {
  return ctx.sealer.bsnLookup(`referral-resident:${nameKey(r.given_name, r.family_name)}|${r.birth_date}`);
}

// ---- checks ----

function checkResident(ctx: ReferralContext, input: Resident, errors: FieldError[]): Resident | undefined {
  const t = ctx.texts;
  const given = clean(input.given_name);
  const family = clean(input.family_name);
  const postcode = normalisePostcode(input.postcode ?? '');
  const birth = input.birth_date;
  if (!given) errors.push(fieldError('resident.given_name', t('field.givenName')));
  if (!family) errors.push(fieldError('resident.family_name', t('field.familyName')));
  const birthOk =
    /^\d{4}-\d{2}-\d{2}$/.test(birth ?? '') &&
    !Number.isNaN(Date.parse(`${birth}T00:00:00Z`)) &&
    new Date(`${birth}T00:00:00Z`).toISOString().slice(0, 10) === birth &&
    Date.parse(`${birth}T00:00:00Z`) <= ctx.now.getTime() &&
    Number(birth.slice(0, 4)) > ctx.now.getUTCFullYear() - 120;
  if (!birthOk) errors.push(fieldError('resident.birth_date', t('field.birthDate')));
  if (!postcode) errors.push(fieldError('resident.postcode', t('field.postcode')));
  const phone = clean(input.phone);
  if (phone && !/^[0-9 +()-]{6,20}$/.test(phone)) errors.push(fieldError('resident.phone', t('field.phone')));
  const email = clean(input.email);
  if (email && !isEmailAddress(email)) errors.push(fieldError('resident.email', t('field.email')));
  if (!given || !family || !birthOk || !postcode) return undefined;
  return {
    given_name: given,
    family_name: family,
    birth_date: birth,
    postcode,
    house_number: input.house_number ?? null,
    phone: phone ?? null,
    email: email ?? null,
  };
}

/** The resident as the household file knows them, for a professional who works on that household. */
async function residentFromHousehold(
  tx: TenantTx,
  ctx: ReferralContext,
  householdId: string,
): Promise<Resident> {
  if (!can(ctx.actor.roles as Role[], 'casework:read'))
    throw new AppError('forbidden', ctx.texts('problem.householdNoAccess'));
  const view = await readHousehold(tx, caseworkContext(ctx), householdId);
  if (view.view !== 'full') throw new AppError('forbidden', ctx.texts('problem.householdNoAccess'));
  const m = view.members[0]!;
  return {
    given_name: m.given_name,
    family_name: m.family_name,
    birth_date: m.birth_date,
    postcode: view.address.postcode,
    house_number: view.address.house_number,
    phone: m.phone,
    email: m.email,
  };
}

interface Target {
  kind: TargetKind;
  serviceId: string | null;
  serviceName: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

async function resolveTarget(
  tx: TenantTx,
  ctx: ReferralContext,
  target: NewReferral['target'],
): Promise<Target> {
  if ('service_id' in target) {
    const service = await compileService(tx, target.service_id);
    if (!service)
      throw new AppError('validation', undefined, [
        fieldError('target.service_id', ctx.texts('field.serviceUnknown')),
      ]);
    if (service.status !== 'active') throw new AppError('conflict', ctx.texts('problem.inactiveOffer'));
    return {
      kind: 'service',
      serviceId: service.id,
      serviceName: service.name,
      organizationId: service.organization_id ?? null,
      organizationName: service.organization?.name ?? null,
    };
  }
  return {
    kind: target.kind,
    serviceId: null,
    serviceName: null,
    organizationId: null,
    organizationName: null,
  };
}

export function targetLabel(texts: Texts, r: Pick<ReferralRow, 'targetKind' | 'serviceName'>): string {
  return r.targetKind === 'service' ? (r.serviceName ?? '-') : texts(`target.${r.targetKind}`);
}

// ---- who is this to the referral ----

export type Relation = 'receiver' | 'referrer';

/** Whether the actor receives this referral: the offer's provider accounts, or the social team. */
async function isReceiver(tx: TenantTx, ctx: ReferralContext, r: ReferralRow): Promise<boolean> {
  const roles = ctx.actor.roles as Role[];
  if (!ctx.actor.userId || !can(roles, 'referrals:receive')) return false;
  if (r.targetKind === 'service') {
    const orgs = await organizationsOfUser(tx, ctx.actor.userId);
    return r.organizationId !== null && orgs.includes(r.organizationId);
  }
  return roles.some((role) => caseFileRoles.includes(role));
}

async function relationTo(tx: TenantTx, ctx: ReferralContext, r: ReferralRow): Promise<Relation | undefined> {
  if (await isReceiver(tx, ctx, r)) return 'receiver';
  if (ctx.actor.userId && r.referrerId === ctx.actor.userId) return 'referrer';
  return undefined;
}

// ---- views ----

/** Waiting for first contact after the deadline (or already escalated by the scan). */
function isOverdue(r: ReferralRow, now: Date): boolean {
  if (r.firstContactAt || r.closedAt) return false;
  return r.overdueAt !== null || r.respondBefore.getTime() <= now.getTime();
}

function eventView(ctx: ReferralContext, e: EventRow, people: Map<string, UserRef>) {
  return {
    status: e.status,
    at: iso(e.at),
    actor: (e.actorId && people.get(e.actorId)?.name) || e.actorLabel || null,
    reason_code: e.reasonCode,
    reason: unseal(ctx, e.noteSealed),
  };
}

function childView(c: ReferralRow) {
  return {
    id: c.id,
    service_id: c.serviceId,
    service_name: c.serviceName,
    organization_name: c.organizationName,
    status: c.status,
  };
}

async function referralView(tx: TenantTx, ctx: ReferralContext, r: ReferralRow, relation: Relation) {
  const events = await eventsOf(tx, r.id);
  const children = await childrenOf(tx, r.id);
  const people = await userRefs(tx, [r.referrerId, r.receiverId, ...events.map((e) => e.actorId)]);
  const resident = residentOf(ctx, r);
  const pathway = r.pathwayId ? await pathwayById(tx, r.pathwayId) : undefined;
  const base = {
    id: r.id,
    view: relation,
    status: r.status,
    target: {
      kind: r.targetKind,
      service_id: r.serviceId,
      service_name: r.serviceName,
      organization_name: r.organizationName,
    },
    referrer: (r.referrerId && people.get(r.referrerId)?.name) || null,
    receiver: (r.receiverId && people.get(r.receiverId)?.name) || null,
    created_at: iso(r.createdAt),
    respond_before: iso(r.respondBefore),
    first_contact_at: r.firstContactAt ? iso(r.firstContactAt) : null,
    overdue: isOverdue(r, ctx.now),
    pathway: pathway ? { id: pathway.id, title: pathway.title, step: r.pathwayStep } : null,
    history: events.map((e) => eventView(ctx, e, people)),
    outcome: unseal(ctx, r.outcomeSealed),
    offers: children.map(childView),
    report_due_at: r.reportDueAt ? iso(r.reportDueAt) : null,
    evaluate_at: r.evaluateAt ? iso(r.evaluateAt) : null,
    follow_up_at: r.followUpAt ? iso(r.followUpAt) : null,
    parent_id: r.parentId,
    closed_at: r.closedAt ? iso(r.closedAt) : null,
  };
  if (relation === 'referrer') {
    // What the purpose needs: which resident it was about, and how it went. Nothing of the file behind it.
    return {
      ...base,
      resident: { given_name: resident.given_name, family_name: resident.family_name },
      reason: null,
      consent: null,
    };
  }
  return {
    ...base,
    resident,
    household_id: r.householdId,
    support_request_id: r.supportRequestId,
    reason: unseal(ctx, r.reasonSealed),
    consent: {
      scope: r.consentScope,
      shared_with: r.consentSharedWith,
      given_at: iso(r.consentGivenAt),
      no_contact: r.noContact,
    },
  };
}
export type ReferralView = Awaited<ReturnType<typeof referralView>>;

// ---- mail ----

async function notifyReceivers(tx: TenantTx, ctx: ReferralContext, r: ReferralRow): Promise<void> {
  const to =
    r.targetKind === 'service'
      ? r.organizationId
        ? ((await memberEmails(tx, [r.organizationId])).get(r.organizationId) ?? [])
        : []
      : (await activeUsersWithRole(tx, 'consultant')).map((u) => u.email);
  // No personal data in the e-mail: the receiver reads who and why in Wijkkracht.
  for (const address of to) {
    await queueMail(tx, {
      tenantId: ctx.tenant.id,
      to: address,
      subject: mailTexts('mail.new.subject'),
      text: mailTexts('mail.new.text', {
        target: targetLabel(mailTexts, r),
        deadline: dutchDateTime(r.respondBefore),
        url: `${ctx.publicUrl}/verwijzingen/${r.id}`,
      }),
    });
  }
}

/** The resident hears from us only when they gave an address and did not ask for no contact. */
async function mailResident(
  tx: TenantTx,
  tenantId: string,
  r: ReferralRow,
  resident: Resident,
  mail: { subject: string; text: string },
): Promise<void> {
  if (r.noContact || !resident.email) return;
  await queueMail(tx, { tenantId, to: resident.email, ...mail });
}

// E-mails to residents and partners are in Dutch.
const dutchDateTime = (d: Date) => formatDateTime({ locale: 'nl' }, d, 'long');

// ---- use cases ----

export type CreateResult =
  | { kind: 'created'; referral: ReferralView }
  | { kind: 'duplicate'; existing: { id: string; created_at: string; status: ReferralStatus } };

/**
 * A partner refers a resident, with the resident's consent recorded (for what, shared with whom). The receiver
 * must make contact before the tenant's response deadline (48 hours by default). The same resident to the same
 * target within a week is returned as a duplicate unless the caller confirms.
 */
export async function createReferral(
  tx: TenantTx,
  ctx: ReferralContext,
  body: NewReferral,
  opts: { parentId?: string; selfSignUp?: boolean } = {},
): Promise<CreateResult> {
  const t = ctx.texts;
  const errors: FieldError[] = [];
  if (body.consent?.given !== true) errors.push(fieldError('consent.given', t('field.consent')));
  const scope = clean(body.consent?.scope);
  if (!scope) errors.push(fieldError('consent.scope', t('field.consentScope')));
  const reason = clean(body.reason);
  if (!reason) errors.push(fieldError('reason', t('field.reason')));
  if ((body.resident === undefined) === (body.household_id === undefined))
    errors.push(fieldError('resident', t('field.residentOrHousehold')));
  let resident = body.resident ? checkResident(ctx, body.resident, errors) : undefined;
  const social = 'kind' in body.target && body.target.kind === 'social-team';
  if (social && body.resident && !body.resident.house_number)
    errors.push(fieldError('resident.house_number', t('field.houseNumber')));
  if (errors.length) throw new AppError('validation', undefined, errors);

  const target = await resolveTarget(tx, ctx, body.target);
  if (body.household_id) resident = await residentFromHousehold(tx, ctx, body.household_id);
  const key = residentKey(ctx, resident!);
  if (!body.confirm_duplicate && !opts.parentId) {
    const existing = await recentDuplicate(
      tx,
      key,
      { kind: target.kind, serviceId: target.serviceId },
      new Date(ctx.now.getTime() - WEEK_MS),
    );
    if (existing) {
      await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'referral', recordId: existing.id });
      return {
        kind: 'duplicate',
        existing: { id: existing.id, created_at: iso(existing.createdAt), status: existing.status },
      };
    }
  }
  let pathwayId: string | null = null;
  if (body.pathway_id) {
    const pathway = await pathwayById(tx, body.pathway_id);
    if (!pathway)
      throw new AppError('validation', undefined, [fieldError('pathway_id', t('problem.pathwayNotFound'))]);
    pathwayId = pathway.id;
  }
  const placed = await placePostcode(tx, resident!.postcode);
  const respondBefore = new Date(ctx.now.getTime() + deadlineHours(ctx.tenant) * HOUR_MS);
  const sharedWith =
    clean(body.consent.shared_with) ??
    (target.kind === 'service' ? (target.organizationName ?? '-') : t(`target.${target.kind}`));
  const row = await insertReferral(tx, {
    tenantId: ctx.tenant.id,
    referrerId: opts.selfSignUp ? null : ctx.actor.userId,
    targetKind: target.kind,
    serviceId: target.serviceId,
    organizationId: target.organizationId,
    serviceName: target.serviceName,
    organizationName: target.organizationName,
    residentSealed: seal(ctx, JSON.stringify(resident)),
    residentKey: key,
    householdId: body.household_id ?? null,
    areaId: placed?.area.id ?? null,
    reasonSealed: seal(ctx, reason!),
    consentScope: scope!,
    consentSharedWith: sharedWith,
    consentGivenAt: ctx.now,
    noContact: body.no_contact ?? false,
    pathwayId,
    pathwayStep: body.pathway_step ?? null,
    parentId: opts.parentId ?? null,
    status: 'sent',
    respondBefore,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await insertEvent(tx, {
    tenantId: ctx.tenant.id,
    referralId: row.id,
    status: 'sent',
    at: ctx.now,
    actorId: opts.selfSignUp ? null : ctx.actor.userId,
    actorLabel: opts.selfSignUp ? t('signup.self') : null,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'referral', recordId: row.id });
  await notifyReceivers(tx, ctx, row);
  if (opts.selfSignUp)
    await mailResident(tx, ctx.tenant.id, row, resident!, {
      subject: mailTexts('mail.resident.subject'),
      text: mailTexts('mail.resident.text', {
        target: targetLabel(mailTexts, row),
        provider: row.organizationName ?? '-',
        deadline: dutchDateTime(respondBefore),
      }),
    });
  return { kind: 'created', referral: await referralView(tx, ctx, row, 'referrer') };
}

async function loadFor(tx: TenantTx, ctx: ReferralContext, id: string) {
  const r = await referralById(tx, id);
  if (!r) throw new AppError('not_found', ctx.texts('problem.notFound'));
  const relation = await relationTo(tx, ctx, r);
  if (!relation) throw new AppError('forbidden', ctx.texts('problem.notYours'));
  return { r, relation };
}

export async function readReferral(tx: TenantTx, ctx: ReferralContext, id: string): Promise<ReferralView> {
  const { r, relation } = await loadFor(tx, ctx, id);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'referral', recordId: r.id });
  return referralView(tx, ctx, r, relation);
}

export interface ListItem {
  id: string;
  status: ReferralStatus;
  target: string;
  target_kind: TargetKind;
  resident: string;
  created_at: string;
  respond_before: string;
  overdue: boolean;
}

export async function listReferrals(
  tx: TenantTx,
  ctx: ReferralContext,
  role: 'sent' | 'received',
): Promise<ListItem[]> {
  const userId = ctx.actor.userId;
  if (!userId) return [];
  const roles = ctx.actor.roles as Role[];
  let found: ReferralRow[];
  if (role === 'sent') found = await sentBy(tx, userId);
  else if (!can(roles, 'referrals:receive')) found = [];
  else
    found = await receivedBy(tx, {
      team: roles.some((r) => caseFileRoles.includes(r)),
      organizationIds: roles.includes('provider') ? await organizationsOfUser(tx, userId) : [],
    });
  const items: ListItem[] = [];
  for (const r of found) {
    const resident = residentOf(ctx, r);
    await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'referral', recordId: r.id });
    items.push({
      id: r.id,
      status: r.status,
      target: targetLabel(ctx.texts, r),
      target_kind: r.targetKind,
      resident: `${resident.given_name} ${resident.family_name}`,
      created_at: iso(r.createdAt),
      respond_before: iso(r.respondBefore),
      overdue: isOverdue(r, ctx.now),
    });
  }
  return items;
}

export interface StatusChange {
  status: ReferralStatus;
  reason?: string;
  reason_code?: DeclineReason;
  outcome?: string;
}

/**
 * A step in the loop. Only the receiver moves a referral on; the referrer may only record that the resident
 * withdrew. Jumps the status machine does not allow are refused and change nothing. Taking a referral to the
 * social team on (received) makes it a support request in casework, so the team's deadline watch sees it too.
 */
export async function changeStatus(
  tx: TenantTx,
  ctx: ReferralContext,
  id: string,
  change: StatusChange,
): Promise<ReferralView> {
  const t = ctx.texts;
  const { r, relation } = await loadFor(tx, ctx, id);
  if (relation === 'referrer' && change.status !== 'withdrawn')
    throw new AppError('forbidden', t('problem.referrerOnlyWithdraws'));
  const allowed = transitions[r.status];
  if (!allowed.length)
    throw new AppError('conflict', t('problem.closed', { status: t(`status.${r.status}`) }));
  if (!allowed.includes(change.status))
    throw new AppError(
      'conflict',
      t('problem.illegalStatus', {
        from: t(`status.${r.status}`),
        to: t(`status.${change.status}`),
        options: allowed.map((s) => t(`status.${s}`)).join(', '),
      }),
    );
  const note = clean(change.reason);
  if (change.status === 'declined' && !change.reason_code && !note)
    throw new AppError('validation', undefined, [fieldError('reason', t('field.declineReason'))]);

  const values: Partial<ReferralRow> = { status: change.status, updatedAt: ctx.now };
  if (relation === 'receiver' && !r.receiverId) values.receiverId = ctx.actor.userId;
  if (['contacted', 'started'].includes(change.status) && !r.firstContactAt) values.firstContactAt = ctx.now;
  if (closing.includes(change.status)) values.closedAt = ctx.now;
  const outcome = clean(change.outcome);
  if (outcome) values.outcomeSealed = seal(ctx, outcome);
  Object.assign(values, await pathwayMoments(tx, ctx, r, change.status));
  if (r.targetKind === 'social-team' && change.status === 'received' && !r.supportRequestId)
    Object.assign(values, await toSupportRequest(tx, ctx, r));
  const updated = await updateReferral(tx, r.id, values);
  await insertEvent(tx, {
    tenantId: ctx.tenant.id,
    referralId: r.id,
    status: change.status,
    at: ctx.now,
    actorId: ctx.actor.userId,
    reasonCode: change.status === 'declined' ? (change.reason_code ?? 'other') : (change.reason_code ?? null),
    noteSealed: note ? seal(ctx, note) : null,
  });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'referral', recordId: r.id });
  if (closing.includes(change.status)) await notifyClosed(tx, ctx, updated);
  return referralView(tx, ctx, updated, relation);
}

/** The pathway step an offer belongs to: named there, or carrying all the step's terms; -1 when none. */
async function stepOf(tx: TenantTx, pathway: PathwayRow, serviceId: string): Promise<number> {
  const service = await compileService(tx, serviceId);
  const terms = new Set((service?.attributes ?? []).map((a) => a.taxonomy_term_id));
  return pathway.steps.findIndex(
    (s) =>
      s.serviceIds.includes(serviceId) ||
      (s.taxonomyTermIds.length > 0 && s.taxonomyTermIds.every((t) => terms.has(t))),
  );
}

/**
 * The pathway's moments: once started, the step's evaluation (does it help, or a step further?); once
 * completed, the first follow-up call after closure.
 */
async function pathwayMoments(
  tx: TenantTx,
  ctx: ReferralContext,
  r: ReferralRow,
  status: ReferralStatus,
): Promise<Partial<ReferralRow>> {
  if (!r.pathwayId || (status !== 'started' && status !== 'completed')) return {};
  const pathway = await pathwayById(tx, r.pathwayId);
  if (!pathway) return {};
  const weeks =
    status === 'started'
      ? (r.pathwayStep && pathway.steps[r.pathwayStep - 1]?.evaluateAfterWeeks) || null
      : (pathway.followUpWeeks[0] ?? null);
  if (!weeks) return {};
  const at = new Date(ctx.now.getTime() + weeks * WEEK_MS);
  return status === 'started' ? { evaluateAt: at } : { followUpAt: at, followUpsDone: 0 };
}

async function notifyClosed(tx: TenantTx, ctx: ReferralContext, r: ReferralRow): Promise<void> {
  const people = await userRefs(tx, [r.referrerId]);
  const referrer = r.referrerId ? people.get(r.referrerId) : undefined;
  if (referrer && referrer.id !== ctx.actor.userId)
    await queueMail(tx, {
      tenantId: ctx.tenant.id,
      to: referrer.email,
      subject: mailTexts('mail.finished.subject'),
      text: mailTexts('mail.finished.text', {
        ref: r.id.slice(0, 8),
        target: targetLabel(mailTexts, r),
        status: mailTexts(`status.${r.status}`),
        url: `${ctx.publicUrl}/verwijzingen/${r.id}`,
      }),
    });
  if (r.status === 'declined')
    await mailResident(tx, ctx.tenant.id, r, residentOf(ctx, r), {
      subject: mailTexts('mail.residentDeclined.subject'),
      text: mailTexts('mail.residentDeclined.text', {
        target: targetLabel(mailTexts, r),
        url: ctx.publicUrl,
      }),
    });
}

/** The household (known one, or registered now) and a support request with channel "referral". */
async function toSupportRequest(
  tx: TenantTx,
  ctx: ReferralContext,
  r: ReferralRow,
): Promise<Pick<ReferralRow, 'householdId' | 'supportRequestId'>> {
  const cw = caseworkContext(ctx);
  let householdId = r.householdId;
  if (!householdId) {
    const resident = residentOf(ctx, r);
    const member = {
      given_name: resident.given_name,
      family_name: resident.family_name,
      birth_date: resident.birth_date,
      ...(resident.phone ? { phone: resident.phone } : {}),
      ...(resident.email ? { email: resident.email } : {}),
    };
    // A referral to the social team cannot be made without a house number (createReferral checks it).
    const address = { postcode: resident.postcode, house_number: resident.house_number! };
    const registered = await registerHousehold(tx, cw, { members: [member], address });
    householdId =
      registered.kind === 'created'
        ? registered.household.id
        : (registered.matches.find((m) => m.reasons.includes('same-person')) ?? registered.matches[0]!)
            .household_id;
  }
  const request = await createSupportRequest(tx, cw, {
    household_id: householdId,
    channel: 'referral',
    question: unseal(ctx, r.reasonSealed)!,
  });
  return { householdId, supportRequestId: request.id };
}

export interface IntakeInput {
  pathway_id: string;
  service_ids: string[];
  report_after_weeks: number;
  /** The resident agreed at the intake that the chosen offers' providers get their contact details. */
  consent_given: boolean;
  note?: string;
}

/**
 * Welzijn op Recept: the welfare coach held the intake with a pathway; each chosen offer becomes a tracked
 * referral to its provider (with the consent of the GP's referral), and the GP gets a short report after the
 * agreed period (the scan in jobs.ts).
 */
export async function startFromIntake(
  tx: TenantTx,
  ctx: ReferralContext,
  id: string,
  input: IntakeInput,
): Promise<ReferralView> {
  const t = ctx.texts;
  const { r, relation } = await loadFor(tx, ctx, id);
  if (relation !== 'receiver') throw new AppError('forbidden', t('problem.notReceiver'));
  if (r.targetKind !== 'welfare-coach') throw new AppError('conflict', t('problem.notWelfareCoach'));
  const errors: FieldError[] = [];
  const pathway = await pathwayById(tx, input.pathway_id);
  if (!pathway) errors.push(fieldError('pathway_id', t('field.pathway')));
  const serviceIds = [...new Set(input.service_ids.map((s) => s.toLowerCase()))];
  if (!serviceIds.length) errors.push(fieldError('service_ids', t('field.offers')));
  if (
    !Number.isInteger(input.report_after_weeks) ||
    input.report_after_weeks < 1 ||
    input.report_after_weeks > 52
  )
    errors.push(fieldError('report_after_weeks', t('field.weeks')));
  if (input.consent_given !== true) errors.push(fieldError('consent_given', t('field.intakeConsent')));
  if (errors.length) throw new AppError('validation', undefined, errors);
  if (!['sent', 'received', 'contacted'].includes(r.status))
    throw new AppError(
      'conflict',
      t('problem.illegalStatus', {
        from: t(`status.${r.status}`),
        to: t('status.started'),
        options: transitions[r.status].map((s) => t(`status.${s}`)).join(', ') || '-',
      }),
    );
  const resident = residentOf(ctx, r);
  for (const serviceId of serviceIds) {
    const step = await stepOf(tx, pathway!, serviceId);
    await createReferral(
      tx,
      ctx,
      {
        resident,
        target: { service_id: serviceId },
        // What the GP wrote stays with the coach: the provider gets the coach's note on the intake.
        reason: clean(input.note) ?? t('intake.childReason', { pathway: pathway!.title }),
        consent: { given: true, scope: t('intake.consentScope') },
        no_contact: r.noContact,
        pathway_id: pathway!.id,
        ...(step >= 0 ? { pathway_step: step + 1 } : {}),
      },
      { parentId: r.id },
    );
  }
  // The intake was the first contact; the resident has started with the chosen offers.
  for (const status of ['contacted', 'started'] as const) {
    if (status === 'contacted' && r.status === 'contacted') continue;
    await insertEvent(tx, {
      tenantId: ctx.tenant.id,
      referralId: r.id,
      status,
      at: ctx.now,
      actorId: ctx.actor.userId,
      noteSealed: status === 'started' && clean(input.note) ? seal(ctx, clean(input.note)!) : null,
    });
  }
  const updated = await updateReferral(tx, r.id, {
    status: 'started',
    receiverId: r.receiverId ?? ctx.actor.userId,
    firstContactAt: r.firstContactAt ?? ctx.now,
    pathwayId: pathway!.id,
    reportDueAt: new Date(ctx.now.getTime() + input.report_after_weeks * WEEK_MS),
    updatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'referral', recordId: r.id });
  return referralView(tx, ctx, updated, relation);
}

// ---- the scan (jobs.ts) ----

/**
 * Marks referrals that passed their deadline without contact and e-mails the team leads (and, for an offer,
 * the provider's accounts); sends the Welzijn op Recept reports that are due. Marking and mail share the
 * transaction, so nothing is mailed twice and a failed scan leaves nothing behind.
 */
export async function scanTenant(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  publicUrl: string,
): Promise<{ overdue: number; reports: number; mails: number }> {
  const actor: Actor = { tenantId: tenant.id, userId: null, roles: [], purpose: 'job referrals.scan' };
  let mails = 0;
  const overdue = await markOverdue(tx, now);
  if (overdue.length) {
    const leads = await activeUsersWithRole(tx, 'team-lead');
    const line = (r: ReferralRow) =>
      mailTexts('mail.overdue.item', {
        ref: r.id.slice(0, 8),
        target: targetLabel(mailTexts, r),
        deadline: dutchDateTime(r.respondBefore),
      });
    const recipients = new Map<string, ReferralRow[]>();
    const add = (to: string, r: ReferralRow) => recipients.set(to, [...(recipients.get(to) ?? []), r]);
    for (const r of overdue) {
      await recordAccess(tx, actor, { action: 'update', recordType: 'referral', recordId: r.id });
      for (const lead of leads) add(lead.email, r);
      if (r.organizationId)
        for (const email of (await memberEmails(tx, [r.organizationId])).get(r.organizationId) ?? [])
          add(email, r);
    }
    for (const [to, items] of recipients) {
      await queueMail(tx, {
        tenantId: tenant.id,
        to,
        subject: mailTexts('mail.overdue.subject'),
        text: mailTexts('mail.overdue.text', {
          items: items.map(line).join('\n'),
          url: `${publicUrl}/verwijzingen`,
        }),
      });
      mails++;
    }
  }
  const due = await markReportsDue(tx, now);
  for (const r of due) {
    const referrer = r.referrerId ? (await userRefs(tx, [r.referrerId])).get(r.referrerId) : undefined;
    await recordAccess(tx, actor, { action: 'read', recordType: 'referral', recordId: r.id });
    if (!referrer) continue;
    const children = await childrenOf(tx, r.id);
    await queueMail(tx, {
      tenantId: tenant.id,
      to: referrer.email,
      subject: mailTexts('mail.report.subject'),
      text: mailTexts('mail.report.text', {
        ref: r.id.slice(0, 8),
        items: children
          .map((c) =>
            mailTexts('mail.report.item', {
              offer: c.serviceName ?? '-',
              status: mailTexts(`status.${c.status}`),
            }),
          )
          .join('\n'),
        url: `${publicUrl}/verwijzingen/${r.id}`,
      }),
    });
    mails++;
  }
  mails += await sendEvaluations(tx, tenant, now, publicUrl, actor);
  mails += await sendFollowUps(tx, tenant, now, publicUrl, actor);
  return { overdue: overdue.length, reports: due.length, mails };
}

/** Asks the referrer, at the step's evaluation moment, whether it helps; if not, the next step is a link away. */
async function sendEvaluations(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  publicUrl: string,
  actor: Actor,
): Promise<number> {
  let mails = 0;
  for (const r of await markEvaluationsDue(tx, now)) {
    await recordAccess(tx, actor, { action: 'update', recordType: 'referral', recordId: r.id });
    const referrer = r.referrerId ? (await userRefs(tx, [r.referrerId])).get(r.referrerId) : undefined;
    const pathway = r.pathwayId ? await pathwayById(tx, r.pathwayId) : undefined;
    if (!referrer || !pathway) continue;
    await queueMail(tx, {
      tenantId: tenant.id,
      to: referrer.email,
      subject: mailTexts('mail.evaluate.subject'),
      text: mailTexts('mail.evaluate.text', {
        ref: r.id.slice(0, 8),
        target: targetLabel(mailTexts, r),
        step: r.pathwayStep ?? 1,
        pathway: pathway.title,
        url: `${publicUrl}/verwijzingen/${r.id}`,
        route: `${publicUrl}/routekaarten/${pathway.id}`,
      }),
    });
    mails++;
  }
  return mails;
}

/**
 * Follow-up calls after closure (seed 000 §3.1): whoever took the referral on is reminded to call the resident,
 * at each of the pathway's weeks after closure; then the next one is set.
 */
async function sendFollowUps(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  publicUrl: string,
  actor: Actor,
): Promise<number> {
  let mails = 0;
  for (const r of await followUpsDue(tx, now)) {
    const pathway = r.pathwayId ? await pathwayById(tx, r.pathwayId) : undefined;
    const done = r.followUpsDone + 1;
    const nextWeeks = pathway?.followUpWeeks[done];
    await updateReferral(tx, r.id, {
      followUpsDone: done,
      followUpAt: nextWeeks && r.closedAt ? new Date(r.closedAt.getTime() + nextWeeks * WEEK_MS) : null,
    });
    await recordAccess(tx, actor, { action: 'update', recordType: 'referral', recordId: r.id });
    const receiver = r.receiverId ? (await userRefs(tx, [r.receiverId])).get(r.receiverId) : undefined;
    if (!receiver || !r.closedAt) continue;
    await queueMail(tx, {
      tenantId: tenant.id,
      to: receiver.email,
      subject: mailTexts('mail.followUp.subject'),
      text: mailTexts('mail.followUp.text', {
        ref: r.id.slice(0, 8),
        target: targetLabel(mailTexts, r),
        weeks: Math.round((now.getTime() - r.closedAt.getTime()) / WEEK_MS),
        url: `${publicUrl}/verwijzingen/${r.id}`,
      }),
    });
    mails++;
  }
  return mails;
}
