// Routes of consent records, the team views (my cases, the team's cases, workload, cases per area, search)
// and the audit events of a record for administrators.
import type { FastifyInstance } from 'fastify';
import { searchAudit } from '../../platform/audit/index.js';
import { listConsents, recordConsent, withdrawConsent } from './consent.js';
import { HouseholdItemParams } from './plan-schemas.js';
import type { RouteKit } from './routes.js';
import { IdParams } from './schemas.js';
import { casesPerArea, listCases, searchCases, teamWorkload } from './team.js';
import {
  AreaCounts,
  AuditEvents,
  AuditEventsQuery,
  CaseList,
  CaseListQuery,
  ConsentBody,
  ConsentListSchema,
  SearchQuery,
  Workload,
} from './team-schemas.js';

const consentTags = ['casework: consent'];
const teamTags = ['casework: team views'];

export function registerTeamRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { checked, inTenant, security } = kit;
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;

  // ---- consent ----

  app.get(
    '/api/v1/households/:id/consents',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: consentTags,
        security,
        summary: 'What the household allows to be shared, with whom, for what, from when to when',
        params: IdParams,
        response: { 200: ConsentListSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => listConsents(tx, ctx, id(req)));
    },
  );

  app.post(
    '/api/v1/households/:id/consents',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: consentTags,
        security,
        summary: 'Record a consent: partner, purpose, what may be shared (scopes), valid from and until',
        params: IdParams,
        body: ConsentBody,
        response: { 201: ConsentListSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const list = await inTenant(ctx, (tx) => recordConsent(tx, ctx, id(req), req.body as ConsentBody));
      return reply.status(201).send(list);
    },
  );

  app.delete(
    '/api/v1/households/:id/consents/:itemId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: consentTags,
        security,
        summary: 'Withdraw a consent (the record stays, with the moment it was withdrawn)',
        params: HouseholdItemParams,
        response: { 200: ConsentListSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { itemId } = req.params as { itemId: string };
      return inTenant(ctx, (tx) => withdrawConsent(tx, ctx, id(req), itemId));
    },
  );

  // ---- team views ----

  app.get(
    '/api/v1/cases',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: teamTags,
        security,
        summary: "My cases (default) or the team's; households you do not work on only as known",
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => listCases(tx, ctx, req.query as CaseListQuery));
    },
  );

  app.get(
    '/api/v1/cases/search',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: teamTags,
        security,
        summary: "Search the team's households by name; a hit you do not work on shows only whom to contact",
        querystring: SearchQuery,
        response: { 200: CaseList },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => searchCases(tx, ctx, req.query as SearchQuery));
    },
  );

  app.get(
    '/api/v1/cases/workload',
    {
      config: { access: 'casework:team-overview' },
      schema: {
        tags: teamTags,
        security,
        summary:
          'Workload per consultant: open cases led and co-worked, open and overdue actions, check-ins due',
        response: { 200: Workload },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => teamWorkload(tx, ctx));
    },
  );

  app.get(
    '/api/v1/cases/areas',
    {
      config: { access: 'casework:team-overview' },
      schema: {
        tags: teamTags,
        security,
        summary: 'Open cases per area and cases closed in the last year',
        response: { 200: AreaCounts },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => casesPerArea(tx, ctx));
    },
  );

  // ---- audit ----

  app.get(
    '/api/v1/audit-events',
    {
      config: { access: 'audit:search' },
      attachValidation: true,
      schema: {
        tags: ['audit'],
        security,
        summary: 'Who read or changed a record, newest first (administrators)',
        description:
          'For example record_type=household&record_id=<household id>: everyone who opened the file, when and through which route.',
        querystring: AuditEventsQuery,
        response: { 200: AuditEvents },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const q = req.query as AuditEventsQuery;
      const rows = await inTenant(ctx, (tx) =>
        searchAudit(tx, { recordType: q.record_type, recordId: q.record_id, limit: q.limit ?? 200 }),
      );
      return {
        events: rows.map((r) => ({
          at: r.at.toISOString(),
          actor: r.actorUserId ? { id: r.actorUserId, name: r.actorName } : null,
          actor_roles: r.actorRoles,
          action: r.action,
          record_type: r.recordType,
          record_id: r.recordId,
          subject_user_id: r.subjectUserId,
          purpose: r.purpose,
        })),
      };
    },
  );
}
