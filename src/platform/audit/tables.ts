import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../tenancy/tables.js';

/** Append-only (NEN 7513 in spirit): the application role may insert and select, never change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRoles: text('actor_roles').array().notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    /** The person whose data it is, so they can see who looked at it. */
    subjectUserId: uuid('subject_user_id'),
    purpose: text('purpose').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_tenant_at').on(t.tenantId, t.at),
    index('audit_subject').on(t.tenantId, t.subjectUserId, t.at),
    index('audit_record').on(t.tenantId, t.recordType, t.recordId),
  ],
);
