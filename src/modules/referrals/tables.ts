// Referrals: referral pathways (doorverwijskaarten, versioned) and referrals with their status history.
// Every row carries tenant_id (row-level security) and the keys start with it. What identifies a resident
// (name, birth date, postcode, phone, e-mail), the reason and free-text notes are sealed with the platform field
// cipher; a keyed hash of name + birth date finds a duplicate referral without decrypting anything.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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

/** From light to heavy, as in seed 000 §3.1. */
export const stepLevels = [
  'regular-group',
  'group-vulnerable',
  'individual',
  'referral',
  'specialist',
] as const;
export type StepLevel = (typeof stepLevels)[number];

/** Where a step sends a resident: fitting directory offers, the welfare coach or the social team. */
export const stepTargets = ['offers', 'welfare-coach', 'social-team'] as const;
export type StepTarget = (typeof stepTargets)[number];

export interface PathwayStep {
  level: StepLevel;
  title: string;
  description: string;
  target: StepTarget;
  /** Directory taxonomy terms an offer must all carry (e.g. thema eenzaamheid + soort inloop). */
  taxonomyTermIds: string[];
  /** Offers named by id, shown before the ones the terms find. */
  serviceIds: string[];
  /** When to look back with the resident whether this step helps; null when the step has none. */
  evaluateAfterWeeks: number | null;
}

/**
 * One version of a pathway. A new version is a new row with the same key; the highest version is the current
 * one, so a referral keeps pointing at the version it was made with.
 */
export const referralPathways = pgTable(
  'referral_pathways',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** Stable name across versions, e.g. "eenzaamheid". */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    /** Code of the directory's thema term, e.g. "eenzaamheid"; for filters and figures. */
    theme: text('theme').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    steps: jsonb('steps').$type<PathwayStep[]>().notNull(),
    /** Weeks after closure at which the social broker calls the resident (seed 000 §3.1). */
    followUpWeeks: integer('follow_up_weeks')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: userRef('created_by'),
  },
  (t) => [
    primaryKey({ name: 'referral_pathways_pk', columns: [t.tenantId, t.id] }),
    uniqueIndex('referral_pathways_key_version').on(t.tenantId, t.key, t.version),
    check('referral_pathways_version', sql`${t.version} >= 1`),
  ],
);

export const targetKinds = ['service', 'welfare-coach', 'social-team'] as const;
export type TargetKind = (typeof targetKinds)[number];

export const referralStatuses = [
  'sent',
  'received',
  'contacted',
  'started',
  'completed',
  'declined',
  'no-show',
  'withdrawn',
  'referred-elsewhere',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Why a receiver declines, as categories so figures can count them; a free note may explain. */
export const declineReasons = [
  'full',
  'not-suitable',
  'not-reachable',
  'resident-declined',
  'other',
] as const;
export type DeclineReason = (typeof declineReasons)[number];

/**
 * A resident sent by a partner (or signing up themselves) to an offer, the welfare coach or the social team.
 * The referrer sees status and outcome; the receiver sees who, why and what the resident consented to.
 */
export const referrals = pgTable(
  'referrals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** Null when residents sign themselves up. */
    referrerId: userRef('referrer_id'),
    targetKind: text('target_kind').$type<TargetKind>().notNull(),
    serviceId: uuid('service_id'),
    /** The offer's organisation: its linked provider accounts receive the referral. */
    organizationId: uuid('organization_id'),
    /** Names as they were when referred, so the history reads right after the directory changes. */
    serviceName: text('service_name'),
    organizationName: text('organization_name'),
    /** Who took the referral on (the welfare coach, the consultant, the provider's employee). */
    receiverId: userRef('receiver_id'),
    /** Given name, family name, birth date, postcode, house number, phone, e-mail: JSON, sealed. */
    residentSealed: text('resident_sealed').notNull(),
    /** Keyed hash of name and birth date: the same resident within a week is a warning. */
    residentKey: text('resident_key').notNull(),
    householdId: uuid('household_id'),
    supportRequestId: uuid('support_request_id'),
    /** The area the resident's postcode lies in (core), for figures and nearest offers. */
    areaId: uuid('area_id'),
    reasonSealed: text('reason_sealed').notNull(),
    /** What the resident agreed to be shared, and with whom (recorded with the referral). */
    consentScope: text('consent_scope').notNull(),
    consentSharedWith: text('consent_shared_with').notNull(),
    consentGivenAt: at('consent_given_at').notNull(),
    /** The resident asked not to be contacted by e-mail about the referral. */
    noContact: boolean('no_contact').notNull().default(false),
    pathwayId: uuid('pathway_id'),
    pathwayStep: integer('pathway_step'),
    /** Welzijn op Recept: the welfare coach's referral that started this offer referral. */
    parentId: uuid('parent_id'),
    status: text('status').$type<ReferralStatus>().notNull().default('sent'),
    respondBefore: at('respond_before').notNull(),
    firstContactAt: at('first_contact_at'),
    /** When the deadline scan found it without contact after its deadline and told the team lead. */
    overdueAt: at('overdue_at'),
    /** Welzijn op Recept: when the short report back to the referrer is due, and when it went. */
    reportDueAt: at('report_due_at'),
    reportedAt: at('reported_at'),
    /** The step's evaluation moment once the resident started: the referrer is asked whether it helps. */
    evaluateAt: at('evaluate_at'),
    evaluationSentAt: at('evaluation_sent_at'),
    /** Next follow-up call after closure (the pathway's weeks), and how many were done. */
    followUpAt: at('follow_up_at'),
    followUpsDone: integer('follow_ups_done').notNull().default(0),
    /** Short outcome for the referrer, sealed. */
    outcomeSealed: text('outcome_sealed'),
    closedAt: at('closed_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'referrals_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'referrals_pathway_fk',
      columns: [t.tenantId, t.pathwayId],
      foreignColumns: [referralPathways.tenantId, referralPathways.id],
    }),
    foreignKey({
      name: 'referrals_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    index('referrals_referrer').on(t.tenantId, t.referrerId, t.createdAt),
    index('referrals_receiver').on(t.tenantId, t.targetKind, t.organizationId, t.status),
    index('referrals_resident').on(t.tenantId, t.residentKey, t.createdAt),
    // The deadline scan reads only referrals still waiting for contact.
    index('referrals_waiting')
      .on(t.tenantId, t.respondBefore)
      .where(sql`${t.firstContactAt} is null and ${t.closedAt} is null`),
    check(
      'referrals_target',
      sql`(${t.targetKind} = 'service') = (${t.serviceId} is not null) and ${t.targetKind} in ('service','welfare-coach','social-team')`,
    ),
    check(
      'referrals_status',
      sql`${t.status} in ('sent','received','contacted','started','completed','declined','no-show','withdrawn','referred-elsewhere')`,
    ),
  ],
);

/** Every status change with date, actor and reason: the referrer's view of the loop. */
export const referralEvents = pgTable(
  'referral_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    referralId: uuid('referral_id').notNull(),
    status: text('status').$type<ReferralStatus>().notNull(),
    at: at('at').notNull(),
    actorId: userRef('actor_id'),
    /** Shown instead of a user for residents and the scheduler. */
    actorLabel: text('actor_label'),
    reasonCode: text('reason_code').$type<DeclineReason>(),
    /** Free-text reason, sealed. */
    noteSealed: text('note_sealed'),
  },
  (t) => [
    primaryKey({ name: 'referral_events_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'referral_events_referral_fk',
      columns: [t.tenantId, t.referralId],
      foreignColumns: [referrals.tenantId, referrals.id],
    }),
    index('referral_events_referral').on(t.tenantId, t.referralId, t.at),
    check(
      'referral_events_reason',
      sql`${t.reasonCode} is null or ${t.reasonCode} in ('full','not-suitable','not-reachable','resident-declined','other')`,
    ),
  ],
);
