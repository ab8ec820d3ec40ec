// The course of a case after the plan: scaling up to an expert consultant and handing back, custom provisions,
// closing with an outcome, and the aftercare check-ins that can reopen the plan.
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
import type { AftercareView } from '../closure.js';
import type { EscalationsView } from '../escalation.js';
import {
  checkInResults,
  expertiseAreas,
  openActionFates,
  outcomes,
  provisionStatuses,
} from '../plan.tables.js';
import { CaseworkStyles, Select, Subnav, TextArea, formatDay, textsOf } from './components.js';
import { householdHref } from './overview-page.js';

export interface CourseProblem {
  message?: string;
  errors: FieldError[];
  /** Which form was sent, so only that one shows the errors and keeps what was typed. */
  form: 'escalate' | 'return' | 'provision' | 'close' | 'check-in';
  values: Record<string, string>;
}

export function CoursePage(props: {
  ctx: RequestContext;
  name: string;
  escalations: EscalationsView;
  aftercare: AftercareView;
  experts: { id: string; name: string }[];
  openActions: number;
  notice?: string;
  problem?: CourseProblem;
}) {
  const { ctx, escalations: esc, aftercare, problem } = props;
  const texts = textsOf(ctx);
  const base = `${householdHref(esc.household_id)}/verloop`;
  const open = aftercare.status === 'open';
  const current = esc.escalations.find((e) => !e.returned_at);
  const errorsFor = (form: CourseProblem['form']) => (problem?.form === form ? problem.errors : undefined);
  const valueOf = (form: CourseProblem['form'], name: string) =>
    problem?.form === form ? problem.values[name] : undefined;
  const Version = () => <input type="hidden" name="version" value={String(esc.version)} />;
  return (
    <Layout ctx={ctx} title={texts('course.title', { name: props.name })}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{texts('course.title', { name: props.name })}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      {problem && (
        <ErrorSummary
          ctx={ctx}
          errors={problem.errors}
          message={problem.message ?? texts('course.notChanged')}
        />
      )}
      <P lead>{texts('course.intro')}</P>
      <P>
        {texts('course.status', {
          status: texts(`household.status.${open ? 'open' : 'closed'}`),
          name: `${esc.case_lead.name} (${esc.case_lead.email})`,
        })}
      </P>

      <section class="wk-section" aria-labelledby="escalations">
        <Heading2 id="escalations">{texts('course.escalations')}</Heading2>
        {esc.escalations.length === 0 && <P>{texts('course.escalationsEmpty')}</P>}
        {esc.escalations.map((e) => (
          <article class="wk-card wk-cw-request" key={e.id}>
            <P>
              {texts('course.escalation', {
                date: formatDateTime(ctx, e.escalated_at),
                from: e.from.name,
                to: e.to.name,
                area: texts(`expertise.${e.area}`),
              })}
            </P>
            <p class="utrecht-paragraph wk-cw-question">{texts('course.escalationNote', { note: e.note })}</p>
            {e.returned_at && (
              <p class="utrecht-paragraph wk-cw-question">
                {texts('course.returned', {
                  date: formatDateTime(ctx, e.returned_at),
                  note: e.return_note ?? '',
                })}
              </p>
            )}
          </article>
        ))}
        {open && !current && (
          <form method="post" action={`${base}/opschalen`} class="wk-cw-form" noValidate>
            <h3 class="utrecht-heading-3">{texts('course.escalate')}</h3>
            <CsrfField ctx={ctx} />
            <Version />
            <Select
              name="expert_id"
              label={texts('course.expert')}
              value={valueOf('escalate', 'expert_id') ?? ''}
              errors={errorsFor('escalate')}
              options={props.experts.map((x) => ({ value: x.id, label: x.name }))}
            />
            <Select
              name="area"
              label={texts('course.area')}
              value={valueOf('escalate', 'area') ?? 'wmo'}
              errors={errorsFor('escalate')}
              options={expertiseAreas.map((a) => ({ value: a, label: texts(`expertise.${a}`) }))}
            />
            <TextArea
              name="note"
              label={texts('course.note')}
              description={texts('course.noteHint')}
              value={valueOf('escalate', 'note')}
              errors={errorsFor('escalate')}
            />
            <SubmitButton>{texts('course.escalateSubmit')}</SubmitButton>
          </form>
        )}
        {open && current && (
          <form method="post" action={`${base}/teruggeven`} class="wk-cw-form" noValidate>
            <h3 class="utrecht-heading-3">{texts('course.return')}</h3>
            <CsrfField ctx={ctx} />
            <Version />
            <TextArea
              name="note"
              label={texts('course.returnNote')}
              value={valueOf('return', 'note')}
              errors={errorsFor('return')}
            />
            <SubmitButton>{texts('course.returnSubmit')}</SubmitButton>
          </form>
        )}
      </section>

      <section class="wk-section" aria-labelledby="provisions">
        <Heading2 id="provisions">{texts('course.provisions')}</Heading2>
        {esc.provisions.length ? (
          <Table
            id="provisions-table"
            caption={texts('course.provisions')}
            head={[
              texts('course.col.kind'),
              texts('course.col.area'),
              texts('course.col.status'),
              texts('course.col.period'),
            ]}
            rows={esc.provisions.map((p) => ({
              key: p.id,
              cells: [
                p.kind,
                texts(`expertise.${p.area}`),
                texts(`provisionStatus.${p.status}`),
                [p.starts_on, p.ends_on].map((d) => (d ? formatDay(ctx, d) : '…')).join(' – '),
              ],
            }))}
          />
        ) : (
          <P>{texts('course.provisionsEmpty')}</P>
        )}
        <form method="post" action={`${base}/voorzieningen`} class="wk-cw-form" noValidate>
          <h3 class="utrecht-heading-3">{texts('course.addProvision')}</h3>
          <CsrfField ctx={ctx} />
          <Field
            ctx={ctx}
            name="kind"
            label={texts('course.kind')}
            description={texts('course.kindHint')}
            value={valueOf('provision', 'kind')}
            errors={errorsFor('provision')}
          />
          <Select
            name="area"
            label={texts('course.col.area')}
            value={valueOf('provision', 'area') ?? 'wmo'}
            errors={errorsFor('provision')}
            options={expertiseAreas.map((a) => ({ value: a, label: texts(`expertise.${a}`) }))}
          />
          <Select
            name="status"
            label={texts('course.provisionStatus')}
            value={valueOf('provision', 'status') ?? 'requested'}
            errors={errorsFor('provision')}
            options={provisionStatuses.map((s) => ({ value: s, label: texts(`provisionStatus.${s}`) }))}
          />
          <Field
            ctx={ctx}
            name="starts_on"
            type="date"
            label={texts('course.startsOn')}
            description={texts('course.dateHint')}
            value={valueOf('provision', 'starts_on')}
            errors={errorsFor('provision')}
          />
          <Field
            ctx={ctx}
            name="ends_on"
            type="date"
            label={texts('course.endsOn')}
            description={texts('course.dateHint')}
            value={valueOf('provision', 'ends_on')}
            errors={errorsFor('provision')}
          />
          <SubmitButton variant="secondary">{texts('course.provisionSubmit')}</SubmitButton>
        </form>
      </section>

      {open && (
        <section class="wk-section" aria-labelledby="close">
          <Heading2 id="close">{texts('course.close')}</Heading2>
          <P>{texts('course.closeIntro')}</P>
          <form method="post" action={`${base}/afsluiten`} class="wk-cw-form" noValidate>
            <CsrfField ctx={ctx} />
            <Version />
            <Select
              name="outcome"
              label={texts('course.outcome')}
              value={valueOf('close', 'outcome') ?? 'solved-in-social-base'}
              errors={errorsFor('close')}
              options={outcomes.map((o) => ({ value: o, label: texts(`outcome.${o}`) }))}
            />
            {props.openActions > 0 && (
              <Select
                name="open_actions"
                label={texts('course.openActions')}
                value={valueOf('close', 'open_actions') ?? ''}
                errors={errorsFor('close')}
                options={[
                  { value: '', label: '–' },
                  ...openActionFates.map((f) => ({ value: f, label: texts(`fate.${f}`) })),
                ]}
              />
            )}
            <TextArea
              name="note"
              label={texts('course.closeNote')}
              value={valueOf('close', 'note')}
              errors={errorsFor('close')}
              rows={3}
            />
            <Field
              ctx={ctx}
              name="check_in_weeks"
              label={texts('course.checkInWeeks')}
              description={texts('course.checkInWeeksHint')}
              value={valueOf('close', 'check_in_weeks') ?? '6, 13'}
              errors={errorsFor('close')}
            />
            <SubmitButton>{texts('course.closeSubmit')}</SubmitButton>
          </form>
        </section>
      )}

      <section class="wk-section" aria-labelledby="aftercare">
        <Heading2 id="aftercare">{texts('course.aftercare')}</Heading2>
        {aftercare.closures.map((c) => (
          <P key={c.id}>
            {texts('course.closure', {
              date: formatDateTime(ctx, c.closed_at),
              name: c.closed_by?.name ?? '–',
              outcome: texts(`outcome.${c.outcome}`),
            })}
          </P>
        ))}
        {aftercare.check_ins.length === 0 && <P>{texts('course.aftercareEmpty')}</P>}
        {aftercare.check_ins.map((c) => {
          const date = formatDay(ctx, c.due_at.slice(0, 10));
          return (
            <article class="wk-card wk-cw-request" key={c.id}>
              <h3 class="utrecht-heading-3">
                {texts('course.checkIn', { date, name: c.responsible?.name ?? '–' })}
              </h3>
              {c.done_at ? (
                <>
                  <P>
                    {texts('course.checkInDone', {
                      date: formatDateTime(ctx, c.done_at),
                      result: c.result ? texts(`checkIn.${c.result}`) : '–',
                    })}
                  </P>
                  {c.note && <p class="utrecht-paragraph wk-cw-question">{c.note}</p>}
                </>
              ) : c.cancelled_at ? (
                <P>{texts('course.checkInCancelled')}</P>
              ) : (
                <form method="post" action={`${base}/nazorg/${c.id}`} class="wk-cw-form" noValidate>
                  <CsrfField ctx={ctx} />
                  <Select
                    name={`result-${c.id}`}
                    label={texts('course.result')}
                    value="fine"
                    options={checkInResults.map((r) => ({ value: r, label: texts(`checkIn.${r}`) }))}
                  />
                  <TextArea name={`note-${c.id}`} label={texts('course.checkInNote')} rows={2} />
                  <button
                    type="submit"
                    class="utrecht-button utrecht-button--primary-action"
                    aria-label={texts('course.checkInLabel', { date })}
                  >
                    {texts('course.checkInSubmit')}
                  </button>
                </form>
              )}
            </article>
          );
        })}
      </section>
      <P>
        <a class="utrecht-link" href={householdHref(esc.household_id)}>
          {texts('assessment.back')}
        </a>
      </P>
    </Layout>
  );
}
