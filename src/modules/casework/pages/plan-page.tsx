// The support plan: goals per life domain in the resident's words, actions with who, by when and how far; the
// professionals' page with its forms (each change carries the plan version it was made on, so a concurrent
// change gives a clear conflict instead of overwriting), and the resident's own "Mijn plan". Both print without
// their forms (print CSS).
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  Heading1,
  Heading2,
  Layout,
  P,
  SubmitButton,
  Table,
  formatDateTime,
} from '../../../platform/pages/layout.js';
import { lifeDomainCodes } from '../instruments.js';
import type { PlanView } from '../plan.js';
import { actionStatuses, performers } from '../plan.tables.js';
import { CaseworkStyles, Fieldset, Select, Subnav, TextArea, formatDay, textsOf } from './components.js';
import { domainLabel, householdHref } from './overview-page.js';

type Action = PlanView['actions'][number];

export interface PlanForms {
  goal?: Record<string, string>;
  action?: Record<string, string>;
  comment?: string;
}

function who(ctx: RequestContext, a: Action): string {
  const texts = textsOf(ctx);
  const name = a.directory_service?.name ?? a.professional?.name ?? a.performer_name;
  return [texts(`performer.${a.performer}`), name].filter(Boolean).join(': ');
}

/** The actions of one goal as a table; professionals get a status form per row. */
function ActionTable(props: {
  ctx: RequestContext;
  id: string;
  caption: string;
  actions: Action[];
  numberOf: (a: Action) => number;
  statusForm?: (a: Action) => ComponentChildren;
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      head={[
        texts('plan.col.what'),
        texts('plan.col.who'),
        texts('plan.col.due'),
        texts('plan.col.status'),
        ...(props.statusForm ? [texts('plan.col.change')] : []),
      ]}
      rows={props.actions.map((a) => ({
        key: a.id,
        cells: [
          `${props.numberOf(a)}. ${a.description}`,
          who(ctx, a),
          a.due_on ? (
            <>
              {formatDay(ctx, a.due_on)}
              {a.overdue && <span class="wk-cw-overdue"> {texts('plan.overdue')}</span>}
            </>
          ) : (
            '–'
          ),
          texts(`actionStatus.${a.status}`),
          ...(props.statusForm ? [props.statusForm(a)] : []),
        ],
      }))}
    />
  );
}

/** Goals with their actions, numbered through the plan so a row can be named ("action 3"). */
function Goals(props: {
  ctx: RequestContext;
  plan: PlanView;
  statusForm?: (a: Action, n: number) => ComponentChildren;
}) {
  const { ctx, plan } = props;
  const texts = textsOf(ctx);
  const numbers = new Map(plan.actions.map((a, i) => [a.id, i + 1]));
  const numberOf = (a: Action) => numbers.get(a.id)!;
  const statusForm = props.statusForm && ((a: Action) => props.statusForm!(a, numberOf(a)));
  const loose = plan.actions.filter((a) => !a.goal_id || !plan.goals.some((g) => g.id === a.goal_id));
  if (!plan.goals.length && !loose.length) return <P>{texts('plan.goalsEmpty')}</P>;
  return (
    <>
      {plan.goals.map((g) => {
        const actions = plan.actions.filter((a) => a.goal_id === g.id);
        const title = texts('plan.goal', { domain: g.life_domain_label });
        return (
          <article class="wk-card wk-cw-goal" key={g.id}>
            <h3 class="utrecht-heading-3">{title}</h3>
            <blockquote class="utrecht-blockquote wk-cw-question">{g.text}</blockquote>
            <P>{texts('plan.goalStatus', { status: texts(`goalStatus.${g.status}`) })}</P>
            {actions.length ? (
              <ActionTable
                ctx={ctx}
                id={`actions-${g.id}`}
                caption={title}
                actions={actions}
                numberOf={numberOf}
                statusForm={statusForm}
              />
            ) : (
              <P>{texts('plan.actionsEmpty')}</P>
            )}
          </article>
        );
      })}
      {loose.length > 0 && (
        <article class="wk-card wk-cw-goal">
          <h3 class="utrecht-heading-3">{texts('plan.withoutGoal')}</h3>
          <ActionTable
            ctx={ctx}
            id="actions-loose"
            caption={texts('plan.withoutGoal')}
            actions={loose}
            numberOf={numberOf}
            statusForm={statusForm}
          />
        </article>
      )}
    </>
  );
}

function Comments(props: { ctx: RequestContext; plan: PlanView; you?: boolean }) {
  const { ctx, plan } = props;
  const texts = textsOf(ctx);
  if (!plan.comments.length) return <P>{texts('plan.commentsEmpty')}</P>;
  return (
    <ul class="utrecht-unordered-list wk-cw-comments">
      {plan.comments.map((c) => (
        <li class="utrecht-unordered-list__item" key={c.id}>
          <p class="utrecht-paragraph">
            <strong>
              {texts('plan.commentBy', {
                name:
                  c.author.kind === 'resident'
                    ? `${c.author.name} (${texts('plan.resident')})`
                    : c.author.name,
                date: formatDateTime(ctx, c.created_at),
              })}
            </strong>
          </p>
          <p class="utrecht-paragraph wk-cw-question">{c.text}</p>
        </li>
      ))}
    </ul>
  );
}

function agreementText(ctx: RequestContext, plan: PlanView): string {
  const texts = textsOf(ctx);
  const latest = plan.agreement.history[plan.agreement.history.length - 1];
  if (plan.agreement.current && latest)
    return texts('plan.agreed', { name: latest.name, date: formatDateTime(ctx, latest.agreed_at) });
  if (latest) return texts('plan.agreedOlder', { version: latest.plan_version });
  return texts('plan.notAgreed');
}

export function PlanPage(props: {
  ctx: RequestContext;
  plan: PlanView;
  name: string;
  notice?: string;
  /** A refused change: what went wrong, and what was typed. */
  problem?: { message?: string; errors: FieldError[]; form: PlanForms };
}) {
  const { ctx, plan, problem } = props;
  const texts = textsOf(ctx);
  const base = `${householdHref(plan.household_id)}/plan`;
  const open = plan.status === 'open';
  const errors = problem?.errors ?? [];
  const goalForm = problem?.form.goal;
  const actionForm = problem?.form.action;
  const Version = () => <input type="hidden" name="version" value={String(plan.version)} />;
  return (
    <Layout ctx={ctx} title={texts('plan.title', { name: props.name })}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{texts('plan.title', { name: props.name })}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {problem && (
        <ErrorSummary ctx={ctx} errors={errors} message={problem.message ?? texts('plan.conflict')} />
      )}
      <P lead>{texts('plan.intro')}</P>
      <P>
        {`${texts('household.caseLead')}: ${plan.case_lead.name} (${plan.case_lead.email}). ${texts('plan.version', { version: plan.version })}`}
      </P>
      <P>{agreementText(ctx, plan)}</P>
      {!open && <Alert type="info">{texts('plan.closed')}</Alert>}
      <p class="utrecht-paragraph wk-cw-no-print">{texts('plan.print')}</p>

      <section class="wk-section" aria-labelledby="goals">
        <Heading2 id="goals">{texts('plan.goals')}</Heading2>
        <Goals
          ctx={ctx}
          plan={plan}
          statusForm={
            open
              ? (a, n) => (
                  <form method="post" action={`${base}/acties/${a.id}`} class="wk-cw-row-form">
                    <CsrfField ctx={ctx} />
                    <Version />
                    <select
                      class="utrecht-select utrecht-select--html-select"
                      id={`status-${a.id}`}
                      name="status"
                      // An aria-label, not a hidden label: an absolutely positioned label would escape the
                      // table's scroll box and widen the page on a phone.
                      aria-label={texts('plan.changeStatusLabel', { n })}
                    >
                      {actionStatuses.map((s) => (
                        <option value={s} selected={s === a.status} key={s}>
                          {texts(`actionStatus.${s}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      class="utrecht-button utrecht-button--secondary-action"
                      aria-label={texts('plan.changeStatusButton', { n })}
                    >
                      {texts('plan.changeStatus')}
                    </button>
                  </form>
                )
              : undefined
          }
        />
      </section>

      {open && (
        <section class="wk-section wk-cw-no-print wk-cw-form" aria-labelledby="add-goal">
          <Heading2 id="add-goal">{texts('plan.addGoal')}</Heading2>
          <form method="post" action={`${base}/doelen`} noValidate>
            <CsrfField ctx={ctx} />
            <Version />
            <Select
              name="life_domain"
              label={texts('plan.lifeDomain')}
              value={goalForm?.life_domain ?? ''}
              errors={goalForm ? errors : undefined}
              options={lifeDomainCodes.map((c) => ({ value: c, label: domainLabel(ctx, c) }))}
            />
            <TextArea
              name="text"
              label={texts('plan.goalText')}
              description={texts('plan.goalTextHint')}
              value={goalForm?.text}
              errors={goalForm ? errors : undefined}
              rows={3}
            />
            <SubmitButton>{texts('plan.addGoal')}</SubmitButton>
          </form>
        </section>
      )}

      {open && (
        <section class="wk-section wk-cw-no-print wk-cw-form" aria-labelledby="add-action">
          <Heading2 id="add-action">{texts('plan.addAction')}</Heading2>
          <form method="post" action={`${base}/acties`} noValidate>
            <CsrfField ctx={ctx} />
            <Version />
            <Select
              name="goal_id"
              label={texts('plan.actionGoal')}
              value={actionForm?.goal_id ?? plan.goals[plan.goals.length - 1]?.id ?? ''}
              errors={actionForm ? errors : undefined}
              options={[
                ...plan.goals.map((g) => ({
                  value: g.id,
                  label: `${g.life_domain_label}: ${g.text.length > 60 ? `${g.text.slice(0, 59)}…` : g.text}`,
                })),
                { value: '', label: texts('plan.actionNoGoal') },
              ]}
            />
            <TextArea
              name="description"
              label={texts('plan.description')}
              value={actionForm?.description}
              errors={actionForm ? errors : undefined}
              rows={2}
            />
            <Select
              name="performer"
              label={texts('plan.performer')}
              value={actionForm?.performer ?? 'resident'}
              errors={actionForm ? errors : undefined}
              options={performers.map((p) => ({ value: p, label: texts(`performer.${p}`) }))}
            />
            <Field
              ctx={ctx}
              name="performer_name"
              label={texts('plan.performerName')}
              description={texts('plan.performerNameHint')}
              value={actionForm?.performer_name}
              errors={actionForm ? errors : undefined}
            />
            <Field
              ctx={ctx}
              name="due_on"
              type="date"
              label={texts('plan.dueOn')}
              description={texts('plan.dueOnHint')}
              value={actionForm?.due_on}
              errors={actionForm ? errors : undefined}
            />
            <SubmitButton>{texts('plan.addAction')}</SubmitButton>
          </form>
        </section>
      )}

      <section class="wk-section" aria-labelledby="comments">
        <Heading2 id="comments">{texts('plan.comments')}</Heading2>
        <Comments ctx={ctx} plan={plan} />
        <form method="post" action={`${base}/opmerkingen`} class="wk-cw-form" noValidate>
          <CsrfField ctx={ctx} />
          <TextArea
            name="comment"
            label={texts('plan.comment')}
            value={problem?.form.comment}
            errors={problem?.form.comment !== undefined ? errors : undefined}
            rows={3}
          />
          <SubmitButton variant="secondary">{texts('plan.addComment')}</SubmitButton>
        </form>
      </section>

      <section class="wk-section wk-cw-no-print" aria-labelledby="accounts">
        <Heading2 id="accounts">{texts('plan.accounts')}</Heading2>
        <P>{texts('plan.accountsText')}</P>
        <ul class="utrecht-unordered-list">
          {plan.residents.map((r) => (
            <li class="utrecht-unordered-list__item" key={r.person_id}>
              {texts(r.has_account ? 'plan.hasAccount' : 'plan.noAccount', { name: r.name })}
            </li>
          ))}
        </ul>
        {plan.residents.some((r) => !r.has_account) && (
          <form method="post" action={`${base}/account`} class="wk-cw-form" noValidate>
            <CsrfField ctx={ctx} />
            <Select
              name="person_id"
              label={texts('plan.linkPerson')}
              value=""
              options={plan.residents
                .filter((r) => !r.has_account)
                .map((r) => ({ value: r.person_id, label: r.name }))}
            />
            <Field
              ctx={ctx}
              name="email"
              type="email"
              label={texts('plan.linkEmail')}
              errors={problem?.form.goal || problem?.form.action ? undefined : errors}
            />
            <SubmitButton variant="secondary">{texts('plan.link.submit')}</SubmitButton>
          </form>
        )}
      </section>
      <P>
        <a class="utrecht-link wk-cw-no-print" href={householdHref(plan.household_id)}>
          {texts('assessment.back')}
        </a>
      </P>
    </Layout>
  );
}

/** The resident's own plan, in B1: what they want to reach, who does what, agree, comment. */
export function OwnPlanPage(props: {
  ctx: RequestContext;
  plan?: PlanView;
  noPlan?: string;
  notice?: string;
  problem?: { message?: string; errors: FieldError[]; comment?: string };
}) {
  const { ctx, plan, problem } = props;
  const texts = textsOf(ctx);
  if (!plan)
    return (
      <Layout ctx={ctx} title={texts('own.title')}>
        <CaseworkStyles />
        <Heading1>{texts('own.noPlan')}</Heading1>
        <P lead>{props.noPlan}</P>
        <P>
          <a class="utrecht-link" href="/vraag-stellen">
            {texts('ask.title')}
          </a>
        </P>
      </Layout>
    );
  const latest = plan.agreement.history[plan.agreement.history.length - 1];
  return (
    <Layout ctx={ctx} title={texts('own.title')}>
      <CaseworkStyles />
      <Heading1>{texts('own.title')}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {problem && <ErrorSummary ctx={ctx} errors={problem.errors} message={problem.message} />}
      <P lead>{texts('own.intro')}</P>
      <P>{texts('own.contact', { name: plan.case_lead.name, email: plan.case_lead.email })}</P>
      <section class="wk-section" aria-labelledby="goals">
        <Heading2 id="goals">{texts('own.goals')}</Heading2>
        <Goals ctx={ctx} plan={plan} />
      </section>
      <section class="wk-section" aria-labelledby="agree">
        <Heading2 id="agree">{texts('own.agree')}</Heading2>
        {plan.agreement.current && latest ? (
          <P>{texts('own.agreedOn', { date: formatDateTime(ctx, latest.agreed_at) })}</P>
        ) : (
          plan.status === 'open' && (
            <form method="post" action="/mijn-plan/akkoord">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="version" value={String(plan.version)} />
              <P>{texts('own.agreeText')}</P>
              <SubmitButton>{texts('own.agreeButton')}</SubmitButton>
            </form>
          )
        )}
      </section>
      <section class="wk-section" aria-labelledby="comments">
        <Heading2 id="comments">{texts('plan.comments')}</Heading2>
        <Comments ctx={ctx} plan={plan} />
        <form method="post" action="/mijn-plan/opmerking" class="wk-cw-form" noValidate>
          <CsrfField ctx={ctx} />
          <Fieldset legend={texts('own.comment')}>
            <TextArea
              name="comment"
              label={texts('plan.comment')}
              description={texts('own.commentHint')}
              value={problem?.comment}
              errors={problem?.errors}
              rows={4}
            />
          </Fieldset>
          <SubmitButton>{texts('own.commentButton')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
