// Ranking over a tenant's index in memory (memory.ts): the offers that match the words or the understood themes
// and pass every filter, scored and in order, with the total, for one page.
import {
  documentFrequency,
  termWeights,
  WEIGHT,
  type IndexedDocument,
  type Stemmed,
  type TenantIndex,
} from './memory.js';

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
}

/** Ranking weights, in one place; see rank. */
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

const overlaps = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** Does the document pass every filter of the request (not the words: those choose candidates)? */
function passes(d: IndexedDocument, p: SearchParams): boolean {
  if (p.termIds.length && !p.termIds.every((id) => d.term_ids.includes(id))) return false;
  if (p.taxonomyId && !d.taxonomy_ids.includes(p.taxonomyId)) return false;
  if (p.organizationId && d.organization_id !== p.organizationId) return false;
  if (p.modifiedAfter && !(d.last_modified > p.modifiedAfter.getTime())) return false;
  if (p.minAge !== null && d.max_age !== null && !(d.max_age >= p.minAge)) return false;
  if (p.maxAge !== null && d.min_age !== null && !(d.min_age <= p.maxAge)) return false;
  if (p.days) {
    if (!overlaps(d.days, p.days)) return false;
    if (d.valid_from !== null && p.daysTo !== null && d.valid_from > p.daysTo) return false;
    if (d.valid_to !== null && p.daysFrom !== null && d.valid_to < p.daysFrom) return false;
  }
  if (p.free && !d.free) return false;
  if (p.access && d.access !== p.access) return false;
  if (p.wheelchair && !d.wheelchair) return false;
  if (p.area && !overlaps(d.cities, p.area.placeKeys) && !overlaps(d.postcodes, p.area.postcodes))
    return false;
  return true;
}

/** Distance to the nearest location in km (equirectangular: exact enough within a region), or null. */
function distanceOf(d: IndexedDocument, origin: { lat: number; lon: number }, lonKm: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < d.lats.length; i++) {
    const lat = d.lats[i];
    const lon = d.lons[i];
    if (lat === null || lat === undefined || lon === null || lon === undefined) continue;
    const km = Math.sqrt(((lat - origin.lat) * 111.195) ** 2 + ((lon - origin.lon) * lonKm) ** 2);
    if (best === null || km < best) best = km;
  }
  return best;
}

/**
 * The offers of one page and how many there are in all.
 *
 * score = text + themes + target group + age + step + closeness, where
 * - text (0–1.2): each search word weighs its inverse document frequency in the tenant (BM25's idf: rare words
 *   say more); found in the name or classifications it counts fully, elsewhere half; divided by the weight of
 *   all words that occur at all;
 * - themes: 0.7 × the best matching understood theme + 0.3 × all of them, each × 0.8 when it is not the
 *   offer's first theme;
 * - target group 0.25, an age outside the offer's range −0.6;
 * - step on the referral pathway: light first (+0.3 freely accessible … −0.1 indication), or the other way
 *   round when the question asks for heavier help;
 * - closeness: nearWeight at the spot, half at 3 km. An offer whose service areas name the person's place comes
 *   to them (or phones): as if 1.5 km away; one whose service areas leave that place out is at least 20 km.
 * Offers whose text-and-theme relevance is below a fifth of the best are left out, so that a long sentence
 * does not bring in everything that shares one word with it.
 */
export function rank(
  index: TenantIndex,
  p: SearchParams,
  stemmed: Map<string, Stemmed>,
): { rows: ScoredRow[]; total: number } {
  const terms = p.terms.slice(0, 12);
  const searching = terms.length > 0 || p.themes.length > 0;
  // Per word: the weight bits per document, and its idf over the tenant's word list.
  const perTerm = terms.map((t) => {
    const s = stemmed.get(t) ?? { lexemes: [], stem: t.replace(/:.*$/, '') };
    const df = documentFrequency(index, t.replace(/:.*$/, ''), s.stem);
    return {
      found: termWeights(index, s),
      idf: Math.max(Math.log((index.offers - df + 0.5) / (df + 0.5) + 1), 0.1),
      seen: df > 0,
    };
  });
  const seenIdf = perTerm.reduce((sum, t) => sum + (t.seen ? t.idf : 0), 0);

  // Candidates: documents with one of the words or, when themes were understood, one of those themes.
  const n = index.documents.length;
  let candidates: Uint8Array | null = null;
  if (searching) {
    candidates = new Uint8Array(n);
    for (const t of perTerm) for (let d = 0; d < n; d++) if (t.found[d]) candidates[d] = 1;
    for (const t of p.themes) for (const d of index.byTheme.get(t.code) ?? []) candidates[d] = 1;
  }
  const steps = p.heavy ? weights.heavy : weights.light;
  const lonKm = p.origin ? 111.195 * Math.cos((p.origin.lat * Math.PI) / 180) : 0;
  // Per passing document its score parts, in arrays: a search may score thousands of documents and shows ten.
  const passing = new Int32Array(n);
  const scores = new Float64Array(n);
  const relevances = new Float64Array(n);
  const distances = new Float64Array(n);
  const textScores = new Float64Array(n);
  let count = 0;
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    if (candidates && !candidates[i]) continue;
    const d = index.documents[i]!;
    if (!passes(d, p)) continue;
    const distance = p.origin ? distanceOf(d, p.origin, lonKm) : null;
    const servesHere = p.here.length > 0 && overlaps(d.serves, p.here);
    let effective: number | null = null;
    if (p.origin)
      effective = servesHere
        ? weights.servesHereKm
        : d.serves.length > 0
          ? Math.max(distance ?? 20, 20)
          : distance;
    if (p.origin && p.radiusKm !== null && (effective === null || !(effective <= p.radiusKm))) continue;

    let textScore = 0;
    if (terms.length && seenIdf > 0) {
      let sum = 0;
      for (const t of perTerm) {
        const w = t.found[i]!;
        if (w) sum += t.idf * (w & (WEIGHT.A | WEIGHT.B) ? 1 : weights.bodyMatch);
      }
      textScore = weights.text * Math.min(1, sum / seenIdf);
    }
    let themeScore = 0;
    if (p.themes.length) {
      let best = 0;
      let all = 0;
      for (const t of p.themes) {
        const v =
          d.themes[0] === t.code
            ? t.weight
            : d.themes.includes(t.code)
              ? t.weight * weights.secondaryTheme
              : 0;
        best = Math.max(best, v);
        all += v;
      }
      themeScore = 0.7 * best + 0.3 * all;
    }
    let groupScore = 0;
    if (p.groups.length) {
      let best = 0;
      for (const g of p.groups) best = Math.max(best, d.target_groups.includes(g.code) ? g.weight : 0);
      groupScore = weights.group * Math.min(1, best);
    }
    const ageScore =
      p.age !== null &&
      ((d.min_age !== null && d.min_age > p.age) || (d.max_age !== null && d.max_age < p.age))
        ? weights.ageMismatch
        : 0;
    const stepScore = steps[d.access_step] ?? 0;
    const nearScore = p.origin ? p.nearWeight / (1 + (effective ?? 30) / 3) : 0;
    const relevance = textScore + themeScore;
    if (relevance > top) top = relevance;
    passing[count++] = i;
    scores[i] = relevance + groupScore + ageScore + stepScore + nearScore;
    relevances[i] = relevance;
    distances[i] = distance ?? NaN;
    textScores[i] = textScore;
  }
  const floor = searching ? weights.cut * top : -Infinity;
  // The page: the best offset + limit of those above the floor, by score, ties by name (a bounded insertion).
  const want = p.offset + p.limit;
  const best: number[] = [];
  // Deep pages sort everything instead.
  const bounded = want <= 200;
  const before = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && index.nameOrder[a]! < index.nameOrder[b]!);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const i = passing[k]!;
    if (!(relevances[i]! >= floor)) continue;
    total++;
    if (!bounded) {
      best.push(i);
      continue;
    }
    if (best.length === want && !before(i, best[want - 1]!)) continue;
    let at = best.length === want ? want - 1 : best.length;
    while (at > 0 && before(i, best[at - 1]!)) at--;
    best.splice(at, 0, i);
    if (best.length > want) best.pop();
  }
  if (!bounded) best.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const rows = best.slice(p.offset, want).map((i): ScoredRow => {
    const d = index.documents[i]!;
    return {
      service_id: d.service_id,
      score: scores[i]!,
      distance_km: Number.isNaN(distances[i]) ? null : distances[i]!,
      serves_here: p.here.length > 0 && overlaps(d.serves, p.here),
      access: d.access,
      free: d.free,
      themes: d.themes,
      text_score: textScores[i]!,
    };
  });
  return { rows, total };
}
