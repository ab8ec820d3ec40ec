// All SQL of search: reading offers for the index, writing the index, correcting words and the search itself.
// Every statement runs in a TenantTx, so row-level security keeps it to one tenant; the explicit
// tenant_id conditions are there for the indexes, which all start with tenant_id.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type TenantTx } from '../../../platform/db/index.js';
import { preparedRows } from '../statements.js';

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

let trigramsInstalled: boolean | undefined;

/** Whether the database has pg_trgm (asked once per process). */
async function hasTrigrams(tx: TenantTx): Promise<boolean> {
  trigramsInstalled ??= (
    await rows<{ ok: boolean }>(
      tx,
      sql`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`,
    )
  )[0]!.ok;
  return trigramsInstalled;
}

/** Which of these tokens the tenant's offers use as a word. */
export async function knownWords(tx: TenantTx, tokens: string[]): Promise<Set<string>> {
  if (!tokens.length) return new Set();
  const found = await rows<{ word: string }>(
    tx,
    sql`select word from search_words
         where tenant_id = ${tenant} and word = any(${textArray(tokens)})`,
  );
  return new Set(found.map((r) => r.word));
}

/**
 * Words of the tenant's offers that look like each token: up to three by trigram similarity with pg_trgm,
 * otherwise words of about the same length with the same first letter, which the caller ranks itself.
 * Row-level security keeps an index from serving this (similarity is not leakproof), so it reads the tenant's
 * word list, narrowed by length first.
 */
export async function similarWords(tx: TenantTx, tokens: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!tokens.length) return out;
  const list = textArray(tokens);
  const nearLength = sql`length(w.word) between length(q.token) - 2 and length(q.token) + 2`;
  const similar = (await hasTrigrams(tx))
    ? sql`select w.word from search_words w
           where w.tenant_id = ${tenant} and ${nearLength} and similarity(w.word, q.token) >= 0.3
           order by similarity(w.word, q.token) desc, w.word limit 3`
    : sql`select w.word from search_words w
           where w.tenant_id = ${tenant} and w.word >= left(q.token, 1) and w.word < left(q.token, 1) || '~'
             and ${nearLength}
           limit 500`;
  const found = await rows<{ token: string; word: string }>(
    tx,
    sql`with q(token) as (select distinct unnest(${list}))
        select q.token, s.word from q cross join lateral (${similar}) s`,
  );
  for (const r of found) out.set(r.token, [...(out.get(r.token) ?? []), r.word]);
  return out;
}

export interface SearchParams {
  /** Search words as tsquery terms, sanitised ("koffie", "peuter:*"), at most 12; empty for no text. */
  terms: string[];
  themes: { code: string; weight: number }[];
  groups: { code: string; weight: number }[];
  heavy: boolean;
  /** The person's age, if the question says it ("ik ben 19"): offers for other ages drop. */
  age: number | null;
  origin: { lat: number; lon: number } | null;
  /** Places (normalised) the origin stands for: offers whose service areas name one count as right here. */
  here: string[];
  /** Weight of closeness: how much a nearby offer gains. */
  nearWeight: number;
  radiusKm: number | null;
  termIds: string[];
  taxonomyId: string | null;
  organizationId: string | null;
  modifiedAfter: Date | null;
  minAge: number | null;
  maxAge: number | null;
  days: string[] | null;
  daysFrom: string | null;
  daysTo: string | null;
  free: boolean;
  access: string | null;
  wheelchair: boolean;
  area: { placeKeys: string[]; postcodes: string[] } | null;
  limit: number;
  offset: number;
}

export interface ScoredRow {
  service_id: string;
  score: number;
  distance_km: number | null;
  serves_here: boolean;
  access: string | null;
  free: boolean;
  themes: string[];
  text_score: number;
  total: number;
}

/** Ranking weights, in one place; see searchRows. */
export const weights = {
  text: 1.2,
  /** A term found in the name or classifications counts fully, in the other texts for this part. */
  bodyMatch: 0.5,
  /** A theme the offer lists first (what it is mostly about) counts fully, a later one for this part. */
  secondaryTheme: 0.8,
  group: 0.25,
  /** Closeness at the spot (half at 3 km): for near/lat-lon, and for a place named in the question. */
  near: 0.9,
  nearNamed: 1.0,
  /** An offer whose service area names the person's place counts as this close (it comes to them, or phones). */
  servesHereKm: 1.5,
  ageMismatch: -0.6,
  light: [0.3, 0.2, 0.0, -0.1],
  heavy: [0.0, 0.1, 0.3, 0.3],
  /** Offers below this share of the best relevance are left out. */
  cut: 0.2,
} as const;

const f8 = (n: number) => sql`${n}::float8`;

/**
 * One statement: the offers that match the words or the understood themes and pass every filter, scored and
 * in order, with the total count, for one page. Row-level security rules out index scans with the text and
 * array operators, so it reads the tenant's documents (tenant_id leads the indexes) and scores them all.
 *
 * score = text + themes + target group + age + step + closeness, where
 * - text (0–1.2): each search word weighs its inverse document frequency in the tenant (BM25's idf: rare words
 *   say more); found in the name or classifications it counts fully, elsewhere half; divided by the weight of
 *   all words that occur at all;
 * - themes: the best matching understood theme fully plus 0.3 × all of them, each × 0.8 when it is not the
 *   offer's first theme;
 * - target group 0.25, an age outside the offer's range −0.6;
 * - step on the referral pathway: light first (+0.3 freely accessible … −0.1 indication), or the other way
 *   round when the question asks for heavier help;
 * - closeness: nearWeight at the spot, half at 3 km (service areas: see `effective` below).
 * Offers whose text-and-theme relevance is below a fifth of the best are left out, so that a long sentence
 * does not bring in everything that shares one word with it.
 */
export function searchRows(tx: TenantTx, p: SearchParams): Promise<ScoredRow[]> {
  const where: SQL[] = [sql`d.tenant_id = ${tenant}`, sql`d.status in ('active', 'temporarily closed')`];
  if (p.termIds.length) where.push(sql`d.term_ids @> ${uuidArray(p.termIds)}`);
  if (p.taxonomyId) where.push(sql`${p.taxonomyId}::uuid = any(d.taxonomy_ids)`);
  if (p.organizationId) where.push(sql`d.organization_id = ${p.organizationId}::uuid`);
  if (p.modifiedAfter) where.push(sql`d.last_modified > ${p.modifiedAfter.toISOString()}::timestamptz`);
  if (p.minAge !== null) where.push(sql`(d.max_age is null or d.max_age >= ${f8(p.minAge)})`);
  if (p.maxAge !== null) where.push(sql`(d.min_age is null or d.min_age <= ${f8(p.maxAge)})`);
  if (p.days)
    where.push(sql`d.days && ${textArray(p.days)}
      and (d.valid_from is null or d.valid_from <= ${p.daysTo}::date)
      and (d.valid_to is null or d.valid_to >= ${p.daysFrom}::date)`);
  if (p.free) where.push(sql`d.free`);
  if (p.access) where.push(sql`d.access = ${p.access}`);
  if (p.wheelchair) where.push(sql`d.wheelchair`);
  if (p.area)
    where.push(sql`(d.cities && ${textArray(p.area.placeKeys)}
      or d.postcodes && ${textArray(p.area.postcodes)})`);

  // Distance to the nearest location, in km (equirectangular: exact enough within a region).
  const km = (lat: SQL, lon: SQL) =>
    p.origin
      ? sql`sqrt(power((${lat} - ${f8(p.origin.lat)}) * 111.195, 2)
          + power((${lon} - ${f8(p.origin.lon)}) * ${f8(111.195 * Math.cos((p.origin.lat * Math.PI) / 180))}, 2))`
      : sql`null`;
  // Most offers have one location: then no subquery.
  const distance = p.origin
    ? sql`(case cardinality(d.lats) when 0 then null when 1 then ${km(sql`d.lats[1]`, sql`d.lons[1]`)}
           else (select min(${km(sql`pt.lat`, sql`pt.lon`)}) from unnest(d.lats, d.lons) as pt(lat, lon)) end)`
    : sql`null::float8`;
  const servesHere = p.here.length ? sql`d.serves && ${textArray(p.here)}` : sql`false`;
  // An offer whose service areas name the person's place comes to them (or phones): as if 1.5 km away, so an
  // offer round the corner still comes first; one whose service areas leave that place out is not for them:
  // at least 20 km.
  const effective = p.origin
    ? sql`(case when c.serves_here then ${f8(weights.servesHereKm)} when c.serves_elsewhere then greatest(c.distance_km, 20)
             else c.distance_km end)`
    : sql`null::float8`;

  const terms = p.terms.slice(0, 12);
  const n = terms.map((_, i) => i + 1);
  const col = (prefix: string, i: number) => sql.raw(`${prefix}${i}`);
  const searching = n.length > 0 || p.themes.length > 0;
  // Per word: m = found anywhere, a = found in the name or classifications (weights A and B); any = one of them.
  const termQueries = terms.length
    ? sql.join(
        [
          ...terms.map(
            (t, k) => sql`to_tsquery('dutch', ${t}) as ${col('m', k + 1)},
              to_tsquery('dutch', ${t.includes(':') ? `${t}AB` : `${t}:AB`}) as ${col('a', k + 1)}`,
          ),
          sql`to_tsquery('dutch', ${terms.join(' | ')}) as any_word`,
        ],
        sql`, `,
      )
    : sql`null::tsquery as any_word`;
  // How many offers have each word: the word list's counts of the words that start with the word or its stem
  // (the stem of "alleen" is "allen").
  const frequencies = n.map(
    (i) => sql`, (select coalesce(sum(w.docs), 0)::float8 from search_words w
                  where w.tenant_id = ${tenant}
                    and ((w.word >= x.${col('w', i)} and w.word < x.${col('w', i)} || '~')
                      or (w.word >= x.${col('s', i)} and w.word < x.${col('s', i)} || '~')))
                as ${col('df', i)}`,
  );
  const stems = terms.length
    ? sql.join(
        terms.map((t, k) => {
          const word = t.replace(/:.*$/, '');
          return sql`${word}::text as ${col('w', k + 1)},
            coalesce((tsvector_to_array(to_tsvector('dutch', ${word})))[1], ${word}) as ${col('s', k + 1)}`;
        }),
        sql`, `,
      )
    : sql`1 as nothing`;
  // BM25's idf per word, once: rare words say more about what is asked than common ones.
  const idf = (i: number) =>
    sql`greatest(ln((y.docs - y.${col('df', i)} + 0.5) / (y.${col('df', i)} + 0.5) + 1), 0.1)::float8`;
  const idfs = n.map((i) => sql`, ${idf(i)} as ${col('idf', i)}, y.${col('df', i)} > 0 as ${col('seen', i)}`);
  const textScore = n.length
    ? sql`${f8(weights.text)} * least(1, (${sql.join(
        n.map(
          (i) =>
            sql`s.${col('idf', i)} * (case c.${col('h', i)} when 2 then 1 when 1 then ${f8(weights.bodyMatch)} else 0 end)`,
        ),
        sql` + `,
      )}) / nullif(${sql.join(
        n.map((i) => sql`(case when s.${col('seen', i)} then s.${col('idf', i)} else 0 end)`),
        sql` + `,
      )}, 0))`
    : sql`0::float8`;
  // Per word, for a candidate: 2 found in the name or classifications, 1 elsewhere, 0 not (one check when not).
  const flags = n.map(
    (i) =>
      sql`, (case when not d.document @@ q.${col('m', i)} then 0 when d.document @@ q.${col('a', i)} then 2 else 1 end) as ${col('h', i)}`,
  );
  const anyTheme = p.themes.length
    ? sql.join(
        p.themes.map((t) => sql`${t.code}::text = any(d.themes)`),
        sql` or `,
      )
    : sql`false`;
  const candidate = !searching
    ? sql`true`
    : n.length
      ? sql`(d.document @@ q.any_word or ${anyTheme})`
      : sql`(${anyTheme})`;

  const themeValue = (t: { code: string; weight: number }) =>
    sql`(case when d.themes[1] = ${t.code}::text then ${f8(t.weight)}
              when ${t.code}::text = any(d.themes) then ${f8(t.weight * weights.secondaryTheme)} else 0 end)`;
  const themeScore = p.themes.length
    ? sql`(0.7 * greatest(${sql.join(p.themes.map(themeValue), sql`, `)})
          + 0.3 * (${sql.join(p.themes.map(themeValue), sql` + `)}))`
    : sql`0::float8`;
  const groupScore = p.groups.length
    ? sql`${f8(weights.group)} * least(1, greatest(${sql.join(
        p.groups.map(
          (g) => sql`(case when ${g.code}::text = any(d.target_groups) then ${f8(g.weight)} else 0 end)`,
        ),
        sql`, `,
      )}))`
    : sql`0::float8`;
  const ageScore =
    p.age === null
      ? sql`0::float8`
      : sql`(case when d.min_age > ${f8(p.age)} or d.max_age < ${f8(p.age)} then ${f8(weights.ageMismatch)} else 0 end)`;
  const steps = p.heavy ? weights.heavy : weights.light;
  const stepScore = sql`(${`{${steps.join(',')}}`}::float8[])[c.access_step + 1]`;
  const nearScore = p.origin
    ? sql`${f8(p.nearWeight)} / (1 + coalesce(${effective}, 30) / 3)`
    : sql`0::float8`;
  const radius = p.origin && p.radiusKm !== null ? sql`where ${effective} <= ${f8(p.radiusKm)}` : sql``;

  // stats: the number of offers and how many have each word (idf); candidates: the tenant's documents that
  // pass the filters and have a word or a theme, with which words where; scored and ranked: cut off the
  // weakest, count, order, one page.
  return preparedRows<ScoredRow>(
    tx,
    sql`
    with q as (select ${termQueries}),
    stats as materialized (
      select y.docs ${sql.join(idfs, sql``)}
        from (select (select greatest(max(docs), 1) from search_words
                        where tenant_id = ${tenant} and word = ${OFFER_COUNT})::float8 as docs
                     ${sql.join(frequencies, sql``)}
                from (select ${stems}) x) y
    ),
    candidates as materialized (
      select d.service_id, d.name, d.access, d.access_step, d.free, d.themes,
             ${distance} as distance_km, ${servesHere} as serves_here,
             cardinality(d.serves) > 0 as serves_elsewhere,
             ${themeScore} as theme_score, ${groupScore} as group_score, ${ageScore} as age_score
             ${sql.join(flags, sql``)}
        from search_documents d, q
       where ${sql.join(where, sql` and `)} and ${candidate}
    ),
    scored as materialized (
      select c.*, coalesce(${textScore}, 0) as text_score, ${nearScore} as near_score,
             ${stepScore} as step_score
        from candidates c, stats s ${radius}
    ),
    ranked as (
      select r.*, r.text_score + r.theme_score as relevance,
             max(r.text_score + r.theme_score) over () as top
        from scored r
    )
    select service_id::text as service_id,
           (relevance + group_score + age_score + step_score + near_score)::float8 as score,
           distance_km::float8 as distance_km, serves_here, access, free, themes,
           text_score::float8 as text_score, count(*) over ()::int as total
      from ranked
     where ${searching ? sql`relevance >= ${f8(weights.cut)} * top` : sql`true`}
     order by score desc, name, service_id
     limit ${p.limit} offset ${p.offset}`,
  );
}

/** The total alone, for a page past the end (where the page query returns no row to carry it). */
export async function countOnly(tx: TenantTx, p: SearchParams): Promise<number> {
  const found = await searchRows(tx, { ...p, limit: 1, offset: 0 });
  return found[0]?.total ?? 0;
}
