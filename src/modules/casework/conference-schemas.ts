// Schemas of the case conference routes.
import { Type, type Static } from '@sinclair/typebox';
import { conferenceStatuses, participantKinds } from './conferences.tables.js';
import { ActionBody, DateText, GoalBody, literals, Nullable, Timestamp, Uuid } from './plan-schemas.js';
import { UserRef } from './schemas.js';

export const ParticipantInput = Type.Object(
  {
    kind: literals(
      participantKinds,
      'professional (a colleague, user_id), partner (name, organisation) or resident',
    ),
    user_id: Type.Optional(Uuid('professional: the colleague')),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    organisation: Type.Optional(Type.String({ maxLength: 200, description: 'partner: e.g. the school' })),
    household_id: Type.Optional(Uuid('resident: the household')),
    person_id: Type.Optional(Uuid('resident: the member who takes part')),
  },
  { additionalProperties: false, title: 'participant' },
);
export type ParticipantInput = Static<typeof ParticipantInput>;

export const ConferenceBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    starts_at: Timestamp('Date and time, e.g. 2025-03-31T14:00:00+02:00; not in the past'),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    participants: Type.Array(ParticipantInput, { minItems: 1, maxItems: 30 }),
    household_ids: Type.Optional(
      Type.Array(Uuid(), { maxItems: 30, description: 'Agenda: households you work on' }),
    ),
  },
  { additionalProperties: false, title: 'new case conference' },
);
export type ConferenceBody = Static<typeof ConferenceBody>;

export const SeriesBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    first_at: Timestamp('The first meeting; the others follow at the same Dutch time'),
    interval_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 14 })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 26, default: 6 })),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    participants: Type.Optional(Type.Array(ParticipantInput, { maxItems: 30 })),
  },
  { additionalProperties: false, title: 'recurring case conference' },
);
export type SeriesBody = Static<typeof SeriesBody>;

export const AgendaBody = Type.Object(
  { household_id: Uuid('A household you work on') },
  { additionalProperties: false, title: 'agenda item' },
);
export type AgendaBody = Static<typeof AgendaBody>;

export const OutcomeBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'The plan version of the household (optimistic locking)',
    }),
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was agreed' }),
    goals: Type.Optional(Type.Array(Type.Omit(GoalBody, ['version']), { maxItems: 20 })),
    actions: Type.Optional(Type.Array(Type.Omit(ActionBody, ['version']), { maxItems: 30 })),
  },
  { additionalProperties: false, title: 'conference outcome' },
);
export type OutcomeBody = Static<typeof OutcomeBody>;

export const ConferenceParams = Type.Object({ id: Uuid('The conference') });
export const AgendaParams = Type.Object({ id: Uuid('The conference'), householdId: Uuid('The household') });
export const ConferenceListQuery = Type.Object({
  from: Type.Optional(DateText('From this day (default today)')),
  to: Type.Optional(DateText('Up to and including this day')),
});
export type ConferenceListQuery = Static<typeof ConferenceListQuery>;

export const ConferenceSchema = Type.Object(
  {
    id: Uuid(),
    series_id: Nullable(Uuid()),
    title: Type.String(),
    starts_at: Timestamp(),
    location: Nullable(Type.String()),
    status: literals(conferenceStatuses),
    participants: Type.Array(
      Type.Object({
        kind: literals(participantKinds),
        user: Nullable(UserRef),
        name: Type.String({ description: 'A resident is named only to who works on their household' }),
        organisation: Nullable(Type.String()),
      }),
    ),
    agenda: Type.Array(
      Type.Object({
        household_id: Uuid(),
        access: Type.String({ description: 'known: you see only whom to contact' }),
        label: Nullable(Type.String({ description: 'Family names, for who works on the household' })),
        contact: Nullable(UserRef),
        outcome: Nullable(Type.String()),
        discussed_at: Nullable(Timestamp()),
      }),
    ),
  },
  { title: 'case conference' },
);

export const ConferenceList = Type.Object({
  conferences: Type.Array(
    Type.Object({
      id: Uuid(),
      series_id: Nullable(Uuid()),
      title: Type.String(),
      starts_at: Timestamp(),
      location: Nullable(Type.String()),
      status: literals(conferenceStatuses),
      agenda_items: Type.Integer(),
    }),
  ),
});

export const SeriesSchema = Type.Object({
  id: Uuid(),
  title: Type.String(),
  interval_days: Type.Integer(),
  conferences: Type.Array(Type.Object({ id: Uuid(), starts_at: Timestamp() })),
});
