// Consent records (what may be shared with which partner, for which purpose, from when to when), checked
// before a partner gets anything; and the deletion records the retention job leaves when it anonymises a
// closed case, so it stays visible that a file existed and when it was removed, without its contents.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import { tenants } from '../../platform/tenancy/tables.js';
import { households, persons } from './tables.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

export const consentScopes = ['contact-details', 'support-question', 'plan', 'assessments'] as const;
export type ConsentScope = (typeof consentScopes)[number];

export const consents = pgTable(
  'consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id').notNull(),
    /** The member who gave it. */
    personId: uuid('person_id'),
    /** The partner: an organisation id or a stable code the referring module uses ("school:de-branding"). */
    partner: text('partner').notNull(),
    /** For what: a short code ("referral", "case-conference", "debt-counselling"). */
    purpose: text('purpose').notNull(),
    /** What may be shared. */
    scopes: text('scopes').array().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Last day it holds; null: until withdrawn. */
    validUntil: date('valid_until', { mode: 'string' }),
    recordedBy: userRef('recorded_by'),
    recordedAt: at('recorded_at').notNull().defaultNow(),
    withdrawnAt: at('withdrawn_at'),
    withdrawnBy: userRef('withdrawn_by'),
  },
  (t) => [
    primaryKey({ name: 'consents_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'consents_household_fk',
      columns: [t.tenantId, t.householdId],
      foreignColumns: [households.tenantId, households.id],
    }),
    foreignKey({
      name: 'consents_person_fk',
      columns: [t.tenantId, t.personId],
      foreignColumns: [persons.tenantId, persons.id],
    }),
    index('consents_lookup').on(t.tenantId, t.householdId, t.partner, t.purpose),
    check('consents_period', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
  ],
);

/** What the retention job removed: which record type of which case, when, and how many rows. */
export const caseworkDeletions = pgTable(
  'casework_deletions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    householdId: uuid('household_id').notNull(),
    recordType: text('record_type').notNull(),
    rows: integer('rows').notNull(),
    caseClosedAt: at('case_closed_at').notNull(),
    retentionMonths: integer('retention_months').notNull(),
    deletedAt: at('deleted_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'casework_deletions_pk', columns: [t.tenantId, t.id] }),
    uniqueIndex('casework_deletions_once').on(t.tenantId, t.caseId, t.recordType),
  ],
);
