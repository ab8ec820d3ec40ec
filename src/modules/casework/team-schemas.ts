// Schemas of consent records, the team views and the audit-events route of casework.
import { Type, type Static } from '@sinclair/typebox';
import { consentScopes } from './consent.tables.js';
import { DateText, literals, Nullable, Timestamp, Uuid } from './plan-schemas.js';
import { UserRef } from './schemas.js';

// ---- consent ----

export const ConsentBody = Type.Object(
  {
    person_id: Type.Optional(Nullable(Uuid('The member who gave consent'))),
    partner: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'With whom: an organisation id or a stable code, e.g. "school:de-branding"',
    }),
    purpose: Type.String({ minLength: 1, maxLength: 200, description: 'For what, e.g. "referral"' }),
    scopes: Type.Array(literals(consentScopes), { minItems: 1, maxItems: consentScopes.length }),
    valid_from: Type.Optional(DateText('Default today')),
    valid_until: Type.Optional(Nullable(DateText('Last day; leave out: until withdrawn'))),
  },
  { additionalProperties: false, title: 'consent' },
);
export type ConsentBody = Static<typeof ConsentBody>;

export const ConsentListSchema = Type.Object({
  household_id: Uuid(),
  consents: Type.Array(
    Type.Object({
      id: Uuid(),
      person_id: Nullable(Uuid()),
      partner: Type.String(),
      purpose: Type.String(),
      scopes: Type.Array(literals(consentScopes)),
      valid_from: DateText(),
      valid_until: Nullable(DateText()),
      recorded_at: Timestamp(),
      recorded_by: Nullable(UserRef),
      withdrawn_at: Nullable(Timestamp()),
      in_force: Type.Boolean(),
    }),
  ),
});

// ---- team views ----

export const CaseListQuery = Type.Object({
  scope: Type.Optional(
    literals(
      ['mine', 'team'] as const,
      'mine: cases I lead or work on (default); team: every case of the team',
    ),
  ),
  status: Type.Optional(literals(['open', 'closed'] as const, 'Default open')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 100, description: 'Part of a name (given or family), at least 2 characters' }),
});
export type SearchQuery = Static<typeof SearchQuery>;

const CaseItem = Type.Object(
  {
    household_id: Uuid(),
    case_id: Uuid(),
    status: Type.String(),
    access: Type.String({ description: 'case-lead, co-worker, team-lead, or known (only whom to contact)' }),
    case_lead: Nullable(UserRef),
    label: Nullable(Type.String({ description: 'Family names; only for who works on the household' })),
    area: Nullable(Type.Object({ id: Uuid(), name: Type.String() })),
    opened_at: Nullable(Timestamp()),
    closed_at: Nullable(Timestamp()),
    open_actions: Nullable(Type.Integer()),
    overdue_actions: Nullable(Type.Integer()),
  },
  { title: 'case in a list' },
);

export const CaseList = Type.Object({ cases: Type.Array(CaseItem) });

export const Workload = Type.Object({
  generated_at: Timestamp(),
  consultants: Type.Array(
    Type.Object({
      user: UserRef,
      leads: Type.Integer({ description: 'Open cases as case lead' }),
      co_works: Type.Integer({ description: 'Open cases as co-worker' }),
      open_actions: Type.Integer({ description: 'Open actions of professionals in the plans they lead' }),
      overdue_actions: Type.Integer(),
      check_ins_due: Type.Integer({ description: 'Aftercare check-ins due and not done' }),
    }),
  ),
});

export const AreaCounts = Type.Object({
  areas: Type.Array(
    Type.Object({
      area: Nullable(Type.Object({ id: Uuid(), name: Type.String(), kind: Type.String() })),
      open: Type.Integer(),
      closed_last_year: Type.Integer(),
    }),
  ),
});

// ---- audit ----

export const AuditEventsQuery = Type.Object({
  record_type: Type.Optional(Type.String({ maxLength: 60, description: 'e.g. household, plan, person' })),
  record_id: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export type AuditEventsQuery = Static<typeof AuditEventsQuery>;

export const AuditEvents = Type.Object({
  events: Type.Array(
    Type.Object({
      at: Timestamp(),
      actor: Nullable(Type.Object({ id: Uuid(), name: Nullable(Type.String()) })),
      actor_roles: Type.Array(Type.String()),
      action: Type.String(),
      record_type: Type.String(),
      record_id: Type.String(),
      subject_user_id: Nullable(Type.String()),
      purpose: Type.String(),
    }),
  ),
});
