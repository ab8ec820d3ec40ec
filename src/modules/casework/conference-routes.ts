// Routes of case conferences: a meeting or a recurring series, its agenda of households, and the outcome
// per household that lands in the plan.
import type { FastifyInstance } from 'fastify';
import {
  AgendaBody,
  AgendaParams,
  ConferenceBody,
  ConferenceList,
  ConferenceListQuery,
  ConferenceParams,
  ConferenceSchema,
  OutcomeBody,
  SeriesBody,
  SeriesSchema,
} from './conference-schemas.js';
import {
  addAgendaItem,
  listConferences,
  readConference,
  recordConferenceOutcome,
  scheduleConference,
  scheduleConferenceSeries,
} from './conferences.js';
import type { RouteKit } from './routes.js';

const tags = ['casework: case conferences'];

export function registerConferenceRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { checked, inTenant, security } = kit;
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.post(
    '/api/v1/case-conferences',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Plan a case conference with professionals (also from outside) and the resident',
        description:
          'participants: { kind: professional, user_id } | { kind: partner, name, organisation } | { kind: resident, household_id, person_id }. household_ids: the agenda, households you work on.',
        body: ConferenceBody,
        response: { 201: ConferenceSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => scheduleConference(tx, ctx, req.body as ConferenceBody));
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/case-conference-series',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: "Plan a team's recurring case conference (default every 14 days, 6 meetings)",
        body: SeriesBody,
        response: { 201: SeriesSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => scheduleConferenceSeries(tx, ctx, req.body as SeriesBody));
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/case-conferences',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Case conferences from today (or from/to), with the number of cases on their agenda',
        querystring: ConferenceListQuery,
        response: { 200: ConferenceList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => listConferences(tx, ctx, req.query as ConferenceListQuery));
    },
  );

  app.get(
    '/api/v1/case-conferences/:id',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'A case conference: participants and agenda (households named only to who works on them)',
        params: ConferenceParams,
        response: { 200: ConferenceSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readConference(tx, ctx, id(req)));
    },
  );

  app.post(
    '/api/v1/case-conferences/:id/agenda',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Put a household you work on on the agenda',
        params: ConferenceParams,
        body: AgendaBody,
        response: { 201: ConferenceSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => addAgendaItem(tx, ctx, id(req), req.body as AgendaBody));
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/case-conferences/:id/agenda/:householdId/outcome',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Record what was agreed for a household: a note, and goals and actions added to its plan',
        description: '`version` is the plan version of the household: 409 when the plan changed since.',
        params: AgendaParams,
        body: OutcomeBody,
        response: { 200: ConferenceSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { householdId } = req.params as { householdId: string };
      return inTenant(ctx, (tx) =>
        recordConferenceOutcome(tx, ctx, id(req), householdId, req.body as OutcomeBody),
      );
    },
  );
}
