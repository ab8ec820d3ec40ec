// The directory in Open Referral HSDS 3.0: one table per HSDS object, columns named exactly as the HSDS fields,
// so an imported file and its export are the same data. Ids come from the imported files, and two tenants may
// import the same file: every primary key is (tenant_id, id) and every foreign key carries tenant_id.
//
// Beside the HSDS fields, rows that come from an array nested in another object have:
// - position: the index in that array, so the export gives the array back in the same order;
// - parent_type (where HSDS allows several parents): the object the row was nested in, e.g. a schedule in
//   service.schedules has parent_type 'service' even when it also names a service_at_location_id;
// - omitted_links: link fields the file left out because the nesting made them obvious (a phone inside a
//   service without service_id); the importer fills them in for the database and the export leaves them out.
// Every table has extra (jsonb): properties of the object that Wijkkracht does not model (HSDS metadata,
// funding, programs, local extensions), kept verbatim so nothing in an imported file is lost.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/tenancy/tables.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const extra = () => jsonb('extra').$type<Record<string, unknown>>();
const position = () => integer('position').notNull();
const omittedLinks = () => text('omitted_links').array();

/** Providers (HSDS organization). */
export const organizations = pgTable(
  'organizations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description'),
    email: text('email'),
    website: text('website'),
    taxStatus: text('tax_status'),
    taxId: text('tax_id'),
    yearIncorporated: integer('year_incorporated'),
    legalStatus: text('legal_status'),
    logo: text('logo'),
    uri: text('uri'),
    parentOrganizationId: uuid('parent_organization_id'),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'organizations_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'organizations_parent_fk',
      columns: [t.tenantId, t.parentOrganizationId],
      foreignColumns: [t.tenantId, t.id],
    }),
  ],
);

/** Offers (HSDS service). assured_date is "last checked"; last_modified changes only when the content does. */
export const services = pgTable(
  'services',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    programId: uuid('program_id'),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description'),
    url: text('url'),
    email: text('email'),
    status: text('status').notNull(),
    interpretationServices: text('interpretation_services'),
    applicationProcess: text('application_process'),
    feesDescription: text('fees_description'),
    waitTime: text('wait_time'),
    fees: text('fees'),
    accreditations: text('accreditations'),
    eligibilityDescription: text('eligibility_description'),
    minimumAge: doublePrecision('minimum_age'),
    maximumAge: doublePrecision('maximum_age'),
    assuredDate: date('assured_date'),
    assurerEmail: text('assurer_email'),
    licenses: text('licenses'),
    alert: text('alert'),
    lastModified: timestamp('last_modified', { withTimezone: true, precision: 3 }).notNull(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'services_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'services_organization_fk',
      columns: [t.tenantId, t.organizationId],
      foreignColumns: [organizations.tenantId, organizations.id],
    }),
    index('services_organization').on(t.tenantId, t.organizationId),
    index('services_last_modified').on(t.tenantId, t.lastModified),
    check('services_status', sql`${t.status} in ('active', 'inactive', 'defunct', 'temporarily closed')`),
    check(
      'services_ages',
      sql`${t.minimumAge} is null or ${t.maximumAge} is null or ${t.minimumAge} <= ${t.maximumAge}`,
    ),
  ],
);

export const locations = pgTable(
  'locations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    locationType: text('location_type').notNull(),
    url: text('url'),
    organizationId: uuid('organization_id'),
    name: text('name'),
    alternateName: text('alternate_name'),
    description: text('description'),
    transportation: text('transportation'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    externalIdentifier: text('external_identifier'),
    externalIdentifierType: text('external_identifier_type'),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'locations_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'locations_organization_fk',
      columns: [t.tenantId, t.organizationId],
      foreignColumns: [organizations.tenantId, organizations.id],
    }),
    index('locations_organization').on(t.tenantId, t.organizationId),
    check('locations_type', sql`${t.locationType} in ('physical', 'postal', 'virtual')`),
    check('locations_latitude', sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check('locations_longitude', sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
  ],
);

export const serviceAtLocations = pgTable(
  'service_at_locations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    serviceId: uuid('service_id').notNull(),
    locationId: uuid('location_id').notNull(),
    description: text('description'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'service_at_locations_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'service_at_locations_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'service_at_locations_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    index('service_at_locations_service').on(t.tenantId, t.serviceId),
    index('service_at_locations_location').on(t.tenantId, t.locationId),
  ],
);

export const addresses = pgTable(
  'addresses',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    attention: text('attention'),
    address1: text('address_1').notNull(),
    address2: text('address_2'),
    city: text('city').notNull(),
    region: text('region'),
    stateProvince: text('state_province').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    addressType: text('address_type').notNull(),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'addresses_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'addresses_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    index('addresses_location').on(t.tenantId, t.locationId),
    check('addresses_type', sql`${t.addressType} in ('physical', 'postal', 'virtual')`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    organizationId: uuid('organization_id'),
    serviceId: uuid('service_id'),
    serviceAtLocationId: uuid('service_at_location_id'),
    locationId: uuid('location_id'),
    name: text('name'),
    title: text('title'),
    department: text('department'),
    email: text('email'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'contacts_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'contacts_organization_fk',
      columns: [t.tenantId, t.organizationId],
      foreignColumns: [organizations.tenantId, organizations.id],
    }),
    foreignKey({
      name: 'contacts_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'contacts_service_at_location_fk',
      columns: [t.tenantId, t.serviceAtLocationId],
      foreignColumns: [serviceAtLocations.tenantId, serviceAtLocations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'contacts_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    index('contacts_service').on(t.tenantId, t.serviceId),
    index('contacts_service_at_location').on(t.tenantId, t.serviceAtLocationId),
    index('contacts_location').on(t.tenantId, t.locationId),
    check(
      'contacts_parent',
      sql`(${t.parentType} = 'service' and ${t.serviceId} is not null)
       or (${t.parentType} = 'service_at_location' and ${t.serviceAtLocationId} is not null)
       or (${t.parentType} = 'location' and ${t.locationId} is not null)`,
    ),
  ],
);

export const phones = pgTable(
  'phones',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    locationId: uuid('location_id'),
    serviceId: uuid('service_id'),
    organizationId: uuid('organization_id'),
    contactId: uuid('contact_id'),
    serviceAtLocationId: uuid('service_at_location_id'),
    number: text('number').notNull(),
    extension: integer('extension'),
    type: text('type'),
    description: text('description'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'phones_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'phones_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'phones_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'phones_organization_fk',
      columns: [t.tenantId, t.organizationId],
      foreignColumns: [organizations.tenantId, organizations.id],
    }),
    foreignKey({
      name: 'phones_contact_fk',
      columns: [t.tenantId, t.contactId],
      foreignColumns: [contacts.tenantId, contacts.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'phones_service_at_location_fk',
      columns: [t.tenantId, t.serviceAtLocationId],
      foreignColumns: [serviceAtLocations.tenantId, serviceAtLocations.id],
    }).onDelete('cascade'),
    index('phones_service').on(t.tenantId, t.serviceId),
    index('phones_service_at_location').on(t.tenantId, t.serviceAtLocationId),
    index('phones_location').on(t.tenantId, t.locationId),
    index('phones_contact').on(t.tenantId, t.contactId),
    check(
      'phones_parent',
      sql`(${t.parentType} = 'service' and ${t.serviceId} is not null)
       or (${t.parentType} = 'service_at_location' and ${t.serviceAtLocationId} is not null)
       or (${t.parentType} = 'location' and ${t.locationId} is not null)
       or (${t.parentType} = 'contact' and ${t.contactId} is not null)`,
    ),
  ],
);

/** RFC 5545-style recurrence (freq, byday, …) plus opening hours; times are kept as written (HH:MM). */
export const schedules = pgTable(
  'schedules',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    serviceId: uuid('service_id'),
    locationId: uuid('location_id'),
    serviceAtLocationId: uuid('service_at_location_id'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    dtstart: date('dtstart'),
    timezone: doublePrecision('timezone'),
    until: date('until'),
    count: integer('count'),
    wkst: text('wkst'),
    freq: text('freq'),
    interval: integer('interval'),
    byday: text('byday'),
    byweekno: text('byweekno'),
    bymonthday: text('bymonthday'),
    byyearday: text('byyearday'),
    description: text('description'),
    opensAt: text('opens_at'),
    closesAt: text('closes_at'),
    scheduleLink: text('schedule_link'),
    attendingType: text('attending_type'),
    notes: text('notes'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'schedules_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'schedules_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'schedules_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'schedules_service_at_location_fk',
      columns: [t.tenantId, t.serviceAtLocationId],
      foreignColumns: [serviceAtLocations.tenantId, serviceAtLocations.id],
    }).onDelete('cascade'),
    index('schedules_service').on(t.tenantId, t.serviceId),
    index('schedules_service_at_location').on(t.tenantId, t.serviceAtLocationId),
    index('schedules_location').on(t.tenantId, t.locationId),
    check(
      'schedules_parent',
      sql`(${t.parentType} = 'service' and ${t.serviceId} is not null)
       or (${t.parentType} = 'service_at_location' and ${t.serviceAtLocationId} is not null)
       or (${t.parentType} = 'location' and ${t.locationId} is not null)`,
    ),
    check('schedules_freq', sql`${t.freq} is null or ${t.freq} in ('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY')`),
  ],
);

export const languages = pgTable(
  'languages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    serviceId: uuid('service_id'),
    locationId: uuid('location_id'),
    phoneId: uuid('phone_id'),
    name: text('name'),
    code: text('code'),
    note: text('note'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'languages_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'languages_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'languages_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'languages_phone_fk',
      columns: [t.tenantId, t.phoneId],
      foreignColumns: [phones.tenantId, phones.id],
    }).onDelete('cascade'),
    index('languages_service').on(t.tenantId, t.serviceId),
    index('languages_location').on(t.tenantId, t.locationId),
    index('languages_phone').on(t.tenantId, t.phoneId),
    check(
      'languages_parent',
      sql`(${t.parentType} = 'service' and ${t.serviceId} is not null)
       or (${t.parentType} = 'location' and ${t.locationId} is not null)
       or (${t.parentType} = 'phone' and ${t.phoneId} is not null)`,
    ),
  ],
);

export const accessibility = pgTable(
  'accessibility',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    description: text('description'),
    details: text('details'),
    url: text('url'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'accessibility_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'accessibility_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }).onDelete('cascade'),
    index('accessibility_location').on(t.tenantId, t.locationId),
  ],
);

export const costOptions = pgTable(
  'cost_options',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    serviceId: uuid('service_id').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    option: text('option'),
    currency: text('currency'),
    amount: numeric('amount'),
    amountDescription: text('amount_description'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'cost_options_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'cost_options_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    index('cost_options_service').on(t.tenantId, t.serviceId),
  ],
);

export const serviceAreas = pgTable(
  'service_areas',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    serviceId: uuid('service_id'),
    serviceAtLocationId: uuid('service_at_location_id'),
    name: text('name'),
    description: text('description'),
    extent: text('extent'),
    extentType: text('extent_type'),
    uri: text('uri'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'service_areas_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'service_areas_service_fk',
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [services.tenantId, services.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'service_areas_service_at_location_fk',
      columns: [t.tenantId, t.serviceAtLocationId],
      foreignColumns: [serviceAtLocations.tenantId, serviceAtLocations.id],
    }).onDelete('cascade'),
    index('service_areas_service').on(t.tenantId, t.serviceId),
    index('service_areas_service_at_location').on(t.tenantId, t.serviceAtLocationId),
    check(
      'service_areas_parent',
      sql`(${t.parentType} = 'service' and ${t.serviceId} is not null)
       or (${t.parentType} = 'service_at_location' and ${t.serviceAtLocationId} is not null)`,
    ),
  ],
);

/** Classification schemes: ours are thema, positieve-gezondheid, doelgroep, soort-aanbod and toegang. */
export const taxonomies = pgTable(
  'taxonomies',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    uri: text('uri'),
    version: text('version'),
    extra: extra(),
  },
  (t) => [primaryKey({ name: 'taxonomies_pk', columns: [t.tenantId, t.id] })],
);

export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    description: text('description'),
    parentId: uuid('parent_id'),
    /** HSDS's free-text name of the taxonomy, as written in the file. */
    taxonomy: text('taxonomy'),
    taxonomyId: uuid('taxonomy_id'),
    language: text('language'),
    termUri: text('term_uri'),
    /** The file embedded the whole taxonomy object (taxonomy_detail); the export does so again. */
    withTaxonomyDetail: boolean('with_taxonomy_detail').notNull().default(false),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'taxonomy_terms_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'taxonomy_terms_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'taxonomy_terms_taxonomy_fk',
      columns: [t.tenantId, t.taxonomyId],
      foreignColumns: [taxonomies.tenantId, taxonomies.id],
    }),
    index('taxonomy_terms_taxonomy').on(t.tenantId, t.taxonomyId),
    index('taxonomy_terms_parent').on(t.tenantId, t.parentId),
  ],
);

/**
 * A taxonomy term attached to a service, service_at_location or location. link_id points into the table
 * named by parent_type; being polymorphic it has no foreign key, so whoever deletes a parent deletes its
 * attributes too.
 */
export const attributes = pgTable(
  'attributes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    parentType: text('parent_type').notNull(),
    linkId: uuid('link_id').notNull(),
    taxonomyTermId: uuid('taxonomy_term_id').notNull(),
    linkType: text('link_type'),
    linkEntity: text('link_entity'),
    value: text('value'),
    label: text('label'),
    position: position(),
    omittedLinks: omittedLinks(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ name: 'attributes_pk', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'attributes_taxonomy_term_fk',
      columns: [t.tenantId, t.taxonomyTermId],
      foreignColumns: [taxonomyTerms.tenantId, taxonomyTerms.id],
    }),
    index('attributes_link').on(t.tenantId, t.linkId),
    index('attributes_taxonomy_term').on(t.tenantId, t.taxonomyTermId),
    check('attributes_parent', sql`${t.parentType} in ('service', 'service_at_location', 'location')`),
  ],
);
