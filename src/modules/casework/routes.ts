// The casework API. Thin: schema, permission, then one use case in one tenant transaction. The permission
// says which roles may use casework at all; whether this professional works on this household is decided
// per case in the use case (case lead, co-worker, team lead; others get the "known" view or 403).
// Schema errors come back with a Dutch message per field (attachValidation: the route explains them).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { actorOf, requireTenant } from '../../platform/http/context.js';
import { AppError, errorCodes, type FieldError } from '../../platform/http/errors.js';
import { currentItemSet, itemSets } from './instruments.js';
import { caseworkTexts, type CaseworkMessage, type Texts } from './messages.js';
import { sealer as makeSealer, type Sealer } from './privacy.js';
import {
  AssessmentBody,
  AssessmentList,
  AssessmentSchema,
  CoWorkerBody,
  CoWorkerParams,
  CoWorkerSchema,
  DuplicateProblem,
  HouseholdBody,
  HouseholdView,
  IdParams,
  InstrumentList,
  LookupBody,
  LookupResult,
  Overview,
  OverviewQuery,
  SupportRequestBody,
  SupportRequestSchema,
} from './schemas.js';
import {
  addCoWorker,
  createSupportRequest,
  listAssessments,
  lookupHouseholds,
  readHousehold,
  recordAssessment,
  registerHousehold,
  removeCoWorker,
  respondToSupportRequest,
  teamOverview,
  type CaseworkContext,
} from './service.js';
import { channels, memberRelations } from './tables.js';
import { openActionFates, outcomes, performers } from './plan.tables.js';
import { registerPlanRoutes } from './plan-routes.js';
import { registerConferenceRoutes } from './conference-routes.js';
import { registerTeamRoutes } from './team-routes.js';

const security = [{ session: [], csrf: [] }];
const householdTags = ['casework: households'];
const requestTags = ['casework: support requests'];
const assessmentTags = ['casework: assessments'];

interface SchemaError {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
}

/** A Dutch message for a field that failed the schema; the generic one when there is nothing better to say. */
function schemaMessage(texts: Texts, field: string, keyword: string): string {
  const say = (key: CaseworkMessage, vars?: Record<string, string | number>) => texts(key, vars);
  if (keyword === 'additionalProperties') return say('field.unknown');
  if (keyword === 'maxLength') return say('field.tooLong');
  if (field === 'members')
    return say(keyword === 'maxItems' ? 'field.tooManyMembers' : 'field.membersRequired');
  const last = field.split('.').pop() ?? field;
  switch (last) {
    case 'given_name':
      return say('field.givenName');
    case 'family_name':
      return say('field.familyName');
    case 'birth_date':
      return say('field.birthDate');
    case 'postcode':
      return say('field.postcode');
    case 'house_number':
      return say('field.houseNumber');
    case 'relation':
      return say('field.relation', { options: memberRelations.join(', ') });
    case 'channel':
      return say('field.channel', { options: channels.join(', ') });
    case 'question':
      return say('field.question');
    case 'instrument':
      return say('field.instrument');
    case 'moment':
      return say('field.moment');
    case 'assessed_on':
      return say('field.assessedOn');
    case 'reason':
      return say('field.reason');
    case 'version':
      return say('field.version');
    case 'performer':
      return say('field.performer', { options: performers.join(', ') });
    case 'description':
      return say('field.actionDescription');
    case 'outcome':
      return say('field.outcome', { options: outcomes.join(', ') });
    case 'open_actions':
      return say('field.openActions', { count: '?', options: openActionFates.join(', ') });
    case 'result':
      return say('field.checkInResult');
    case 'due_on':
    case 'requested_on':
    case 'decided_on':
    case 'starts_on':
    case 'ends_on':
    case 'valid_from':
    case 'valid_until':
      return say('field.date');
    case 'starts_at':
    case 'first_at':
      return say('field.startsAt');
    case 'household_id':
    case 'person_id':
    case 'user_id':
    case 'expert_id':
    case 'goal_id':
    case 'professional_id':
    case 'directory_service_id':
      return say(keyword === 'required' ? 'field.required' : 'field.uuid');
  }
  return say(keyword === 'required' ? 'field.required' : 'field.invalid');
}

/** The route's schema errors as one validation problem, a Dutch message per field. */
function explainSchemaErrors(req: FastifyRequest, texts: Texts): AppError | undefined {
  const err = req.validationError as
    (Error & { validation?: SchemaError[]; validationContext?: string }) | undefined;
  if (!err) return undefined;
  const fields: FieldError[] = [];
  for (const v of err.validation ?? []) {
    const named = (v.params?.missingProperty ?? v.params?.additionalProperty) as string | undefined;
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const field = named ? (path ? `${path}.${named}` : named) : path || (err.validationContext ?? 'body');
    const keyword = named && v.params?.additionalProperty ? 'additionalProperties' : (v.keyword ?? '');
    if (!fields.some((f) => f.field === field))
      fields.push({ field, message: schemaMessage(texts, field, keyword) });
  }
  return new AppError('validation', err.message, fields);
}

/** What the route files of casework share: the checked context and the tenant transaction. */
export interface RouteKit {
  checked(req: FastifyRequest): CaseworkContext;
  inTenant<T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
  security: typeof security;
}

export function registerCaseworkRoutes(app: FastifyInstance, db: Database, config: Config): void {
  const sealer: Sealer = makeSealer(config.secretKey);
  const contextOf = (req: FastifyRequest): CaseworkContext => {
    const tenant = requireTenant(req);
    return {
      actor: actorOf(req),
      tenant,
      locale: req.ctx.locale,
      texts: caseworkTexts(req.ctx.locale),
      now: new Date(),
      sealer,
      publicUrl: config.publicUrl,
    };
  };
  /** The context, after the route's schema errors (if any) were turned into a Dutch problem. */
  const checked = (req: FastifyRequest): CaseworkContext => {
    const ctx = contextOf(req);
    const problem = explainSchemaErrors(req, ctx.texts);
    if (problem) throw problem;
    return ctx;
  };
  const inTenant = <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(ctx.tenant.id, fn);

  // ---- households ----

  app.post(
    '/api/v1/households',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: householdTags,
        security,
        summary: 'Register a household and open its case, with you as case lead',
        description:
          'The postcode places the household in an area. When a member (same name and date of birth, or same BSN) or the address is already known, nothing is saved and the answer is 409 with possible_duplicates (whom to contact); send again with confirm_new_household: true when it really is another household.',
        body: HouseholdBody,
        response: { 201: HouseholdView, 409: DuplicateProblem },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const result = await inTenant(ctx, (tx) => registerHousehold(tx, ctx, req.body as HouseholdBody));
      if (result.kind === 'duplicates') {
        // The one error vocabulary's conflict, with the matches as an RFC 9457 extension member.
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
      return reply.status(201).send(result.household);
    },
  );

  app.post(
    '/api/v1/households/lookup',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: householdTags,
        security,
        summary: 'Is this person or address known? Which household, and whom to contact',
        description:
          'Matches current members by name and date of birth or BSN, and households by address. Shows only the known view.',
        body: LookupBody,
        response: { 200: LookupResult },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const matches = await inTenant(ctx, (tx) => lookupHouseholds(tx, ctx, req.body as LookupBody));
      return { matches };
    },
  );

  app.get(
    '/api/v1/households/:id',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: householdTags,
        security,
        summary:
          'The household file; for professionals who do not work on it only that it is known and whom to contact',
        params: IdParams,
        response: { 200: HouseholdView },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { id } = req.params as { id: string };
      return inTenant(ctx, (tx) => readHousehold(tx, ctx, id));
    },
  );

  app.post(
    '/api/v1/households/:id/co-workers',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: householdTags,
        security,
        summary:
          'Give a colleague of the social team access to the case (case lead or team lead), with a reason',
        params: IdParams,
        body: CoWorkerBody,
        response: { 201: CoWorkerSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const { id } = req.params as { id: string };
      const coWorker = await inTenant(ctx, (tx) => addCoWorker(tx, ctx, id, req.body as CoWorkerBody));
      return reply.status(201).send(coWorker);
    },
  );

  app.delete(
    '/api/v1/households/:id/co-workers/:userId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: householdTags,
        security,
        summary: "End a colleague's access to the case (case lead, team lead, or the colleague)",
        params: CoWorkerParams,
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const { id, userId } = req.params as { id: string; userId: string };
      await inTenant(ctx, (tx) => removeCoWorker(tx, ctx, id, userId));
      return reply.status(204).send();
    },
  );

  // ---- support requests ----

  app.post(
    '/api/v1/support-requests',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: requestTags,
        security,
        summary: "Record a household's question, with its response deadline",
        description:
          "respond_before is the time of receipt plus the tenant's response deadline (48 hours unless set otherwise). The question joins the household's open case (its case lead is told) or opens one with you as case lead.",
        body: SupportRequestBody,
        response: { 201: SupportRequestSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const created = await inTenant(ctx, (tx) =>
        createSupportRequest(tx, ctx, req.body as SupportRequestBody),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/support-requests',
    {
      config: { access: 'casework:team-overview' },
      attachValidation: true,
      schema: {
        tags: requestTags,
        security,
        summary:
          'Team overview: unanswered support requests by deadline (overdue, today, tomorrow, this week)',
        querystring: OverviewQuery,
        response: { 200: Overview },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => teamOverview(tx, ctx, req.query as OverviewQuery));
    },
  );

  app.post(
    '/api/v1/support-requests/:id/response',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: requestTags,
        security,
        summary: 'Record that the resident got a first response: the deadline is met',
        params: IdParams,
        response: { 200: SupportRequestSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { id } = req.params as { id: string };
      return inTenant(ctx, (tx) => respondToSupportRequest(tx, ctx, id));
    },
  );

  // ---- assessments ----

  app.get(
    '/api/v1/assessment-instruments',
    {
      config: { access: 'casework:read' },
      schema: {
        tags: assessmentTags,
        security,
        summary: 'The item sets of the ZRM and Positieve Gezondheid: codes, names, ranges',
        response: { 200: InstrumentList },
      },
    },
    async (req) => {
      const en = req.ctx.locale === 'en';
      return {
        item_sets: itemSets.map((s) => ({
          id: s.id,
          instrument: s.instrument,
          current: currentItemSet[s.instrument].id === s.id,
          min: s.min,
          max: s.max,
          talk_flag: s.talkFlag,
          items: s.items.map((i) => ({ code: i.code, label: en ? i.en : i.nl })),
          levels: Object.entries(s.levels ?? {}).map(([score, l]) => ({
            score: Number(score),
            label: en ? l.en : l.nl,
          })),
        })),
      };
    },
  );

  app.post(
    '/api/v1/households/:id/assessments',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: assessmentTags,
        security,
        summary: 'Record a ZRM or Positieve Gezondheid assessment at intake, progress or closure',
        params: IdParams,
        body: AssessmentBody,
        response: { 201: AssessmentSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const { id } = req.params as { id: string };
      const created = await inTenant(ctx, (tx) => recordAssessment(tx, ctx, id, req.body as AssessmentBody));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/households/:id/assessments',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: assessmentTags,
        security,
        summary: "The household's assessments and the change per item from the first to the latest",
        params: IdParams,
        response: { 200: AssessmentList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { id } = req.params as { id: string };
      return inTenant(ctx, (tx) => listAssessments(tx, ctx, id));
    },
  );

  const kit: RouteKit = { checked, inTenant, security };
  registerPlanRoutes(app, kit);
  registerConferenceRoutes(app, kit);
  registerTeamRoutes(app, kit);
}
