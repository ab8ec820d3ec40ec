// Pages of referrals: the overview (sent and received), the referral form, one referral with its history and
// the receiver's status form, the Welzijn op Recept intake with a pathway, the route pages (and print), the
// coordinators' pathway form, the resident's sign-up, and the figures with charts and CSV. Forms post and
// redirect (post/redirect/get) or re-render with an error summary; without JavaScript.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { can } from '../../platform/auth/permissions.js';
import { rateLimits } from '../../platform/auth/routes.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { requireTenant, type RequestContext } from '../../platform/http/context.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { systemClock, type Clock } from '../../platform/jobs/index.js';
import { shownCount, toCsv } from '../../platform/figures/index.js';
import { BarChart } from '../../platform/pages/charts.js';
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
  SectionNav,
} from '../../platform/pages/layout.js';
import { compileService } from '../directory/index.js';
import { Checkbox, Radios, Select, TextArea } from '../../platform/pages/forms.js';
import { formatDay } from '../../platform/i18n/dates.js';
import { groupings, referralFigures, shownGroup, type Grouping } from './figures.js';
import { referralTexts, type Texts } from './messages.js';
import {
  listPathways,
  resolvePathway,
  savePathway,
  termIdsByCode,
  type ResolvedPathway,
} from './pathways.js';
import { pathwayById } from './queries.js';
import { periodOf, referralContext } from './routes.js';
import {
  changeStatus,
  createReferral,
  listReferrals,
  readReferral,
  startFromIntake,
  transitions,
  type ListItem,
  type NewReferral,
  type ReferralView,
} from './service.js';
import { declineReasons, stepLevels, stepTargets, type ReferralStatus } from './tables.js';

const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 4000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });
const NewQuery = Type.Object({
  aanbod: Type.Optional(Type.String({ format: 'uuid' })),
  doel: Type.Optional(Type.String({ maxLength: 20 })),
  route: Type.Optional(Type.String({ format: 'uuid' })),
  stap: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
  /** A referral this one follows up (next step, referred elsewhere): its resident fills the form. */
  vanuit: Type.Optional(Type.String({ format: 'uuid' })),
});
const RouteQuery = Type.Object({
  postcode: Type.Optional(Type.String({ maxLength: 10 })),
  vanuit: Type.Optional(Type.String({ format: 'uuid' })),
});
const IntakeQuery = Type.Object({ route: Type.Optional(Type.String({ format: 'uuid' })) });
const FiguresPageQuery = Type.Object({
  per: Type.Optional(Type.String({ maxLength: 20 })),
  van: Type.Optional(Type.String({ maxLength: 10 })),
  tot: Type.Optional(Type.String({ maxLength: 10 })),
});
/** van: the pathway version a new version starts from. */
const ManageQuery = Type.Object({ van: Type.Optional(Type.String({ format: 'uuid' })) });

const textsOf = (ctx: RequestContext): Texts => referralTexts(ctx.locale);
const checked = (form: Form, name: string) => form[name] === 'ja';

function Subnav(props: { ctx: RequestContext; current: string }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const links = [
    { href: '/verwijzingen', label: t('page.title'), show: can(ctx.roles, 'referrals:follow') },
    { href: '/verwijzingen/nieuw', label: t('page.new'), show: can(ctx.roles, 'referrals:send') },
    { href: '/routekaarten', label: t('page.pathways'), show: true },
    { href: '/verwijzingen/cijfers', label: t('page.figures'), show: can(ctx.roles, 'referrals:figures') },
    { href: '/beheer/routekaarten', label: t('pathways.manage'), show: can(ctx.roles, 'pathways:manage') },
  ];
  return <SectionNav label={t('page.title')} current={props.current} links={links} />;
}

// ---- overview ----

function ReferralTable(props: { ctx: RequestContext; id: string; caption: string; items: ListItem[] }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      head={[t('col.resident'), t('col.target'), t('col.status'), t('col.date'), t('col.deadline')]}
      rows={props.items.map((r) => ({
        key: r.id,
        cells: [
          <a class="utrecht-link" href={`/verwijzingen/${r.id}`}>
            {r.resident}
          </a>,
          r.target,
          t(`status.${r.status}`),
          formatDateTime(ctx, r.created_at),
          <>
            {formatDateTime(ctx, r.respond_before)}
            {r.overdue && <strong class="wk-overdue"> — {t('overdue.yes')}</strong>}
          </>,
        ],
      }))}
    />
  );
}

function OverviewPage(props: {
  ctx: RequestContext;
  sent: ListItem[] | undefined;
  received: ListItem[] | undefined;
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('page.title')}>
      <Subnav ctx={ctx} current="/verwijzingen" />
      <Heading1>{t('page.title')}</Heading1>
      <P lead>{t('page.intro')}</P>
      {props.received && (
        <section aria-labelledby="received-caption">
          {props.received.length ? (
            <ReferralTable ctx={ctx} id="received" caption={t('page.received')} items={props.received} />
          ) : (
            <>
              <Heading2 id="received-caption">{t('page.received')}</Heading2>
              <P>{t('page.noneReceived')}</P>
            </>
          )}
        </section>
      )}
      {props.sent && (
        <section aria-labelledby="sent-caption">
          {props.sent.length ? (
            <ReferralTable ctx={ctx} id="sent" caption={t('page.sent')} items={props.sent} />
          ) : (
            <>
              <Heading2 id="sent-caption">{t('page.sent')}</Heading2>
              <P>{t('page.noneSent')}</P>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}

// ---- new referral ----

interface NewForm {
  target: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  postcode: string;
  house_number: string;
  phone: string;
  email: string;
  reason: string;
  consent: boolean;
  scope: string;
  no_contact: boolean;
  confirm_duplicate: boolean;
}

function NewPage(props: {
  ctx: RequestContext;
  action: string;
  offer?: { id: string; name: string };
  pathwayNote?: string;
  form: NewForm;
  errors?: FieldError[];
  message?: string;
  duplicate?: { id: string; created_at: string };
}) {
  const { ctx, form, errors } = props;
  const t = textsOf(ctx);
  const targets = [
    ...(props.offer ? [{ value: props.offer.id, label: t('new.toOffer', { name: props.offer.name }) }] : []),
    { value: 'welfare-coach', label: t('target.welfare-coach') },
    { value: 'social-team', label: t('target.social-team') },
  ];
  return (
    <Layout ctx={ctx} title={t('new.title')}>
      <Subnav ctx={ctx} current="/verwijzingen/nieuw" />
      <Heading1>{t('new.title')}</Heading1>
      <P lead>{t('new.intro')}</P>
      {props.pathwayNote && <P>{props.pathwayNote}</P>}
      {props.duplicate ? (
        <Alert type="warning">
          <p class="utrecht-paragraph">{t('problem.duplicate')}</p>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/verwijzingen/${props.duplicate.id}`}>
              {t('new.duplicateLink', { date: formatDateTime(ctx, props.duplicate.created_at) })}
            </a>
          </p>
        </Alert>
      ) : (
        <ErrorSummary ctx={ctx} errors={errors ?? []} message={props.message} />
      )}
      <form method="post" action={props.action} novalidate>
        <CsrfField ctx={ctx} />
        <Radios
          name="target"
          legend={t('new.target')}
          value={form.target}
          options={targets}
          errors={errors}
        />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
            {t('new.resident')}
          </legend>
          <Field
            ctx={ctx}
            name="resident.given_name"
            label={t('new.givenName')}
            value={form.given_name}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.family_name"
            label={t('new.familyName')}
            value={form.family_name}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.birth_date"
            label={t('new.birthDate')}
            description={t('new.birthDateHint')}
            value={form.birth_date}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.postcode"
            label={t('new.postcode')}
            value={form.postcode}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.house_number"
            label={t('new.houseNumber')}
            inputmode="numeric"
            value={form.house_number}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.phone"
            label={t('new.phone')}
            type="tel"
            value={form.phone}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="resident.email"
            label={t('new.email')}
            type="email"
            value={form.email}
            errors={errors}
          />
        </fieldset>
        <TextArea
          name="reason"
          label={t('new.reason')}
          hint={t('new.reasonHint')}
          value={form.reason}
          errors={errors}
        />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
            {t('new.consent')}
          </legend>
          <Checkbox
            name="consent.given"
            label={t('new.consentGiven')}
            checked={form.consent}
            errors={errors}
          />
          <TextArea
            name="consent.scope"
            label={t('new.consentScope')}
            value={form.scope}
            errors={errors}
            rows={2}
          />
          <Checkbox name="no_contact" label={t('new.noContact')} checked={form.no_contact} />
        </fieldset>
        {props.duplicate && (
          <Checkbox name="confirm_duplicate" label={t('new.confirmDuplicate')} checked={false} />
        )}
        <SubmitButton>{t('new.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

function emptyNewForm(t: Texts, target: string): NewForm {
  return {
    target,
    given_name: '',
    family_name: '',
    birth_date: '',
    postcode: '',
    house_number: '',
    phone: '',
    email: '',
    reason: '',
    consent: false,
    scope: t('new.consentScopeDefault'),
    no_contact: false,
    confirm_duplicate: false,
  };
}

function readNewForm(form: Form): NewForm {
  return {
    target: form.target ?? '',
    given_name: form['resident.given_name'] ?? '',
    family_name: form['resident.family_name'] ?? '',
    birth_date: form['resident.birth_date'] ?? '',
    postcode: form['resident.postcode'] ?? '',
    house_number: form['resident.house_number'] ?? '',
    phone: form['resident.phone'] ?? '',
    email: form['resident.email'] ?? '',
    reason: form.reason ?? '',
    consent: checked(form, 'consent.given'),
    scope: form['consent.scope'] ?? '',
    no_contact: checked(form, 'no_contact'),
    confirm_duplicate: checked(form, 'confirm_duplicate'),
  };
}

function toReferralBody(f: NewForm, pathway: { id?: string; step?: number }): NewReferral | FieldError[] {
  const target: NewReferral['target'] | undefined =
    f.target === 'welfare-coach' || f.target === 'social-team'
      ? { kind: f.target }
      : /^[0-9a-f-]{36}$/i.test(f.target)
        ? { service_id: f.target }
        : undefined;
  if (!target) return [{ field: 'target', message: 'field.target' }];
  const houseNumber = f.house_number.trim() ? Number(f.house_number) : null;
  if (houseNumber !== null && (!Number.isInteger(houseNumber) || houseNumber < 1))
    return [{ field: 'resident.house_number', message: 'field.houseNumber' }];
  return {
    resident: {
      given_name: f.given_name,
      family_name: f.family_name,
      birth_date: f.birth_date.trim(),
      postcode: f.postcode,
      house_number: houseNumber,
      phone: f.phone || null,
      email: f.email || null,
    },
    target,
    reason: f.reason,
    consent: { given: f.consent, scope: f.scope },
    no_contact: f.no_contact,
    confirm_duplicate: f.confirm_duplicate,
    ...(pathway.id ? { pathway_id: pathway.id } : {}),
    ...(pathway.step ? { pathway_step: pathway.step } : {}),
  };
}

// ---- one referral ----

function DetailPage(props: {
  ctx: RequestContext;
  r: ReferralView;
  notice?: string;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, r } = props;
  const t = textsOf(ctx);
  const target = r.target.kind === 'service' ? (r.target.service_name ?? '-') : t(`target.${r.target.kind}`);
  const next = transitions[r.status];
  const isReceiver = r.view === 'receiver';
  const householdId = 'household_id' in r ? r.household_id : null;
  const resident = r.resident as ReferralView['resident'] &
    Record<string, string | number | null | undefined>;
  return (
    <Layout ctx={ctx} title={t('detail.title', { target })}>
      <Subnav ctx={ctx} current="" />
      <Heading1>{t('detail.title', { target })}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {r.overdue && <Alert type="warning">{t('detail.overdue')}</Alert>}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <DataList
        items={[
          [t('detail.statusNow'), <strong>{t(`status.${r.status}`)}</strong>],
          [t('detail.resident'), `${resident.given_name} ${resident.family_name}`],
          ...(isReceiver
            ? ([
                [t('detail.birthDate'), String(resident.birth_date ?? '')],
                [t('detail.postcode'), String(resident.postcode ?? '')],
                [t('detail.phone'), String(resident.phone ?? '-')],
                [t('detail.email'), String(resident.email ?? '-')],
                [t('detail.reason'), r.reason ?? ''],
                [
                  t('detail.consent'),
                  r.consent
                    ? `${t('detail.consentText', { scope: r.consent.scope, with: r.consent.shared_with, date: formatDateTime(ctx, r.consent.given_at) })}${r.consent.no_contact ? ` ${t('detail.noContact')}` : ''}`
                    : '',
                ],
              ] as [string, string][])
            : []),
          [t('detail.referrer'), r.referrer ?? t('signup.self')],
          [t('detail.receiver'), r.receiver ?? '-'],
          [t('detail.respondBefore'), formatDateTime(ctx, r.respond_before)],
          ...(r.evaluate_at
            ? ([[t('detail.evaluateAt'), formatDateTime(ctx, r.evaluate_at)]] as [string, string][])
            : []),
          ...(r.follow_up_at
            ? ([[t('detail.followUpAt'), formatDateTime(ctx, r.follow_up_at)]] as [string, string][])
            : []),
          ...(r.report_due_at
            ? ([[t('detail.reportDue'), formatDateTime(ctx, r.report_due_at)]] as [string, string][])
            : []),
        ]}
      />
      {householdId && can(ctx.roles, 'casework:read') && (
        <P>
          <a class="utrecht-link" href={`/sociaal-team/huishoudens/${householdId}`}>
            {t('detail.household')}
          </a>{' '}
          <a class="utrecht-link" href={`/sociaal-team/huishoudens/${householdId}/plan`}>
            {t('detail.plan')}
          </a>
        </P>
      )}
      {r.pathway && can(ctx.roles, 'referrals:send') && (
        <P>
          <a class="utrecht-link" href={`/routekaarten/${r.pathway.id}?vanuit=${r.id}`}>
            {t('detail.nextStep', { pathway: r.pathway.title })}
          </a>
        </P>
      )}
      <Heading2 id="uitkomst">{t('detail.outcome')}</Heading2>
      <P>{r.outcome ?? t('detail.noOutcome')}</P>
      {r.offers.length > 0 && (
        <Table
          id="offers"
          caption={t('detail.offers')}
          head={[t('col.target'), t('col.status')]}
          rows={r.offers.map((o) => ({
            key: o.id,
            cells: [
              `${o.service_name ?? '-'}${o.organization_name ? ` (${o.organization_name})` : ''}`,
              t(`status.${o.status as ReferralStatus}`),
            ],
          }))}
        />
      )}
      <Table
        id="history"
        caption={t('detail.history')}
        head={[t('col.status'), t('col.when'), t('col.who'), t('col.reason')]}
        rows={r.history.map((e, i) => ({
          key: String(i),
          cells: [
            t(`status.${e.status as ReferralStatus}`),
            formatDateTime(ctx, e.at),
            e.actor ?? '-',
            [e.reason_code ? t(`reason.${e.reason_code as 'full'}`) : '', e.reason ?? '']
              .filter(Boolean)
              .join(': '),
          ],
        }))}
      />
      {isReceiver && next.length > 0 && (
        <section aria-labelledby="wijzigen">
          <Heading2 id="wijzigen">{t('detail.change')}</Heading2>
          {r.target.kind === 'welfare-coach' && ['sent', 'received', 'contacted'].includes(r.status) && (
            <P>
              <a
                class="utrecht-button-link utrecht-button-link--secondary-action"
                href={`/verwijzingen/${r.id}/intake`}
              >
                {t('detail.intake')}
              </a>
            </P>
          )}
          <form method="post" action={`/verwijzingen/${r.id}/status`}>
            <CsrfField ctx={ctx} />
            <Select
              name="status"
              label={t('detail.newStatus')}
              value={next[0]!}
              options={next.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              errors={props.errors}
            />
            <Select
              name="reason_code"
              label={t('detail.reasonCode')}
              value=""
              options={[
                { value: '', label: t('detail.noReason') },
                ...declineReasons.map((d) => ({ value: d, label: t(`reason.${d}`) })),
              ]}
            />
            <TextArea name="reason" label={t('detail.note')} errors={props.errors} rows={2} />
            <TextArea name="outcome" label={t('detail.outcomeField')} rows={2} />
            <SubmitButton>{t('detail.save')}</SubmitButton>
          </form>
        </section>
      )}
      {!isReceiver && next.includes('withdrawn') && (
        <form method="post" action={`/verwijzingen/${r.id}/status`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="status" value="withdrawn" />
          <SubmitButton variant="secondary">{t('detail.withdraw')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}

// ---- intake ----

function IntakePage(props: {
  ctx: RequestContext;
  r: ReferralView;
  pathways: { id: string; title: string }[];
  route?: ResolvedPathway;
  errors?: FieldError[];
  form?: Form;
}) {
  const { ctx, r, route } = props;
  const t = textsOf(ctx);
  const postcode = String((r.resident as { postcode?: string }).postcode ?? '');
  return (
    <Layout ctx={ctx} title={t('intake.title')}>
      <Subnav ctx={ctx} current="" />
      <Heading1>{t('intake.title')}</Heading1>
      <P lead>{`${r.resident.given_name} ${r.resident.family_name}, ${postcode}`}</P>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form method="get" action={`/verwijzingen/${r.id}/intake`}>
        <Select
          name="route"
          label={t('intake.choosePathway')}
          value={route?.id ?? ''}
          options={props.pathways.map((p) => ({ value: p.id, label: p.title }))}
        />
        <SubmitButton variant="secondary">{t('intake.show')}</SubmitButton>
      </form>
      {route && (
        <form method="post" action={`/verwijzingen/${r.id}/intake`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="pathway_id" value={route.id} />
          <Heading2 id="aanbod">{t('intake.offersFor', { postcode })}</Heading2>
          {route.steps.map((s) => (
            <fieldset
              class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset"
              key={s.position}
            >
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
                {t('pathway.step', { n: s.position, title: s.title })}
              </legend>
              {s.offers.length ? (
                s.offers.map((o) => (
                  <Checkbox
                    key={o.id}
                    name={`aanbod_${o.id}`}
                    label={`${o.name}${o.place ? `, ${o.place}` : ''}${o.distance_km !== null ? ` (${t('pathway.distance', { km: o.distance_km })})` : ''}`}
                    checked={props.form?.[`aanbod_${o.id}`] === 'ja'}
                  />
                ))
              ) : (
                <P>
                  {s.target === 'offers'
                    ? t('intake.noOffers')
                    : t(s.target === 'social-team' ? 'pathway.toTeam' : 'pathway.toCoach')}
                </P>
              )}
            </fieldset>
          ))}
          <Field
            ctx={ctx}
            name="report_after_weeks"
            label={t('intake.weeks')}
            inputmode="numeric"
            value={props.form?.report_after_weeks ?? String(route.steps[0]?.evaluate_after_weeks ?? 6)}
            errors={props.errors}
          />
          <TextArea name="note" label={t('intake.note')} rows={2} value={props.form?.note} />
          <Checkbox
            name="consent_given"
            label={t('intake.consent')}
            checked={props.form?.consent_given === 'ja'}
            errors={props.errors}
          />
          <SubmitButton>{t('intake.submit')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}

// ---- route pages ----

function PathwaysPage(props: {
  ctx: RequestContext;
  pathways: { id: string; title: string; summary: string }[];
}) {
  const { ctx } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('pathways.title')}>
      {ctx.session && <Subnav ctx={ctx} current="/routekaarten" />}
      <Heading1>{t('pathways.title')}</Heading1>
      <P lead>{t('pathways.intro')}</P>
      {props.pathways.length ? (
        <ul class="utrecht-unordered-list">
          {props.pathways.map((p) => (
            <li class="utrecht-unordered-list__item" key={p.id}>
              <a class="utrecht-link" href={`/routekaarten/${p.id}`}>
                {p.title}
              </a>
              : {p.summary}
            </li>
          ))}
        </ul>
      ) : (
        <P>{t('pathways.none')}</P>
      )}
    </Layout>
  );
}

function RoutePage(props: {
  ctx: RequestContext;
  route: ResolvedPathway;
  postcode?: string;
  print: boolean;
  /** The referral whose next step this is: referring from here starts with its resident. */
  from?: string;
}) {
  const { ctx, route, print } = props;
  const t = textsOf(ctx);
  const partner = can(ctx.roles, 'referrals:send');
  const vanuit = props.from ? `&vanuit=${props.from}` : '';
  // Following up a referral, links name the referral, not the resident's postcode.
  const q = props.from
    ? `?vanuit=${props.from}`
    : props.postcode
      ? `?postcode=${encodeURIComponent(props.postcode)}`
      : '';
  return (
    <Layout ctx={ctx} title={route.title}>
      {!print && ctx.session && <Subnav ctx={ctx} current="/routekaarten" />}
      <Heading1>{route.title}</Heading1>
      <P lead>{route.summary}</P>
      <P>{t('pathway.version', { version: route.version })}</P>
      {print ? (
        <P>
          {t('pathway.printHint')}{' '}
          <a class="utrecht-link" href={`/routekaarten/${route.id}${q}`}>
            {t('pathway.back')}
          </a>
        </P>
      ) : (
        <>
          <form method="get" action={`/routekaarten/${route.id}`}>
            <Field
              ctx={ctx}
              name="postcode"
              label={t('pathway.postcode')}
              description={t('pathway.postcodeHint')}
              value={props.postcode}
              autocomplete="postal-code"
            />
            <SubmitButton variant="secondary">{t('pathway.show')}</SubmitButton>
          </form>
          <P>
            <a class="utrecht-link" href={`/routekaarten/${route.id}/print${q}`}>
              {t('pathway.print')}
            </a>
          </P>
          {can(ctx.roles, 'pathways:manage') && (
            <P>
              <a class="utrecht-link" href={`/beheer/routekaarten?van=${route.id}`}>
                {t('pathway.newVersion')}
              </a>
            </P>
          )}
        </>
      )}
      <ol class="utrecht-ordered-list">
        {route.steps.map((s) => (
          <li class="utrecht-ordered-list__item" key={s.position}>
            <h2 class="utrecht-heading-2">{t('pathway.step', { n: s.position, title: s.title })}</h2>
            <P>
              <strong>{t(`level.${s.level as 'individual'}`)}</strong>. {s.description}
            </P>
            {s.target !== 'offers' && (
              <P>{t(s.target === 'social-team' ? 'pathway.toTeam' : 'pathway.toCoach')}</P>
            )}
            {s.offers.length > 0 && (
              <ul class="utrecht-unordered-list">
                {s.offers.map((o) => (
                  <li class="utrecht-unordered-list__item" key={o.id}>
                    <a class="utrecht-link" href={`/aanbod/${o.id}`}>
                      {o.name}
                    </a>
                    {o.place && `, ${o.place}`}
                    {o.distance_km !== null && ` (${t('pathway.distance', { km: o.distance_km })})`}
                    {!print && partner && (
                      <>
                        {' — '}
                        <a
                          class="utrecht-link"
                          href={`/verwijzingen/nieuw?aanbod=${o.id}&route=${route.id}&stap=${s.position}${vanuit}`}
                          aria-label={t('pathway.referTo', { name: o.name })}
                        >
                          {t('pathway.refer')}
                        </a>
                      </>
                    )}
                    {!print && !partner && o.access === 'aanmelden' && (
                      <>
                        {' — '}
                        <a class="utrecht-link" href={`/aanmelden/${o.id}`}>
                          {t('pathway.signUp', { name: o.name })}
                        </a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {!print && partner && s.target !== 'offers' && (
              <P>
                <a
                  class="utrecht-link"
                  href={`/verwijzingen/nieuw?doel=${s.target}&route=${route.id}&stap=${s.position}${vanuit}`}
                >
                  {t('pathway.referStep')}
                </a>
              </P>
            )}
            {s.evaluate_after_weeks && <P>{t('pathway.evaluate', { weeks: s.evaluate_after_weeks })}</P>}
          </li>
        ))}
      </ol>
      {route.follow_up_weeks.length > 0 && (
        <P>
          {t('pathway.followUp', {
            weeks: route.follow_up_weeks.join(ctx.locale === 'en' ? ' and ' : ' en '),
          })}
        </P>
      )}
    </Layout>
  );
}

// ---- pathway form (coordinators) ----

const MAX_FORM_STEPS = 5;

function ManagePage(props: {
  ctx: RequestContext;
  form: Form;
  kinds: { value: string; label: string }[];
  errors?: FieldError[];
}) {
  const { ctx, form, errors } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('manage.title')}>
      <Subnav ctx={ctx} current="/beheer/routekaarten" />
      <Heading1>{t('manage.title')}</Heading1>

      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form method="post" action="/beheer/routekaarten" novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} name="key" label={t('manage.key')} value={form.key} errors={errors} />
        <Field ctx={ctx} name="theme" label={t('manage.theme')} value={form.theme} errors={errors} />
        <Field ctx={ctx} name="title" label={t('manage.titleField')} value={form.title} errors={errors} />
        <TextArea name="summary" label={t('manage.summary')} value={form.summary} errors={errors} rows={2} />
        <Field
          ctx={ctx}
          name="follow_up_weeks"
          label={t('manage.followUp')}
          value={form.follow_up_weeks}
          errors={errors}
        />
        {Array.from({ length: MAX_FORM_STEPS }, (_, i) => (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset" key={i}>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
              {t('manage.stepLegend', { n: i + 1 })}
            </legend>
            <Field
              ctx={ctx}
              name={`steps.${i}.title`}
              label={`${t('manage.stepTitle')} (${t('manage.stepLegend', { n: i + 1 })})`}
              value={form[`steps.${i}.title`]}
              errors={errors}
            />
            <TextArea
              name={`steps.${i}.description`}
              label={`${t('manage.stepDescription')} (${t('manage.stepLegend', { n: i + 1 })})`}
              value={form[`steps.${i}.description`]}
              rows={2}
            />
            <Select
              name={`steps.${i}.level`}
              label={`${t('manage.stepLevel')} (${t('manage.stepLegend', { n: i + 1 })})`}
              value={form[`steps.${i}.level`] ?? stepLevels[i] ?? 'specialist'}
              options={stepLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            />
            <Select
              name={`steps.${i}.target`}
              label={`${t('manage.stepTarget')} (${t('manage.stepLegend', { n: i + 1 })})`}
              value={form[`steps.${i}.target`] ?? 'offers'}
              options={stepTargets.map((s) => ({
                value: s,
                label: s === 'offers' ? t('manage.targetOffers') : t(`target.${s}`),
              }))}
            />
            <Select
              name={`steps.${i}.kind`}
              label={`${t('manage.stepTerms')} (${t('manage.stepLegend', { n: i + 1 })})`}
              value={form[`steps.${i}.kind`] ?? ''}
              options={[{ value: '', label: '-' }, ...props.kinds]}
              errors={errors}
            />
            <Field
              ctx={ctx}
              name={`steps.${i}.evaluate_after_weeks`}
              label={`${t('manage.stepEvaluate')} (${t('manage.stepLegend', { n: i + 1 })})`}
              inputmode="numeric"
              value={form[`steps.${i}.evaluate_after_weeks`]}
            />
            {/* Offers named by id (API) carry over to the next version. */}
            <input
              type="hidden"
              name={`steps.${i}.service_ids`}
              value={form[`steps.${i}.service_ids`] ?? ''}
            />
          </fieldset>
        ))}
        <SubmitButton>{t('manage.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

// ---- sign-up (residents) ----

function SignUpPage(props: {
  ctx: RequestContext;
  offer: { id: string; name: string; provider: string };
  form: NewForm;
  errors?: FieldError[];
  sent?: boolean;
}) {
  const { ctx, offer, form, errors } = props;
  const t = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={t('signup.title', { name: offer.name })}>
      <Heading1>{t('signup.title', { name: offer.name })}</Heading1>
      {props.sent ? (
        <Alert type="ok">{t('signup.thanks', { provider: offer.provider })}</Alert>
      ) : (
        <>
          <P lead>{t('signup.intro', { provider: offer.provider })}</P>
          <ErrorSummary ctx={ctx} errors={errors ?? []} />
          <form method="post" action={`/aanmelden/${offer.id}`} novalidate>
            <CsrfField ctx={ctx} />
            <Field
              ctx={ctx}
              name="resident.given_name"
              label={t('new.givenName')}
              value={form.given_name}
              errors={errors}
              autocomplete="given-name"
            />
            <Field
              ctx={ctx}
              name="resident.family_name"
              label={t('new.familyName')}
              value={form.family_name}
              errors={errors}
              autocomplete="family-name"
            />
            <Field
              ctx={ctx}
              name="resident.birth_date"
              label={t('new.birthDate')}
              description={t('new.birthDateHint')}
              value={form.birth_date}
              errors={errors}
              autocomplete="bday"
            />
            <Field
              ctx={ctx}
              name="resident.postcode"
              label={t('new.postcode')}
              value={form.postcode}
              errors={errors}
              autocomplete="postal-code"
            />
            <Field
              ctx={ctx}
              name="resident.phone"
              label={t('new.phone')}
              type="tel"
              value={form.phone}
              errors={errors}
              autocomplete="tel"
            />
            <Field
              ctx={ctx}
              name="resident.email"
              label={t('new.email')}
              type="email"
              value={form.email}
              errors={errors}
              autocomplete="email"
            />
            <TextArea name="reason" label={t('signup.message')} value={form.reason} rows={3} />
            <Checkbox
              name="consent.given"
              label={t('signup.consent', { provider: offer.provider })}
              checked={form.consent}
              errors={errors}
            />
            <Checkbox name="no_contact" label={t('signup.noContact')} checked={form.no_contact} />
            <SubmitButton>{t('signup.submit')}</SubmitButton>
          </form>
        </>
      )}
      <P>
        <a class="utrecht-link" href={`/aanbod/${offer.id}`}>
          {offer.name}
        </a>
      </P>
    </Layout>
  );
}

// ---- figures ----

function FiguresPage(props: {
  ctx: RequestContext;
  per: Grouping;
  from: string;
  to: string;
  figures: Awaited<ReturnType<typeof referralFigures>>;
}) {
  const { ctx, figures, per } = props;
  const t = textsOf(ctx);
  const perLabel = t(`figures.per.${per}`);
  const shown = figures.groups.map(shownGroup);
  const total = shownGroup(figures.total);
  const query = `per=${per}&van=${props.from}&tot=${props.to}`;
  const cols = [
    t('figures.col.referrals'),
    t('figures.col.median'),
    t('figures.col.p90'),
    t('figures.col.within48'),
    t('figures.col.started'),
    t('figures.col.completed'),
    t('figures.col.noShows'),
    t('figures.col.declined'),
  ];
  const cell = (n: number | null) => (n === null ? '-' : String(n));
  return (
    <Layout ctx={ctx} title={t('figures.title')}>
      <Subnav ctx={ctx} current="/verwijzingen/cijfers" />
      <Heading1>{t('figures.title')}</Heading1>
      <P lead>{t('figures.intro')}</P>
      <form method="get" action="/verwijzingen/cijfers">
        <Select
          name="per"
          label={t('figures.per')}
          value={per}
          options={groupings.map((g) => ({ value: g, label: t(`figures.per.${g}`) }))}
        />
        <Field ctx={ctx} name="van" label={t('figures.from')} type="date" value={props.from} />
        <Field ctx={ctx} name="tot" label={t('figures.to')} type="date" value={props.to} />
        <SubmitButton variant="secondary">{t('figures.show')}</SubmitButton>
      </form>
      <P>
        <a class="utrecht-link" href={`/verwijzingen/cijfers.csv?${query}`} download>
          {t('figures.csv')}
        </a>
      </P>
      <P>{t('figures.period', { from: formatDay(ctx, props.from), to: formatDay(ctx, props.to) })}</P>
      <BarChart
        id="chart-referrals"
        title={t('figures.chart', { per: perLabel })}
        head={[perLabel, t('figures.col.referrals')]}
        data={figures.groups.map((g, i) => ({
          label: g.group,
          value: g.referrals,
          ...(shown[i]!.referrals.startsWith('<') ? { display: shown[i]!.referrals } : {}),
        }))}
      />
      <BarChart
        id="chart-contact"
        title={t('figures.chartContact', { per: perLabel })}
        head={[perLabel, t('figures.col.within48')]}
        unit="%"
        data={figures.groups.map((g) => ({
          label: g.group,
          value: g.within_48h_percent ?? 0,
          ...(g.within_48h_percent === null ? { display: '-' } : {}),
        }))}
      />
      <Table
        id="figures"
        caption={t('figures.title')}
        head={[perLabel, ...cols]}
        rows={[...shown, total].map((g) => ({
          key: g.group,
          cells: [
            g.group,
            g.referrals,
            cell(g.median_hours),
            cell(g.p90_hours),
            cell(g.within_48h_percent),
            g.started,
            g.completed,
            g.no_shows,
            g.declined,
          ],
        }))}
      />
      <Table
        id="decline-reasons"
        caption={t('figures.declineReasons')}
        head={[t('figures.col.reason'), t('figures.col.count')]}
        rows={figures.decline_reasons.map((r) => ({
          key: r.reason,
          cells: [t(`reason.${r.reason as 'full'}`), shownCount(r.count)],
        }))}
      />
    </Layout>
  );
}

// ---- routes ----

function formProblem(err: unknown, codes: string[]): AppError | undefined {
  const e = toAppError(err);
  return codes.includes(e.code) ? e : undefined;
}

export function registerReferralPages(
  app: FastifyInstance,
  db: Database,
  config: Config,
  clock: Clock = systemClock,
): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const limits = rateLimits(config);
  const ctxOf = (req: FastifyRequest) => referralContext(req, config, clock);
  const inTenant = <T,>(req: FastifyRequest, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(requireTenant(req).id, fn);
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();

  app.get('/verwijzingen', { config: { access: 'referrals:follow' }, schema: page }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { sent, received } = await inTenant(req, async (tx) => ({
      sent: can(req.ctx.roles, 'referrals:send') ? await listReferrals(tx, ctx, 'sent') : undefined,
      received: can(req.ctx.roles, 'referrals:receive')
        ? await listReferrals(tx, ctx, 'received')
        : undefined,
    }));
    return html(reply, <OverviewPage ctx={req.ctx} sent={sent} received={received} />);
  });

  // ---- new referral ----

  async function newPageProps(req: FastifyRequest, query: Static<typeof NewQuery>) {
    const t = textsOf(req.ctx);
    return inTenant(req, async (tx) => {
      const service = query.aanbod ? await compileService(tx, query.aanbod) : undefined;
      const pathway = query.route ? await pathwayById(tx, query.route) : undefined;
      return {
        offer: service ? { id: service.id, name: service.name } : undefined,
        pathwayNote: pathway
          ? t('new.pathwayStep', { pathway: pathway.title, step: query.stap ?? 1 })
          : undefined,
        action: `/verwijzingen/nieuw${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`,
      };
    });
  }

  app.get(
    '/verwijzingen/nieuw',
    { config: { access: 'referrals:send' }, schema: { ...page, querystring: NewQuery } },
    async (req, reply) => {
      const query = req.query as Static<typeof NewQuery>;
      const props = await newPageProps(req, query);
      const target = props.offer?.id ?? (query.doel === 'social-team' ? 'social-team' : 'welfare-coach');
      const form = emptyNewForm(textsOf(req.ctx), target);
      if (query.vanuit) {
        const ctx = ctxOf(req);
        const earlier = await inTenant(req, (tx) => readReferral(tx, ctx, query.vanuit!));
        // The receiver's view holds the contact details; the referrer's only the name they gave.
        const r = earlier.resident as Partial<Record<string, string | number | null>>;
        Object.assign(form, {
          given_name: String(r.given_name ?? ''),
          family_name: String(r.family_name ?? ''),
          birth_date: String(r.birth_date ?? ''),
          postcode: String(r.postcode ?? ''),
          house_number: r.house_number ? String(r.house_number) : '',
          phone: String(r.phone ?? ''),
          email: String(r.email ?? ''),
        });
      }
      return html(reply, <NewPage ctx={req.ctx} {...props} form={form} />);
    },
  );

  app.post(
    '/verwijzingen/nieuw',
    { config: { access: 'referrals:send' }, schema: { ...formSchema, querystring: NewQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const query = req.query as Static<typeof NewQuery>;
      const form = readNewForm(req.body as Form);
      const body = toReferralBody(form, { id: query.route, step: query.stap });
      const show = async (extra: {
        errors?: FieldError[];
        message?: string;
        duplicate?: { id: string; created_at: string };
      }) =>
        html(
          reply,
          <NewPage ctx={req.ctx} {...await newPageProps(req, query)} form={form} {...extra} />,
          400,
        );
      if (Array.isArray(body))
        return show({ errors: body.map((e) => ({ ...e, message: ctx.texts(e.message as 'field.target') })) });
      try {
        const result = await inTenant(req, (tx) => createReferral(tx, ctx, body));
        if (result.kind === 'duplicate') return show({ duplicate: result.existing });
        return reply.redirect(`/verwijzingen/${result.referral.id}?melding=verstuurd`, 303);
      } catch (err) {
        const e = formProblem(err, ['validation', 'conflict']);
        if (!e) throw err;
        return show({ errors: e.fields ?? [], message: e.fields?.length ? undefined : e.detail });
      }
    },
  );

  // ---- one referral ----

  const notices: Record<string, 'new.sent' | 'detail.saved' | 'detail.started'> = {
    verstuurd: 'new.sent',
    opgeslagen: 'detail.saved',
    gestart: 'detail.started',
  };

  async function showDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; message?: string } = {},
  ) {
    const ctx = ctxOf(req);
    const r = await inTenant(req, (tx) => readReferral(tx, ctx, idOf(req)));
    const { melding } = (req.query ?? {}) as Static<typeof NoticeQuery>;
    const notice =
      melding && Object.hasOwn(notices, melding)
        ? ctx.texts(notices[melding]!, { deadline: formatDateTime(req.ctx, r.respond_before) })
        : undefined;
    const failed = (extra.errors?.length ?? 0) > 0 || extra.message !== undefined;
    return html(reply, <DetailPage ctx={req.ctx} r={r} notice={notice} {...extra} />, failed ? 400 : 200);
  }

  app.get(
    '/verwijzingen/:id',
    {
      config: { access: 'referrals:follow' },
      schema: { ...page, params: IdParams, querystring: NoticeQuery },
    },
    async (req, reply) => showDetail(req, reply),
  );

  app.post(
    '/verwijzingen/:id/status',
    { config: { access: 'referrals:follow' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const form = req.body as Form;
      const status = form.status as ReferralStatus;
      if (!Object.hasOwn(transitions, status ?? ''))
        return showDetail(req, reply, { errors: [{ field: 'status', message: ctx.texts('field.status') }] });
      const reasonCode = declineReasons.find((d) => d === form.reason_code);
      try {
        await inTenant(req, (tx) =>
          changeStatus(tx, ctx, idOf(req), {
            status,
            ...(form.reason ? { reason: form.reason } : {}),
            ...(reasonCode ? { reason_code: reasonCode } : {}),
            ...(form.outcome ? { outcome: form.outcome } : {}),
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation', 'conflict']);
        if (!e) throw err;
        return showDetail(req, reply, {
          errors: e.fields ?? [],
          message: e.fields?.length ? undefined : e.detail,
        });
      }
      return reply.redirect(`/verwijzingen/${idOf(req)}?melding=opgeslagen`, 303);
    },
  );

  // ---- intake ----

  async function showIntake(
    req: FastifyRequest,
    reply: FastifyReply,
    routeId: string | undefined,
    extra: { errors?: FieldError[]; form?: Form } = {},
  ) {
    const ctx = ctxOf(req);
    const data = await inTenant(req, async (tx) => {
      const r = await readReferral(tx, ctx, idOf(req));
      if (r.view !== 'receiver') throw new AppError('forbidden', ctx.texts('problem.notReceiver'));
      if (r.target.kind !== 'welfare-coach')
        throw new AppError('conflict', ctx.texts('problem.notWelfareCoach'));
      const pathways = await listPathways(tx);
      const chosen = routeId ?? r.pathway?.id ?? pathways[0]?.id;
      const postcode = String((r.resident as { postcode?: string }).postcode ?? '');
      const route = chosen
        ? await resolvePathway(tx, chosen, {
            postcode,
            perStep: 4,
            notFound: ctx.texts('problem.pathwayNotFound'),
          })
        : undefined;
      return { r, pathways, route };
    });
    return html(reply, <IntakePage ctx={req.ctx} {...data} {...extra} />, extra.errors?.length ? 400 : 200);
  }

  app.get(
    '/verwijzingen/:id/intake',
    {
      config: { access: 'referrals:receive' },
      schema: { ...page, params: IdParams, querystring: IntakeQuery },
    },
    async (req, reply) => showIntake(req, reply, (req.query as Static<typeof IntakeQuery>).route),
  );

  app.post(
    '/verwijzingen/:id/intake',
    { config: { access: 'referrals:receive' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const form = req.body as Form;
      const serviceIds = Object.keys(form)
        .filter((k) => k.startsWith('aanbod_') && form[k] === 'ja')
        .map((k) => k.slice('aanbod_'.length));
      const pathwayId = /^[0-9a-f-]{36}$/i.test(form.pathway_id ?? '') ? form.pathway_id! : undefined;
      try {
        if (!pathwayId)
          throw new AppError('validation', undefined, [
            { field: 'pathway_id', message: ctx.texts('field.pathway') },
          ]);
        await inTenant(req, (tx) =>
          startFromIntake(tx, ctx, idOf(req), {
            pathway_id: pathwayId,
            service_ids: serviceIds.filter((s) => /^[0-9a-f-]{36}$/i.test(s)),
            report_after_weeks: Number(form.report_after_weeks),
            consent_given: form.consent_given === 'ja',
            ...(form.note ? { note: form.note } : {}),
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        return showIntake(req, reply, pathwayId, { errors: e.fields ?? [], form });
      }
      return reply.redirect(`/verwijzingen/${idOf(req)}?melding=gestart`, 303);
    },
  );

  // ---- pathways ----

  app.get('/routekaarten', { config: { access: 'public' }, schema: page }, async (req, reply) => {
    const pathways = await inTenant(req, (tx) => listPathways(tx));
    return html(reply, <PathwaysPage ctx={req.ctx} pathways={pathways} />);
  });

  const routePage = (print: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const t = textsOf(req.ctx);
    const query = req.query as Static<typeof RouteQuery>;
    const from = query.vanuit && can(req.ctx.roles, 'referrals:send') ? query.vanuit : undefined;
    const route = await inTenant(req, async (tx) => {
      let postcode = query.postcode;
      if (from && !postcode) {
        // Offers near the resident of the referral this follows up, when the viewer may see where they live.
        const earlier = await readReferral(tx, ctxOf(req), from);
        postcode = (earlier.resident as { postcode?: string }).postcode;
      }
      // A postcode that is no postcode shows the route without distances rather than an error.
      const usable =
        postcode && /^\s*[1-9][0-9]{3}\s*([a-zA-Z]{2})?\s*$/.test(postcode) ? postcode.trim() : undefined;
      return {
        usable,
        resolved: await resolvePathway(tx, idOf(req), {
          postcode: usable,
          notFound: t('problem.pathwayNotFound'),
        }),
      };
    });
    return html(
      reply,
      <RoutePage ctx={req.ctx} route={route.resolved} postcode={route.usable} print={print} from={from} />,
    );
  };
  const routeSchema = { ...page, params: IdParams, querystring: RouteQuery };
  app.get('/routekaarten/:id', { config: { access: 'public' }, schema: routeSchema }, routePage(false));
  app.get('/routekaarten/:id/print', { config: { access: 'public' }, schema: routeSchema }, routePage(true));

  /** The form filled from a saved version, so a coordinator changes what is there into the next version. */
  async function formFromPathway(tx: TenantTx, id: string): Promise<Form> {
    const p = await pathwayById(tx, id);
    if (!p) return {};
    const codes = new Map([...(await termIdsByCode(tx))].map(([code, termId]) => [termId, code]));
    const form: Form = {
      key: p.key,
      theme: p.theme,
      title: p.title,
      summary: p.summary,
      follow_up_weeks: p.followUpWeeks.join(', '),
    };
    p.steps.slice(0, MAX_FORM_STEPS).forEach((step, i) => {
      form[`steps.${i}.title`] = step.title;
      form[`steps.${i}.description`] = step.description;
      form[`steps.${i}.level`] = step.level;
      form[`steps.${i}.target`] = step.target;
      form[`steps.${i}.kind`] =
        step.taxonomyTermIds.map((t) => codes.get(t)).find((c) => c && !c.startsWith('thema:')) ?? '';
      form[`steps.${i}.evaluate_after_weeks`] = step.evaluateAfterWeeks
        ? String(step.evaluateAfterWeeks)
        : '';
      form[`steps.${i}.service_ids`] = step.serviceIds.join(',');
    });
    return form;
  }

  async function kindOptions(tx: TenantTx) {
    const ids = await termIdsByCode(tx);
    return [...ids.keys()]
      .filter((k) => k.startsWith('thema:') || k.startsWith('soort-aanbod:'))
      .sort()
      .map((k) => ({ value: k, label: k }));
  }

  app.get(
    '/beheer/routekaarten',
    { config: { access: 'pathways:manage' }, schema: { ...page, querystring: ManageQuery } },
    async (req, reply) => {
      const q = req.query as Static<typeof ManageQuery>;
      const { kinds, form } = await inTenant(req, async (tx) => ({
        kinds: await kindOptions(tx),
        form: q.van ? await formFromPathway(tx, q.van) : {},
      }));
      return html(reply, <ManagePage ctx={req.ctx} form={form} kinds={kinds} />);
    },
  );

  app.post(
    '/beheer/routekaarten',
    { config: { access: 'pathways:manage' }, schema: formSchema },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const form = req.body as Form;
      try {
        const saved = await inTenant(req, async (tx) => {
          const ids = await termIdsByCode(tx);
          const theme = ids.get(`thema:${(form.theme ?? '').trim()}`);
          const steps = [];
          for (let i = 0; i < MAX_FORM_STEPS; i++) {
            const title = (form[`steps.${i}.title`] ?? '').trim();
            if (!title) continue;
            const kind = ids.get(form[`steps.${i}.kind`] ?? '');
            const weeks = Number(form[`steps.${i}.evaluate_after_weeks`]);
            steps.push({
              level: stepLevels.find((l) => l === form[`steps.${i}.level`]) ?? 'regular-group',
              title,
              description: form[`steps.${i}.description`] ?? '',
              target: stepTargets.find((s) => s === form[`steps.${i}.target`]) ?? 'offers',
              // The theme narrows a kind of offer; a step without a kind keeps only its named offers.
              taxonomy_term_ids: kind ? [theme, kind].filter((id): id is string => !!id) : [],
              service_ids: (form[`steps.${i}.service_ids`] ?? '')
                .split(',')
                .filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
              evaluate_after_weeks: Number.isInteger(weeks) && weeks > 0 ? weeks : null,
            });
          }
          return savePathway(
            tx,
            ctx.actor,
            ctx.texts,
            {
              key: form.key ?? '',
              theme: form.theme ?? '',
              title: form.title ?? '',
              summary: form.summary ?? '',
              follow_up_weeks: (form.follow_up_weeks ?? '')
                .split(/[,\s]+/)
                .map(Number)
                .filter((n) => Number.isInteger(n) && n > 0),
              steps,
            },
            ctx.now,
          );
        });
        return reply.redirect(`/routekaarten/${saved.id}`, 303);
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        const kinds = await inTenant(req, kindOptions);
        const errors = (e.fields ?? []).map((f) => ({
          ...f,
          field: f.field.replace(/\.taxonomy_term_ids.*$/, '.kind'),
        }));
        return html(reply, <ManagePage ctx={req.ctx} form={form} kinds={kinds} errors={errors} />, 400);
      }
    },
  );

  // ---- residents sign up ----

  async function signUpOffer(req: FastifyRequest) {
    const t = textsOf(req.ctx);
    const service = await inTenant(req, (tx) => compileService(tx, idOf(req)));
    if (!service) throw new AppError('not_found', t('field.serviceUnknown'));
    const access = (service.attributes ?? []).find((a) => a.taxonomy_term?.taxonomy === 'toegang');
    if (access?.taxonomy_term?.code !== 'aanmelden' || service.status !== 'active')
      throw new AppError('conflict', t('problem.noSignUp'));
    return { id: service.id, name: service.name, provider: service.organization?.name ?? service.name };
  }

  app.get(
    '/aanmelden/:id',
    { config: { access: 'public' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const offer = await signUpOffer(req);
      const { melding } = req.query as Static<typeof NoticeQuery>;
      return html(
        reply,
        <SignUpPage
          ctx={req.ctx}
          offer={offer}
          form={emptyNewForm(textsOf(req.ctx), offer.id)}
          sent={melding === 'verstuurd'}
        />,
      );
    },
  );

  app.post(
    '/aanmelden/:id',
    { config: { access: 'public', rateLimit: limits.forms }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const offer = await signUpOffer(req);
      const form = { ...readNewForm(req.body as Form), target: offer.id, scope: ctx.texts('signup.scope') };
      const body = toReferralBody(form, {}) as NewReferral;
      body.reason = form.reason.trim() || ctx.texts('signup.reason');
      try {
        // A resident signing up twice in a week is the same sign-up: it is not sent again.
        await inTenant(req, (tx) => createReferral(tx, ctx, body, { selfSignUp: true }));
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        return html(
          reply,
          <SignUpPage ctx={req.ctx} offer={offer} form={form} errors={e.fields ?? []} />,
          400,
        );
      }
      return reply.redirect(`/aanmelden/${offer.id}?melding=verstuurd`, 303);
    },
  );

  // ---- figures ----

  function figuresQuery(req: FastifyRequest) {
    const q = req.query as Static<typeof FiguresPageQuery>;
    const per = groupings.find((g) => g === q.per) ?? 'pathway';
    const date = (s: string | undefined) =>
      s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
    const { from, to } = periodOf({ from: date(q.van), to: date(q.tot) }, clock.now(), textsOf(req.ctx));
    return { per, from, to };
  }

  app.get(
    '/verwijzingen/cijfers',
    { config: { access: 'referrals:figures' }, schema: { ...page, querystring: FiguresPageQuery } },
    async (req, reply) => {
      const { per, from, to } = figuresQuery(req);
      const figures = await inTenant(req, (tx) => referralFigures(tx, textsOf(req.ctx), per, from, to));
      return html(
        reply,
        <FiguresPage ctx={req.ctx} per={per} from={figures.from} to={figures.to} figures={figures} />,
      );
    },
  );

  app.get(
    '/verwijzingen/cijfers.csv',
    { config: { access: 'referrals:figures' }, schema: { ...page, querystring: FiguresPageQuery } },
    async (req, reply) => {
      const t = textsOf(req.ctx);
      const { per, from, to } = figuresQuery(req);
      const figures = await inTenant(req, (tx) => referralFigures(tx, t, per, from, to));
      const rows = [...figures.groups, figures.total]
        .map(shownGroup)
        .map((g) => [
          g.group,
          g.referrals,
          g.median_hours,
          g.p90_hours,
          g.within_48h_percent,
          g.started,
          g.completed,
          g.no_shows,
          g.declined,
        ]);
      const csv = toCsv(
        [
          t(`figures.per.${per}`),
          t('figures.col.referrals'),
          t('figures.col.median'),
          t('figures.col.p90'),
          t('figures.col.within48'),
          t('figures.col.started'),
          t('figures.col.completed'),
          t('figures.col.noShows'),
          t('figures.col.declined'),
        ],
        rows,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="verwijzingen-${per}-${figures.from}-${figures.to}.csv"`,
        )
        .send(csv);
    },
  );
}
