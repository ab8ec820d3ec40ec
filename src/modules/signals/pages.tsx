// The signals pages. Residents and neighbours report on /zorg-melden (no login, anonymous if they want) and
// check its status with their code; partners report on the same form and follow their reports on
// /mijn-meldingen. The triage team works on /signalen, the signalling meeting on /signalen/overleg; figures
// and categories beside them. Everything a reporter typed is rendered as text (preact escapes it).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { can } from '../../platform/auth/permissions.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { requireTenant, type RequestContext } from '../../platform/http/context.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { BarChart } from '../../platform/pages/charts.js';
import {
  Alert,
  CsrfField,
  DataList,
  ErrorSummary,
  formatDateTime,
  Heading1,
  Heading2,
  html,
  Layout,
  P,
  SubmitButton,
  SectionNav,
  Table,
} from '../../platform/pages/layout.js';
import { lifeDomainCodes } from '../casework/index.js';
import { Checkbox, Fieldset, Radios, Select, TextArea, TextInput } from '../../platform/pages/forms.js';
import { Subnav, textsOf } from './components.js';
import { signalContexts } from './context.js';
import type { SignalMessage, Texts } from './messages.js';
import { figuresCsv, reportRateLimit, reporterOf } from './routes.js';
import { clusterDecisions, type DecisionBody, type SignalBody, type TriageBody } from './schemas.js';
import {
  addStandardCategories,
  createCategory,
  decideCluster,
  listCategories,
  listClusters,
  listSignals,
  myReports,
  readSignal,
  readSignalSettings,
  reportSignal,
  safetyNotice,
  signalFigures,
  statusByCode,
  triageSignal,
  triageTeam,
  updateCategory,
  updateSignalSettings,
  type CategoryView,
  type SignalSettings,
  type ClusterView,
  type SignalListItem,
  type SignalStatusView,
  type SignalView,
} from './service.js';
import { triageDecisions } from './tables.js';

// Long enough that the use case, not the schema, tells a reporter their text is too long.
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 20000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });
const SentQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 20 })),
  voor: Type.Optional(Type.String({ maxLength: 40 })),
});
const StatusQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 40 })) });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('triaged'), Type.Literal('all')])),
});
const MeetingQuery = Type.Object({
  gebied: Type.Optional(Type.String({ maxLength: 200 })),
  melding: Type.Optional(Type.String({ maxLength: 40 })),
});

/** Errors of a use case under the names of the form's fields ("person.postcode" → "person_postcode"). */
function formErrors(errors: FieldError[] | undefined): FieldError[] {
  return (errors ?? []).map((e) => ({
    field: e.field === 'person' ? 'person_name' : e.field.replace(/\./g, '_'),
    message: e.message,
  }));
}

function validationOf(err: unknown): AppError | undefined {
  const e = toAppError(err);
  return e.code === 'validation' || e.code === 'conflict' || e.code === 'not_found' ? e : undefined;
}

const when = (ctx: RequestContext, d: string | null | undefined) => (d ? formatDateTime(ctx, d) : '-');

// ---- reporting ----

function SafetyNotice(props: { text: string }) {
  return <Alert type="warning">{props.text}</Alert>;
}

function ReportPage(props: {
  ctx: RequestContext;
  categories: CategoryView[];
  safety: string;
  partner: boolean;
  form?: Form;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const f = props.form ?? {};
  const errors = props.errors;
  return (
    <Layout ctx={ctx} title={t('report.title')}>
      <Heading1>{t('report.title')}</Heading1>
      <SafetyNotice text={props.safety} />
      <P lead>{props.partner ? t('report.partnerLead') : t('report.lead')}</P>
      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form method="post" action="/zorg-melden" class="wk-form" novalidate>
        <CsrfField ctx={ctx} />
        <Radios
          name="about"
          legend={t('report.about')}
          value={f.about ?? 'person'}
          errors={errors}
          options={[
            { value: 'person', label: t('about.person') },
            { value: 'area', label: t('about.area') },
          ]}
        />
        <Select
          name="category"
          label={t('report.category')}
          value={f.category ?? ''}
          errors={errors}
          options={[
            { value: '', label: t('report.categoryChoose') },
            ...props.categories.map((c) => ({ value: c.code, label: c.label })),
          ]}
        />
        <TextArea
          name="description"
          label={t('report.description')}
          hint={t('report.descriptionHint')}
          value={f.description}
          errors={errors}
          rows={5}
        />
        <Radios
          name="urgency"
          legend={t('report.urgency')}
          value={f.urgency ?? 'normal'}
          errors={errors}
          options={[
            { value: 'normal', label: t('urgency.normal') },
            { value: 'urgent', label: t('urgency.urgent') },
          ]}
        />
        <Fieldset id="person" legend={t('report.personHeading')} hint={t('report.personHint')}>
          <TextInput
            name="person_name"
            label={t('report.personName')}
            value={f.person_name}
            errors={errors}
          />
          <TextInput
            name="person_street"
            label={t('report.street')}
            value={f.person_street}
            errors={errors}
          />
          <TextInput
            name="person_postcode"
            label={t('report.postcode')}
            value={f.person_postcode}
            errors={errors}
          />
          <TextInput
            name="person_house_number"
            label={t('report.houseNumber')}
            value={f.person_house_number}
            errors={errors}
            inputmode="numeric"
          />
          <TextInput name="person_age" label={t('report.age')} value={f.person_age} errors={errors} />
        </Fieldset>
        <TextInput
          name="area"
          label={t('report.area')}
          hint={t('report.areaHint')}
          value={f.area}
          errors={errors}
        />
        {!props.partner && (
          <Fieldset id="reporter" legend={t('report.reporterHeading')} hint={t('report.reporterHint')}>
            <Checkbox
              name="anonymous"
              label={t('report.anonymous')}
              hint={t('report.anonymousHint')}
              checked={f.anonymous === 'ja'}
            />
            <TextInput
              name="reporter_name"
              label={t('report.name')}
              value={f.reporter_name}
              errors={errors}
              autocomplete="name"
            />
            <TextInput
              name="reporter_email"
              label={t('report.email')}
              value={f.reporter_email}
              errors={errors}
              type="email"
              autocomplete="email"
            />
            <TextInput
              name="reporter_phone"
              label={t('report.phone')}
              value={f.reporter_phone}
              errors={errors}
              type="tel"
              autocomplete="tel"
            />
          </Fieldset>
        )}
        <SubmitButton>{t('report.submit')}</SubmitButton>
      </form>
      <P>
        {props.partner ? (
          <a class="utrecht-link" href="/mijn-meldingen">
            {t('mine.title')}
          </a>
        ) : (
          <a class="utrecht-link" href="/zorg-melden/status">
            {t('report.statusLink')}
          </a>
        )}
      </P>
    </Layout>
  );
}

/** The form as the API body; a house number that is no number is the use case's field error. */
function signalBodyOf(f: Form, partner: boolean, t: Texts): { body: SignalBody; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const about = f.about === 'area' ? 'area' : 'person';
  const houseText = f.person_house_number?.trim();
  let houseNumber: number | undefined;
  if (houseText) {
    houseNumber = Number(houseText);
    if (!Number.isInteger(houseNumber) || houseNumber < 1 || houseNumber > 99999) {
      errors.push({ field: 'person_house_number', message: t('field.houseNumber') });
      houseNumber = undefined;
    }
  }
  const opt = (v: string | undefined) => (v?.trim() ? v : undefined);
  const body: SignalBody = {
    category: f.category ?? '',
    description: f.description ?? '',
    about,
    urgency: f.urgency === 'urgent' ? 'urgent' : 'normal',
    area: opt(f.area),
    person:
      about === 'person'
        ? {
            name: opt(f.person_name),
            street: opt(f.person_street),
            postcode: opt(f.person_postcode),
            house_number: houseNumber,
            age: opt(f.person_age),
          }
        : undefined,
    anonymous: !partner && f.anonymous === 'ja',
    reporter: partner
      ? undefined
      : { name: opt(f.reporter_name), email: opt(f.reporter_email), phone: opt(f.reporter_phone) },
  };
  if (!body.category) errors.push({ field: 'category', message: t('field.category') });
  return { body, errors };
}

function SentPage(props: { ctx: RequestContext; code?: string; deadline?: string }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('report.sentTitle')}>
      <Heading1>{t('report.sentTitle')}</Heading1>
      <Alert type="ok">
        {props.deadline && !Number.isNaN(Date.parse(props.deadline))
          ? t('report.sentText', { deadline: formatDateTime(ctx, props.deadline) })
          : t('status.receivedText')}
      </Alert>
      {props.code && <P>{t('report.codeText', { code: props.code })}</P>}
      <P>
        <a class="utrecht-link" href="/zorg-melden/status">
          {t('report.statusLink')}
        </a>
      </P>
    </Layout>
  );
}

function StatusPage(props: {
  ctx: RequestContext;
  code?: string;
  status?: 'received' | 'picked-up';
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('status.title')}>
      <Heading1>{t('status.title')}</Heading1>
      {props.status && (
        <Alert type="ok">
          {props.status === 'picked-up' ? t('status.pickedUpText') : t('status.receivedText')}
        </Alert>
      )}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <form method="get" action="/zorg-melden/status" class="wk-form">
        <TextInput name="code" label={t('status.code')} value={props.code} errors={props.errors} />
        <SubmitButton>{t('status.check')}</SubmitButton>
      </form>
    </Layout>
  );
}

function MinePage(props: { ctx: RequestContext; reports: SignalStatusView[]; sent: boolean }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('mine.title')}>
      <Heading1>{t('mine.title')}</Heading1>
      {props.sent && <Alert type="ok">{t('report.partnerSent')}</Alert>}
      <P>
        <a class="utrecht-link" href="/zorg-melden">
          {t('mine.new')}
        </a>
      </P>
      {props.reports.length === 0 ? (
        <P>{t('mine.empty')}</P>
      ) : (
        <Table
          id="mine"
          caption={t('mine.title')}
          head={[t('list.category'), t('list.received'), t('list.status')]}
          rows={props.reports.map((r) => ({
            key: r.id,
            cells: [r.category.label, when(ctx, r.received_at), t(`status.${r.status}` as SignalMessage)],
          }))}
        />
      )}
    </Layout>
  );
}

// ---- triage ----

function ListPage(props: { ctx: RequestContext; status: string; signals: SignalListItem[] }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const tabs = [
    { value: 'open', label: t('list.open') },
    { value: 'triaged', label: t('list.triaged') },
    { value: 'all', label: t('list.all') },
  ];
  return (
    <Layout ctx={ctx} title={t('list.title')}>
      <Subnav ctx={ctx} current="/signalen" />
      <Heading1>{t('list.title')}</Heading1>
      <P>{t('list.lead')}</P>
      <SectionNav
        label={t('list.status')}
        current={`/signalen?status=${props.status}`}
        links={tabs.map((tab) => ({ href: `/signalen?status=${tab.value}`, label: tab.label }))}
      />
      {props.signals.length === 0 ? (
        <P>{t('list.empty')}</P>
      ) : (
        <Table
          id="signals"
          caption={t('list.caption')}
          head={[
            t('list.category'),
            t('list.area'),
            t('list.urgency'),
            t('list.source'),
            t('list.received'),
            t('list.deadline'),
            t('list.status'),
            t('list.assigned'),
          ]}
          rows={props.signals.map((s) => ({
            key: s.id,
            cells: [
              <a class="utrecht-link" href={`/signalen/${s.id}`}>
                {s.category.label}
                {s.duplicate_of ? ` (${t('list.duplicate')})` : ''}
              </a>,
              s.area?.name ?? '-',
              t(`urgency.${s.urgency}` as SignalMessage),
              t(`source.${s.source}` as SignalMessage),
              when(ctx, s.received_at),
              <>
                {when(ctx, s.triage_before)}
                {s.overdue && <strong> {t('list.overdue')}</strong>}
              </>,
              t(`status.${s.status}` as SignalMessage),
              s.assigned_to ?? '-',
            ],
          }))}
        />
      )}
    </Layout>
  );
}

function DetailPage(props: {
  ctx: RequestContext;
  signal: SignalView;
  team: { id: string; name: string }[];
  form?: Form;
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx, signal: s } = props;
  const t = textsOf(ctx);
  const f = props.form ?? {};
  const person = s.person
    ? Object.values(s.person)
        .filter((v) => v !== null && v !== '')
        .join(', ')
    : null;
  const reporter =
    s.reporter === null
      ? t('detail.anonymous')
      : [s.reporter?.name, s.reporter?.role, s.reporter?.email, s.reporter?.phone].filter(Boolean).join(', ');
  return (
    <Layout ctx={ctx} title={t('detail.title', { category: s.category.label })}>
      <Subnav ctx={ctx} current="" />
      <Heading1>{t('detail.title', { category: s.category.label })}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <DataList
        items={[
          [t('detail.status'), t(`status.${s.status}` as SignalMessage)],
          [t('list.urgency'), t(`urgency.${s.urgency}` as SignalMessage)],
          [t('detail.reporter'), `${t(`source.${s.source}` as SignalMessage)}: ${reporter || '-'}`],
          [t('detail.description'), s.description],
          [t('detail.person'), person ?? t(`about.${s.about}` as SignalMessage)],
          [t('detail.place'), [s.place, s.area?.name].filter(Boolean).join(' · ') || '-'],
          [t('detail.received'), when(ctx, s.received_at)],
          [
            t('detail.deadline'),
            <>
              {when(ctx, s.triage_before)}
              {s.overdue && <strong> {t('list.overdue')}</strong>}
            </>,
          ],
          [t('detail.assigned'), s.assigned_to?.name ?? '-'],
          [
            t('detail.household'),
            s.household_id ? (
              <a class="utrecht-link" href={`/sociaal-team/huishoudens/${s.household_id}`}>
                {t('detail.householdLink')}
              </a>
            ) : (
              '-'
            ),
          ],
          [t('detail.decision'), s.decision ? t(`decision.${s.decision}` as SignalMessage) : '-'],
          [t('detail.reason'), s.decision_reason ?? '-'],
          [t('detail.duplicates'), s.duplicates.length ? String(s.duplicates.length) : '-'],
          [t('detail.cluster'), s.cluster_id ? t('categories.yes') : t('categories.no')],
        ]}
      />
      {s.support_request_id && <Alert type="info">{t('triage.supportRequest')}</Alert>}
      {s.status !== 'picked-up' && (
        <section class="wk-section" aria-labelledby="triage-heading">
          <Heading2 id="triage-heading">{t('triage.heading')}</Heading2>
          <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
          <form method="post" action={`/signalen/${s.id}`} class="wk-form" novalidate>
            <CsrfField ctx={ctx} />
            <Select
              name="assign_to"
              label={t('triage.assign')}
              value={f.assign_to ?? s.assigned_to?.id ?? ''}
              errors={props.errors}
              options={[
                { value: '', label: t('triage.assignNone') },
                ...props.team.map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
            <Fieldset id="household" legend={t('triage.household')}>
              <TextInput
                name="household_id"
                label={t('triage.householdId')}
                hint={t('triage.householdIdHint')}
                value={f.household_id ?? s.household_id ?? ''}
                errors={props.errors}
              />
              <TextInput
                name="given_name"
                label={t('triage.givenName')}
                value={f.given_name}
                errors={props.errors}
              />
              <TextInput
                name="family_name"
                label={t('triage.familyName')}
                value={f.family_name}
                errors={props.errors}
              />
              <TextInput
                name="birth_date"
                label={t('triage.birthDate')}
                value={f.birth_date}
                errors={props.errors}
              />
              <TextInput
                name="postcode"
                label={t('triage.postcode')}
                value={f.postcode ?? (s.person?.postcode as string | undefined) ?? ''}
                errors={props.errors}
              />
              <TextInput
                name="house_number"
                label={t('triage.houseNumber')}
                value={f.house_number ?? String(s.person?.house_number ?? '')}
                errors={props.errors}
                inputmode="numeric"
              />
              <Checkbox name="confirm_new" label={t('triage.confirmNew')} checked={f.confirm_new === 'ja'} />
            </Fieldset>
            <Radios
              name="decision"
              legend={t('triage.decision')}
              value={f.decision ?? ''}
              errors={props.errors}
              options={triageDecisions.map((d) => ({ value: d, label: t(`decision.${d}` as SignalMessage) }))}
            />
            <TextArea
              name="reason"
              label={t('triage.reason')}
              value={f.reason}
              errors={props.errors}
              rows={3}
            />
            <SubmitButton>{t('triage.submit')}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** The triage form as the API body: a new household only when its fields were filled in. */
function triageBodyOf(f: Form, t: Texts): { body: TriageBody; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const body: TriageBody = {};
  if (f.assign_to) {
    if (uuid.test(f.assign_to)) body.assign_to = f.assign_to;
    else errors.push({ field: 'assign_to', message: t('field.assignTo') });
  }
  const householdId = f.household_id?.trim();
  if (householdId) {
    if (uuid.test(householdId)) body.household_id = householdId.toLowerCase();
    else errors.push({ field: 'household_id', message: t('field.uuid') });
  }
  const newFields = [f.given_name, f.family_name, f.birth_date].some((v) => v?.trim());
  if (newFields && !householdId) {
    const number = Number(f.house_number);
    if (!Number.isInteger(number) || number < 1)
      errors.push({ field: 'house_number', message: t('field.houseNumber') });
    body.new_household = {
      members: [
        {
          given_name: f.given_name?.trim() ?? '',
          family_name: f.family_name?.trim() ?? '',
          birth_date: f.birth_date?.trim() ?? '',
          relation: 'main-resident',
        },
      ],
      address: { postcode: f.postcode ?? '', house_number: Number.isInteger(number) ? number : 1 },
      confirm_new_household: f.confirm_new === 'ja',
    };
  }
  if (f.decision) {
    if ((triageDecisions as readonly string[]).includes(f.decision))
      body.decision = f.decision as TriageBody['decision'];
    else errors.push({ field: 'decision', message: t('field.decision') });
  }
  if (f.reason?.trim()) body.reason = f.reason;
  return { body, errors };
}

// ---- the signalling meeting ----

function ClusterCard(props: { ctx: RequestContext; cluster: ClusterView; area?: string }) {
  const { ctx, cluster: c } = props;
  const t = textsOf(ctx);
  const id = `c-${c.id}`;
  return (
    <section class="wk-card wk-section" aria-labelledby={`${id}-title`}>
      <h3 class="utrecht-heading-3" id={`${id}-title`}>
        {c.category.label} · {c.area.name}
      </h3>
      <DataList
        items={[
          [t('meeting.count'), `${c.count} (${c.reports} ${t('meeting.reports')})`],
          [t('meeting.period'), `${when(ctx, c.first_at)} – ${when(ctx, c.last_at)}`],
          [
            t('meeting.trend'),
            `${t(`trend.${c.trend.direction}` as SignalMessage)} (${c.trend.previous_30_days} → ${c.trend.last_30_days})`,
          ],
          [t('meeting.words'), c.words.join(', ') || '-'],
          [
            t('meeting.decision'),
            c.decision ? (
              <>
                {t(`decision.${c.decision}` as SignalMessage)}
                {c.decided_at && ` · ${t('meeting.decidedOn', { date: when(ctx, c.decided_at) })}`}
                {c.decision_note && ` · ${c.decision_note}`}
                {c.plan_priority && ` · ${c.plan_priority}`}
                {c.offer_id && (
                  <>
                    {' · '}
                    <a class="utrecht-link" href={`/aanbod/${c.offer_id}`}>
                      {t('meeting.offerLink')}
                    </a>
                  </>
                )}
              </>
            ) : (
              '-'
            ),
          ],
        ]}
      />
      {(!c.decision || (c.decision === 'collective-offer' && !c.offer_id)) && (
        <form
          method="post"
          action={`/signalen/overleg/${c.id}${props.area ? `?gebied=${encodeURIComponent(props.area)}` : ''}`}
          class="wk-form"
          novalidate
        >
          <CsrfField ctx={ctx} />
          <Select
            name={`${id}-decision`}
            label={t('meeting.decisionChoose')}
            value={c.decision ?? 'collective-offer'}
            options={clusterDecisions.map((d) => ({ value: d, label: t(`decision.${d}` as SignalMessage) }))}
          />
          <TextInput name={`${id}-offer`} label={t('meeting.offer')} hint={t('meeting.offerHint')} />
          <TextInput name={`${id}-priority`} label={t('meeting.priority')} />
          <TextArea name={`${id}-note`} label={t('meeting.note')} rows={2} />
          <SubmitButton>{t('meeting.save')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function MeetingPage(props: {
  ctx: RequestContext;
  area?: string;
  clusters: ClusterView[];
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const agenda = props.clusters.filter((c) => c.on_agenda);
  const other = props.clusters.filter((c) => !c.on_agenda);
  return (
    <Layout ctx={ctx} title={t('meeting.title')}>
      <Subnav ctx={ctx} current="/signalen/overleg" />
      <Heading1>{t('meeting.title')}</Heading1>
      <P>{t('meeting.lead')}</P>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form method="get" action="/signalen/overleg" class="wk-form">
        <TextInput name="gebied" label={t('meeting.area')} value={props.area} hint={t('report.areaHint')} />
        <SubmitButton variant="secondary">{t('meeting.show')}</SubmitButton>
      </form>
      <Heading2>{t('meeting.agenda')}</Heading2>
      {agenda.length === 0 ? <P>{t('meeting.empty')}</P> : null}
      {agenda.map((c) => (
        <ClusterCard ctx={ctx} cluster={c} area={props.area} key={c.id} />
      ))}
      <Heading2>{t('meeting.other')}</Heading2>
      {other.length === 0 ? <P>{t('meeting.empty')}</P> : null}
      {other.map((c) => (
        <ClusterCard ctx={ctx} cluster={c} area={props.area} key={c.id} />
      ))}
    </Layout>
  );
}

// ---- categories and figures ----

function CategoriesPage(props: {
  ctx: RequestContext;
  categories: CategoryView[];
  form?: Form;
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const f = props.form ?? {};
  return (
    <Layout ctx={ctx} title={t('categories.title')}>
      <Subnav ctx={ctx} current="/signalen/categorieen" />
      <Heading1>{t('categories.title')}</Heading1>
      <P>{t('categories.lead')}</P>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <Table
        id="categories"
        caption={t('categories.title')}
        head={[
          t('categories.labelNl'),
          t('categories.code'),
          t('categories.lifeDomains'),
          t('categories.active'),
          '',
        ]}
        rows={props.categories.map((c) => ({
          key: c.code,
          cells: [
            c.label,
            c.code,
            c.life_domains.join(', ') || '-',
            c.active ? t('categories.yes') : t('categories.no'),
            <form method="post" action={`/signalen/categorieen/${c.code}`} class="wk-inline-form">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="active" value={c.active ? 'nee' : 'ja'} />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {c.active ? t('categories.deactivate') : t('categories.activate')}
                <span class="wk-visually-hidden">: {c.label}</span>
              </button>
            </form>,
          ],
        }))}
      />
      <Heading2>{t('categories.add')}</Heading2>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form method="post" action="/signalen/categorieen" class="wk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextInput name="code" label={t('categories.code')} value={f.code} errors={props.errors} />
        <TextInput name="label_nl" label={t('categories.labelNl')} value={f.label_nl} errors={props.errors} />
        <TextInput name="label_en" label={t('categories.labelEn')} value={f.label_en} errors={props.errors} />
        <TextInput
          name="life_domains"
          label={t('categories.lifeDomains')}
          hint={lifeDomainCodes.join(', ')}
          value={f.life_domains}
          errors={props.errors}
        />
        <SubmitButton>{t('categories.add')}</SubmitButton>
      </form>
      <form method="post" action="/signalen/categorieen/standaard" class="wk-form">
        <CsrfField ctx={ctx} />
        <SubmitButton variant="secondary">{t('categories.standard')}</SubmitButton>
      </form>
    </Layout>
  );
}

function SettingsPage(props: {
  ctx: RequestContext;
  settings: SignalSettings;
  form?: Form;
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx, settings } = props;
  const t = textsOf(ctx);
  const f = props.form ?? {};
  const value = (name: keyof SignalSettings) => f[name] ?? String(settings[name] ?? '');
  return (
    <Layout ctx={ctx} title={t('settings.title')}>
      <Subnav ctx={ctx} current="/signalen/instellingen" />
      <Heading1>{t('settings.title')}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form method="post" action="/signalen/instellingen" class="wk-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextArea
          name="safety_notice_nl"
          label={t('settings.safetyNl')}
          hint={t('settings.safetyHint', { text: t('safety.default') })}
          value={value('safety_notice_nl')}
          errors={props.errors}
          rows={3}
        />
        <TextArea
          name="safety_notice_en"
          label={t('settings.safetyEn')}
          value={value('safety_notice_en')}
          errors={props.errors}
          rows={3}
        />
        <TextInput
          name="retention_days"
          label={t('settings.retention')}
          hint={t('settings.retentionHint')}
          value={value('retention_days')}
          errors={props.errors}
          inputmode="numeric"
        />
        <TextInput
          name="cluster_window_days"
          label={t('settings.window')}
          value={value('cluster_window_days')}
          errors={props.errors}
          inputmode="numeric"
        />
        <TextInput
          name="cluster_minimum"
          label={t('settings.minimum')}
          value={value('cluster_minimum')}
          errors={props.errors}
          inputmode="numeric"
        />
        <SubmitButton>{t('settings.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

function FiguresPage(props: { ctx: RequestContext; figures: Awaited<ReturnType<typeof signalFigures>> }) {
  const { ctx, figures: f } = props;
  const t = textsOf(ctx);
  const head: [string, string] = [t('figures.label'), t('figures.count')];
  const bars = (list: { label: string; count: number | null; shown: string }[]) =>
    list.map((x) => ({
      label: x.label,
      value: x.count ?? 0,
      display: x.count === null ? x.shown : undefined,
    }));
  const tt = f.time_to_triage_hours;
  return (
    <Layout ctx={ctx} title={t('figures.title')}>
      <Subnav ctx={ctx} current="/signalen/cijfers" />
      <Heading1>{t('figures.title')}</Heading1>
      <P>{t('figures.lead')}</P>
      <P>
        <a class="utrecht-link" href="/signalen/cijfers.csv" download="signalen.csv">
          {t('figures.csv')}
        </a>
      </P>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          {tt.median === null
            ? t('figures.timeToTriageSmall')
            : t('figures.timeToTriage', { median: tt.median, p90: tt.p90 ?? '-', count: tt.triaged.shown })}
        </li>
        <li class="utrecht-unordered-list__item">
          {f.share_leading_to_contact === null
            ? t('figures.contactSmall')
            : t('figures.contact', { share: f.share_leading_to_contact })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t('figures.clusters', { total: f.clusters.total.shown, decided: f.clusters.decided.shown })}
        </li>
      </ul>
      <BarChart id="per-month" title={t('figures.perMonth')} head={head} data={bars(f.per_month)} />
      <BarChart id="per-source" title={t('figures.perSource')} head={head} data={bars(f.per_source)} />
      <BarChart id="per-category" title={t('figures.perCategory')} head={head} data={bars(f.per_category)} />
      <BarChart id="per-area" title={t('figures.perArea')} head={head} data={bars(f.per_area)} />
      <BarChart id="decisions" title={t('figures.decisions')} head={head} data={bars(f.clusters.decisions)} />
      {(
        [
          ['over-source', t('figures.perSourceMonth'), f.over_time.per_source],
          ['over-category', t('figures.perCategoryMonth'), f.over_time.per_category],
          ['over-area', t('figures.perAreaMonth'), f.over_time.per_area],
        ] as const
      ).map(([id, caption, list]) => (
        <Table
          key={id}
          id={id}
          caption={caption}
          head={[t('figures.label'), ...f.over_time.months]}
          rows={list.map((r) => ({ key: r.label, cells: [r.label, ...r.months.map((m) => m.shown)] }))}
        />
      ))}
    </Layout>
  );
}

// ---- routes ----

export function registerSignalPages(app: FastifyInstance, db: Database, config: Config): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const contextOf = signalContexts(config);
  const inTenant = <T,>(req: FastifyRequest, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(requireTenant(req).id, fn);

  async function showReport(req: FastifyRequest, reply: FastifyReply, form?: Form, errors?: FieldError[]) {
    const { categories, settings } = await inTenant(req, async (tx) => ({
      categories: await listCategories(tx, req.ctx),
      settings: await readSignalSettings(tx),
    }));
    return html(
      reply,
      <ReportPage
        ctx={req.ctx}
        categories={categories}
        safety={safetyNotice(settings, req.ctx.locale)}
        partner={reporterOf(req).kind === 'partner'}
        form={form}
        errors={errors}
      />,
      errors?.length ? 400 : 200,
    );
  }

  app.get('/zorg-melden', { config: { access: 'public' }, schema: page }, (req, reply) =>
    showReport(req, reply),
  );

  app.post(
    '/zorg-melden',
    { config: { access: 'public', rateLimit: reportRateLimit(config) }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Form;
      const reporter = reporterOf(req);
      const t = textsOf(req.ctx);
      const { body, errors } = signalBodyOf(form, reporter.kind === 'partner', t);
      const ctx = contextOf(req, { anonymous: body.anonymous === true });
      try {
        if (errors.length) throw new AppError('validation', undefined, errors);
        const result = await db.tenant(ctx.tenant.id, (tx) => reportSignal(tx, ctx, body, reporter));
        if (reporter.kind === 'partner') return reply.redirect('/mijn-meldingen?melding=verstuurd', 303);
        const query = new URLSearchParams({ code: result.status_code ?? '', voor: result.triage_before });
        return reply.redirect(`/zorg-melden/verstuurd?${query}`, 303);
      } catch (err) {
        const e = validationOf(err);
        if (!e) throw err;
        const all = [...errors, ...formErrors(e.fields)].filter(
          (x, i, list) => list.findIndex((y) => y.field === x.field) === i,
        );
        return showReport(req, reply, form, all);
      }
    },
  );

  app.get(
    '/zorg-melden/verstuurd',
    { config: { access: 'public' }, schema: { ...page, querystring: SentQuery } },
    async (req, reply) => {
      const q = req.query as Static<typeof SentQuery>;
      return html(reply, <SentPage ctx={req.ctx} code={q.code} deadline={q.voor} />);
    },
  );

  app.get(
    '/zorg-melden/status',
    {
      config: { access: 'public', rateLimit: reportRateLimit(config) },
      schema: { ...page, querystring: StatusQuery },
    },
    async (req, reply) => {
      const { code } = req.query as Static<typeof StatusQuery>;
      if (!code?.trim()) return html(reply, <StatusPage ctx={req.ctx} />);
      const ctx = contextOf(req);
      try {
        const status = await db.tenant(ctx.tenant.id, (tx) => statusByCode(tx, ctx, code));
        return html(reply, <StatusPage ctx={req.ctx} code={code} status={status.status} />);
      } catch (err) {
        const e = validationOf(err);
        if (!e) throw err;
        return html(
          reply,
          <StatusPage
            ctx={req.ctx}
            code={code}
            message={e.detail}
            errors={[{ field: 'code', message: ctx.texts('field.statusCode') }]}
          />,
          404,
        );
      }
    },
  );

  app.get(
    '/mijn-meldingen',
    { config: { access: 'signals:report' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const reports = await db.tenant(ctx.tenant.id, (tx) => myReports(tx, ctx));
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(reply, <MinePage ctx={req.ctx} reports={reports} sent={melding === 'verstuurd'} />);
    },
  );

  // ---- triage ----

  app.get(
    '/signalen',
    { config: { access: 'signals:meeting' }, schema: { ...page, querystring: ListQuery } },
    async (req, reply) => {
      // The menu entry serves both: the triage team gets its list, the meeting's members the meeting.
      if (!can(req.ctx.roles, 'signals:triage')) return reply.redirect('/signalen/overleg', 303);
      const ctx = contextOf(req);
      const status = (req.query as Static<typeof ListQuery>).status ?? 'open';
      const signals = await db.tenant(ctx.tenant.id, (tx) => listSignals(tx, ctx, { status }));
      return html(reply, <ListPage ctx={req.ctx} status={status} signals={signals} />);
    },
  );

  async function showSignal(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: Form; errors?: FieldError[]; message?: string; notice?: string } = {},
  ) {
    const ctx = contextOf(req);
    const id = (req.params as { id: string }).id.toLowerCase();
    const { signal, team } = await db.tenant(ctx.tenant.id, async (tx) => ({
      signal: (await readSignal(tx, ctx, id)) as SignalView,
      team: await triageTeam(tx),
    }));
    const failed = (extra.errors?.length ?? 0) > 0 || extra.message !== undefined;
    return html(
      reply,
      <DetailPage ctx={req.ctx} signal={signal} team={team} {...extra} />,
      failed ? 400 : 200,
    );
  }

  app.get(
    '/signalen/:id',
    { config: { access: 'signals:triage' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return showSignal(req, reply, {
        notice: melding === 'opgeslagen' ? textsOf(req.ctx)('triage.saved') : undefined,
      });
    },
  );

  app.post(
    '/signalen/:id',
    { config: { access: 'signals:triage' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const id = (req.params as { id: string }).id.toLowerCase();
      const form = req.body as Form;
      const { body, errors } = triageBodyOf(form, ctx.texts);
      try {
        if (errors.length) throw new AppError('validation', undefined, errors);
        const result = await db.tenant(ctx.tenant.id, (tx) => triageSignal(tx, ctx, id, body));
        if (result.kind === 'duplicates') {
          const list = (result.matches as { household_id: string }[]).map((m) => m.household_id).join(', ');
          return showSignal(req, reply, { form, message: ctx.texts('triage.duplicatesFound', { list }) });
        }
        return reply.redirect(`/signalen/${id}?melding=opgeslagen`, 303);
      } catch (err) {
        const e = validationOf(err);
        if (!e || e.code === 'not_found') throw err;
        const fields = formErrors(e.fields).map((x) => ({
          field: x.field.replace(/^new_household_(members_0_|address_)?/, ''),
          message: x.message,
        }));
        return showSignal(req, reply, {
          form,
          errors: fields,
          message: e.code === 'conflict' ? e.detail : undefined,
        });
      }
    },
  );

  // ---- the signalling meeting ----

  async function showMeeting(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; notice?: string } = {},
  ) {
    const ctx = contextOf(req);
    const area = (req.query as Static<typeof MeetingQuery>).gebied?.trim() || undefined;
    try {
      const clusters = await db.tenant(ctx.tenant.id, (tx) => listClusters(tx, ctx, { area }));
      const failed = (extra.errors?.length ?? 0) > 0;
      return html(
        reply,
        <MeetingPage ctx={req.ctx} area={area} clusters={clusters} {...extra} />,
        failed ? 400 : 200,
      );
    } catch (err) {
      const e = validationOf(err);
      if (!e) throw err;
      const clusters = await db.tenant(ctx.tenant.id, (tx) => listClusters(tx, ctx, {}));
      return html(
        reply,
        <MeetingPage
          ctx={req.ctx}
          area={area}
          clusters={clusters}
          errors={formErrors(e.fields).map((x) => ({ ...x, field: 'gebied' }))}
        />,
        400,
      );
    }
  }

  app.get(
    '/signalen/overleg',
    { config: { access: 'signals:meeting' }, schema: { ...page, querystring: MeetingQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof MeetingQuery>;
      return showMeeting(req, reply, {
        notice: melding === 'besloten' ? textsOf(req.ctx)('meeting.saved') : undefined,
      });
    },
  );

  app.post(
    '/signalen/overleg/:id',
    {
      config: { access: 'signals:meeting' },
      schema: { ...formSchema, params: IdParams, querystring: MeetingQuery },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const id = (req.params as { id: string }).id.toLowerCase();
      const f = req.body as Form;
      const prefix = `c-${id}`;
      const decision = f[`${prefix}-decision`] ?? '';
      const body: DecisionBody = {
        decision: decision as DecisionBody['decision'],
        note: f[`${prefix}-note`],
        offer_id: f[`${prefix}-offer`],
        plan_priority: f[`${prefix}-priority`],
      };
      try {
        if (!(clusterDecisions as readonly string[]).includes(decision))
          throw new AppError('validation', undefined, [
            { field: 'decision', message: ctx.texts('field.decision') },
          ]);
        await db.tenant(ctx.tenant.id, (tx) => decideCluster(tx, ctx, id, body));
      } catch (err) {
        const e = validationOf(err);
        if (!e || e.code === 'not_found') throw err;
        const errors = (e.fields ?? [{ field: 'decision', message: e.detail ?? '' }]).map((x) => ({
          field:
            x.field === 'offer_id'
              ? `${prefix}-offer`
              : x.field === 'plan_priority'
                ? `${prefix}-priority`
                : `${prefix}-decision`,
          message: x.message,
        }));
        return showMeeting(req, reply, { errors });
      }
      const area = (req.query as Static<typeof MeetingQuery>).gebied;
      const query = new URLSearchParams({ melding: 'besloten', ...(area ? { gebied: area } : {}) });
      return reply.redirect(`/signalen/overleg?${query}`, 303);
    },
  );

  // ---- categories ----

  async function showCategories(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: Form; errors?: FieldError[]; notice?: string } = {},
  ) {
    const categories = await inTenant(req, (tx) => listCategories(tx, req.ctx, true));
    const failed = (extra.errors?.length ?? 0) > 0;
    return html(
      reply,
      <CategoriesPage ctx={req.ctx} categories={categories} {...extra} />,
      failed ? 400 : 200,
    );
  }

  app.get(
    '/signalen/categorieen',
    { config: { access: 'signals:manage' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return showCategories(req, reply, {
        notice: melding === 'opgeslagen' ? textsOf(req.ctx)('categories.saved') : undefined,
      });
    },
  );

  app.post(
    '/signalen/categorieen',
    { config: { access: 'signals:manage' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      const f = req.body as Form;
      try {
        await db.tenant(ctx.tenant.id, (tx) =>
          createCategory(tx, ctx, {
            code: f.code ?? '',
            label_nl: f.label_nl ?? '',
            label_en: f.label_en,
            life_domains: (f.life_domains ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }),
        );
      } catch (err) {
        const e = validationOf(err);
        if (!e) throw err;
        const errors = e.fields ?? [{ field: 'code', message: e.detail ?? '' }];
        return showCategories(req, reply, { form: f, errors });
      }
      return reply.redirect('/signalen/categorieen?melding=opgeslagen', 303);
    },
  );

  app.post(
    '/signalen/categorieen/standaard',
    { config: { access: 'signals:manage' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      await db.tenant(ctx.tenant.id, (tx) => addStandardCategories(tx, ctx.tenant.id, ctx.now));
      return reply.redirect('/signalen/categorieen?melding=opgeslagen', 303);
    },
  );

  app.post(
    '/signalen/categorieen/:code',
    { config: { access: 'signals:manage' }, schema: { ...formSchema, params: CodeParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { code } = req.params as Static<typeof CodeParams>;
      const active = (req.body as Form).active === 'ja';
      await db.tenant(ctx.tenant.id, (tx) => updateCategory(tx, ctx, code, { active }));
      return reply.redirect('/signalen/categorieen?melding=opgeslagen', 303);
    },
  );

  // ---- settings ----

  async function showSettings(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: Form; errors?: FieldError[]; notice?: string } = {},
  ) {
    const settings = await inTenant(req, (tx) => readSignalSettings(tx));
    const failed = (extra.errors?.length ?? 0) > 0;
    return html(reply, <SettingsPage ctx={req.ctx} settings={settings} {...extra} />, failed ? 400 : 200);
  }

  app.get(
    '/signalen/instellingen',
    { config: { access: 'signals:manage' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return showSettings(req, reply, {
        notice: melding === 'opgeslagen' ? textsOf(req.ctx)('settings.saved') : undefined,
      });
    },
  );

  app.post(
    '/signalen/instellingen',
    { config: { access: 'signals:manage' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      const f = req.body as Form;
      // A number field that is no number reaches the use case as NaN, which it names as out of range.
      const num = (v: string | undefined) => (v?.trim() ? Number(v) : undefined);
      try {
        await db.tenant(ctx.tenant.id, (tx) =>
          updateSignalSettings(tx, ctx, {
            safety_notice_nl: f.safety_notice_nl ?? null,
            safety_notice_en: f.safety_notice_en ?? null,
            retention_days: num(f.retention_days),
            cluster_window_days: num(f.cluster_window_days),
            cluster_minimum: num(f.cluster_minimum),
          }),
        );
      } catch (err) {
        const e = validationOf(err);
        if (!e) throw err;
        return showSettings(req, reply, { form: f, errors: e.fields });
      }
      return reply.redirect('/signalen/instellingen?melding=opgeslagen', 303);
    },
  );

  // ---- figures ----

  app.get(
    '/signalen/cijfers',
    { config: { access: 'signals:figures' }, schema: page },
    async (req, reply) => {
      const ctx = contextOf(req);
      const figures = await db.tenant(ctx.tenant.id, (tx) => signalFigures(tx, ctx, {}));
      return html(reply, <FiguresPage ctx={req.ctx} figures={figures} />);
    },
  );

  app.get(
    '/signalen/cijfers.csv',
    { config: { access: 'signals:figures' }, schema: page },
    async (req, reply) => {
      const ctx = contextOf(req);
      const figures = await db.tenant(ctx.tenant.id, (tx) => signalFigures(tx, ctx, {}));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="signalen.csv"')
        .send(figuresCsv(ctx, figures));
    },
  );
}
