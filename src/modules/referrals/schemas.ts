// One schema per route: validation, TypeScript types and the OpenAPI document.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { groupings } from './figures.js';
import { declineReasons, referralStatuses, stepLevels, stepTargets, targetKinds } from './tables.js';

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const Time = () => Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid() });

// ---- pathways ----

export const PathwayStepInput = Type.Object(
  {
    level: literals(stepLevels, 'From light to heavy'),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    target: Type.Optional(
      literals(stepTargets, 'offers (default): directory offers; or through the welfare coach / social team'),
    ),
    taxonomy_term_ids: Type.Optional(
      Type.Array(Uuid(), { maxItems: 10, description: 'Directory terms an offer must all carry' }),
    ),
    service_ids: Type.Optional(Type.Array(Uuid(), { maxItems: 20, description: 'Offers named by id' })),
    evaluate_after_weeks: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 104 }))),
  },
  { additionalProperties: false },
);

export const PathwayBody = Type.Object(
  {
    key: Type.String({
      minLength: 2,
      maxLength: 60,
      description: 'Stable name; saving with an existing key makes a new version',
    }),
    theme: Type.String({
      minLength: 1,
      maxLength: 60,
      description: 'Directory thema code, e.g. eenzaamheid',
    }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.String({ maxLength: 2000 }),
    follow_up_weeks: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 104 }), { maxItems: 6 })),
    steps: Type.Array(PathwayStepInput, { minItems: 1, maxItems: 8 }),
  },
  { additionalProperties: false, title: 'pathway' },
);
export type PathwayBody = Static<typeof PathwayBody>;

const PathwayStep = Type.Object({
  position: Type.Integer(),
  level: Type.String(),
  title: Type.String(),
  description: Type.String(),
  target: Type.String(),
  taxonomy_term_ids: Type.Array(Type.String()),
  service_ids: Type.Array(Type.String()),
  evaluate_after_weeks: Nullable(Type.Integer()),
});

export const Pathway = Type.Object(
  {
    id: Uuid(),
    key: Type.String(),
    version: Type.Integer(),
    theme: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    follow_up_weeks: Type.Array(Type.Integer()),
    created_at: Time(),
    steps: Type.Array(PathwayStep),
  },
  { title: 'pathway (current version)' },
);
export const PathwayList = Type.Object({ pathways: Type.Array(Pathway) });
export const PathwayListQuery = Type.Object({ theme: Type.Optional(Type.String({ maxLength: 60 })) });

const ResolvedOffer = Type.Object({
  id: Uuid(),
  name: Type.String(),
  organization: Nullable(Type.String()),
  place: Nullable(Type.String()),
  distance_km: Nullable(Type.Number()),
  access: Nullable(Type.String()),
});

export const ResolvedPathway = Type.Object(
  {
    id: Uuid(),
    key: Type.String(),
    version: Type.Integer(),
    theme: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    follow_up_weeks: Type.Array(Type.Integer()),
    created_at: Time(),
    steps: Type.Array(
      Type.Object({
        position: Type.Integer(),
        level: Type.String(),
        title: Type.String(),
        description: Type.String(),
        target: Type.String(),
        evaluate_after_weeks: Nullable(Type.Integer()),
        terms: Type.Array(Type.String()),
        offers: Type.Array(ResolvedOffer),
      }),
    ),
  },
  { title: 'pathway with the nearest offers per step' },
);
export const ResolveQuery = Type.Object({
  postcode: Type.Optional(
    Type.String({ maxLength: 10, description: 'Resident’s postcode: offers nearest to it first' }),
  ),
});

// ---- referrals ----

export const ResidentInput = Type.Object(
  {
    given_name: Type.String({ maxLength: 100 }),
    family_name: Type.String({ maxLength: 150 }),
    birth_date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    postcode: Type.String({ maxLength: 10 }),
    house_number: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: 99999, description: 'Needed for the social team' })),
    ),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const ReferralBody = Type.Object(
  {
    resident: Type.Optional(ResidentInput),
    household_id: Type.Optional(Uuid('A household you work on, instead of resident')),
    target: Type.Union([
      Type.Object({ service_id: Uuid('A directory offer') }, { additionalProperties: false }),
      Type.Object(
        { kind: Type.Union([Type.Literal('welfare-coach'), Type.Literal('social-team')]) },
        { additionalProperties: false },
      ),
    ]),
    reason: Type.String({ maxLength: 4000 }),
    consent: Type.Object(
      {
        given: Type.Boolean({ description: 'Must be true: the resident agreed' }),
        scope: Type.String({ maxLength: 1000, description: 'What the resident agreed to' }),
        shared_with: Type.Optional(Type.String({ maxLength: 300, description: 'Default: the receiver' })),
      },
      { additionalProperties: false },
    ),
    no_contact: Type.Optional(Type.Boolean({ description: 'The resident wants no e-mail about it' })),
    pathway_id: Type.Optional(Uuid('The pathway version the referral follows')),
    pathway_step: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
    confirm_duplicate: Type.Optional(
      Type.Boolean({ description: 'Send although the same resident went to the same target this week' }),
    ),
  },
  { additionalProperties: false, title: 'new referral' },
);
export type ReferralBody = Static<typeof ReferralBody>;

const Event = Type.Object({
  status: Type.String(),
  at: Time(),
  actor: Nullable(Type.String()),
  reason_code: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

export const Referral = Type.Object(
  {
    id: Uuid(),
    view: Type.String({
      description: 'receiver: everything the purpose needs; referrer: status and outcome',
    }),
    status: literals(referralStatuses),
    target: Type.Object({
      kind: literals(targetKinds),
      service_id: Nullable(Uuid()),
      service_name: Nullable(Type.String()),
      organization_name: Nullable(Type.String()),
    }),
    referrer: Nullable(Type.String()),
    receiver: Nullable(Type.String()),
    created_at: Time(),
    respond_before: Time(),
    first_contact_at: Nullable(Time()),
    overdue: Type.Boolean(),
    pathway: Nullable(Type.Object({ id: Uuid(), title: Type.String(), step: Nullable(Type.Integer()) })),
    history: Type.Array(Event),
    outcome: Nullable(Type.String()),
    offers: Type.Array(
      Type.Object({
        id: Uuid(),
        service_id: Nullable(Uuid()),
        service_name: Nullable(Type.String()),
        organization_name: Nullable(Type.String()),
        status: Type.String(),
      }),
    ),
    report_due_at: Nullable(Time()),
    evaluate_at: Nullable(Time()),
    follow_up_at: Nullable(Time()),
    parent_id: Nullable(Uuid()),
    closed_at: Nullable(Time()),
    resident: Type.Object({
      given_name: Type.String(),
      family_name: Type.String(),
      birth_date: Type.Optional(Type.String()),
      postcode: Type.Optional(Type.String()),
      house_number: Type.Optional(Nullable(Type.Integer())),
      phone: Type.Optional(Nullable(Type.String())),
      email: Type.Optional(Nullable(Type.String())),
    }),
    household_id: Type.Optional(Nullable(Uuid('Receiver only: the household in casework'))),
    support_request_id: Type.Optional(Nullable(Uuid('Receiver only: the support request it became'))),
    reason: Nullable(Type.String()),
    consent: Nullable(
      Type.Object({
        scope: Type.String(),
        shared_with: Type.String(),
        given_at: Time(),
        no_contact: Type.Boolean(),
      }),
    ),
  },
  { title: 'referral' },
);

/** The conflict problem; a duplicate referral adds `existing`, the one to look at first. */
export const DuplicateProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    reference: Type.Optional(Type.String()),
    existing: Type.Optional(
      Type.Object({ id: Uuid(), url: Type.String(), created_at: Time(), status: Type.String() }),
    ),
  },
  { title: 'conflict, e.g. a duplicate referral (warning with a link)' },
);

export const ListQuery = Type.Object({
  role: Type.Optional(literals(['sent', 'received'] as const, 'sent (default) or received')),
});
export const ReferralList = Type.Object({
  referrals: Type.Array(
    Type.Object({
      id: Uuid(),
      status: Type.String(),
      target: Type.String(),
      target_kind: Type.String(),
      resident: Type.String(),
      created_at: Time(),
      respond_before: Time(),
      overdue: Type.Boolean(),
    }),
  ),
});

export const StatusBody = Type.Object(
  {
    status: literals(referralStatuses),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    reason_code: Type.Optional(literals(declineReasons, 'Category of the reason, when declining')),
    outcome: Type.Optional(Type.String({ maxLength: 2000, description: 'Short outcome for the referrer' })),
  },
  { additionalProperties: false, title: 'status change' },
);
export type StatusBody = Static<typeof StatusBody>;

export const IntakeBody = Type.Object(
  {
    pathway_id: Uuid(),
    service_ids: Type.Array(Uuid(), { maxItems: 10 }),
    report_after_weeks: Type.Integer({ minimum: 1, maximum: 52 }),
    consent_given: Type.Boolean({
      description:
        'Must be true: the resident agreed that the chosen offers’ providers get their contact details',
    }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, title: 'Welzijn op Recept intake' },
);
export type IntakeBody = Static<typeof IntakeBody>;

export const FiguresQuery = Type.Object({
  per: Type.Optional(literals(groupings)),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Inclusive' })),
});

const Shown = Type.Object({
  group: Type.String(),
  referrals: Type.String({ description: '"< 5" for 1–4' }),
  median_hours: Nullable(Type.Number()),
  p90_hours: Nullable(Type.Number()),
  within_48h_percent: Nullable(Type.Integer()),
  started: Type.String(),
  completed: Type.String(),
  no_shows: Type.String(),
  declined: Type.String(),
});
export const FiguresResult = Type.Object({
  per: Type.String(),
  from: Type.String(),
  to: Type.String(),
  groups: Type.Array(Shown),
  total: Shown,
  decline_reasons: Type.Array(Type.Object({ reason: Type.String(), count: Type.String() })),
});
