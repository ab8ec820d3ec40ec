// Case conferences (casusoverleg, MDO, planbespreking): the team meets with professionals from outside (a
// school, a youth and family coach) and, where it can, the resident — "niet praten óver de gezinnen maar mét".
// Only who works on a household puts it on the agenda and records the outcome, which lands in the plan as
// goals and actions under the plan's optimistic lock. Everyone of the team sees the meeting; a household on
// the agenda shows its name only to who works on it, to others only whom to contact.
import { recordAccess } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { caseFileOf, claimVersion, requireCaseFile } from './case-file.js';
import {
  agendaOf,
  conferenceById,
  conferencesBetween,
  insertAgendaItem,
  insertConferences,
  insertParticipants,
  insertSeries,
  participantsOf,
  setConferenceStatus,
  updateAgendaItem,
  type ConferenceRow,
} from './case-queries.js';
import type {
  AgendaBody,
  ConferenceBody,
  ConferenceListQuery,
  OutcomeBody,
  ParticipantInput,
  SeriesBody,
} from './conference-schemas.js';
import { addDutchDays, dayBounds, isCalendarDate } from './dates.js';
import { participantKinds } from './conferences.tables.js';
import { writeAction, writeGoal } from './plan.js';
import { currentMembers, familyNames, userRefs, userWithRoles } from './queries.js';
import { clean, fieldError, iso, validation, type CaseworkContext } from './service.js';

const DEFAULT_INTERVAL_DAYS = 14;
const DEFAULT_SERIES_COUNT = 6;

type NewParticipant = {
  kind: ParticipantInput['kind'];
  userId: string | null;
  personId: string | null;
  name: string | null;
  organisation: string | null;
};

/** Checks the participants; a resident only from a household the actor works on. */
async function checkParticipants(
  tx: TenantTx,
  ctx: CaseworkContext,
  list: ParticipantInput[],
  errors: FieldError[],
): Promise<NewParticipant[]> {
  const out: NewParticipant[] = [];
  for (const [i, p] of list.entries()) {
    const at = (f: string) => `participants.${i}.${f}`;
    if (p.kind === 'professional') {
      const user = p.user_id ? await userWithRoles(tx, p.user_id) : undefined;
      if (!user || user.disabled) errors.push(fieldError(at('user_id'), ctx.texts('field.participantUser')));
      else
        out.push({ kind: 'professional', userId: user.id, personId: null, name: null, organisation: null });
    } else if (p.kind === 'partner') {
      const name = clean(p.name);
      const organisation = clean(p.organisation);
      if (!name || !organisation) errors.push(fieldError(at('name'), ctx.texts('field.participantName')));
      else out.push({ kind: 'partner', userId: null, personId: null, name, organisation });
    } else {
      if (!p.household_id || !p.person_id) {
        errors.push(fieldError(at('person_id'), ctx.texts('field.personNotMember')));
        continue;
      }
      const file = await requireCaseFile(tx, ctx, p.household_id);
      const members = await currentMembers(tx, file.household.id);
      if (!members.some((m) => m.person.id === p.person_id))
        errors.push(fieldError(at('person_id'), ctx.texts('field.personNotMember')));
      else
        out.push({ kind: 'resident', userId: null, personId: p.person_id, name: null, organisation: null });
    }
  }
  return out;
}

function checkStart(
  ctx: CaseworkContext,
  field: string,
  value: string,
  errors: FieldError[],
): Date | undefined {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) errors.push(fieldError(field, ctx.texts('field.startsAt')));
  else if (d < dayBounds(ctx.now).today) errors.push(fieldError(field, ctx.texts('field.startsAtPast')));
  else return d;
  return undefined;
}

async function addToAgenda(
  tx: TenantTx,
  ctx: CaseworkContext,
  conference: ConferenceRow,
  householdId: string,
  position: number,
) {
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  if ((await agendaOf(tx, conference.id)).some((a) => a.caseId === file.caseRow.id))
    throw new AppError('conflict', ctx.texts('problem.alreadyOnAgenda'));
  const item = await insertAgendaItem(tx, {
    tenantId: ctx.tenant.id,
    conferenceId: conference.id,
    caseId: file.caseRow.id,
    householdId: file.household.id,
    position,
    addedBy: ctx.actor.userId,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'create',
    recordType: 'conference-agenda-item',
    recordId: item.id,
  });
}

/** The meeting with its participants and agenda, each household as far as the actor may see it. */
async function conferenceView(tx: TenantTx, ctx: CaseworkContext, conference: ConferenceRow) {
  const participants = await participantsOf(tx, conference.id);
  const agenda = await agendaOf(tx, conference.id);
  const items = [];
  const visiblePersons = new Map<string, string>();
  for (const a of agenda) {
    const file = await caseFileOf(tx, ctx, a.householdId);
    const involved = file.access !== 'known' && file.caseRow.id === a.caseId;
    if (involved) {
      for (const m of await currentMembers(tx, a.householdId))
        visiblePersons.set(m.person.id, `${m.person.givenName} ${m.person.familyName}`);
      await recordAccess(tx, ctx.actor, {
        action: 'read',
        recordType: 'conference-agenda-item',
        recordId: a.id,
      });
    }
    items.push({ item: a, involved, leadId: file.caseRow.caseLeadId });
  }
  const names = await familyNames(
    tx,
    items.filter((i) => i.involved).map((i) => i.item.householdId),
  );
  const people = await userRefs(tx, [...participants.map((p) => p.userId), ...items.map((i) => i.leadId)]);
  await recordAccess(tx, ctx.actor, {
    action: 'read',
    recordType: 'case-conference',
    recordId: conference.id,
  });
  return {
    id: conference.id,
    series_id: conference.seriesId,
    title: conference.title,
    starts_at: iso(conference.startsAt),
    location: conference.location,
    status: conference.status,
    participants: [...participants]
      .sort((a, b) => participantKinds.indexOf(a.kind) - participantKinds.indexOf(b.kind))
      .map((p) => {
        const user = (p.userId && people.get(p.userId)) || null;
        return {
          kind: p.kind,
          user,
          name:
            p.kind === 'resident'
              ? (visiblePersons.get(p.personId ?? '') ?? ctx.texts('conference.resident'))
              : (user?.name ?? p.name ?? '-'),
          organisation: p.organisation,
        };
      }),
    agenda: items.map(({ item, involved, leadId }) => ({
      household_id: item.householdId,
      access: involved ? 'involved' : 'known',
      label: involved ? (names.get(item.householdId) ?? []).join(' / ') || null : null,
      contact: people.get(leadId) ?? null,
      outcome: involved && item.outcomeSealed ? ctx.sealer.cipher.decrypt(item.outcomeSealed) : null,
      discussed_at: item.discussedAt ? iso(item.discussedAt) : null,
    })),
  };
}
export type ConferenceView = Awaited<ReturnType<typeof conferenceView>>;

async function requireConference(tx: TenantTx, ctx: CaseworkContext, id: string): Promise<ConferenceRow> {
  const conference = await conferenceById(tx, id);
  if (!conference) throw new AppError('not_found', ctx.texts('problem.conferenceNotFound'));
  return conference;
}

/** Plans one meeting with its participants and, optionally, the households the actor wants to discuss. */
export async function scheduleConference(
  tx: TenantTx,
  ctx: CaseworkContext,
  body: ConferenceBody,
): Promise<ConferenceView> {
  const errors: FieldError[] = [];
  const title = clean(body.title);
  if (!title) errors.push(fieldError('title', ctx.texts('field.title')));
  const startsAt = checkStart(ctx, 'starts_at', body.starts_at, errors);
  if (!body.participants.length) errors.push(fieldError('participants', ctx.texts('field.participants')));
  const participants = await checkParticipants(tx, ctx, body.participants, errors);
  if (errors.length) throw validation(errors);
  const [conference] = await insertConferences(tx, [
    {
      tenantId: ctx.tenant.id,
      title: title!,
      startsAt: startsAt!,
      location: clean(body.location),
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    },
  ]);
  await insertParticipants(
    tx,
    participants.map((p) => ({ ...p, tenantId: ctx.tenant.id, conferenceId: conference!.id })),
  );
  await recordAccess(tx, ctx.actor, {
    action: 'create',
    recordType: 'case-conference',
    recordId: conference!.id,
  });
  for (const [i, householdId] of [...new Set(body.household_ids ?? [])].entries())
    await addToAgenda(tx, ctx, conference!, householdId, i);
  return conferenceView(tx, ctx, conference!);
}

/** A team's recurring conference: `count` meetings every `interval_days` at the same Dutch time. */
export async function scheduleConferenceSeries(tx: TenantTx, ctx: CaseworkContext, body: SeriesBody) {
  const errors: FieldError[] = [];
  const title = clean(body.title);
  if (!title) errors.push(fieldError('title', ctx.texts('field.title')));
  const first = checkStart(ctx, 'first_at', body.first_at, errors);
  const interval = body.interval_days ?? DEFAULT_INTERVAL_DAYS;
  const count = body.count ?? DEFAULT_SERIES_COUNT;
  const participants = await checkParticipants(tx, ctx, body.participants ?? [], errors);
  if (errors.length) throw validation(errors);
  const series = await insertSeries(tx, {
    tenantId: ctx.tenant.id,
    title: title!,
    intervalDays: interval,
    firstAt: first!,
    location: clean(body.location),
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  });
  const conferences = await insertConferences(
    tx,
    Array.from({ length: count }, (_, i) => ({
      tenantId: ctx.tenant.id,
      seriesId: series.id,
      title: title!,
      startsAt: addDutchDays(first!, i * interval),
      location: clean(body.location),
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    })),
  );
  for (const c of conferences) {
    await insertParticipants(
      tx,
      participants.map((p) => ({ ...p, tenantId: ctx.tenant.id, conferenceId: c.id })),
    );
    await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'case-conference', recordId: c.id });
  }
  return {
    id: series.id,
    title: series.title,
    interval_days: series.intervalDays,
    conferences: conferences
      .map((c) => ({ id: c.id, starts_at: iso(c.startsAt) }))
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at)),
  };
}

export async function listConferences(tx: TenantTx, ctx: CaseworkContext, query: ConferenceListQuery) {
  const errors: FieldError[] = [];
  for (const f of ['from', 'to'] as const)
    if (query[f] && !isCalendarDate(query[f]!)) errors.push(fieldError(f, ctx.texts('field.date')));
  if (errors.length) throw validation(errors);
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : dayBounds(ctx.now).today;
  const to = query.to
    ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000)
    : undefined;
  const rows = await conferencesBetween(tx, from, to);
  return {
    conferences: rows.map(({ conference: c, items }) => ({
      id: c.id,
      series_id: c.seriesId,
      title: c.title,
      starts_at: iso(c.startsAt),
      location: c.location,
      status: c.status,
      agenda_items: Number(items),
    })),
  };
}

export async function readConference(tx: TenantTx, ctx: CaseworkContext, id: string) {
  return conferenceView(tx, ctx, await requireConference(tx, ctx, id));
}

export async function addAgendaItem(tx: TenantTx, ctx: CaseworkContext, id: string, body: AgendaBody) {
  const conference = await requireConference(tx, ctx, id);
  if (conference.status === 'cancelled')
    throw new AppError('conflict', ctx.texts('problem.conferenceCancelled'));
  await addToAgenda(tx, ctx, conference, body.household_id, (await agendaOf(tx, conference.id)).length);
  return conferenceView(tx, ctx, conference);
}

/**
 * What the meeting agreed about one household: a note on the agenda item, and goals and actions added to the
 * plan under one version claim. All or nothing.
 */
export async function recordConferenceOutcome(
  tx: TenantTx,
  ctx: CaseworkContext,
  id: string,
  householdId: string,
  body: OutcomeBody,
): Promise<ConferenceView> {
  const conference = await requireConference(tx, ctx, id);
  if (conference.status === 'cancelled')
    throw new AppError('conflict', ctx.texts('problem.conferenceCancelled'));
  const file = await requireCaseFile(tx, ctx, householdId, { open: true });
  const item = (await agendaOf(tx, conference.id)).find((a) => a.caseId === file.caseRow.id);
  if (!item) throw new AppError('not_found', ctx.texts('problem.notOnAgenda'));
  const note = clean(body.note);
  if (!note) throw validation([fieldError('note', ctx.texts('field.note'))]);
  await claimVersion(tx, ctx, file.caseRow, body.version);
  const prefixed = async (prefix: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation')
        throw validation((err.fields ?? []).map((f) => ({ ...f, field: `${prefix}.${f.field}` })));
      throw err;
    }
  };
  for (const [i, goal] of (body.goals ?? []).entries())
    await prefixed(`goals.${i}`, () => writeGoal(tx, ctx, file, goal));
  for (const [i, action] of (body.actions ?? []).entries())
    await prefixed(`actions.${i}`, () => writeAction(tx, ctx, file, action));
  await updateAgendaItem(tx, item.id, {
    outcomeSealed: ctx.sealer.cipher.encrypt(note),
    discussedAt: ctx.now,
  });
  await recordAccess(tx, ctx.actor, {
    action: 'update',
    recordType: 'conference-agenda-item',
    recordId: item.id,
  });
  if (conference.status === 'planned') await setConferenceStatus(tx, conference.id, 'held');
  return conferenceView(tx, ctx, (await conferenceById(tx, conference.id))!);
}
