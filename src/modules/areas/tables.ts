import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/tenancy/tables.js';

export const areaKinds = ['municipality', 'core', 'district', 'neighbourhood'] as const;
export type AreaKind = (typeof areaKinds)[number];

/** municipality (GM) → core/village → district (WK) → neighbourhood (BU); CBS codes kept as text. */
export const areas = pgTable(
  'areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => areas.id),
    kind: text('kind').$type<AreaKind>().notNull(),
    code: text('code'),
    name: text('name').notNull(),
    /** Four-digit postcode areas (e.g. "1931") that place an address in this area. */
    postcodes: text('postcodes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    unique('areas_tenant_code').on(t.tenantId, t.code),
    index('areas_tenant_parent').on(t.tenantId, t.parentId),
    check('areas_kind', sql`${t.kind} in ('municipality','core','district','neighbourhood')`),
    check('areas_code_format', sql`${t.code} is null or ${t.code} ~ '^(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})$'`),
  ],
);
