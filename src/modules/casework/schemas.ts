// One schema per route of casework: validation, types and the OpenAPI document. The schemas check shape and
// types; what a value means (a birth date in the future, a BSN that fails the eleven test, a score outside the
// instrument's range, an unknown life domain) is checked by the use case, which names each field in Dutch.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { positiveHealth6, zrm2017 } from './instruments.js';
import { channels, instruments, memberRelations, moments } from './tables.js';

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
const DateText = (description: string) => Type.String({ format: 'date', description });
/** One of a fixed list of codes: a JSON Schema enum, typed as the union of the codes. */
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const zrmCodes = zrm2017.items.map((i) => i.code).join(', ');
const healthCodes = positiveHealth6.items.map((i) => i.code).join(', ');

export const IdParams = Type.Object({ id: Uuid() });
export const CoWorkerParams = Type.Object({ id: Uuid('The household'), userId: Uuid('The colleague') });

// ---- households ----

export const MemberInput = Type.Object(
  {
    given_name: Type.String({ minLength: 1, maxLength: 100 }),
    family_name: Type.String({
      minLength: 1,
      maxLength: 150,
      description: 'With prefix, e.g. "van der Berg"',
    }),
    birth_date: DateText('YYYY-MM-DD, not in the future'),
    bsn: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 20,
          description: 'Burgerservicenummer, 9 digits (eleven test). Optional; stored encrypted.',
        }),
      ),
    ),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    relation: Type.Optional(Nullable(literals(memberRelations, 'Place in the household'))),
  },
  { additionalProperties: false, title: 'household member' },
);
export type MemberInput = Static<typeof MemberInput>;

export const AddressInput = Type.Object(
  {
    postcode: Type.String({ maxLength: 10, description: 'Dutch postcode, e.g. 1931 AB' }),
    house_number: Type.Integer({ minimum: 1, maximum: 99999 }),
    house_number_addition: Type.Optional(
      Nullable(Type.String({ maxLength: 10, description: 'e.g. A or 2' })),
    ),
    street: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false, title: 'address' },
);
export type AddressInput = Static<typeof AddressInput>;

export const HouseholdBody = Type.Object(
  {
    members: Type.Array(MemberInput, { minItems: 1, maxItems: 20 }),
    address: AddressInput,
    confirm_new_household: Type.Optional(
      Type.Boolean({
        description:
          'Register even though possible duplicates were found (after checking that it is another household)',
      }),
    ),
  },
  { additionalProperties: false, title: 'new household' },
);
export type HouseholdBody = Static<typeof HouseholdBody>;

export const LookupBody = Type.Object(
  {
    members: Type.Optional(
      Type.Array(
        Type.Object(
          {
            given_name: Type.String({ minLength: 1, maxLength: 100 }),
            family_name: Type.String({ minLength: 1, maxLength: 150 }),
            birth_date: DateText('YYYY-MM-DD'),
            bsn: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    address: Type.Optional(
      Type.Object(
        {
          postcode: Type.String({ maxLength: 10 }),
          house_number: Type.Integer({ minimum: 1, maximum: 99999 }),
          house_number_addition: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, title: 'lookup' },
);
export type LookupBody = Static<typeof LookupBody>;

export const UserRef = Type.Object(
  { id: Uuid(), name: Type.String(), email: Type.String() },
  { title: 'colleague' },
);

const AreaRef = Type.Object({
  id: Uuid(),
  kind: Type.String({ description: 'municipality, core, district or neighbourhood' }),
  code: Nullable(Type.String()),
  name: Type.String(),
});
export const AreaSchema = Type.Object(
  {
    ...AreaRef.properties,
    path: Type.Array(AreaRef, { description: 'From this area up to the municipality' }),
  },
  { title: 'area' },
);

const PersonSchema = Type.Object(
  {
    id: Uuid(),
    given_name: Type.String(),
    family_name: Type.String(),
    birth_date: Type.String({ format: 'date' }),
    relation: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    has_bsn: Type.Boolean(),
    bsn: Nullable(
      Type.String({ description: 'Only for roles that need it (expert consultants); null otherwise' }),
    ),
  },
  { title: 'person' },
);

const CoWorkerSchema = Type.Object(
  {
    user: UserRef,
    granted_at: Timestamp(),
    granted_by: Nullable(UserRef),
    reason: Type.String(),
  },
  { title: 'co-worker' },
);
export { CoWorkerSchema };

const CaseSchema = Type.Object(
  {
    id: Uuid(),
    status: Type.String({ description: 'open or closed' }),
    opened_at: Timestamp(),
    case_lead: UserRef,
    co_workers: Type.Array(CoWorkerSchema),
    version: Type.Integer(),
  },
  { title: 'case' },
);

export const SupportRequestSchema = Type.Object(
  {
    id: Uuid(),
    household_id: Uuid(),
    case_id: Uuid(),
    person_id: Nullable(Uuid()),
    channel: literals(channels),
    question: Type.String({ description: "In the resident's own words" }),
    life_domains: Type.Array(Type.String()),
    first_contact: Nullable(UserRef),
    received_at: Timestamp(),
    respond_before: Timestamp(
      'The response deadline: received_at plus the tenant setting (default 48 hours)',
    ),
    responded_at: Nullable(Timestamp()),
    overdue: Type.Boolean(),
    overdue_at: Nullable(Timestamp('When the deadline watch found it unanswered and told the team lead')),
  },
  { title: 'support request' },
);

const Access = literals(
  ['case-lead', 'co-worker', 'team-lead', 'known'] as const,
  'Why the caller sees what it sees; "known" shows only that the household is known and whom to contact',
);

export const HouseholdView = Type.Object(
  {
    id: Uuid(),
    view: literals(['full', 'known'] as const),
    access: Access,
    contact: Nullable(UserRef),
    address: Type.Optional(
      Type.Object({
        postcode: Type.String(),
        house_number: Type.Integer(),
        house_number_addition: Nullable(Type.String()),
        street: Nullable(Type.String()),
        city: Nullable(Type.String()),
      }),
    ),
    area: Type.Optional(Nullable(AreaSchema)),
    members: Type.Optional(Type.Array(PersonSchema)),
    case: Type.Optional(Nullable(CaseSchema)),
    support_requests: Type.Optional(Type.Array(SupportRequestSchema)),
    created_at: Type.Optional(Timestamp()),
  },
  {
    title: 'household',
    description:
      'The full file for the case lead, co-workers and team leads; for other professionals only the "known" view: id, contact.',
  },
);

export const DuplicateMatch = Type.Object(
  {
    household_id: Uuid(),
    reasons: Type.Array(literals(['same-person', 'same-bsn', 'same-address'] as const)),
    members: Type.Array(Type.Integer(), {
      description: 'Indexes of the given members that match someone there',
    }),
    contact: Nullable(UserRef),
  },
  { title: 'possible duplicate' },
);

export const LookupResult = Type.Object({ matches: Type.Array(DuplicateMatch) });

export const DuplicateProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    reference: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    possible_duplicates: Type.Optional(Type.Array(DuplicateMatch)),
  },
  { title: 'problem with possible duplicates' },
);

export const CoWorkerBody = Type.Object(
  {
    user_id: Uuid('A colleague in the social team'),
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Why the colleague needs access (logged)',
    }),
  },
  { additionalProperties: false },
);
export type CoWorkerBody = Static<typeof CoWorkerBody>;

// ---- support requests ----

export const SupportRequestBody = Type.Object(
  {
    household_id: Uuid(),
    channel: literals(channels, 'How the question came in'),
    question: Type.String({ minLength: 1, maxLength: 4000, description: "In the resident's own words" }),
    life_domains: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: 13,
        description: `ZRM life domains the question touches: ${zrmCodes}`,
      }),
    ),
    person_id: Type.Optional(Nullable(Uuid('The member whose question it is'))),
  },
  { additionalProperties: false, title: 'new support request' },
);
export type SupportRequestBody = Static<typeof SupportRequestBody>;

export const dueFilters = ['overdue', 'today', 'tomorrow', 'week', 'open'] as const;
export type DueFilter = (typeof dueFilters)[number];

export const OverviewQuery = Type.Object({
  due: Type.Optional(
    literals(
      dueFilters,
      'overdue: deadline passed; today / tomorrow: deadline falls on that day (Dutch time); week: within 7 days; open: every unanswered request (default)',
    ),
  ),
  mine: Type.Optional(Type.Boolean({ description: 'Only requests of cases I lead' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});
export type OverviewQuery = Static<typeof OverviewQuery>;

export const OverviewItem = Type.Object(
  {
    id: Uuid(),
    household_id: Uuid(),
    case_id: Uuid(),
    channel: literals(channels),
    received_at: Timestamp(),
    respond_before: Timestamp(),
    due: literals(['overdue', 'today', 'tomorrow', 'later'] as const),
    overdue_at: Nullable(Timestamp()),
    case_lead: Nullable(UserRef),
    area: Nullable(Type.Object({ id: Uuid(), name: Type.String() })),
    access: Access,
    household_label: Nullable(
      Type.String({ description: 'Family names; only for those who work on the household' }),
    ),
    life_domains: Nullable(
      Type.Array(Type.String(), { description: 'Only for those who work on the household' }),
    ),
  },
  { title: 'due support request' },
);

export const Overview = Type.Object({
  due: literals(dueFilters),
  generated_at: Timestamp(),
  counts: Type.Object({
    overdue: Type.Integer(),
    today: Type.Integer(),
    open: Type.Integer(),
  }),
  items: Type.Array(OverviewItem),
});

// ---- assessments ----

export const AssessmentBody = Type.Object(
  {
    instrument: literals(instruments),
    moment: literals(moments),
    scores: Type.Record(Type.String({ maxLength: 60 }), Type.Number(), {
      description: `Item code → score. zrm (1–5): ${zrmCodes}. positive-health (0–10): ${healthCodes}`,
    }),
    talk_about: Type.Optional(
      Type.Array(Type.String({ maxLength: 60 }), {
        maxItems: 60,
        description: 'Positive health only: the items the resident marked "hier wil ik over praten"',
      }),
    ),
    assessed_on: Type.Optional(DateText('Day of the assessment, default today; not in the future')),
    person_id: Type.Optional(Nullable(Uuid('The member assessed; leave out for the household as a whole'))),
  },
  { additionalProperties: false, title: 'new assessment' },
);
export type AssessmentBody = Static<typeof AssessmentBody>;

export const AssessmentSchema = Type.Object(
  {
    id: Uuid(),
    household_id: Uuid(),
    case_id: Uuid(),
    person_id: Nullable(Uuid()),
    instrument: literals(instruments),
    item_set: Type.String({ description: 'Version of the items, e.g. zrm-2017' }),
    moment: literals(moments),
    assessed_on: Type.String({ format: 'date' }),
    assessor: Nullable(UserRef),
    created_at: Timestamp(),
    scores: Type.Record(Type.String(), Type.Integer()),
    talk_about: Type.Array(Type.String()),
  },
  { title: 'assessment' },
);

const Point = Type.Object({
  assessment_id: Uuid(),
  moment: literals(moments),
  assessed_on: Type.String({ format: 'date' }),
  score: Type.Integer(),
});

export const AssessmentList = Type.Object({
  household_id: Uuid(),
  assessments: Type.Array(AssessmentSchema, { description: 'Oldest first' }),
  changes: Type.Array(
    Type.Object(
      {
        instrument: literals(instruments),
        person_id: Nullable(Uuid()),
        code: Type.String(),
        label: Type.String(),
        first: Point,
        latest: Point,
        change: Type.Integer({ description: 'latest minus first; positive is better on both instruments' }),
        series: Type.Array(Point),
      },
      { title: 'change per item' },
    ),
  ),
});

export const InstrumentList = Type.Object({
  item_sets: Type.Array(
    Type.Object({
      id: Type.String(),
      instrument: literals(instruments),
      current: Type.Boolean(),
      min: Type.Integer(),
      max: Type.Integer(),
      talk_flag: Type.Boolean(),
      items: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
      levels: Type.Array(Type.Object({ score: Type.Integer(), label: Type.String() })),
    }),
  ),
});
