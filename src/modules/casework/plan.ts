// The support plan: "1 huishouden, 1 plan". Goals per life domain in the resident's words, actions with who
// does them (resident, own network, volunteer, a basic service from the directory, a custom provision, a
// professional), the one case lead, the resident's agreement and comments. Every change names the plan
// version it was made on (claimVersion): of two consultants editing at once, the second gets a 409 in Dutch.
//
// The resident sees the plan through their own account: a consultant links a member of the household to the
// resident account with that member's e-mail address (the resident makes the account first, then tells the
// consultant the address, or the consultant invites them and links once it exists). The link is
// persons.user_id; from then on the resident sees the plan, agrees to a version and adds comments, and sees
// in "who viewed my data" who read the plan.
import { recordAccess } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { caseFileRoles } from '../../platform/auth/permissions.js';
import { compileService } from '../directory/index.js';
import { caseFileOf, claimVersion, requireCaseFile, type CaseFile } from './case-file.js';
import {
  actionsOf,
  agreementsOf,
  commentsOf,
  goalsOf,
  householdOfUser,
  insertAction,
  insertAgreement,
  insertComment,
  insertGoal,
  linkPersonToUser,
  residentByEmail,
  setCaseLead,
  updateAction,
  updateGoal,
  type ActionRow,
  type GoalRow,
} from './case-queries.js';
import { dutchDate, isCalendarDate } from './dates.js';
import { currentItemSet } from './instruments.js';
import { caseworkTexts } from './messages.js';
import {
  currentMembers,
  insertCoWorker,
  revokeCoWorker,
  userRefs,
  userWithRoles,
  type UserRef,
} from './queries.js';
import { queueMail } from '../../platform/mail/index.js';
import type {
  AccountLinkBody,
  ActionBody,
  ActionPatch,
  AgreementBody,
  CaseLeadBody,
  CommentBody,
  GoalBody,
  GoalPatch,
} from './plan-schemas.js';
import {
  actionStatuses,
  goalStatuses,
  performers,
  type ActionStatus,
  type planActions,
} from './plan.tables.js';

type NewAction = typeof planActions.$inferInsert;
import { checkLifeDomains, clean, fieldError, iso, validation, type CaseworkContext } from './service.js';

const mailTexts = caseworkTexts('nl');
const OPEN_ACTION: readonly ActionStatus[] = ['planned', 'in-progress'];

export const isOpenAction = (a: Pick<ActionRow, 'status'>) => OPEN_ACTION.includes(a.status);

// ---- view ----

async function serviceNames(tx: TenantTx, actions: ActionRow[]): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (const id of new Set(actions.flatMap((a) => (a.directoryServiceId ? [a.directoryServiceId] : [])))) {
    names.set(id, (await compileService(tx, id))?.name ?? null);
  }
  return names;
}

/**
 * The plan as professionals and the resident see it. Audited as a read of the plan, with each linked
 * member as subject so the resident sees in "who viewed my data" who read it.
 */
export async function planView(
  tx: TenantTx,
  ctx: CaseworkContext,
  file: Pick<CaseFile, 'household' | 'caseRow'>,
) {
  const { household, caseRow } = file;
  const goals = await goalsOf(tx, caseRow.id);
  const actions = await actionsOf(tx, [caseRow.id]);
  const agreements = await agreementsOf(tx, caseRow.id);
  const comments = await commentsOf(tx, caseRow.id);
  const members = await currentMembers(tx, household.id);
  const people = await userRefs(tx, [
    caseRow.caseLeadId,
    ...actions.map((a) => a.professionalId),
    ...comments.map((c) => c.authorId),
  ]);
  const services = await serviceNames(tx, actions);
  const personName = new Map(
    members.map((m) => [m.person.id, `${m.person.givenName} ${m.person.familyName}`]),
  );
  const today = dutchDate(ctx.now);
  const zrm = currentItemSet.zrm;
  const domainLabel = (code: string) => {
    const item = zrm.items.find((i) => i.code === code);
    return item ? (ctx.locale === 'en' ? item.en : item.nl) : code;
  };
  const open = (s: string) => ctx.sealer.cipher.decrypt(s);
  const latest = agreements[agreements.length - 1];
  const view = {
    household_id: household.id,
    case_id: caseRow.id,
    status: caseRow.status,
    version: caseRow.version,
    case_lead: people.get(caseRow.caseLeadId)!,
    goals: goals.map((g: GoalRow) => ({
      id: g.id,
      life_domain: g.lifeDomain,
      life_domain_label: domainLabel(g.lifeDomain),
      text: open(g.textSealed),
      status: g.status,
      created_at: iso(g.createdAt),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      goal_id: a.goalId,
      description: open(a.descriptionSealed),
      performer: a.performer,
      performer_name: a.performerName,
      directory_service: a.directoryServiceId
        ? { id: a.directoryServiceId, name: services.get(a.directoryServiceId) ?? null }
        : null,
      professional: (a.professionalId && people.get(a.professionalId)) || null,
      due_on: a.dueOn,
      status: a.status,
      overdue: isOpenAction(a) && a.dueOn !== null && a.dueOn < today,
      fate_at_closure: a.fateAtClosure,
    })),
    agreement: {
      agreed_version: latest?.planVersion ?? null,
      current: latest?.planVersion === caseRow.version,
      history: agreements.map((a) => ({
        person_id: a.personId,
        name: personName.get(a.personId) ?? '-',
        plan_version: a.planVersion,
        agreed_at: iso(a.agreedAt),
      })),
    },
    comments: comments.map((c) => ({
      id: c.id,
      author: c.personId
        ? { kind: 'resident' as const, name: personName.get(c.personId) ?? '-' }
        : { kind: 'professional' as const, name: (c.authorId && people.get(c.authorId)?.name) || '-' },
      text: open(c.textSealed),
      created_at: iso(c.createdAt),
    })),
    residents: members.map((m) => ({
      person_id: m.person.id,
      name: `${m.person.givenName} ${m.person.familyName}`,
      has_account: m.person.userId !== null,
    })),
  };
  const subjects = members.flatMap((m) => (m.person.userId ? [m.person.userId] : []));
  for (const subjectUserId of subjects.length ? subjects : [null]) {
    await recordAccess(tx, ctx.actor, {
      action: 'read',
      recordType: 'plan',
      recordId: caseRow.id,
      subjectUserId,
    });
  }
  return view;
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

// ---- professionals ----

/** The household's plan for those who work on it (also after closure, for aftercare). */
export async function readPlan(tx: TenantTx, ctx: CaseworkContext, householdId: string): Promise<PlanView> {
  return planView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

/** Re-reads the file after a change, so the answer carries the new version. */
async function afterChange(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  return planView(tx, ctx, await requireCaseFile(tx, ctx, householdId));
}

function checkGoalText(ctx: CaseworkContext, text: string | undefined, errors: FieldError[]) {
  const value = clean(text);
  if (!value) errors.push(fieldError('text', ctx.texts('field.goalText')));
  return value;
}

/** Checks one new goal against the plan and writes it; the caller claims the plan version. */
export async function writeGoal(
  tx: TenantTx,
  ctx: CaseworkContext,
  file: CaseFile,
  body: Pick<GoalBody, 'life_domain' | 'text'>,
): Promise<GoalRow> {
  const errors: FieldError[] = [];
  const text = checkGoalText(ctx, body.text, errors);
  const domains = checkLifeDomains(ctx, [body.life_domain], errors);
  if (errors.length)
    throw validation(
      errors.map((e) => ({ ...e, field: e.field.replace(/^life_domains\.0$/, 'life_domain') })),
    );
  const existing = await goalsOf(tx, file.caseRow.id);
  const goal = await insertGoal(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    lifeDomain: domains[0]!,
    textSealed: ctx.sealer.cipher.encrypt(text!),
    position: existing.length,
    createdAt: ctx.now,
    createdBy: ctx.actor.userId,
    updatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'plan-goal', recordId: goal.id });
  return goal;
}

export async function addGoal(tx: TenantTx, ctx: CaseworkContext, householdId: string, body: GoalBody) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  await claimVersion(tx, ctx, file.caseRow, body.version);
  await writeGoal(tx, ctx, file, body);
  return afterChange(tx, ctx, householdId);
}

export async function changeGoal(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  goalId: string,
  body: GoalPatch,
) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  const goal = (await goalsOf(tx, file.caseRow.id)).find((g) => g.id === goalId);
  if (!goal) throw new AppError('not_found', ctx.texts('problem.goalNotFound'));
  const errors: FieldError[] = [];
  const changes: Partial<GoalRow> = {};
  if (body.text !== undefined) {
    const text = checkGoalText(ctx, body.text, errors);
    if (text) changes.textSealed = ctx.sealer.cipher.encrypt(text);
  }
  if (body.life_domain !== undefined) {
    const [domain] = checkLifeDomains(ctx, [body.life_domain], errors);
    if (domain) changes.lifeDomain = domain;
  }
  if (body.status !== undefined) {
    if (!goalStatuses.includes(body.status))
      errors.push(fieldError('status', ctx.texts('field.goalStatus', { options: goalStatuses.join(', ') })));
    else changes.status = body.status;
  }
  if (!errors.length && !Object.keys(changes).length)
    errors.push(fieldError('body', ctx.texts('field.nothingToChange')));
  if (errors.length)
    throw validation(
      errors.map((e) => ({ ...e, field: e.field.replace(/^life_domains\.0$/, 'life_domain') })),
    );
  await claimVersion(tx, ctx, file.caseRow, body.version);
  await updateGoal(tx, goal.id, { ...changes, updatedAt: ctx.now });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'plan-goal', recordId: goal.id });
  return afterChange(tx, ctx, householdId);
}

export type ActionFields = Partial<Omit<ActionBody, 'version'>>;

/** Checks the fields given (all of them for a new action) against the plan; returns the columns to write. */
async function checkAction(
  tx: TenantTx,
  ctx: CaseworkContext,
  file: CaseFile,
  body: ActionFields,
  current: ActionRow | undefined,
): Promise<Partial<NewAction>> {
  const errors: FieldError[] = [];
  const out: Partial<NewAction> = {};
  if (body.description !== undefined || !current) {
    const description = clean(body.description);
    if (!description) errors.push(fieldError('description', ctx.texts('field.actionDescription')));
    else out.descriptionSealed = ctx.sealer.cipher.encrypt(description);
  }
  if (body.performer !== undefined || !current) {
    if (!body.performer || !performers.includes(body.performer))
      errors.push(fieldError('performer', ctx.texts('field.performer', { options: performers.join(', ') })));
    else out.performer = body.performer;
  }
  const performer = out.performer ?? current?.performer;
  if (body.status !== undefined) {
    if (!actionStatuses.includes(body.status))
      errors.push(
        fieldError('status', ctx.texts('field.actionStatus', { options: actionStatuses.join(', ') })),
      );
    else out.status = body.status;
  }
  if (body.goal_id !== undefined) {
    if (body.goal_id && !(await goalsOf(tx, file.caseRow.id)).some((g) => g.id === body.goal_id))
      errors.push(fieldError('goal_id', ctx.texts('field.goalId')));
    else out.goalId = body.goal_id ?? null;
  }
  if (body.performer_name !== undefined) out.performerName = clean(body.performer_name);
  if (body.due_on !== undefined) {
    if (body.due_on && !isCalendarDate(body.due_on))
      errors.push(fieldError('due_on', ctx.texts('field.date')));
    else out.dueOn = body.due_on ?? null;
  }
  const serviceId =
    body.directory_service_id !== undefined ? body.directory_service_id : current?.directoryServiceId;
  if (serviceId) {
    if (performer !== 'basic-service')
      errors.push(fieldError('directory_service_id', ctx.texts('field.directoryServiceBasic')));
    else if (body.directory_service_id && !(await compileService(tx, body.directory_service_id)))
      errors.push(fieldError('directory_service_id', ctx.texts('field.directoryService')));
  }
  if (body.directory_service_id !== undefined) out.directoryServiceId = body.directory_service_id ?? null;
  if (body.professional_id !== undefined) {
    if (body.professional_id) {
      const user = await userWithRoles(tx, body.professional_id);
      if (!user || user.disabled) errors.push(fieldError('professional_id', ctx.texts('field.professional')));
    }
    out.professionalId = body.professional_id ?? null;
  }
  if (errors.length) throw validation(errors);
  return out;
}

/** Checks one new action against the plan and writes it; the caller claims the plan version. */
export async function writeAction(
  tx: TenantTx,
  ctx: CaseworkContext,
  file: CaseFile,
  fields: ActionFields,
): Promise<ActionRow> {
  const values = await checkAction(tx, ctx, file, fields, undefined);
  const action = await insertAction(tx, {
    ...values,
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    descriptionSealed: values.descriptionSealed!,
    performer: values.performer!,
    createdAt: ctx.now,
    createdBy: ctx.actor.userId,
    updatedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'plan-action', recordId: action.id });
  return action;
}

export async function addAction(tx: TenantTx, ctx: CaseworkContext, householdId: string, body: ActionBody) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  const { version, ...fields } = body;
  await claimVersion(tx, ctx, file.caseRow, version);
  await writeAction(tx, ctx, file, fields);
  return afterChange(tx, ctx, householdId);
}

export async function changeAction(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  actionId: string,
  body: ActionPatch,
) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  const action = (await actionsOf(tx, [file.caseRow.id])).find((a) => a.id === actionId);
  if (!action) throw new AppError('not_found', ctx.texts('problem.actionNotFound'));
  const { version, ...fields } = body;
  if (!Object.keys(fields).length) throw validation([fieldError('body', ctx.texts('field.nothingToChange'))]);
  const values = await checkAction(tx, ctx, file, fields, action);
  await claimVersion(tx, ctx, file.caseRow, version);
  await updateAction(tx, action.id, { ...values, updatedAt: ctx.now });
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'plan-action', recordId: action.id });
  return afterChange(tx, ctx, householdId);
}

/** A professional's comment on the plan; comments do not change the plan, so they need no version. */
export async function commentOnPlan(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: CommentBody,
) {
  const file = await requireCaseFile(tx, ctx, householdId);
  const text = clean(body.text);
  if (!text) throw validation([fieldError('text', ctx.texts('field.comment'))]);
  const row = await insertComment(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    authorId: ctx.actor.userId,
    textSealed: ctx.sealer.cipher.encrypt(text),
    createdAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'plan-comment', recordId: row.id });
  return afterChange(tx, ctx, householdId);
}

/**
 * The case lead hands the case to a colleague (or a team lead assigns it). A household has one case lead: a
 * colleague who works on the case and names themselves gets 409 naming the current case lead.
 */
export async function changeCaseLead(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: CaseLeadBody,
) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  if (file.access !== 'case-lead' && file.access !== 'team-lead') {
    const lead = (await userRefs(tx, [file.caseRow.caseLeadId])).get(file.caseRow.caseLeadId);
    throw new AppError('conflict', ctx.texts('problem.secondCaseLead', { name: lead?.name ?? '-' }));
  }
  const user = await userWithRoles(tx, body.user_id);
  if (!user || user.disabled || !user.roles.some((r) => (caseFileRoles as readonly string[]).includes(r)))
    throw validation([fieldError('user_id', ctx.texts('field.caseLead'))]);
  if (user.id === file.caseRow.caseLeadId)
    throw validation([fieldError('user_id', ctx.texts('field.caseLeadSame'))]);
  await claimVersion(tx, ctx, file.caseRow, body.version);
  await handOver(tx, ctx, file, user.id, clean(body.note) ?? ctx.texts('reason.formerLead'));
  return afterChange(tx, ctx, householdId);
}

/**
 * Moves the case lead to `toUserId`. The former case lead stays involved as co-worker (at a distance) with the
 * note as reason; the new case lead is no longer a co-worker, and gets an e-mail without personal data.
 */
export async function handOver(
  tx: TenantTx,
  ctx: CaseworkContext,
  file: CaseFile,
  toUserId: string,
  reason: string,
): Promise<void> {
  const fromUserId = file.caseRow.caseLeadId;
  await setCaseLead(tx, file.caseRow.id, toUserId);
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'case-lead', recordId: file.caseRow.id });
  if (file.coWorkerIds.includes(toUserId))
    await revokeCoWorker(tx, file.caseRow.id, toUserId, ctx.actor.userId, ctx.now);
  if (!file.coWorkerIds.includes(fromUserId)) {
    const row = await insertCoWorker(tx, {
      tenantId: ctx.tenant.id,
      caseId: file.caseRow.id,
      userId: fromUserId,
      reasonSealed: ctx.sealer.cipher.encrypt(reason),
      grantedAt: ctx.now,
      grantedBy: ctx.actor.userId,
    });
    await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'case-co-worker', recordId: row.id });
  }
  const people = await userRefs(tx, [toUserId, ctx.actor.userId]);
  const to = people.get(toUserId);
  if (to && toUserId !== ctx.actor.userId) {
    await queueMail(tx, {
      tenantId: ctx.tenant.id,
      to: to.email,
      subject: mailTexts('mail.handOver.subject'),
      text: mailTexts('mail.handOver.text', {
        name: people.get(ctx.actor.userId ?? '')?.name ?? '-',
        url: ctx.publicUrl,
      }),
    });
  }
}

/** Links a member of the household to the resident's own account, found by its e-mail address. */
export async function linkResidentAccount(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  personId: string,
  body: AccountLinkBody,
): Promise<{ person_id: string; user: UserRef }> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const member = (await currentMembers(tx, file.household.id)).find((m) => m.person.id === personId);
  if (!member) throw new AppError('not_found', ctx.texts('problem.personNotFound'));
  const user = await residentByEmail(tx, body.email.trim());
  if (!user) throw validation([fieldError('email', ctx.texts('field.accountEmail'))]);
  const taken = await householdOfUser(tx, user.id);
  if (taken && taken.personId !== personId)
    throw validation([fieldError('email', ctx.texts('field.accountTaken'))]);
  await linkPersonToUser(tx, personId, user.id, ctx.now);
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'person-account',
    recordId: personId,
    subjectUserId: user.id,
  });
  return { person_id: personId, user };
}

// ---- the resident ----

/** The resident's household and case, from the person linked to their account; 404 in plain Dutch without. */
async function residentFile(tx: TenantTx, ctx: CaseworkContext) {
  const me = ctx.actor.userId ? await householdOfUser(tx, ctx.actor.userId) : undefined;
  if (!me) throw new AppError('not_found', ctx.texts('problem.noPlan'));
  // The resident is no professional of the case: what they see is decided here (their own household's
  // current plan, nothing else), not by the professionals' access rules.
  const file = await caseFileOf(tx, ctx, me.householdId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'conflict')
      throw new AppError('not_found', ctx.texts('problem.noPlan'));
    throw err;
  });
  return { me, file };
}

export async function readOwnPlan(tx: TenantTx, ctx: CaseworkContext): Promise<PlanView> {
  const { file } = await residentFile(tx, ctx);
  return planView(tx, ctx, file);
}

/** The resident agrees to the plan as they read it: recorded with the version and the moment. */
export async function agreeToPlan(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: AgreementBody,
): Promise<PlanView> {
  const { me, file } = await residentFile(tx, ctx);
  if (body.version !== file.caseRow.version)
    throw new AppError('conflict', ctx.texts('problem.planChanged', { current: file.caseRow.version }));
  const row = await insertAgreement(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    personId: me.personId,
    userId: ctx.actor.userId,
    planVersion: file.caseRow.version,
    agreedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'plan-agreement', recordId: row.id });
  return planView(tx, ctx, file);
}

export async function commentAsResident(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: CommentBody,
): Promise<PlanView> {
  const { me, file } = await residentFile(tx, ctx);
  const text = clean(body.text);
  if (!text) throw validation([fieldError('text', ctx.texts('field.comment'))]);
  const row = await insertComment(tx, {
    tenantId: ctx.tenant.id,
    caseId: file.caseRow.id,
    authorId: ctx.actor.userId,
    personId: me.personId,
    textSealed: ctx.sealer.cipher.encrypt(text),
    createdAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'plan-comment', recordId: row.id });
  return planView(tx, ctx, file);
}
