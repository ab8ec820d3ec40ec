// The volunteering API. Thin: schema, permission, then one use case in one tenant transaction. The permission says
// which roles may use a route at all; whether this is the volunteer's own match is decided in the use case.
// Schema errors come back with a Dutch message per field (attachValidation: the route explains them).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { actorOf, requireTenant } from '../../platform/http/context.js';
import { explainSchemaErrors as explainSchema } from '../../platform/http/error-handler.js';
import { AppError } from '../../platform/http/errors.js';
import { fieldCipher } from '../../platform/privacy/crypto.js';
import { signalContexts } from '../signals/index.js';
import { figuresCsv, volunteeringFigures } from './figures.js';
import { volunteeringTexts } from './messages.js';
import {
  AppreciationBody,
  CandidateList,
  ContactBody,
  Created,
  CredentialBody,
  DeclineBody,
  EvaluationBody,
  FiguresQuery,
  FiguresView,
  HelpOfferBody,
  HelpOfferList,
  HelpOfferView,
  HelpRequestBody,
  HelpRequestList,
  HelpRequestView,
  IdParams,
  MatchList,
  MatchListQuery,
  MatchView,
  OwnVolunteering,
  ProposeBody,
  PublicRequestList,
  RequestListQuery,
  RunBody,
  RunView,
  StatusBody,
  VolunteerBody,
  VolunteerList,
  VolunteerView,
  WorryList,
} from './schemas.js';
import {
  addAppreciation,
  addCredential,
  candidates,
  changeMatchStatus,
  createHelpOffer,
  createHelpRequest,
  flagWorry,
  listHelpOffers,
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
  readVolunteer,
  recordEvaluation,
  registerVolunteer,
  renewMatch,
  runMatching,
  todayOf,
  volunteerDeclines,
  worriesForSocialTeam,
  type VolunteeringContext,
} from './service.js';
import type { Weights } from './matcher.js';
import type { MatchStatus } from './vocabulary.js';

const security = [{ session: [], csrf: [] }];
const tags = {
  requests: ['volunteering: help requests'],
  offers: ['volunteering: help offers'],
  volunteers: ['volunteering: volunteers'],
  matches: ['volunteering: matches'],
  matching: ['volunteering: matching'],
  own: ['volunteering: my volunteering'],
  figures: ['volunteering: figures'],
};

/** Builds the context of a use case from a request: who acts, in which language, at what moment. */
export function contextFactory(config: Pick<Config, 'secretKey' | 'publicUrl'>) {
  const cipher = fieldCipher(config.secretKey);
  const signalContextOf = signalContexts(config);
  return (req: FastifyRequest): VolunteeringContext => ({
    actor: actorOf(req),
    texts: volunteeringTexts(req.ctx.locale),
    now: new Date(),
    cipher,
    signals: () => signalContextOf(req),
  });
}

/** The route's schema errors as one validation problem, a Dutch message per field; the first says what is wrong. */
function explainSchemaErrors(req: FastifyRequest, ctx: VolunteeringContext): AppError | undefined {
  const problem = explainSchema(req, (field, keyword) =>
    keyword === 'additionalProperties'
      ? ctx.texts('field.unknown')
      : keyword === 'required'
        ? ctx.texts('field.required')
        : field.startsWith('when') || field.startsWith('availability')
          ? ctx.texts('field.window')
          : ctx.texts('field.invalid'),
  );
  return (
    problem && new AppError('validation', problem.fields?.[0]?.message ?? problem.detail, problem.fields)
  );
}

export function registerVolunteeringApi(app: FastifyInstance, db: Database, config: Config): void {
  const contextOf = contextFactory(config);
  const checked = (req: FastifyRequest): VolunteeringContext => {
    const ctx = contextOf(req);
    const problem = explainSchemaErrors(req, ctx);
    if (problem) throw problem;
    return ctx;
  };
  const inTenant = <T>(req: FastifyRequest, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(requireTenant(req).id, fn);
  const idOf = (req: FastifyRequest) => (req.params as IdParams).id.toLowerCase();

  // ---- help requests ----

  app.get(
    '/api/v1/help-requests/public',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.requests,
        summary:
          'Open help requests without identifying details: first name or initials, village, kind, when',
        response: { 200: PublicRequestList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { requests: await inTenant(req, (tx) => publicRequests(tx, ctx.texts)) };
    },
  );

  app.post(
    '/api/v1/help-requests',
    {
      config: { access: 'volunteering:request' },
      attachValidation: true,
      schema: {
        tags: tags.requests,
        security,
        summary: 'Post a help request (a resident for themselves, a professional on behalf of a resident)',
        description:
          'A missing kind or place, a window that ends before it starts or an end date before the start date: 400 with a message per field, nothing saved. The address stays hidden until a confirmed match.',
        body: HelpRequestBody,
        response: { 201: HelpRequestView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const row = await inTenant(req, async (tx) => {
        const created = await createHelpRequest(tx, ctx, req.body as HelpRequestBody);
        return (await myHelpRequests(tx, ctx)).find((r) => r.id === created.id)!;
      });
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/v1/help-requests/mine',
    {
      config: { access: 'volunteering:request' },
      schema: {
        tags: tags.requests,
        security,
        summary: 'Help requests I posted',
        response: { 200: HelpRequestList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { requests: await inTenant(req, (tx) => myHelpRequests(tx, ctx)) };
    },
  );

  app.get(
    '/api/v1/help-requests',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.requests,
        security,
        summary: 'Help requests (without addresses)',
        querystring: RequestListQuery,
        response: { 200: HelpRequestList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { status } = req.query as { status?: 'open' | 'matched' | 'closed' };
      return { requests: await inTenant(req, (tx) => listHelpRequests(tx, ctx, status)) };
    },
  );

  app.get(
    '/api/v1/help-requests/:id',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.requests,
        security,
        summary: 'One help request, with address and contact (audited)',
        params: IdParams,
        response: { 200: HelpRequestView },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return inTenant(req, (tx) => readHelpRequest(tx, ctx, idOf(req)));
    },
  );

  app.get(
    '/api/v1/help-requests/:id/candidates',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.matching,
        security,
        summary:
          'Volunteers for one request: eligible ones ranked with the reasons per component, the others with the filters they fail',
        description:
          'For buddies the shortlist is ranked on shared interests first; buddies are never matched automatically.',
        params: IdParams,
        response: { 200: CandidateList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { candidates: await inTenant(req, (tx) => candidates(tx, ctx, idOf(req))) };
    },
  );

  // ---- help offers ----

  app.post(
    '/api/v1/help-offers',
    {
      config: { access: 'volunteering:offer' },
      attachValidation: true,
      schema: {
        tags: tags.offers,
        security,
        summary:
          'Post a help offer: a volunteer their own, an organisation (provider, coordinator) with its name',
        body: HelpOfferBody,
        response: { 201: HelpOfferView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => createHelpOffer(tx, ctx, req.body as HelpOfferBody)));
    },
  );

  app.get(
    '/api/v1/help-offers',
    {
      config: { access: 'volunteering:coordinate' },
      schema: { tags: tags.offers, security, summary: 'Open help offers', response: { 200: HelpOfferList } },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { offers: await inTenant(req, (tx) => listHelpOffers(tx, ctx)) };
    },
  );

  // ---- volunteers ----

  app.post(
    '/api/v1/volunteers',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.volunteers,
        security,
        summary:
          'Intake: register a volunteer with categories, kinds, availability, capacity, VOG and trainings',
        body: VolunteerBody,
        response: { 201: VolunteerView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => registerVolunteer(tx, ctx, req.body as VolunteerBody)));
    },
  );

  app.get(
    '/api/v1/volunteers',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.volunteers,
        security,
        summary: 'All volunteers',
        response: { 200: VolunteerList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { volunteers: await inTenant(req, (tx) => listVolunteers(tx, ctx)) };
    },
  );

  app.get(
    '/api/v1/volunteers/:id',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.volunteers,
        security,
        summary: 'One volunteer',
        params: IdParams,
        response: { 200: VolunteerView },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return inTenant(req, (tx) => readVolunteer(tx, ctx, idOf(req)));
    },
  );

  app.post(
    '/api/v1/volunteers/:id/credentials',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.volunteers,
        security,
        summary: 'Record a VOG (valid 3 years) or a training (valid until its date)',
        params: IdParams,
        body: CredentialBody,
        response: { 201: VolunteerView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => addCredential(tx, ctx, idOf(req), req.body as CredentialBody)));
    },
  );

  app.post(
    '/api/v1/volunteers/:id/appreciations',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.volunteers,
        security,
        summary: 'Record an appreciation moment (thank-you, anniversary, volunteer of the year nomination)',
        params: IdParams,
        body: AppreciationBody,
        response: { 201: VolunteerView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => addAppreciation(tx, ctx, idOf(req), req.body as AppreciationBody)));
    },
  );

  // ---- matching and matches ----

  app.post(
    '/api/v1/matching-runs',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.matching,
        security,
        summary:
          'Run the batch matching for short tasks in a period: one optimal assignment, proposals with reasons',
        description:
          'Hard filters (kind, distance, availability, VOG and training, language, required gender, capacity, minimum age, pairs declined before), then a weighted score (weights 0–10 per component), then a min-cost assignment over the whole batch. Buddies and other pairs are never matched here.',
        body: RunBody,
        response: { 201: RunView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const body = req.body as RunBody;
      return reply
        .status(201)
        .send(
          await inTenant(req, (tx) =>
            runMatching(tx, ctx, { ...body, weights: body.weights as Partial<Weights> }),
          ),
        );
    },
  );

  app.post(
    '/api/v1/matches',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.matches,
        security,
        summary: 'Propose a volunteer for a request by hand (e.g. from a buddy shortlist)',
        description: 'A volunteer at capacity or failing a hard filter: 409 with the reasons, nothing saved.',
        body: ProposeBody,
        response: { 201: MatchView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => proposeMatch(tx, ctx, req.body as ProposeBody)));
    },
  );

  app.get(
    '/api/v1/matches',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.matches,
        security,
        summary: 'Matches',
        querystring: MatchListQuery,
        response: { 200: MatchList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { status } = req.query as { status?: MatchStatus };
      return { matches: await inTenant(req, (tx) => listMatches(tx, ctx, { status })) };
    },
  );

  app.get(
    '/api/v1/matches/overdue-evaluations',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.matches,
        security,
        summary: 'Matches whose evaluation is overdue',
        response: { 200: MatchList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { matches: await inTenant(req, (tx) => overdueEvaluations(tx, ctx)) };
    },
  );

  app.get(
    '/api/v1/matches/:id',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.matches,
        security,
        summary: 'One match with its reasons',
        params: IdParams,
        response: { 200: MatchView },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return inTenant(req, (tx) => readMatch(tx, ctx, idOf(req)));
    },
  );

  app.post(
    '/api/v1/matches/:id/status',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.matches,
        security,
        summary:
          'Move a match: proposed → introduced → confirmed → active → completed / ended-early; or declined',
        params: IdParams,
        body: StatusBody,
        response: { 200: MatchView },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(req, (tx) => changeMatchStatus(tx, ctx, idOf(req), req.body as StatusBody));
    },
  );

  app.post(
    '/api/v1/matches/:id/renew',
    {
      config: { access: 'volunteering:coordinate' },
      schema: {
        tags: tags.matches,
        security,
        summary: 'Renew a pair for another period',
        params: IdParams,
        response: { 200: MatchView },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return inTenant(req, (tx) => renewMatch(tx, ctx, idOf(req)));
    },
  );

  app.post(
    '/api/v1/matches/:id/evaluations',
    {
      config: { access: 'volunteering:coordinate' },
      attachValidation: true,
      schema: {
        tags: tags.matches,
        security,
        summary: 'Record the evaluation of one side (requester or volunteer)',
        params: IdParams,
        body: EvaluationBody,
        response: { 201: MatchView },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(
          await inTenant(req, (tx) =>
            recordEvaluation(tx, ctx, idOf(req), req.body as EvaluationBody, false),
          ),
        );
    },
  );

  app.get(
    '/api/v1/volunteering/worries',
    {
      config: { access: 'volunteering:worries' },
      schema: {
        tags: tags.matches,
        security,
        summary: 'Worries volunteers passed to the social team from their contact log',
        response: { 200: WorryList },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { worries: await inTenant(req, (tx) => worriesForSocialTeam(tx, ctx)) };
    },
  );

  // ---- the volunteer's own ----

  app.get(
    '/api/v1/me/volunteering',
    {
      config: { access: 'volunteering:volunteer' },
      schema: {
        tags: tags.own,
        security,
        summary: 'My volunteer profile and matches; the address only once a match is confirmed',
        response: { 200: OwnVolunteering },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      return inTenant(req, (tx) => myMatches(tx, ctx));
    },
  );

  app.get(
    '/api/v1/me/volunteering/offers',
    {
      config: { access: 'volunteering:volunteer' },
      schema: { tags: tags.own, security, summary: 'My help offers', response: { 200: HelpOfferList } },
    },
    async (req) => {
      const ctx = contextOf(req);
      return { offers: await inTenant(req, (tx) => listHelpOffers(tx, ctx, true)) };
    },
  );

  app.post(
    '/api/v1/me/volunteering/matches/:id/decline',
    {
      config: { access: 'volunteering:volunteer' },
      attachValidation: true,
      schema: {
        tags: tags.own,
        security,
        summary: 'Say no to a proposal or after the introduction',
        params: IdParams,
        body: DeclineBody,
        response: { 204: Type204() },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      await inTenant(req, (tx) =>
        volunteerDeclines(tx, ctx, idOf(req), (req.body as { reason?: string | null }).reason),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/volunteering/matches/:id/contacts',
    {
      config: { access: 'volunteering:volunteer' },
      attachValidation: true,
      schema: {
        tags: tags.own,
        security,
        summary: 'Log a contact: date, what, anything worrying',
        params: IdParams,
        body: ContactBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      return reply
        .status(201)
        .send(await inTenant(req, (tx) => logContact(tx, ctx, idOf(req), req.body as ContactBody)));
    },
  );

  app.post(
    '/api/v1/me/volunteering/contacts/:id/flag',
    {
      config: { access: 'volunteering:volunteer' },
      schema: {
        tags: tags.own,
        security,
        summary: 'Pass a worrying contact to the social team (one click)',
        params: IdParams,
        response: { 204: Type204() },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      await inTenant(req, (tx) => flagWorry(tx, ctx, idOf(req)));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/volunteering/matches/:id/evaluation',
    {
      config: { access: 'volunteering:volunteer' },
      attachValidation: true,
      schema: {
        tags: tags.own,
        security,
        summary: 'My evaluation of a match',
        params: IdParams,
        body: EvaluationBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      await inTenant(req, (tx) => recordEvaluation(tx, ctx, idOf(req), req.body as EvaluationBody, true));
      return reply.status(201).send({ id: idOf(req) });
    },
  );

  // ---- figures ----

  const period = (req: FastifyRequest, ctx: VolunteeringContext) => {
    const q = req.query as { from?: string; to?: string };
    const to = q.to ?? todayOf(ctx.now);
    const from = q.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
    const ok = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
    if (!ok(from) || !ok(to) || to < from)
      throw new AppError('validation', ctx.texts('field.date'), [
        { field: ok(from) ? 'to' : 'from', message: ctx.texts('field.date') },
      ]);
    return { from, to };
  };

  app.get(
    '/api/v1/volunteering/figures',
    {
      config: { access: 'volunteering:figures' },
      schema: {
        tags: tags.figures,
        security,
        summary:
          'Requests, offers, matches, time to match, share matched, active volunteers by category and area',
        querystring: FiguresQuery,
        response: { 200: FiguresView },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { from, to } = period(req, ctx);
      return inTenant(req, (tx) => volunteeringFigures(tx, ctx.texts, from, to));
    },
  );

  app.get(
    '/api/v1/volunteering/figures.csv',
    {
      config: { access: 'volunteering:figures' },
      schema: {
        tags: tags.figures,
        security,
        summary: 'The figures as CSV (semicolons, small counts "< 5")',
        querystring: FiguresQuery,
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { from, to } = period(req, ctx);
      const figures = await inTenant(req, (tx) => volunteeringFigures(tx, ctx.texts, from, to));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="vrijwilligerswerk-${from}-${to}.csv"`)
        .send(figuresCsv(figures, ctx.texts));
    },
  );
}

function Type204() {
  return { type: 'null', description: 'Done' } as const;
}
