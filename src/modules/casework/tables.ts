// Casework: households and their members, the one open case per household with its case lead and co-workers,
// support requests with their response deadline, and ZRM / Positieve Gezondheid assessments.
// Every row carries tenant_id (row-level security) and the keys start with it, so foreign keys stay within a
// tenant and a distributed Postgres can shard all of it by tenant. BSN, questions and access reasons are stored
// sealed with the platform field cipher; a copy of the database does not reveal them.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

/** The unit of casework: "1 huishouden, 1 plan". The address places it in an area (postcode → core/district). */
export const households = pgTable(
  'households',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** Normalised "1931 AB". */
    postcode: text('postcode').notNull(),
    houseNumber: integer('house_number').notNull(),
    /** Letter and/or addition, e.g. "A" or "2 hoog"; '' when none (keeps the address comparable). */
    houseNumberAddition: text('house_number_addition').notNull().default(''),
    street: text('street'),
    city: text('city'),
    /** The area the postcode was placed in (areas module); null when the postcode lies outside the tenant. */
    areaId: uuid('area_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: userRef('created_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'households_pk', columns: [t.tenantId, t.id] }),
    index('households_address').on(t.tenantId, t.postcode, t.houseNumber, t.houseNumberAddition),
    index('households_area').on(t.tenantId, t.areaId),
    check('households_house_number', sql`${t.houseNumber} between 1 and 99999`),
  ],
);

/** A resident known to the social team. Names stay searchable (duplicates); the BSN is sealed. */
export const persons = pgTable(
  'persons',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** Lower case, no accents or punctuation: "given|family", for the duplicate check. */
    nameKey: text('name_key').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    /** BSN sealed with the field cipher; null when not recorded. */
    bsnSealed: text('bsn_sealed'),
    /** Keyed hash (HMAC) of the BSN: finds the same BSN again without decrypting anything. */
    bsnLookup: text('bsn_lookup'),
    phone: text('phone'),
    email: text('email'),
    /** The resident's own account, once linked: then the person sees who viewed their data. */
    userId: userRef('user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: userRef('created_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'persons_pk', columns: [t.tenantId, t.id] }),
    index('persons_name_birth').on(t.tenantId, t.nameKey, t.birthDate),
    index('persons_bsn_lookup')
      .on(t.tenantId, t.bsnLookup)
      .where(sql`${t.bsnLookup} is not null`),
  ],
);

export const memberRelations = [
  'main-resident',
  'partner',
  'child',
  'parent',
  'other-family',
  'housemate',
] as const;
export type MemberRelation = (typeof memberRelations)[number];

/** Who lives in a household, and since when; a person belongs to at most one household at a time. */
export const householdMembers = pgTable(
  'household_members',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id').notNull(),
    personId: uuid('person_id').notNull(),
    relation: text('relation').$type<MemberRelation>(),
    /** Order in which the members were given; the first is the household's contact person. */
    position: smallint('position').notNull().default(0),
    joinedAt: at('joined_at').notNull().defaultNow(),
    leftAt: at('left_at'),
  },
  (t) => [
    primaryKey({ name: 'household_members_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'household_members_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    foreignKey({
      name: 'household_members_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('household_members_household').on(t.tenantId, t.householdId),
    uniqueIndex('household_members_one_current')
      .on(t.tenantId, t.personId)
      .where(sql`${t.leftAt} is null`),
    check(
      'household_members_relation',
      sql`${t.relation} is null or ${t.relation} in ('main-resident','partner','child','parent','other-family','housemate')`,
    ),
  ],
);

export const caseStatuses = ['open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * The social team's work with one household. At most one open case per household; its case lead (by default
 * whoever made first contact) is the household's one contact person. Only the case lead, co-workers with
 * explicit access and team leads see its contents.
 */
export const cases = pgTable(
  'cases',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id').notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    caseLeadId: uuid('case_lead_id')
      .notNull()
      .references(() => users.id),
    openedAt: at('opened_at').notNull().defaultNow(),
    openedBy: userRef('opened_by'),
    closedAt: at('closed_at'),
    /** Optimistic locking for plan edits: a change names the version it was made on. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ name: 'cases_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'cases_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    uniqueIndex('cases_one_open_per_household')
      .on(t.tenantId, t.householdId)
      .where(sql`${t.status} = 'open'`),
    index('cases_case_lead').on(t.tenantId, t.caseLeadId, t.status),
    check('cases_status', sql`${t.status} in ('open','closed')`),
    check('cases_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** Access to a case granted to a colleague, with the reason; revoking keeps the row as history. */
export const caseCoWorkers = pgTable(
  'case_co_workers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Why the colleague needs the case, sealed (it may say something about the household). */
    reasonSealed: text('reason_sealed').notNull(),
    grantedAt: at('granted_at').notNull().defaultNow(),
    grantedBy: userRef('granted_by'),
    revokedAt: at('revoked_at'),
    revokedBy: userRef('revoked_by'),
  },
  (t) => [
    primaryKey({ name: 'case_co_workers_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'case_co_workers_case_fk',
      columns: [t.tenantId, t.caseId],
      foreignColumns: [cases.tenantId, cases.id],
    }),
    uniqueIndex('case_co_workers_one_active')
      .on(t.tenantId, t.caseId, t.userId)
      .where(sql`${t.revokedAt} is null`),
    index('case_co_workers_user').on(t.tenantId, t.userId),
  ],
);

export const channels = [
  'walk-in',
  'phone',
  'email',
  'home-visit',
  'resident-portal',
  'referral',
  'signal',
] as const;
export type Channel = (typeof channels)[number];

/**
 * A question a household brings (hulpvraag), in the resident's own words (sealed). The response deadline is a
 * column: a periodic scan (jobs.ts) marks requests that passed it unanswered and tells the team lead.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    householdId: uuid('household_id').notNull(),
    /** The member whose question it is, when one is named. */
    personId: uuid('person_id'),
    channel: text('channel').$type<Channel>().notNull(),
    questionSealed: text('question_sealed').notNull(),
    /** ZRM life domain codes the question touches. */
    lifeDomains: text('life_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The professional who took the question. */
    firstContactId: userRef('first_contact_id'),
    receivedAt: at('received_at').notNull(),
    respondBefore: at('respond_before').notNull(),
    respondedAt: at('responded_at'),
    respondedBy: userRef('responded_by'),
    /** When the deadline scan found it unanswered after its deadline (and told the team lead). */
    overdueAt: at('overdue_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'support_requests_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'support_requests_case_fk',
      columns: [t.tenantId, t.caseId],
      foreignColumns: [cases.tenantId, cases.id],
    }),
    foreignKey({
      name: 'support_requests_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    foreignKey({
      name: 'support_requests_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('support_requests_case').on(t.tenantId, t.caseId, t.receivedAt),
    // The team overview and the deadline scan read only unanswered requests, ordered by deadline.
    index('support_requests_open_deadline')
      .on(t.tenantId, t.respondBefore)
      .where(sql`${t.respondedAt} is null`),
    check(
      'support_requests_channel',
      sql`${t.channel} in ('walk-in','phone','email','home-visit','resident-portal','referral','signal')`,
    ),
    check('support_requests_deadline', sql`${t.respondBefore} > ${t.receivedAt}`),
  ],
);

export const instruments = ['zrm', 'positive-health'] as const;
export type Instrument = (typeof instruments)[number];
export const moments = ['intake', 'progress', 'closure'] as const;
export type Moment = (typeof moments)[number];

/** One ZRM or Positieve Gezondheid assessment at a moment of the case; scores in assessment_scores. */
export const assessments = pgTable(
  'assessments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    householdId: uuid('household_id').notNull(),
    /** The member assessed; null for the household as a whole. */
    personId: uuid('person_id'),
    instrument: text('instrument').$type<Instrument>().notNull(),
    /** Version of the item set the scores refer to (instruments.ts), e.g. "zrm-2017". */
    itemSet: text('item_set').notNull(),
    moment: text('moment').$type<Moment>().notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessorId: userRef('assessor_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'assessments_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'assessments_case_fk',
      columns: [t.tenantId, t.caseId],
      foreignColumns: [cases.tenantId, cases.id],
    }),
    foreignKey({
      name: 'assessments_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    foreignKey({
      name: 'assessments_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('assessments_household').on(t.tenantId, t.householdId, t.assessedOn),
    check('assessments_instrument', sql`${t.instrument} in ('zrm','positive-health')`),
    check('assessments_moment', sql`${t.moment} in ('intake','progress','closure')`),
  ],
);

/** One score per item (ZRM life domain or Positieve Gezondheid dimension): rows, so change per item is SQL. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    tenantId: tenantId(),
    assessmentId: uuid('assessment_id').notNull(),
    code: text('code').notNull(),
    score: smallint('score').notNull(),
    /** Positieve Gezondheid: "hier wil ik over praten". */
    wantsToTalk: boolean('wants_to_talk').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'assessment_scores_pk', columns: [t.tenantId, t.assessmentId, t.code] }),
    foreignKey({
      name: 'assessment_scores_assessment_fk',
      columns: [t.tenantId, t.assessmentId],
      foreignColumns: [assessments.tenantId, assessments.id],
    }).onDelete('cascade'),
    check('assessment_scores_range', sql`${t.score} between 0 and 10`),
  ],
);
