// Signals: the tenant's categories, the reported worries with their triage, the collective signals (clusters)
// per area and theme with the signalling meeting's decision, and a record of every signal deleted under the
// retention period. Descriptions, details about the person and a named reporter's contact details are sealed
// with the platform field cipher; an anonymous report has no column that could hold an address or identifier.
import { sql } from 'drizzle-orm';
import {
  boolean,
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

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

/** What a worry is about, as the tenant names it, tied to ZRM life domains (codes of casework). */
export const signalCategories = pgTable(
  'signal_categories',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** Stable code for the API, e.g. "loneliness". */
    code: text('code').notNull(),
    labelNl: text('label_nl').notNull(),
    labelEn: text('label_en').notNull(),
    lifeDomains: text('life_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    position: smallint('position').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'signal_categories_pk', columns: [t.tenantId, t.id] }),
    uniqueIndex('signal_categories_code').on(t.tenantId, t.code),
  ],
);

export const signalSubjects = ['person', 'area'] as const;
export type SignalSubject = (typeof signalSubjects)[number];
export const urgencies = ['normal', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];
/** resident: public form with contact details; anonymous: public form without; partner: logged in. */
export const sources = ['resident', 'anonymous', 'partner'] as const;
export type Source = (typeof sources)[number];
export const triageDecisions = ['outreach-visit', 'advice', 'referral', 'nothing'] as const;
export type TriageDecision = (typeof triageDecisions)[number];

/** Collective signals: the same worry in one area, grouped automatically; the meeting decides on them. */
export const signalClusters = pgTable(
  'signal_clusters',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    categoryId: uuid('category_id').notNull(),
    /** Core (village) of the areas module. */
    areaId: uuid('area_id').notNull(),
    createdAt: at('created_at').notNull(),
    lastSignalAt: at('last_signal_at').notNull(),
    decision: text('decision'),
    decisionNote: text('decision_note'),
    /** The directory offer that came of it (collective-offer). */
    offerId: uuid('offer_id'),
    /** The priority added to the area plan, as the meeting worded it. */
    planPriority: text('plan_priority'),
    decidedAt: at('decided_at'),
    decidedBy: userRef('decided_by'),
  },
  (t) => [
    primaryKey({ name: 'signal_clusters_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'signal_clusters_category_fk',
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [signalCategories.tenantId, signalCategories.id],
    }),
    index('signal_clusters_area').on(t.tenantId, t.areaId, t.lastSignalAt),
    check(
      'signal_clusters_decision',
      sql`${t.decision} is null or ${t.decision} in ('collective-offer','inform-partners','area-plan','no-action')`,
    ),
  ],
);

export const signals = pgTable(
  'signals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    categoryId: uuid('category_id').notNull(),
    about: text('about').$type<SignalSubject>().notNull(),
    urgency: text('urgency').$type<Urgency>().notNull(),
    source: text('source').$type<Source>().notNull(),
    /** First role of a reporting partner (referring-partner, provider …) for the figures per source. */
    reporterRole: text('reporter_role'),
    reporterUserId: userRef('reporter_user_id'),
    /** Name, e-mail and phone of a resident who left them (JSON, sealed); null when anonymous or partner. */
    reporterSealed: text('reporter_sealed'),
    descriptionSealed: text('description_sealed').notNull(),
    /** What the reporter said about the person: name, address, age (JSON, sealed). */
    personSealed: text('person_sealed'),
    /** Keyed hash of postcode + house number: finds reports about the same household without an address. */
    subjectLookup: text('subject_lookup'),
    /** What the reporter typed for the place ("Castricum", "1901 AB"); no personal data for area reports. */
    placeText: text('place_text'),
    areaId: uuid('area_id'),
    /** SHA-256 of the status code a public reporter got: it lets them see "picked up", nothing else. */
    statusCodeHash: text('status_code_hash'),
    receivedAt: at('received_at').notNull(),
    triageBefore: at('triage_before').notNull(),
    assignedTo: userRef('assigned_to'),
    assignedAt: at('assigned_at'),
    /** The casework household this is about, once the triage linked or registered it. */
    householdId: uuid('household_id'),
    supportRequestId: uuid('support_request_id'),
    decision: text('decision').$type<TriageDecision>(),
    decisionReasonSealed: text('decision_reason_sealed'),
    triagedAt: at('triaged_at'),
    triagedBy: userRef('triaged_by'),
    /** When the scan found it untriaged past its deadline and told the team leads. */
    escalatedAt: at('escalated_at'),
    /** An earlier report about the same household: linked, and not counted twice. */
    duplicateOf: uuid('duplicate_of'),
    clusterId: uuid('cluster_id'),
  },
  (t) => [
    primaryKey({ name: 'signals_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'signals_category_fk',
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [signalCategories.tenantId, signalCategories.id],
    }),
    foreignKey({
      name: 'signals_cluster_fk',
      columns: [t.tenantId, t.clusterId],
      foreignColumns: [signalClusters.tenantId, signalClusters.id],
    }),
    index('signals_untriaged')
      .on(t.tenantId, t.triageBefore)
      .where(sql`${t.triagedAt} is null`),
    index('signals_category_area').on(t.tenantId, t.categoryId, t.areaId, t.receivedAt),
    index('signals_subject')
      .on(t.tenantId, t.subjectLookup)
      .where(sql`${t.subjectLookup} is not null`),
    uniqueIndex('signals_status_code')
      .on(t.statusCodeHash)
      .where(sql`${t.statusCodeHash} is not null`),
    index('signals_reporter').on(t.tenantId, t.reporterUserId),
    check('signals_about', sql`${t.about} in ('person','area')`),
    check('signals_urgency', sql`${t.urgency} in ('normal','urgent')`),
    check('signals_source', sql`${t.source} in ('resident','anonymous','partner')`),
    check(
      'signals_decision',
      sql`${t.decision} is null or ${t.decision} in ('outreach-visit','advice','referral','nothing')`,
    ),
    check('signals_anonymous', sql`${t.source} <> 'anonymous' or ${t.reporterSealed} is null`),
  ],
);

/** What is left of a signal deleted after the retention period: enough for the figures, nothing personal. */
export const signalDeletions = pgTable(
  'signal_deletions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    signalId: uuid('signal_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    areaId: uuid('area_id'),
    about: text('about').$type<SignalSubject>().notNull(),
    source: text('source').$type<Source>().notNull(),
    reporterRole: text('reporter_role'),
    receivedAt: at('received_at').notNull(),
    triagedAt: at('triaged_at'),
    decision: text('decision').$type<TriageDecision>(),
    deletedAt: at('deleted_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    primaryKey({ name: 'signal_deletions_pk', columns: [t.tenantId, t.id] }),
    uniqueIndex('signal_deletions_signal').on(t.tenantId, t.signalId),
  ],
);

/** The tenant's own settings of the meldpunt; a tenant without a row uses the defaults (service.ts). */
export const signalSettings = pgTable(
  'signal_settings',
  {
    tenantId: tenantId().primaryKey(),
    /** The acute-danger text above the report form; null: the standard text (112, Veilig Thuis). */
    safetyNoticeNl: text('safety_notice_nl'),
    safetyNoticeEn: text('safety_notice_en'),
    /** Days after triage that a signal without follow-up is kept. */
    retentionDays: integer('retention_days').notNull(),
    /** Reports this many days apart can still form one collective signal. */
    clusterWindowDays: integer('cluster_window_days').notNull(),
    /** From how many households or area reports a collective signal goes on the meeting's agenda. */
    clusterMinimum: integer('cluster_minimum').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: userRef('updated_by'),
  },
  (t) => [
    check('signal_settings_retention', sql`${t.retentionDays} between 7 and 3650`),
    check('signal_settings_window', sql`${t.clusterWindowDays} between 7 and 365`),
    check('signal_settings_minimum', sql`${t.clusterMinimum} between 2 and 50`),
  ],
);
