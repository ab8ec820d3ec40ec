// HSDS 3.0 objects as TypeBox schemas: they validate imported files (with a Dutch reason per problem, see
// hsds-validate.ts) and describe the API's answers in the OpenAPI document. Objects allow properties beyond
// HSDS (additionalProperties), which the import keeps verbatim.
//
// Deviations from the HSDS "required" lists, on purpose: taxonomy_term.description and taxonomy.description
// are optional (common files, the demo corpus among them, leave them out).
import { isEmailAddress } from '../../platform/mail/index.js';
import { FormatRegistry, Type, type Static, type TSchema } from '@sinclair/typebox';

/** Reason shown when a value does not fit; read by hsds-validate.ts. */
declare module '@sinclair/typebox' {
  interface SchemaOptions {
    errorMessage?: string;
  }
}

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const uuidRe = new RegExp(UUID_PATTERN);
const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimeRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isDate(value: string): boolean {
  const m = dateRe.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

// TypeBox checks formats through a global registry; these are the standard meanings, so registering them
// (when nobody did yet) cannot change anyone else's results.
const formats: Record<string, (value: string) => boolean> = {
  uuid: (v) => uuidRe.test(v),
  date: isDate,
  'date-time': (v) => dateTimeRe.test(v) && !Number.isNaN(Date.parse(v)) && isDate(v.slice(0, 10)),
  email: (v) => isEmailAddress(v),
  uri: (v) => /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v),
};
for (const [name, check] of Object.entries(formats))
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

/** Integers are stored as PostgreSQL integer. */
const INT_MAX = 2147483647;
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Text = (description?: string) => Type.String(description ? { description } : {});
const Id = (description = 'UUID') => Type.String({ format: 'uuid', description });
const DateString = (description: string) => Type.String({ format: 'date', description });
const Url = () => Type.String({ format: 'uri' });
const Email = () => Type.String({ format: 'email' });
const Enum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    {
      errorMessage: `moet een van deze waarden zijn: ${values.join(', ')}`,
      ...(description ? { description } : {}),
    },
  );

const day = '(MO|TU|WE|TH|FR|SA|SU)';
const Time = (description: string) =>
  Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?$',
    errorMessage: 'moet een tijd zijn in de vorm UU:MM, bijvoorbeeld 09:30',
    description,
  });
const NumberList = (range: string, description: string, errorMessage: string) =>
  Type.String({ pattern: `^[+-]?${range}(,[+-]?${range})*$`, errorMessage, description });

export const LanguageSchema = Type.Object(
  {
    id: Id(),
    service_id: opt(Id()),
    location_id: opt(Id()),
    phone_id: opt(Id()),
    name: opt(Text('Name of the language, e.g. Nederlands')),
    code: opt(Text('ISO 639-1 or 639-3 code, e.g. nl')),
    note: opt(Text()),
  },
  { additionalProperties: true, title: 'language' },
);

export const PhoneSchema = Type.Object(
  {
    id: Id(),
    location_id: opt(Id()),
    service_id: opt(Id()),
    organization_id: opt(Id()),
    contact_id: opt(Id()),
    service_at_location_id: opt(Id()),
    number: Type.String({ minLength: 1 }),
    extension: opt(Type.Integer({ minimum: 0, maximum: INT_MAX })),
    type: opt(Text('RFC 6350 type: text, voice, fax, cell, video, pager, textphone')),
    description: opt(Text()),
    languages: opt(Type.Array(LanguageSchema)),
  },
  { additionalProperties: true, title: 'phone' },
);

export const ContactSchema = Type.Object(
  {
    id: Id(),
    organization_id: opt(Id()),
    service_id: opt(Id()),
    service_at_location_id: opt(Id()),
    location_id: opt(Id()),
    name: opt(Text()),
    title: opt(Text()),
    department: opt(Text()),
    email: opt(Email()),
    phones: opt(Type.Array(PhoneSchema)),
  },
  { additionalProperties: true, title: 'contact' },
);

export const ScheduleSchema = Type.Object(
  {
    id: Id(),
    service_id: opt(Id()),
    location_id: opt(Id()),
    service_at_location_id: opt(Id()),
    valid_from: opt(DateString('First date this schedule holds (YYYY-MM-DD)')),
    valid_to: opt(DateString('Last date this schedule holds (YYYY-MM-DD)')),
    dtstart: opt(DateString('iCal: date of the first event')),
    timezone: opt(Type.Number({ minimum: -12, maximum: 14, description: 'UTC offset in hours' })),
    until: opt(DateString('iCal: date of the last event')),
    count: opt(Type.Integer({ minimum: 1, maximum: INT_MAX, description: 'iCal: number of events' })),
    wkst: opt(Enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const, 'iCal: first day of the week')),
    freq: opt(Enum(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const, 'iCal: how often it repeats')),
    interval: opt(
      Type.Integer({
        minimum: 1,
        maximum: INT_MAX,
        description: 'iCal: every n-th period; 2 with WEEKLY is fortnightly',
      }),
    ),
    byday: opt(
      Type.String({
        pattern: `^[+-]?[1-5]?${day}(,[+-]?[1-5]?${day})*$`,
        errorMessage: 'moet dagen zijn zoals MO,WE of, per maand, 1TU,3TU (eerste en derde dinsdag)',
        description: 'iCal: days, e.g. MO,WE; with MONTHLY a number in front picks the n-th, e.g. 1TU,3TU',
      }),
    ),
    byweekno: opt(
      NumberList(
        '([1-9]|[1-4][0-9]|5[0-3])',
        'iCal: weeks of the year',
        'moet weeknummers (1 tot 53) met komma’s zijn',
      ),
    ),
    bymonthday: opt(
      NumberList(
        '([1-9]|[12][0-9]|3[01])',
        'iCal: days of the month',
        'moet dagen van de maand (1 tot 31) met komma’s zijn',
      ),
    ),
    byyearday: opt(
      NumberList(
        '([1-9]|[1-9][0-9]|[12][0-9]{2}|3[0-5][0-9]|36[0-6])',
        'iCal: days of the year',
        'moet dagen van het jaar (1 tot 366) met komma’s zijn',
      ),
    ),
    description: opt(Text('Opening hours in words')),
    opens_at: opt(Time('Opening time, HH:MM (local time unless a zone is given)')),
    closes_at: opt(Time('Closing time, HH:MM')),
    schedule_link: opt(Url()),
    attending_type: opt(Text()),
    notes: opt(Text()),
  },
  { additionalProperties: true, title: 'schedule' },
);

export const AddressSchema = Type.Object(
  {
    id: Id(),
    location_id: opt(Id()),
    attention: opt(Text()),
    address_1: Type.String({ minLength: 1 }),
    address_2: opt(Text()),
    city: Type.String({ minLength: 1 }),
    region: opt(Text()),
    state_province: Type.String({ minLength: 1 }),
    postal_code: Type.String({ minLength: 1 }),
    country: Type.String({
      pattern: '^[A-Za-z]{2}$',
      errorMessage: 'moet een landcode van twee letters zijn, bijv. NL',
    }),
    address_type: Enum(['physical', 'postal', 'virtual'] as const),
  },
  { additionalProperties: true, title: 'address' },
);

export const AccessibilitySchema = Type.Object(
  {
    id: Id(),
    location_id: opt(Id()),
    description: opt(Text()),
    details: opt(Text()),
    url: opt(Url()),
  },
  { additionalProperties: true, title: 'accessibility' },
);

export const TaxonomySchema = Type.Object(
  {
    id: Id(),
    name: Type.String({ minLength: 1 }),
    description: opt(Text()),
    uri: opt(Url()),
    version: opt(Text()),
  },
  { additionalProperties: true, title: 'taxonomy' },
);

export const TaxonomyTermSchema = Type.Object(
  {
    id: Id(),
    code: opt(Text('Key of the term in its taxonomy, e.g. eenzaamheid')),
    name: Type.String({ minLength: 1 }),
    description: opt(Text()),
    parent_id: opt(Id()),
    taxonomy: opt(Text('Name of the taxonomy, e.g. thema')),
    taxonomy_detail: opt(TaxonomySchema),
    taxonomy_id: opt(Id()),
    language: opt(Text()),
    term_uri: opt(Url()),
  },
  { additionalProperties: true, title: 'taxonomy_term' },
);

export const AttributeSchema = Type.Object(
  {
    id: Id(),
    link_id: opt(Id('The object this term applies to')),
    taxonomy_term_id: opt(Id()),
    link_type: opt(Text()),
    link_entity: opt(Text('Table of link_id, e.g. service')),
    value: opt(Text()),
    label: opt(Text()),
    taxonomy_term: opt(TaxonomyTermSchema),
  },
  { additionalProperties: true, title: 'attribute' },
);

export const LocationSchema = Type.Object(
  {
    id: Id(),
    location_type: Enum(['physical', 'postal', 'virtual'] as const),
    url: opt(Url()),
    organization_id: opt(Id()),
    name: opt(Text()),
    alternate_name: opt(Text()),
    description: opt(Text()),
    transportation: opt(Text()),
    latitude: opt(Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 decimal degrees' })),
    longitude: opt(Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 decimal degrees' })),
    external_identifier: opt(Text()),
    external_identifier_type: opt(Text()),
    languages: opt(Type.Array(LanguageSchema)),
    addresses: opt(Type.Array(AddressSchema)),
    contacts: opt(Type.Array(ContactSchema)),
    accessibility: opt(Type.Array(AccessibilitySchema)),
    phones: opt(Type.Array(PhoneSchema)),
    schedules: opt(Type.Array(ScheduleSchema)),
    attributes: opt(Type.Array(AttributeSchema)),
  },
  { additionalProperties: true, title: 'location' },
);

export const ServiceAreaSchema = Type.Object(
  {
    id: Id(),
    service_id: opt(Id()),
    service_at_location_id: opt(Id()),
    name: opt(Text()),
    description: opt(Text()),
    extent: opt(Text()),
    extent_type: opt(Text('geojson, topojson, kml or text')),
    uri: opt(Url()),
  },
  { additionalProperties: true, title: 'service_area' },
);

export const ServiceAtLocationSchema = Type.Object(
  {
    id: Id(),
    service_id: opt(Id()),
    location_id: opt(Id()),
    description: opt(Text()),
    service_areas: opt(Type.Array(ServiceAreaSchema)),
    contacts: opt(Type.Array(ContactSchema)),
    phones: opt(Type.Array(PhoneSchema)),
    schedules: opt(Type.Array(ScheduleSchema)),
    location: opt(LocationSchema),
    attributes: opt(Type.Array(AttributeSchema)),
  },
  { additionalProperties: true, title: 'service_at_location' },
);

export const OrganizationSchema = Type.Object(
  {
    id: Id(),
    name: Type.String({ minLength: 1 }),
    alternate_name: opt(Text()),
    description: Type.String(),
    email: opt(Email()),
    website: opt(Url()),
    tax_status: opt(Text()),
    tax_id: opt(Text()),
    year_incorporated: opt(Type.Integer({ minimum: 0, maximum: 9999 })),
    legal_status: opt(Text()),
    logo: opt(Text()),
    uri: opt(Url()),
    parent_organization_id: opt(Id()),
  },
  { additionalProperties: true, title: 'organization' },
);

export const CostOptionSchema = Type.Object(
  {
    id: Id(),
    service_id: opt(Id()),
    valid_from: opt(DateString('YYYY-MM-DD')),
    valid_to: opt(DateString('YYYY-MM-DD')),
    option: opt(Text('Conditions, e.g. voor 65-plussers')),
    currency: opt(
      Type.String({
        pattern: '^[A-Za-z]{3}$',
        errorMessage: 'moet een valutacode van drie letters zijn, bijv. EUR',
      }),
    ),
    amount: opt(Type.Number({ minimum: 0 })),
    amount_description: opt(Text()),
  },
  { additionalProperties: true, title: 'cost_option' },
);

const statuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

/** One HSDS 3.0 compiled service: the service with everything it links to nested inside. */
export const CompiledServiceSchema = Type.Object(
  {
    id: Id(),
    organization_id: opt(Id()),
    program_id: opt(Id()),
    name: Type.String({ minLength: 1 }),
    alternate_name: opt(Text()),
    description: opt(Text()),
    url: opt(Url()),
    email: opt(Email()),
    status: Enum(statuses),
    interpretation_services: opt(Text()),
    application_process: opt(Text()),
    fees_description: opt(Text()),
    wait_time: opt(Text()),
    fees: opt(Text()),
    accreditations: opt(Text()),
    eligibility_description: opt(Text()),
    minimum_age: opt(Type.Number({ minimum: 0 })),
    maximum_age: opt(Type.Number({ minimum: 0 })),
    assured_date: opt(DateString('When the information was last checked (YYYY-MM-DD)')),
    assurer_email: opt(Email()),
    licenses: opt(Text()),
    alert: opt(Text()),
    last_modified: opt(
      Type.String({ format: 'date-time', description: 'When the service or anything in it last changed' }),
    ),
    phones: opt(Type.Array(PhoneSchema)),
    schedules: opt(Type.Array(ScheduleSchema)),
    service_areas: opt(Type.Array(ServiceAreaSchema)),
    service_at_locations: opt(Type.Array(ServiceAtLocationSchema)),
    languages: opt(Type.Array(LanguageSchema)),
    organization: opt(OrganizationSchema),
    cost_options: opt(Type.Array(CostOptionSchema)),
    contacts: opt(Type.Array(ContactSchema)),
    attributes: opt(Type.Array(AttributeSchema)),
  },
  { additionalProperties: true, title: 'service' },
);

export type CompiledService = Static<typeof CompiledServiceSchema> & Record<string, unknown>;
export type HsdsOrganization = Static<typeof OrganizationSchema> & Record<string, unknown>;
export type HsdsLocation = Static<typeof LocationSchema> & Record<string, unknown>;
export type HsdsServiceAtLocation = Static<typeof ServiceAtLocationSchema> & Record<string, unknown>;
export type HsdsTaxonomy = Static<typeof TaxonomySchema> & Record<string, unknown>;
export type HsdsTaxonomyTerm = Static<typeof TaxonomyTermSchema> & Record<string, unknown>;
export type HsdsAttribute = Static<typeof AttributeSchema> & Record<string, unknown>;

// ---- The read-only API -------------------------------------------------------------------------------------

export const TenantQuery = Type.Object({
  tenant: Type.Optional(Type.String({ description: 'Tenant slug, e.g. buch' })),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const paging = {
  tenant: Type.Optional(Type.String({ description: 'Tenant slug, e.g. buch' })),
  page: Type.Optional(
    Type.Integer({ minimum: 1, default: 1, description: 'Page number, the first page is 1' }),
  ),
  per_page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' }),
  ),
};
export const PageQuery = Type.Object(paging);
export const TaxonomyTermsQuery = Type.Object({
  ...paging,
  taxonomy_id: Type.Optional(Type.String({ format: 'uuid', description: 'Only terms of this taxonomy' })),
  parent_id: Type.Optional(Type.String({ format: 'uuid', description: 'Only direct children of this term' })),
});

/** HSDS's page object: a page past the end is empty but still tells the totals. */
export function PageOf<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      total_items: Type.Integer({ description: 'Items on all pages together' }),
      total_pages: Type.Integer(),
      page_number: Type.Integer({ description: 'This page, the first is 1' }),
      size: Type.Integer({ description: 'Items per page (per_page)' }),
      first_page: Type.Boolean(),
      last_page: Type.Boolean(),
      empty: Type.Boolean({ description: 'This page has no items' }),
      contents: Type.Array(item),
    },
    { title },
  );
}

/** A service as listed under its organization: the main fields, without what is nested in it. */
export const ServiceSummarySchema = Type.Object(
  {
    id: Id(),
    name: Type.String(),
    alternate_name: opt(Type.String()),
    description: opt(Type.String()),
    url: opt(Type.String()),
    email: opt(Type.String()),
    status: Type.String(),
  },
  { additionalProperties: true, title: 'service summary' },
);

export const OrganizationWithServicesSchema = Type.Intersect(
  [OrganizationSchema, Type.Object({ services: Type.Array(ServiceSummarySchema) })],
  { additionalProperties: true, title: 'organization with services' },
);

/** A service_at_location with its location and the service's main fields, as HSDS lists them. */
export const ServiceAtLocationItemSchema = Type.Intersect(
  [ServiceAtLocationSchema, Type.Object({ service: ServiceSummarySchema })],
  { additionalProperties: true, title: 'service_at_location with service' },
);
