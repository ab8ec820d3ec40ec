// Search over the directory's offers (issue 3, parts 3 and 4): a resident's own words, filters, and where they
// live, ranked so that the right light, free, nearby offers come first, with the reason each one matched.
import type { Database, TenantTx } from '../../../platform/db/index.js';
import { centreOf, findPlaceInTokens, matchPlace, normalizePlaceName } from '../../areas/index.js';
import type { CompiledService } from '../schemas.js';
import {
  currentIndex,
  databaseReader,
  knownWords,
  memoryReader,
  NotInMemory,
  similarWords,
  type IndexReader,
  type TenantIndex,
} from './memory.js';
import { rank, type ScoredRow, type SearchParams, weights } from './rank.js';
import { openWindow } from '../schedule.js';
import { dutchStopWords, lightStem, tokenize, trigramSimilarity } from './text.js';
import { understand } from './understand.js';

export { refreshSearchIndex } from './indexer.js';
export { vocabulary, themeCodes, targetGroupCodes, type VocabularyEntry } from './vocabulary.js';
export { understand, type Understanding } from './understand.js';

export interface SearchQuery {
  /** The resident's words, e.g. "ik zie bijna nooit iemand". At most 200 characters are read. */
  text?: string;
  /** Every one of these terms (AND). */
  taxonomyTermIds?: string[];
  /** Offers with any term of this taxonomy. */
  taxonomyId?: string;
  organizationId?: string;
  /** Offers changed after this moment. */
  modifiedAfter?: Date;
  /** A place name or postcode in the tenant: "Egmond aan Zee", "1931", "1931 AB". */
  near?: string;
  lat?: number;
  lon?: number;
  /** Only offers within this distance of near or lat/lon. */
  radiusKm?: number;
  /** The person's age range: offers whose age range overlaps. */
  minAge?: number;
  maxAge?: number;
  /** Offers that take place today, or today or in the six days after (Europe/Amsterdam). */
  open?: 'today' | 'this-week';
  free?: boolean;
  /** Access-route code: vrij-toegankelijk | aanmelden | verwijzing-nodig | indicatie-nodig. */
  access?: string;
  /** The location's accessibility mentions wheelchair/rolstoel. */
  wheelchair?: boolean;
  /** Village, core or municipality name ("Egmond aan Zee", "Egmond", "gemeente Bergen"): only offers there. */
  area?: string;
  /** 1-based. */
  page?: number;
  /** Default 20, at most 200. */
  perPage?: number;
  /** For open=today/this-week; injectable for tests. */
  now?: Date;
}

export interface SearchHit {
  service: CompiledService;
  distanceKm: number | null;
  matchReason: string | null;
  score: number;
}

export interface SearchWarning {
  code: 'place_not_found' | 'area_not_found';
  /** B1 Dutch, to show as it is. */
  message: string;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  /** Where "near" (or a place named in the text) resolved to. */
  place?: { name: string; lat: number; lon: number };
  /** The near value that is not in the tenant: results are then not ordered by distance. */
  placeNotFound?: string;
  /** The area value that is not in the tenant: then there are no results. */
  areaNotFound?: string;
  /** Codes the vocabulary recognised in the text. */
  understood?: { themes: string[]; targetGroups: string[] };
  /** What a resident should know about the query itself, e.g. an unknown place. */
  warnings?: SearchWarning[];
}

export const SEARCH_TEXT_LIMIT = 200;
export const DEFAULT_SEARCH_PER_PAGE = 20;
export const MAX_SEARCH_PER_PAGE = 200;

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const accessLabels: Record<string, string> = {
  'vrij-toegankelijk': 'vrij toegankelijk',
  aanmelden: 'aanmelden nodig',
  'verwijzing-nodig': 'verwijzing nodig',
  'indicatie-nodig': 'indicatie nodig',
};

// One formatter: toLocaleString makes a new one on every call, which cost a search more than its ranking.
const oneDecimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const km = (d: number) => `${oneDecimal.format(d)} km`;

/** Where a place or area name points to: a place of the gazetteer, or the centre of a core or municipality. */
async function locate(reader: IndexReader, index: TenantIndex, name: string) {
  const places = index.places;
  const place = matchPlace(places, name);
  if (place)
    return {
      name: place.name,
      lat: place.latitude,
      lon: place.longitude,
      here: [normalizePlaceName(place.name)],
    };
  const area = await reader.area(index, name);
  const centre = area && centreOf(places, area.placeKeys);
  return centre && area
    ? { name: area.name, lat: centre.latitude, lon: centre.longitude, here: area.placeKeys }
    : undefined;
}

interface TextPlan {
  /** tsquery terms of sanitised words ("koffie", "peuter:*"). */
  terms: string[];
  /** The words searched for, as typed or corrected, for the match reason. */
  words: string[];
}

/** Turns the content words into a tsquery, correcting words the tenant's offers do not use. */
function planText(
  index: TenantIndex,
  tokens: string[],
  known: Set<string>,
  vocabularyFix: Map<string, string>,
  /** Words the vocabulary adds; they are the offers' own words, so they need no correcting. */
  extra: string[] = [],
): TextPlan {
  const content = [
    ...new Set(tokens.filter((t) => t.length >= 2 && !dutchStopWords.has(t) && /\p{L}/u.test(t))),
  ];
  if (!content.length && !extra.length) return { terms: [], words: [] };
  const unknown = content.filter((t) => !known.has(t) && !vocabularyFix.has(t) && t.length >= 4);
  const similar = similarWords(index, unknown);
  const terms: string[] = [];
  const words: string[] = [];
  for (const token of content) {
    const best = known.has(token)
      ? token
      : (vocabularyFix.get(token) ??
        (similar.get(token) ?? [])
          .map((w) => ({ w, s: trigramSimilarity(token, w) }))
          .filter((x) => x.s >= 0.4)
          .sort((a, b) => b.s - a.s || a.w.localeCompare(b.w))[0]?.w);
    if (best) {
      // A prefix, so a word also finds the compounds Dutch makes of it: peuter → peutergym.
      terms.push(best.length >= 5 ? `${best}:*` : best);
      words.push(best);
    } else if (token.length >= 4) {
      // Not a word of these offers and nothing like it: perhaps the start of one ("digi", "mantelz").
      terms.push(`${token}:*`);
    }
  }
  for (const word of extra) terms.push(word.length >= 5 ? `${word}:*` : word);
  const safe = [
    ...new Set(terms.map((t) => t.replace(/[^a-z0-9:*]/g, '')).filter((t) => /[a-z0-9]/.test(t))),
  ];
  return { terms: safe, words };
}

function emptyResult(page: number, perPage: number, extra: Partial<SearchResult> = {}): SearchResult {
  return { total: 0, page, perPage, hits: [], ...extra };
}

/** The names (lower case) of the offer's thema terms with these codes, in the order of the codes. */
function themeNames(service: CompiledService, codes: string[]): string[] {
  const names = new Map<string, string>();
  for (const a of service.attributes ?? []) {
    const t = a.taxonomy_term;
    if (t?.code && t.taxonomy === 'thema') names.set(t.code, t.name.toLowerCase());
  }
  return codes.flatMap((c) => (names.has(c) ? [names.get(c)!] : []));
}

function reasonFor(
  index: TenantIndex,
  row: ScoredRow,
  service: CompiledService,
  themeOrder: string[],
  words: string[],
  place: string | undefined,
): string {
  const parts: string[] = [];
  const matched = themeNames(
    service,
    themeOrder.filter((c) => row.themes.includes(c)),
  ).slice(0, 2);
  if (matched.length) parts.push(`Past bij: ${matched.join(', ')}`);
  else if (words.length) {
    let own = index.ownWords.get(service.id);
    if (!own) {
      own = new Set(tokenize(`${service.name} ${service.description ?? ''}`).map(lightStem));
      index.ownWords.set(service.id, own);
    }
    const found = words.filter((w) => own.has(lightStem(w))).slice(0, 3);
    if (found.length) parts.push(`Over: ${found.join(', ')}`);
  }
  if (row.access && accessLabels[row.access]) parts.push(accessLabels[row.access]!);
  if (row.free) parts.push('gratis');
  if (row.serves_here && place) parts.push(`ook voor ${place}`);
  else if (row.distance_km !== null) parts.push(km(row.distance_km));
  return parts.join(' · ');
}

/**
 * Finds offers for a resident's question. Reads the text with the vocabulary (themes, target groups, heavy
 * help), takes a village named in it as where the person lives, corrects typos against the tenant's own words,
 * and ranks by text, themes, the stepped approach and distance, over the tenant's index in memory: one query
 * when nothing changed and every word and offer was seen before.
 */
export function searchServices(tx: TenantTx, q: SearchQuery): Promise<SearchResult> {
  return search(databaseReader(tx), q);
}

/**
 * searchServices for one tenant, from memory alone when the index there is current and holds everything the
 * question needs (its words' stems, the places, the offers to show); otherwise in a tenant transaction.
 * Call it outside a transaction: it opens its own, and PGlite runs one at a time.
 */
export async function searchTenantServices(
  db: Database,
  tenantId: string,
  q: SearchQuery,
): Promise<SearchResult> {
  const index = await currentIndex(db, tenantId);
  if (index)
    try {
      return await search(memoryReader(index), q);
    } catch (err) {
      if (!(err instanceof NotInMemory)) throw err;
    }
  return db.tenant(tenantId, (tx) => searchServices(tx, q));
}

async function search(reader: IndexReader, q: SearchQuery): Promise<SearchResult> {
  const page = Math.max(1, Math.floor(Number.isFinite(q.page) ? q.page! : 1));
  const perPage = Math.min(
    MAX_SEARCH_PER_PAGE,
    Math.max(1, Math.floor(Number.isFinite(q.perPage) ? q.perPage! : DEFAULT_SEARCH_PER_PAGE)),
  );
  const ids = [...(q.taxonomyTermIds ?? []), q.taxonomyId, q.organizationId].filter((v) => v !== undefined);
  // An id that cannot exist matches nothing, as an unknown one does.
  if (ids.some((id) => !uuidRe.test(id!))) return emptyResult(page, perPage);

  const rawText = (q.text ?? '').slice(0, SEARCH_TEXT_LIMIT);
  let tokens = tokenize(rawText);
  const warnings: SearchWarning[] = [];
  const result: Partial<SearchResult> = {};

  const index = await reader.index();
  const places = index.places;

  let origin: { lat: number; lon: number } | null = null;
  let here: string[] = [];
  let nearWeight: number = weights.near;
  if (q.lat !== undefined && q.lon !== undefined && Number.isFinite(q.lat) && Number.isFinite(q.lon)) {
    origin = { lat: q.lat, lon: q.lon };
  } else if (q.near !== undefined && q.near.trim()) {
    const found = await locate(reader, index, q.near.slice(0, 100));
    if (found) {
      origin = { lat: found.lat, lon: found.lon };
      here = found.here;
      result.place = { name: found.name, lat: found.lat, lon: found.lon };
    } else {
      result.placeNotFound = q.near;
      warnings.push({
        code: 'place_not_found',
        message: `We kennen de plaats "${q.near.slice(0, 100)}" niet in deze gemeente. De resultaten staan daarom niet op afstand.`,
      });
    }
  }
  const known = knownWords(
    index,
    tokens.filter((t) => t.length >= 2),
  );
  // A village or postcode in the question itself ("koffie in Egmond aan Zee") says where the person is; a word
  // the offers use ("school") is not taken for a misspelt village ("Schoorl").
  const mention = findPlaceInTokens(places, tokens, (t) => !known.has(t));
  if (mention) {
    tokens = [...tokens.slice(0, mention.start), ...tokens.slice(mention.end)];
    if (!origin && !result.placeNotFound) {
      origin = { lat: mention.place.latitude, lon: mention.place.longitude };
      here = [normalizePlaceName(mention.place.name)];
      result.place = { name: mention.place.name, lat: mention.place.latitude, lon: mention.place.longitude };
      nearWeight = weights.nearNamed;
    }
  }

  let area: SearchParams['area'] = null;
  if (q.area !== undefined && q.area.trim()) {
    const resolved = await reader.area(index, q.area.slice(0, 100));
    if (!resolved) {
      warnings.push({
        code: 'area_not_found',
        message: `We kennen "${q.area.slice(0, 100)}" niet als dorp of gemeente hier. Kies een andere plaats.`,
      });
      return emptyResult(page, perPage, { ...result, areaNotFound: q.area, warnings });
    }
    area = { placeKeys: resolved.placeKeys, postcodes: resolved.postcodes };
  }

  const understood = understand(tokens);
  const vocabularyFix = new Map<string, string>();
  for (const [i, word] of understood.corrected) vocabularyFix.set(tokens[i]!, word);
  const themes = [...understood.themes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const groups = [...understood.targetGroups].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (tokens.length || rawText.trim())
    result.understood = { themes: themes.map(([c]) => c), targetGroups: groups.map(([c]) => c) };
  if (warnings.length) result.warnings = warnings;

  const plan = planText(index, tokens, known, vocabularyFix, [...understood.words]);
  const searched = rawText.trim().length > 0;
  // Words were given but none can be searched for ("???", "de het een"): nothing matches them.
  if (searched && !plan.terms.length && !themes.length && !mention) return emptyResult(page, perPage, result);

  const window = q.open ? openWindow(q.open, q.now ?? new Date()) : null;
  const params: SearchParams = {
    terms: plan.terms,
    themes: themes.map(([code, weight]) => ({ code, weight })),
    groups: groups.map(([code, weight]) => ({ code, weight })),
    heavy: understood.heavy,
    age: understood.age ?? null,
    origin,
    here,
    nearWeight,
    radiusKm: q.radiusKm !== undefined && Number.isFinite(q.radiusKm) ? q.radiusKm : null,
    termIds: (q.taxonomyTermIds ?? []).map((id) => id.toLowerCase()),
    taxonomyId: q.taxonomyId?.toLowerCase() ?? null,
    organizationId: q.organizationId?.toLowerCase() ?? null,
    modifiedAfter: q.modifiedAfter && !Number.isNaN(q.modifiedAfter.getTime()) ? q.modifiedAfter : null,
    minAge: q.minAge !== undefined && Number.isFinite(q.minAge) ? q.minAge : null,
    maxAge: q.maxAge !== undefined && Number.isFinite(q.maxAge) ? q.maxAge : null,
    days: window?.tokens ?? null,
    daysFrom: window?.from ?? null,
    daysTo: window?.to ?? null,
    free: q.free === true,
    access: q.access ?? null,
    wheelchair: q.wheelchair === true,
    area,
    limit: perPage,
    offset: (page - 1) * perPage,
  };
  const { rows: found, total } = rank(index, params, await reader.stems(params.terms));
  const services = await reader.compiled(
    index,
    found.map((r) => r.service_id),
  );
  const explain = searched || origin !== null;
  const themeOrder = themes.map(([c]) => c);
  const hits = found.flatMap((row) => {
    const service = services.get(row.service_id);
    if (!service) return [];
    return [
      {
        service,
        distanceKm: row.distance_km === null ? null : Math.round(row.distance_km * 10) / 10,
        matchReason: explain
          ? reasonFor(index, row, service, themeOrder, plan.words, result.place?.name) || null
          : null,
        score: Math.round(row.score * 1000) / 1000,
      },
    ];
  });
  return { total, page, perPage, hits, ...result };
}
