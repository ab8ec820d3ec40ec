// Case conferences (casusoverleg, MDO, planbespreking): a meeting with professionals and, where possible, the
// resident ("niet praten óver de gezinnen maar mét"); an agenda of selected cases whose outcome becomes plan
// changes; and a recurring series per team (every two weeks). Outcome notes are sealed.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import { tenants } from '../../platform/tenancy/tables.js';
import { cases, persons } from './tables.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

/** A team's recurring conference: a meeting every interval_days from the first one. */
export const conferenceSeries = pgTable(
  'conference_series',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    title: text('title').notNull(),
    intervalDays: integer('interval_days').notNull(),
    firstAt: at('first_at').notNull(),
    location: text('location'),
    createdBy: userRef('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'conference_series_pk', columns: [t.tenantId, t.id] }),
    check('conference_series_interval', sql`${t.intervalDays} between 1 and 92`),
  ],
);

export const conferenceStatuses = ['planned', 'held', 'cancelled'] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];

export const caseConferences = pgTable(
  'case_conferences',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    seriesId: uuid('series_id'),
    title: text('title').notNull(),
    startsAt: at('starts_at').notNull(),
    location: text('location'),
    status: text('status').$type<ConferenceStatus>().notNull().default('planned'),
    createdBy: userRef('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'case_conferences_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'case_conferences_series_fk',
      columns: [t.tenantId, t.seriesId],
      foreignColumns: [conferenceSeries.tenantId, conferenceSeries.id],
    }),
    index('case_conferences_starts').on(t.tenantId, t.startsAt),
    uniqueIndex('case_conferences_series_start')
      .on(t.tenantId, t.seriesId, t.startsAt)
      .where(sql`${t.seriesId} is not null`),
    check('case_conferences_status', sql`${t.status} in ('planned','held','cancelled')`),
  ],
);

export const participantKinds = ['professional', 'partner', 'resident'] as const;
export type ParticipantKind = (typeof participantKinds)[number];

/** Who takes part: a colleague (user), a partner from outside (school, youth coach) or a household member. */
export const conferenceParticipants = pgTable(
  'conference_participants',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    conferenceId: uuid('conference_id').notNull(),
    kind: text('kind').$type<ParticipantKind>().notNull(),
    userId: userRef('user_id'),
    personId: uuid('person_id'),
    name: text('name'),
    organisation: text('organisation'),
  },
  (t) => [
    primaryKey({ name: 'conference_participants_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'conference_participants_conference_fk',
      columns: [t.tenantId, t.conferenceId],
      foreignColumns: [caseConferences.tenantId, caseConferences.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'conference_participants_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('conference_participants_conference').on(t.tenantId, t.conferenceId),
    check('conference_participants_kind', sql`${t.kind} in ('professional','partner','resident')`),
  ],
);

/** A case on the agenda, put there by someone who works on it; its outcome (sealed) once discussed. */
export const conferenceAgendaItems = pgTable(
  'conference_agenda_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    conferenceId: uuid('conference_id').notNull(),
    caseId: uuid('case_id').notNull(),
    householdId: uuid('household_id').notNull(),
    position: smallint('position').notNull().default(0),
    addedBy: userRef('added_by'),
    outcomeSealed: text('outcome_sealed'),
    discussedAt: at('discussed_at'),
  },
  (t) => [
    primaryKey({ name: 'conference_agenda_items_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'conference_agenda_items_conference_fk',
      columns: [t.tenantId, t.conferenceId],
      foreignColumns: [caseConferences.tenantId, caseConferences.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'conference_agenda_items_case_fk',
      columns: [t.tenantId, t.caseId],
      foreignColumns: [cases.tenantId, cases.id],
    }),
    uniqueIndex('conference_agenda_items_once').on(t.tenantId, t.conferenceId, t.caseId),
  ],
);
