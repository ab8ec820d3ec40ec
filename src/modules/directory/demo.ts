// Demo data of the directory: a fictional sociale kaart of the BUCH region (CC0, see demo/README.md), and a
// generator that repeats it under new ids for benchmarks.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Database } from '../../platform/db/index.js';
import { importHsds, type ImportCounts } from './hsds-import.js';
import type { CompiledService } from './schemas.js';

export const demoServicesFile = new URL('./demo/services.json', import.meta.url);

export async function readDemoServices(): Promise<CompiledService[]> {
  return JSON.parse(await fs.readFile(demoServicesFile, 'utf8')) as CompiledService[];
}

/**
 * The demo corpus as a living directory: most offers were checked by their owner in the last five months,
 * about one in seven was not (so the staleness report and reminders have something to show). Deterministic
 * per offer id, relative to the day the demo is loaded.
 */
export async function loadDirectoryDemo(
  db: Database,
  tenantId: string,
  today = new Date(),
): Promise<ImportCounts> {
  const services = (await readDemoServices()) as { id: string; assured_date?: string }[];
  for (const s of services) {
    const h = createHash('sha1').update(s.id).digest();
    if (h[0]! % 7 === 0) continue;
    const checked = new Date(today.getTime() - (h[1]! % 150) * 86_400_000);
    s.assured_date = checked.toISOString().slice(0, 10);
  }
  return importHsds(db, tenantId, services);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A name-based UUID (version 5 layout, SHA-1), so generated corpora are the same on every run. */
export function derivedUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `total` services made by repeating the corpus, each copy with new ids for everything (services,
 * organizations, locations, phones, …) except the taxonomies and their terms, which every copy shares.
 * Deterministic for a given seed.
 */
export function repeatCorpus(
  corpus: CompiledService[],
  total: number,
  seed = 'wijkkracht',
): CompiledService[] {
  const keep = new Set<string>();
  for (const s of corpus)
    for (const a of s.attributes ?? []) {
      if (a.taxonomy_term_id) keep.add(a.taxonomy_term_id);
      if (a.taxonomy_term?.taxonomy_id) keep.add(a.taxonomy_term.taxonomy_id);
    }
  const out: CompiledService[] = [];
  for (let copy = 0; out.length < total; copy++) {
    const remap = (value: unknown): unknown => {
      if (typeof value === 'string')
        return uuidPattern.test(value) && !keep.has(value) ? derivedUuid(`${seed}:${copy}:${value}`) : value;
      if (Array.isArray(value)) return value.map(remap);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v)]));
      return value;
    };
    for (const s of corpus) {
      if (out.length >= total) break;
      out.push(remap(s) as CompiledService);
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
