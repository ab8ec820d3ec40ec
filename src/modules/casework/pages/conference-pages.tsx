// Case conferences (casusoverleg) as pages: the coming meetings, planning one (colleagues, partners from outside
// and the resident; on the agenda the households one works on), a recurring series every two weeks, the meeting
// with its agenda, and the agreements per household that land in its plan. The use cases in ../conferences.ts
// decide who sees which household and write everything in one transaction.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantTx } from '../../../platform/db/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import {
  Alert,
  CsrfField,
  DataList,
  ErrorSummary,
  Field,
  Heading1,
  Heading2,
  Layout,
  P,
  SubmitButton,
  Table,
  formatDateTime,
  html,
} from '../../../platform/pages/layout.js';
import { can, caseFileRoles } from '../../../platform/auth/permissions.js';
import type { ParticipantInput } from '../conference-schemas.js';
import {
  addAgendaItem,
  listConferences,
  readConference,
  recordConferenceOutcome,
  scheduleConference,
  scheduleConferenceSeries,
  type ConferenceView,
} from '../conferences.js';
import { dayBounds, isCalendarDate } from '../dates.js';
import { lifeDomainCodes } from '../instruments.js';
import { readPlan } from '../plan.js';
import { performers, type Performer } from '../plan.tables.js';
import { activeUsersWithRole, type UserRef } from '../queries.js';
import { readHousehold, type CaseworkContext } from '../service.js';
import { listCases } from '../team.js';
import { Checkboxes, CaseworkStyles, Fieldset, Select, Subnav, TextArea, textsOf } from './components.js';
import type { FullHousehold } from './household-page.js';
import type { PageKey } from './messages.js';
import { domainLabel, householdHref } from './overview-page.js';

export const meetingsHref = '/sociaal-team/overleg';
const meetingHref = (id: string) => `${meetingsHref}/${id}`;
const outcomeHref = (id: string, householdId: string) => `${meetingHref(id)}/huishoudens/${householdId}`;

const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 5000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AgendaParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  householdId: Type.String({ format: 'uuid' }),
});
const NoticeQuery = Type.Object({
  melding: Type.Optional(Type.String({ maxLength: 40 })),
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
});
const PARTNER_ROWS = 2;
const UUID = /^[0-9a-f-]{36}$/i;

const notices: Record<string, PageKey> = {
  gepland: 'meeting.created',
  agenda: 'meeting.added',
  afspraken: 'meeting.saved',
  reeks: 'meeting.seriesMade',
};

const value = (form: Form, name: string) => (form[name] ?? '').trim();

/** Expected problems of a form come back on the page; the rest goes to the error handler. */
function formProblem(err: unknown): AppError | undefined {
  const e = toAppError(err);
  return e.code === 'validation' || e.code === 'conflict' ? e : undefined;
}

/** A Dutch date and wall-clock time as an instant; undefined when either is not filled in right. */
function dutchInstant(date: string, time: string): string | undefined {
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!isCalendarDate(date) || !t || Number(t[1]) > 23 || Number(t[2]) > 59) return undefined;
  const midnight = dayBounds(new Date(`${date}T12:00:00Z`)).today;
  return new Date(midnight.getTime() + (Number(t[1]) * 60 + Number(t[2])) * 60 * 1000).toISOString();
}

/** What the forms to plan a meeting offer: colleagues, and the households (with members) one works on. */
interface Choices {
  colleagues: UserRef[];
  households: { id: string; name: string; members: { id: string; name: string }[] }[];
}

// ---- pages ----

function MeetingsPage(props: {
  ctx: RequestContext;
  list: Awaited<ReturnType<typeof listConferences>>;
  notice?: string;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('meeting.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={meetingsHref} />
      <Heading1>{texts('meeting.title')}</Heading1>
      <P lead>{texts('meeting.intro')}</P>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {can(ctx.roles, 'casework:write') && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`${meetingsHref}/nieuw`}>
            {texts('meeting.new')}
          </a>
          {' · '}
          <a class="utrecht-link" href={`${meetingsHref}/reeks`}>
            {texts('meeting.newSeries')}
          </a>
        </p>
      )}
      <section class="wk-section" aria-labelledby="upcoming">
        <Heading2 id="upcoming">{texts('meeting.upcoming')}</Heading2>
        {props.list.conferences.length ? (
          <Table
            id="meetings-table"
            caption={texts('meeting.upcoming')}
            head={[
              texts('meeting.col.when'),
              texts('meeting.col.title'),
              texts('meeting.col.where'),
              texts('meeting.col.items'),
              texts('meeting.col.status'),
            ]}
            rows={props.list.conferences.map((c) => ({
              key: c.id,
              cells: [
                formatDateTime(ctx, c.starts_at),
                <a class="utrecht-link" href={meetingHref(c.id)}>
                  {c.title}
                </a>,
                c.location ?? '–',
                String(c.agenda_items),
                texts(`meeting.status.${c.status}`),
              ],
            }))}
          />
        ) : (
          <P>{texts('meeting.upcomingEmpty')}</P>
        )}
      </section>
    </Layout>
  );
}

function WhenFields(props: { ctx: RequestContext; form: Form; errors?: FieldError[]; dateLabel: string }) {
  const { ctx, form, errors } = props;
  const texts = textsOf(ctx);
  return (
    <>
      <Field
        ctx={ctx}
        name="title"
        label={texts('meeting.name')}
        description={texts('meeting.nameHint')}
        value={form.title}
        errors={errors}
      />
      <Field ctx={ctx} name="date" type="date" label={props.dateLabel} value={form.date} errors={errors} />
      <Field
        ctx={ctx}
        name="time"
        type="time"
        label={texts('meeting.time')}
        description={texts('meeting.timeHint')}
        value={form.time}
        errors={errors}
      />
      <Field
        ctx={ctx}
        name="location"
        label={texts('meeting.location')}
        description={texts('meeting.locationHint')}
        value={form.location}
        errors={errors}
      />
    </>
  );
}

function ScheduleForm(props: {
  ctx: RequestContext;
  choices: Choices;
  form: Form;
  errors?: FieldError[];
  series?: boolean;
}) {
  const { ctx, choices, form, errors, series } = props;
  const texts = textsOf(ctx);
  const title = series ? texts('meeting.newSeries') : texts('meeting.new');
  return (
    <Layout ctx={ctx} title={title}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={meetingsHref} />
      <Heading1>{title}</Heading1>
      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form
        method="post"
        action={`${meetingsHref}/${series ? 'reeks' : 'nieuw'}`}
        class="wk-cw-form"
        noValidate
      >
        <CsrfField ctx={ctx} />
        <Fieldset legend={texts('meeting.when')}>
          <WhenFields
            ctx={ctx}
            form={form}
            errors={errors}
            dateLabel={series ? texts('meeting.firstDate') : texts('meeting.date')}
          />
          {series && (
            <>
              <Field
                ctx={ctx}
                name="interval_days"
                inputmode="numeric"
                label={texts('meeting.interval')}
                description={texts('meeting.intervalHint')}
                value={form.interval_days ?? '14'}
                errors={errors}
              />
              <Field
                ctx={ctx}
                name="count"
                inputmode="numeric"
                label={texts('meeting.count')}
                description={texts('meeting.countHint')}
                value={form.count ?? '6'}
                errors={errors}
              />
            </>
          )}
        </Fieldset>
        <Checkboxes
          id="participants"
          legend={texts('meeting.colleagues')}
          error={errors?.find((e) => e.field === 'participants')}
          options={choices.colleagues.map((u) => ({
            name: `colleague.${u.id}`,
            label: u.name,
            checked: form[`colleague.${u.id}`] !== undefined,
          }))}
        />
        <Fieldset id="partners" legend={texts('meeting.partners')} hint={texts('meeting.partnersHint')}>
          {Array.from({ length: PARTNER_ROWS }, (_, i) => (
            <div key={i}>
              <Field
                ctx={ctx}
                name={`partners.${i}.name`}
                label={texts('meeting.partnerName', { n: i + 1 })}
                value={form[`partners.${i}.name`]}
                errors={errors}
              />
              <Field
                ctx={ctx}
                name={`partners.${i}.organisation`}
                label={texts('meeting.partnerOrganisation', { n: i + 1 })}
                value={form[`partners.${i}.organisation`]}
                errors={errors}
              />
            </div>
          ))}
        </Fieldset>
        {!series && (
          <>
            <Select
              name="resident"
              label={texts('meeting.resident')}
              value={form.resident ?? ''}
              errors={errors}
              options={[
                { value: '', label: texts('meeting.residentNone') },
                ...choices.households.flatMap((h) =>
                  h.members.map((m) => ({ value: `${h.id}:${m.id}`, label: `${m.name} (${h.name})` })),
                ),
              ]}
            />
            <Checkboxes
              id="household_ids"
              legend={texts('meeting.agenda')}
              hint={texts('meeting.agendaHint')}
              error={errors?.find((e) => e.field === 'household_ids')}
              options={choices.households.map((h) => ({
                name: `household.${h.id}`,
                label: h.name,
                checked: form[`household.${h.id}`] !== undefined,
              }))}
            />
          </>
        )}
        <SubmitButton>{series ? texts('meeting.scheduleSeries') : texts('meeting.schedule')}</SubmitButton>
      </form>
    </Layout>
  );
}

function MeetingPage(props: {
  ctx: RequestContext;
  meeting: ConferenceView;
  toAdd: { id: string; name: string }[];
  notice?: string;
}) {
  const { ctx, meeting } = props;
  const texts = textsOf(ctx);
  const writer = can(ctx.roles, 'casework:write');
  return (
    <Layout ctx={ctx} title={meeting.title}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={meetingsHref} />
      <Heading1>{meeting.title}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <DataList
        items={[
          [texts('meeting.when'), formatDateTime(ctx, meeting.starts_at)],
          [texts('meeting.where'), meeting.location ?? '–'],
          [texts('meeting.status'), texts(`meeting.status.${meeting.status}`)],
        ]}
      />
      {meeting.series_id && <P>{texts('meeting.series')}</P>}
      <section class="wk-section" aria-labelledby="participants">
        <Heading2 id="participants">{texts('meeting.participants')}</Heading2>
        <ul class="utrecht-unordered-list">
          {meeting.participants.map((p, i) => (
            <li class="utrecht-unordered-list__item" key={i}>
              {p.name}
              {p.organisation ? `, ${p.organisation}` : ''} ({texts(`meeting.kind.${p.kind}`)})
            </li>
          ))}
        </ul>
      </section>
      <section class="wk-section" aria-labelledby="agenda">
        <Heading2 id="agenda">{texts('meeting.agenda')}</Heading2>
        {meeting.agenda.length ? (
          <Table
            id="agenda-table"
            caption={texts('meeting.agenda')}
            head={[
              texts('meeting.col.household'),
              texts('meeting.col.contact'),
              texts('meeting.col.outcome'),
            ]}
            rows={meeting.agenda.map((a) => {
              const involved = a.access !== 'known';
              const name = a.label ?? '–';
              return {
                key: a.household_id,
                cells: [
                  involved ? (
                    <a class="utrecht-link" href={`${householdHref(a.household_id)}/plan`}>
                      {name}
                    </a>
                  ) : (
                    texts('meeting.notInvolved')
                  ),
                  a.contact ? `${a.contact.name} (${a.contact.email})` : '–',
                  involved ? (
                    <>
                      {a.outcome ?? texts('meeting.noOutcome')}
                      {writer && meeting.status !== 'cancelled' && (
                        <>
                          {' '}
                          <a class="utrecht-link" href={outcomeHref(meeting.id, a.household_id)}>
                            {texts('meeting.recordOutcomeOf', { name })}
                          </a>
                        </>
                      )}
                    </>
                  ) : (
                    '–'
                  ),
                ],
              };
            })}
          />
        ) : (
          <P>{texts('meeting.agendaEmpty')}</P>
        )}
        {writer && meeting.status !== 'cancelled' && (
          <div class="wk-card">
            <Heading2>{texts('meeting.addToAgenda')}</Heading2>
            {props.toAdd.length ? (
              <form method="post" action={`${meetingHref(meeting.id)}/agenda`} class="wk-cw-form">
                <CsrfField ctx={ctx} />
                <Select
                  name="household_id"
                  label={texts('meeting.addHousehold')}
                  value=""
                  options={props.toAdd.map((h) => ({ value: h.id, label: h.name }))}
                />
                <SubmitButton variant="secondary">{texts('meeting.addToAgenda')}</SubmitButton>
              </form>
            ) : (
              <P>{texts('meeting.noneToAdd')}</P>
            )}
          </div>
        )}
      </section>
    </Layout>
  );
}

function OutcomePage(props: {
  ctx: RequestContext;
  meeting: ConferenceView;
  householdId: string;
  name: string;
  version: number;
  form: Form;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, meeting, form, errors } = props;
  const texts = textsOf(ctx);
  const title = texts('meeting.outcomeTitle', { name: props.name });
  return (
    <Layout ctx={ctx} title={title}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={meetingsHref} />
      <Heading1>{title}</Heading1>
      <P lead>{texts('meeting.outcomeIntro')}</P>
      <P>
        {meeting.title}, {formatDateTime(ctx, meeting.starts_at)}.{' '}
        <a class="utrecht-link" href={meetingHref(meeting.id)}>
          {texts('meeting.back')}
        </a>
      </P>
      <ErrorSummary ctx={ctx} errors={errors ?? []} message={props.message} />
      <form method="post" action={outcomeHref(meeting.id, props.householdId)} class="wk-cw-form" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(props.version)} />
        <TextArea name="note" label={texts('meeting.note')} value={form.note} errors={errors} />
        <Fieldset legend={texts('meeting.goal')}>
          <Select
            name="goals.0.life_domain"
            label={texts('plan.lifeDomain')}
            value={form['goals.0.life_domain'] ?? ''}
            errors={errors}
            options={[
              { value: '', label: texts('meeting.goalNone') },
              ...lifeDomainCodes.map((c) => ({ value: c, label: domainLabel(ctx, c) })),
            ]}
          />
          <TextArea
            name="goals.0.text"
            label={texts('plan.goalText')}
            description={texts('plan.goalTextHint')}
            value={form['goals.0.text']}
            errors={errors}
          />
        </Fieldset>
        <Fieldset legend={texts('meeting.action')}>
          <TextArea
            name="actions.0.description"
            label={texts('plan.description')}
            value={form['actions.0.description']}
            errors={errors}
            rows={2}
          />
          <Select
            name="actions.0.performer"
            label={texts('plan.performer')}
            value={form['actions.0.performer'] ?? 'professional'}
            errors={errors}
            options={performers.map((p) => ({ value: p, label: texts(`performer.${p}`) }))}
          />
          <Field
            ctx={ctx}
            name="actions.0.performer_name"
            label={texts('plan.performerName')}
            description={texts('plan.performerNameHint')}
            value={form['actions.0.performer_name']}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="actions.0.due_on"
            type="date"
            label={texts('plan.dueOn')}
            description={texts('plan.dueOnHint')}
            value={form['actions.0.due_on']}
            errors={errors}
          />
        </Fieldset>
        <SubmitButton>{texts('meeting.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

// ---- routes ----

export function registerConferencePages(
  app: FastifyInstance,
  contextOf: (req: FastifyRequest) => CaseworkContext,
  inTenant: <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) => Promise<T>,
): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();
  const noticeOf = (req: FastifyRequest) => {
    const { melding, n } = req.query as Static<typeof NoticeQuery>;
    return melding && Object.hasOwn(notices, melding)
      ? textsOf(req.ctx)(notices[melding]!, { n: n ?? 0 })
      : undefined;
  };

  /** My open households by name (each read audited by the use cases), with their members for the resident. */
  async function myHouseholds(tx: TenantTx, ctx: CaseworkContext, withMembers: boolean) {
    const { cases } = await listCases(tx, ctx, { scope: 'mine' });
    const out: Choices['households'] = [];
    for (const c of cases) {
      let members: Choices['households'][number]['members'] = [];
      if (withMembers) {
        const view = await readHousehold(tx, ctx, c.household_id);
        if (view.view === 'full')
          members = (view as FullHousehold).members.map((m) => ({
            id: m.id,
            name: `${m.given_name} ${m.family_name}`,
          }));
      }
      out.push({ id: c.household_id, name: c.label ?? '–', members });
    }
    return out;
  }

  async function choicesOf(tx: TenantTx, ctx: CaseworkContext, series: boolean): Promise<Choices> {
    const staff = new Map<string, UserRef>();
    for (const role of caseFileRoles) for (const u of await activeUsersWithRole(tx, role)) staff.set(u.id, u);
    return {
      colleagues: [...staff.values()].sort((a, b) => a.name.localeCompare(b.name)),
      households: series ? [] : await myHouseholds(tx, ctx, true),
    };
  }

  app.get(
    meetingsHref,
    { config: { access: 'casework:read' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const list = await inTenant(ctx, (tx) => listConferences(tx, ctx, {}));
      return html(reply, <MeetingsPage ctx={req.ctx} list={list} notice={noticeOf(req)} />);
    },
  );

  async function showSchedule(
    req: FastifyRequest,
    reply: FastifyReply,
    series: boolean,
    form: Form = {},
    errors?: FieldError[],
  ) {
    const ctx = contextOf(req);
    const choices = await inTenant(ctx, (tx) => choicesOf(tx, ctx, series));
    return html(
      reply,
      <ScheduleForm ctx={req.ctx} choices={choices} form={form} errors={errors} series={series} />,
      errors?.length ? 400 : 200,
    );
  }

  /** The participants of the form; a partner row counts as soon as one of its two fields is filled. */
  function participantsOf(form: Form): ParticipantInput[] {
    const list: ParticipantInput[] = [];
    for (const key of Object.keys(form)) {
      const m = /^colleague\.([0-9a-f-]{36})$/i.exec(key);
      if (m) list.push({ kind: 'professional', user_id: m[1]!.toLowerCase() });
    }
    for (let i = 0; i < PARTNER_ROWS; i++) {
      const name = value(form, `partners.${i}.name`);
      const organisation = value(form, `partners.${i}.organisation`);
      if (name || organisation) list.push({ kind: 'partner', name, organisation });
    }
    const [householdId, personId] = value(form, 'resident').split(':');
    if (householdId && personId && UUID.test(householdId) && UUID.test(personId))
      list.push({ kind: 'resident', household_id: householdId, person_id: personId });
    return list;
  }

  /** Errors of the use case pointed at the form's fields. */
  function formFields(errors: FieldError[], participants: ParticipantInput[]) {
    return errors.map((e) => {
      // The page always sends a well-formed time, so what remains here is a meeting in the past.
      if (e.field === 'starts_at' || e.field === 'first_at') return { ...e, field: 'date' };
      const p = /^participants\.(\d+)\./.exec(e.field);
      if (p) {
        const kind = participants[Number(p[1])]?.kind;
        const partnerIndex = participants.slice(0, Number(p[1])).filter((x) => x.kind === 'partner').length;
        if (kind === 'partner') return { ...e, field: `partners.${partnerIndex}.name` };
        if (kind === 'resident') return { ...e, field: 'resident' };
        return { ...e, field: 'participants' };
      }
      return e;
    });
  }

  for (const series of [false, true]) {
    const url = `${meetingsHref}/${series ? 'reeks' : 'nieuw'}`;
    app.get(url, { config: { access: 'casework:write' }, schema: page }, async (req, reply) =>
      showSchedule(req, reply, series),
    );

    app.post(url, { config: { access: 'casework:write' }, schema: formSchema }, async (req, reply) => {
      const ctx = contextOf(req);
      const form = req.body as Form;
      const texts = textsOf(req.ctx);
      const participants = participantsOf(form);
      const startsAt = dutchInstant(value(form, 'date'), value(form, 'time'));
      const errors: FieldError[] = [];
      if (!startsAt) errors.push({ field: 'date', message: texts('meeting.startsAt') });
      const number = (name: string, fallback: number) => {
        const v = value(form, name);
        if (!v) return fallback;
        if (/^\d{1,3}$/.test(v)) return Number(v);
        errors.push({ field: name, message: texts('meeting.numberInvalid') });
        return fallback;
      };
      const interval = number('interval_days', 14);
      const count = number('count', 6);
      if (series && !(count >= 1 && count <= 26))
        errors.push({ field: 'count', message: texts('meeting.countHint') });
      if (series && !(interval >= 1 && interval <= 92))
        errors.push({ field: 'interval_days', message: texts('meeting.numberInvalid') });
      const base = {
        title: value(form, 'title'),
        location: value(form, 'location') || null,
        participants,
      };
      try {
        // The use case still runs after a mistake in the form, so every mistake is named at once.
        const result = await inTenant(ctx, async (tx) => {
          const made = series
            ? await scheduleConferenceSeries(tx, ctx, {
                ...base,
                first_at: startsAt ?? new Date(ctx.now.getTime() + 86_400_000).toISOString(),
                interval_days: interval,
                count,
              })
            : await scheduleConference(tx, ctx, {
                ...base,
                starts_at: startsAt ?? new Date(ctx.now.getTime() + 86_400_000).toISOString(),
                household_ids: Object.keys(form)
                  .map((k) => /^household\.([0-9a-f-]{36})$/i.exec(k)?.[1]?.toLowerCase())
                  .filter((id): id is string => !!id),
              });
          if (errors.length) throw new AppError('validation', undefined, []);
          return made;
        });
        if ('interval_days' in result)
          return reply.redirect(`${meetingsHref}?melding=reeks&n=${result.conferences.length}`, 303);
        return reply.redirect(`${meetingHref(result.id)}?melding=gepland`, 303);
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        const all = [...errors, ...formFields(e.fields ?? [], participants)];
        const unique = all.filter((x, i) => all.findIndex((y) => y.field === x.field) === i);
        return showSchedule(req, reply, series, form, unique);
      }
    });
  }

  app.get(
    `${meetingsHref}/:id`,
    { config: { access: 'casework:read' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { meeting, toAdd } = await inTenant(ctx, async (tx) => {
        const meeting = await readConference(tx, ctx, idOf(req));
        const onAgenda = new Set(meeting.agenda.map((a) => a.household_id));
        const toAdd = can(req.ctx.roles, 'casework:write')
          ? (await myHouseholds(tx, ctx, false)).filter((h) => !onAgenda.has(h.id))
          : [];
        return { meeting, toAdd };
      });
      return html(
        reply,
        <MeetingPage ctx={req.ctx} meeting={meeting} toAdd={toAdd} notice={noticeOf(req)} />,
      );
    },
  );

  app.post(
    `${meetingsHref}/:id/agenda`,
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const householdId = value(req.body as Form, 'household_id').toLowerCase();
      if (!UUID.test(householdId)) throw new AppError('not_found', ctx.texts('problem.householdNotFound'));
      await inTenant(ctx, (tx) => addAgendaItem(tx, ctx, idOf(req), { household_id: householdId }));
      return reply.redirect(`${meetingHref(idOf(req))}?melding=agenda#agenda`, 303);
    },
  );

  async function showOutcome(
    req: FastifyRequest,
    reply: FastifyReply,
    form: Form = {},
    problem?: { errors: FieldError[]; message?: string; status: number },
  ) {
    const ctx = contextOf(req);
    const { id, householdId } = req.params as Static<typeof AgendaParams>;
    const { meeting, plan } = await inTenant(ctx, async (tx) => ({
      meeting: await readConference(tx, ctx, id.toLowerCase()),
      plan: await readPlan(tx, ctx, householdId.toLowerCase()),
    }));
    const item = meeting.agenda.find((a) => a.household_id === householdId.toLowerCase());
    if (!item || item.access === 'known') throw new AppError('not_found', ctx.texts('problem.notOnAgenda'));
    return html(
      reply,
      <OutcomePage
        ctx={req.ctx}
        meeting={meeting}
        householdId={item.household_id}
        name={item.label ?? '–'}
        version={plan.version}
        form={form}
        errors={problem?.errors}
        message={problem?.message}
      />,
      problem?.status ?? 200,
    );
  }

  app.get(
    `${meetingsHref}/:id/huishoudens/:householdId`,
    { config: { access: 'casework:write' }, schema: { ...page, params: AgendaParams } },
    async (req, reply) => showOutcome(req, reply),
  );

  app.post(
    `${meetingsHref}/:id/huishoudens/:householdId`,
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: AgendaParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { id, householdId } = req.params as Static<typeof AgendaParams>;
      const form = req.body as Form;
      const texts = textsOf(req.ctx);
      const goalText = value(form, 'goals.0.text');
      const goalDomain = value(form, 'goals.0.life_domain');
      const description = value(form, 'actions.0.description');
      const performer = value(form, 'actions.0.performer');
      try {
        if (description && !(performers as readonly string[]).includes(performer))
          throw new AppError('validation', undefined, [
            {
              field: 'actions.0.performer',
              message: ctx.texts('field.performer', {
                options: performers.map((p) => texts(`performer.${p}`)).join(', '),
              }),
            },
          ]);
        await inTenant(ctx, (tx) =>
          recordConferenceOutcome(tx, ctx, id.toLowerCase(), householdId.toLowerCase(), {
            version: /^\d{1,9}$/.test(form.version ?? '') ? Math.max(1, Number(form.version)) : 1,
            note: form.note ?? '',
            goals: goalText || goalDomain ? [{ life_domain: goalDomain, text: goalText }] : [],
            actions: description
              ? [
                  {
                    description,
                    performer: performer as Performer,
                    performer_name: value(form, 'actions.0.performer_name') || null,
                    due_on: value(form, 'actions.0.due_on') || null,
                  },
                ]
              : [],
          }),
        );
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        return showOutcome(req, reply, form, {
          errors: e.fields ?? [],
          message: e.code === 'conflict' ? e.detail : undefined,
          status: e.status,
        });
      }
      return reply.redirect(`${meetingHref(id.toLowerCase())}?melding=afspraken#agenda`, 303);
    },
  );
}
