// Pages of keeping the directory current: "Mijn aanbod" for providers (edit, confirm, see reports and the
// outcome of their changes), the moderation queue, the staleness report and provider links for coordinators,
// and the public "Klopt er iets niet?" form. Forms post and redirect (post/redirect/get); without JavaScript.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Config } from '../../../config.js';
import { html } from '../../../platform/pages/layout.js';
import { can } from '../../../platform/auth/permissions.js';
import { rateLimits } from '../../../platform/auth/routes.js';
import type { Database, TenantTx } from '../../../platform/db/index.js';
import { requireTenant, type RequestContext } from '../../../platform/http/context.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import type { Clock } from '../../../platform/jobs/index.js';
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
  SectionNav,
} from '../../../platform/pages/layout.js';
import { Checkboxes, Select, TextArea, describedBy, errorOf } from '../../../platform/pages/forms.js';
import { formatDay } from '../../../platform/i18n/dates.js';
import { compileService } from '../hsds-export.js';
import { parseByDay } from '../schedule.js';
import { staleAfterMonths } from './dates.js';
import { curationTexts, type CurationKey, type Texts } from './messages.js';
import {
  days,
  frequencies,
  offerFields,
  weeksOfMonth,
  type OfferFields,
  type ProposalInput,
} from './offer-fields.js';
import { offerHead, organizationNames, providerCandidates } from './queries.js';
import { curationContext } from './context.js';
import {
  addMember,
  approveRequest,
  getRequest,
  handleFeedback,
  listMembers,
  listRequests,
  listStale,
  myOffers,
  openFeedback,
  pendingProposal,
  proposeChange,
  rejectRequest,
  removeMember,
  reportProblem,
  confirmOffer,
  type ChangeRequestView,
  type FeedbackRow,
  type MemberRow,
  type MyOrganization,
  type StaleOffer,
} from './service.js';

/** Form posts: every field arrives as a string; descriptions may be long. */
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 10000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });

const notices: Record<string, CurationKey> = {
  opgeslagen: 'mine.saved',
  bevestigd: 'mine.confirmed',
  goedgekeurd: 'queue.approvedNotice',
  afgewezen: 'queue.rejectedNotice',
  afgehandeld: 'queue.handledNotice',
  gekoppeld: 'members.added',
  ontkoppeld: 'members.removed',
  verstuurd: 'report.thanks',
};
const noticeOf = (texts: Texts, melding: string | undefined) =>
  melding && Object.hasOwn(notices, melding) ? texts(notices[melding]!) : undefined;

const textsOf = (ctx: RequestContext) => curationTexts(ctx.locale);

const lastChecked = (ctx: RequestContext, date: string | null | undefined) =>
  date ? formatDay(ctx, date) : textsOf(ctx)('mine.never');

// ---- building blocks ----

function Subnav(props: { ctx: RequestContext; current: string }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const links = [
    { href: '/mijn-aanbod', label: texts('nav.mine'), show: can(ctx.roles, 'directory:edit-own') },
    {
      href: '/beheer/aanbod/wachtrij',
      label: texts('nav.queue'),
      show: can(ctx.roles, 'directory:moderate'),
    },
    {
      href: '/beheer/aanbod/verouderd',
      label: texts('nav.stale'),
      show: can(ctx.roles, 'directory:moderate'),
    },
    { href: '/beheer/aanbieders', label: texts('nav.members'), show: can(ctx.roles, 'directory:moderate') },
  ];
  return <SectionNav label={texts('nav.curation')} current={props.current} links={links} />;
}

/** A button in a table row: its accessible name says which row, and starts with the visible text. */
function RowButton(props: {
  ctx: RequestContext;
  action: string;
  label: string;
  text: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={props.action} class="wk-inline-form">
      <CsrfField ctx={props.ctx} />
      <button
        type="submit"
        class={`utrecht-button ${props.secondary ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}`}
        aria-label={props.label}
      >
        {props.text}
      </button>
    </form>
  );
}

// ---- the edit form: fields ⇄ form values ----

interface ScheduleForm {
  id: string;
  freq: string;
  days: string[];
  weeks: string[];
  opens_at: string;
  closes_at: string;
  description: string;
  remove: boolean;
}

interface EditForm {
  values: Record<string, string>;
  schedules: ScheduleForm[];
}

const editScalars = [
  'name',
  'description',
  'application_process',
  'fees_description',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'email',
  'url',
  'phone',
  'note',
] as const;

/** The weekdays and the weeks of the month ("2", "-1") that byday names, as the form's checkboxes. */
function bydayChoices(byday: string | null): { days: string[]; weeks: string[] } {
  const parts = parseByDay(byday);
  return {
    days: [...new Set(parts.map((p) => p.code))],
    weeks: [...new Set(parts.flatMap((p) => (p.nth === undefined ? [] : [String(p.nth)])))],
  };
}

function formFromFields(fields: OfferFields, note = ''): EditForm {
  const values: Record<string, string> = { note };
  for (const k of editScalars) if (k !== 'note') values[k] = fields[k] === null ? '' : String(fields[k]);
  return {
    values,
    schedules: fields.schedules.map((s) => ({
      id: s.id,
      freq: s.freq ?? '',
      ...bydayChoices(s.byday),
      opens_at: s.opens_at ?? '',
      closes_at: s.closes_at ?? '',
      description: s.description ?? '',
      remove: false,
    })),
  };
}

/** The posted form, and the proposal it makes. `formIndex` maps a proposal schedule to its form row. */
function readEditForm(form: Form): {
  edit: EditForm;
  input: ProposalInput & { note?: string };
  formIndex: number[];
} {
  const values: Record<string, string> = {};
  for (const k of editScalars) values[k] = form[k] ?? '';
  const indices = new Set<number>();
  for (const key of Object.keys(form)) {
    const m = /^schedules\.(\d{1,2})\./.exec(key);
    if (m) indices.add(Number(m[1]));
  }
  const schedules: ScheduleForm[] = [...indices]
    .sort((a, b) => a - b)
    .map((i) => {
      const get = (part: string) => (form[`schedules.${i}.${part}`] ?? '').trim();
      return {
        id: get('id'),
        freq: get('freq'),
        days: days.filter((d) => form[`schedules.${i}.day.${d}`] !== undefined),
        weeks: weeksOfMonth.filter((w) => form[`schedules.${i}.week.${w}`] !== undefined),
        opens_at: get('opens_at'),
        closes_at: get('closes_at'),
        description: get('description'),
        remove: form[`schedules.${i}.remove`] !== undefined,
      };
    });
  const formIndex: number[] = [];
  const proposal: NonNullable<ProposalInput['schedules']> = [];
  schedules.forEach((s, i) => {
    if (s.remove) return;
    const empty = !s.id && !s.freq && !s.days.length && !s.opens_at && !s.closes_at && !s.description;
    if (empty) return;
    const byday =
      s.freq === 'MONTHLY' && s.weeks.length
        ? s.weeks.flatMap((w) => s.days.map((d) => `${w}${d}`)).join(',')
        : s.days.join(',');
    formIndex.push(i);
    proposal.push({
      id: s.id || null,
      freq: s.freq || null,
      byday: byday || null,
      opens_at: s.opens_at || null,
      closes_at: s.closes_at || null,
      description: s.description || null,
    });
  });
  const input: ProposalInput & { note?: string } = { schedules: proposal, note: values.note };
  for (const k of editScalars) if (k !== 'note') input[k] = values[k] ?? '';
  return { edit: { values, schedules }, input, formIndex };
}

/** Errors named after the proposal's schedules, renamed after the form's rows. */
function toFormErrors(errors: FieldError[], formIndex: number[]): FieldError[] {
  return errors.map((e) => {
    const m = /^schedules\.(\d+)(.*)$/.exec(e.field);
    if (!m) return e;
    return { ...e, field: `schedules.${formIndex[Number(m[1])] ?? m[1]}${m[2]}` };
  });
}

function ScheduleFieldset(props: {
  ctx: RequestContext;
  index: number;
  schedule: ScheduleForm;
  isNew: boolean;
  errors: FieldError[];
}) {
  const { ctx, index: i, schedule: s, errors } = props;
  const texts = textsOf(ctx);
  const name = (part: string) => `schedules.${i}.${part}`;
  const legend = props.isNew ? texts('field.schedule.new') : texts('field.schedule', { n: i + 1 });
  const own = errorOf(errors, `schedules.${i}`);
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset wk-card${own ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={`schedules.${i}`}
      aria-describedby={describedBy(`schedules.${i}`, props.isNew, !!own)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {legend}
      </legend>
      {props.isNew && (
        <div class="utrecht-form-field-description" id={`schedules.${i}-hint`}>
          {texts('field.schedule.newHint')}
        </div>
      )}
      {own && (
        <div class="utrecht-form-field-error-message" id={`schedules.${i}-error`}>
          {own.message}
        </div>
      )}
      {s.id && <input type="hidden" name={name('id')} value={s.id} />}
      <Select
        name={name('freq')}
        label={texts('field.freq')}
        value={s.freq}
        errors={errors}
        options={[
          ...frequencies
            .filter((f) => f !== 'YEARLY' || s.freq === 'YEARLY')
            .map((f) => ({ value: f, label: texts(`field.freq.${f}`) })),
          { value: '', label: texts('field.freq.none') },
        ]}
      />
      <Checkboxes
        id={name('byday')}
        legend={texts('field.byday')}
        error={errorOf(errors, name('byday'))}
        options={days.map((d) => ({
          name: name(`day.${d}`),
          label: texts(`day.${d}`),
          checked: s.days.includes(d),
        }))}
      />
      <Checkboxes
        id={name('weeks')}
        legend={texts('field.weeks')}
        hint={texts('field.weeks.hint')}
        options={weeksOfMonth.map((w) => ({
          name: name(`week.${w}`),
          label: texts(`week.label.${w}`),
          checked: s.weeks.includes(w),
        }))}
      />
      <Field
        ctx={ctx}
        name={name('opens_at')}
        label={texts('field.opens_at')}
        type="time"
        description={texts('field.time.hint')}
        value={s.opens_at}
        errors={errors}
      />
      <Field
        ctx={ctx}
        name={name('closes_at')}
        label={texts('field.closes_at')}
        type="time"
        description={texts('field.time.hint')}
        value={s.closes_at}
        errors={errors}
      />
      <Field
        ctx={ctx}
        name={name('description')}
        label={texts('field.schedule.description')}
        description={texts('field.schedule.descriptionHint')}
        value={s.description}
        errors={errors}
      />
      {!props.isNew && (
        <Checkboxes
          id={name('removal')}
          legend={texts('field.schedule.remove')}
          options={[{ name: name('remove'), label: texts('field.schedule.remove'), checked: s.remove }]}
        />
      )}
    </fieldset>
  );
}

function EditPage(props: {
  ctx: RequestContext;
  serviceId: string;
  serviceName: string;
  form: EditForm;
  pendingSince?: string;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, form } = props;
  const texts = textsOf(ctx);
  const errors = props.errors ?? [];
  const v = form.values;
  const title = texts('edit.title', { name: props.serviceName });
  const existing = form.schedules.filter((s) => s.id);
  const added = form.schedules.filter((s) => !s.id);
  const blank: ScheduleForm = {
    id: '',
    freq: '',
    days: [],
    weeks: [],
    opens_at: '',
    closes_at: '',
    description: '',
    remove: false,
  };
  const rows = [...existing, ...(added.length ? added : [blank])];
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/mijn-aanbod" />
        <Heading1>{title}</Heading1>
        <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
        <P>{texts('edit.intro')}</P>
        {props.pendingSince && (
          <Alert type="info">
            {texts('edit.pending', { date: formatDateTime(ctx, props.pendingSince) })}
          </Alert>
        )}
        <form
          method="post"
          action={`/mijn-aanbod/${props.serviceId}/bewerken`}
          novalidate
          class="wk-form wk-stack"
        >
          <CsrfField ctx={ctx} />
          <section aria-labelledby="over" class="wk-section">
            <Heading2 id="over">{texts('edit.about')}</Heading2>
            <Field
              ctx={ctx}
              name="name"
              label={texts('field.name')}
              value={v.name}
              required
              errors={errors}
            />
            <TextArea
              name="description"
              label={texts('field.description')}
              hint={texts('field.description.hint')}
              value={v.description}
              required
              rows={6}
              errors={errors}
            />
            <TextArea
              name="eligibility_description"
              label={texts('field.eligibility_description')}
              value={v.eligibility_description}
              errors={errors}
              rows={4}
            />
            <Field
              ctx={ctx}
              name="minimum_age"
              label={texts('field.minimum_age')}
              description={texts('field.age.hint')}
              inputmode="numeric"
              value={v.minimum_age}
              errors={errors}
            />
            <Field
              ctx={ctx}
              name="maximum_age"
              label={texts('field.maximum_age')}
              description={texts('field.age.hint')}
              inputmode="numeric"
              value={v.maximum_age}
              errors={errors}
            />
            <TextArea
              name="application_process"
              label={texts('field.application_process')}
              hint={texts('field.application_process.hint')}
              value={v.application_process}
              errors={errors}
              rows={4}
            />
            <TextArea
              name="fees_description"
              label={texts('field.fees_description')}
              hint={texts('field.fees_description.hint')}
              value={v.fees_description}
              rows={2}
              errors={errors}
            />
          </section>
          <section aria-labelledby="tijden" class="wk-section wk-stack">
            <Heading2 id="tijden">{texts('field.schedules')}</Heading2>
            {rows.map((s, i) => (
              <ScheduleFieldset
                ctx={ctx}
                index={i}
                schedule={s}
                isNew={!s.id}
                errors={errors}
                key={s.id || `nieuw-${i}`}
              />
            ))}
          </section>
          <section aria-labelledby="contact" class="wk-section">
            <Heading2 id="contact">{texts('edit.contact')}</Heading2>
            <Field
              ctx={ctx}
              name="phone"
              label={texts('field.phone')}
              type="tel"
              value={v.phone}
              errors={errors}
            />
            <Field
              ctx={ctx}
              name="email"
              label={texts('field.email')}
              type="email"
              value={v.email}
              errors={errors}
            />
            <Field ctx={ctx} name="url" label={texts('field.url')} type="url" value={v.url} errors={errors} />
          </section>
          <TextArea name="note" label={texts('field.note')} value={v.note} rows={3} errors={errors} />
          <SubmitButton>{texts('edit.submit')}</SubmitButton>
        </form>
        <P>
          <a class="utrecht-link" href="/mijn-aanbod">
            {texts('edit.back')}
          </a>
        </P>
      </div>
    </Layout>
  );
}

function requestStatusText(
  ctx: RequestContext,
  r: MyOrganization['services'][number]['change_request'],
): string {
  const texts = textsOf(ctx);
  if (!r) return texts('mine.noRequest');
  if (r.status === 'pending') return texts('mine.pending', { date: formatDateTime(ctx, r.updated_at) });
  if (r.status === 'approved')
    return texts('mine.approved', { date: formatDateTime(ctx, r.decided_at ?? r.updated_at) });
  return texts('mine.rejected', {
    date: formatDateTime(ctx, r.decided_at ?? r.updated_at),
    reason: r.reason ?? '',
  });
}

function MinePage(props: {
  ctx: RequestContext;
  organizations: MyOrganization[];
  feedback: FeedbackRow[];
  notice?: string;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('mine.title')}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/mijn-aanbod" />
        <Heading1>{texts('mine.title')}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <P lead>{texts('mine.intro')}</P>
        {props.organizations.length === 0 && <P>{texts('mine.none')}</P>}
        {props.organizations.map((org, n) => (
          <section aria-labelledby={`org-${n}`} class="wk-section wk-stack" key={org.id}>
            <Heading2 id={`org-${n}`}>{org.name}</Heading2>
            <Table
              id={`aanbod-${n}`}
              caption={texts('mine.caption', { organization: org.name, count: org.services.length })}
              head={[
                texts('mine.offer'),
                texts('mine.times'),
                texts('mine.lastChecked'),
                texts('mine.status'),
                texts('mine.actions'),
              ]}
              rows={org.services.map((s) => ({
                key: s.id,
                cells: [
                  s.name,
                  s.times.length ? (
                    <ul class="utrecht-unordered-list">
                      {s.times.map((t, i) => (
                        <li class="utrecht-unordered-list__item" key={i}>
                          {t}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    ''
                  ),
                  <>
                    {lastChecked(ctx, s.last_checked)}
                    {s.stale && (
                      <>
                        {' '}
                        <strong>({texts('mine.stale')})</strong>
                      </>
                    )}
                  </>,
                  requestStatusText(ctx, s.change_request),
                  <div class="wk-stack">
                    <a
                      class="utrecht-button-link utrecht-button-link--secondary-action"
                      href={`/mijn-aanbod/${s.id}/bewerken`}
                      aria-label={texts('mine.editLabel', { name: s.name })}
                    >
                      {texts('mine.edit')}
                    </a>
                    <RowButton
                      ctx={ctx}
                      action={`/mijn-aanbod/${s.id}/bevestigen`}
                      label={texts('mine.confirmLabel', { name: s.name })}
                      text={texts('mine.confirm')}
                      secondary
                    />
                  </div>,
                ],
              }))}
            />
          </section>
        ))}
        {props.organizations.length > 0 && (
          <section aria-labelledby="meldingen" class="wk-section wk-stack">
            <Heading2 id="meldingen">{texts('mine.feedback')}</Heading2>
            <P>{texts('mine.feedbackIntro')}</P>
            {props.feedback.length === 0 ? (
              <P>{texts('mine.feedbackNone')}</P>
            ) : (
              <Table
                id="meldingen-tabel"
                caption={texts('mine.feedbackCaption', { count: props.feedback.length })}
                head={[
                  texts('queue.offer'),
                  texts('queue.message'),
                  texts('queue.contact'),
                  texts('queue.when'),
                ]}
                rows={props.feedback.map((f) => ({
                  key: f.id,
                  cells: [
                    f.service_name,
                    <span class="wk-break">{f.message}</span>,
                    f.contact_email ? (
                      <span class="wk-break">{f.contact_email}</span>
                    ) : (
                      texts('queue.noContact')
                    ),
                    formatDateTime(ctx, f.created_at),
                  ],
                }))}
              />
            )}
          </section>
        )}
      </div>
    </Layout>
  );
}

function FeedbackTable(props: { ctx: RequestContext; feedback: FeedbackRow[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  if (!props.feedback.length) return <P>{texts('queue.feedbackNone')}</P>;
  return (
    <Table
      id="meldingen-tabel"
      caption={texts('queue.feedbackCaption', { count: props.feedback.length })}
      head={[
        texts('queue.offer'),
        texts('queue.organization'),
        texts('queue.message'),
        texts('queue.contact'),
        texts('queue.when'),
        texts('mine.actions'),
      ]}
      rows={props.feedback.map((f) => ({
        key: f.id,
        cells: [
          f.service_name,
          f.organization_name,
          <span class="wk-break">{f.message}</span>,
          f.contact_email ? <span class="wk-break">{f.contact_email}</span> : texts('queue.noContact'),
          formatDateTime(ctx, f.created_at),
          <RowButton
            ctx={ctx}
            action={`/beheer/aanbod/meldingen/${f.id}/afgehandeld`}
            label={texts('queue.handledLabel', { name: f.service_name })}
            text={texts('queue.handled')}
            secondary
          />,
        ],
      }))}
    />
  );
}

function QueuePage(props: {
  ctx: RequestContext;
  requests: ChangeRequestView[];
  feedback: FeedbackRow[];
  notice?: string;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('queue.title')}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/beheer/aanbod/wachtrij" />
        <Heading1>{texts('queue.title')}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <P>{texts('queue.intro')}</P>
        <section aria-labelledby="wijzigingen" class="wk-section wk-stack">
          <Heading2 id="wijzigingen">{texts('queue.requests')}</Heading2>
          {props.requests.length === 0 ? (
            <P>{texts('queue.none')}</P>
          ) : (
            <Table
              id="wachtrij-tabel"
              caption={texts('queue.caption', { count: props.requests.length })}
              head={[
                texts('queue.offer'),
                texts('queue.organization'),
                texts('queue.author'),
                texts('queue.when'),
                texts('queue.changes'),
              ]}
              rows={props.requests.map((r) => ({
                key: r.id,
                cells: [
                  <a
                    class="utrecht-link"
                    href={`/beheer/aanbod/wachtrij/${r.id}`}
                    aria-label={texts('queue.viewLabel', { name: r.service_name })}
                  >
                    {r.service_name}
                  </a>,
                  r.organization_name,
                  r.author?.name ?? '',
                  formatDateTime(ctx, r.updated_at),
                  [...new Set(r.changes.map((c) => c.label))].join(', '),
                ],
              }))}
            />
          )}
        </section>
        <section aria-labelledby="meldingen" class="wk-section wk-stack">
          <Heading2 id="meldingen">{texts('queue.feedback')}</Heading2>
          <FeedbackTable ctx={ctx} feedback={props.feedback} />
        </section>
      </div>
    </Layout>
  );
}

function Value(props: { ctx: RequestContext; value: string | null; kind: 'old' | 'new' }) {
  const texts = textsOf(props.ctx);
  if (props.value === null) return <span>{texts('empty')}</span>;
  return props.kind === 'old' ? (
    <del class="wk-break">{props.value}</del>
  ) : (
    <ins class="wk-break">{props.value}</ins>
  );
}

function RequestPage(props: {
  ctx: RequestContext;
  request: ChangeRequestView;
  errors?: FieldError[];
  message?: string;
  reason?: string;
}) {
  const { ctx, request: r } = props;
  const texts = textsOf(ctx);
  const title = texts('request.title', { name: r.service_name });
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/beheer/aanbod/wachtrij" />
        <Heading1>{title}</Heading1>
        <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
        <DataList
          items={[
            [texts('request.status'), texts(`request.status.${r.status}`)],
            [texts('queue.organization'), r.organization_name],
            [texts('queue.author'), r.author?.name ?? ''],
            [texts('queue.when'), formatDateTime(ctx, r.updated_at)],
            ...(r.note
              ? [
                  [texts('request.note'), <span class="wk-break">{r.note}</span>] as [
                    string,
                    ComponentChildren,
                  ],
                ]
              : []),
            ...(r.reason
              ? [
                  [texts('request.reason'), <span class="wk-break">{r.reason}</span>] as [
                    string,
                    ComponentChildren,
                  ],
                ]
              : []),
          ]}
        />
        {r.changes.length === 0 ? (
          <P>{texts('request.noDiff')}</P>
        ) : (
          <Table
            id="verschillen"
            caption={texts('request.diffCaption')}
            head={[texts('request.field'), texts('request.old'), texts('request.new')]}
            rows={r.changes.map((c) => ({
              key: c.field,
              cells: [
                c.label,
                <Value ctx={ctx} value={c.old} kind="old" />,
                <Value ctx={ctx} value={c.new} kind="new" />,
              ],
            }))}
          />
        )}
        {r.status === 'pending' && (
          <>
            <section aria-labelledby="goedkeuren" class="wk-section wk-stack">
              <Heading2 id="goedkeuren">{texts('request.approve')}</Heading2>
              <P>{texts('request.approveIntro')}</P>
              <form method="post" action={`/beheer/aanbod/wachtrij/${r.id}/goedkeuren`} class="wk-form">
                <CsrfField ctx={ctx} />
                <SubmitButton>{texts('request.approve')}</SubmitButton>
              </form>
            </section>
            <section aria-labelledby="afwijzen" class="wk-section wk-stack">
              <Heading2 id="afwijzen">{texts('request.reject')}</Heading2>
              <form
                method="post"
                action={`/beheer/aanbod/wachtrij/${r.id}/afwijzen`}
                novalidate
                class="wk-form"
              >
                <CsrfField ctx={ctx} />
                <TextArea
                  name="reason"
                  label={texts('request.reason')}
                  hint={texts('request.reasonHint')}
                  value={props.reason}
                  required
                  errors={props.errors}
                  rows={4}
                />
                <SubmitButton variant="secondary">{texts('request.reject')}</SubmitButton>
              </form>
            </section>
          </>
        )}
        <P>
          <a class="utrecht-link" href="/beheer/aanbod/wachtrij">
            {texts('request.back')}
          </a>
        </P>
      </div>
    </Layout>
  );
}

function StalePage(props: { ctx: RequestContext; months: number; offers: StaleOffer[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const groups = new Map<string, StaleOffer[]>();
  for (const o of props.offers) groups.set(o.organization_id, [...(groups.get(o.organization_id) ?? []), o]);
  const age = (daysOld: number) =>
    daysOld >= 60
      ? texts('stale.months', { months: Math.floor(daysOld / 30.44) })
      : texts('stale.days', { days: daysOld });
  return (
    <Layout ctx={ctx} title={texts('stale.title')}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/beheer/aanbod/verouderd" />
        <Heading1>{texts('stale.title')}</Heading1>
        <P>{texts('stale.intro', { months: props.months })}</P>
        {props.offers.length === 0 ? (
          <P>{texts('stale.none', { months: props.months })}</P>
        ) : (
          <P>
            <strong>
              {texts('stale.total', { count: props.offers.length, organizations: groups.size })}
            </strong>
          </P>
        )}
        {[...groups.values()].map((offers, n) => (
          <section aria-labelledby={`org-${n}`} class="wk-section wk-stack" key={offers[0]!.organization_id}>
            <Heading2 id={`org-${n}`}>{offers[0]!.organization_name}</Heading2>
            <Table
              id={`verouderd-${n}`}
              caption={texts('stale.caption', {
                organization: offers[0]!.organization_name,
                count: offers.length,
              })}
              head={[
                texts('stale.offer'),
                texts('stale.lastChecked'),
                texts('stale.age'),
                texts('stale.reminded'),
              ]}
              rows={offers.map((o) => ({
                key: o.id,
                cells: [
                  o.name,
                  lastChecked(ctx, o.last_checked),
                  age(o.age_days),
                  o.last_reminded_at ? formatDateTime(ctx, o.last_reminded_at) : texts('stale.notReminded'),
                ],
              }))}
            />
          </section>
        ))}
      </div>
    </Layout>
  );
}

interface MembersData {
  members: MemberRow[];
  users: { id: string; name: string; email: string }[];
  organizations: { id: string; name: string }[];
}

function MembersPage(props: {
  ctx: RequestContext;
  data: MembersData;
  notice?: string;
  form?: { user_id: string; organization_id: string };
  errors?: FieldError[];
}) {
  const { ctx, data } = props;
  const texts = textsOf(ctx);
  const errors = props.errors ?? [];
  return (
    <Layout ctx={ctx} title={texts('members.title')}>
      <div class="wk-stack">
        <Subnav ctx={ctx} current="/beheer/aanbieders" />
        <Heading1>{texts('members.title')}</Heading1>
        {props.notice && <Alert type="ok">{props.notice}</Alert>}
        <ErrorSummary ctx={ctx} errors={errors} />
        <P>{texts('members.intro')}</P>
        {data.members.length === 0 ? (
          <P>{texts('members.none')}</P>
        ) : (
          <Table
            id="koppelingen"
            caption={texts('members.caption', { count: data.members.length })}
            head={[
              texts('members.user'),
              texts('members.organization'),
              texts('members.since'),
              texts('mine.actions'),
            ]}
            rows={data.members.map((m) => ({
              key: m.id,
              cells: [
                <>
                  {m.user_name} <span class="wk-break">({m.user_email})</span>
                </>,
                m.organization_name,
                formatDateTime(ctx, m.created_at),
                <RowButton
                  ctx={ctx}
                  action={`/beheer/aanbieders/${m.id}/verwijderen`}
                  label={texts('members.removeLabel', {
                    user: m.user_name,
                    organization: m.organization_name,
                  })}
                  text={texts('members.remove')}
                  secondary
                />,
              ],
            }))}
          />
        )}
        <section aria-labelledby="nieuw" class="wk-section wk-stack">
          <Heading2 id="nieuw">{texts('members.new')}</Heading2>
          <form method="post" action="/beheer/aanbieders" novalidate class="wk-form">
            <CsrfField ctx={ctx} />
            <Select
              name="user_id"
              label={texts('members.user')}
              value={props.form?.user_id ?? ''}
              errors={errors}
              options={[
                { value: '', label: texts('members.choose') },
                ...data.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
              ]}
            />
            <Select
              name="organization_id"
              label={texts('members.organization')}
              value={props.form?.organization_id ?? ''}
              errors={errors}
              options={[
                { value: '', label: texts('members.choose') },
                ...data.organizations.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
            <SubmitButton>{texts('members.add')}</SubmitButton>
          </form>
        </section>
      </div>
    </Layout>
  );
}

function ReportPage(props: {
  ctx: RequestContext;
  serviceId: string;
  serviceName: string;
  sent?: boolean;
  form?: { message: string; email: string };
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const errors = props.errors ?? [];
  return (
    <Layout ctx={ctx} title={texts('report.title')}>
      <div class="wk-form wk-stack">
        <Heading1>{texts('report.title')}</Heading1>
        {props.sent ? (
          <Alert type="ok">{texts('report.thanks')}</Alert>
        ) : (
          <>
            <ErrorSummary ctx={ctx} errors={errors} />
            <P>{texts('report.intro', { name: props.serviceName })}</P>
            <form method="post" action={`/aanbod/${props.serviceId}/melding`} novalidate>
              <CsrfField ctx={ctx} />
              <TextArea
                name="message"
                label={texts('report.message')}
                hint={texts('report.messageHint')}
                value={props.form?.message}
                required
                rows={5}
                errors={errors}
              />
              <Field
                ctx={ctx}
                name="email"
                label={texts('report.email')}
                type="email"
                autocomplete="email"
                description={texts('report.emailHint')}
                value={props.form?.email}
                errors={errors}
              />
              <SubmitButton>{texts('report.submit')}</SubmitButton>
            </form>
          </>
        )}
        <P>
          <a class="utrecht-link" href={`/aanbod/${props.serviceId}`}>
            {texts('report.back')}
          </a>
        </P>
      </div>
    </Layout>
  );
}

// ---- routes ----

/** Expected problems of a form come back on the page; the rest goes to the error handler. */
function formProblem(err: unknown, codes: string[]): AppError | undefined {
  const e = toAppError(err);
  return codes.includes(e.code) ? e : undefined;
}

export function registerCurationPages(
  app: FastifyInstance,
  db: Database,
  config: Config,
  clock: Clock,
): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const limits = rateLimits(config);
  const ctxOf = (req: FastifyRequest) => curationContext(req, config, clock);
  const inTenant = <T,>(req: FastifyRequest, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(requireTenant(req).id, fn);
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();

  // ---- providers ----

  app.get(
    '/mijn-aanbod',
    { config: { access: 'directory:edit-own' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const months = staleAfterMonths(requireTenant(req).settings);
      const mine = await inTenant(req, (tx) => myOffers(tx, ctx, months));
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(reply, <MinePage ctx={req.ctx} {...mine} notice={noticeOf(ctx.texts, melding)} />);
    },
  );

  async function showEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: EditForm; errors?: FieldError[]; message?: string } = {},
  ) {
    const ctx = ctxOf(req);
    const id = idOf(req);
    const { service, pending } = await inTenant(req, async (tx) => {
      // pendingProposal checks that the offer exists and is the user's to edit.
      const pending = await pendingProposal(tx, ctx, id);
      return { service: (await compileService(tx, id))!, pending };
    });
    // A waiting proposal is what the provider last sent: the form starts from it.
    const form =
      extra.form ?? formFromFields(offerFields(pending ? pending.proposed : service), pending?.note ?? '');
    const failed = (extra.errors?.length ?? 0) > 0 || extra.message !== undefined;
    return html(
      reply,
      <EditPage
        ctx={req.ctx}
        serviceId={service.id}
        serviceName={service.name}
        form={form}
        pendingSince={pending?.updated_at}
        errors={extra.errors}
        message={extra.message}
      />,
      failed ? 400 : 200,
    );
  }

  app.get(
    '/mijn-aanbod/:id/bewerken',
    { config: { access: 'directory:edit-own' }, schema: { ...page, params: IdParams } },
    async (req, reply) => showEdit(req, reply),
  );

  app.post(
    '/mijn-aanbod/:id/bewerken',
    { config: { access: 'directory:edit-own' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = idOf(req);
      const { edit, input, formIndex } = readEditForm(req.body as Form);
      try {
        await inTenant(req, (tx) => proposeChange(tx, ctx, id, input));
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        return showEdit(req, reply, {
          form: edit,
          errors: toFormErrors(e.fields ?? [], formIndex),
          message: e.fields?.length ? undefined : e.detail,
        });
      }
      return reply.redirect('/mijn-aanbod?melding=opgeslagen', 303);
    },
  );

  app.post(
    '/mijn-aanbod/:id/bevestigen',
    { config: { access: 'directory:edit-own' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await inTenant(req, (tx) => confirmOffer(tx, ctx, idOf(req)));
      return reply.redirect('/mijn-aanbod?melding=bevestigd', 303);
    },
  );

  // ---- coordinators ----

  app.get(
    '/beheer/aanbod/wachtrij',
    { config: { access: 'directory:moderate' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { requests, feedback } = await inTenant(req, async (tx) => ({
        requests: await listRequests(tx, ctx.texts, { status: 'pending' }),
        feedback: await openFeedback(tx),
      }));
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(
        reply,
        <QueuePage
          ctx={req.ctx}
          requests={requests}
          feedback={feedback}
          notice={noticeOf(ctx.texts, melding)}
        />,
      );
    },
  );

  async function showRequest(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; message?: string; reason?: string; status?: number } = {},
  ) {
    const ctx = ctxOf(req);
    const request = await inTenant(req, (tx) => getRequest(tx, ctx.texts, idOf(req)));
    return html(reply, <RequestPage ctx={req.ctx} request={request} {...extra} />, extra.status ?? 200);
  }

  app.get(
    '/beheer/aanbod/wachtrij/:id',
    { config: { access: 'directory:moderate' }, schema: { ...page, params: IdParams } },
    async (req, reply) => showRequest(req, reply),
  );

  app.post(
    '/beheer/aanbod/wachtrij/:id/goedkeuren',
    { config: { access: 'directory:moderate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      try {
        await inTenant(req, (tx) => approveRequest(tx, ctx, idOf(req)));
      } catch (err) {
        const e = formProblem(err, ['conflict', 'validation']);
        if (!e) throw err;
        return showRequest(req, reply, { message: e.detail, status: e.status });
      }
      return reply.redirect('/beheer/aanbod/wachtrij?melding=goedgekeurd', 303);
    },
  );

  app.post(
    '/beheer/aanbod/wachtrij/:id/afwijzen',
    { config: { access: 'directory:moderate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const reason = (req.body as Form).reason ?? '';
      try {
        await inTenant(req, async (tx) => {
          await getRequest(tx, ctx.texts, idOf(req)); // an unknown request is a 404, before the reason is checked
          return rejectRequest(tx, ctx, idOf(req), reason);
        });
      } catch (err) {
        const e = formProblem(err, ['conflict', 'validation']);
        if (!e) throw err;
        return showRequest(req, reply, {
          errors: e.fields,
          message: e.fields?.length ? undefined : e.detail,
          reason,
          status: e.status,
        });
      }
      return reply.redirect('/beheer/aanbod/wachtrij?melding=afgewezen', 303);
    },
  );

  app.post(
    '/beheer/aanbod/meldingen/:id/afgehandeld',
    { config: { access: 'directory:moderate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await inTenant(req, (tx) => handleFeedback(tx, ctx, idOf(req)));
      return reply.redirect('/beheer/aanbod/wachtrij?melding=afgehandeld', 303);
    },
  );

  app.get(
    '/beheer/aanbod/verouderd',
    { config: { access: 'directory:moderate' }, schema: page },
    async (req, reply) => {
      const months = staleAfterMonths(requireTenant(req).settings);
      const now = clock.now();
      const { contents } = await inTenant(req, (tx) => listStale(tx, now, months));
      return html(reply, <StalePage ctx={req.ctx} months={months} offers={contents} />);
    },
  );

  const membersData = (req: FastifyRequest) =>
    inTenant(req, async (tx) => ({
      members: await listMembers(tx),
      users: await providerCandidates(tx),
      organizations: await organizationNames(tx),
    }));

  app.get(
    '/beheer/aanbieders',
    { config: { access: 'directory:moderate' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(
        reply,
        <MembersPage
          ctx={req.ctx}
          data={await membersData(req)}
          notice={noticeOf(textsOf(req.ctx), melding)}
        />,
      );
    },
  );

  app.post(
    '/beheer/aanbieders',
    { config: { access: 'directory:moderate' }, schema: formSchema },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const form = req.body as Form;
      const input = {
        user_id: (form.user_id ?? '').trim().toLowerCase(),
        organization_id: (form.organization_id ?? '').trim(),
      };
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const errors: FieldError[] = [];
      if (!uuid.test(input.user_id))
        errors.push({ field: 'user_id', message: ctx.texts('error.userRequired') });
      if (!uuid.test(input.organization_id))
        errors.push({ field: 'organization_id', message: ctx.texts('error.organizationRequired') });
      if (!errors.length) {
        try {
          await inTenant(req, (tx) =>
            addMember(tx, ctx, { userId: input.user_id, organizationId: input.organization_id }),
          );
          return reply.redirect('/beheer/aanbieders?melding=gekoppeld', 303);
        } catch (err) {
          const e = formProblem(err, ['validation', 'conflict']);
          if (!e) throw err;
          errors.push(...(e.fields ?? []));
        }
      }
      return html(
        reply,
        <MembersPage ctx={req.ctx} data={await membersData(req)} form={input} errors={errors} />,
        400,
      );
    },
  );

  app.post(
    '/beheer/aanbieders/:id/verwijderen',
    { config: { access: 'directory:moderate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await inTenant(req, (tx) => removeMember(tx, ctx, idOf(req)));
      return reply.redirect('/beheer/aanbieders?melding=ontkoppeld', 303);
    },
  );

  // ---- residents ----

  async function offerName(req: FastifyRequest): Promise<string> {
    const head = await inTenant(req, (tx) => offerHead(tx, idOf(req)));
    if (!head) throw new AppError('not_found', textsOf(req.ctx)('problem.serviceNotFound'));
    return head.name;
  }

  app.get(
    '/aanbod/:id/melding',
    { config: { access: 'public' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const name = await offerName(req);
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(
        reply,
        <ReportPage ctx={req.ctx} serviceId={idOf(req)} serviceName={name} sent={melding === 'verstuurd'} />,
      );
    },
  );

  app.post(
    '/aanbod/:id/melding',
    { config: { access: 'public', rateLimit: limits.forms }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const form = req.body as Form;
      const input = { message: form.message ?? '', email: form.email ?? '' };
      const opts = {
        tenantId: tenant.id,
        texts: textsOf(req.ctx),
        now: clock.now(),
        publicUrl: config.publicUrl,
      };
      try {
        await db.tenant(tenant.id, (tx) => reportProblem(tx, opts, idOf(req), input));
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        const name = await offerName(req);
        return html(
          reply,
          <ReportPage
            ctx={req.ctx}
            serviceId={idOf(req)}
            serviceName={name}
            form={input}
            errors={e.fields}
          />,
          400,
        );
      }
      return reply.redirect(`/aanbod/${idOf(req)}/melding?melding=verstuurd`, 303);
    },
  );
}
