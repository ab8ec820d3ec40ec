// The SQL of the search index: reading offers for it and writing it. Searching reads the index in memory
// (memory.ts).
// Every statement runs in a TenantTx, so row-level security keeps it to one tenant; the explicit
// tenant_id conditions are there for the indexes, which all start with tenant_id.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type TenantTx } from '../../../platform/db/index.js';

const tenant = sql.raw('wijkkracht_current_tenant()');

/** A text[] parameter: a bound array literal with every element quoted, so any content is safe. */
function textArray(values: Iterable<string>): SQL {
  const quoted = [...values].map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`);
  return sql`${`{${quoted.join(',')}}`}::text[]`;
}

function uuidArray(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(',')}}`}::uuid[]`;
}

export async function allServiceIds(tx: TenantTx): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select id::text as id from services where tenant_id = ${tenant} order by id`,
  );
  return found.map((r) => r.id);
}

/** What the index needs of one offer: its texts, terms, locations, schedules and costs. */
export interface SourceRow {
  id: string;
  organization_id: string;
  status: string;
  name: string;
  alternate_name: string | null;
  description: string | null;
  eligibility_description: string | null;
  application_process: string | null;
  fees_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  last_modified: string;
  organization_name: string | null;
  terms:
    | { id: string; code: string | null; name: string; taxonomy: string | null; taxonomy_id: string | null }[]
    | null;
  locations:
    | {
        type: string;
        name: string | null;
        lat: number | null;
        lon: number | null;
        cities: string[] | null;
        postcodes: string[] | null;
        accessibility: string[] | null;
      }[]
    | null;
  schedules:
    | {
        freq: string | null;
        byday: string | null;
        bymonthday: string | null;
        valid_from: string | null;
        valid_to: string | null;
        dtstart: string | null;
        until: string | null;
      }[]
    | null;
  costs: { amount: string | null }[] | null;
  /** Names and descriptions of the offer's service areas. */
  serviceAreas: string[];
}

/** The source rows of these offers, read table by table (a few set-based queries per batch). */
export async function sourceRows(tx: TenantTx, ids: string[]): Promise<SourceRow[]> {
  if (!ids.length) return [];
  const S = uuidArray(ids);
  const services = await rows<
    Omit<SourceRow, 'terms' | 'locations' | 'schedules' | 'costs' | 'serviceAreas'>
  >(
    tx,
    sql`
    select s.id::text as id, s.organization_id::text as organization_id, s.status, s.name, s.alternate_name,
      s.description, s.eligibility_description, s.application_process, s.fees_description,
      s.minimum_age, s.maximum_age, s.last_modified::text as last_modified, o.name as organization_name
    from services s
    join organizations o on o.tenant_id = s.tenant_id and o.id = s.organization_id
    where s.tenant_id = ${tenant} and s.id = any(${S})`,
  );
  const sals = await rows<{
    id: string;
    service_id: string;
    location_id: string;
    type: string;
    name: string | null;
    lat: number | null;
    lon: number | null;
  }>(
    tx,
    sql`
    select sal.id::text as id, sal.service_id::text as service_id, l.id::text as location_id,
           l.location_type as type, l.name, l.latitude as lat, l.longitude as lon
      from service_at_locations sal
      join locations l on l.tenant_id = sal.tenant_id and l.id = sal.location_id
     where sal.tenant_id = ${tenant} and sal.service_id = any(${S})
     order by sal.service_id, sal.position`,
  );
  const L = uuidArray(new Set(sals.map((r) => r.location_id)));
  const SAL = uuidArray(sals.map((r) => r.id));
  const addresses = await rows<{ location_id: string; city: string; postal_code: string }>(
    tx,
    sql`select location_id::text as location_id, city, postal_code from addresses
         where tenant_id = ${tenant} and location_id = any(${L})`,
  );
  const accessibility = await rows<{ location_id: string; text: string }>(
    tx,
    sql`select location_id::text as location_id, concat_ws(' ', description, details) as text from accessibility
         where tenant_id = ${tenant} and location_id = any(${L})`,
  );
  // The links and the terms apart, joined here: a tenant has few terms, and while an import is filling a
  // tenant the planner's statistics do not know its rows yet, which made a join in SQL loop over them.
  const links = await rows<{ link_id: string; term_id: string }>(
    tx,
    sql`select link_id::text as link_id, taxonomy_term_id::text as term_id from attributes
         where tenant_id = ${tenant} and link_id = any(${S} || ${SAL}) order by position`,
  );
  const termById = new Map(
    (
      await rows<NonNullable<SourceRow['terms']>[number]>(
        tx,
        sql`
        select t.id::text as id, t.code, t.name, coalesce(t.taxonomy, x.name) as taxonomy,
               t.taxonomy_id::text as taxonomy_id
          from taxonomy_terms t left join taxonomies x on x.tenant_id = t.tenant_id and x.id = t.taxonomy_id
         where t.tenant_id = ${tenant} and t.id = any(${uuidArray(new Set(links.map((l) => l.term_id)))})`,
      )
    ).map((t) => [t.id, t]),
  );
  const terms = links.flatMap((l) => {
    const term = termById.get(l.term_id);
    return term ? [{ link_id: l.link_id, ...term }] : [];
  });
  const scheduleColumns =
    sql.raw(`service_id::text as service_id, service_at_location_id::text as sal_id, freq,
    byday, bymonthday, valid_from::text as valid_from, valid_to::text as valid_to, dtstart::text as dtstart,
    until::text as until`);
  const schedules = await rows<
    { service_id: string | null; sal_id: string | null } & NonNullable<SourceRow['schedules']>[number]
  >(
    tx,
    sql`
    select ${scheduleColumns} from schedules where tenant_id = ${tenant} and service_id = any(${S})
    union all
    select ${scheduleColumns} from schedules
     where tenant_id = ${tenant} and service_at_location_id = any(${SAL}) and service_id is null`,
  );
  const costs = await rows<{ service_id: string; amount: string | null }>(
    tx,
    sql`select service_id::text as service_id, amount::text as amount from cost_options
         where tenant_id = ${tenant} and service_id = any(${S})`,
  );

  const areas = await rows<{ service_id: string | null; sal_id: string | null; text: string }>(
    tx,
    sql`
    select service_id::text as service_id, null as sal_id, concat_ws(' ', name, description) as text
      from service_areas where tenant_id = ${tenant} and service_id = any(${S})
    union all
    select null, service_at_location_id::text, concat_ws(' ', name, description)
      from service_areas
     where tenant_id = ${tenant} and service_at_location_id = any(${SAL}) and service_id is null`,
  );

  const group = <T, K>(items: T[], key: (t: T) => K) => {
    const out = new Map<K, T[]>();
    for (const item of items) {
      const k = key(item);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
  const salsOf = group(sals, (r) => r.service_id);
  const serviceOfSal = new Map(sals.map((r) => [r.id, r.service_id]));
  const addressesOf = group(addresses, (r) => r.location_id);
  const accessibilityOf = group(accessibility, (r) => r.location_id);
  const termsOf = group(terms, (r) => serviceOfSal.get(r.link_id) ?? r.link_id);
  const schedulesOf = group(schedules, (r) => r.service_id ?? serviceOfSal.get(r.sal_id!) ?? '');
  const costsOf = group(costs, (r) => r.service_id);
  const areasOf = group(areas, (r) => r.service_id ?? serviceOfSal.get(r.sal_id!) ?? '');
  return services.map((s) => ({
    ...s,
    terms: termsOf.get(s.id) ?? [],
    locations: (salsOf.get(s.id) ?? []).map((l) => ({
      type: l.type,
      name: l.name,
      lat: l.lat,
      lon: l.lon,
      cities: (addressesOf.get(l.location_id) ?? []).map((a) => a.city),
      postcodes: (addressesOf.get(l.location_id) ?? []).map((a) => a.postal_code),
      accessibility: (accessibilityOf.get(l.location_id) ?? []).map((a) => a.text),
    })),
    schedules: schedulesOf.get(s.id) ?? [],
    costs: costsOf.get(s.id) ?? [],
    serviceAreas: (areasOf.get(s.id) ?? []).map((a) => a.text),
  }));
}

/** One row of search_documents, before the database turns the weighted texts into a tsvector. */
export interface DocumentRow {
  service_id: string;
  organization_id: string;
  status: string;
  name: string;
  /** Texts for the weights A (name), B (classifications, provider), C (description), D (the rest). */
  a: string;
  b: string;
  c: string;
  d: string;
  text: string;
  term_ids: string[];
  taxonomy_ids: string[];
  themes: string[];
  target_groups: string[];
  access: string | null;
  access_step: number;
  free: boolean;
  min_age: number | null;
  max_age: number | null;
  lats: number[];
  lons: number[];
  cities: string[];
  postcodes: string[];
  serves: string[];
  wheelchair: boolean;
  days: string[];
  valid_from: string | null;
  valid_to: string | null;
  last_modified: string;
}

/** Writes the documents; returns the ids of the offers that had none before (xmax 0: a new row). */
export async function upsertDocuments(tx: TenantTx, docs: DocumentRow[]): Promise<Set<string>> {
  if (!docs.length) return new Set();
  const written = await rows<{ service_id: string; created: boolean }>(
    tx,
    sql`
    insert into search_documents (tenant_id, service_id, organization_id, status, name, document, text,
      term_ids, taxonomy_ids, themes, target_groups, access, access_step, free, min_age, max_age,
      lats, lons, cities, postcodes, serves, wheelchair, days, valid_from, valid_to, last_modified)
    select ${tenant}, x.service_id, x.organization_id, x.status, x.name,
      setweight(to_tsvector('dutch', x.a), 'A') || setweight(to_tsvector('dutch', x.b), 'B')
        || setweight(to_tsvector('dutch', x.c), 'C') || setweight(to_tsvector('dutch', x.d), 'D'),
      x.text, x.term_ids, x.taxonomy_ids, x.themes, x.target_groups, x.access, x.access_step, x.free,
      x.min_age, x.max_age, x.lats, x.lons, x.cities, x.postcodes, x.serves, x.wheelchair, x.days, x.valid_from,
      x.valid_to, x.last_modified
    from jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) as x(service_id uuid, organization_id uuid,
      status text, name text, a text, b text, c text, d text, text text, term_ids uuid[], taxonomy_ids uuid[],
      themes text[], target_groups text[], access text, access_step smallint, free boolean,
      min_age double precision, max_age double precision, lats double precision[], lons double precision[],
      cities text[], postcodes text[], serves text[], wheelchair boolean, days text[], valid_from date, valid_to date,
      last_modified timestamptz)
    on conflict (tenant_id, service_id) do update set
      organization_id = excluded.organization_id, status = excluded.status, name = excluded.name,
      document = excluded.document, text = excluded.text, term_ids = excluded.term_ids,
      taxonomy_ids = excluded.taxonomy_ids, themes = excluded.themes, target_groups = excluded.target_groups,
      access = excluded.access, access_step = excluded.access_step, free = excluded.free,
      min_age = excluded.min_age, max_age = excluded.max_age, lats = excluded.lats, lons = excluded.lons,
      cities = excluded.cities, postcodes = excluded.postcodes, serves = excluded.serves,
      wheelchair = excluded.wheelchair,
      days = excluded.days, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
      last_modified = excluded.last_modified
    returning service_id::text as service_id, xmax = 0 as created`,
  );
  return new Set(written.filter((r) => r.created).map((r) => r.service_id));
}

/** The key in search_words under which the number of offers is kept (words are letters and digits only). */
export const OFFER_COUNT = '#';

/**
 * The tenant's word list with how many offers use each word. A full refresh replaces it with `added` (every
 * offer's words). Otherwise the words of new offers (`added`) are counted in; the words of offers that were
 * rewritten (`kept`) are only listed when new, their counts staying until the next full refresh (the words
 * they had before are not known). Keeps the number of offers under OFFER_COUNT.
 */
export async function refreshWords(
  tx: TenantTx,
  added: Map<string, number>,
  kept: Map<string, number>,
  replace: boolean,
): Promise<void> {
  if (replace) await tx.execute(sql`delete from search_words where tenant_id = ${tenant}`);
  const write = async (words: Map<string, number>, onConflict: SQL) => {
    const list = [...words];
    for (let i = 0; i < list.length; i += 5000) {
      const part = list.slice(i, i + 5000);
      await tx.execute(sql`
        insert into search_words (tenant_id, word, docs)
        select ${tenant}, w.word, w.docs
          from unnest(${textArray(part.map(([w]) => w))}, ${`{${part.map(([, n]) => n).join(',')}}`}::int[])
               as w(word, docs)
        on conflict (tenant_id, word) ${onConflict}`);
    }
  };
  await write(added, sql`do update set docs = search_words.docs + excluded.docs`);
  await write(kept, sql`do nothing`);
  await tx.execute(sql`
    insert into search_words (tenant_id, word, docs)
    select ${tenant}, ${OFFER_COUNT}, count(*) from search_documents where tenant_id = ${tenant}
    on conflict (tenant_id, word) do update set docs = excluded.docs`);
}
