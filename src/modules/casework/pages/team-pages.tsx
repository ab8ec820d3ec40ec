// The team views: "Mijn huishoudens" beside all of the team's households (a household one does not work on
// shows only whom to contact), and the workload per consultant with the cases per village, which carry no
// personal data. The use cases in ../team.ts decide what each list shows and audit it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import type { TenantTx } from '../../../platform/db/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { BarChart } from '../../../platform/pages/charts.js';
import { Heading1, Heading2, Layout, P, Table, html } from '../../../platform/pages/layout.js';
import type { CaseworkContext } from '../service.js';
import { casesPerArea, listCases, teamWorkload } from '../team.js';
import { CaseworkStyles, Subnav, formatDay, textsOf } from './components.js';
import { householdHref } from './overview-page.js';

type CaseItem = Awaited<ReturnType<typeof listCases>>['cases'][number];
type Workload = Awaited<ReturnType<typeof teamWorkload>>;
type Areas = Awaited<ReturnType<typeof casesPerArea>>;

export const casesHref = '/sociaal-team/huishoudens';
export const workloadHref = '/sociaal-team/werkverdeling';

const contact = (c: CaseItem['case_lead']) => (c ? `${c.name} (${c.email})` : undefined);

function CaseTable(props: { ctx: RequestContext; id: string; caption: string; cases: CaseItem[] }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      head={[
        texts('team.col.household'),
        texts('team.col.role'),
        texts('team.col.area'),
        texts('team.col.lead'),
        texts('team.col.opened'),
        texts('team.col.actions'),
        texts('team.col.overdue'),
      ]}
      rows={props.cases.map((c) => {
        const known = c.access === 'known';
        return {
          key: c.case_id,
          cells: known
            ? [texts('team.known'), '–', '–', contact(c.case_lead) ?? texts('team.noLead'), '–', '–', '–']
            : [
                <a class="utrecht-link" href={householdHref(c.household_id)}>
                  {c.label ?? texts('overview.open')}
                </a>,
                texts(`access.${c.access as 'case-lead' | 'co-worker' | 'team-lead'}`),
                c.area?.name ?? '–',
                contact(c.case_lead) ?? texts('team.noLead'),
                c.opened_at ? formatDay(ctx, c.opened_at) : '–',
                String(c.open_actions ?? 0),
                <span class={c.overdue_actions ? 'wk-cw-overdue' : undefined}>
                  {String(c.overdue_actions ?? 0)}
                </span>,
              ],
        };
      })}
    />
  );
}

export function CasesPage(props: { ctx: RequestContext; mine: CaseItem[]; team?: CaseItem[] }) {
  const { ctx, mine, team } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('team.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={casesHref} />
      <Heading1>{texts('team.title')}</Heading1>
      <P lead>{texts('team.intro')}</P>
      <section class="wk-section" aria-labelledby="mine">
        <Heading2 id="mine">{texts('team.mine')}</Heading2>
        {mine.length ? (
          <CaseTable ctx={ctx} id="mine-table" caption={texts('team.mine')} cases={mine} />
        ) : (
          <P>{texts('team.mineEmpty')}</P>
        )}
      </section>
      {team && (
        <section class="wk-section" aria-labelledby="team">
          <Heading2 id="team">{texts('team.all')}</Heading2>
          {team.length ? (
            <CaseTable ctx={ctx} id="team-table" caption={texts('team.all')} cases={team} />
          ) : (
            <P>{texts('team.allEmpty')}</P>
          )}
        </section>
      )}
    </Layout>
  );
}

export function WorkloadPage(props: { ctx: RequestContext; workload: Workload; areas: Areas }) {
  const { ctx, workload, areas } = props;
  const texts = textsOf(ctx);
  const areaName = (a: Areas['areas'][number]) => a.area?.name ?? texts('workload.noArea');
  return (
    <Layout ctx={ctx} title={texts('workload.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current={workloadHref} />
      <Heading1>{texts('workload.title')}</Heading1>
      <P lead>{texts('workload.intro')}</P>
      <section class="wk-section" aria-labelledby="consultants">
        <Heading2 id="consultants">{texts('workload.consultants')}</Heading2>
        {workload.consultants.length ? (
          <Table
            id="workload-table"
            caption={texts('workload.consultants')}
            head={[
              texts('workload.col.name'),
              texts('workload.col.leads'),
              texts('workload.col.coWorks'),
              texts('workload.col.open'),
              texts('workload.col.overdue'),
              texts('workload.col.checkIns'),
            ]}
            rows={workload.consultants.map((c) => ({
              key: c.user.id,
              cells: [
                c.user.name,
                String(c.leads),
                String(c.co_works),
                String(c.open_actions),
                <span class={c.overdue_actions ? 'wk-cw-overdue' : undefined}>
                  {String(c.overdue_actions)}
                </span>,
                String(c.check_ins_due),
              ],
            }))}
          />
        ) : (
          <P>{texts('workload.empty')}</P>
        )}
      </section>
      <section class="wk-section" aria-labelledby="areas">
        <Heading2 id="areas">{texts('workload.areas')}</Heading2>
        {areas.areas.length ? (
          <>
            <BarChart
              id="areas-chart"
              title={texts('workload.areasChart')}
              head={[texts('workload.col.area'), texts('workload.col.openCases')]}
              data={areas.areas.map((a) => ({ label: areaName(a), value: a.open }))}
            />
            <Table
              id="areas-table"
              caption={texts('workload.areas')}
              head={[
                texts('workload.col.area'),
                texts('workload.col.openCases'),
                texts('workload.col.closedYear'),
              ]}
              rows={areas.areas.map((a) => ({
                key: a.area?.id ?? 'none',
                cells: [areaName(a), String(a.open), String(a.closed_last_year)],
              }))}
            />
          </>
        ) : (
          <P>{texts('workload.areasEmpty')}</P>
        )}
      </section>
    </Layout>
  );
}

export function registerTeamPages(
  app: FastifyInstance,
  contextOf: (req: FastifyRequest) => CaseworkContext,
  inTenant: <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) => Promise<T>,
): void {
  const page = { hide: true } as const;

  app.get(casesHref, { config: { access: 'casework:read' }, schema: page }, async (req, reply) => {
    const ctx = contextOf(req);
    const { mine, team } = await inTenant(ctx, async (tx) => ({
      mine: (await listCases(tx, ctx, { scope: 'mine' })).cases,
      team: can(req.ctx.roles, 'casework:team-overview')
        ? (await listCases(tx, ctx, { scope: 'team' })).cases
        : undefined,
    }));
    return html(reply, <CasesPage ctx={req.ctx} mine={mine} team={team} />);
  });

  app.get(
    workloadHref,
    { config: { access: 'casework:team-overview' }, schema: page },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { workload, areas } = await inTenant(ctx, async (tx) => ({
        workload: await teamWorkload(tx, ctx),
        areas: await casesPerArea(tx, ctx),
      }));
      return html(reply, <WorkloadPage ctx={req.ctx} workload={workload} areas={areas} />);
    },
  );
}
