// Keeping the directory current: who may edit which organisation's offers, their proposed changes waiting for
// a coordinator, residents' "klopt er iets niet?" reports, and the staleness reminders already sent.
// Every row belongs to a tenant and points at a directory row of the same tenant (foreign keys carry
// tenant_id); when an offer or organisation leaves the directory, what hangs on it goes with it.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables.js';
import { tenants } from '../../../platform/tenancy/tables.js';
import { organizations, services } from '../tables.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A user who keeps an organisation's offers: may propose changes to them and gets their reminders. */
export const providerMembers = pgTable(
  'provider_members',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ name: 'provider_members_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'provider_members_organization_fk',
      columns: [t.tenantId, t.organizationId],
      foreignColumns: [organizations.tenantId, organizations.id],
    }).onDelete('cascade'),
    uniqueIndex('provider_members_user_organization').on(t.tenantId, t.userId, t.organizationId),
    index('provider_members_organization').on(t.tenantId, t.organizationId),
  ],
);

/**
 * A proposed change to one offer. `base` is the compiled service the author saw, `proposed` the compiled
 * service as the author wants it; the diff is between the two. Approval merges the proposal into the offer
 * as it is then (see offer-fields.ts). At most one pending request per offer: a new proposal replaces it.
 */
export const changeRequests = pgTable(
  'directory_change_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    serviceId: uuid('service_id').notNull(),
    /** The offer's organisation when proposed: lists per organisation without opening the JSON. */
    organizationId: uuid('organization_id').notNull(),
    status: text('status').notNull().default('pending'),
    base: jsonb('base').$type<Record<string, unknown>>().notNull(),
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    /** The offer's last_modified when proposed: the version the proposal was made against. */
    baseLastModified: text('base_last_modified'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** A note of the author to the coordinator. */
    note: text('note'),
    /** Why the coordinator rejected it; shown to the author. */
    reason: text('reason'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ name: 'directory_change_requests_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'directory_change_requests_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    uniqueIndex('directory_change_requests_one_pending')
      .on(t.tenantId, t.serviceId)
      .where(sql`${t.status} = 'pending'`),
    index('directory_change_requests_status').on(t.tenantId, t.status, t.createdAt),
    index('directory_change_requests_organization').on(t.tenantId, t.organizationId),
    check('directory_change_requests_status', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** "Klopt er iets niet?": a resident's report about an offer. No IP address or account is stored. */
export const feedbackReports = pgTable(
  'directory_feedback',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    serviceId: uuid('service_id').notNull(),
    message: text('message').notNull(),
    /** Only when the resident wants an answer. */
    contactEmail: text('contact_email'),
    status: text('status').notNull().default('open'),
    createdAt: at('created_at').notNull().defaultNow(),
    handledAt: at('handled_at'),
    handledBy: uuid('handled_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ name: 'directory_feedback_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'directory_feedback_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    index('directory_feedback_status').on(t.tenantId, t.status, t.createdAt),
    index('directory_feedback_service').on(t.tenantId, t.serviceId),
    check('directory_feedback_status', sql`${t.status} in ('open', 'handled')`),
  ],
);

/** Staleness reminders sent, one row per offer per reminder: keeps owners from getting one every day. */
export const stalenessReminders = pgTable(
  'directory_staleness_reminders',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    serviceId: uuid('service_id').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'directory_staleness_reminders_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'directory_staleness_reminders_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    index('directory_staleness_reminders_service').on(t.tenantId, t.serviceId, t.sentAt),
  ],
);
