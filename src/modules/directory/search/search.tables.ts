// The search index of the directory: one precomputed document per offer, with the offer's words,
// classifications, access route, cost, ages, places and schedule already worked out. refreshSearchIndex()
// (index.ts) writes it; the offers' tables stay the source. A search reads a tenant's documents into memory
// once per search version (memory.ts) and ranks there, so no GIN indexes: row-level security kept the text and
// array operators from using them anyway, and keeping them up to date halved the speed of an import.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../../../platform/tenancy/tables.js';
import { services } from '../tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const searchDocuments = pgTable(
  'search_documents',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    serviceId: uuid('service_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    status: text('status').notNull(),
    /** For a stable order among equally good results. */
    name: text('name').notNull(),
    /** Dutch-stemmed words, weighted: A name, B classifications and provider, C description, D the rest. */
    document: tsvector('document').notNull(),
    /**
     * The name (and alternate name) without accents, in lower case. Only the name: the longer texts are in
     * the tsvector and the word list, and a narrow row keeps reading all of a tenant's documents cheap.
     */
    text: text('text').notNull(),
    termIds: uuid('term_ids').array().notNull(),
    taxonomyIds: uuid('taxonomy_ids').array().notNull(),
    /** Codes of the thema and doelgroep terms. */
    themes: text('themes').array().notNull(),
    targetGroups: text('target_groups').array().notNull(),
    /** Code of the toegang term (vrij-toegankelijk, aanmelden, verwijzing-nodig, indicatie-nodig), if any. */
    access: text('access'),
    /** The step on the referral pathway: 0 freely accessible … 3 indication needed; 1 when unknown. */
    accessStep: smallint('access_step').notNull(),
    free: boolean('free').notNull(),
    minAge: doublePrecision('min_age'),
    maxAge: doublePrecision('max_age'),
    /** Coordinates of the offer's physical locations, pairwise. */
    lats: doublePrecision('lats').array().notNull(),
    lons: doublePrecision('lons').array().notNull(),
    /** Places (address city, normalised) and four-digit postcodes of the locations. */
    cities: text('cities').array().notNull(),
    postcodes: text('postcodes').array().notNull(),
    /**
     * Places (normalised names) that the offer's service areas name: it comes to people there or serves them
     * by phone, so distance to its office does not count for them. Empty: no service area.
     */
    serves: text('serves')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    wheelchair: boolean('wheelchair').notNull(),
    /**
     * When it takes place, as day tokens: 'DAILY', 'W:TU' (every Tuesday), 'M:2TU' (second Tuesday of the
     * month), 'M:-1FR' (last Friday), 'D:15' (the 15th); empty when it has no schedule.
     */
    days: text('days').array().notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    lastModified: timestamp('last_modified', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'search_documents_pk', columns: [t.tenantId, t.serviceId] }),
    foreignKey({
      name: 'search_documents_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    index('search_documents_organization').on(t.tenantId, t.organizationId),
    index('search_documents_modified').on(t.tenantId, t.lastModified),
  ],
);

/**
 * The words of a tenant's offers (lower case, no accents), to correct a misspelt search word to one that
 * occurs: "eenzaamhied" → "eenzaamheid" (by trigram similarity, in memory).
 */
export const searchWords = pgTable(
  'search_words',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    word: text('word').notNull(),
    /** How many of the tenant's offers use the word: rare words weigh more in ranking (idf). */
    docs: integer('docs').notNull().default(1),
  },
  (t) => [primaryKey({ name: 'search_words_pk', columns: [t.tenantId, t.word] })],
);

/**
 * Which state of a tenant's directory the search has in memory: a new random value whenever an offer, its
 * parts, the index or the tenant's places change (triggers, migration 0014). Random rather than counted, so a
 * rolled-back change or a copied database never hands out a value that stood for other content.
 */
export const searchVersions = pgTable('search_versions', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  version: uuid('version').notNull(),
});
