// Routes of the casework pages. Thin like the API: read the form, call the same use case in one tenant
// transaction, then redirect (post/redirect/get) or show the form again with what went wrong. Which household a
// professional may see is decided by the use cases, exactly as for the API.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { can } from '../../../platform/auth/permissions.js';
import type { Database, TenantTx } from '../../../platform/db/index.js';
import { actorOf, requireTenant } from '../../../platform/http/context.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { AppError, type FieldError } from '../../../platform/http/errors.js';
import { html } from '../../../platform/pages/layout.js';
import { currentItemSet, lifeDomainCodes } from '../instruments.js';
import { caseworkTexts } from '../messages.js';
import { sealer as makeSealer } from '../privacy.js';
import { dueFilters, type DueFilter, type HouseholdBody } from '../schemas.js';
import {
  createSupportRequest,
  deadlineHours,
  listAssessments,
  lookupHouseholds,
  readHousehold,
  recordAssessment,
  registerHousehold,
  respondToSupportRequest,
  teamOverview,
  type CaseworkContext,
} from '../service.js';
import { channels, memberRelations, moments, type Channel, type Instrument, type Moment } from '../tables.js';
import { AskPage } from './ask-page.js';
import { textsOf } from './components.js';
import {
  AssessmentPage,
  MEMBER_ROWS,
  RegisterPage,
  RequestPage,
  type AssessmentForm,
  type QuestionForm,
  type RegisterForm,
} from './form-pages.js';
import { HouseholdPage, KnownHouseholdPage, householdName, type FullHousehold } from './household-page.js';
import { pageTexts, type PageKey } from './messages.js';
import { registerCoursePages } from './course-routes.js';
import { registerPlanPages } from './plan-routes.js';
import { OverviewPage, SearchPage, householdHref, type SearchForm } from './overview-page.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Form posts: every field arrives as a string. */
const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 5000 }));
type Form = Record<string, string>;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ melding: Type.Optional(Type.String({ maxLength: 40 })) });
const OverviewPageQuery = Type.Object({ termijn: Type.Optional(Type.String({ maxLength: 20 })) });

const notices: Record<string, PageKey> = {
  ingeschreven: 'household.created',
  vraag: 'household.requestAdded',
  reactie: 'household.responded',
  meting: 'household.assessmentAdded',
};

/** Expected problems of a form come back on the page; the rest goes to the error handler. */
function formProblem(err: unknown): AppError | undefined {
  const e = toAppError(err);
  return e.code === 'validation' ? e : undefined;
}

const value = (form: Form, name: string) => (form[name] ?? '').trim();
const ticked = (form: Form, name: string) => form[name] !== undefined;

function readQuestion(form: Form): QuestionForm {
  return {
    channel: value(form, 'channel'),
    question: form.question ?? '',
    life_domains: lifeDomainCodes.filter((c) => ticked(form, `life_domain.${c}`)),
  };
}

/** The life domain errors point at the one group of boxes; the channel must be one of the list. */
function questionErrors(ctx: CaseworkContext, q: QuestionForm, errors: FieldError[]): Channel | undefined {
  if (!(channels as readonly string[]).includes(q.channel)) {
    errors.push({ field: 'channel', message: pageTexts(ctx.locale)('field.channelUnknown') });
    return undefined;
  }
  return q.channel as Channel;
}

const renameDomainErrors = (errors: FieldError[]) =>
  errors.map((e) => (e.field.startsWith('life_domains.') ? { ...e, field: 'life_domains' } : e));

function readRegisterForm(form: Form): RegisterForm {
  return {
    ...readQuestion(form),
    members: Array.from({ length: MEMBER_ROWS }, (_, i) => {
      const get = (f: string) => value(form, `members.${i}.${f}`);
      return {
        given_name: get('given_name'),
        family_name: get('family_name'),
        birth_date: get('birth_date'),
        relation: get('relation'),
        phone: get('phone'),
        email: get('email'),
      };
    }),
    postcode: value(form, 'address.postcode'),
    house_number: value(form, 'address.house_number'),
    house_number_addition: value(form, 'address.house_number_addition'),
    street: value(form, 'address.street'),
    city: value(form, 'address.city'),
    confirm: ticked(form, 'confirm_new_household'),
  };
}

/**
 * The household body the use case takes, from the form: empty person blocks are left out, so `rowOf` maps the
 * body's member index back to the form's block for the error messages.
 */
function householdBody(
  ctx: CaseworkContext,
  f: RegisterForm,
  errors: FieldError[],
): { body: HouseholdBody; rowOf: number[] } {
  const texts = pageTexts(ctx.locale);
  const rowOf: number[] = [];
  const members: HouseholdBody['members'] = [];
  f.members.forEach((m, i) => {
    if (!Object.values(m).some((v) => v && v !== 'main-resident')) return;
    if (m.relation && !(memberRelations as readonly string[]).includes(m.relation))
      errors.push({ field: `members.${i}.relation`, message: texts('field.relationUnknown') });
    rowOf.push(i);
    members.push({
      given_name: m.given_name,
      family_name: m.family_name,
      birth_date: m.birth_date,
      relation: (memberRelations as readonly string[]).includes(m.relation)
        ? (m.relation as HouseholdBody['members'][number]['relation'])
        : null,
      phone: m.phone || null,
      email: m.email || null,
    });
  });
  const houseNumber = /^\d{1,5}$/.test(f.house_number) ? Number(f.house_number) : NaN;
  if (!(houseNumber >= 1))
    errors.push({ field: 'address.house_number', message: texts('field.houseNumberNumber') });
  return {
    body: {
      members,
      address: {
        postcode: f.postcode,
        house_number: houseNumber >= 1 ? houseNumber : 1,
        house_number_addition: f.house_number_addition || null,
        street: f.street || null,
        city: f.city || null,
      },
      confirm_new_household: f.confirm,
    },
    rowOf,
  };
}

const renameMemberErrors = (errors: FieldError[], rowOf: number[]) =>
  errors.map((e) => {
    const m = /^members\.(\d+)(.*)$/.exec(e.field);
    return m ? { ...e, field: `members.${rowOf[Number(m[1])] ?? m[1]}${m[2]}` } : e;
  });

/** The error summary follows the form from top to bottom: the question, the people, the address. */
function inFormOrder(errors: FieldError[]): FieldError[] {
  const rank = (field: string) => {
    const member = /^members\.(\d+)/.exec(field);
    if (member) return 10 + Number(member[1]);
    if (field === 'members') return 9;
    return field.startsWith('address.') ? 100 : 0;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

function readAssessmentForm(form: Form, instrument: Instrument): AssessmentForm {
  const set = currentItemSet[instrument];
  return {
    moment: value(form, 'moment'),
    assessed_on: value(form, 'assessed_on'),
    person_id: value(form, 'person_id'),
    scores: Object.fromEntries(set.items.map((i) => [i.code, value(form, `scores.${i.code}`)])),
    talk_about: set.items.filter((i) => ticked(form, `talk_about.${i.code}`)).map((i) => i.code),
  };
}

export function registerCaseworkPages(app: FastifyInstance, db: Database, config: Config): void {
  const sealer = makeSealer(config.secretKey);
  const page = { hide: true } as const;
  const formSchema = { hide: true, body: FormBody } as const;
  const contextOf = (req: FastifyRequest): CaseworkContext => ({
    actor: actorOf(req),
    tenant: requireTenant(req),
    locale: req.ctx.locale,
    texts: caseworkTexts(req.ctx.locale),
    now: new Date(),
    sealer,
    publicUrl: config.publicUrl,
  });
  const inTenant = <T,>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(ctx.tenant.id, fn);
  const idOf = (req: FastifyRequest) => (req.params as Static<typeof IdParams>).id.toLowerCase();
  const noticeOf = (req: FastifyRequest, lead: boolean) => {
    const { melding } = req.query as Static<typeof NoticeQuery>;
    if (!melding || !Object.hasOwn(notices, melding)) return undefined;
    // A question taken by someone else than the case lead: the use case told the case lead by e-mail.
    const key = melding === 'vraag' && !lead ? 'household.requestAddedLead' : notices[melding]!;
    return textsOf(req.ctx)(key);
  };

  const css = fs.readFileSync(path.join(here, 'assets', 'casework.css'));
  app.get(
    '/assets/casework/casework.css',
    { config: { access: 'public' }, schema: page },
    async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  // ---- the team ----

  app.get(
    '/sociaal-team',
    { config: { access: 'casework:read' }, schema: { ...page, querystring: OverviewPageQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { termijn } = req.query as Static<typeof OverviewPageQuery>;
      const due: DueFilter = (dueFilters as readonly string[]).includes(termijn ?? '')
        ? (termijn as DueFilter)
        : 'open';
      const { team, mine } = await inTenant(ctx, async (tx) => ({
        team: can(req.ctx.roles, 'casework:team-overview')
          ? await teamOverview(tx, ctx, { due, limit: 100 })
          : undefined,
        mine: await teamOverview(tx, ctx, { due: 'open', mine: true, limit: 100 }),
      }));
      return html(reply, <OverviewPage ctx={req.ctx} due={due} team={team} mine={mine} />);
    },
  );

  app.get('/sociaal-team/zoeken', { config: { access: 'casework:read' }, schema: page }, async (req, reply) =>
    html(reply, <SearchPage ctx={req.ctx} />),
  );

  // A POST, so that names and birth dates stay out of addresses, history and logs.
  app.post(
    '/sociaal-team/zoeken',
    { config: { access: 'casework:read' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      const form = req.body as Form;
      const f: SearchForm = {
        given_name: value(form, 'members.0.given_name'),
        family_name: value(form, 'members.0.family_name'),
        birth_date: value(form, 'members.0.birth_date'),
        postcode: value(form, 'address.postcode'),
        house_number: value(form, 'address.house_number'),
      };
      const person = f.given_name || f.family_name || f.birth_date;
      const address = f.postcode || f.house_number;
      const houseNumber = /^\d{1,5}$/.test(f.house_number) ? Number(f.house_number) : 0;
      const errors: FieldError[] = [];
      if (address && !(houseNumber >= 1))
        errors.push({ field: 'address.house_number', message: textsOf(req.ctx)('field.houseNumberNumber') });
      try {
        if (errors.length) throw new AppError('validation', undefined, errors);
        const matches = await inTenant(ctx, (tx) =>
          lookupHouseholds(tx, ctx, {
            members: person
              ? [{ given_name: f.given_name, family_name: f.family_name, birth_date: f.birth_date }]
              : [],
            address: address ? { postcode: f.postcode, house_number: houseNumber } : undefined,
          }),
        );
        return html(reply, <SearchPage ctx={req.ctx} form={f} matches={matches} />);
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        return html(reply, <SearchPage ctx={req.ctx} form={f} errors={e.fields} />, 400);
      }
    },
  );

  // ---- a question from a new household ----

  app.get('/sociaal-team/nieuw', { config: { access: 'casework:write' }, schema: page }, async (req, reply) =>
    html(reply, <RegisterPage ctx={req.ctx} />),
  );

  app.post(
    '/sociaal-team/nieuw',
    { config: { access: 'casework:write' }, schema: formSchema },
    async (req, reply) => {
      const ctx = contextOf(req);
      const raw = req.body as Form;
      const f = readRegisterForm(raw);
      const errors: FieldError[] = [];
      const channel = questionErrors(ctx, f, errors);
      const question = { channel: channel ?? 'walk-in', question: f.question, life_domains: f.life_domains };

      // The question joins a household the team already knows: the case lead is told.
      const existing = value(raw, 'use_household');
      if (existing && /^[0-9a-f-]{36}$/i.test(existing) && !errors.length) {
        try {
          const created = await inTenant(ctx, (tx) =>
            createSupportRequest(tx, ctx, { household_id: existing, ...question }),
          );
          return reply.redirect(`${householdHref(created.household_id)}?melding=vraag`, 303);
        } catch (err) {
          const e = formProblem(err);
          if (!e) throw err;
          return html(
            reply,
            <RegisterPage ctx={req.ctx} form={f} errors={renameDomainErrors(e.fields ?? [])} />,
            400,
          );
        }
      }

      const { body, rowOf } = householdBody(ctx, f, errors);
      // An empty question would only show after the household is saved and rolled back: say it at once.
      if (!f.question.trim()) errors.push({ field: 'question', message: ctx.texts('field.question') });
      try {
        // Household and question in one transaction: a question the use case refuses leaves no household
        // behind. The use case runs even when the form already found mistakes, so every mistake is named at
        // once; the transaction then rolls back.
        const result = await inTenant(ctx, async (tx) => {
          const registered = await registerHousehold(tx, ctx, body);
          if (errors.length) throw new AppError('validation', undefined, []);
          if (registered.kind === 'duplicates') return registered;
          await createSupportRequest(tx, ctx, { household_id: registered.household.id, ...question });
          return registered;
        });
        if (result.kind === 'duplicates')
          return html(reply, <RegisterPage ctx={req.ctx} form={f} duplicates={result.matches} />, 409);
        return reply.redirect(`${householdHref(result.household.id)}?melding=ingeschreven`, 303);
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        const fields = [...errors, ...renameDomainErrors(renameMemberErrors(e.fields ?? [], rowOf))];
        const unique = fields.filter((x, i) => fields.findIndex((y) => y.field === x.field) === i);
        return html(reply, <RegisterPage ctx={req.ctx} form={f} errors={inFormOrder(unique)} />, 400);
      }
    },
  );

  // ---- the household file ----

  app.get(
    '/sociaal-team/huishoudens/:id',
    { config: { access: 'casework:read' }, schema: { ...page, params: IdParams, querystring: NoticeQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const id = idOf(req);
      const loaded = await inTenant(ctx, async (tx) => {
        const household = await readHousehold(tx, ctx, id);
        if (household.view === 'known') return { household, assessments: undefined };
        return { household, assessments: await listAssessments(tx, ctx, id) };
      });
      if (loaded.household.view === 'known' || !loaded.assessments)
        return html(
          reply,
          <KnownHouseholdPage
            ctx={req.ctx}
            contact={loaded.household.contact}
            notice={noticeOf(req, false)}
          />,
        );
      return html(
        reply,
        <HouseholdPage
          ctx={req.ctx}
          household={loaded.household as FullHousehold}
          assessments={loaded.assessments}
          notice={noticeOf(req, loaded.household.access === 'case-lead')}
        />,
      );
    },
  );

  // ---- a new question of a known household ----

  async function showRequest(
    req: FastifyRequest,
    reply: FastifyReply,
    form?: QuestionForm,
    errors?: FieldError[],
  ) {
    const ctx = contextOf(req);
    const id = idOf(req);
    // Any professional of the team may take a question (walk-in hours); only who works on it sees the name.
    const view = await inTenant(ctx, (tx) => readHousehold(tx, ctx, id));
    const name = view.view === 'full' ? householdName(view as FullHousehold) : undefined;
    return html(
      reply,
      <RequestPage ctx={req.ctx} householdId={id} name={name} form={form} errors={errors} />,
      errors?.length ? 400 : 200,
    );
  }

  app.get(
    '/sociaal-team/huishoudens/:id/hulpvraag',
    { config: { access: 'casework:write' }, schema: { ...page, params: IdParams } },
    async (req, reply) => showRequest(req, reply),
  );

  app.post(
    '/sociaal-team/huishoudens/:id/hulpvraag',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const id = idOf(req);
      const q = readQuestion(req.body as Form);
      const errors: FieldError[] = [];
      const channel = questionErrors(ctx, q, errors);
      try {
        if (errors.length || !channel) throw new AppError('validation', undefined, errors);
        await inTenant(ctx, (tx) =>
          createSupportRequest(tx, ctx, {
            household_id: id,
            channel,
            question: q.question,
            life_domains: q.life_domains,
          }),
        );
      } catch (err) {
        const e = formProblem(err);
        if (!e) throw err;
        return showRequest(req, reply, q, renameDomainErrors(e.fields ?? []));
      }
      return reply.redirect(`${householdHref(id)}?melding=vraag`, 303);
    },
  );

  app.post(
    '/sociaal-team/hulpvragen/:id/reactie',
    { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const updated = await inTenant(ctx, (tx) => respondToSupportRequest(tx, ctx, idOf(req)));
      return reply.redirect(`${householdHref(updated.household_id)}?melding=reactie#requests`, 303);
    },
  );

  // ---- assessments ----

  for (const instrument of ['zrm', 'positive-health'] as const) {
    const url = `/sociaal-team/huishoudens/:id/${instrument === 'zrm' ? 'zrm' : 'positieve-gezondheid'}`;

    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      form?: AssessmentForm,
      errors?: FieldError[],
    ) => {
      const ctx = contextOf(req);
      const view = await inTenant(ctx, (tx) => readHousehold(tx, ctx, idOf(req)));
      // Who does not work on the household gets no form: only whom to contact.
      if (view.view === 'known')
        return html(reply, <KnownHouseholdPage ctx={req.ctx} contact={view.contact} />, 403);
      const file = view as FullHousehold;
      return html(
        reply,
        <AssessmentPage
          ctx={req.ctx}
          instrument={instrument}
          householdId={file.id}
          name={householdName(file)}
          members={file.members}
          form={form}
          errors={errors}
        />,
        errors?.length ? 400 : 200,
      );
    };

    app.get(
      url,
      { config: { access: 'casework:write' }, schema: { ...page, params: IdParams } },
      async (req, reply) => show(req, reply),
    );

    app.post(
      url,
      { config: { access: 'casework:write' }, schema: { ...formSchema, params: IdParams } },
      async (req, reply) => {
        const ctx = contextOf(req);
        const id = idOf(req);
        const form = readAssessmentForm(req.body as Form, instrument);
        const texts = textsOf(req.ctx);
        const errors: FieldError[] = [];
        if (!(moments as readonly string[]).includes(form.moment))
          errors.push({ field: 'moment', message: texts('field.momentUnknown') });
        const scores: Record<string, number> = {};
        for (const [code, v] of Object.entries(form.scores)) {
          if (!v) continue;
          if (/^\d{1,2}$/.test(v)) scores[code] = Number(v);
          else errors.push({ field: `scores.${code}`, message: texts('field.scoreUnknown') });
        }
        const personId = /^[0-9a-f-]{36}$/i.test(form.person_id) ? form.person_id : null;
        try {
          if (errors.length) throw new AppError('validation', undefined, errors);
          await inTenant(ctx, (tx) =>
            recordAssessment(tx, ctx, id, {
              instrument,
              moment: form.moment as Moment,
              scores,
              talk_about: form.talk_about.filter((c) => c in scores),
              assessed_on: form.assessed_on || undefined,
              person_id: personId,
            }),
          );
        } catch (err) {
          const e = formProblem(err);
          if (!e) throw err;
          return show(req, reply, form, e.fields ?? []);
        }
        return reply.redirect(`${householdHref(id)}?melding=meting#assessments`, 303);
      },
    );
  }

  registerPlanPages(app, contextOf, inTenant);
  registerCoursePages(app, contextOf, inTenant);

  // ---- residents ----

  app.get('/vraag-stellen', { config: { access: 'public' }, schema: page }, async (req, reply) =>
    html(
      reply,
      <AskPage
        ctx={req.ctx}
        deadlineHours={deadlineHours(requireTenant(req))}
        loggedIn={req.ctx.session !== undefined && !req.ctx.session.pendingTwoFactor}
      />,
    ),
  );
}
