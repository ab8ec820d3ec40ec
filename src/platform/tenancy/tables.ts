import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface TenantTheme {
  /** Brand colour for header and primary buttons, as #rrggbb. */
  primaryColor: string;
  /** Text colour on the brand colour. */
  primaryTextColor: string;
}

export interface TenantSettings {
  /** Roles that must use two-factor login because they read case files. */
  requireTwoFactorForRoles: string[];
  /** Default response deadline for support requests, referrals and signals. */
  responseDeadlineHours: number;
  /** Months after which an offer that nobody confirmed counts as stale (directory); 6 when absent. */
  directoryStaleAfterMonths?: number;
  /**
   * Casework: months after a case closed before the retention job anonymises it, per record type (person,
   * support-request, plan, notes, assessment); casework's defaults for the types not set.
   */
  caseworkRetentionMonths?: Partial<Record<string, number>>;
}

export interface TenantOidc {
  issuer: string;
  clientId: string;
  /** Encrypted with the installation secret key. */
  clientSecretEncrypted: string;
  label: string;
}

/** The registry of tenants itself holds no tenant data, so it has no tenant_id. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  hostnames: text('hostnames')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  theme: jsonb('theme').$type<TenantTheme>().notNull(),
  settings: jsonb('settings').$type<TenantSettings>().notNull(),
  oidc: jsonb('oidc').$type<TenantOidc>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
