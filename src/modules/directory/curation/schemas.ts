// One schema per route of keeping the directory current: validation, types and the OpenAPI document.
// Bodies check types and lengths; what a value means (is 25:00 a time? is the end after the start?) is
// checked by the use case, which answers with a Dutch message per field.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CompiledServiceSchema } from '../schemas.js';

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Text = (maxLength: number, description: string) => Nullable(Type.String({ maxLength, description }));
const Timestamp = (description: string) => Type.String({ format: 'date-time', description });
const DateText = (description: string) => Type.String({ format: 'date', description });

export const IdParams = Type.Object({ id: Uuid() });
export const TenantQuery = Type.Object({
  tenant: Type.Optional(Type.String({ description: 'Tenant slug, e.g. buch' })),
});

export const ScheduleInput = Type.Object(
  {
    id: Nullable(Uuid('An existing schedule of the offer; leave out for a new one')),
    freq: Text(10, 'How often: DAILY, WEEKLY, MONTHLY or YEARLY; null when only described'),
    byday: Text(100, 'Days, e.g. MO,WE; with MONTHLY the week in front, e.g. 2TU,4TU'),
    opens_at: Text(10, 'Start time, HH:MM, e.g. 09:30'),
    closes_at: Text(10, 'End time, HH:MM, after the start time'),
    description: Text(600, 'The time in words, e.g. "Elke donderdagochtend van 10.00 tot 11.30 uur"'),
  },
  { additionalProperties: false, title: 'schedule change' },
);

/** A left-out field keeps its value; null (or empty text) empties it. */
export const ProposalBody = Type.Object(
  {
    name: Text(300, 'Name of the offer (may not be empty)'),
    description: Text(6000, 'What the offer is (may not be empty)'),
    application_process: Text(3000, 'How to join'),
    fees_description: Text(2000, 'Cost in words'),
    eligibility_description: Text(3000, 'For whom'),
    minimum_age: Nullable(Type.Number({ description: 'Whole years, 0 to 120' })),
    maximum_age: Nullable(Type.Number({ description: 'Whole years, 0 to 120' })),
    email: Text(300, 'E-mail address of the offer'),
    url: Text(600, 'Website, starting with https://'),
    phone: Text(40, 'Phone number (the first of the offer)'),
    schedules: Type.Optional(
      Type.Array(ScheduleInput, {
        maxItems: 20,
        description:
          'The whole list of opening hours: items with an id change that schedule, items without one are new, schedules left out are removed',
      }),
    ),
    note: Text(2500, 'A note for the coordinator'),
  },
  { additionalProperties: false, title: 'proposal' },
);
export type ProposalBody = Static<typeof ProposalBody>;

const DiffLineSchema = Type.Object(
  {
    field: Type.String({ description: 'The field, e.g. description or schedules.0.opens_at' }),
    label: Type.String({ description: 'The field in words' }),
    old: Type.Union([Type.String(), Type.Null()]),
    new: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'field change' },
);

const UserRef = Type.Union([Type.Object({ id: Uuid(), name: Type.String() }), Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);

const requestFields = {
  id: Uuid(),
  service_id: Uuid(),
  service_name: Type.String(),
  organization_id: Uuid(),
  organization_name: Type.String(),
  status: Status,
  author: UserRef,
  note: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'Why it was rejected' }),
  created_at: Timestamp('When it was first proposed'),
  updated_at: Timestamp('When it was last proposed or decided'),
  decided_at: Type.Union([Timestamp('When it was approved or rejected'), Type.Null()]),
  decided_by: UserRef,
  changes: Type.Array(DiffLineSchema, {
    description: 'Field by field: what the offer was and what it becomes',
  }),
};

export const ChangeRequestSummarySchema = Type.Object(requestFields, { title: 'change request' });
export const ChangeRequestSchema = Type.Object(
  { ...requestFields, proposed: CompiledServiceSchema },
  { title: 'change request with the proposed service' },
);

export const ChangeRequestList = Type.Object({ contents: Type.Array(ChangeRequestSummarySchema) });
export const ChangeRequestQuery = Type.Object({
  status: Type.Optional(Status),
  service_id: Type.Optional(Uuid('Only requests for this offer')),
});

export const DecisionBody = Type.Object(
  {
    status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
    reason: Text(2500, 'Required when rejecting; the provider reads it'),
  },
  { additionalProperties: false, title: 'decision' },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const ConfirmationSchema = Type.Object({
  assured_date: DateText('The offer now counts as checked on this date'),
});

const MyOfferSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  status: Type.String(),
  last_checked: Type.Union([DateText('assured_date, else the date of last_modified'), Type.Null()]),
  stale: Type.Boolean({ description: 'Not checked within the period the tenant set' }),
  times: Type.Array(Type.String(), { description: 'Opening hours in words' }),
  change_request: Type.Union([
    Type.Object({
      id: Uuid(),
      status: Status,
      reason: Type.Union([Type.String(), Type.Null()]),
      created_at: Type.String(),
      updated_at: Type.String(),
      decided_at: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const FeedbackSchema = Type.Object(
  {
    id: Uuid(),
    service_id: Uuid(),
    service_name: Type.String(),
    organization_id: Uuid(),
    organization_name: Type.String(),
    message: Type.String(),
    contact_email: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('open'), Type.Literal('handled')]),
    created_at: Type.String(),
    handled_at: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'report' },
);

export const MyServicesSchema = Type.Object({
  stale_after_months: Type.Integer(),
  organizations: Type.Array(
    Type.Object({ id: Uuid(), name: Type.String(), services: Type.Array(MyOfferSchema) }),
  ),
  feedback: Type.Array(FeedbackSchema, { description: 'Open reports about these offers' }),
});

export const FeedbackBody = Type.Object(
  {
    message: Type.String({ maxLength: 2500, description: 'What is not right' }),
    email: Text(300, 'Only when the resident wants an answer'),
  },
  { additionalProperties: false, title: 'report about an offer' },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const FeedbackCreated = Type.Object({ id: Uuid() });
export const FeedbackList = Type.Object({ contents: Type.Array(FeedbackSchema) });
export const FeedbackQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('handled')])),
});
export const FeedbackPatch = Type.Object(
  { status: Type.Literal('handled') },
  { additionalProperties: false, title: 'report handled' },
);

export const StaleQuery = Type.Object({ organization_id: Type.Optional(Uuid('Only this organisation')) });
export const StaleSchema = Type.Object({
  stale_after_months: Type.Integer(),
  cutoff: DateText('Offers last checked before this date are stale'),
  total: Type.Integer(),
  contents: Type.Array(
    Type.Object({
      id: Uuid(),
      name: Type.String(),
      organization_id: Uuid(),
      organization_name: Type.String(),
      last_checked: DateText('assured_date, else the date of last_modified'),
      age_days: Type.Integer({ description: 'Days since the last check' }),
      last_reminded_at: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const MemberSchema = Type.Object(
  {
    id: Uuid(),
    user_id: Uuid(),
    user_name: Type.String(),
    user_email: Type.String(),
    organization_id: Uuid(),
    organization_name: Type.String(),
    created_at: Type.String(),
  },
  { title: 'provider member' },
);
export const MemberList = Type.Object({ contents: Type.Array(MemberSchema) });
export const MemberBody = Type.Object(
  { user_id: Uuid('A user with the role provider or coordinator'), organization_id: Uuid() },
  { additionalProperties: false, title: 'new provider member' },
);
export type MemberBody = Static<typeof MemberBody>;
