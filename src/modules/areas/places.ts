// The gazetteer: where a village or postcode that a resident names lies, so other modules can measure
// distance from it ("near Egmond aan Zee", "near 1931 AB") and keep results to a village, core or municipality.
import { asc, eq } from 'drizzle-orm';
import type { TenantTx, Tx } from '../../platform/db/index.js';
import { places } from './places.tables.js';
import { areas } from './tables.js';

export interface Place {
  id: string;
  name: string;
  aliases: string[];
  /** Normalised name and aliases (see normalizePlaceName). */
  lookupKeys: string[];
  postcodes: string[];
  latitude: number;
  longitude: number;
  areaId: string | null;
}

export interface PlaceSeed {
  name: string;
  aliases?: string[];
  postcodes?: string[];
  latitude: number;
  longitude: number;
  /** Name of the core (or, failing that, any area) the place lies in. */
  area?: string;
}

/** Lower case, no accents, hyphens, slashes and dots as spaces, single spaces: "Egmond-Binnen" → "egmond binnen". */
export function normalizePlaceName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "1931 AB", "1931ab" or "1931" → "1931"; undefined when it is no Dutch postcode. */
function postcodeDigits(input: string): string | undefined {
  return /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})?\s*$/.exec(input)?.[1];
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds max. */
function distanceAtMost(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export async function createPlaces(tx: Tx, tenantId: string, seeds: PlaceSeed[]): Promise<void> {
  if (!seeds.length) return;
  const tenantAreas = await tx
    .select({ id: areas.id, name: areas.name, kind: areas.kind })
    .from(areas)
    .where(eq(areas.tenantId, tenantId));
  const areaId = (name: string | undefined) => {
    if (!name) return null;
    const matches = tenantAreas.filter((a) => a.name.toLowerCase() === name.toLowerCase());
    return (matches.find((a) => a.kind === 'core') ?? matches[0])?.id ?? null;
  };
  await tx.insert(places).values(
    seeds.map((s, i) => ({
      tenantId,
      areaId: areaId(s.area),
      name: s.name,
      aliases: s.aliases ?? [],
      lookupKeys: [...new Set([s.name, ...(s.aliases ?? [])].map(normalizePlaceName))],
      postcodes: s.postcodes ?? [],
      latitude: s.latitude,
      longitude: s.longitude,
      position: i,
    })),
  );
}

/** Every place of the tenant, in seed order (which decides between places that share a postcode). */
export async function listPlaces(tx: TenantTx): Promise<Place[]> {
  return tx
    .select({
      id: places.id,
      name: places.name,
      aliases: places.aliases,
      lookupKeys: places.lookupKeys,
      postcodes: places.postcodes,
      latitude: places.latitude,
      longitude: places.longitude,
      areaId: places.areaId,
    })
    .from(places)
    .orderBy(asc(places.position), asc(places.name));
}

/**
 * The place a resident means by a name, alias or postcode, among the given places: exact (ignoring case,
 * accents and hyphens) first, then a small typo ("Heilo", "Castricim"). Undefined when nothing fits.
 */
export function matchPlace(all: Place[], input: string): Place | undefined {
  const digits = postcodeDigits(input);
  if (digits) return all.find((p) => p.postcodes.includes(digits));
  const key = normalizePlaceName(input);
  if (!key) return undefined;
  const exact = all.find((p) => p.lookupKeys.includes(key));
  if (exact) return exact;
  if (key.length < 5) return undefined;
  const max = key.length >= 9 ? 2 : 1;
  let best: { place: Place; d: number } | undefined;
  for (const place of all)
    for (const k of place.lookupKeys) {
      const d = distanceAtMost(key, k, max);
      if (d <= max && (!best || d < best.d)) best = { place, d };
    }
  return best?.place;
}

export interface PlaceMention {
  place: Place;
  /** Index of the first and one past the last token that name the place. */
  start: number;
  end: number;
}

/**
 * Finds a place named in a resident's words, given as normalised tokens ("koffie in egmond aan zee"): the
 * longest name or alias that occurs, a tenant postcode ("1931"), or a one-word name with one typo ("heilo").
 */
export function findPlaceInTokens(
  all: Place[],
  tokens: string[],
  /** Whether a token may be a misspelt place name; say no for words that mean something else ("school"). */
  mayBeTypo: (token: string) => boolean = () => true,
): PlaceMention | undefined {
  let best: PlaceMention | undefined;
  for (const place of all)
    for (const key of place.lookupKeys) {
      const words = key.split(' ');
      for (let i = 0; i + words.length <= tokens.length; i++)
        if (words.every((w, j) => tokens[i + j] === w) && (!best || words.length > best.end - best.start))
          best = { place, start: i, end: i + words.length };
    }
  if (best) return best;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const byPostcode = /^[1-9][0-9]{3}$/.test(t) ? all.find((p) => p.postcodes.includes(t)) : undefined;
    if (byPostcode) {
      const letters = /^[a-z]{2}$/.test(tokens[i + 1] ?? '') ? 1 : 0;
      return { place: byPostcode, start: i, end: i + 1 + letters };
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length < 5 || !mayBeTypo(t)) continue;
    const place = all.find((p) => p.lookupKeys.some((k) => !k.includes(' ') && distanceAtMost(t, k, 1) <= 1));
    if (place) return { place, start: i, end: i + 1 };
  }
  return undefined;
}

export interface ResolvedArea {
  /** What the name was taken to mean. */
  kind: 'place' | 'core' | 'municipality' | 'district' | 'neighbourhood';
  name: string;
  /** Normalised names of the places in it (compare with normalised address cities). */
  placeKeys: string[];
  /** Four-digit postcodes of the area (empty for a single place: villages may share a postcode). */
  postcodes: string[];
}

/**
 * A village, core or municipality by name: a place first ("Bergen" the village), "gemeente Bergen" for the
 * municipality, otherwise any area of the tree with that name. Undefined when the tenant has none.
 */
export async function resolveArea(tx: TenantTx, input: string): Promise<ResolvedArea | undefined> {
  const key = normalizePlaceName(input);
  if (!key) return undefined;
  const all = await listPlaces(tx);
  const municipalityOnly = key.startsWith('gemeente ');
  const name = municipalityOnly ? key.slice('gemeente '.length) : key;
  if (!municipalityOnly) {
    const place = all.find((p) => p.lookupKeys.includes(name));
    if (place)
      return { kind: 'place', name: place.name, placeKeys: [normalizePlaceName(place.name)], postcodes: [] };
  }
  const tree = await tx
    .select({
      id: areas.id,
      parentId: areas.parentId,
      kind: areas.kind,
      name: areas.name,
      postcodes: areas.postcodes,
    })
    .from(areas);
  const order = ['core', 'municipality', 'district', 'neighbourhood'];
  const candidates = tree
    .filter((a) => normalizePlaceName(a.name) === name && (!municipalityOnly || a.kind === 'municipality'))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const area = candidates[0];
  if (!area) return undefined;
  const inside = new Set([area.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of tree)
      if (a.parentId && inside.has(a.parentId) && !inside.has(a.id)) {
        inside.add(a.id);
        grew = true;
      }
  }
  const postcodes = [...new Set(tree.filter((a) => inside.has(a.id)).flatMap((a) => a.postcodes))];
  const placeKeys = all
    .filter((p) => p.areaId && inside.has(p.areaId))
    .map((p) => normalizePlaceName(p.name));
  return { kind: area.kind, name: area.name, placeKeys, postcodes };
}

/** Centre of the places in an area (for "near Egmond", a core of three villages), or undefined. */
export function centreOf(
  all: Place[],
  placeKeys: string[],
): { latitude: number; longitude: number } | undefined {
  const inside = all.filter((p) => placeKeys.includes(normalizePlaceName(p.name)));
  if (!inside.length) return undefined;
  return {
    latitude: inside.reduce((s, p) => s + p.latitude, 0) / inside.length,
    longitude: inside.reduce((s, p) => s + p.longitude, 0) / inside.length,
  };
}

/**
 * The 14 villages of the BUCH municipalities. Centres are the mean of the demo corpus's locations per village;
 * Akersloot and De Woude share postcode 1921, which places an address in Akersloot (as the area tree does).
 */
export const buchPlaces: PlaceSeed[] = [
  {
    name: 'Bergen',
    aliases: ['Bergen NH', 'Bergen (NH)'],
    postcodes: ['1861', '1862'],
    latitude: 52.66921,
    longitude: 4.7005,
    area: 'Bergen',
  },
  {
    name: 'Bergen aan Zee',
    aliases: ['Bergen a/Zee'],
    postcodes: ['1865'],
    latitude: 52.6632,
    longitude: 4.63564,
    area: 'Bergen',
  },
  {
    name: 'Egmond aan Zee',
    aliases: ['Egmond a/Zee', 'Egmond aZ'],
    postcodes: ['1931'],
    latitude: 52.61926,
    longitude: 4.63203,
    area: 'Egmond',
  },
  {
    name: 'Egmond aan den Hoef',
    aliases: ['Egmond a/d Hoef', 'Egmond ad Hoef'],
    postcodes: ['1934'],
    latitude: 52.62541,
    longitude: 4.66611,
    area: 'Egmond',
  },
  {
    name: 'Egmond-Binnen',
    aliases: ['Egmond Binnen'],
    postcodes: ['1935'],
    latitude: 52.6001,
    longitude: 4.65165,
    area: 'Egmond',
  },
  {
    name: 'Schoorl',
    aliases: [],
    postcodes: ['1871', '1872'],
    latitude: 52.70356,
    longitude: 4.69068,
    area: 'Schoorl',
  },
  {
    name: 'Groet',
    aliases: [],
    postcodes: ['1873'],
    latitude: 52.72782,
    longitude: 4.68349,
    area: 'Schoorl',
  },
  {
    name: 'Castricum',
    aliases: [],
    postcodes: ['1901', '1902'],
    latitude: 52.54785,
    longitude: 4.66869,
    area: 'Castricum',
  },
  {
    name: 'Bakkum',
    aliases: [],
    postcodes: ['1903'],
    latitude: 52.56461,
    longitude: 4.659,
    area: 'Castricum',
  },
  {
    name: 'Limmen',
    aliases: [],
    postcodes: ['1906'],
    latitude: 52.56927,
    longitude: 4.69845,
    area: 'Limmen',
  },
  {
    name: 'Akersloot',
    aliases: [],
    postcodes: ['1921'],
    latitude: 52.56284,
    longitude: 4.73429,
    area: 'Akersloot',
  },
  {
    name: 'De Woude',
    aliases: ['Woude'],
    postcodes: ['1921'],
    latitude: 52.55235,
    longitude: 4.74397,
    area: 'De Woude',
  },
  {
    name: 'Uitgeest',
    aliases: [],
    postcodes: ['1911'],
    latitude: 52.52826,
    longitude: 4.71335,
    area: 'Uitgeest',
  },
  {
    name: 'Heiloo',
    aliases: [],
    postcodes: ['1851', '1852'],
    latitude: 52.59862,
    longitude: 4.7031,
    area: 'Heiloo',
  },
];
