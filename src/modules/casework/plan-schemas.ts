// Schemas of the support plan, scaling up, closure and aftercare routes: validation, types and OpenAPI. Shape
// and types only; what values mean (a goal of another plan, an offer not in the directory, open actions at
// closure) is checked by the use case with a Dutch message per field.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { zrm2017 } from './instruments.js';
import {
  actionStatuses,
  checkInResults,
  expertiseAreas,
  goalStatuses,
  openActionFates,
  outcomes,
  performers,
  provisionStatuses,
} from './plan.tables.js';
import { AssessmentBody, UserRef } from './schemas.js';

export const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Timestamp = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
export const DateText = (description?: string) =>
  Type.String({ format: 'date', ...(description ? { description } : {}) });
export const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const Version = Type.Integer({
  minimum: 1,
  description:
    'The plan version this change was made on (optimistic locking): 409 when someone changed it since',
});

const zrmCodes = zrm2017.items.map((i) => i.code).join(', ');

export const HouseholdItemParams = Type.Object({ id: Uuid('The household'), itemId: Uuid() });
export const HouseholdPersonParams = Type.Object({ id: Uuid('The household'), personId: Uuid('The member') });

// ---- plan ----

export const GoalBody = Type.Object(
  {
    version: Version,
    life_domain: Type.String({ maxLength: 40, description: `ZRM life domain: ${zrmCodes}` }),
    text: Type.String({ minLength: 1, maxLength: 2000, description: "In the resident's own words" }),
  },
  { additionalProperties: false, title: 'new goal' },
);
export type GoalBody = Static<typeof GoalBody>;

export const GoalPatch = Type.Object(
  {
    version: Version,
    life_domain: Type.Optional(Type.String({ maxLength: 40 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    status: Type.Optional(literals(goalStatuses)),
  },
  { additionalProperties: false, title: 'goal change' },
);
export type GoalPatch = Static<typeof GoalPatch>;

const actionFields = {
  goal_id: Type.Optional(Nullable(Uuid('The goal this action serves'))),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  performer: literals(performers, 'Who does it'),
  performer_name: Type.Optional(
    Nullable(Type.String({ maxLength: 200, description: 'Who exactly, e.g. "buurvrouw Ans"' })),
  ),
  directory_service_id: Type.Optional(
    Nullable(Uuid('basic-service only: the offer in the directory (sociale kaart)')),
  ),
  professional_id: Type.Optional(Nullable(Uuid('professional only: the colleague who does it'))),
  due_on: Type.Optional(Nullable(DateText('YYYY-MM-DD'))),
  status: Type.Optional(literals(actionStatuses)),
};

export const ActionBody = Type.Object(
  { version: Version, ...actionFields },
  { additionalProperties: false, title: 'new action' },
);
export type ActionBody = Static<typeof ActionBody>;

export const ActionPatch = Type.Object(
  {
    version: Version,
    ...Type.Partial(Type.Object(actionFields)).properties,
  },
  { additionalProperties: false, title: 'action change' },
);
export type ActionPatch = Static<typeof ActionPatch>;

export const CommentBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false, title: 'comment' },
);
export type CommentBody = Static<typeof CommentBody>;

export const AgreementBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The plan version the resident read and agrees to' }) },
  { additionalProperties: false, title: 'agreement' },
);
export type AgreementBody = Static<typeof AgreementBody>;

export const AccountLinkBody = Type.Object(
  {
    email: Type.String({
      minLength: 3,
      maxLength: 200,
      description: "The e-mail address of the resident's own account (role resident)",
    }),
  },
  { additionalProperties: false, title: 'account link' },
);
export type AccountLinkBody = Static<typeof AccountLinkBody>;

export const CaseLeadBody = Type.Object(
  {
    version: Version,
    user_id: Uuid('The colleague who becomes case lead'),
    note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false, title: 'case lead change' },
);
export type CaseLeadBody = Static<typeof CaseLeadBody>;

const GoalSchema = Type.Object(
  {
    id: Uuid(),
    life_domain: Type.String(),
    life_domain_label: Type.String(),
    text: Type.String(),
    status: literals(goalStatuses),
    created_at: Timestamp(),
  },
  { title: 'goal' },
);

const ActionSchema = Type.Object(
  {
    id: Uuid(),
    goal_id: Nullable(Uuid()),
    description: Type.String(),
    performer: literals(performers),
    performer_name: Nullable(Type.String()),
    directory_service: Nullable(Type.Object({ id: Uuid(), name: Nullable(Type.String()) })),
    professional: Nullable(UserRef),
    due_on: Nullable(DateText()),
    status: literals(actionStatuses),
    overdue: Type.Boolean({ description: 'Open and its due date has passed' }),
    fate_at_closure: Nullable(literals(openActionFates)),
  },
  { title: 'action' },
);

export const PlanSchema = Type.Object(
  {
    household_id: Uuid(),
    case_id: Uuid(),
    status: Type.String({ description: 'open or closed' }),
    version: Type.Integer({ description: 'Send it with every change (optimistic locking)' }),
    case_lead: UserRef,
    goals: Type.Array(GoalSchema),
    actions: Type.Array(ActionSchema),
    agreement: Type.Object({
      agreed_version: Nullable(Type.Integer()),
      current: Type.Boolean({ description: 'The resident agreed to the plan as it is now' }),
      history: Type.Array(
        Type.Object({
          person_id: Uuid(),
          name: Type.String(),
          plan_version: Type.Integer(),
          agreed_at: Timestamp(),
        }),
      ),
    }),
    comments: Type.Array(
      Type.Object({
        id: Uuid(),
        author: Type.Object({ kind: literals(['resident', 'professional'] as const), name: Type.String() }),
        text: Type.String(),
        created_at: Timestamp(),
      }),
    ),
    residents: Type.Array(
      Type.Object({ person_id: Uuid(), name: Type.String(), has_account: Type.Boolean() }),
      { description: 'Members; has_account: linked to their own account and can see the plan' },
    ),
  },
  { title: 'support plan' },
);

export const AccountLinkSchema = Type.Object({ person_id: Uuid(), user: UserRef });

// ---- scaling up ----

export const EscalationBody = Type.Object(
  {
    version: Version,
    expert_id: Uuid('The expert consultant who becomes case lead'),
    area: literals(expertiseAreas, 'wmo or youth'),
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'Hand-over note' }),
  },
  { additionalProperties: false, title: 'scaling up' },
);
export type EscalationBody = Static<typeof EscalationBody>;

export const ReturnBody = Type.Object(
  { version: Version, note: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false, title: 'hand back' },
);
export type ReturnBody = Static<typeof ReturnBody>;

export const ProvisionBody = Type.Object(
  {
    area: literals(expertiseAreas),
    kind: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "huishoudelijke hulp"' }),
    status: Type.Optional(literals(provisionStatuses, 'requested (default), granted or refused')),
    requested_on: Type.Optional(DateText('Default today')),
    decided_on: Type.Optional(Nullable(DateText())),
    starts_on: Type.Optional(Nullable(DateText())),
    ends_on: Type.Optional(Nullable(DateText())),
  },
  { additionalProperties: false, title: 'custom provision' },
);
export type ProvisionBody = Static<typeof ProvisionBody>;

export const ProvisionPatch = Type.Object(
  {
    status: Type.Optional(literals(provisionStatuses)),
    decided_on: Type.Optional(Nullable(DateText())),
    starts_on: Type.Optional(Nullable(DateText())),
    ends_on: Type.Optional(Nullable(DateText())),
  },
  { additionalProperties: false, title: 'custom provision change' },
);
export type ProvisionPatch = Static<typeof ProvisionPatch>;

const ProvisionSchema = Type.Object(
  {
    id: Uuid(),
    area: literals(expertiseAreas),
    kind: Type.String(),
    status: literals(provisionStatuses),
    requested_on: DateText(),
    decided_on: Nullable(DateText()),
    starts_on: Nullable(DateText()),
    ends_on: Nullable(DateText()),
  },
  { title: 'custom provision' },
);
export { ProvisionSchema };

const EscalationSchema = Type.Object(
  {
    id: Uuid(),
    area: literals(expertiseAreas),
    from: UserRef,
    to: UserRef,
    note: Type.String(),
    escalated_at: Timestamp(),
    returned_at: Nullable(Timestamp()),
    return_note: Nullable(Type.String()),
  },
  { title: 'scaling up' },
);

export const EscalationsSchema = Type.Object({
  household_id: Uuid(),
  case_id: Uuid(),
  version: Type.Integer(),
  case_lead: UserRef,
  escalations: Type.Array(EscalationSchema),
  provisions: Type.Array(ProvisionSchema),
});

// ---- closure and aftercare ----

export const ClosureBody = Type.Object(
  {
    version: Version,
    outcome: literals(outcomes),
    note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    open_actions: Type.Optional(
      literals(openActionFates, 'Required when actions are still open: what happens to them'),
    ),
    assessments: Type.Optional(
      Type.Array(Type.Omit(AssessmentBody, ['moment']), {
        maxItems: 10,
        description: 'Closing assessments (moment closure), recorded with the closure',
      }),
    ),
    check_in_weeks: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 104 }), {
        maxItems: 6,
        description: 'Aftercare check-ins, weeks after closure; default 6 weeks and 13 weeks (3 months)',
      }),
    ),
  },
  { additionalProperties: false, title: 'closure' },
);
export type ClosureBody = Static<typeof ClosureBody>;

export const CheckInBody = Type.Object(
  {
    result: literals(checkInResults),
    note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false, title: 'check-in result' },
);
export type CheckInBody = Static<typeof CheckInBody>;

const CheckInSchema = Type.Object(
  {
    id: Uuid(),
    due_at: Timestamp(),
    responsible: Nullable(UserRef),
    reminded_at: Nullable(Timestamp()),
    done_at: Nullable(Timestamp()),
    result: Nullable(literals(checkInResults)),
    note: Nullable(Type.String()),
    cancelled_at: Nullable(Timestamp()),
  },
  { title: 'aftercare check-in' },
);

export const AftercareSchema = Type.Object({
  household_id: Uuid(),
  case_id: Uuid(),
  status: Type.String(),
  version: Type.Integer(),
  closures: Type.Array(
    Type.Object({
      id: Uuid(),
      outcome: literals(outcomes),
      note: Nullable(Type.String()),
      open_action_fate: Nullable(literals(openActionFates)),
      closed_at: Timestamp(),
      closed_by: Nullable(UserRef),
      aftercare_by: Nullable(UserRef),
    }),
  ),
  check_ins: Type.Array(CheckInSchema),
});
