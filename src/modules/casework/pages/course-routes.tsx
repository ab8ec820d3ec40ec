// Routes of the course page: scaling up and handing back, custom provisions, closure and aftercare check-ins.
// Each form calls its use case; mistakes and a plan changed meanwhile come back on the page.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantTx } from '../../../platform/db/index.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import { html } from '../../../platform/pages/layout.js';
import { closeCase, readAftercare, recordCheckIn } from '../closure.js';
import { escalateCase, readEscalations, recordProvision, returnCase } from '../escalation.js';
import { isOpenAction, readPlan } from '../plan.js';
import {
  checkInResults,
  expertiseAreas,
  openActionFates,
  outcomes,
  provisionStatuses,
  type CheckInResult,
  type ExpertiseArea,
  type OpenActionFate,
  type Outcome,
  type ProvisionStatus,
} from '../plan.tables.js';
import { activeUsersWithRole } from '../queries.js';
import { readHousehold, type CaseworkContext } from '../service.js';
import { textsOf } from './components.js';
import { CoursePage, type CourseProblem } from './course-page.js';
import { KnownHouseholdPage, householdName, type FullHousehold } from './household-page.js';
import { householdHref } from './overview-page.js';

const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 5000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CheckInParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  checkInId: Type.String({ format: 'uuid' }),
});
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });

const version = (form: Form) => (/^\d{1,9}$/.test(form.version ?? '') ? Number(form.version) : 0);
const one = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
const dateOrNull = (value: string | undefined) => (value ?? '').trim() || null;

export function registerCoursePages(
  app: FastifyInstance,
  contextOf: (req: FastifyRequest) => CaseworkContext,
  inTenant: <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) => Promise<T>,
): void {
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();
  const url = '/sociaal-team/huishoudens/:id/verloop';

  async function show(req: FastifyRequest, reply: FastifyReply, problem?: CourseProblem, status = 200) {
    const ctx = contextOf(req);
    const id = idOf(req);
    const loaded = await inTenant(ctx, async (tx) => {
      const household = await readHousehold(tx, ctx, id);
      if (household.view === 'known') return { household, file: undefined };
      const [escalations, aftercare, plan, experts] = [
        await readEscalations(tx, ctx, id),
        await readAftercare(tx, ctx, id),
        await readPlan(tx, ctx, id),
        await activeUsersWithRole(tx, 'expert-consultant'),
      ];
      return { household, file: { escalations, aftercare, plan, experts } };
    });
    if (loaded.household.view === 'known' || !loaded.file)
      return html(reply, <KnownHouseholdPage ctx={req.ctx} contact={loaded.household.contact} />, 403);
    const { escalations, aftercare, plan, experts } = loaded.file;
    const { melding } = req.query as Static<typeof NoticeQuery>;
    return html(
      reply,
      <CoursePage
        ctx={req.ctx}
        name={householdName(loaded.household as FullHousehold)}
        escalations={escalations}
        aftercare={aftercare}
        experts={experts}
        openActions={plan.actions.filter((a) => isOpenAction(a)).length}
        notice={melding === 'opgeslagen' ? textsOf(req.ctx)('course.saved') : undefined}
        problem={problem}
      />,
      status,
    );
  }

  /** Runs one form's use case; a refused one shows the page again with the message and what was typed. */
  function post(
    path: string,
    form: CourseProblem['form'],
    run: (tx: TenantTx, ctx: CaseworkContext, body: Form, req: FastifyRequest) => Promise<unknown>,
    params: typeof IdParams | typeof CheckInParams = IdParams,
  ) {
    app.post(
      `${url}${path}`,
      { config: { access: 'casework:write' }, schema: { ...formSchema, params } },
      async (req, reply) => {
        const ctx = contextOf(req);
        const body = req.body as Form;
        try {
          await inTenant(ctx, (tx) => run(tx, ctx, body, req));
        } catch (err) {
          const e = toAppError(err);
          if (e.code !== 'validation' && e.code !== 'conflict') throw err;
          return show(
            req,
            reply,
            {
              message: e.code === 'conflict' ? e.detail : undefined,
              errors: e.fields ?? [],
              form,
              values: body,
            },
            e.status,
          );
        }
        return reply.redirect(`${householdHref(idOf(req))}/verloop?melding=opgeslagen`, 303);
      },
    );
  }

  app.get(
    url,
    { config: { access: 'casework:read' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => show(req, reply),
  );

  const invalid = (field: string, message: string) =>
    new AppError('validation', undefined, [{ field, message }]);

  post('/opschalen', 'escalate', (tx, ctx, body, req) => {
    const area = one(expertiseAreas, body.area);
    if (!area) throw invalid('area', ctx.texts('field.expertiseArea'));
    if (!/^[0-9a-f-]{36}$/i.test(body.expert_id ?? '')) throw invalid('expert_id', ctx.texts('field.expert'));
    return escalateCase(tx, ctx, idOf(req), {
      version: version(body),
      expert_id: body.expert_id!,
      area: area as ExpertiseArea,
      note: body.note ?? '',
    });
  });

  post('/teruggeven', 'return', (tx, ctx, body, req) =>
    returnCase(tx, ctx, idOf(req), { version: version(body), note: body.note ?? '' }),
  );

  post('/voorzieningen', 'provision', (tx, ctx, body, req) => {
    const area = one(expertiseAreas, body.area);
    const status = one(provisionStatuses, body.status);
    if (!area) throw invalid('area', ctx.texts('field.expertiseArea'));
    if (!status) throw invalid('status', ctx.texts('field.provisionStatus'));
    return recordProvision(tx, ctx, idOf(req), {
      area: area as ExpertiseArea,
      kind: body.kind ?? '',
      status: status as ProvisionStatus,
      starts_on: dateOrNull(body.starts_on),
      ends_on: dateOrNull(body.ends_on),
    });
  });

  post('/afsluiten', 'close', (tx, ctx, body, req) => {
    const outcome = one(outcomes, body.outcome);
    if (!outcome) throw invalid('outcome', ctx.texts('field.outcome', { options: outcomes.join(', ') }));
    const fate = one(openActionFates, body.open_actions);
    const weeksText = (body.check_in_weeks ?? '').trim();
    const weeks = weeksText
      ? weeksText
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number)
      : [];
    const errors: FieldError[] = [];
    if (weeks.some((w) => !Number.isInteger(w) || w < 1 || w > 104) || weeks.length > 6)
      errors.push({ field: 'check_in_weeks', message: textsOf(req.ctx)('course.weeksInvalid') });
    if (errors.length) throw new AppError('validation', undefined, errors);
    return closeCase(tx, ctx, idOf(req), {
      version: version(body),
      outcome: outcome as Outcome,
      note: (body.note ?? '').trim() || null,
      ...(fate ? { open_actions: fate as OpenActionFate } : {}),
      ...(weeks.length ? { check_in_weeks: weeks } : {}),
    });
  });

  post(
    '/nazorg/:checkInId',
    'check-in',
    (tx, ctx, body, req) => {
      const { checkInId } = req.params as Static<typeof CheckInParams>;
      const result = one(checkInResults, body[`result-${checkInId}`]);
      if (!result) throw invalid(`result-${checkInId}`, ctx.texts('field.checkInResult'));
      return recordCheckIn(tx, ctx, idOf(req), checkInId.toLowerCase(), {
        result: result as CheckInResult,
        note: (body[`note-${checkInId}`] ?? '').trim() || null,
      });
    },
    CheckInParams,
  );
}
