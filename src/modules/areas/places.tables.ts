import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/tenancy/tables.js';
import { areas } from './tables.js';

/**
 * The gazetteer: villages and other places residents name ("Egmond aan Zee", "Bakkum"), with their
 * four-digit postcode areas and a centre point, so "near Egmond aan Zee" or "near 1931 AB" becomes a point
 * to measure distance from. A place is finer than the area tree: the core Egmond holds three villages.
 */
export const places = pgTable(
  'places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The area (usually the core) the place lies in. */
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The name and the aliases normalised (lower case, no accents, single spaces): what a lookup compares. */
    lookupKeys: text('lookup_keys').array().notNull(),
    /** Four-digit postcode areas; where two places share one, the one with the lower position wins. */
    postcodes: text('postcodes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('places_tenant_name').on(t.tenantId, t.name),
    index('places_tenant_position').on(t.tenantId, t.position),
  ],
);
