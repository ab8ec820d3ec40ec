// The search index of a tenant in memory: its search documents with their stemmed words as posting lists,
// its word list, places and compiled offers. A search then asks the database one thing, the tenant's search
// version (migration 0014 renews it on every change), and ranks in the process. Ranking a tenant's documents
// in SQL cost the database more than 10 ms a search, because row-level security keeps the text and array
// operators from using an index; here a search costs well under a millisecond.
//
// The database stays the source: the index is loaded from search_documents and search_words (which
// refreshSearchIndex keeps), stems come from PostgreSQL's own Dutch configuration, and several processes each
// keep their own copy, kept honest by the version.
import { sql } from 'drizzle-orm';
import { rows, type Database, type TenantTx } from '../../../platform/db/index.js';
import { listPlaces, resolveArea, type Place, type ResolvedArea } from '../../areas/index.js';
import { compileServices } from '../hsds-export.js';
import type { CompiledService } from '../schemas.js';
import { OFFER_COUNT, type DocumentRow } from './queries.js';
import { trigramSimilarity } from './text.js';

/** A search document as the ranking reads it (search.tables.ts explains the fields); changed as a number. */
export type IndexedDocument = Omit<
  DocumentRow,
  'status' | 'a' | 'b' | 'c' | 'd' | 'text' | 'last_modified'
> & {
  last_modified: number;
};

/** Bits of the weights of a word in a document: where it occurs (A name … D the rest). */
export const WEIGHT = { A: 8, B: 4, C: 2, D: 1 } as const;
const ANY_WEIGHT = 15;

export interface TenantIndex {
  version: string;
  /** Only offers a search can show: active or temporarily closed. */
  documents: IndexedDocument[];
  /** Every stemmed word, sorted, for prefix look-ups ("peuter:*"). */
  lexemes: string[];
  /** Per stemmed word: document number × 16 + the weight bits it has there. */
  postings: Map<string, Int32Array>;
  /** The tenant's word list (search_words) with how many offers use each word, and the same sorted. */
  words: Map<string, number>;
  sortedWords: string[];
  /** Number of offers (search_words' OFFER_COUNT), at least 1. */
  offers: number;
  /** Per document, its place in the order of names (then ids): ties in score are shown in this order. */
  nameOrder: Int32Array;
  /** Per thema or doelgroep code, the documents that have it. */
  byTheme: Map<string, number[]>;
  places: Place[];
  areas: Map<string, ResolvedArea | undefined>;
  /** Per offer, the light stems of the words of its name and description, for "Over: …" in a match reason. */
  ownWords: Map<string, Set<string>>;
  similar: Map<string, string[]>;
  compiled: Map<string, CompiledService>;
}

/**
 * Reads PostgreSQL's text form of a tsvector ('koffi':1A,7 'drink':3C) into the postings being built: for
 * each word the weights of its positions (no weight letter is D; a word without positions matches any).
 */
export function parseTsvector(text: string, add: (lexeme: string, weights: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let j = i + 1;
    let lexeme = '';
    for (;;) {
      const c = text[j];
      if (c === undefined) break;
      if (c === "'") {
        if (text[j + 1] === "'") {
          lexeme += "'";
          j += 2;
          continue;
        }
        break;
      }
      if (c === '\\') {
        lexeme += text[j + 1] ?? '';
        j += 2;
        continue;
      }
      lexeme += c;
      j++;
    }
    j++;
    let weights = 0;
    if (text[j] === ':') {
      j++;
      let digits = false;
      for (; j < n && text[j] !== ' '; j++) {
        const c = text[j]!;
        if (c >= '0' && c <= '9') digits = true;
        else if (c === ',') {
          if (digits) weights |= WEIGHT.D;
          digits = false;
        } else {
          weights |= WEIGHT[c as keyof typeof WEIGHT] ?? 0;
          digits = false;
        }
      }
      if (digits) weights |= WEIGHT.D;
    } else weights = ANY_WEIGHT;
    add(lexeme, weights);
    i = j;
  }
}

/** The first and last+1 index of the sorted strings that start with prefix. */
export function prefixRange(sorted: string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end]!.startsWith(prefix)) end++;
  return [lo, end];
}

async function load(tx: TenantTx, version: string): Promise<TenantIndex> {
  const records = await rows<IndexedDocument & { document?: string }>(
    tx,
    sql`select service_id::text as service_id, organization_id::text as organization_id, name,
               document::text as document, term_ids::text[] as term_ids, taxonomy_ids::text[] as taxonomy_ids,
               themes, target_groups, access, access_step, free, min_age, max_age, lats, lons, cities, postcodes,
               serves, wheelchair, days, valid_from::text as valid_from, valid_to::text as valid_to,
               (extract(epoch from last_modified) * 1000)::float8 as last_modified
          from search_documents
         where tenant_id = wijkkracht_current_tenant() and status in ('active', 'temporarily closed')
         order by service_id`,
  );
  const wordRows = await rows<{ word: string; docs: number }>(
    tx,
    sql`select word, docs from search_words where tenant_id = wijkkracht_current_tenant()`,
  );
  const places = await listPlaces(tx);

  const building = new Map<string, number[]>();
  const documents = records.map((r, d): IndexedDocument => {
    parseTsvector(r.document!, (lexeme, weights) => {
      const list = building.get(lexeme);
      if (list) list.push(d * 16 + weights);
      else building.set(lexeme, [d * 16 + weights]);
    });
    // The words now live in the postings; the text would only take memory.
    delete r.document;
    r.last_modified = Number(r.last_modified);
    return r;
  });
  const postings = new Map<string, Int32Array>();
  for (const [lexeme, list] of building) postings.set(lexeme, Int32Array.from(list));
  const words = new Map<string, number>();
  let offers = 1;
  for (const w of wordRows) {
    if (w.word === OFFER_COUNT) offers = Math.max(1, Number(w.docs));
    else words.set(w.word, Number(w.docs));
  }
  const byName = new Intl.Collator('nl', { numeric: true });
  const nameOrder = new Int32Array(documents.length);
  documents
    .map((d, i) => i)
    .sort(
      (a, b) =>
        byName.compare(documents[a]!.name, documents[b]!.name) ||
        (documents[a]!.service_id < documents[b]!.service_id ? -1 : 1),
    )
    .forEach((d, order) => (nameOrder[d] = order));
  const byTheme = new Map<string, number[]>();
  documents.forEach((d, i) => {
    for (const code of d.themes) {
      const list = byTheme.get(code);
      if (list) list.push(i);
      else byTheme.set(code, [i]);
    }
  });
  return {
    version,
    documents,
    nameOrder,
    byTheme,
    lexemes: [...postings.keys()].sort(),
    postings,
    words,
    sortedWords: [...words.keys()].sort(),
    offers,
    places,
    areas: new Map(),
    ownWords: new Map(),
    similar: new Map(),
    compiled: new Map(),
  };
}

/** Indexes in memory, most recently used last; at most this many offers over all tenants. */
const cache = new Map<string, TenantIndex>();
const loading = new Map<string, Promise<TenantIndex>>();
const maxOffers = Number(process.env.WIJKKRACHT_SEARCH_MEMORY_OFFERS ?? 500_000);

function remember(tenantId: string, index: TenantIndex): void {
  cache.delete(tenantId);
  cache.set(tenantId, index);
  let total = 0;
  for (const i of cache.values()) total += i.documents.length;
  for (const [id, i] of cache) {
    if (total <= maxOffers || id === tenantId) break;
    cache.delete(id);
    total -= i.documents.length;
  }
}

/**
 * The tenant's index as of now: the one in memory when its version is current, otherwise loaded (once, however
 * many searches ask at the same moment). One query when nothing changed.
 */
async function tenantIndex(tx: TenantTx): Promise<TenantIndex> {
  const [row] = await rows<{ tenant: string; version: string | null }>(
    tx,
    sql`select wijkkracht_current_tenant()::text as tenant,
               (select version::text from search_versions where tenant_id = wijkkracht_current_tenant()) as version`,
  );
  const tenantId = row!.tenant;
  // No version yet: the tenant never had offers or places; an index of nothing is cheap to read again.
  const version = row!.version ?? 'none';
  const known = cache.get(tenantId);
  if (known && known.version === version) {
    cache.delete(tenantId);
    cache.set(tenantId, known);
    return known;
  }
  const key = `${tenantId}/${version}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = load(tx, version).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  const index = await pending;
  if (row!.version !== null) remember(tenantId, index);
  return index;
}

/** A village, core or municipality by name, as resolveArea answers it, asked once per index. */
async function resolveAreaCached(
  tx: TenantTx,
  index: TenantIndex,
  name: string,
): Promise<ResolvedArea | undefined> {
  if (!index.areas.has(name)) index.areas.set(name, await resolveArea(tx, name));
  return index.areas.get(name);
}

function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

/**
 * The compiled offers with these ids, in this order, from memory where the index has them. They are shared
 * between searches, so frozen.
 */
async function compiledOffers(
  tx: TenantTx,
  index: TenantIndex,
  ids: string[],
): Promise<Map<string, CompiledService>> {
  const missing = ids.filter((id) => !index.compiled.has(id));
  if (missing.length)
    for (const service of await compileServices(tx, missing)) index.compiled.set(service.id, freeze(service));
  const out = new Map<string, CompiledService>();
  for (const id of ids) {
    const service = index.compiled.get(id);
    if (service) out.set(id, service);
  }
  return out;
}

/** Which of these tokens the tenant's offers use as a word. */
export function knownWords(index: TenantIndex, tokens: string[]): Set<string> {
  return new Set(tokens.filter((t) => index.words.has(t)));
}

/**
 * Words of the tenant's offers that look like each token: up to three of about the same length with a trigram
 * similarity of at least 0.3, most similar first (what pg_trgm's similarity gave).
 */
export function similarWords(index: TenantIndex, tokens: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const token of new Set(tokens)) {
    let found = index.similar.get(token);
    if (!found) {
      const scored: { w: string; s: number }[] = [];
      for (const w of index.sortedWords) {
        if (Math.abs(w.length - token.length) > 2) continue;
        const s = trigramSimilarity(w, token);
        if (s >= 0.3) scored.push({ w, s });
      }
      found = scored
        .sort((a, b) => b.s - a.s || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0))
        .slice(0, 3)
        .map((x) => x.w);
      index.similar.set(token, found);
    }
    if (found.length) out.set(token, found);
  }
  return out;
}

/** What PostgreSQL's Dutch configuration makes of a search term: its stemmed words, and the word's stem. */
export interface Stemmed {
  /** to_tsquery's words of the term; prefix for "peuter:*". Empty for a stop word. */
  lexemes: { lexeme: string; prefix: boolean }[];
  /** The stem to_tsvector gives the bare word (the word itself for a stop word), for counting offers. */
  stem: string;
}

const stems = new Map<string, Stemmed>();

/** The stems of these terms ("koffie", "peuter:*"), from the database once per process and term. */
async function stemTerms(tx: TenantTx, terms: string[]): Promise<Map<string, Stemmed>> {
  const missing = [...new Set(terms.filter((t) => !stems.has(t)))];
  if (missing.length) {
    const found = await rows<{ term: string; query: string; stem: string }>(
      tx,
      sql`select t.term, to_tsquery('dutch', t.term)::text as query,
                 coalesce((tsvector_to_array(to_tsvector('dutch', split_part(t.term, ':', 1))))[1],
                          split_part(t.term, ':', 1)) as stem
            from unnest(${`{${missing.map((t) => `"${t}"`).join(',')}}`}::text[]) as t(term)`,
    );
    // A process that searches long keeps at most this many terms; they are cheap to ask again.
    if (stems.size > 50_000) stems.clear();
    for (const r of found) {
      const lexemes = [...r.query.matchAll(/'((?:[^']|'')*)'(:\*)?/g)].map((m) => ({
        lexeme: m[1]!.replace(/''/g, "'"),
        prefix: m[2] !== undefined,
      }));
      stems.set(r.term, { lexemes, stem: r.stem });
    }
  }
  const out = new Map<string, Stemmed>();
  for (const t of terms) {
    const s = stems.get(t);
    if (s) out.set(t, s);
  }
  return out;
}

/**
 * Per document, the weight bits of a term there (0: the term does not occur). A term of several words needs
 * all of them; the bits are then those the words share.
 */
export function termWeights(index: TenantIndex, stemmed: Stemmed): Uint8Array {
  const n = index.documents.length;
  let result: Uint8Array | undefined;
  for (const { lexeme, prefix } of stemmed.lexemes) {
    const found = new Uint8Array(n);
    const add = (list: Int32Array | undefined) => {
      if (list) for (const p of list) found[p >> 4]! |= p & 15;
    };
    if (prefix) {
      const [from, to] = prefixRange(index.lexemes, lexeme);
      for (let i = from; i < to; i++) add(index.postings.get(index.lexemes[i]!));
    } else add(index.postings.get(lexeme));
    if (!result) result = found;
    else for (let d = 0; d < n; d++) result[d] = result[d] && found[d] ? result[d]! | found[d]! : 0;
  }
  return result ?? new Uint8Array(n);
}

/** How many offers have a word that starts with the word or its stem (the word list's counts). */
export function documentFrequency(index: TenantIndex, word: string, stem: string): number {
  const seen = new Set<number>();
  let sum = 0;
  for (const prefix of [word, stem]) {
    const [from, to] = prefixRange(index.sortedWords, prefix);
    for (let i = from; i < to; i++)
      if (!seen.has(i)) {
        seen.add(i);
        sum += index.words.get(index.sortedWords[i]!) ?? 0;
      }
  }
  return sum;
}

/** What a search needs besides the index: from the database, or only from memory. */
export interface IndexReader {
  index(): Promise<TenantIndex>;
  area(index: TenantIndex, name: string): Promise<ResolvedArea | undefined>;
  stems(terms: string[]): Promise<Map<string, Stemmed>>;
  compiled(index: TenantIndex, ids: string[]): Promise<Map<string, CompiledService>>;
}

/** Reads what memory lacks in the tenant's transaction. */
export function databaseReader(tx: TenantTx): IndexReader {
  return {
    index: () => tenantIndex(tx),
    area: (index, name) => resolveAreaCached(tx, index, name),
    stems: (terms) => stemTerms(tx, terms),
    compiled: (index, ids) => compiledOffers(tx, index, ids),
  };
}

/** Something a search needs is not in memory: ask the database. */
export class NotInMemory extends Error {}

/** Reads only memory, and throws NotInMemory for anything it does not have. */
export function memoryReader(index: TenantIndex): IndexReader {
  return {
    index: () => Promise.resolve(index),
    area: (i, name) => {
      if (!i.areas.has(name)) throw new NotInMemory();
      return Promise.resolve(i.areas.get(name));
    },
    stems: (terms) => {
      if (terms.some((t) => !stems.has(t))) throw new NotInMemory();
      return Promise.resolve(new Map(terms.map((t) => [t, stems.get(t)!])));
    },
    compiled: (i, ids) => {
      const out = new Map<string, CompiledService>();
      for (const id of ids) {
        const service = i.compiled.get(id);
        if (!service) throw new NotInMemory();
        out.set(id, service);
      }
      return Promise.resolve(out);
    },
  };
}

/**
 * The tenant's index when the one in memory is current, asked with one query outside a transaction: the
 * version is no tenant data, and a search that finds all it needs in memory then costs the database nothing
 * more. Undefined when memory has none or an old one.
 */
export async function currentIndex(db: Database, tenantId: string): Promise<TenantIndex | undefined> {
  const known = cache.get(tenantId);
  if (!known) return undefined;
  const [row] = await rows<{ version: string }>(
    db.drizzle,
    sql`select version::text as version from search_versions where tenant_id = ${tenantId}::uuid`,
  );
  return row?.version === known.version ? known : undefined;
}
