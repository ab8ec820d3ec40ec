// One schema per route of signals: validation, types and the OpenAPI document. Shapes and lengths are checked
// here; what a value means (an active category, a place in the tenant, a known offer) is checked by the use case.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { HouseholdBody } from '../casework/index.js';
import { signalSubjects, triageDecisions, urgencies } from './tables.js';

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = () => Type.String({ format: 'date-time' });
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const MAX_DESCRIPTION = 4000;

export const clusterDecisions = ['collective-offer', 'inform-partners', 'area-plan', 'no-action'] as const;
export type ClusterDecision = (typeof clusterDecisions)[number];

export const IdParams = Type.Object({ id: Uuid() });
export const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
export const StatusCodeParams = Type.Object({ code: Type.String({ maxLength: 20 }) });

// ---- categories ----

export const Category = Type.Object({
  code: Type.String(),
  label: Type.String({ description: 'In the language of the request' }),
  label_nl: Type.String(),
  label_en: Type.String(),
  life_domains: Type.Array(Type.String(), { description: 'ZRM life domain codes (casework)' }),
  active: Type.Boolean(),
});
export const CategoryList = Type.Object({ categories: Type.Array(Category) });

export const CategoryBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'Lower case, digits and hyphens' }),
    label_nl: Type.String({ minLength: 1, maxLength: 120 }),
    label_en: Type.Optional(Type.String({ maxLength: 120 })),
    life_domains: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 13 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CategoryBody = Static<typeof CategoryBody>;

export const CategoryPatch = Type.Partial(Type.Omit(CategoryBody, ['code']), { additionalProperties: false });
export type CategoryPatch = Static<typeof CategoryPatch>;

export const CategoryListQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: 'Also inactive categories' })),
});

// ---- reporting ----

export const SignalBody = Type.Object(
  {
    category: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'A code from GET /api/v1/signal-categories',
    }),
    description: Type.String({
      maxLength: MAX_DESCRIPTION,
      description: 'What the reporter saw; plain text',
    }),
    about: literals(signalSubjects, 'A person or household, or a collective issue in an area'),
    urgency: Type.Optional(literals(urgencies, 'urgent: triaged the same day')),
    area: Type.Optional(Type.String({ maxLength: 200, description: 'Place name or postcode' })),
    person: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 200 })),
          street: Type.Optional(Type.String({ maxLength: 200 })),
          postcode: Type.Optional(Type.String({ maxLength: 10 })),
          house_number: Type.Optional(Type.Integer({ minimum: 1, maximum: 99999 })),
          house_number_addition: Type.Optional(Type.String({ maxLength: 10 })),
          age: Type.Optional(Type.String({ maxLength: 40, description: 'e.g. "about 80"' })),
        },
        { additionalProperties: false },
      ),
    ),
    anonymous: Type.Optional(
      Type.Boolean({
        description: 'Public form only: nothing about the reporter is stored, no IP address either',
      }),
    ),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 200 })),
          email: Type.Optional(Type.String({ maxLength: 200 })),
          phone: Type.Optional(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SignalBody = Static<typeof SignalBody>;

export const ReportResult = Type.Object({
  id: Uuid(),
  triage_before: Timestamp(),
  status_code: Nullable(Type.String({ description: 'Public reporters: look up the status with it' })),
  duplicate_of: Nullable(Uuid('An earlier report about the same household')),
});

export const PublicStatus = Type.Object({
  status: Type.Union([Type.Literal('received'), Type.Literal('picked-up')]),
  received_at: Timestamp(),
});

const statusLiteral = Type.Union([
  Type.Literal('received'),
  Type.Literal('in-progress'),
  Type.Literal('picked-up'),
]);
const Ref = Nullable(Type.Object({ id: Uuid(), name: Type.String() }));

export const SignalView = Type.Object({
  id: Uuid(),
  view: Type.Union([Type.Literal('full'), Type.Literal('status')]),
  status: statusLiteral,
  category: Category,
  received_at: Timestamp(),
  triaged_at: Nullable(Timestamp()),
  about: Type.Optional(Type.String()),
  urgency: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  reporter: Type.Optional(
    Nullable(
      Type.Object({
        name: Nullable(Type.String()),
        role: Nullable(Type.String()),
        email: Nullable(Type.String()),
        phone: Nullable(Type.String()),
      }),
    ),
  ),
  description: Type.Optional(Type.String()),
  person: Type.Optional(
    Nullable(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  ),
  place: Type.Optional(Nullable(Type.String())),
  area: Type.Optional(Nullable(Type.Object({ id: Uuid(), name: Type.String() }))),
  triage_before: Type.Optional(Timestamp()),
  overdue: Type.Optional(Type.Boolean()),
  escalated_at: Type.Optional(Nullable(Timestamp())),
  assigned_to: Type.Optional(Ref),
  household_id: Type.Optional(Nullable(Uuid())),
  support_request_id: Type.Optional(Nullable(Uuid())),
  decision: Type.Optional(Nullable(Type.String())),
  decision_reason: Type.Optional(Nullable(Type.String())),
  triaged_by: Type.Optional(Ref),
  duplicate_of: Type.Optional(Nullable(Uuid())),
  duplicates: Type.Optional(Type.Array(Uuid())),
  cluster_id: Type.Optional(Nullable(Uuid())),
});

export const SignalListQuery = Type.Object({
  status: Type.Optional(literals(['open', 'triaged', 'all'] as const, 'open (default): not yet triaged')),
  mine: Type.Optional(Type.Boolean({ description: 'Only signals assigned to me' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const SignalList = Type.Object({
  signals: Type.Array(
    Type.Object({
      id: Uuid(),
      status: statusLiteral,
      category: Category,
      about: Type.String(),
      urgency: Type.String(),
      source: Type.String(),
      area: Nullable(Type.Object({ id: Uuid(), name: Type.String() })),
      received_at: Timestamp(),
      triage_before: Timestamp(),
      overdue: Type.Boolean(),
      escalated: Type.Boolean(),
      assigned_to: Nullable(Type.String()),
      decision: Nullable(Type.String()),
      duplicate_of: Nullable(Uuid()),
    }),
  ),
});

// ---- triage ----

export const TriageBody = Type.Object(
  {
    assign_to: Type.Optional(Uuid('A consultant or district coach (triage role)')),
    household_id: Type.Optional(Uuid('Link to a known household')),
    new_household: Type.Optional(HouseholdBody),
    decision: Type.Optional(literals(triageDecisions)),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required with a decision' })),
  },
  { additionalProperties: false },
);
export type TriageBody = Static<typeof TriageBody>;

// ---- clusters ----

export const ClusterQuery = Type.Object({
  area: Type.Optional(
    Type.String({ maxLength: 200, description: 'Place name, area name, postcode or area id' }),
  ),
});

export const Cluster = Type.Object({
  id: Uuid(),
  category: Category,
  area: Type.Object({ id: Uuid(), name: Type.String() }),
  count: Type.Integer({ description: 'Households and area reports, each counted once' }),
  reports: Type.Integer(),
  first_at: Timestamp(),
  last_at: Timestamp(),
  trend: Type.Object({
    last_30_days: Type.Integer(),
    previous_30_days: Type.Integer(),
    direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('same')]),
  }),
  words: Type.Array(Type.String(), { description: 'Words at least three of its reports use' }),
  on_agenda: Type.Boolean(),
  decision: Nullable(literals(clusterDecisions)),
  decision_note: Nullable(Type.String()),
  offer_id: Nullable(Uuid()),
  plan_priority: Nullable(Type.String()),
  decided_at: Nullable(Timestamp()),
});
export const ClusterList = Type.Object({ clusters: Type.Array(Cluster) });

export const DecisionBody = Type.Object(
  {
    decision: literals(clusterDecisions),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    offer_id: Type.Optional(Type.String({ maxLength: 300, description: 'Directory offer id or its link' })),
    plan_priority: Type.Optional(Type.String({ maxLength: 300, description: 'Required for area-plan' })),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

// ---- figures ----

const Figure = Type.Object({
  count: Nullable(Type.Integer({ description: 'Left out (null) when 1–4' })),
  shown: Type.String({ description: '"< 5" for 1–4' }),
});
const Labelled = Type.Array(
  Type.Object({ label: Type.String(), count: Nullable(Type.Integer()), shown: Type.String() }),
);

/** One row per label, one figure per month (in the order of over_time.months). */
const OverTime = Type.Array(Type.Object({ label: Type.String(), months: Type.Array(Figure) }));

export const FigureQuery = Type.Object({
  months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36 })),
});

export const Figures = Type.Object({
  from: Timestamp(),
  total: Figure,
  per_source: Labelled,
  per_category: Labelled,
  per_area: Labelled,
  per_month: Labelled,
  over_time: Type.Object({
    months: Type.Array(Type.String({ description: 'YYYY-MM' })),
    per_source: OverTime,
    per_category: OverTime,
    per_area: OverTime,
  }),
  time_to_triage_hours: Type.Object({
    triaged: Figure,
    median: Nullable(Type.Number()),
    p90: Nullable(Type.Number()),
  }),
  share_leading_to_contact: Nullable(Type.Integer({ description: 'Percent; null when the base is small' })),
  clusters: Type.Object({ total: Figure, decided: Figure, decisions: Labelled }),
});

/**
 * 409: a new household that may be known already (nothing saved; whom to contact, casework's known view), or
 * another conflict such as a signal triaged already (then without possible_duplicates).
 */
export const DuplicateProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    possible_duplicates: Type.Optional(
      Type.Array(Type.Object({ household_id: Uuid() }, { additionalProperties: true })),
    ),
  },
  { additionalProperties: true },
);

// ---- settings ----

export const Settings = Type.Object({
  safety_notice_nl: Nullable(
    Type.String({ description: 'Acute-danger text above the report form; null: standard' }),
  ),
  safety_notice_en: Nullable(Type.String()),
  retention_days: Type.Integer({ description: 'Days after triage that a signal without follow-up is kept' }),
  cluster_window_days: Type.Integer({
    description: 'Reports this many days apart can form one collective signal',
  }),
  cluster_minimum: Type.Integer({ description: 'From this many households or area reports on the agenda' }),
});

export const SettingsBody = Type.Object(
  {
    safety_notice_nl: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    safety_notice_en: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    retention_days: Type.Optional(Type.Integer()),
    cluster_window_days: Type.Optional(Type.Integer()),
    cluster_minimum: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type SettingsBody = Static<typeof SettingsBody>;
