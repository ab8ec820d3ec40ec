// Use cases of casework. Each takes the tenant transaction and a context (who acts, for which tenant, in which
// language, at what moment), checks what the route's permission cannot (does this professional work on this
// household?), and writes the change together with its audit entries in that one transaction: a use case that
// fails leaves nothing behind. Every read of a household's personal data is audited too, with the route as
// purpose.
//
// Who sees what: the case lead, the case's co-workers and team leads see the file; every other professional
// with casework:read sees only that the household is known and whom to contact (the "known" view).
import { isEmailAddress } from '../../platform/mail/index.js';
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import { can, caseFileRoles, type Role } from '../../platform/auth/permissions.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { queueMail } from '../../platform/mail/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { areaTree, placePostcode, type AreaNode } from '../areas/index.js';
import { latestCaseOf } from './case-queries.js';
import { dayBounds, dutchDate, dutchDateTime, isCalendarDate, yearsBefore } from './dates.js';
import { currentItemSet, itemSetById, lifeDomainCodes } from './instruments.js';
import { caseworkTexts, type Texts } from './messages.js';
import { nameKey, normaliseBsn, normalisePostcode, type Sealer } from './privacy.js';
import {
  activeCoWorkers,
  addressMatches,
  assessmentsOfHousehold,
  currentMembers,
  dueCounts,
  familyNames,
  householdById,
  insertAssessment,
  insertCase,
  insertCoWorker,
  insertHousehold,
  insertMember,
  insertPerson,
  insertSupportRequest,
  markResponded,
  openCaseOf,
  openCasesOf,
  activeUsersWithRole,
  dueCondition,
  markOverdue,
  personMatches,
  revokeCoWorker,
  supportRequestById,
  supportRequestsOfHousehold,
  unansweredRequests,
  userRefs,
  userWithRoles,
  type AssessmentRow,
  type CaseRow,
  type CoWorkerRow,
  type HouseholdRow,
  type ScoreRow,
  type SupportRequestRow,
  type UserRef,
} from './queries.js';
import type {
  AssessmentBody,
  CoWorkerBody,
  DueFilter,
  HouseholdBody,
  LookupBody,
  OverviewQuery,
  SupportRequestBody,
} from './schemas.js';
import type { Instrument, MemberRelation, Moment } from './tables.js';

export interface CaseworkContext {
  /** Who acts and why (the route), for the audit log and the access checks. */
  actor: Actor;
  tenant: Tenant;
  locale: Locale;
  texts: Texts;
  now: Date;
  sealer: Sealer;
  /** Base URL of this installation, for links in e-mails. */
  publicUrl: string;
}

const DEFAULT_DEADLINE_HOURS = 48;
const HOUR_MS = 60 * 60 * 1000;
const mailTexts = caseworkTexts('nl');

export type Access = 'case-lead' | 'co-worker' | 'team-lead' | 'known';

/** Why the actor may see the case's contents, or 'known' when only that the household is known. */
export function accessOf(
  actor: Actor,
  caseRow: Pick<CaseRow, 'caseLeadId'> | undefined,
  coWorkerIds: readonly string[],
): Access {
  if (caseRow && actor.userId === caseRow.caseLeadId) return 'case-lead';
  if (caseRow && actor.userId && coWorkerIds.includes(actor.userId)) return 'co-worker';
  if (actor.roles.includes('team-lead')) return 'team-lead';
  return 'known';
}

export const fieldError = (field: string, message: string): FieldError => ({ field, message });

export function validation(errors: FieldError[]): AppError {
  return new AppError('validation', undefined, errors);
}

export const iso = (d: Date) => d.toISOString();

// ---- views ----

export interface AreaView {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  path: { id: string; kind: string; code: string | null; name: string }[];
}

/** The area with its path up to the municipality, from the tree of the areas module. */
export async function areaView(tx: TenantTx, areaId: string | null): Promise<AreaView | null> {
  if (!areaId) return null;
  const index = new Map<string, { node: AreaNode; parent?: AreaNode }>();
  const walk = (nodes: AreaNode[], parent?: AreaNode) => {
    for (const n of nodes) {
      index.set(n.id, { node: n, parent });
      walk(n.children, n);
    }
  };
  walk(await areaTree(tx));
  const found = index.get(areaId);
  if (!found) return null;
  const path: AreaView['path'] = [];
  for (let cur: AreaNode | undefined = found.node; cur; cur = index.get(cur.id)?.parent) {
    path.push({ id: cur.id, kind: cur.kind, code: cur.code, name: cur.name });
  }
  return { ...path[0]!, path };
}

function supportRequestView(ctx: CaseworkContext, r: SupportRequestRow, people: Map<string, UserRef>) {
  return {
    id: r.id,
    household_id: r.householdId,
    case_id: r.caseId,
    person_id: r.personId,
    channel: r.channel,
    question: ctx.sealer.cipher.decrypt(r.questionSealed),
    life_domains: r.lifeDomains,
    first_contact: (r.firstContactId && people.get(r.firstContactId)) || null,
    received_at: iso(r.receivedAt),
    respond_before: iso(r.respondBefore),
    responded_at: r.respondedAt ? iso(r.respondedAt) : null,
    overdue: !r.respondedAt && (r.overdueAt !== null || r.respondBefore.getTime() <= ctx.now.getTime()),
    overdue_at: r.overdueAt ? iso(r.overdueAt) : null,
  };
}
export type SupportRequestView = ReturnType<typeof supportRequestView>;

function coWorkerView(ctx: CaseworkContext, c: CoWorkerRow, people: Map<string, UserRef>) {
  return {
    user: people.get(c.userId)!,
    granted_at: iso(c.grantedAt),
    granted_by: (c.grantedBy && people.get(c.grantedBy)) || null,
    reason: ctx.sealer.cipher.decrypt(c.reasonSealed),
  };
}

function knownView(householdId: string, contact: UserRef | null) {
  return { id: householdId, view: 'known' as const, access: 'known' as const, contact };
}

/** The whole file: address, area, members (BSN only for roles that need it), case, support requests. */
async function fullView(
  tx: TenantTx,
  ctx: CaseworkContext,
  household: HouseholdRow,
  caseRow: CaseRow | undefined,
  coWorkers: CoWorkerRow[],
  access: Exclude<Access, 'known'>,
) {
  const members = await currentMembers(tx, household.id);
  const requests = await supportRequestsOfHousehold(tx, household.id);
  const people = await userRefs(tx, [
    caseRow?.caseLeadId,
    ...coWorkers.flatMap((c) => [c.userId, c.grantedBy]),
    ...requests.map((r) => r.firstContactId),
  ]);
  const showBsn = can(ctx.actor.roles as Role[], 'casework:bsn');
  const view = {
    id: household.id,
    view: 'full' as const,
    access,
    contact: (caseRow && people.get(caseRow.caseLeadId)) || null,
    address: {
      postcode: household.postcode,
      house_number: household.houseNumber,
      house_number_addition: household.houseNumberAddition || null,
      street: household.street,
      city: household.city,
    },
    area: await areaView(tx, household.areaId),
    members: members.map(({ member, person }) => ({
      id: person.id,
      given_name: person.givenName,
      family_name: person.familyName,
      birth_date: person.birthDate,
      relation: member.relation,
      phone: person.phone,
      email: person.email,
      has_bsn: person.bsnSealed !== null,
      bsn: showBsn && person.bsnSealed ? ctx.sealer.cipher.decrypt(person.bsnSealed) : null,
    })),
    case: caseRow
      ? {
          id: caseRow.id,
          status: caseRow.status,
          opened_at: iso(caseRow.openedAt),
          case_lead: people.get(caseRow.caseLeadId)!,
          co_workers: coWorkers.map((c) => coWorkerView(ctx, c, people)),
          version: caseRow.version,
        }
      : null,
    support_requests: requests.map((r) => supportRequestView(ctx, r, people)),
    created_at: iso(household.createdAt),
  };
  return { view, persons: members.map((m) => m.person), bsnShown: view.members.some((m) => m.bsn !== null) };
}

export type HouseholdView = ReturnType<typeof knownView> | Awaited<ReturnType<typeof fullView>>['view'];

/** Loads a household with its current case (open, else the latest) and the actor's access; 404 when the household does not exist. */
export async function loadHousehold(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  const household = await householdById(tx, householdId);
  if (!household) throw new AppError('not_found', ctx.texts('problem.householdNotFound'));
  // A closed case still decides who may see the household (aftercare), until a new one is opened.
  const caseRow = (await openCaseOf(tx, householdId)) ?? (await latestCaseOf(tx, householdId));
  const coWorkers = caseRow ? await activeCoWorkers(tx, [caseRow.id]) : [];
  const access = accessOf(
    ctx.actor,
    caseRow,
    coWorkers.map((c) => c.userId),
  );
  return { household, caseRow, coWorkers, access };
}

/** For use cases that need the file: 403 naming the case lead to contact when the actor does not work on it. */
export async function requireInvolvement(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  const loaded = await loadHousehold(tx, ctx, householdId);
  if (loaded.access === 'known') {
    const lead = loaded.caseRow
      ? (await userRefs(tx, [loaded.caseRow.caseLeadId])).get(loaded.caseRow.caseLeadId)
      : undefined;
    throw new AppError(
      'forbidden',
      ctx.texts('problem.notInvolved', { name: lead ? `${lead.name} (${lead.email})` : '-' }),
    );
  }
  return loaded as typeof loaded & { access: Exclude<Access, 'known'> };
}

// ---- households ----

interface CheckedMember {
  index: number;
  givenName: string;
  familyName: string;
  nameKey: string;
  birthDate: string;
  bsn: string | undefined;
  phone: string | null;
  email: string | null;
  relation: MemberRelation | null;
}

export function clean(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

function checkBirthDate(ctx: CaseworkContext, field: string, value: string, errors: FieldError[]): boolean {
  if (!isCalendarDate(value)) {
    errors.push(fieldError(field, ctx.texts('field.birthDate')));
    return false;
  }
  const today = dutchDate(ctx.now);
  if (value > today) {
    errors.push(fieldError(field, ctx.texts('field.birthDateFuture')));
    return false;
  }
  if (value < yearsBefore(today, 120)) {
    errors.push(fieldError(field, ctx.texts('field.birthDateTooOld')));
    return false;
  }
  return true;
}

function checkMembers(
  ctx: CaseworkContext,
  members: LookupBody['members'] | HouseholdBody['members'],
  errors: FieldError[],
): CheckedMember[] {
  const checked: CheckedMember[] = [];
  const bsns = new Map<string, number>();
  (members ?? []).forEach((m, i) => {
    const at = (f: string) => `members.${i}.${f}`;
    const before = errors.length;
    const givenName = clean(m.given_name);
    const familyName = clean(m.family_name);
    if (!givenName) errors.push(fieldError(at('given_name'), ctx.texts('field.givenName')));
    if (!familyName) errors.push(fieldError(at('family_name'), ctx.texts('field.familyName')));
    checkBirthDate(ctx, at('birth_date'), m.birth_date, errors);
    let bsn: string | undefined;
    if (clean(m.bsn)) {
      bsn = normaliseBsn(m.bsn!);
      if (!bsn) errors.push(fieldError(at('bsn'), ctx.texts('field.bsn')));
      else if (bsns.has(bsn)) errors.push(fieldError(at('bsn'), ctx.texts('field.bsnTwice')));
      else bsns.set(bsn, i);
    }
    const full = m as Partial<HouseholdBody['members'][number]>;
    const email = clean(full.email);
    if (email && !isEmailAddress(email)) errors.push(fieldError(at('email'), ctx.texts('field.email')));
    const phone = clean(full.phone);
    if (phone && !/^[+]?[0-9 ()-]{6,20}$/.test(phone))
      errors.push(fieldError(at('phone'), ctx.texts('field.phone')));
    if (errors.length > before) return;
    checked.push({
      index: i,
      givenName: givenName!,
      familyName: familyName!,
      nameKey: nameKey(givenName!, familyName!),
      birthDate: m.birth_date,
      bsn,
      phone,
      email,
      relation: full.relation ?? null,
    });
  });
  return checked;
}

interface CheckedAddress {
  postcode: string;
  houseNumber: number;
  houseNumberAddition: string;
}

function checkAddress(
  ctx: CaseworkContext,
  address: { postcode: string; house_number: number; house_number_addition?: string | null },
  errors: FieldError[],
): CheckedAddress | undefined {
  const postcode = normalisePostcode(address.postcode);
  if (!postcode) {
    errors.push(fieldError('address.postcode', ctx.texts('field.postcode')));
    return undefined;
  }
  return {
    postcode,
    houseNumber: address.house_number,
    houseNumberAddition: (clean(address.house_number_addition) ?? '').toUpperCase(),
  };
}

export interface DuplicateMatch {
  household_id: string;
  reasons: ('same-person' | 'same-bsn' | 'same-address')[];
  members: number[];
  contact: UserRef | null;
}

/**
 * Households that may be the same: a current member with the same name and birth date, or the same BSN, or
 * the same address. Shown as the "known" view only (whom to contact), and each one audited as such a read.
 */
async function findDuplicates(
  tx: TenantTx,
  ctx: CaseworkContext,
  members: CheckedMember[],
  address: CheckedAddress | undefined,
): Promise<DuplicateMatch[]> {
  const lookups = new Map<string, number>();
  for (const m of members) if (m.bsn) lookups.set(ctx.sealer.bsnLookup(m.bsn), m.index);
  const byPerson = await personMatches(
    tx,
    members.map((m) => ({ nameKey: m.nameKey, birthDate: m.birthDate })),
    [...lookups.keys()],
  );
  const byAddress = address ? await addressMatches(tx, address) : [];
  const matches = new Map<string, DuplicateMatch>();
  const matchOf = (householdId: string) => {
    let m = matches.get(householdId);
    if (!m) {
      m = { household_id: householdId, reasons: [], members: [], contact: null };
      matches.set(householdId, m);
    }
    return m;
  };
  const add = <T>(list: T[], value: T) => {
    if (!list.includes(value)) list.push(value);
  };
  for (const p of byPerson) {
    const match = matchOf(p.householdId);
    for (const m of members) {
      if (m.nameKey === p.nameKey && m.birthDate === p.birthDate) {
        add(match.reasons, 'same-person');
        add(match.members, m.index);
      }
    }
    const bsnIndex = p.bsnLookup ? lookups.get(p.bsnLookup) : undefined;
    if (bsnIndex !== undefined) {
      add(match.reasons, 'same-bsn');
      add(match.members, bsnIndex);
    }
  }
  for (const id of byAddress) add(matchOf(id).reasons, 'same-address');
  const list = [...matches.values()];
  const open = await openCasesOf(
    tx,
    list.map((m) => m.household_id),
  );
  for (const m of list) {
    m.contact = open.get(m.household_id)?.lead ?? null;
    m.members.sort((a, b) => a - b);
    await recordAccess(tx, ctx.actor, {
      action: 'read',
      recordType: 'household-known',
      recordId: m.household_id,
    });
  }
  return list;
}

export type RegisterResult =
  | { kind: 'created'; household: Awaited<ReturnType<typeof fullView>>['view'] }
  | { kind: 'duplicates'; matches: DuplicateMatch[] };

/**
 * Registers a household with its members and opens its case with the actor as case lead (whoever makes first
 * contact). Possible duplicates stop the registration unless the caller confirms it is another household.
 */
export async function registerHousehold(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: HouseholdBody,
): Promise<RegisterResult> {
  const errors: FieldError[] = [];
  if (!body.members.length) errors.push(fieldError('members', ctx.texts('field.membersRequired')));
  const members = checkMembers(ctx, body.members, errors);
  const address = checkAddress(ctx, body.address, errors);
  if (errors.length || !address) throw validation(errors);

  const duplicates = await findDuplicates(tx, ctx, members, address);
  if (duplicates.length && !body.confirm_new_household) return { kind: 'duplicates', matches: duplicates };

  const placed = await placePostcode(tx, address.postcode);
  const actorId = ctx.actor.userId;
  const household = await insertHousehold(tx, {
    tenantId: ctx.tenant.id,
    ...address,
    street: clean(body.address.street),
    city: clean(body.address.city),
    areaId: placed?.area.id ?? null,
    createdBy: actorId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'household', recordId: household.id });
  for (const m of members) {
    const person = await insertPerson(tx, {
      tenantId: ctx.tenant.id,
      givenName: m.givenName,
      familyName: m.familyName,
      nameKey: m.nameKey,
      birthDate: m.birthDate,
      bsnSealed: m.bsn ? ctx.sealer.cipher.encrypt(m.bsn) : null,
      bsnLookup: m.bsn ? ctx.sealer.bsnLookup(m.bsn) : null,
      phone: m.phone,
      email: m.email,
      createdBy: actorId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertMember(tx, {
      tenantId: ctx.tenant.id,
      householdId: household.id,
      personId: person.id,
      relation: m.relation,
      position: m.index,
      joinedAt: ctx.now,
    });
    await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'person', recordId: person.id });
  }
  const caseRow = await openCase(tx, ctx, household.id);
  const { view } = await fullView(tx, ctx, household, caseRow, [], 'case-lead');
  return { kind: 'created', household: view };
}

async function openCase(tx: TenantTx, ctx: CaseworkContext, householdId: string): Promise<CaseRow> {
  if (!ctx.actor.userId) throw new Error('a case needs a case lead: no user acts');
  const caseRow = await insertCase(tx, {
    tenantId: ctx.tenant.id,
    householdId,
    caseLeadId: ctx.actor.userId,
    openedBy: ctx.actor.userId,
    openedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'case', recordId: caseRow.id });
  return caseRow;
}

/** Is this person or address known? Only the "known" view: which household, whom to contact. */
export async function lookupHouseholds(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: LookupBody,
): Promise<DuplicateMatch[]> {
  const errors: FieldError[] = [];
  if (!body.members?.length && !body.address)
    errors.push(fieldError('members', ctx.texts('field.lookupEmpty')));
  const members = checkMembers(ctx, body.members, errors);
  const address = body.address ? checkAddress(ctx, body.address, errors) : undefined;
  if (errors.length) throw validation(errors);
  return findDuplicates(tx, ctx, members, address);
}

/** The file for those who work on the household, the "known" view for other professionals; both audited. */
export async function readHousehold(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
): Promise<HouseholdView> {
  const { household, caseRow, coWorkers, access } = await loadHousehold(tx, ctx, householdId);
  if (access === 'known') {
    const lead = caseRow
      ? ((await userRefs(tx, [caseRow.caseLeadId])).get(caseRow.caseLeadId) ?? null)
      : null;
    await recordAccess(tx, ctx.actor, {
      action: 'read',
      recordType: 'household-known',
      recordId: household.id,
    });
    return knownView(household.id, lead);
  }
  const { view, persons, bsnShown } = await fullView(tx, ctx, household, caseRow, coWorkers, access);
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'household', recordId: household.id });
  for (const p of persons) {
    await recordAccess(tx, ctx.actor, {
      action: 'read',
      recordType: 'person',
      recordId: p.id,
      subjectUserId: p.userId,
    });
    if (bsnShown && p.bsnSealed) {
      await recordAccess(tx, ctx.actor, {
        action: 'read',
        recordType: 'person-bsn',
        recordId: p.id,
        subjectUserId: p.userId,
      });
    }
  }
  return view;
}

// ---- co-workers ----

function requireLeadOrTeamLead(ctx: CaseworkContext, access: Access): void {
  if (access !== 'case-lead' && access !== 'team-lead')
    throw new AppError('forbidden', ctx.texts('problem.onlyLeadGrants'));
}

/** The case lead (or a team lead) gives a colleague of the social team access to the case, with a reason. */
export async function addCoWorker(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: CoWorkerBody,
) {
  const { caseRow, coWorkers, access } = await requireInvolvement(tx, ctx, householdId);
  requireLeadOrTeamLead(ctx, access);
  if (caseRow?.status !== 'open') throw new AppError('conflict', ctx.texts('problem.noOpenCase'));
  const reason = clean(body.reason);
  const errors: FieldError[] = [];
  if (!reason) errors.push(fieldError('reason', ctx.texts('field.reason')));
  const user = await userWithRoles(tx, body.user_id);
  if (!user || user.disabled) errors.push(fieldError('user_id', ctx.texts('field.coWorkerUnknown')));
  else if (!user.roles.some((r) => (caseFileRoles as readonly string[]).includes(r)))
    errors.push(fieldError('user_id', ctx.texts('field.coWorkerRole')));
  else if (user.id === caseRow.caseLeadId)
    errors.push(fieldError('user_id', ctx.texts('field.coWorkerIsLead')));
  if (errors.length) throw validation(errors);
  if (coWorkers.some((c) => c.userId === body.user_id))
    throw new AppError('conflict', ctx.texts('problem.alreadyCoWorker'));
  const row = await insertCoWorker(tx, {
    tenantId: ctx.tenant.id,
    caseId: caseRow.id,
    userId: body.user_id,
    reasonSealed: ctx.sealer.cipher.encrypt(reason!),
    grantedAt: ctx.now,
    grantedBy: ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'case-co-worker', recordId: row.id });
  const people = await userRefs(tx, [row.userId, row.grantedBy]);
  return coWorkerView(ctx, row, people);
}

export async function removeCoWorker(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  userId: string,
) {
  const { caseRow, coWorkers, access } = await requireInvolvement(tx, ctx, householdId);
  // A co-worker may step back on their own; taking someone else's access is for the case lead or a team lead.
  if (userId !== ctx.actor.userId) requireLeadOrTeamLead(ctx, access);
  const row = coWorkers.find((c) => c.userId === userId);
  if (!caseRow || !row) throw new AppError('not_found', ctx.texts('problem.coWorkerNotFound'));
  await revokeCoWorker(tx, caseRow.id, userId, ctx.actor.userId, ctx.now);
  await recordAccess(tx, ctx.actor, { action: 'delete', recordType: 'case-co-worker', recordId: row.id });
}

// ---- support requests ----

export function deadlineHours(tenant: Tenant): number {
  const hours = Number(tenant.settings.responseDeadlineHours);
  return Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_DEADLINE_HOURS;
}

export function checkLifeDomains(ctx: CaseworkContext, codes: string[], errors: FieldError[]): string[] {
  const seen: string[] = [];
  codes.forEach((code, i) => {
    if (!lifeDomainCodes.includes(code))
      errors.push(
        fieldError(
          `life_domains.${i}`,
          ctx.texts('field.lifeDomain', { code, options: lifeDomainCodes.join(', ') }),
        ),
      );
    else if (seen.includes(code))
      errors.push(fieldError(`life_domains.${i}`, ctx.texts('field.lifeDomainTwice')));
    else seen.push(code);
  });
  return seen;
}

/**
 * Records a question of a known household, with its response deadline (the tenant's setting, 48 hours by
 * default). It joins the household's open case, or opens one with the actor as case lead. Any professional of
 * the team may take a question (walk-in hours, phone); when that is not the case lead, the case lead gets an
 * e-mail. The deadline is a column that the deadline scan watches (jobs.ts).
 */
export async function createSupportRequest(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: SupportRequestBody,
): Promise<SupportRequestView> {
  const household = await householdById(tx, body.household_id);
  const errors: FieldError[] = [];
  if (!household) throw new AppError('not_found', ctx.texts('problem.householdNotFound'));
  const question = clean(body.question);
  if (!question) errors.push(fieldError('question', ctx.texts('field.question')));
  const lifeDomains = checkLifeDomains(ctx, body.life_domains ?? [], errors);
  if (body.person_id) {
    const members = await currentMembers(tx, household.id);
    if (!members.some((m) => m.person.id === body.person_id))
      errors.push(fieldError('person_id', ctx.texts('field.personNotMember')));
  }
  if (errors.length) throw validation(errors);

  const caseRow = (await openCaseOf(tx, household.id)) ?? (await openCase(tx, ctx, household.id));
  const respondBefore = new Date(ctx.now.getTime() + deadlineHours(ctx.tenant) * HOUR_MS);
  const row = await insertSupportRequest(tx, {
    tenantId: ctx.tenant.id,
    caseId: caseRow.id,
    householdId: household.id,
    personId: body.person_id ?? null,
    channel: body.channel,
    questionSealed: ctx.sealer.cipher.encrypt(question!),
    lifeDomains,
    firstContactId: ctx.actor.userId,
    receivedAt: ctx.now,
    respondBefore,
    createdAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'support-request', recordId: row.id });
  const people = await userRefs(tx, [ctx.actor.userId, caseRow.caseLeadId]);
  const lead = people.get(caseRow.caseLeadId);
  if (lead && caseRow.caseLeadId !== ctx.actor.userId) {
    // No personal data in the e-mail: the case lead reads the question in Wijkkracht.
    await queueMail(tx, {
      tenantId: ctx.tenant.id,
      to: lead.email,
      subject: mailTexts('mail.newRequest.subject'),
      text: mailTexts('mail.newRequest.text', {
        name: people.get(ctx.actor.userId ?? '')?.name ?? '-',
        channel: mailTexts(`channel.${row.channel}`),
        deadline: dutchDateTime(respondBefore),
        url: ctx.publicUrl,
      }),
    });
  }
  return supportRequestView(ctx, row, people);
}

/** The first response to the resident was given: the deadline no longer applies. */
export async function respondToSupportRequest(
  tx: TenantTx,
  ctx: CaseworkContext,
  id: string,
): Promise<SupportRequestView> {
  const request = await supportRequestById(tx, id);
  if (!request) throw new AppError('not_found', ctx.texts('problem.supportRequestNotFound'));
  await requireInvolvement(tx, ctx, request.householdId);
  if (request.respondedAt) throw new AppError('conflict', ctx.texts('problem.alreadyResponded'));
  const row = await markResponded(tx, id, ctx.actor.userId, ctx.now);
  if (!row) throw new AppError('conflict', ctx.texts('problem.alreadyResponded'));
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'support-request', recordId: id });
  return supportRequestView(ctx, row, await userRefs(tx, [row.firstContactId]));
}

// ---- team overview ----

const WEEK_MS = 7 * 24 * HOUR_MS;

/**
 * Unanswered support requests of the team by deadline: no waiting list, everything has a date. Everyone with
 * the overview sees deadline, area and case lead (whom to ask); who works on the household also sees its
 * family names and life domains.
 */
export async function teamOverview(tx: TenantTx, ctx: CaseworkContext, query: OverviewQuery) {
  const due: DueFilter = query.due ?? 'open';
  const now = ctx.now;
  const { tomorrow, dayAfter } = dayBounds(now);
  const condition = dueCondition(due, now, {
    tomorrow,
    dayAfter,
    weekEnd: new Date(now.getTime() + WEEK_MS),
  });
  const mine = query.mine ? (ctx.actor.userId ?? undefined) : undefined;
  const rows = await unansweredRequests(tx, condition, { caseLeadId: mine, limit: query.limit ?? 200 });
  const counts = await dueCounts(tx, now, tomorrow, mine);

  const coWorkers = await activeCoWorkers(tx, [...new Set(rows.map((r) => r.caseId))]);
  const accessById = new Map(
    rows.map((r) => [
      r.id,
      accessOf(
        ctx.actor,
        { caseLeadId: r.caseLeadId },
        coWorkers.filter((c) => c.caseId === r.caseId).map((c) => c.userId),
      ),
    ]),
  );
  const visible = rows.filter((r) => accessById.get(r.id) !== 'known');
  const names = await familyNames(tx, [...new Set(visible.map((r) => r.householdId))]);
  const people = await userRefs(
    tx,
    rows.map((r) => r.caseLeadId),
  );
  const areaNames = new Map<string, string>();
  if (rows.some((r) => r.areaId)) {
    const walk = (nodes: AreaNode[]) =>
      nodes.forEach((n) => {
        areaNames.set(n.id, n.name);
        walk(n.children);
      });
    walk(await areaTree(tx));
  }

  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'support-request-list',
    recordId: `${due}${mine ? ':mine' : ''}`,
  });
  for (const r of visible) {
    await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'support-request', recordId: r.id });
  }

  return {
    due,
    generated_at: iso(now),
    counts,
    items: rows.map((r) => {
      const access = accessById.get(r.id)!;
      const isOverdue = r.overdueAt !== null || r.respondBefore.getTime() <= now.getTime();
      return {
        id: r.id,
        household_id: r.householdId,
        case_id: r.caseId,
        channel: r.channel,
        received_at: iso(r.receivedAt),
        respond_before: iso(r.respondBefore),
        due: isOverdue
          ? ('overdue' as const)
          : r.respondBefore < tomorrow
            ? ('today' as const)
            : r.respondBefore < dayAfter
              ? ('tomorrow' as const)
              : ('later' as const),
        overdue_at: r.overdueAt ? iso(r.overdueAt) : null,
        case_lead: people.get(r.caseLeadId) ?? null,
        area: r.areaId && areaNames.has(r.areaId) ? { id: r.areaId, name: areaNames.get(r.areaId)! } : null,
        access,
        household_label: access === 'known' ? null : (names.get(r.householdId) ?? []).join(' / ') || null,
        life_domains: access === 'known' ? null : r.lifeDomains,
      };
    }),
  };
}

// ---- deadline scan ----

/**
 * The deadline scan's work for one tenant: marks requests that passed their deadline unanswered and e-mails
 * the team leads (or, without a team lead, each request's case lead). Marking and mail share the transaction,
 * so a scan that fails sends nothing and the next one tries again; a marked request is never mailed twice.
 */
export async function markOverdueRequests(
  tx: TenantTx,
  tenant: Tenant,
  now: Date,
  publicUrl: string,
): Promise<{ marked: number; mails: number }> {
  const marked = await markOverdue(tx, now);
  if (!marked.length) return { marked: 0, mails: 0 };
  const actor: Actor = {
    tenantId: tenant.id,
    userId: null,
    roles: [],
    purpose: 'job casework.deadline-scan',
  };
  for (const m of marked) {
    await recordAccess(tx, actor, { action: 'update', recordType: 'support-request', recordId: m.id });
  }
  const leads = await userRefs(
    tx,
    marked.map((m) => m.caseLeadId),
  );
  const line = (m: (typeof marked)[number]) =>
    mailTexts('mail.overdue.item', {
      ref: m.id.slice(0, 8),
      channel: mailTexts(`channel.${m.channel}`),
      deadline: dutchDateTime(m.respondBefore),
      lead: leads.get(m.caseLeadId)?.name ?? mailTexts('mail.overdue.noLead'),
    });
  const teamLeads = await activeUsersWithRole(tx, 'team-lead');
  const recipients: { to: string; items: typeof marked }[] = teamLeads.length
    ? teamLeads.map((u) => ({ to: u.email, items: marked }))
    : [...new Set(marked.map((m) => m.caseLeadId))].flatMap((id) => {
        const lead = leads.get(id);
        return lead ? [{ to: lead.email, items: marked.filter((m) => m.caseLeadId === id) }] : [];
      });
  for (const r of recipients) {
    await queueMail(tx, {
      tenantId: tenant.id,
      to: r.to,
      subject:
        r.items.length === 1
          ? mailTexts('mail.overdue.subjectOne')
          : mailTexts('mail.overdue.subjectMany', { count: r.items.length }),
      text: [
        mailTexts('mail.overdue.intro'),
        '',
        ...r.items.map(line),
        '',
        mailTexts('mail.overdue.outro', { url: publicUrl }),
      ].join('\n'),
    });
  }
  return { marked: marked.length, mails: recipients.length };
}

// ---- assessments ----

function assessmentView(a: AssessmentRow, scores: ScoreRow[], people: Map<string, UserRef>) {
  const set = itemSetById(a.itemSet);
  const order = (code: string) => set?.items.findIndex((i) => i.code === code) ?? 0;
  const sorted = [...scores].sort((x, y) => order(x.code) - order(y.code));
  return {
    id: a.id,
    household_id: a.householdId,
    case_id: a.caseId,
    person_id: a.personId,
    instrument: a.instrument,
    item_set: a.itemSet,
    moment: a.moment,
    assessed_on: a.assessedOn,
    assessor: (a.assessorId && people.get(a.assessorId)) || null,
    created_at: iso(a.createdAt),
    scores: Object.fromEntries(sorted.map((s) => [s.code, s.score])),
    talk_about: sorted.filter((s) => s.wantsToTalk).map((s) => s.code),
  };
}

/**
 * Records a ZRM or Positieve Gezondheid assessment at intake, progress or closure, with the current item set.
 * Codes and ranges come from the item set; Positieve Gezondheid items can carry "hier wil ik over praten".
 */
export async function recordAssessment(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: AssessmentBody,
) {
  const { household, caseRow } = await requireInvolvement(tx, ctx, householdId);
  if (caseRow?.status !== 'open') throw new AppError('conflict', ctx.texts('problem.noOpenCase'));
  const set = currentItemSet[body.instrument as Instrument];
  const errors: FieldError[] = [];
  const instrumentName = ctx.texts(`instrument.${set.instrument}`);
  const codes = set.items.map((i) => i.code);
  const entries = Object.entries(body.scores);
  if (!entries.length) errors.push(fieldError('scores', ctx.texts('field.scoresRequired')));
  for (const [code, score] of entries) {
    if (!codes.includes(code))
      errors.push(
        fieldError(
          `scores.${code}`,
          ctx.texts('field.scoreCode', { code, instrument: instrumentName, options: codes.join(', ') }),
        ),
      );
    else if (!Number.isInteger(score) || score < set.min || score > set.max)
      errors.push(
        fieldError(
          `scores.${code}`,
          ctx.texts('field.scoreRange', { instrument: instrumentName, min: set.min, max: set.max }),
        ),
      );
  }
  const talkAbout = body.talk_about ?? [];
  if (talkAbout.length && !set.talkFlag)
    errors.push(fieldError('talk_about', ctx.texts('field.talkAboutNotAllowed')));
  else
    talkAbout.forEach((code, i) => {
      if (!(code in body.scores))
        errors.push(fieldError(`talk_about.${i}`, ctx.texts('field.talkAboutCode', { code })));
    });
  const today = dutchDate(ctx.now);
  const assessedOn = body.assessed_on ?? today;
  if (!isCalendarDate(assessedOn)) errors.push(fieldError('assessed_on', ctx.texts('field.assessedOn')));
  else if (assessedOn > today) errors.push(fieldError('assessed_on', ctx.texts('field.assessedOnFuture')));
  if (body.person_id) {
    const members = await currentMembers(tx, household.id);
    if (!members.some((m) => m.person.id === body.person_id))
      errors.push(fieldError('person_id', ctx.texts('field.personNotMember')));
  }
  if (errors.length) throw validation(errors);

  const { assessment, scores } = await insertAssessment(
    tx,
    {
      tenantId: ctx.tenant.id,
      caseId: caseRow.id,
      householdId: household.id,
      personId: body.person_id ?? null,
      instrument: set.instrument,
      itemSet: set.id,
      moment: body.moment as Moment,
      assessedOn,
      assessorId: ctx.actor.userId,
      createdAt: ctx.now,
    },
    entries.map(([code, score]) => ({ code, score, wantsToTalk: talkAbout.includes(code) })),
  );
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'assessment', recordId: assessment.id });
  return assessmentView(assessment, scores, await userRefs(tx, [assessment.assessorId]));
}

/**
 * Every assessment of the household and, per instrument, member and item, the change from the first score to
 * the latest: the data of the spider web and the domain bars.
 */
export async function listAssessments(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  const { household } = await requireInvolvement(tx, ctx, householdId);
  const list = await assessmentsOfHousehold(tx, household.id);
  const people = await userRefs(
    tx,
    list.map((l) => l.assessment.assessorId),
  );
  const views = list.map((l) => assessmentView(l.assessment, l.scores, people));
  type Point = { assessment_id: string; moment: Moment; assessed_on: string; score: number };
  const series = new Map<
    string,
    { instrument: Instrument; person_id: string | null; code: string; points: Point[] }
  >();
  for (const v of views) {
    for (const [code, score] of Object.entries(v.scores)) {
      const key = `${v.instrument}|${v.person_id ?? ''}|${code}`;
      const s = series.get(key) ?? { instrument: v.instrument, person_id: v.person_id, code, points: [] };
      s.points.push({ assessment_id: v.id, moment: v.moment, assessed_on: v.assessed_on, score });
      series.set(key, s);
    }
  }
  const label = (instrument: Instrument, code: string) => {
    const item = currentItemSet[instrument].items.find((i) => i.code === code);
    return item ? (ctx.locale === 'en' ? item.en : item.nl) : code;
  };
  const changes = [...series.values()].map((s) => ({
    instrument: s.instrument,
    person_id: s.person_id,
    code: s.code,
    label: label(s.instrument, s.code),
    first: s.points[0]!,
    latest: s.points[s.points.length - 1]!,
    change: s.points[s.points.length - 1]!.score - s.points[0]!.score,
    series: s.points,
  }));
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'household-assessments',
    recordId: household.id,
  });
  return { household_id: household.id, assessments: views, changes };
}
