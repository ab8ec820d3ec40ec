// The API of keeping the directory current. Thin: schema, permission, then a use case in one tenant
// transaction. Providers ('directory:edit-own') propose changes to their organisation's offers and confirm
// them; coordinators ('directory:moderate') decide, see stale offers and reports, and link providers.
// Residents report a problem with an offer without logging in (rate limited).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { rateLimits } from '../../../platform/auth/routes.js';
import type { Database } from '../../../platform/db/index.js';
import { requireTenant } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { systemClock, type Clock } from '../../../platform/jobs/index.js';
import { staleAfterMonths } from './dates.js';
import { curationContext } from './context.js';
import { curationTexts } from './messages.js';
import { registerCurationPages } from './pages.js';
import {
  ChangeRequestList,
  ChangeRequestQuery,
  ChangeRequestSchema,
  ConfirmationSchema,
  DecisionBody,
  FeedbackBody,
  FeedbackCreated,
  FeedbackList,
  FeedbackPatch,
  FeedbackQuery,
  IdParams,
  MemberBody,
  MemberList,
  MemberSchema,
  MyServicesSchema,
  ProposalBody,
  StaleQuery,
  StaleSchema,
  TenantQuery,
} from './schemas.js';
import {
  addMember,
  approveRequest,
  confirmOffer,
  getRequest,
  handleFeedback,
  listFeedback,
  listMembers,
  listRequests,
  listStale,
  myOffers,
  pendingProposal,
  proposeChange,
  rejectRequest,
  removeMember,
  reportProblem,
} from './service.js';

const tags = ['directory: keeping it current'];
const security = [{ session: [], csrf: [] }];

export interface CurationOptions {
  /** Tests may fix the time; the system clock otherwise. */
  clock?: Clock;
}

export function registerCurationRoutes(
  app: FastifyInstance,
  db: Database,
  config: Config,
  opts: CurationOptions = {},
): void {
  const clock = opts.clock ?? systemClock;
  const ctxOf = (req: FastifyRequest) => curationContext(req, config, clock);
  const inTenant = <T>(
    req: FastifyRequest,
    fn: (tx: Parameters<Parameters<Database['tenant']>[1]>[0]) => Promise<T>,
  ) => db.tenant(requireTenant(req).id, fn);
  const limits = rateLimits(config);

  // ---- providers ----

  app.get(
    '/api/v1/my/services',
    {
      config: { access: 'directory:edit-own' },
      schema: {
        tags,
        security,
        summary:
          "The offers of the organisations the user keeps, with last check, staleness and their change's outcome",
        response: { 200: MyServicesSchema },
      },
    },
    async (req) => {
      const months = staleAfterMonths(requireTenant(req).settings);
      const ctx = ctxOf(req);
      const mine = await inTenant(req, (tx) => myOffers(tx, ctx, months));
      return { stale_after_months: months, ...mine };
    },
  );

  app.get(
    '/api/v1/services/:id/proposal',
    {
      config: { access: 'directory:edit-own' },
      schema: {
        tags,
        security,
        summary: "The offer's change request that waits for a coordinator",
        params: IdParams,
        response: { 200: ChangeRequestSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      const pending = await inTenant(req, (tx) => pendingProposal(tx, ctx, id));
      if (!pending) throw new AppError('not_found', ctx.texts('problem.requestNotFound'));
      return pending;
    },
  );

  app.put(
    '/api/v1/services/:id/proposal',
    {
      config: { access: 'directory:edit-own' },
      schema: {
        tags,
        security,
        summary:
          'Propose a change to an offer of your own organisation; it goes live when a coordinator approves',
        description:
          'Stores the change as a pending change request and answers it with a field-by-field diff. The offer itself does not change yet. A proposal replaces the one still waiting for the same offer. Fields left out keep their value; schedules, when given, is the whole list. Providers may propose for the organisations they are linked to (else 403); coordinators for any offer.',
        params: IdParams,
        body: ProposalBody,
        response: { 200: ChangeRequestSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      return inTenant(req, (tx) => proposeChange(tx, ctx, id, req.body as ProposalBody));
    },
  );

  app.post(
    '/api/v1/services/:id/confirmation',
    {
      config: { access: 'directory:edit-own' },
      schema: {
        tags,
        security,
        summary: '"Alles klopt nog": the offer is still right; it counts as checked today (assured_date)',
        description:
          'Takes effect at once: nothing in the offer changes, so there is nothing for a coordinator to compare. Recorded in the audit log.',
        params: IdParams,
        response: { 200: ConfirmationSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      return inTenant(req, (tx) => confirmOffer(tx, ctx, id));
    },
  );

  // ---- coordinators ----

  app.get(
    '/api/v1/change-requests',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Change requests, by default those waiting (the moderation queue), each with its diff',
        querystring: ChangeRequestQuery,
        response: { 200: ChangeRequestList },
      },
    },
    async (req) => {
      const q = req.query as { status?: 'pending' | 'approved' | 'rejected'; service_id?: string };
      const ctx = ctxOf(req);
      const contents = await inTenant(req, (tx) =>
        listRequests(tx, ctx.texts, {
          status: q.status ?? 'pending',
          serviceId: q.service_id?.toLowerCase(),
        }),
      );
      return { contents };
    },
  );

  app.get(
    '/api/v1/change-requests/:id',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'One change request with its diff and the proposed compiled service',
        params: IdParams,
        response: { 200: ChangeRequestSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      return inTenant(req, (tx) => getRequest(tx, ctx.texts, id));
    },
  );

  app.patch(
    '/api/v1/change-requests/:id',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Approve (the change goes live) or reject (with a reason for the provider) a change request',
        description:
          'Approving applies the proposal to the offer as it is now, sets assured_date to today and last_modified to now, and e-mails the author; 409 when someone else changed the same fields meanwhile. Rejecting needs a reason.',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ChangeRequestSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as DecisionBody;
      const ctx = ctxOf(req);
      return inTenant(req, (tx) =>
        body.status === 'approved' ? approveRequest(tx, ctx, id) : rejectRequest(tx, ctx, id, body.reason),
      );
    },
  );

  app.get(
    '/api/v1/directory/stale',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Offers not checked within the period the tenant set (default 6 months), per organisation',
        querystring: StaleQuery,
        response: { 200: StaleSchema },
      },
    },
    async (req) => {
      const { organization_id } = req.query as { organization_id?: string };
      const months = staleAfterMonths(requireTenant(req).settings);
      const now = clock.now();
      const found = await inTenant(req, (tx) => listStale(tx, now, months, organization_id?.toLowerCase()));
      return {
        stale_after_months: months,
        cutoff: found.cutoff,
        total: found.contents.length,
        contents: found.contents,
      };
    },
  );

  // ---- residents' reports ----

  app.post(
    '/api/v1/services/:id/feedback',
    {
      config: { access: 'public', rateLimit: limits.forms },
      schema: {
        tags,
        summary: '"Klopt er iets niet?": report that something about an offer is not right',
        description:
          'Reaches the providers of the offer by e-mail and the coordinators in their queue. Anonymous: no account or IP address is stored. The tenant comes from ?tenant=<slug> or the host name.',
        params: IdParams,
        querystring: TenantQuery,
        body: FeedbackBody,
        response: { 201: FeedbackCreated },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const tenant = requireTenant(req);
      const opts = {
        tenantId: tenant.id,
        texts: curationTexts(req.ctx.locale),
        now: clock.now(),
        publicUrl: config.publicUrl,
      };
      const created = await db.tenant(tenant.id, (tx) =>
        reportProblem(tx, opts, id, req.body as FeedbackBody),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: "Residents' reports about offers; by default the open ones",
        querystring: FeedbackQuery,
        response: { 200: FeedbackList },
      },
    },
    async (req) => {
      const { status } = req.query as { status?: 'open' | 'handled' };
      const contents = await inTenant(req, (tx) => listFeedback(tx, { status: status ?? 'open' }));
      return { contents };
    },
  );

  app.patch(
    '/api/v1/feedback/:id',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Mark a report as handled',
        params: IdParams,
        body: FeedbackPatch,
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      await inTenant(req, (tx) => handleFeedback(tx, ctx, id));
      return reply.status(204).send();
    },
  );

  // ---- who keeps which organisation ----

  app.get(
    '/api/v1/provider-members',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Which users keep which organisations',
        response: { 200: MemberList },
      },
    },
    async (req) => ({ contents: await inTenant(req, (tx) => listMembers(tx)) }),
  );

  app.post(
    '/api/v1/provider-members',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary:
          'Link a user to an organisation: they may then propose changes to its offers and get its reminders',
        body: MemberBody,
        response: { 201: MemberSchema },
      },
    },
    async (req, reply) => {
      const body = req.body as MemberBody;
      const ctx = ctxOf(req);
      const member = await inTenant(req, (tx) =>
        addMember(tx, ctx, { userId: body.user_id.toLowerCase(), organizationId: body.organization_id }),
      );
      return reply.status(201).send(member);
    },
  );

  app.delete(
    '/api/v1/provider-members/:id',
    {
      config: { access: 'directory:moderate' },
      schema: {
        tags,
        security,
        summary: 'Unlink a user from an organisation',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const ctx = ctxOf(req);
      await inTenant(req, (tx) => removeMember(tx, ctx, id.toLowerCase()));
      return reply.status(204).send();
    },
  );

  registerCurationPages(app, db, config, clock);
}
