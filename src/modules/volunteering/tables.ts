// Volunteering: volunteers with their intake, credentials (VOG, trainings) and appreciation; help requests and
// help offers; matches with their follow-up (contact log, evaluations); matching runs. Every row carries
// tenant_id (row-level security) and the keys start with it. A request's exact address is sealed with the field
// cipher and only opened for the volunteer of a confirmed match (and the coordinator).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import { tenants } from '../../platform/tenancy/tables.js';
import type {
  Frequency,
  Gender,
  HelpKind,
  MatchStatus,
  Urgency,
  VolunteerCategory,
  Window,
} from './vocabulary.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });
const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);
const windows = (name: string) =>
  jsonb(name)
    .$type<Window[]>()
    .notNull()
    .default(sql`'[]'::jsonb`);

/** A volunteer after intake by a coordinator. The place is a village of the gazetteer (areas module). */
export const volunteers = pgTable(
  'volunteers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** The volunteer's own account, when they log in to "Mijn vrijwilligerswerk". */
    userId: userRef('user_id'),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    gender: text('gender').$type<Gender>(),
    placeId: uuid('place_id').notNull(),
    categories: textArray('categories').$type<VolunteerCategory[]>(),
    fields: textArray('fields'),
    /** Kinds of help this volunteer does. */
    kinds: textArray('kinds').$type<HelpKind[]>(),
    skills: textArray('skills'),
    interests: textArray('interests'),
    languages: textArray('languages'),
    availability: windows('availability'),
    maxDistanceKm: real('max_distance_km').notNull(),
    /** Matches at the same time. */
    capacityAtOnce: smallint('capacity_at_once').notNull().default(1),
    /** New matches per month. */
    capacityPerMonth: smallint('capacity_per_month').notNull().default(2),
    active: boolean('active').notNull().default(true),
    intakeOn: date('intake_on', { mode: 'string' }).notNull(),
    intakeBy: userRef('intake_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'volunteers_pk', columns: [t.tenantId, t.id] }),
    index('volunteers_user').on(t.tenantId, t.userId),
    check(
      'volunteers_capacity',
      sql`${t.capacityAtOnce} between 0 and 20 and ${t.capacityPerMonth} between 0 and 50`,
    ),
    check('volunteers_distance', sql`${t.maxDistanceKm} >= 0 and ${t.maxDistanceKm} <= 200`),
  ],
);

/** A VOG (kind 'vog', validity by rule) or a training (valid until its date, renewable) of a volunteer. */
export const volunteerCredentials = pgTable(
  'volunteer_credentials',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    volunteerId: uuid('volunteer_id').notNull(),
    kind: text('kind').$type<'vog' | 'training'>().notNull(),
    /** The training's code; null for a VOG. */
    training: text('training'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** Trainings: until when it counts (null: no renewal needed). A VOG's validity follows VOG_VALID_YEARS. */
    validUntil: date('valid_until', { mode: 'string' }),
    recordedBy: userRef('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_credentials_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'volunteer_credentials_volunteer_fk',
      columns: [t.tenantId, t.volunteerId],
      foreignColumns: [volunteers.tenantId, volunteers.id],
    }),
    index('volunteer_credentials_volunteer').on(t.tenantId, t.volunteerId),
    check('volunteer_credentials_kind', sql`${t.kind} in ('vog','training')`),
    check('volunteer_credentials_training', sql`(${t.kind} = 'training') = (${t.training} is not null)`),
  ],
);

/** Appreciation moments: a thank-you, an anniversary, a volunteer-of-the-year nomination. */
export const appreciations = pgTable(
  'volunteer_appreciations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    volunteerId: uuid('volunteer_id').notNull(),
    kind: text('kind').$type<'thank-you' | 'anniversary' | 'volunteer-of-the-year'>().notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: userRef('recorded_by'),
  },
  (t) => [
    primaryKey({ name: 'volunteer_appreciations_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'volunteer_appreciations_volunteer_fk',
      columns: [t.tenantId, t.volunteerId],
      foreignColumns: [volunteers.tenantId, volunteers.id],
    }),
    check(
      'volunteer_appreciations_kind',
      sql`${t.kind} in ('thank-you','anniversary','volunteer-of-the-year')`,
    ),
  ],
);

/**
 * A help request. Posted by a resident, or by a professional on a resident's behalf (then the household and
 * plan action references of casework may be kept, as opaque ids: volunteering never reads case files).
 */
export const helpRequests = pgTable(
  'help_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<HelpKind>().notNull(),
    /** What is asked, in the requester's words; shown publicly only without identifying details. */
    description: text('description').notNull(),
    /** First name or initials: the only name the public listing and a proposed volunteer see. */
    displayName: text('display_name').notNull(),
    /** Full address, sealed; opened for the volunteer only after a confirmed match. */
    addressSealed: text('address_sealed'),
    contactSealed: text('contact_sealed'),
    placeId: uuid('place_id').notNull(),
    /** The core (area tree) the place lies in. */
    areaId: uuid('area_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    when: windows('when'),
    frequency: text('frequency').$type<Frequency>().notNull(),
    durationMinutes: smallint('duration_minutes').notNull(),
    languages: textArray('languages'),
    genderPreference: text('gender_preference').$type<Gender>(),
    genderRequired: boolean('gender_required').notNull().default(false),
    noPets: boolean('no_pets').notNull().default(false),
    interests: textArray('interests'),
    urgency: text('urgency').$type<Urgency>().notNull().default('normal'),
    status: text('status').$type<'open' | 'matched' | 'closed'>().notNull().default('open'),
    listedPublicly: boolean('listed_publicly').notNull().default(true),
    requesterUserId: userRef('requester_user_id'),
    postedBy: userRef('posted_by'),
    householdRef: uuid('household_ref'),
    planActionRef: uuid('plan_action_ref'),
    createdAt: at('created_at').notNull().defaultNow(),
    matchedAt: at('matched_at'),
  },
  (t) => [
    primaryKey({ name: 'help_requests_pk', columns: [t.tenantId, t.id] }),
    index('help_requests_open').on(t.tenantId, t.status, t.createdAt),
    index('help_requests_requester').on(t.tenantId, t.requesterUserId),
    check('help_requests_status', sql`${t.status} in ('open','matched','closed')`),
    check('help_requests_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('help_requests_duration', sql`${t.durationMinutes} between 15 and 1440`),
  ],
);

/** A help offer by a volunteer or an organisation, in the same vocabulary as requests. */
export const helpOffers = pgTable(
  'help_offers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    volunteerId: uuid('volunteer_id'),
    organizationName: text('organization_name'),
    kind: text('kind').$type<HelpKind>().notNull(),
    description: text('description').notNull(),
    placeId: uuid('place_id').notNull(),
    when: windows('when'),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    postedBy: userRef('posted_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'help_offers_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'help_offers_volunteer_fk',
      columns: [t.tenantId, t.volunteerId],
      foreignColumns: [volunteers.tenantId, volunteers.id],
    }),
    check('help_offers_by', sql`(${t.volunteerId} is null) <> (${t.organizationName} is null)`),
    check('help_offers_status', sql`${t.status} in ('open','closed')`),
  ],
);

/** One batch matching run: the weights used and how many proposals it made. */
export const matchingRuns = pgTable(
  'matching_runs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    weights: jsonb('weights').$type<Record<string, number>>().notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    requests: integer('requests').notNull(),
    volunteers: integer('volunteers').notNull(),
    proposals: integer('proposals').notNull(),
    totalScore: real('total_score').notNull(),
    ranBy: userRef('ran_by'),
    ranAt: at('ran_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'matching_runs_pk', columns: [t.tenantId, t.id] })],
);

/** Why a match was proposed: the score per component, so the coordinator sees the reasons. */
export interface MatchReasons {
  score: number;
  components: { component: string; value: number; weight: number; detail: Record<string, string | number> }[];
}

/** A volunteer linked to a help request, from proposal to its end. */
export const matches = pgTable(
  'matches',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status').$type<MatchStatus>().notNull().default('proposed'),
    runId: uuid('run_id'),
    reasons: jsonb('reasons').$type<MatchReasons>().notNull(),
    proposedAt: at('proposed_at').notNull().defaultNow(),
    proposedBy: userRef('proposed_by'),
    /** Pairs: the introduction at a neutral meeting place, with the coordinator. */
    meetingPlace: text('meeting_place'),
    introducedAt: at('introduced_at'),
    confirmedAt: at('confirmed_at'),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
    /** Who said no: requester, volunteer or coordinator. */
    declinedBy: text('declined_by').$type<'requester' | 'volunteer' | 'coordinator'>(),
    trialUntil: date('trial_until', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    evaluationDueOn: date('evaluation_due_on', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ name: 'matches_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'matches_request_fk',
      columns: [t.tenantId, t.requestId],
      foreignColumns: [helpRequests.tenantId, helpRequests.id],
    }),
    foreignKey({
      name: 'matches_volunteer_fk',
      columns: [t.tenantId, t.volunteerId],
      foreignColumns: [volunteers.tenantId, volunteers.id],
    }),
    index('matches_request').on(t.tenantId, t.requestId),
    index('matches_volunteer').on(t.tenantId, t.volunteerId, t.status),
    check(
      'matches_status',
      sql`${t.status} in ('proposed','introduced','confirmed','active','completed','ended-early','declined')`,
    ),
    check('matches_end_reason', sql`${t.status} <> 'ended-early' or ${t.endReason} is not null`),
  ],
);

/**
 * The volunteer's contact log: date, what happened, and whether something worried them. A worry is passed to
 * the social team with one click: it becomes a signal (signal_id) for their triage.
 */
export const contactLog = pgTable(
  'volunteer_contact_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    matchId: uuid('match_id').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    what: text('what').notNull(),
    worrying: boolean('worrying').notNull().default(false),
    /** When the volunteer passed the worry to the social team. */
    flaggedAt: at('flagged_at'),
    signalId: uuid('signal_id'),
    writtenBy: userRef('written_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_contact_log_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'volunteer_contact_log_match_fk',
      columns: [t.tenantId, t.matchId],
      foreignColumns: [matches.tenantId, matches.id],
    }),
    index('volunteer_contact_log_match').on(t.tenantId, t.matchId, t.happenedOn),
    index('volunteer_contact_log_flagged')
      .on(t.tenantId, t.flaggedAt)
      .where(sql`${t.flaggedAt} is not null`),
  ],
);

/** An evaluation of a match by one side, after the trial or the agreed period. */
export const evaluations = pgTable(
  'match_evaluations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    matchId: uuid('match_id').notNull(),
    side: text('side').$type<'requester' | 'volunteer'>().notNull(),
    evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
    /** 1 (not good) to 5 (very good). */
    rating: smallint('rating').notNull(),
    goOn: boolean('go_on').notNull(),
    note: text('note'),
    recordedBy: userRef('recorded_by'),
  },
  (t) => [
    primaryKey({ name: 'match_evaluations_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'match_evaluations_match_fk',
      columns: [t.tenantId, t.matchId],
      foreignColumns: [matches.tenantId, matches.id],
    }),
    index('match_evaluations_match').on(t.tenantId, t.matchId),
    check('match_evaluations_side', sql`${t.side} in ('requester','volunteer')`),
    check('match_evaluations_rating', sql`${t.rating} between 1 and 5`),
  ],
);
