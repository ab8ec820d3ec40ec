// The household file: who lives there, where, the case and its lead, the support requests with their deadlines,
// and the assessments as pictures with their tables. Who does not work on the household sees only that it is
// known and whom to contact.
import type { RequestContext } from '../../../platform/http/context.js';
import {
  Alert,
  CsrfField,
  DataList,
  Heading1,
  Heading2,
  Layout,
  P,
  Table,
  formatDateTime,
} from '../../../platform/pages/layout.js';
import { can } from '../../../platform/auth/permissions.js';
import { currentItemSet, itemSetById } from '../instruments.js';
import { caseworkTexts } from '../messages.js';
import type { HouseholdView, listAssessments } from '../service.js';
import type { Instrument } from '../tables.js';
import { DomainBars, MAX_SERIES, RadarChart, type ChartSeries } from './charts.js';
import { CaseworkStyles, Subnav, formatDay, textsOf } from './components.js';
import { domainLabel, householdHref } from './overview-page.js';

export type FullHousehold = Extract<HouseholdView, { view: 'full' }>;
type Assessments = Awaited<ReturnType<typeof listAssessments>>;
type Assessment = Assessments['assessments'][number];

/** "Bakkali" or "Bakkali / de Vries": the family names of the members, as the team speaks of a household. */
export function householdName(h: FullHousehold): string {
  return [...new Set(h.members.map((m) => m.family_name))].join(' / ') || '–';
}

export function KnownHouseholdPage(props: {
  ctx: RequestContext;
  contact: { name: string; email: string } | null;
  notice?: string;
}) {
  const { ctx, contact } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('household.titleKnown')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{texts('household.titleKnown')}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <P lead>{texts('household.known')}</P>
      <P>
        {contact
          ? texts('household.knownContact', { name: contact.name, email: contact.email })
          : texts('household.knownNoContact')}
      </P>
    </Layout>
  );
}

/** The charts of one instrument for one member (or the whole household): the latest assessments, oldest first. */
function InstrumentCharts(props: {
  ctx: RequestContext;
  household: FullHousehold;
  instrument: Instrument;
  assessments: Assessment[];
}) {
  const { ctx, instrument } = props;
  const texts = textsOf(ctx);
  const groups = new Map<string, Assessment[]>();
  for (const a of props.assessments.filter((x) => x.instrument === instrument)) {
    const key = a.person_id ?? '';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <>
      {[...groups.entries()].map(([personId, list]) => {
        const member = props.household.members.find((m) => m.id === personId);
        const who = member ? `${member.given_name} ${member.family_name}` : texts('household.wholeHousehold');
        const shown = list.slice(-MAX_SERIES);
        const set = itemSetById(shown[shown.length - 1]!.item_set) ?? currentItemSet[instrument];
        const series: ChartSeries[] = shown.map((a) => ({
          label: texts('chart.moment', {
            moment: texts(`moment.${a.moment}`),
            date: formatDay(ctx, a.assessed_on),
          }),
          values: a.scores,
          marked: a.talk_about,
        }));
        const common = {
          id: `${instrument}-${personId || 'household'}`,
          items: set.items.map((i) => ({ code: i.code, label: ctx.locale === 'en' ? i.en : i.nl })),
          series,
          min: set.min,
          max: set.max,
          changeHead: texts('chart.change'),
          notScored: texts('chart.notScored'),
          legend: texts('chart.legend'),
        };
        return instrument === 'zrm' ? (
          <DomainBars
            key={personId}
            {...common}
            title={texts('chart.zrm', { who })}
            hint={texts('chart.zrmHint')}
            itemHead={texts('chart.domain')}
          />
        ) : (
          <RadarChart
            key={personId}
            {...common}
            title={texts('chart.health', { who })}
            hint={texts('chart.healthHint')}
            itemHead={texts('chart.dimension')}
          />
        );
      })}
    </>
  );
}

export function HouseholdPage(props: {
  ctx: RequestContext;
  household: FullHousehold;
  assessments: Assessments;
  notice?: string;
}) {
  const { ctx, household: h } = props;
  const texts = textsOf(ctx);
  const cw = caseworkTexts(ctx.locale);
  const name = householdName(h);
  const canWrite = can(ctx.roles, 'casework:write');
  const address = [
    [h.address.street, `${h.address.house_number}${h.address.house_number_addition ?? ''}`]
      .filter(Boolean)
      .join(' '),
    [h.address.postcode, h.address.city].filter(Boolean).join(' '),
  ].join(', ');
  const list = props.assessments.assessments;
  return (
    <Layout ctx={ctx} title={texts('household.title', { name })}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{texts('household.title', { name })}</Heading1>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <P lead>{texts(`household.access.${h.access}`)}</P>

      <section class="wk-section" aria-labelledby="case">
        <Heading2 id="case">{texts('household.case')}</Heading2>
        {/* Also after closure: the plan and the aftercare live on with the latest case. */}
        <p class="utrecht-paragraph wk-cw-actions">
          <a class="utrecht-link" href={`${householdHref(h.id)}/plan`}>
            {texts('plan.link')}
          </a>
          <a class="utrecht-link" href={`${householdHref(h.id)}/verloop`}>
            {texts('course.link')}
          </a>
        </p>
        {h.case ? (
          <DataList
            items={[
              [texts('household.caseLead'), `${h.case.case_lead.name} (${h.case.case_lead.email})`],
              [
                texts('household.status'),
                texts(`household.status.${h.case.status === 'closed' ? 'closed' : 'open'}`),
              ],
              [texts('household.opened'), formatDateTime(ctx, h.case.opened_at)],
              ...(h.case.co_workers.length
                ? [
                    [texts('household.coWorkers'), h.case.co_workers.map((c) => c.user.name).join(', ')] as [
                      string,
                      string,
                    ],
                  ]
                : []),
              [texts('household.address'), address],
              [
                texts('household.area'),
                h.area ? h.area.path.map((p) => p.name).join(', ') : texts('household.areaUnknown'),
              ],
            ]}
          />
        ) : (
          <P>{texts('household.noCase')}</P>
        )}
      </section>

      <section class="wk-section" aria-labelledby="members">
        <Heading2 id="members">{texts('household.members')}</Heading2>
        <Table
          id="members-table"
          caption={texts('household.members')}
          head={[
            texts('household.col.name'),
            texts('household.col.birthDate'),
            texts('household.col.relation'),
            texts('household.col.contact'),
            texts('household.col.bsn'),
          ]}
          rows={h.members.map((m) => ({
            key: m.id,
            cells: [
              `${m.given_name} ${m.family_name}`,
              formatDay(ctx, m.birth_date),
              m.relation ? texts(`relation.${m.relation as 'partner'}`) : '–',
              [m.phone, m.email].filter(Boolean).join(', ') || '–',
              m.bsn ?? (m.has_bsn ? texts('household.bsnRecorded') : texts('household.bsnNone')),
            ],
          }))}
        />
      </section>

      <section class="wk-section" aria-labelledby="requests">
        <Heading2 id="requests">{texts('household.requests')}</Heading2>
        {canWrite && (
          <p class="utrecht-paragraph wk-cw-actions">
            <a class="utrecht-link" href={`${householdHref(h.id)}/hulpvraag`}>
              {texts('household.addRequest')}
            </a>
          </p>
        )}
        {h.support_requests.length === 0 && <P>{texts('household.requestsEmpty')}</P>}
        {[...h.support_requests].reverse().map((r) => (
          <article class="wk-card wk-cw-request" key={r.id}>
            <p class="utrecht-paragraph">
              <strong>
                {texts('household.request.received', {
                  date: formatDateTime(ctx, r.received_at),
                  channel: cw(`channel.${r.channel}`),
                })}
              </strong>
            </p>
            <blockquote class="utrecht-blockquote wk-cw-question">{r.question}</blockquote>
            {r.life_domains.length > 0 && (
              <P>
                {texts('household.request.domains', {
                  domains: r.life_domains.map((c) => domainLabel(ctx, c)).join(', '),
                })}
              </P>
            )}
            {r.first_contact && (
              <P>{texts('household.request.firstContact', { name: r.first_contact.name })}</P>
            )}
            {r.responded_at ? (
              <P>{texts('household.request.respondedAt', { date: formatDateTime(ctx, r.responded_at) })}</P>
            ) : (
              <>
                <p class={`utrecht-paragraph${r.overdue ? ' wk-cw-overdue' : ''}`}>
                  {r.overdue
                    ? texts('household.request.overdue', { date: formatDateTime(ctx, r.respond_before) })
                    : texts('household.request.deadline', { date: formatDateTime(ctx, r.respond_before) })}
                </p>
                {canWrite && (
                  <form
                    method="post"
                    action={`/sociaal-team/hulpvragen/${r.id}/reactie`}
                    class="wk-inline-form"
                  >
                    <CsrfField ctx={ctx} />
                    <button
                      type="submit"
                      class="utrecht-button utrecht-button--secondary-action"
                      aria-label={texts('household.request.respondLabel', {
                        date: formatDateTime(ctx, r.received_at),
                      })}
                    >
                      {texts('household.request.respond')}
                    </button>
                  </form>
                )}
              </>
            )}
          </article>
        ))}
      </section>

      <section class="wk-section" aria-labelledby="assessments">
        <Heading2 id="assessments">{texts('household.assessments')}</Heading2>
        {canWrite && h.case && (
          <p class="utrecht-paragraph wk-cw-actions">
            <a class="utrecht-link" href={`${householdHref(h.id)}/zrm`}>
              {texts('household.addZrm')}
            </a>
            <a class="utrecht-link" href={`${householdHref(h.id)}/positieve-gezondheid`}>
              {texts('household.addHealth')}
            </a>
          </p>
        )}
        {list.length === 0 ? (
          <P>{texts('household.assessmentsEmpty')}</P>
        ) : (
          <>
            <InstrumentCharts ctx={ctx} household={h} instrument="zrm" assessments={list} />
            <InstrumentCharts ctx={ctx} household={h} instrument="positive-health" assessments={list} />
            <Table
              id="assessment-history"
              caption={texts('household.history')}
              head={[
                texts('household.col.instrument'),
                texts('household.col.moment'),
                texts('household.col.date'),
                texts('household.col.name'),
                texts('household.col.assessor'),
              ]}
              rows={[...list].reverse().map((a) => {
                const member = h.members.find((m) => m.id === a.person_id);
                return {
                  key: a.id,
                  cells: [
                    texts(`instrument.${a.instrument}`),
                    texts(`moment.${a.moment}`),
                    formatDay(ctx, a.assessed_on),
                    member ? `${member.given_name} ${member.family_name}` : texts('household.wholeHousehold'),
                    a.assessor?.name ?? '–',
                  ],
                };
              })}
            />
          </>
        )}
      </section>
    </Layout>
  );
}
