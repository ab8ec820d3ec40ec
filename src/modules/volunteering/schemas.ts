// One schema per route of volunteering: validation, types and the OpenAPI document. The schemas check shape and
// types loosely where a resident may make a mistake (kind, place, times): the use case then names each problem in
// Dutch, field by field, instead of a generic schema error.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { components } from './matcher.js';
import {
  frequencies,
  genders,
  helpKinds,
  matchStatuses,
  trainings,
  urgencies,
  volunteerCategories,
} from './vocabulary.js';

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateText = (description: string) => Type.String({ maxLength: 10, description });
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const Words = (description: string) =>
  Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30, description });

export const IdParams = Type.Object({ id: Uuid() });
export type IdParams = Static<typeof IdParams>;

export const WindowSchema = Type.Object(
  {
    day: Type.Integer({ description: '1 = Monday … 7 = Sunday' }),
    from: Type.String({ maxLength: 5, description: 'HH:MM' }),
    to: Type.String({ maxLength: 5, description: 'HH:MM, after from' }),
  },
  { additionalProperties: false, title: 'weekly window' },
);
const Windows = (description: string) => Type.Array(WindowSchema, { maxItems: 21, description });

// ---- requests ----

export const HelpRequestBody = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 40, description: `One of ${helpKinds.join(', ')}` })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    display_name: Type.Optional(
      Type.String({
        maxLength: 60,
        description: 'First name or initials: all that the public and a proposed volunteer see',
      }),
    ),
    place: Type.Optional(
      Type.String({ maxLength: 100, description: 'Village or postcode, e.g. "Heiloo" or "1851"' }),
    ),
    address: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 200,
          description: 'Street and number; shown to the volunteer only after a confirmed match',
        }),
      ),
    ),
    contact: Type.Optional(
      Nullable(Type.String({ maxLength: 200, description: 'Phone or e-mail; same rule as the address' })),
    ),
    starts_on: Type.Optional(DateText('YYYY-MM-DD; today when left out')),
    ends_on: Type.Optional(Nullable(DateText('YYYY-MM-DD, on or after starts_on'))),
    when: Type.Optional(Windows('When help is needed (at least 1)')),
    frequency: Type.Optional(literals(frequencies)),
    duration_minutes: Type.Optional(Type.Integer({ description: '15 to 1440; 60 when left out' })),
    languages: Type.Optional(Words('The volunteer must speak one of these; the first is preferred')),
    gender_preference: Type.Optional(Nullable(literals(genders))),
    gender_required: Type.Optional(
      Type.Boolean({ description: 'The gender preference is a hard requirement' }),
    ),
    no_pets: Type.Optional(Type.Boolean()),
    interests: Type.Optional(Words('For buddies and company: interests to share')),
    urgency: Type.Optional(literals(urgencies)),
    listed_publicly: Type.Optional(
      Type.Boolean({
        description: 'Shown on the public listing (without identifying details); default true',
      }),
    ),
    household_ref: Type.Optional(
      Nullable(Uuid('Casework household, when a consultant posts on behalf of a resident')),
    ),
    plan_action_ref: Type.Optional(Nullable(Uuid('Support plan action this request carries out'))),
  },
  { additionalProperties: false, title: 'new help request' },
);
export type HelpRequestBody = Static<typeof HelpRequestBody>;

const windowFields = {
  when: Type.Array(WindowSchema),
};

export const HelpRequestView = Type.Object(
  {
    id: Uuid(),
    kind: literals(helpKinds),
    description: Type.String(),
    display_name: Type.String(),
    village: Type.String(),
    area_id: Nullable(Uuid()),
    address: Nullable(Type.String({ description: 'Only for the coordinator and the requester' })),
    contact: Nullable(Type.String()),
    starts_on: Type.String(),
    ends_on: Nullable(Type.String()),
    ...windowFields,
    frequency: literals(frequencies),
    duration_minutes: Type.Integer(),
    languages: Type.Array(Type.String()),
    gender_preference: Nullable(literals(genders)),
    gender_required: Type.Boolean(),
    no_pets: Type.Boolean(),
    interests: Type.Array(Type.String()),
    urgency: literals(urgencies),
    status: Type.String({ description: 'open, matched or closed' }),
    listed_publicly: Type.Boolean(),
    on_behalf: Type.Boolean(),
    household_ref: Nullable(Uuid()),
    plan_action_ref: Nullable(Uuid()),
    created_at: Type.String({ format: 'date-time' }),
    matched_at: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'help request' },
);
export const HelpRequestList = Type.Object({ requests: Type.Array(HelpRequestView) });
export const RequestListQuery = Type.Object({
  status: Type.Optional(literals(['open', 'matched', 'closed'] as const)),
});

export const PublicRequest = Type.Object(
  {
    id: Uuid(),
    display_name: Type.String({ description: 'First name or initials' }),
    village: Type.String(),
    kind: literals(helpKinds),
    kind_text: Type.String(),
    when: Type.Array(Type.String()),
    starts_on: Type.String(),
    frequency: literals(frequencies),
  },
  { title: 'public help request' },
);
export const PublicRequestList = Type.Object({ requests: Type.Array(PublicRequest) });

// ---- offers ----

export const HelpOfferBody = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 40, description: `One of ${helpKinds.join(', ')}` })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    place: Type.Optional(Type.String({ maxLength: 100 })),
    when: Type.Optional(Windows('When the help can be given')),
    organization_name: Type.Optional(
      Nullable(
        Type.String({ maxLength: 200, description: 'Required unless a volunteer posts their own offer' }),
      ),
    ),
  },
  { additionalProperties: false, title: 'new help offer' },
);
export type HelpOfferBody = Static<typeof HelpOfferBody>;
export const HelpOfferView = Type.Object(
  {
    id: Uuid(),
    kind: literals(helpKinds),
    description: Type.String(),
    village: Type.String(),
    ...windowFields,
    by: Type.String(),
    status: Type.String(),
  },
  { title: 'help offer' },
);
export const HelpOfferList = Type.Object({ offers: Type.Array(HelpOfferView) });

// ---- volunteers ----

const TrainingInput = Type.Object(
  {
    training: Type.String({ maxLength: 40, description: `One of ${trainings.join(', ')}` }),
    issued_on: DateText('YYYY-MM-DD'),
    valid_until: Type.Optional(Nullable(DateText('YYYY-MM-DD; null when it needs no renewal'))),
  },
  { additionalProperties: false },
);

export const VolunteerBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 150 })),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    birth_date: Type.Optional(DateText('YYYY-MM-DD (minimum age per kind of work)')),
    gender: Type.Optional(Nullable(literals(genders))),
    place: Type.Optional(Type.String({ maxLength: 100, description: 'Village or postcode' })),
    categories: Type.Optional(Words(`${volunteerCategories.join(', ')}`)),
    fields: Type.Optional(Words('e.g. care, neighbourhood, activities, language')),
    kinds: Type.Optional(Words(`Kinds of help: ${helpKinds.join(', ')}`)),
    skills: Type.Optional(Words('Skills')),
    interests: Type.Optional(Words('Interests')),
    languages: Type.Optional(Words('Languages spoken (ISO 639-1), default nl')),
    availability: Type.Optional(Windows('Weekly availability')),
    max_distance_km: Type.Optional(Type.Number()),
    capacity_at_once: Type.Optional(Type.Integer()),
    capacity_per_month: Type.Optional(Type.Integer()),
    user_id: Type.Optional(Nullable(Uuid('The volunteer’s own account'))),
    account_email: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 200,
          description: 'Or: link the volunteer account with this e-mail address',
        }),
      ),
    ),
    vog_issued_on: Type.Optional(
      Nullable(DateText('Issue date of the VOG; valid 3 years for work that needs one')),
    ),
    trainings: Type.Optional(Type.Array(TrainingInput, { maxItems: 20 })),
  },
  { additionalProperties: false, title: 'volunteer intake' },
);
export type VolunteerBody = Static<typeof VolunteerBody>;

export const CredentialBody = Type.Object(
  {
    kind: literals(['vog', 'training'] as const),
    training: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    issued_on: DateText('YYYY-MM-DD'),
    valid_until: Type.Optional(Nullable(DateText('Trainings: until when it counts'))),
  },
  { additionalProperties: false, title: 'VOG or training' },
);
export type CredentialBody = Static<typeof CredentialBody>;

export const AppreciationBody = Type.Object(
  {
    kind: literals(['thank-you', 'anniversary', 'volunteer-of-the-year'] as const),
    given_on: Type.Optional(DateText('YYYY-MM-DD; today when left out')),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false, title: 'appreciation moment' },
);
export type AppreciationBody = Static<typeof AppreciationBody>;

export const VolunteerView = Type.Object(
  {
    id: Uuid(),
    user_id: Nullable(Uuid()),
    name: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    birth_date: Type.String(),
    gender: Nullable(literals(genders)),
    village: Type.String(),
    categories: Type.Array(Type.String()),
    fields: Type.Array(Type.String()),
    kinds: Type.Array(Type.String()),
    skills: Type.Array(Type.String()),
    interests: Type.Array(Type.String()),
    languages: Type.Array(Type.String()),
    availability: Type.Array(WindowSchema),
    max_distance_km: Type.Number(),
    capacity_at_once: Type.Integer(),
    capacity_per_month: Type.Integer(),
    load: Type.Integer({ description: 'Matches taking up capacity now' }),
    active: Type.Boolean(),
    intake_on: Type.String(),
    credentials: Type.Array(
      Type.Object({
        id: Uuid(),
        kind: Type.String(),
        training: Nullable(Type.String()),
        issued_on: Type.String(),
        valid_until: Nullable(Type.String()),
        valid: Type.Boolean(),
      }),
    ),
    appreciations: Type.Array(
      Type.Object({ kind: Type.String(), given_on: Type.String(), note: Nullable(Type.String()) }),
    ),
  },
  { title: 'volunteer' },
);
export const VolunteerList = Type.Object({ volunteers: Type.Array(VolunteerView) });

// ---- matches ----

const Reason = Type.Object({
  component: Type.String(),
  value: Type.Number({ description: '0–1' }),
  weight: Type.Number(),
  text: Type.String({ description: 'Why, in words' }),
});

export const MatchView = Type.Object(
  {
    id: Uuid(),
    request_id: Uuid(),
    volunteer_id: Uuid(),
    volunteer_name: Type.String(),
    kind: literals(helpKinds),
    display_name: Type.String(),
    village: Type.String(),
    status: literals(matchStatuses),
    score: Type.Number({ description: '0–100' }),
    reasons: Type.Array(Reason),
    run_id: Nullable(Uuid()),
    proposed_at: Type.String({ format: 'date-time' }),
    meeting_place: Nullable(Type.String()),
    introduced_at: Nullable(Type.String()),
    confirmed_at: Nullable(Type.String()),
    trial_until: Nullable(Type.String()),
    ends_on: Nullable(Type.String()),
    evaluation_due_on: Nullable(Type.String()),
    end_reason: Nullable(Type.String()),
    declined_by: Nullable(Type.String()),
  },
  { title: 'match' },
);
export const MatchList = Type.Object({ matches: Type.Array(MatchView) });
export const MatchListQuery = Type.Object({ status: Type.Optional(literals(matchStatuses)) });

export const ProposeBody = Type.Object(
  { request_id: Uuid(), volunteer_id: Uuid() },
  { additionalProperties: false, title: 'match proposal' },
);
export type ProposeBody = Static<typeof ProposeBody>;

export const StatusBody = Type.Object(
  {
    status: literals(matchStatuses),
    meeting_place: Type.Optional(
      Nullable(
        Type.String({ maxLength: 200, description: 'Required for introduced: the neutral meeting place' }),
      ),
    ),
    reason: Type.Optional(
      Nullable(Type.String({ maxLength: 1000, description: 'Required for ended-early' })),
    ),
    declined_by: Type.Optional(Nullable(literals(['requester', 'volunteer', 'coordinator'] as const))),
  },
  { additionalProperties: false, title: 'match status change' },
);
export type StatusBody = Static<typeof StatusBody>;

export const Candidate = Type.Object({
  volunteer_id: Uuid(),
  name: Type.String(),
  village: Type.String(),
  eligible: Type.Boolean(),
  score: Type.Union([Type.Null(), Type.Number()]),
  reasons: Type.Array(Reason),
  exclusions: Type.Array(Type.Object({ filter: Type.String(), text: Type.String() })),
});
export const CandidateList = Type.Object({ candidates: Type.Array(Candidate) });

export const RunBody = Type.Object(
  {
    weights: Type.Optional(
      Type.Object(
        Object.fromEntries(components.map((c) => [c, Type.Optional(Type.Number({ description: '0–10' }))])),
        {
          additionalProperties: false,
        },
      ),
    ),
    from: Type.Optional(DateText('First day of the period; today when left out')),
    to: Type.Optional(DateText('Last day; a week after from when left out')),
  },
  { additionalProperties: false, title: 'matching run' },
);
export type RunBody = Static<typeof RunBody>;

export const RunView = Type.Object(
  {
    id: Uuid(),
    period_from: Type.String(),
    period_to: Type.String(),
    weights: Type.Record(Type.String(), Type.Number()),
    requests: Type.Integer(),
    volunteers: Type.Integer(),
    total_score: Type.Number(),
    proposals: Type.Array(MatchView),
    unmatched: Type.Array(
      Type.Object({
        request_id: Uuid(),
        display_name: Type.String(),
        kind: Type.String(),
        village: Type.String(),
        reason: Type.String(),
      }),
    ),
  },
  { title: 'matching run result' },
);

export const EvaluationBody = Type.Object(
  {
    side: Type.Optional(literals(['requester', 'volunteer'] as const)),
    rating: Type.Optional(Type.Integer({ description: '1–5' })),
    go_on: Type.Optional(Type.Boolean()),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, title: 'evaluation' },
);
export type EvaluationBody = Static<typeof EvaluationBody>;

// ---- the volunteer's own ----

export const OwnMatch = Type.Object({
  id: Uuid(),
  kind: literals(helpKinds),
  kind_text: Type.String(),
  display_name: Type.String(),
  village: Type.String(),
  description: Type.String(),
  when: Type.Array(Type.String()),
  status: literals(matchStatuses),
  address: Nullable(Type.String({ description: 'Only once the match is confirmed' })),
  contact: Nullable(Type.String({ description: 'Only once the match is confirmed' })),
  meeting_place: Nullable(Type.String()),
  ends_on: Nullable(Type.String()),
  evaluation_due_on: Nullable(Type.String()),
  contacts: Type.Array(
    Type.Object({
      id: Uuid(),
      happened_on: Type.String(),
      what: Type.String(),
      worrying: Type.Boolean(),
      flagged: Type.Boolean(),
    }),
  ),
});
export const OwnVolunteering = Type.Object({ volunteer: VolunteerView, matches: Type.Array(OwnMatch) });

export const ContactBody = Type.Object(
  {
    happened_on: Type.Optional(DateText('YYYY-MM-DD; today when left out')),
    what: Type.Optional(Type.String({ maxLength: 2000 })),
    worrying: Type.Optional(Type.Boolean({ description: 'Something worried the volunteer' })),
  },
  { additionalProperties: false, title: 'contact' },
);
export type ContactBody = Static<typeof ContactBody>;
export const DeclineBody = Type.Object(
  { reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  { additionalProperties: false },
);
export const Created = Type.Object({ id: Uuid() });

export const Worry = Type.Object({
  id: Uuid(),
  flagged_at: Type.String(),
  happened_on: Type.String(),
  what: Type.String(),
  volunteer_name: Type.String(),
  display_name: Type.String(),
  village: Type.String(),
  household_ref: Nullable(Uuid()),
});
export const WorryList = Type.Object({ worries: Type.Array(Worry) });

// ---- figures ----

export const FiguresQuery = Type.Object({
  from: Type.Optional(DateText('YYYY-MM-DD; a year ago when left out')),
  to: Type.Optional(DateText('YYYY-MM-DD; today when left out')),
});
const Count = Type.Object({
  label: Type.String(),
  // Null first: the serializer would print a null as 0 when the integer is tried first.
  value: Type.Union([Type.Null(), Type.Integer({ description: 'null when 1–4 (suppressed)' })]),
  shown: Type.String({ description: '"< 5" for 1–4' }),
});
export const FiguresView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    requests: Type.String(),
    offers: Type.String(),
    matches: Type.String(),
    waiting_requests: Type.String(),
    median_days_to_match: Type.Union([Type.Null(), Type.Number()]),
    share_matched_percent: Type.Union([Type.Null(), Type.Integer()]),
    requests_by_kind: Type.Array(Count),
    active_volunteers_by_category: Type.Array(Count),
    active_volunteers_by_area: Type.Array(Count),
  },
  { title: 'volunteering figures' },
);
