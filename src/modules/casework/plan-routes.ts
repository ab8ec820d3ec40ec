// Routes of the support plan, the case lead, the resident's own view of the plan, scaling up, closure and
// aftercare. Thin like routes.ts: schema, permission, one use case in one tenant transaction.
import type { FastifyInstance } from 'fastify';
import {
  AccountLinkBody,
  AccountLinkSchema,
  ActionBody,
  ActionPatch,
  AgreementBody,
  CaseLeadBody,
  CommentBody,
  GoalBody,
  GoalPatch,
  HouseholdItemParams,
  HouseholdPersonParams,
  PlanSchema,
  AftercareSchema,
  CheckInBody,
  ClosureBody,
  EscalationBody,
  EscalationsSchema,
  ProvisionBody,
  ProvisionPatch,
  ProvisionSchema,
  ReturnBody,
} from './plan-schemas.js';
import { closeCase, readAftercare, recordCheckIn } from './closure.js';
import { changeProvision, escalateCase, readEscalations, recordProvision, returnCase } from './escalation.js';
import {
  addAction,
  addGoal,
  agreeToPlan,
  changeAction,
  changeCaseLead,
  changeGoal,
  commentAsResident,
  commentOnPlan,
  linkResidentAccount,
  readOwnPlan,
  readPlan,
} from './plan.js';
import type { RouteKit } from './routes.js';
import { IdParams } from './schemas.js';

const planTags = ['casework: support plan'];
const residentTags = ['casework: my plan (residents)'];
const escalationTags = ['casework: scaling up'];
const closureTags = ['casework: closure and aftercare'];

export function registerPlanRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { checked, inTenant, security } = kit;
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  const itemId = (req: { params: unknown }) => (req.params as { itemId: string }).itemId;

  app.get(
    '/api/v1/households/:id/plan',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: "The household's support plan: goals, actions, agreement, comments",
        description:
          'For the case lead, co-workers and team leads (also after closure, for aftercare). Send `version` with every change.',
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readPlan(tx, ctx, id(req)));
    },
  );

  app.post(
    '/api/v1/households/:id/plan/goals',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: "Add a goal in one life domain, in the resident's words",
        description: '409 when the plan changed since `version` (someone else edited it).',
        params: IdParams,
        body: GoalBody,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const plan = await inTenant(ctx, (tx) => addGoal(tx, ctx, id(req), req.body as GoalBody));
      return reply.status(201).send(plan);
    },
  );

  app.patch(
    '/api/v1/households/:id/plan/goals/:itemId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: 'Change a goal: its words, life domain or state (open, achieved, dropped)',
        params: HouseholdItemParams,
        body: GoalPatch,
        response: { 200: PlanSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => changeGoal(tx, ctx, id(req), itemId(req), req.body as GoalPatch));
    },
  );

  app.post(
    '/api/v1/households/:id/plan/actions',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: 'Add an action: what, who does it, by when',
        description:
          'performer: resident, own-network, volunteer, basic-service (optionally directory_service_id, an offer in the directory), custom-provision or professional (optionally professional_id).',
        params: IdParams,
        body: ActionBody,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const plan = await inTenant(ctx, (tx) => addAction(tx, ctx, id(req), req.body as ActionBody));
      return reply.status(201).send(plan);
    },
  );

  app.patch(
    '/api/v1/households/:id/plan/actions/:itemId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: 'Change an action: its state, due date, who does it',
        params: HouseholdItemParams,
        body: ActionPatch,
        response: { 200: PlanSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => changeAction(tx, ctx, id(req), itemId(req), req.body as ActionPatch));
    },
  );

  app.post(
    '/api/v1/households/:id/plan/comments',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: 'Comment on the plan as a professional',
        params: IdParams,
        body: CommentBody,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const plan = await inTenant(ctx, (tx) => commentOnPlan(tx, ctx, id(req), req.body as CommentBody));
      return reply.status(201).send(plan);
    },
  );

  app.put(
    '/api/v1/households/:id/plan/case-lead',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: 'Hand the case to another case lead (case lead or team lead)',
        description:
          'A household has one case lead. A co-worker who tries to become case lead gets 409 naming the case lead. The former case lead stays involved as co-worker.',
        params: IdParams,
        body: CaseLeadBody,
        response: { 200: PlanSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => changeCaseLead(tx, ctx, id(req), req.body as CaseLeadBody));
    },
  );

  app.put(
    '/api/v1/households/:id/members/:personId/account',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: planTags,
        security,
        summary: "Link a member to the resident's own account (by its e-mail address) so they see the plan",
        description:
          'The resident first makes an account (role resident) with their e-mail address; the consultant then links the member to it here.',
        params: HouseholdPersonParams,
        body: AccountLinkBody,
        response: { 200: AccountLinkSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      const { personId } = req.params as { personId: string };
      return inTenant(ctx, (tx) =>
        linkResidentAccount(tx, ctx, id(req), personId, req.body as AccountLinkBody),
      );
    },
  );

  // ---- the resident ----

  app.get(
    '/api/v1/my-plan',
    {
      config: { access: 'casework:own-plan' },
      schema: {
        tags: residentTags,
        security,
        summary: 'My support plan (residents whose account is linked to their household)',
        response: { 200: PlanSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readOwnPlan(tx, ctx));
    },
  );

  app.post(
    '/api/v1/my-plan/agreement',
    {
      config: { access: 'casework:own-plan' },
      attachValidation: true,
      schema: {
        tags: residentTags,
        security,
        summary: 'I agree to my plan as I read it (version)',
        description: '409 when the plan changed since that version: read it again first.',
        body: AgreementBody,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const plan = await inTenant(ctx, (tx) => agreeToPlan(tx, ctx, req.body as AgreementBody));
      return reply.status(201).send(plan);
    },
  );

  app.post(
    '/api/v1/my-plan/comments',
    {
      config: { access: 'casework:own-plan' },
      attachValidation: true,
      schema: {
        tags: residentTags,
        security,
        summary: 'Add a comment to my plan',
        body: CommentBody,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const plan = await inTenant(ctx, (tx) => commentAsResident(tx, ctx, req.body as CommentBody));
      return reply.status(201).send(plan);
    },
  );

  // ---- scaling up ----

  app.get(
    '/api/v1/households/:id/escalations',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: escalationTags,
        security,
        summary: 'Scaling up of the case (hand-overs to an expert consultant) and its custom provisions',
        params: IdParams,
        response: { 200: EscalationsSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readEscalations(tx, ctx, id(req)));
    },
  );

  app.post(
    '/api/v1/households/:id/escalations',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: escalationTags,
        security,
        summary: 'Scale up: hand the case to an expert consultant (Wmo or youth) with a hand-over note',
        description:
          'The expert becomes case lead; the front-line consultant stays involved as co-worker and gets the case back (POST …/escalations/return) for aftercare.',
        params: IdParams,
        body: EscalationBody,
        response: { 201: EscalationsSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => escalateCase(tx, ctx, id(req), req.body as EscalationBody));
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/households/:id/escalations/return',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: escalationTags,
        security,
        summary: 'The expert hands the case back to the front-line consultant',
        params: IdParams,
        body: ReturnBody,
        response: { 200: EscalationsSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => returnCase(tx, ctx, id(req), req.body as ReturnBody));
    },
  );

  app.post(
    '/api/v1/households/:id/provisions',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: escalationTags,
        security,
        summary: 'Record a custom provision requested (and perhaps already decided) for the household',
        params: IdParams,
        body: ProvisionBody,
        response: { 201: ProvisionSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => recordProvision(tx, ctx, id(req), req.body as ProvisionBody));
      return reply.status(201).send(view);
    },
  );

  app.patch(
    '/api/v1/households/:id/provisions/:itemId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: escalationTags,
        security,
        summary: 'The decision on a custom provision: granted (with start and end) or refused',
        params: HouseholdItemParams,
        body: ProvisionPatch,
        response: { 200: ProvisionSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) =>
        changeProvision(tx, ctx, id(req), itemId(req), req.body as ProvisionPatch),
      );
    },
  );

  // ---- closure and aftercare ----

  app.get(
    '/api/v1/households/:id/aftercare',
    {
      config: { access: 'casework:read' },
      attachValidation: true,
      schema: {
        tags: closureTags,
        security,
        summary: 'Closures of the case and its aftercare check-ins',
        params: IdParams,
        response: { 200: AftercareSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => readAftercare(tx, ctx, id(req)));
    },
  );

  app.post(
    '/api/v1/households/:id/closure',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: closureTags,
        security,
        summary: 'Close the case with an outcome and closing assessments; plan the aftercare check-ins',
        description:
          'outcome: solved-in-social-base, custom-provision, referred-elsewhere, stopped-by-resident, moved-away. With open actions, open_actions says what happens to them (resident-continues, cancelled, handed-over). Check-ins default to 6 and 13 weeks after closure.',
        params: IdParams,
        body: ClosureBody,
        response: { 201: AftercareSchema },
      },
    },
    async (req, reply) => {
      const ctx = checked(req);
      const view = await inTenant(ctx, (tx) => closeCase(tx, ctx, id(req), req.body as ClosureBody));
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/households/:id/check-ins/:itemId',
    {
      config: { access: 'casework:write' },
      attachValidation: true,
      schema: {
        tags: closureTags,
        security,
        summary: 'Record an aftercare check-in: fine, no-contact, or reopen the plan',
        params: HouseholdItemParams,
        body: CheckInBody,
        response: { 200: AftercareSchema },
      },
    },
    async (req) => {
      const ctx = checked(req);
      return inTenant(ctx, (tx) => recordCheckIn(tx, ctx, id(req), itemId(req), req.body as CheckInBody));
    },
  );
}
