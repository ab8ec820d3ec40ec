// Pages of informal help: the public listing "Iemand helpen" (/hulp) and the form to ask for help, the volunteer's
// "Mijn vrijwilligerswerk" (matches, the address only after confirmation, contact log, passing a worry on), and the
// coordinator's pages: overview, the week's matching run with the reasons behind every proposal, a request with
// its candidates, a match with its next steps, the volunteers, and the figures. Forms post and redirect
// (post/redirect/get) and work without JavaScript.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Config } from '../../config.js';
import { can } from '../../platform/auth/permissions.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { requireTenant, type RequestContext } from '../../platform/http/context.js';
import { toAppError } from '../../platform/http/error-handler.js';
import type { AppError, FieldError } from '../../platform/http/errors.js';
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
  html,
  SectionNav,
} from '../../platform/pages/layout.js';
import { Checkbox, Checkboxes, Select, TextArea, TextInput, errorOf } from '../../platform/pages/forms.js';
import { volunteeringFigures, type Count, type Figures } from './figures.js';
import { components, type Weights } from './matcher.js';
import { volunteeringTexts, type Texts, type VolunteeringKey } from './messages.js';
import { contextFactory } from './routes.js';
import {
  addAppreciation,
  addCredential,
  candidates,
  changeMatchStatus,
  createHelpOffer,
  listHelpOffers,
  readVolunteer,
  recordEvaluation,
  registerVolunteer,
  createHelpRequest,
  flagWorry,
  lastWeights,
  listHelpRequests,
  listMatches,
  listVolunteers,
  logContact,
  myHelpRequests,
  myMatches,
  overdueEvaluations,
  proposeMatch,
  publicRequests,
  readHelpRequest,
  readMatch,
  renewMatch,
  runMatching,
  todayOf,
  volunteerDeclines,
  windowText,
  worriesForSocialTeam,
  type CandidateView,
  type MatchView,
  type OfferView,
  type OwnMatchView,
  type PublicRequestView,
  type ReasonView,
  type RequestView,
  type RunView,
  type VolunteerView,
  type WorryView,
} from './service.js';
import {
  frequencies,
  genders,
  helpKinds,
  kindRules,
  nextStatuses,
  trainings,
  urgencies,
  volunteerCategories,
  type MatchStatus,
  type Window,
} from './vocabulary.js';

const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });

const notices: Record<string, VolunteeringKey> = {
  verstuurd: 'public.sent',
  opgeslagen: 'mine.saved',
  afgewezen: 'mine.declined',
  doorgegeven: 'mine.flaggedNotice',
  status: 'coord.statusSaved',
  voorgesteld: 'coord.proposed',
  ingeschreven: 'intake.saved',
  vastgelegd: 'volunteer.credentialsSaved',
  aanbod: 'offer.saved',
};
const noticeOf = (texts: Texts, melding: string | undefined) =>
  melding && Object.hasOwn(notices, melding) ? texts(notices[melding]!) : undefined;

const textsOf = (ctx: RequestContext) => volunteeringTexts(ctx.locale);
const kindLabel = (texts: Texts, kind: string) => texts(`kind.${kind}` as VolunteeringKey);
const statusLabel = (texts: Texts, s: MatchStatus) => texts(`status.${s}` as VolunteeringKey);
const windowsText = (texts: Texts, ws: Window[]) => ws.map((w) => windowText(texts, w)).join(', ');

// ---- building blocks ----

/** The reasons behind a proposal, one line per score component, with how well it fits and how much it counts. */
function Reasons(props: { texts: Texts; reasons: ReasonView[] }) {
  return (
    <ul class="utrecht-unordered-list">
      {props.reasons.map((r) => (
        <li class="utrecht-unordered-list__item" key={r.component}>
          {`${r.text} (${Math.round(r.value * 100)}%, ${props.texts('coord.weightShort', { weight: r.weight })})`}
        </li>
      ))}
    </ul>
  );
}

function CoordinatorNav(props: { ctx: RequestContext; current: string }) {
  const texts = textsOf(props.ctx);
  const links = [
    { href: '/vrijwilligerswerk', label: texts('coord.home') },
    { href: '/vrijwilligerswerk/koppelen', label: texts('coord.run') },
    { href: '/vrijwilligerswerk/vrijwilligers', label: texts('coord.volunteers') },
    { href: '/vrijwilligerswerk/cijfers', label: texts('coord.figures') },
  ];
  return <SectionNav label={texts('coord.nav')} current={props.current} links={links} />;
}

// ---- public ----

function PublicPage(props: {
  ctx: RequestContext;
  requests: PublicRequestView[];
  mine: RequestView[];
  notice?: string;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('public.title')}>
      <Heading1>{texts('public.title')}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <P lead>{texts('public.lead')}</P>
      {props.requests.length ? (
        <Table
          id="hulpvragen"
          caption={texts('public.caption')}
          head={[texts('public.who'), texts('public.village'), texts('public.what'), texts('public.when')]}
          rows={props.requests.map((r) => ({
            key: r.id,
            cells: [
              r.display_name,
              r.village,
              r.kind_text,
              `${r.when.join(', ')} (${texts('public.from', { date: r.starts_on })})`,
            ],
          }))}
        />
      ) : (
        <P>{texts('public.none')}</P>
      )}
      <Heading2 id="zo-helpt-u">{texts('public.howTitle')}</Heading2>
      <ol class="utrecht-ordered-list wk-steps">
        {(['public.how1', 'public.how2', 'public.how3', 'public.how4'] as const).map((k) => (
          <li class="utrecht-ordered-list__item" key={k}>
            {texts(k)}
          </li>
        ))}
      </ol>
      {can(ctx.roles, 'volunteering:volunteer') && (
        <P>
          <a class="utrecht-link" href="/mijn-vrijwilligerswerk">
            {texts('public.mine')}
          </a>
        </P>
      )}
      {can(ctx.roles, 'volunteering:request') && (
        <>
          <P>
            <a class="utrecht-link" href="/hulp/vragen">
              {texts('public.ask')}
            </a>
          </P>
          {props.mine.length > 0 && (
            <Table
              id="mijn-hulpvragen"
              caption={texts('public.myRequests')}
              head={[
                texts('public.what'),
                texts('public.village'),
                texts('public.when'),
                texts('coord.status'),
              ]}
              rows={props.mine.map((r) => ({
                key: r.id,
                cells: [
                  kindLabel(texts, r.kind),
                  r.village,
                  windowsText(texts, r.when),
                  texts(`request.${r.status}` as VolunteeringKey),
                ],
              }))}
            />
          )}
        </>
      )}
    </Layout>
  );
}

const dayOptions = (texts: Texts) =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: texts(`day.${d}` as VolunteeringKey) }));

function AskPage(props: { ctx: RequestContext; form?: Form; errors?: FieldError[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const f = props.form ?? {};
  const e = props.errors;
  return (
    <Layout ctx={ctx} title={texts('ask.title')}>
      <Heading1>{texts('ask.title')}</Heading1>
      <P lead>{texts('ask.lead')}</P>
      {e && <ErrorSummary ctx={ctx} errors={e} />}
      <form method="post" action="/hulp/vragen" class="wk-form" noValidate>
        <CsrfField ctx={ctx} />
        <Select
          id="kind"
          name="kind"
          label={texts('ask.kind')}
          value={f.kind}
          errors={e}
          options={[
            { value: '', label: texts('ask.choose') },
            ...helpKinds.map((k) => ({ value: k, label: kindLabel(texts, k) })),
          ]}
        />
        <TextArea
          id="description"
          name="description"
          label={texts('ask.description')}
          value={f.description}
          errors={e}
        />
        <TextInput
          id="display_name"
          name="display_name"
          label={texts('ask.displayName')}
          hint={texts('ask.displayNameHint')}
          value={f.display_name}
          errors={e}
        />
        <TextInput
          id="place"
          name="place"
          label={texts('ask.place')}
          hint={texts('ask.placeHint')}
          value={f.place}
          errors={e}
        />
        <TextInput
          id="address"
          name="address"
          label={texts('ask.address')}
          hint={texts('ask.addressHint')}
          value={f.address}
          errors={e}
        />
        <TextInput id="contact" name="contact" label={texts('ask.contact')} value={f.contact} errors={e} />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
            {texts('ask.when')}
          </legend>
          <Select
            id="when_day"
            name="when_day"
            label={texts('ask.day')}
            value={f.when_day}
            options={dayOptions(texts)}
            errors={e}
          />
          <TextInput
            id="when_from"
            name="when_from"
            label={texts('ask.from')}
            hint={texts('ask.timeHint')}
            value={f.when_from}
            errors={e}
          />
          <TextInput
            id="when_to"
            name="when_to"
            label={texts('ask.to')}
            hint={texts('ask.timeHint')}
            value={f.when_to}
            errors={e}
          />
        </fieldset>
        <TextInput
          id="starts_on"
          name="starts_on"
          label={texts('ask.startsOn')}
          hint={texts('ask.dateHint')}
          value={f.starts_on}
          errors={e}
        />
        <TextInput
          id="ends_on"
          name="ends_on"
          label={texts('ask.endsOn')}
          hint={texts('ask.dateHint')}
          value={f.ends_on}
          errors={e}
        />
        <Select
          id="frequency"
          name="frequency"
          label={texts('ask.frequency')}
          value={f.frequency}
          options={frequencies.map((x) => ({ value: x, label: texts(`frequency.${x}` as VolunteeringKey) }))}
        />
        <TextInput
          id="duration_minutes"
          name="duration_minutes"
          label={texts('ask.duration')}
          value={f.duration_minutes ?? '60'}
          errors={e}
        />
        <Select
          id="urgency"
          name="urgency"
          label={texts('ask.urgency')}
          value={f.urgency}
          options={urgencies.map((x) => ({ value: x, label: texts(`urgency.${x}` as VolunteeringKey) }))}
        />
        <SubmitButton>{texts('ask.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** Where a problem with a help request field is shown on the form. */
const askField = (field: string) => (field.startsWith('when') ? 'when_from' : field);

// ---- the volunteer ----

function Credentials(props: { texts: Texts; volunteer: VolunteerView }) {
  const { texts } = props;
  if (!props.volunteer.credentials.length) return <P>{texts('mine.noCredentials')}</P>;
  return (
    <ul class="utrecht-unordered-list">
      {props.volunteer.credentials.map((c) => (
        <li class="utrecht-unordered-list__item" key={c.id}>
          {c.kind === 'vog' ? texts('mine.vog') : c.training}:{' '}
          {c.valid_until === null
            ? texts('mine.validForever')
            : c.valid
              ? texts('mine.valid', { date: c.valid_until })
              : texts('mine.expired', { date: c.valid_until })}
        </li>
      ))}
    </ul>
  );
}

function OwnMatch(props: { ctx: RequestContext; match: OwnMatchView; errors?: FieldError[]; form?: Form }) {
  const { ctx, match: m } = props;
  const texts = textsOf(ctx);
  const open = m.status === 'confirmed' || m.status === 'active';
  const id = (name: string) => `${name}-${m.id}`;
  return (
    <section class="wk-section" aria-labelledby={id('titel')}>
      <h3 class="utrecht-heading-3" id={id('titel')}>
        {`${m.kind_text}: ${m.display_name}, ${m.village}`}
      </h3>
      <DataList
        items={[
          [texts('mine.status'), statusLabel(texts, m.status)],
          [texts('coord.when'), m.when.join(', ')],
          [texts('coord.description'), m.description],
          [texts('mine.address'), m.address ?? texts('mine.addressHidden')],
          ...(m.contact ? ([[texts('mine.contactInfo'), m.contact]] as [string, string][]) : []),
          ...(m.meeting_place ? ([[texts('mine.meetingPlace'), m.meeting_place]] as [string, string][]) : []),
          ...(m.ends_on ? ([[texts('mine.endsOn'), m.ends_on]] as [string, string][]) : []),
        ]}
      />
      {(m.status === 'proposed' || m.status === 'introduced') && (
        <form method="post" action={`/mijn-vrijwilligerswerk/koppelingen/${m.id}/nee`} class="wk-inline-form">
          <CsrfField ctx={ctx} />
          <SubmitButton variant="secondary">{texts('mine.decline')}</SubmitButton>
        </form>
      )}
      {m.contacts.length > 0 && (
        <Table
          id={id('contacten')}
          caption={`${texts('mine.contacts')}: ${m.display_name}`}
          head={[texts('mine.happenedOn'), texts('mine.what'), texts('mine.worrying')]}
          rows={m.contacts.map((c) => ({
            key: c.id,
            cells: [
              c.happened_on,
              c.what,
              !c.worrying ? (
                '—'
              ) : c.flagged ? (
                texts('mine.flagged')
              ) : (
                <form
                  method="post"
                  action={`/mijn-vrijwilligerswerk/contacten/${c.id}/doorgeven`}
                  class="wk-inline-form"
                >
                  <CsrfField ctx={ctx} />
                  <SubmitButton variant="secondary">{texts('mine.flag')}</SubmitButton>
                </form>
              ),
            ],
          }))}
        />
      )}
      {m.evaluation_due_on && (open || m.status === 'completed') && (
        <>
          <P>{texts('evaluation.due', { date: m.evaluation_due_on })}</P>
          <EvaluationForm
            ctx={ctx}
            action={`/mijn-vrijwilligerswerk/koppelingen/${m.id}/evaluatie`}
            withSide={false}
            idSuffix={`-${m.id}`}
            errors={props.errors}
          />
        </>
      )}
      {open && (
        <form
          method="post"
          action={`/mijn-vrijwilligerswerk/koppelingen/${m.id}/contact`}
          class="wk-form"
          noValidate
        >
          <CsrfField ctx={ctx} />
          <h4 class="utrecht-heading-4">{texts('mine.log')}</h4>
          <TextInput
            id={id('happened_on')}
            name="happened_on"
            label={texts('mine.happenedOn')}
            hint={texts('ask.dateHint')}
            value={props.form?.happened_on ?? todayOf(new Date())}
            errors={props.errors}
          />
          <TextArea
            id={id('what')}
            name="what"
            label={texts('mine.what')}
            value={props.form?.what}
            errors={props.errors}
          />
          <Checkbox
            id={id('worrying')}
            name="worrying"
            label={texts('mine.worrying')}
            checked={props.form?.worrying === 'ja'}
          />
          <SubmitButton>{texts('mine.logSubmit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function MinePage(props: {
  ctx: RequestContext;
  own?: { volunteer: VolunteerView; matches: OwnMatchView[] };
  offers: OfferView[];
  notice?: string;
  problem?: { matchId: string; errors: FieldError[]; form: Form };
  offerProblem?: { errors: FieldError[]; form: Form };
}) {
  const { ctx, own } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('mine.title')}>
      <Heading1>{texts('mine.title')}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {props.problem && <ErrorSummary ctx={ctx} errors={props.problem.errors} />}
      {props.offerProblem && <ErrorSummary ctx={ctx} errors={props.offerProblem.errors} />}
      {!own ? (
        <Alert type="info">{texts('mine.notLinked')}</Alert>
      ) : (
        <>
          <P>{texts('mine.noCaseFiles')}</P>
          <Heading2 id="mijn-koppelingen">{texts('mine.matches')}</Heading2>
          {own.matches.length ? (
            own.matches.map((m) => (
              <OwnMatch
                ctx={ctx}
                match={m}
                key={m.id}
                errors={props.problem?.matchId === m.id ? props.problem.errors : undefined}
                form={props.problem?.matchId === m.id ? props.problem.form : undefined}
              />
            ))
          ) : (
            <P>{texts('mine.noMatches')}</P>
          )}
          <Heading2 id="mijn-gegevens">{texts('mine.profile')}</Heading2>
          <DataList
            items={[
              [texts('mine.kinds'), own.volunteer.kinds.map((k) => kindLabel(texts, k)).join(', ')],
              [texts('mine.village'), own.volunteer.village],
            ]}
          />
          <h3 class="utrecht-heading-3">{texts('mine.credentials')}</h3>
          <Credentials texts={texts} volunteer={own.volunteer} />
          <OfferSection
            ctx={ctx}
            offers={props.offers}
            form={props.offerProblem?.form}
            errors={props.offerProblem?.errors}
          />
        </>
      )}
    </Layout>
  );
}

// ---- the coordinator ----

function CoordinatorHome(props: {
  ctx: RequestContext;
  open: RequestView[];
  inProgress: MatchView[];
  overdue: MatchView[];
  worries: WorryView[];
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const matchRows = (list: MatchView[], extra: (m: MatchView) => ComponentChildren) =>
    list.map((m) => ({
      key: m.id,
      cells: [
        <a class="utrecht-link" href={`/vrijwilligerswerk/koppelingen/${m.id}`}>
          {`${m.display_name} – ${m.volunteer_name}`}
        </a>,
        kindLabel(texts, m.kind),
        m.village,
        extra(m),
      ],
    }));
  return (
    <Layout ctx={ctx} title={texts('coord.title')}>
      <Heading1>{texts('coord.title')}</Heading1>
      <CoordinatorNav ctx={ctx} current="/vrijwilligerswerk" />
      <Heading2 id="te-laat">{texts('coord.overdue')}</Heading2>
      {props.overdue.length ? (
        <Table
          id="evaluaties-te-laat"
          caption={texts('coord.overdue')}
          head={[texts('coord.match'), texts('coord.kind'), texts('coord.village'), texts('coord.due')]}
          rows={matchRows(props.overdue, (m) => m.evaluation_due_on)}
        />
      ) : (
        <P>{texts('coord.noOverdue')}</P>
      )}
      <Heading2 id="open">{texts('coord.open')}</Heading2>
      {props.open.length ? (
        <Table
          id="open-hulpvragen"
          caption={texts('coord.open')}
          head={[
            texts('coord.request'),
            texts('coord.kind'),
            texts('coord.village'),
            texts('coord.urgency'),
            texts('coord.startsOn'),
          ]}
          rows={props.open.map((r) => ({
            key: r.id,
            cells: [
              <a class="utrecht-link" href={`/vrijwilligerswerk/vragen/${r.id}`}>
                {r.display_name}
              </a>,
              kindLabel(texts, r.kind),
              r.village,
              texts(`urgency.${r.urgency}` as VolunteeringKey),
              r.starts_on,
            ],
          }))}
        />
      ) : (
        <P>{texts('coord.noOpen')}</P>
      )}
      <Heading2 id="in-behandeling">{texts('coord.proposals')}</Heading2>
      {props.inProgress.length ? (
        <Table
          id="koppelingen"
          caption={texts('coord.proposals')}
          head={[texts('coord.match'), texts('coord.kind'), texts('coord.village'), texts('coord.status')]}
          rows={matchRows(props.inProgress, (m) => statusLabel(texts, m.status))}
        />
      ) : (
        <P>{texts('coord.noProposals')}</P>
      )}
      <Heading2 id="zorgen">{texts('coord.worries')}</Heading2>
      {props.worries.length ? (
        <Table
          id="zorgen-tabel"
          caption={texts('coord.worries')}
          head={[
            texts('mine.happenedOn'),
            texts('coord.request'),
            texts('coord.volunteer'),
            texts('mine.what'),
          ]}
          rows={props.worries.map((w) => ({
            key: w.id,
            cells: [w.happened_on, `${w.display_name}, ${w.village}`, w.volunteer_name, w.what],
          }))}
        />
      ) : (
        <P>{texts('coord.noWorries')}</P>
      )}
    </Layout>
  );
}

function Proposal(props: { texts: Texts; match: MatchView }) {
  const { texts, match: m } = props;
  return (
    <article class="wk-card" aria-labelledby={`voorstel-${m.id}`}>
      <h3 class="utrecht-heading-3" id={`voorstel-${m.id}`}>
        <a class="utrecht-link" href={`/vrijwilligerswerk/koppelingen/${m.id}`}>
          {`${m.display_name} (${kindLabel(texts, m.kind)}, ${m.village}) – ${m.volunteer_name}`}
        </a>
      </h3>
      <P>{`${texts('coord.score')}: ${m.score}`}</P>
      <Reasons texts={texts} reasons={m.reasons} />
    </article>
  );
}

function RunPage(props: {
  ctx: RequestContext;
  weights: Weights;
  form?: Form;
  errors?: FieldError[];
  run?: RunView;
}) {
  const { ctx, run } = props;
  const texts = textsOf(ctx);
  const f = props.form ?? {};
  const today = todayOf(new Date());
  return (
    <Layout ctx={ctx} title={texts('coord.runTitle')}>
      <Heading1>{texts('coord.runTitle')}</Heading1>
      <CoordinatorNav ctx={ctx} current="/vrijwilligerswerk/koppelen" />
      <P>{texts('coord.runLead')}</P>
      {props.errors && <ErrorSummary ctx={ctx} errors={props.errors} />}
      <form method="post" action="/vrijwilligerswerk/koppelen" class="wk-form" noValidate>
        <CsrfField ctx={ctx} />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset" id="weights">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
            {texts('coord.weights')}
          </legend>
          {components.map((c) => (
            <TextInput
              key={c}
              id={`weights.${c}`}
              name={`weights.${c}`}
              type="number"
              label={texts(`coord.weight.${c}` as VolunteeringKey)}
              value={f[`weights.${c}`] ?? String(props.weights[c])}
              errors={props.errors}
            />
          ))}
        </fieldset>
        <TextInput
          id="from"
          name="from"
          label={texts('coord.from')}
          hint={texts('ask.dateHint')}
          value={f.from ?? today}
          errors={props.errors}
        />
        <TextInput
          id="to"
          name="to"
          label={texts('coord.to')}
          hint={texts('ask.dateHint')}
          value={f.to ?? ''}
          errors={props.errors}
        />
        <SubmitButton>{texts('coord.runSubmit')}</SubmitButton>
      </form>
      {run && (
        <section aria-labelledby="resultaat">
          <Heading2 id="resultaat">
            {texts('coord.runResult', {
              proposals: run.proposals.length,
              requests: run.requests,
              volunteers: run.volunteers,
              total: run.total_score,
            })}
          </Heading2>
          <div class="wk-cards">
            {run.proposals.map((m) => (
              <Proposal texts={texts} match={m} key={m.id} />
            ))}
          </div>
          {run.unmatched.length > 0 && (
            <Table
              id="niet-gekoppeld"
              caption={texts('coord.unmatched')}
              head={[
                texts('coord.request'),
                texts('coord.kind'),
                texts('coord.village'),
                texts('coord.reason'),
              ]}
              rows={run.unmatched.map((u) => ({
                key: u.request_id,
                cells: [
                  <a class="utrecht-link" href={`/vrijwilligerswerk/vragen/${u.request_id}`}>
                    {u.display_name}
                  </a>,
                  kindLabel(texts, u.kind),
                  u.village,
                  u.reason,
                ],
              }))}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

function RequestPage(props: {
  ctx: RequestContext;
  request: RequestView;
  candidates: CandidateView[];
  problem?: string;
}) {
  const { ctx, request: r } = props;
  const texts = textsOf(ctx);
  const eligible = props.candidates.filter((c) => c.eligible);
  const excluded = props.candidates.filter((c) => !c.eligible);
  const title = `${kindLabel(texts, r.kind)}: ${r.display_name}, ${r.village}`;
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <CoordinatorNav ctx={ctx} current="" />
      {props.problem && <Alert type="error">{props.problem}</Alert>}
      <Heading2 id="gegevens">{texts('coord.details')}</Heading2>
      <DataList
        items={[
          [texts('coord.description'), r.description],
          [
            texts('coord.when'),
            `${windowsText(texts, r.when)} (${texts('public.from', { date: r.starts_on })})`,
          ],
          [texts('coord.address'), r.address ?? '—'],
          [texts('coord.urgency'), texts(`urgency.${r.urgency}` as VolunteeringKey)],
          [texts('coord.status'), texts(`request.${r.status}` as VolunteeringKey)],
          ...(r.on_behalf ? ([[texts('coord.onBehalf'), '✓']] as [string, string][]) : []),
        ]}
      />
      <Heading2 id="kandidaten">{texts('coord.candidates')}</Heading2>
      {kindRules[r.kind].pairing && <Alert type="info">{texts('coord.buddyNote')}</Alert>}
      {eligible.length ? (
        <div class="wk-cards">
          {eligible.map((c) => (
            <article class="wk-card" key={c.volunteer_id} aria-labelledby={`kandidaat-${c.volunteer_id}`}>
              <h3 class="utrecht-heading-3" id={`kandidaat-${c.volunteer_id}`}>
                {`${c.name}, ${c.village}`}
              </h3>
              <P>{`${texts('coord.score')}: ${c.score}`}</P>
              <Reasons texts={texts} reasons={c.reasons} />
              {r.status === 'open' && (
                <form
                  method="post"
                  action={`/vrijwilligerswerk/vragen/${r.id}/voorstellen`}
                  class="wk-inline-form"
                >
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="volunteer_id" value={c.volunteer_id} />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action">
                    {texts('coord.propose', { name: c.name })}
                  </button>
                </form>
              )}
            </article>
          ))}
        </div>
      ) : (
        <P>{texts('coord.noCandidates')}</P>
      )}
      {excluded.length > 0 && (
        <Table
          id="vallen-af"
          caption={texts('coord.excluded')}
          head={[texts('coord.volunteer'), texts('coord.village'), texts('coord.reason')]}
          rows={excluded.map((c) => ({
            key: c.volunteer_id,
            cells: [c.name, c.village, c.exclusions.map((e) => e.text).join('; ')],
          }))}
        />
      )}
    </Layout>
  );
}

function MatchPage(props: {
  ctx: RequestContext;
  match: MatchView;
  errors?: FieldError[];
  form?: Form;
  notice?: string;
  problem?: string;
}) {
  const { ctx, match: m } = props;
  const texts = textsOf(ctx);
  const next = nextStatuses[m.status];
  const pairing = !!kindRules[m.kind].pairing;
  const title = `${texts('coord.match')}: ${m.display_name} – ${m.volunteer_name}`;
  const f = props.form ?? {};
  const step = (status: MatchStatus, label: string, fields?: ComponentChildren) => (
    <form
      method="post"
      action={`/vrijwilligerswerk/koppelingen/${m.id}/status`}
      class="wk-form"
      key={status}
      noValidate
    >
      <CsrfField ctx={ctx} />
      <input type="hidden" name="status" value={status} />
      {fields}
      <SubmitButton variant={status === 'declined' || status === 'ended-early' ? 'secondary' : 'primary'}>
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <CoordinatorNav ctx={ctx} current="" />
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {props.problem && <Alert type="error">{props.problem}</Alert>}
      {props.errors && <ErrorSummary ctx={ctx} errors={props.errors} />}
      <DataList
        items={[
          [texts('coord.status'), statusLabel(texts, m.status)],
          [texts('coord.kind'), kindLabel(texts, m.kind)],
          [texts('coord.village'), m.village],
          [texts('coord.score'), String(m.score)],
          ...(m.meeting_place ? ([[texts('mine.meetingPlace'), m.meeting_place]] as [string, string][]) : []),
          ...(m.trial_until ? ([[texts('coord.trialUntil'), m.trial_until]] as [string, string][]) : []),
          ...(m.ends_on ? ([[texts('coord.endsOn'), m.ends_on]] as [string, string][]) : []),
          ...(m.evaluation_due_on
            ? ([[texts('coord.evaluationDue'), m.evaluation_due_on]] as [string, string][])
            : []),
          ...(m.end_reason ? ([[texts('coord.reason'), m.end_reason]] as [string, string][]) : []),
        ]}
      />
      <Heading2 id="waarom">{texts('coord.why')}</Heading2>
      <Reasons texts={texts} reasons={m.reasons} />
      <P>
        <a class="utrecht-link" href={`/vrijwilligerswerk/vragen/${m.request_id}`}>
          {texts('coord.request')}
        </a>
      </P>
      {(m.status === 'confirmed' || m.status === 'active' || m.status === 'completed') && (
        <EvaluationForm
          ctx={ctx}
          action={`/vrijwilligerswerk/koppelingen/${m.id}/evaluatie`}
          withSide
          idSuffix=""
          errors={props.errors}
        />
      )}
      {next.length > 0 && <Heading2 id="volgende-stap">{texts('coord.actions')}</Heading2>}
      {next.includes('introduced') &&
        (pairing || m.status === 'proposed') &&
        step(
          'introduced',
          texts('coord.introduce'),
          <TextInput
            id="meeting_place"
            name="meeting_place"
            label={texts('coord.meetingPlace')}
            value={f.meeting_place}
            errors={props.errors}
          />,
        )}
      {next.includes('confirmed') && step('confirmed', texts('coord.confirm'))}
      {next.includes('active') && step('active', texts('coord.activate'))}
      {next.includes('completed') && step('completed', texts('coord.complete'))}
      {pairing && m.ends_on && (m.status === 'confirmed' || m.status === 'active') && (
        <form method="post" action={`/vrijwilligerswerk/koppelingen/${m.id}/verlengen`} class="wk-form">
          <CsrfField ctx={ctx} />
          <SubmitButton variant="secondary">{texts('coord.renew')}</SubmitButton>
        </form>
      )}
      {next.includes('ended-early') &&
        step(
          'ended-early',
          texts('coord.endEarly'),
          <TextArea
            id="reason"
            name="reason"
            label={texts('coord.endReason')}
            value={f.reason}
            errors={props.errors}
          />,
        )}
      {next.includes('declined') &&
        step(
          'declined',
          texts('coord.decline'),
          <Select
            id="declined_by"
            name="declined_by"
            label={texts('coord.declinedBy')}
            value={f.declined_by}
            errors={props.errors}
            options={(['requester', 'volunteer', 'coordinator'] as const).map((b) => ({
              value: b,
              label: texts(`coord.by.${b}` as VolunteeringKey),
            }))}
          />,
        )}
    </Layout>
  );
}

function VolunteersPage(props: { ctx: RequestContext; volunteers: VolunteerView[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('coord.volunteerList')}>
      <Heading1>{texts('coord.volunteerList')}</Heading1>
      <CoordinatorNav ctx={ctx} current="/vrijwilligerswerk/vrijwilligers" />
      <P>
        <a class="utrecht-link" href="/vrijwilligerswerk/vrijwilligers/nieuw">
          {texts('intake.link')}
        </a>
      </P>
      <Table
        id="vrijwilligers"
        caption={texts('coord.volunteerList')}
        head={[
          texts('coord.name'),
          texts('coord.village'),
          texts('coord.categories'),
          texts('coord.kind'),
          texts('coord.capacity'),
          texts('coord.vog'),
        ]}
        rows={props.volunteers.map((v) => {
          const vog = v.credentials.find((c) => c.kind === 'vog');
          return {
            key: v.id,
            cells: [
              <a class="utrecht-link" href={`/vrijwilligerswerk/vrijwilligers/${v.id}`}>
                {v.name}
              </a>,
              v.village,
              v.categories.map((c) => texts(`category.${c}` as VolunteeringKey)).join(', '),
              v.kinds.map((k) => kindLabel(texts, k)).join(', '),
              `${v.load} / ${v.capacity_at_once}`,
              !vog
                ? texts('coord.vogNone')
                : vog.valid
                  ? texts('mine.valid', { date: vog.valid_until! })
                  : texts('mine.expired', { date: vog.valid_until! }),
            ],
          };
        })}
      />
    </Layout>
  );
}

function FiguresPage(props: { ctx: RequestContext; figures: Figures }) {
  const { ctx, figures: f } = props;
  const texts = textsOf(ctx);
  const bars = (id: string, title: string, data: Count[]) => (
    <BarChart
      id={id}
      title={title}
      head={[title, texts('figures.count')]}
      data={data.map((c) => ({
        label: c.label,
        value: c.value ?? 0,
        display: c.value === null ? c.shown : undefined,
      }))}
    />
  );
  const query = `from=${f.from}&to=${f.to}`;
  return (
    <Layout ctx={ctx} title={texts('figures.title')}>
      <Heading1>{texts('figures.title')}</Heading1>
      {can(ctx.roles, 'volunteering:coordinate') && (
        <CoordinatorNav ctx={ctx} current="/vrijwilligerswerk/cijfers" />
      )}
      <form method="get" action="/vrijwilligerswerk/cijfers" class="wk-form">
        <Field
          ctx={ctx}
          name="from"
          label={texts('figures.from')}
          value={f.from}
          description={texts('ask.dateHint')}
        />
        <Field
          ctx={ctx}
          name="to"
          label={texts('figures.to')}
          value={f.to}
          description={texts('ask.dateHint')}
        />
        <SubmitButton variant="secondary">{texts('figures.show')}</SubmitButton>
      </form>
      <P>{texts('figures.small')}</P>
      <DataList
        items={[
          [texts('figures.requests'), f.requests],
          [texts('figures.offers'), f.offers],
          [texts('figures.matches'), f.matches],
          [texts('figures.waiting'), f.waiting_requests],
          [
            texts('figures.medianDays'),
            f.median_days_to_match === null ? texts('figures.unknown') : String(f.median_days_to_match),
          ],
          [
            texts('figures.shareMatched'),
            f.share_matched_percent === null ? texts('figures.unknown') : `${f.share_matched_percent}%`,
          ],
        ]}
      />
      {bars('per-soort', texts('figures.byKind'), f.requests_by_kind)}
      {bars('per-categorie', texts('figures.byCategory'), f.active_volunteers_by_category)}
      {bars('per-kern', texts('figures.byArea'), f.active_volunteers_by_area)}
      <P>
        <a class="utrecht-link" href={`/api/v1/volunteering/figures.csv?${query}`} download>
          {texts('figures.csv')}
        </a>
      </P>
    </Layout>
  );
}

function EvaluationForm(props: {
  ctx: RequestContext;
  action: string;
  withSide: boolean;
  idSuffix: string;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const id = (name: string) => `${name}${props.idSuffix}`;
  return (
    <form method="post" action={props.action} class="wk-form" noValidate>
      <CsrfField ctx={ctx} />
      <h4 class="utrecht-heading-4">{texts('evaluation.title')}</h4>
      {props.withSide && (
        <Select
          id={id('side')}
          name="side"
          label={texts('evaluation.side')}
          options={(['requester', 'volunteer'] as const).map((b) => ({
            value: b,
            label: texts(`coord.by.${b}` as VolunteeringKey),
          }))}
          errors={props.errors}
        />
      )}
      <Select
        id={id('rating')}
        name="rating"
        label={texts('evaluation.rating')}
        value="4"
        options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
        errors={props.errors}
      />
      <Checkbox id={id('go_on')} name="go_on" label={texts('evaluation.goOn')} checked />
      <TextArea id={id('note')} name="note" label={texts('evaluation.note')} errors={props.errors} />
      <SubmitButton variant="secondary">{texts('evaluation.submit')}</SubmitButton>
    </form>
  );
}

const splitList = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function IntakePage(props: { ctx: RequestContext; form?: Form; errors?: FieldError[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const f = props.form ?? {};
  const e = props.errors;
  const checkGroup = (
    id: string,
    legend: string,
    prefix: string,
    options: { value: string; label: string }[],
  ) => (
    <Checkboxes
      id={id}
      legend={legend}
      error={errorOf(e, id)}
      options={options.map((o) => ({
        name: `${prefix}.${o.value}`,
        label: o.label,
        checked: f[`${prefix}.${o.value}`] === 'ja',
      }))}
    />
  );
  return (
    <Layout ctx={ctx} title={texts('intake.title')}>
      <Heading1>{texts('intake.title')}</Heading1>
      <CoordinatorNav ctx={ctx} current="/vrijwilligerswerk/vrijwilligers" />
      {e && <ErrorSummary ctx={ctx} errors={e} />}
      <form method="post" action="/vrijwilligerswerk/vrijwilligers/nieuw" class="wk-form" noValidate>
        <CsrfField ctx={ctx} />
        <TextInput id="name" name="name" label={texts('intake.name')} value={f.name} errors={e} />
        <TextInput id="email" name="email" label={texts('intake.email')} value={f.email} errors={e} />
        <TextInput id="phone" name="phone" label={texts('intake.phone')} value={f.phone} errors={e} />
        <TextInput
          id="birth_date"
          name="birth_date"
          label={texts('intake.birthDate')}
          hint={texts('ask.dateHint')}
          value={f.birth_date}
          errors={e}
        />
        <Select
          id="gender"
          name="gender"
          label={texts('intake.gender')}
          value={f.gender}
          options={[
            { value: '', label: texts('intake.genderNone') },
            ...genders.map((g) => ({ value: g, label: g })),
          ]}
        />
        <TextInput
          id="place"
          name="place"
          label={texts('intake.place')}
          hint={texts('ask.placeHint')}
          value={f.place}
          errors={e}
        />
        {checkGroup(
          'categories',
          texts('intake.categories'),
          'categories',
          volunteerCategories.map((c) => ({ value: c, label: texts(`category.${c}` as VolunteeringKey) })),
        )}
        {checkGroup(
          'kinds',
          texts('intake.kinds'),
          'kinds',
          helpKinds.map((k) => ({ value: k, label: kindLabel(texts, k) })),
        )}
        <TextInput id="fields" name="fields" label={texts('intake.fields')} value={f.fields} errors={e} />
        <TextInput id="skills" name="skills" label={texts('intake.skills')} value={f.skills} errors={e} />
        <TextInput
          id="interests"
          name="interests"
          label={texts('intake.interests')}
          value={f.interests}
          errors={e}
        />
        <TextInput
          id="languages"
          name="languages"
          label={texts('intake.languages')}
          value={f.languages ?? 'nl'}
          errors={e}
        />
        {[0, 1, 2].map((i) => (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset" key={i}>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
              {texts('intake.availability', { n: i + 1 })}
            </legend>
            <Select
              id={`availability.${i}.day`}
              name={`availability.${i}.day`}
              label={texts('ask.day')}
              value={f[`availability.${i}.day`]}
              options={[{ value: '', label: texts('ask.choose') }, ...dayOptions(texts)]}
            />
            <TextInput
              id={`availability.${i}`}
              name={`availability.${i}.from`}
              label={texts('ask.from')}
              value={f[`availability.${i}.from`]}
              errors={e}
            />
            <TextInput
              id={`availability.${i}.to`}
              name={`availability.${i}.to`}
              label={texts('ask.to')}
              value={f[`availability.${i}.to`]}
            />
          </fieldset>
        ))}
        <TextInput
          id="max_distance_km"
          name="max_distance_km"
          label={texts('intake.maxDistance')}
          value={f.max_distance_km ?? '5'}
          errors={e}
        />
        <TextInput
          id="capacity_at_once"
          name="capacity_at_once"
          label={texts('intake.atOnce')}
          value={f.capacity_at_once ?? '1'}
          errors={e}
        />
        <TextInput
          id="capacity_per_month"
          name="capacity_per_month"
          label={texts('intake.perMonth')}
          value={f.capacity_per_month ?? '2'}
        />
        <TextInput
          id="vog_issued_on"
          name="vog_issued_on"
          label={texts('intake.vog')}
          hint={texts('ask.dateHint')}
          value={f.vog_issued_on}
          errors={e}
        />
        <Select
          id="trainings.0.training"
          name="training"
          label={texts('intake.training')}
          value={f.training}
          options={[
            { value: '', label: texts('intake.trainingNone') },
            ...trainings.map((t) => ({ value: t, label: t })),
          ]}
          errors={e}
        />
        <TextInput
          id="trainings.0.issued_on"
          name="training_issued_on"
          label={texts('intake.trainingIssued')}
          value={f.training_issued_on}
          errors={e}
        />
        <TextInput
          id="trainings.0.valid_until"
          name="training_valid_until"
          label={texts('intake.trainingValid')}
          value={f.training_valid_until}
          errors={e}
        />
        <TextInput
          id="account_email"
          name="account_email"
          label={texts('intake.account')}
          hint={texts('intake.accountHint')}
          value={f.account_email}
          errors={e}
        />
        <SubmitButton>{texts('intake.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

function VolunteerPage(props: {
  ctx: RequestContext;
  volunteer: VolunteerView;
  notice?: string;
  errors?: FieldError[];
}) {
  const { ctx, volunteer: v } = props;
  const texts = textsOf(ctx);
  const e = props.errors;
  return (
    <Layout ctx={ctx} title={v.name}>
      <Heading1>{v.name}</Heading1>
      <CoordinatorNav ctx={ctx} current="" />
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {e && <ErrorSummary ctx={ctx} errors={e} />}
      <DataList
        items={[
          [texts('mine.village'), v.village],
          [
            texts('coord.categories'),
            v.categories.map((c) => texts(`category.${c}` as VolunteeringKey)).join(', '),
          ],
          [texts('mine.kinds'), v.kinds.map((k) => kindLabel(texts, k)).join(', ')],
          [texts('intake.interests'), v.interests.join(', ')],
          [texts('intake.languages'), v.languages.join(', ')],
          [texts('coord.when'), windowsText(texts, v.availability)],
          [texts('intake.maxDistance'), String(v.max_distance_km)],
          [texts('coord.capacity'), `${v.load} / ${v.capacity_at_once}`],
        ]}
      />
      <Heading2 id="vog">{texts('mine.credentials')}</Heading2>
      <Credentials texts={texts} volunteer={v} />
      <form
        method="post"
        action={`/vrijwilligerswerk/vrijwilligers/${v.id}/vog-of-training`}
        class="wk-form"
        noValidate
      >
        <CsrfField ctx={ctx} />
        <h3 class="utrecht-heading-3">{texts('volunteer.addCredential')}</h3>
        <Select
          id="kind"
          name="kind"
          label={texts('volunteer.credentialKind')}
          options={[
            { value: 'vog', label: texts('volunteer.kindVog') },
            ...trainings.map((t) => ({ value: t, label: `${texts('volunteer.kindTraining')}: ${t}` })),
          ]}
        />
        <TextInput
          id="issued_on"
          name="issued_on"
          label={texts('volunteer.issuedOn')}
          hint={texts('ask.dateHint')}
          errors={e}
        />
        <TextInput id="valid_until" name="valid_until" label={texts('intake.trainingValid')} errors={e} />
        <SubmitButton variant="secondary">{texts('volunteer.addCredential')}</SubmitButton>
      </form>
      <Heading2 id="waardering">{texts('volunteer.appreciation')}</Heading2>
      {v.appreciations.length ? (
        <ul class="utrecht-unordered-list">
          {v.appreciations.map((a, i) => (
            <li class="utrecht-unordered-list__item" key={i}>
              {`${a.given_on}: ${texts(`appreciation.${a.kind}` as VolunteeringKey)}${a.note ? ` – ${a.note}` : ''}`}
            </li>
          ))}
        </ul>
      ) : (
        <P>{texts('volunteer.noAppreciation')}</P>
      )}
      <form
        method="post"
        action={`/vrijwilligerswerk/vrijwilligers/${v.id}/waardering`}
        class="wk-form"
        noValidate
      >
        <CsrfField ctx={ctx} />
        <Select
          id="appreciation_kind"
          name="kind"
          label={texts('volunteer.appreciationKind')}
          options={(['thank-you', 'anniversary', 'volunteer-of-the-year'] as const).map((k) => ({
            value: k,
            label: texts(`appreciation.${k}` as VolunteeringKey),
          }))}
        />
        <TextArea id="appreciation_note" name="note" label={texts('volunteer.note')} />
        <SubmitButton variant="secondary">{texts('volunteer.saveAppreciation')}</SubmitButton>
      </form>
    </Layout>
  );
}

function OfferSection(props: {
  ctx: RequestContext;
  offers: OfferView[];
  form?: Form;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const f = props.form ?? {};
  const e = props.errors;
  return (
    <section aria-labelledby="mijn-aanbod">
      <Heading2 id="mijn-aanbod">{texts('offer.title')}</Heading2>
      {props.offers.length ? (
        <ul class="utrecht-unordered-list">
          {props.offers.map((o) => (
            <li class="utrecht-unordered-list__item" key={o.id}>
              {`${kindLabel(texts, o.kind)}, ${o.village}: ${o.description}`}
            </li>
          ))}
        </ul>
      ) : (
        <P>{texts('offer.none')}</P>
      )}
      <P>{texts('offer.lead')}</P>
      <form method="post" action="/mijn-vrijwilligerswerk/aanbod" class="wk-form" noValidate>
        <CsrfField ctx={ctx} />
        <Select
          id="offer_kind"
          name="kind"
          label={texts('coord.kind')}
          value={f.kind}
          errors={e}
          options={[
            { value: '', label: texts('ask.choose') },
            ...helpKinds.map((k) => ({ value: k, label: kindLabel(texts, k) })),
          ]}
        />
        <TextArea
          id="offer_description"
          name="description"
          label={texts('ask.description')}
          value={f.description}
          errors={e}
        />
        <TextInput
          id="offer_place"
          name="place"
          label={texts('ask.place')}
          hint={texts('ask.placeHint')}
          value={f.place}
          errors={e}
        />
        <SubmitButton variant="secondary">{texts('offer.submit')}</SubmitButton>
      </form>
    </section>
  );
}

// ---- routes ----

/** Expected problems of a form come back on the page; the rest goes to the error handler. */
function formProblem(err: unknown, codes: string[]): AppError | undefined {
  const e = toAppError(err);
  return codes.includes(e.code) ? e : undefined;
}

export function registerVolunteeringPages(app: FastifyInstance, db: Database, config: Config): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const contextOf = contextFactory(config);
  const inTenant = <T,>(req: FastifyRequest, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(requireTenant(req).id, fn);
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();
  const melding = (req: FastifyRequest) => (req.query as Static<typeof NoticeQuery>).melding;

  // ---- public and residents ----

  app.get(
    '/hulp',
    { config: { access: 'public' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => {
      const texts = textsOf(req.ctx);
      const tenant = req.ctx.tenant;
      const { requests, mine } = tenant
        ? await db.tenant(tenant.id, async (tx) => ({
            requests: await publicRequests(tx, texts),
            mine:
              can(req.ctx.roles, 'volunteering:request') && req.ctx.session
                ? await myHelpRequests(tx, contextOf(req))
                : [],
          }))
        : { requests: [], mine: [] };
      return html(
        reply,
        <PublicPage ctx={req.ctx} requests={requests} mine={mine} notice={noticeOf(texts, melding(req))} />,
      );
    },
  );

  app.get('/hulp/vragen', { config: { access: 'volunteering:request' }, schema: page }, async (_req, reply) =>
    html(reply, <AskPage ctx={_req.ctx} />),
  );

  app.post(
    '/hulp/vragen',
    { config: { access: 'volunteering:request' }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) =>
          createHelpRequest(tx, ctx, {
            kind: form.kind || undefined,
            description: form.description,
            display_name: form.display_name,
            place: form.place,
            address: form.address || null,
            contact: form.contact || null,
            starts_on: form.starts_on || undefined,
            ends_on: form.ends_on || null,
            when: [{ day: Number(form.when_day), from: form.when_from ?? '', to: form.when_to ?? '' }],
            frequency: (frequencies as readonly string[]).includes(form.frequency ?? '')
              ? (form.frequency as 'once')
              : 'once',
            duration_minutes: Number(form.duration_minutes || 60),
            urgency: (urgencies as readonly string[]).includes(form.urgency ?? '')
              ? (form.urgency as 'normal')
              : 'normal',
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        const errors = (e.fields ?? []).map((x) => ({ field: askField(x.field), message: x.message }));
        return html(reply, <AskPage ctx={req.ctx} form={form} errors={errors} />, 400);
      }
      return reply.redirect('/hulp?melding=verstuurd', 303);
    },
  );

  // ---- the volunteer ----

  const showMine = async (
    req: FastifyRequest,
    reply: FastifyReply,
    problem?: { matchId: string; errors: FieldError[]; form: Form },
    offerProblem?: { errors: FieldError[]; form: Form },
  ) => {
    const ctx = contextOf(req);
    let own: Awaited<ReturnType<typeof myMatches>> | undefined;
    let offers: OfferView[] = [];
    try {
      [own, offers] = await inTenant(
        req,
        async (tx) => [await myMatches(tx, ctx), await listHelpOffers(tx, ctx, true)] as const,
      );
    } catch (err) {
      // An account without a volunteer record gets the explanation, not an error page.
      if (!formProblem(err, ['not_found'])) throw err;
    }
    return html(
      reply,
      <MinePage
        ctx={req.ctx}
        own={own}
        offers={offers}
        notice={noticeOf(ctx.texts, melding(req))}
        problem={problem}
        offerProblem={offerProblem}
      />,
      problem || offerProblem ? 400 : 200,
    );
  };

  app.get(
    '/mijn-vrijwilligerswerk',
    { config: { access: 'volunteering:volunteer' }, schema: { ...page, querystring: NoticeQuery } },
    (req, reply) => showMine(req, reply),
  );

  app.post(
    '/mijn-vrijwilligerswerk/koppelingen/:id/contact',
    { config: { access: 'volunteering:volunteer' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) =>
          logContact(tx, ctx, idOf(req), {
            happened_on: form.happened_on || undefined,
            what: form.what,
            worrying: form.worrying === 'ja',
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        const errors = (e.fields ?? []).map((x) => ({
          field: `${x.field}-${idOf(req)}`,
          message: x.message,
        }));
        return showMine(req, reply, { matchId: idOf(req), errors, form });
      }
      return reply.redirect('/mijn-vrijwilligerswerk?melding=opgeslagen', 303);
    },
  );

  app.post(
    '/mijn-vrijwilligerswerk/contacten/:id/doorgeven',
    { config: { access: 'volunteering:volunteer' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      await inTenant(req, (tx) => flagWorry(tx, ctx, idOf(req)));
      return reply.redirect('/mijn-vrijwilligerswerk?melding=doorgegeven', 303);
    },
  );

  app.post(
    '/mijn-vrijwilligerswerk/koppelingen/:id/nee',
    { config: { access: 'volunteering:volunteer' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      await inTenant(req, (tx) => volunteerDeclines(tx, ctx, idOf(req)));
      return reply.redirect('/mijn-vrijwilligerswerk?melding=afgewezen', 303);
    },
  );

  app.post(
    '/mijn-vrijwilligerswerk/koppelingen/:id/evaluatie',
    { config: { access: 'volunteering:volunteer' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) =>
          recordEvaluation(
            tx,
            ctx,
            idOf(req),
            { rating: Number(form.rating), go_on: form.go_on === 'ja', note: form.note },
            true,
          ),
        );
      } catch (err) {
        const e = formProblem(err, ['validation', 'conflict']);
        if (!e) throw err;
        const errors = e.fields?.map((x) => ({ field: `${x.field}-${idOf(req)}`, message: x.message })) ?? [
          { field: `rating-${idOf(req)}`, message: e.detail ?? '' },
        ];
        return showMine(req, reply, { matchId: idOf(req), errors, form });
      }
      return reply.redirect('/mijn-vrijwilligerswerk?melding=opgeslagen', 303);
    },
  );

  app.post(
    '/mijn-vrijwilligerswerk/aanbod',
    { config: { access: 'volunteering:volunteer' }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) =>
          createHelpOffer(tx, ctx, {
            kind: form.kind || undefined,
            description: form.description,
            place: form.place,
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        return showMine(req, reply, undefined, {
          errors: (e.fields ?? []).map((x) => ({ field: `offer_${x.field}`, message: x.message })),
          form,
        });
      }
      return reply.redirect('/mijn-vrijwilligerswerk?melding=aanbod', 303);
    },
  );

  // ---- the coordinator ----

  app.get(
    '/vrijwilligerswerk',
    { config: { access: 'volunteering:coordinate' }, schema: page },
    async (req, reply) => {
      const ctx = contextOf(req);
      const data = await inTenant(req, async (tx) => ({
        open: await listHelpRequests(tx, ctx, 'open'),
        inProgress: [
          ...(await listMatches(tx, ctx, { status: 'proposed' })),
          ...(await listMatches(tx, ctx, { status: 'introduced' })),
        ],
        overdue: await overdueEvaluations(tx, ctx),
        worries: await worriesForSocialTeam(tx, ctx),
      }));
      return html(reply, <CoordinatorHome ctx={req.ctx} {...data} />);
    },
  );

  app.get(
    '/vrijwilligerswerk/koppelen',
    { config: { access: 'volunteering:coordinate' }, schema: page },
    async (req, reply) => {
      const weights = await inTenant(req, (tx) => lastWeights(tx));
      return html(reply, <RunPage ctx={req.ctx} weights={weights} />);
    },
  );

  app.post(
    '/vrijwilligerswerk/koppelen',
    { config: { access: 'volunteering:coordinate' }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      const weights: Partial<Weights> = {};
      for (const c of components) {
        const raw = form[`weights.${c}`];
        if (raw !== undefined && raw !== '') weights[c] = Number(raw.replace(',', '.'));
      }
      try {
        const run = await inTenant(req, (tx) =>
          runMatching(tx, ctx, { weights, from: form.from || undefined, to: form.to || undefined }),
        );
        return html(reply, <RunPage ctx={req.ctx} weights={run.weights} form={form} run={run} />);
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        const fallback = await inTenant(req, (tx) => lastWeights(tx));
        return html(reply, <RunPage ctx={req.ctx} weights={fallback} form={form} errors={e.fields} />, 400);
      }
    },
  );

  const showRequest = async (req: FastifyRequest, reply: FastifyReply, problem?: string) => {
    const ctx = contextOf(req);
    const data = await inTenant(req, async (tx) => ({
      request: await readHelpRequest(tx, ctx, idOf(req)),
      candidates: await candidates(tx, ctx, idOf(req), await lastWeights(tx)),
    }));
    return html(reply, <RequestPage ctx={req.ctx} {...data} problem={problem} />, problem ? 409 : 200);
  };

  app.get(
    '/vrijwilligerswerk/vragen/:id',
    { config: { access: 'volunteering:coordinate' }, schema: { ...page, params: IdParams } },
    (req, reply) => showRequest(req, reply),
  );

  app.post(
    '/vrijwilligerswerk/vragen/:id/voorstellen',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const volunteerId = (req.body as Form).volunteer_id ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(volunteerId))
        return showRequest(req, reply, ctx.texts('problem.volunteerNotFound'));
      try {
        const m = await inTenant(req, (tx) =>
          proposeMatch(tx, ctx, { request_id: idOf(req), volunteer_id: volunteerId }),
        );
        return reply.redirect(`/vrijwilligerswerk/koppelingen/${m.id}?melding=voorgesteld`, 303);
      } catch (err) {
        const e = formProblem(err, ['conflict']);
        if (!e) throw err;
        return showRequest(req, reply, e.detail);
      }
    },
  );

  const showMatch = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; form?: Form; problem?: string } = {},
  ) => {
    const ctx = contextOf(req);
    const match = await inTenant(req, (tx) => readMatch(tx, ctx, idOf(req)));
    return html(
      reply,
      <MatchPage ctx={req.ctx} match={match} notice={noticeOf(ctx.texts, melding(req))} {...extra} />,
      extra.errors ? 400 : extra.problem ? 409 : 200,
    );
  };

  app.get(
    '/vrijwilligerswerk/koppelingen/:id',
    {
      config: { access: 'volunteering:coordinate' },
      schema: { ...page, params: IdParams, querystring: NoticeQuery },
    },
    (req, reply) => showMatch(req, reply),
  );

  app.post(
    '/vrijwilligerswerk/koppelingen/:id/status',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      const status = form.status as MatchStatus;
      try {
        await inTenant(req, (tx) =>
          changeMatchStatus(tx, ctx, idOf(req), {
            status,
            meeting_place: form.meeting_place ?? null,
            reason: form.reason ?? null,
            declined_by:
              (['requester', 'volunteer', 'coordinator'] as const).find((b) => b === form.declined_by) ??
              null,
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation', 'conflict']);
        if (!e) throw err;
        return showMatch(
          req,
          reply,
          e.code === 'validation' ? { errors: e.fields, form } : { problem: e.detail },
        );
      }
      return reply.redirect(`/vrijwilligerswerk/koppelingen/${idOf(req)}?melding=status`, 303);
    },
  );

  app.post(
    '/vrijwilligerswerk/koppelingen/:id/verlengen',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) => renewMatch(tx, ctx, idOf(req)));
      } catch (err) {
        const e = formProblem(err, ['conflict']);
        if (!e) throw err;
        return showMatch(req, reply, { problem: e.detail });
      }
      return reply.redirect(`/vrijwilligerswerk/koppelingen/${idOf(req)}?melding=status`, 303);
    },
  );

  app.get(
    '/vrijwilligerswerk/vrijwilligers',
    { config: { access: 'volunteering:coordinate' }, schema: page },
    async (req, reply) => {
      const ctx = contextOf(req);
      const volunteers = await inTenant(req, (tx) => listVolunteers(tx, ctx));
      return html(reply, <VolunteersPage ctx={req.ctx} volunteers={volunteers} />);
    },
  );

  app.get(
    '/vrijwilligerswerk/vrijwilligers/nieuw',
    { config: { access: 'volunteering:coordinate' }, schema: page },
    async (req, reply) => html(reply, <IntakePage ctx={req.ctx} />),
  );

  app.post(
    '/vrijwilligerswerk/vrijwilligers/nieuw',
    { config: { access: 'volunteering:coordinate' }, schema: formSchema },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      const checked = (prefix: string, values: readonly string[]) =>
        values.filter((v) => form[`${prefix}.${v}`] === 'ja');
      const availability = [0, 1, 2]
        .filter(
          (i) =>
            form[`availability.${i}.day`] || form[`availability.${i}.from`] || form[`availability.${i}.to`],
        )
        .map((i) => ({
          day: Number(form[`availability.${i}.day`]),
          from: form[`availability.${i}.from`] ?? '',
          to: form[`availability.${i}.to`] ?? '',
        }));
      try {
        const v = await inTenant(req, (tx) =>
          registerVolunteer(tx, ctx, {
            name: form.name,
            email: form.email || null,
            phone: form.phone || null,
            birth_date: form.birth_date,
            gender: genders.find((g) => g === form.gender) ?? null,
            place: form.place,
            categories: checked('categories', volunteerCategories),
            kinds: checked('kinds', helpKinds),
            fields: splitList(form.fields),
            skills: splitList(form.skills),
            interests: splitList(form.interests),
            languages: splitList(form.languages),
            availability,
            max_distance_km: Number((form.max_distance_km ?? '').replace(',', '.')),
            capacity_at_once: Number(form.capacity_at_once),
            capacity_per_month: Number(form.capacity_per_month),
            vog_issued_on: form.vog_issued_on || null,
            trainings: form.training
              ? [
                  {
                    training: form.training,
                    issued_on: form.training_issued_on ?? '',
                    valid_until: form.training_valid_until || null,
                  },
                ]
              : [],
            account_email: form.account_email || null,
          }),
        );
        return reply.redirect(`/vrijwilligerswerk/vrijwilligers/${v.id}?melding=ingeschreven`, 303);
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        // Window problems point at the start time of that window.
        const errors = (e.fields ?? []).map((x) => ({
          field: x.field.replace(/^availability\.(\d+).*$/, 'availability.$1'),
          message: x.message,
        }));
        return html(reply, <IntakePage ctx={req.ctx} form={form} errors={errors} />, 400);
      }
    },
  );

  const showVolunteer = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) => {
    const ctx = contextOf(req);
    const volunteer = await inTenant(req, (tx) => readVolunteer(tx, ctx, idOf(req)));
    return html(
      reply,
      <VolunteerPage
        ctx={req.ctx}
        volunteer={volunteer}
        notice={noticeOf(ctx.texts, melding(req))}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  };

  app.get(
    '/vrijwilligerswerk/vrijwilligers/:id',
    {
      config: { access: 'volunteering:coordinate' },
      schema: { ...page, params: IdParams, querystring: NoticeQuery },
    },
    (req, reply) => showVolunteer(req, reply),
  );

  app.post(
    '/vrijwilligerswerk/vrijwilligers/:id/vog-of-training',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      const training = trainings.find((t) => t === form.kind);
      try {
        await inTenant(req, (tx) =>
          addCredential(tx, ctx, idOf(req), {
            kind: training ? 'training' : 'vog',
            training: training ?? null,
            issued_on: form.issued_on ?? '',
            valid_until: form.valid_until || null,
          }),
        );
      } catch (err) {
        const e = formProblem(err, ['validation']);
        if (!e) throw err;
        return showVolunteer(req, reply, e.fields);
      }
      return reply.redirect(`/vrijwilligerswerk/vrijwilligers/${idOf(req)}?melding=vastgelegd`, 303);
    },
  );

  app.post(
    '/vrijwilligerswerk/vrijwilligers/:id/waardering',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      const kind =
        (['thank-you', 'anniversary', 'volunteer-of-the-year'] as const).find((k) => k === form.kind) ??
        'thank-you';
      await inTenant(req, (tx) => addAppreciation(tx, ctx, idOf(req), { kind, note: form.note || null }));
      return reply.redirect(`/vrijwilligerswerk/vrijwilligers/${idOf(req)}?melding=vastgelegd`, 303);
    },
  );

  app.post(
    '/vrijwilligerswerk/koppelingen/:id/evaluatie',
    { config: { access: 'volunteering:coordinate' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const ctx = contextOf(req);
      try {
        await inTenant(req, (tx) =>
          recordEvaluation(
            tx,
            ctx,
            idOf(req),
            {
              side: form.side === 'volunteer' ? 'volunteer' : 'requester',
              rating: Number(form.rating),
              go_on: form.go_on === 'ja',
              note: form.note,
            },
            false,
          ),
        );
      } catch (err) {
        const e = formProblem(err, ['validation', 'conflict']);
        if (!e) throw err;
        return showMatch(
          req,
          reply,
          e.code === 'validation' ? { errors: e.fields, form } : { problem: e.detail },
        );
      }
      return reply.redirect(`/vrijwilligerswerk/koppelingen/${idOf(req)}?melding=status`, 303);
    },
  );

  const FiguresPageQuery = Type.Object({
    from: Type.Optional(Type.String({ maxLength: 10 })),
    to: Type.Optional(Type.String({ maxLength: 10 })),
  });
  app.get(
    '/vrijwilligerswerk/cijfers',
    { config: { access: 'volunteering:figures' }, schema: { ...page, querystring: FiguresPageQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const q = req.query as Static<typeof FiguresPageQuery>;
      const valid = (d: string | undefined) =>
        !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
      const to = valid(q.to) ? q.to! : todayOf(ctx.now);
      const from = valid(q.from) && q.from! <= to ? q.from! : `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
      const figures = await inTenant(req, (tx) => volunteeringFigures(tx, ctx.texts, from, to));
      return html(reply, <FiguresPage ctx={req.ctx} figures={figures} />);
    },
  );
}
