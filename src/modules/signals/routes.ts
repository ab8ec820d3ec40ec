// The signals API. Thin: schema, permission, one use case in one tenant transaction. Reporting is public (a
// resident, possibly anonymous) or, with a session holding signals:report, a partner's report; it is rate
// limited per address like every public form, and the limiter keeps its counts in memory only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { can } from '../../platform/auth/permissions.js';
import { rateLimits } from '../../platform/auth/routes.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { toCsv } from '../../platform/figures/index.js';
import { AppError, errorCodes } from '../../platform/http/errors.js';
import { explainSchemaErrors, signalContexts } from './context.js';
import { signalTexts } from './messages.js';
import {
  CategoryBody,
  CategoryList,
  CategoryListQuery,
  CategoryPatch,
  Category,
  ClusterList,
  ClusterQuery,
  Cluster,
  CodeParams,
  DecisionBody,
  DuplicateProblem,
  FigureQuery,
  Figures,
  IdParams,
  PublicStatus,
  ReportResult,
  SignalBody,
  SignalList,
  SignalListQuery,
  SignalView,
  Settings,
  SettingsBody,
  StatusCodeParams,
  TriageBody,
} from './schemas.js';
import {
  createCategory,
  decideCluster,
  listCategories,
  listClusters,
  listSignals,
  readSignal,
  readSignalSettings,
  reportSignal,
  signalFigures,
  statusByCode,
  triageSignal,
  updateCategory,
  updateSignalSettings,
  type Reporter,
  type SignalContext,
  type SignalFigures,
} from './service.js';

const security = [{ session: [], csrf: [] }];
const tags = ['signals'];

/** The rate limit of public reports, answering with a message that also points to 112. */
export function reportRateLimit(config: Config) {
  return {
    ...rateLimits(config).forms,
    errorResponseBuilder: (req: FastifyRequest) =>
      new AppError('rate_limited', signalTexts(req.ctx?.locale ?? 'nl')('problem.rateLimited')),
  };
}

/** Who reports: a partner with a session that may report, or the public (a resident, maybe anonymous). */
export function reporterOf(req: FastifyRequest): Reporter {
  const session = req.ctx.session;
  if (session && !session.pendingTwoFactor && can(req.ctx.roles, 'signals:report'))
    return { kind: 'partner', userId: session.user.id, roles: req.ctx.roles };
  return { kind: 'public' };
}

/** Rows of the figures as CSV: one line per figure, small counts as "< 5". */
export function figuresCsv(ctx: SignalContext, f: SignalFigures): string {
  const t = ctx.texts;
  const rows: (string | number | null)[][] = [];
  const add = (group: string, list: { label: string; shown: string }[]) =>
    list.forEach((x) => rows.push([group, x.label, x.shown]));
  add(t('figures.perSource'), f.per_source);
  add(t('figures.perCategory'), f.per_category);
  add(t('figures.perArea'), f.per_area);
  add(t('figures.perMonth'), f.per_month);
  add(t('figures.decisions'), f.clusters.decisions);
  const monthly = (group: string, list: { label: string; months: { shown: string }[] }[]) =>
    list.forEach((x) =>
      x.months.forEach((m, i) => rows.push([group, `${x.label} ${f.over_time.months[i]}`, m.shown])),
    );
  monthly(t('figures.perSourceMonth'), f.over_time.per_source);
  monthly(t('figures.perCategoryMonth'), f.over_time.per_category);
  monthly(t('figures.perAreaMonth'), f.over_time.per_area);
  rows.push(['time_to_triage_median_hours', '', f.time_to_triage_hours.median]);
  rows.push(['time_to_triage_p90_hours', '', f.time_to_triage_hours.p90]);
  rows.push(['share_leading_to_contact_percent', '', f.share_leading_to_contact]);
  return toCsv([t('figures.label'), '', t('figures.count')], rows);
}

export function registerSignalApi(app: FastifyInstance, db: Database, config: Config): void {
  const contextOf = signalContexts(config);
  const checked = (req: FastifyRequest, opts?: { anonymous?: boolean }): SignalContext => {
    const ctx = contextOf(req, opts);
    const problem = explainSchemaErrors(req, ctx.texts);
    if (problem) throw problem;
    return ctx;
  };
  const inTenant = <T>(ctx: SignalContext, fn: (tx: TenantTx) => Promise<T>) => db.tenant(ctx.tenant.id, fn);

  // ---- categories ----

  app.get(
    '/api/v1/signal-categories',
    {
      config: { access: 'public' },
      attachValidation: true,
      schema: {
        tags,
        summary: 'The categories a worry can be reported under, with their codes and life domains',
        querystring: CategoryListQuery,
        response: { 200: CategoryList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const all = (req.query as { all?: boolean }).all === true && can(req.ctx.roles, 'signals:manage');
      return { categories: await inTenant(ctx, (tx) => listCategories(tx, ctx, all)) };
    },
  );

  app.post(
    '/api/v1/signal-categories',
    {
      config: { access: 'signals:manage' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Add a signal category',
        body: CategoryBody,
        response: { 201: Category },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const created = await inTenant(ctx, (tx) => createCategory(tx, ctx, req.body as CategoryBody));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/signal-categories/:code',
    {
      config: { access: 'signals:manage' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Change a signal category (labels, life domains, active)',
        params: CodeParams,
        body: CategoryPatch,
        response: { 200: Category },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { code } = req.params as { code: string };
      return inTenant(ctx, (tx) => updateCategory(tx, ctx, code, req.body as CategoryPatch));
    },
  );

  // ---- settings ----

  app.get(
    '/api/v1/signal-settings',
    {
      config: { access: 'signals:manage' },
      schema: {
        tags,
        security,
        summary: "The meldpunt's settings of this tenant",
        response: { 200: Settings },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readSignalSettings(tx));
    },
  );

  app.patch(
    '/api/v1/signal-settings',
    {
      config: { access: 'signals:manage' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Change the acute-danger text, the retention period or how collective signals form',
        body: SettingsBody,
        response: { 200: Settings },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => updateSignalSettings(tx, ctx, req.body as SettingsBody));
    },
  );

  // ---- signals ----

  app.post(
    '/api/v1/signals',
    {
      config: { access: 'public', rateLimit: reportRateLimit(config) },
      attachValidation: true,
      schema: {
        tags,
        summary: 'Report a worry about a person or an area (public, or as a logged-in partner)',
        description:
          'Without a session: a resident, named or anonymous (anonymous: true stores nothing about the reporter, no IP address either); the answer has a status_code to look the status up with. With a session holding signals:report: a partner report, whose status GET /api/v1/signals/{id} shows.',
        body: SignalBody,
        response: { 201: ReportResult },
      },
    },
    async (req, reply) => {
      const reporter = reporterOf(req);
      const body = req.body as SignalBody | undefined;
      const anonymous = reporter.kind === 'public' && body?.anonymous === true;
      const ctx = checked(req, { anonymous });
      const result = await inTenant(ctx, (tx) => reportSignal(tx, ctx, req.body as SignalBody, reporter));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/signal-status/:code',
    {
      config: { access: 'public', rateLimit: reportRateLimit(config) },
      attachValidation: true,
      schema: {
        tags,
        summary: 'The status of a public report by its status code: received or picked up, nothing more',
        params: StatusCodeParams,
        response: { 200: PublicStatus },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => statusByCode(tx, ctx, (req.params as { code: string }).code));
    },
  );

  app.get(
    '/api/v1/signals',
    {
      config: { access: 'signals:triage' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'The triage list (no descriptions): open signals by deadline, or triaged ones',
        querystring: SignalListQuery,
        response: { 200: SignalList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const q = req.query as { status?: 'open' | 'triaged' | 'all'; mine?: boolean; limit?: number };
      return { signals: await inTenant(ctx, (tx) => listSignals(tx, ctx, q)) };
    },
  );

  app.get(
    '/api/v1/signals/:id',
    {
      config: { access: 'signals:report' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary:
          'One signal: the whole report for the triage team (audited), the status for the partner who reported it',
        params: IdParams,
        response: { 200: SignalView },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readSignal(tx, ctx, (req.params as { id: string }).id));
    },
  );

  app.post(
    '/api/v1/signals/:id/triage',
    {
      config: { access: 'signals:triage' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Triage: assign, link or register the household, decide (with a reason)',
        description:
          'Any part may come alone. outreach-visit and referral need a household (household_id, new_household, or one linked before) and create a support request with channel "signal". A new household that may be known already gives 409 with possible_duplicates; send again with new_household.confirm_new_household: true or with household_id.',
        params: IdParams,
        body: TriageBody,
        response: { 200: SignalView, 409: DuplicateProblem },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const id = (req.params as { id: string }).id;
      const result = await inTenant(ctx, (tx) => triageSignal(tx, ctx, id, req.body as TriageBody));
      if (result.kind === 'duplicates') {
        return reply
          .status(409)
          .type('application/problem+json; charset=utf-8')
          .send({
            type: 'urn:wijkkracht:problem:conflict',
            title: req.ctx.t(errorCodes.conflict.message),
            status: errorCodes.conflict.status,
            detail: ctx.texts('problem.possibleDuplicate'),
            instance: req.url.split('?')[0],
            code: 'conflict',
            reference: req.id,
            possible_duplicates: result.matches,
          });
      }
      return result.signal;
    },
  );

  // ---- collective signals ----

  app.get(
    '/api/v1/signal-clusters',
    {
      config: { access: 'signals:meeting' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Collective signals per area and theme, with counts and trend (no personal data)',
        querystring: ClusterQuery,
        response: { 200: ClusterList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { area } = req.query as { area?: string };
      return { clusters: await inTenant(ctx, (tx) => listClusters(tx, ctx, { area })) };
    },
  );

  app.post(
    '/api/v1/signal-clusters/:id/decision',
    {
      config: { access: 'signals:meeting' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary:
          "Record the signalling meeting's decision, with the resulting directory offer or plan priority",
        params: IdParams,
        body: DecisionBody,
        response: { 200: Cluster },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const id = (req.params as { id: string }).id;
      return inTenant(ctx, (tx) => decideCluster(tx, ctx, id, req.body as DecisionBody));
    },
  );

  // ---- figures ----

  app.get(
    '/api/v1/signal-figures',
    {
      config: { access: 'signals:figures' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary:
          'Signal figures: per source, category, area and month; time to triage; contact; meeting decisions',
        querystring: FigureQuery,
        response: { 200: Figures },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => signalFigures(tx, ctx, req.query as { months?: number }));
    },
  );
}
