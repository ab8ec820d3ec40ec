// Routes of the plan pages: the professionals' plan (goals, actions, status, comments, linking the resident's
// account) and the resident's "Mijn plan" (read, agree, comment). Every change posts the plan version it was
// made on; a change on an older version comes back as the conflict message, with what was typed kept.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantTx } from '../../../platform/db/index.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import { html } from '../../../platform/pages/layout.js';
import {
  addAction,
  addGoal,
  agreeToPlan,
  changeAction,
  commentAsResident,
  commentOnPlan,
  linkResidentAccount,
  readOwnPlan,
  readPlan,
} from '../plan.js';
import { actionStatuses, performers, type ActionStatus, type Performer } from '../plan.tables.js';
import { readHousehold, type CaseworkContext } from '../service.js';
import { textsOf } from './components.js';
import { KnownHouseholdPage, householdName, type FullHousehold } from './household-page.js';
import type { PageKey } from './messages.js';
import { householdHref } from './overview-page.js';
import { OwnPlanPage, PlanPage, type PlanForms } from './plan-page.js';

const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 5000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ActionParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actionId: Type.String({ format: 'uuid' }),
});
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });

const notices: Record<string, PageKey> = {
  opgeslagen: 'plan.saved',
  opmerking: 'plan.commented',
  gekoppeld: 'plan.linked',
  akkoord: 'own.agreedNow',
  verstuurd: 'own.commented',
};

/** Mistakes and a plan changed by someone else come back on the page; the rest goes to the error handler. */
function formProblem(err: unknown): AppError | undefined {
  const e = toAppError(err);
  return e.code === 'validation' || e.code === 'conflict' ? e : undefined;
}

const version = (form: Form) => (/^\d{1,9}$/.test(form.version ?? '') ? Number(form.version) : 0);

export function registerPlanPages(
  app: FastifyInstance,
  contextOf: (req: FastifyRequest) => CaseworkContext,
  inTenant: <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) => Promise<T>,
): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();
  const noticeOf = (req: FastifyRequest) => {
    const { melding } = req.query as Static<typeof NoticeQuery>;
    return melding && Object.hasOwn(notices, melding) ? textsOf(req.ctx)(notices[melding]!) : undefined;
  };

  async function showPlan(
    req: FastifyRequest,
    reply: FastifyReply,
    problem?: { message?: string; errors: FieldError[]; form: PlanForms },
    status = 200,
  ) {
    const ctx = contextOf(req);
    const id = idOf(req);
    const { plan, household } = await inTenant(ctx, async (tx) => {
      const household = await readHousehold(tx, ctx, id);
      if (household.view === 'known') return { household, plan: undefined };
      return { household, plan: await readPlan(tx, ctx, id) };
    });
    // Who does not work on the household sees whom to contact, nothing more.
    if (household.view === 'known' || !plan)
      return html(reply, <KnownHouseholdPage ctx={req.ctx} contact={household.contact} />, 403);
    const name = householdName(household as FullHousehold);
    return html(
      reply,
      <PlanPage ctx={req.ctx} plan={plan} name={name} notice={noticeOf(req)} problem={problem} />,
      status,
    );
  }

  /** Runs a change; a refused one shows the plan again with the message and the typed values. */
  async function change(
    req: FastifyRequest,
    reply: FastifyReply,
    form: PlanForms,
    run: (tx: TenantTx, ctx: CaseworkContext) => Promise<unknown>,
    notice: string,
    rename: (errors: FieldError[]) => FieldError[] = (e) => e,
  ) {
    const ctx = contextOf(req);
    try {
      await inTenant(ctx, (tx) => run(tx, ctx));
    } catch (err) {
      const e = formProblem(err);
      if (!e) throw err;
      const errors = rename(e.fields ?? []);
      return showPlan(
        req,
        reply,
        { message: e.code === 'conflict' ? e.detail : undefined, errors, form },
        e.status,
      );
    }
    return reply.redirect(`${householdHref(idOf(req))}/plan?melding=${notice}`, 303);
  }

  app.get(
    '/sociaal-team/huishoudens/:id/plan',
    { config: { access: 'casework:read' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => showPlan(req, reply),
  );

  app.post(
    '/sociaal-team/huishoudens/:id/plan/doelen',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const goal = { life_domain: form.life_domain ?? '', text: form.text ?? '' };
      return change(
        req,
        reply,
        { goal },
        (tx, ctx) => addGoal(tx, ctx, idOf(req), { version: version(form), ...goal }),
        'opgeslagen',
      );
    },
  );

  app.post(
    '/sociaal-team/huishoudens/:id/plan/acties',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const action = {
        goal_id: form.goal_id ?? '',
        description: form.description ?? '',
        performer: form.performer ?? '',
        performer_name: form.performer_name ?? '',
        due_on: (form.due_on ?? '').trim(),
      };
      const texts = textsOf(req.ctx);
      return change(
        req,
        reply,
        { action },
        async (tx, ctx) => {
          const errors: FieldError[] = [];
          if (!(performers as readonly string[]).includes(action.performer))
            errors.push({
              field: 'performer',
              message: ctx.texts('field.performer', {
                options: performers.map((p) => texts(`performer.${p}`)).join(', '),
              }),
            });
          if (action.goal_id && !/^[0-9a-f-]{36}$/i.test(action.goal_id))
            errors.push({ field: 'goal_id', message: ctx.texts('field.goalId') });
          if (errors.length) throw new AppError('validation', texts('plan.conflict'), errors);
          return addAction(tx, ctx, idOf(req), {
            version: version(form),
            goal_id: action.goal_id || null,
            description: action.description,
            performer: action.performer as Performer,
            performer_name: action.performer_name.trim() || null,
            due_on: action.due_on || null,
          });
        },
        'opgeslagen',
      );
    },
  );

  app.post(
    '/sociaal-team/huishoudens/:id/plan/acties/:actionId',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: ActionParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const { actionId } = req.params as Static<typeof ActionParams>;
      return change(
        req,
        reply,
        {},
        async (tx, ctx) => {
          if (!(actionStatuses as readonly string[]).includes(form.status ?? ''))
            throw new AppError('validation', undefined, [
              {
                field: 'status',
                message: ctx.texts('field.actionStatus', { options: actionStatuses.join(', ') }),
              },
            ]);
          return changeAction(tx, ctx, idOf(req), actionId.toLowerCase(), {
            version: version(form),
            status: form.status as ActionStatus,
          });
        },
        'opgeslagen',
      );
    },
  );

  app.post(
    '/sociaal-team/huishoudens/:id/plan/opmerkingen',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const comment = (req.body as Form).comment ?? '';
      return change(
        req,
        reply,
        { comment },
        (tx, ctx) => commentOnPlan(tx, ctx, idOf(req), { text: comment }),
        'opmerking',
        (errors) => errors.map((e) => (e.field === 'text' ? { ...e, field: 'comment' } : e)),
      );
    },
  );

  app.post(
    '/sociaal-team/huishoudens/:id/plan/account',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const form = req.body as Form;
      const personId = (form.person_id ?? '').toLowerCase();
      return change(
        req,
        reply,
        {},
        async (tx, ctx) => {
          if (!/^[0-9a-f-]{36}$/.test(personId))
            throw new AppError('not_found', ctx.texts('problem.personNotFound'));
          return linkResidentAccount(tx, ctx, idOf(req), personId, { email: form.email ?? '' });
        },
        'gekoppeld',
      );
    },
  );

  // ---- the resident ----

  async function showOwnPlan(
    req: FastifyRequest,
    reply: FastifyReply,
    problem?: { message?: string; errors: FieldError[]; comment?: string },
    status = 200,
  ) {
    const ctx = contextOf(req);
    try {
      const plan = await inTenant(ctx, (tx) => readOwnPlan(tx, ctx));
      return html(
        reply,
        <OwnPlanPage ctx={req.ctx} plan={plan} notice={noticeOf(req)} problem={problem} />,
        status,
      );
    } catch (err) {
      const e = toAppError(err);
      // No plan yet is no error for a resident: the page says what happens next.
      if (e.code !== 'not_found') throw err;
      return html(reply, <OwnPlanPage ctx={req.ctx} noPlan={e.detail} />);
    }
  }

  app.get(
    '/mijn-plan',
    { config: { access: 'casework:own-plan' }, schema: { ...page, querystring: NoticeQuery } },
    async (req, reply) => showOwnPlan(req, reply),
  );

  app.post(
    '/mijn-plan/akkoord',
    { config: { access: 'casework:own-plan' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      try {
        await inTenant(ctx, (tx) => agreeToPlan(tx, ctx, { version: version(req.body as Form) }));
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        return showOwnPlan(req, reply, { message: e.detail, errors: e.fields ?? [] }, e.status);
      }
      return reply.redirect('/mijn-plan?melding=akkoord', 303);
    },
  );

  app.post(
    '/mijn-plan/opmerking',
    { config: { access: 'casework:own-plan' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      const comment = (req.body as Form).comment ?? '';
      try {
        await inTenant(ctx, (tx) => commentAsResident(tx, ctx, { text: comment }));
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        const errors = (e.fields ?? []).map((f) => (f.field === 'text' ? { ...f, field: 'comment' } : f));
        return showOwnPlan(req, reply, { errors, comment }, e.status);
      }
      return reply.redirect('/mijn-plan?melding=verstuurd', 303);
    },
  );
}
