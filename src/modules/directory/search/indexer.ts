// Keeps the search index (search.tables.ts) in step with the offers: one document per offer, recomputed from
// the HSDS tables. Call refreshSearchIndex after anything that changes offers (import, an approved edit).
import type { TenantTx } from '../../../platform/db/index.js';
import { listPlaces, type Place } from '../../areas/index.js';
import {
  allServiceIds,
  refreshWords,
  sourceRows,
  upsertDocuments,
  type DocumentRow,
  type SourceRow,
} from './queries.js';
import { scheduleTokens } from '../schedule.js';
import { normalize } from './text.js';

/** The steps of the referral pathway, light to heavy; an offer without an access route counts as "aanmelden". */
export const accessSteps: Record<string, number> = {
  'vrij-toegankelijk': 0,
  aanmelden: 1,
  'verwijzing-nodig': 2,
  'indicatie-nodig': 3,
};

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const unaccent = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const join = (parts: (string | null | undefined)[]) => unaccent(parts.filter(Boolean).join(' \n '));

/** Free: the cost text starts with "gratis" ("Gratis; lunch € 2,-"), or every cost option is 0. */
export function isFree(fees: string | null, costs: { amount: string | null }[]): boolean {
  if (fees && /^(gratis|kosteloos|geen kosten)\b/.test(normalize(fees))) return true;
  return costs.length > 0 && costs.every((c) => c.amount !== null && Number(c.amount) === 0);
}

/** The location's accessibility mentions wheelchairs, and not as "niet"/"geen". */
export function mentionsWheelchair(texts: string[]): boolean {
  return texts.some((t) => {
    const n = normalize(t);
    return /rolstoel|wheelchair/.test(n) && !/(niet|geen)( \p{L}+){0,3} (rolstoel|wheelchair)/u.test(n);
  });
}

const keysOf = new WeakMap<Place[], { key: string; name: string }[]>();

/** The lookup keys of the places, longest first; worked out once per list of places. */
function lookupKeys(places: Place[]): { key: string; name: string }[] {
  let keys = keysOf.get(places);
  if (!keys) {
    keys = places
      .flatMap((p) => p.lookupKeys.map((key) => ({ key, name: normalize(p.name) })))
      .sort((a, b) => b.key.length - a.key.length);
    keysOf.set(places, keys);
  }
  return keys;
}

/**
 * The places the texts name (normalised), longest names first so "Bergen aan Zee" is not also "Bergen".
 * Used for service areas ("Werkgebied: Egmond aan Zee, Egmond-Binnen").
 */
export function placesNamed(texts: string[], places: Place[]): string[] {
  if (!texts.length) return [];
  const keys = lookupKeys(places);
  const found = new Set<string>();
  for (const t of texts) {
    let rest = ` ${normalize(t)} `;
    for (const { key, name } of keys)
      if (rest.includes(` ${key} `)) {
        found.add(name);
        rest = rest.split(` ${key} `).join('  ');
      }
  }
  return [...found];
}

export function documentOf(s: SourceRow, places: Place[] = []): DocumentRow {
  const terms = s.terms ?? [];
  const locations = s.locations ?? [];
  const schedules = s.schedules ?? [];
  const ofTaxonomy = (name: string) => terms.filter((t) => t.taxonomy === name && t.code).map((t) => t.code!);
  const access = ofTaxonomy('toegang')[0] ?? null;
  const cities = locations.flatMap((l) => l.cities ?? []);
  const physical = locations.filter((l) => l.type === 'physical' && l.lat !== null && l.lon !== null);
  const a = join([s.name, s.alternate_name]);
  const b = join([...terms.map((t) => t.name), s.organization_name]);
  const c = join([s.description]);
  const d = join([s.eligibility_description, ...locations.map((l) => l.name), ...cities]);
  const bound = (values: (string | null)[], pick: (a: string, b: string) => string) =>
    values.length && values.every((v) => v) ? (values as string[]).reduce(pick) : null;
  return {
    service_id: s.id,
    organization_id: s.organization_id,
    status: s.status,
    name: s.name,
    a,
    b,
    c,
    d,
    text: normalize(a),
    term_ids: [...new Set(terms.map((t) => t.id))],
    taxonomy_ids: [...new Set(terms.flatMap((t) => (t.taxonomy_id ? [t.taxonomy_id] : [])))],
    themes: [...new Set(ofTaxonomy('thema'))],
    target_groups: [...new Set(ofTaxonomy('doelgroep'))],
    access,
    access_step: access && access in accessSteps ? accessSteps[access]! : 1,
    free: isFree(s.fees_description, s.costs ?? []),
    min_age: s.minimum_age,
    max_age: s.maximum_age,
    lats: physical.map((l) => l.lat!),
    lons: physical.map((l) => l.lon!),
    cities: [...new Set(cities.map(normalize))],
    postcodes: [
      ...new Set(locations.flatMap((l) => (l.postcodes ?? []).map((p) => p.replace(/\D/g, '').slice(0, 4)))),
    ].filter((p) => p.length === 4),
    serves: placesNamed(s.serviceAreas, places),
    wheelchair: mentionsWheelchair(locations.flatMap((l) => l.accessibility ?? [])),
    days: [...new Set(schedules.flatMap(scheduleTokens))],
    valid_from: bound(
      schedules.map((x) => x.valid_from ?? x.dtstart),
      (p, q) => (p < q ? p : q),
    ),
    valid_to: bound(
      schedules.map((x) => x.valid_to ?? x.until),
      (p, q) => (p > q ? p : q),
    ),
    last_modified: s.last_modified,
  };
}

/** The words of a document (lower case, no accents) that go into the word list for typos and idf. */
function wordsOf(doc: DocumentRow): Set<string> {
  const out = new Set<string>();
  // The texts are without accents already (join): lower case and the separators are what is left to do.
  for (const word of `${doc.a} ${doc.b} ${doc.c} ${doc.d}`.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    if (word.length >= 3 && word.length <= 40 && /[a-z]/.test(word)) out.add(word);
  return out;
}

/**
 * Recomputes the search documents of these offers (all of the tenant's when no ids are given) and keeps the
 * word list that corrects typos and weighs words in step: exact after a full refresh and for new offers (see
 * refreshWords). Offers that were deleted lose their document with them.
 */
export async function refreshSearchIndex(tx: TenantTx, serviceIds?: string[]): Promise<void> {
  const ids = serviceIds
    ? [...new Set(serviceIds.map((id) => id.toLowerCase()))].filter((id) => uuidRe.test(id))
    : await allServiceIds(tx);
  const places = await listPlaces(tx);
  // How many of these offers use each word: those that are new to the index, and those rewritten.
  const added = new Map<string, number>();
  const kept = new Map<string, number>();
  const count = (docs: DocumentRow[], created: Set<string>) => {
    for (const doc of docs) {
      const counts = serviceIds === undefined || created.has(doc.service_id) ? added : kept;
      for (const word of wordsOf(doc)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  };
  // While the database writes one batch, the next batch's documents are worked out here.
  const batches = Array.from({ length: Math.ceil(ids.length / 500) }, (_, k) =>
    ids.slice(k * 500, k * 500 + 500),
  );
  let source = batches.length ? await sourceRows(tx, batches[0]!) : [];
  let writing: Promise<void> = Promise.resolve();
  for (let k = 0; k < batches.length; k++) {
    const docs = source.map((s) => documentOf(s, places));
    await writing;
    if (k + 1 < batches.length) source = await sourceRows(tx, batches[k + 1]!);
    // A failure is thrown where it is awaited; until then it must not count as unhandled.
    writing = upsertDocuments(tx, docs).then((created) => count(docs, created));
    writing.catch(() => {});
  }
  await writing;
  await refreshWords(tx, added, kept, serviceIds === undefined);
}
