// The referrals API. Thin: schema, permission, then one use case in one tenant transaction. Whether this person
// sent or receives a referral is decided per referral in the use case. Schema errors come back with a Dutch
// message per field (attachValidation: the route explains them).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { actorOf, requireTenant } from '../../platform/http/context.js';
import { explainSchemaErrors, type ExplainField } from '../../platform/http/error-handler.js';
import { AppError, errorCodes } from '../../platform/http/errors.js';
import { shownCount } from '../../platform/figures/index.js';
import { systemClock, type Clock } from '../../platform/jobs/index.js';
import { sealer as makeSealer } from '../casework/index.js';
import { referralFigures, shownGroup, type Grouping } from './figures.js';
import { referralTexts, type ReferralMessage, type Texts } from './messages.js';
import { listPathways, resolvePathway, savePathway } from './pathways.js';
import {
  DuplicateProblem,
  FiguresQuery,
  FiguresResult,
  IdParams,
  IntakeBody,
  ListQuery,
  Pathway,
  PathwayBody,
  PathwayList,
  PathwayListQuery,
  Referral,
  ReferralBody,
  ReferralList,
  ResolvedPathway,
  ResolveQuery,
  StatusBody,
} from './schemas.js';
import {
  changeStatus,
  createReferral,
  listReferrals,
  readReferral,
  startFromIntake,
  type ReferralContext,
} from './service.js';

const security = [{ session: [], csrf: [] }];
const pathwayTags = ['referrals: pathways'];
const referralTags = ['referrals'];

const fieldMessages: Record<string, ReferralMessage> = {
  consent: 'field.consent',
  given: 'field.consent',
  scope: 'field.consentScope',
  given_name: 'field.givenName',
  family_name: 'field.familyName',
  birth_date: 'field.birthDate',
  postcode: 'field.postcode',
  house_number: 'field.houseNumber',
  phone: 'field.phone',
  email: 'field.email',
  reason: 'field.reason',
  target: 'field.target',
  status: 'field.status',
  reason_code: 'field.declineReason',
  pathway_id: 'field.pathway',
  service_ids: 'field.offers',
  report_after_weeks: 'field.weeks',
  consent_given: 'field.intakeConsent',
  title: 'field.title',
  key: 'field.key',
  steps: 'field.steps',
};

/** A Dutch message for a field that failed the route's schema. */
function schemaMessage(texts: Texts): ExplainField {
  return (field, keyword) => {
    if (keyword === 'additionalProperties') return texts('field.unknown');
    if (field.startsWith('target')) return texts('field.target');
    const last =
      field
        .split('.')
        .filter((p) => !/^\d+$/.test(p))
        .pop() ?? field;
    return texts(fieldMessages[last] ?? (keyword === 'required' ? 'field.required' : 'field.invalid'));
  };
}

export function referralContext(req: FastifyRequest, config: Config, clock: Clock): ReferralContext {
  return {
    actor: actorOf(req),
    tenant: requireTenant(req),
    locale: req.ctx.locale,
    texts: referralTexts(req.ctx.locale),
    now: clock.now(),
    sealer: makeSealer(config.secretKey),
    publicUrl: config.publicUrl,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The period asked for, by default the last 90 days; `to` is inclusive. */
export function periodOf(
  query: { from?: string; to?: string },
  now: Date,
  texts: Texts,
): { from: Date; to: Date } {
  const to = query.to
    ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS)
    : new Date(now.getTime() + DAY_MS);
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - 91 * DAY_MS);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
    throw new AppError('validation', undefined, [{ field: 'from', message: texts('figures.badPeriod') }]);
  return { from, to };
}

export function registerReferralApi(
  app: FastifyInstance,
  db: Database,
  config: Config,
  clock: Clock = systemClock,
): void {
  const checked = (req: FastifyRequest): ReferralContext => {
    const ctx = referralContext(req, config, clock);
    const problem = explainSchemaErrors(req, schemaMessage(ctx.texts));
    if (problem) throw problem;
    return ctx;
  };
  const inTenant = <T>(ctx: ReferralContext, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(ctx.tenant.id, fn);
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id.toLowerCase();

  // ---- pathways ----

  app.get(
    '/api/v1/pathways',
    {
      config: { access: 'public' },
      schema: {
        tags: pathwayTags,
        summary: 'The current version of every referral pathway (doorverwijskaart)',
        querystring: PathwayListQuery,
        response: { 200: PathwayList },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { theme } = req.query as { theme?: string };
      return { pathways: await db.tenant(tenant.id, (tx) => listPathways(tx, theme)) };
    },
  );

  app.post(
    '/api/v1/pathways',
    {
      config: { access: 'pathways:manage' },
      attachValidation: true,
      schema: {
        tags: pathwayTags,
        security,
        summary: 'Save a pathway; an existing key gets a new version',
        body: PathwayBody,
        response: { 201: Pathway },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const saved = await inTenant(ctx, (tx) =>
        savePathway(tx, ctx.actor, ctx.texts, req.body as PathwayBody, ctx.now),
      );
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/v1/pathways/:id',
    {
      config: { access: 'public' },
      attachValidation: true,
      schema: {
        tags: pathwayTags,
        summary: 'One pathway version, each step with its nearest fitting offers',
        params: IdParams,
        querystring: ResolveQuery,
        response: { 200: ResolvedPathway },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { postcode } = req.query as { postcode?: string };
      return inTenant(ctx, (tx) =>
        resolvePathway(tx, idOf(req), { postcode, notFound: ctx.texts('problem.pathwayNotFound') }),
      );
    },
  );

  // ---- referrals ----

  app.post(
    '/api/v1/referrals',
    {
      config: { access: 'referrals:send' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'Refer a resident to an offer, the welfare coach or the social team',
        description:
          'Needs consent.given = true. The receiver must make contact before respond_before (tenant setting, 48 hours by default). The same resident to the same target within a week answers 409 with existing (a link to that referral); send again with confirm_duplicate: true to refer anyway.',
        body: ReferralBody,
        response: { 201: Referral, 409: DuplicateProblem },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const result = await inTenant(ctx, (tx) => createReferral(tx, ctx, req.body as ReferralBody));
      if (result.kind === 'duplicate') {
        return reply
          .status(409)
          .type('application/problem+json; charset=utf-8')
          .send({
            type: 'urn:wijkkracht:problem:conflict',
            title: req.ctx.t(errorCodes.conflict.message),
            status: 409,
            detail: ctx.texts('problem.duplicate'),
            instance: req.url.split('?')[0],
            code: 'conflict',
            reference: req.id,
            existing: { ...result.existing, url: `/verwijzingen/${result.existing.id}` },
          });
      }
      return reply.status(201).send(result.referral);
    },
  );

  app.get(
    '/api/v1/referrals',
    {
      config: { access: 'referrals:follow' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'Referrals I sent, or that came in for me, my team or my organisation',
        querystring: ListQuery,
        response: { 200: ReferralList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { role } = req.query as { role?: 'sent' | 'received' };
      return { referrals: await inTenant(ctx, (tx) => listReferrals(tx, ctx, role ?? 'sent')) };
    },
  );

  app.get(
    '/api/v1/referrals/figures',
    {
      config: { access: 'referrals:figures' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'Figures per pathway, offer, provider, area or kind of receiver; counts under 5 as "< 5"',
        querystring: FiguresQuery,
        response: { 200: FiguresResult },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const q = req.query as { per?: Grouping; from?: string; to?: string };
      const { from, to } = periodOf(q, ctx.now, ctx.texts);
      const figures = await inTenant(ctx, (tx) =>
        referralFigures(tx, ctx.texts, q.per ?? 'pathway', from, to),
      );
      return {
        ...figures,
        groups: figures.groups.map(shownGroup),
        total: shownGroup(figures.total),
        decline_reasons: figures.decline_reasons.map((r) => ({
          reason: r.reason,
          count: shownCount(r.count),
        })),
      };
    },
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      config: { access: 'referrals:follow' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'One referral: for the receiver who, why and consent; for the referrer status and outcome',
        params: IdParams,
        response: { 200: Referral },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readReferral(tx, ctx, idOf(req)));
    },
  );

  app.post(
    '/api/v1/referrals/:id/status',
    {
      config: { access: 'referrals:follow' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'Move the referral on (receiver), or record that the resident withdrew (referrer)',
        description:
          'sent → received → contacted → started → completed, or declined (with a reason) / no-show / withdrawn / referred-elsewhere. Other jumps answer 409 and change nothing.',
        params: IdParams,
        body: StatusBody,
        response: { 200: Referral },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => changeStatus(tx, ctx, idOf(req), req.body as StatusBody));
    },
  );

  app.post(
    '/api/v1/referrals/:id/intake',
    {
      config: { access: 'referrals:receive' },
      attachValidation: true,
      schema: {
        tags: referralTags,
        security,
        summary: 'Welzijn op Recept: start the offers chosen at the intake, each as a tracked referral',
        params: IdParams,
        body: IntakeBody,
        response: { 200: Referral },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => startFromIntake(tx, ctx, idOf(req), req.body as IntakeBody));
    },
  );
}
