// The choices the pages offer: themes, target groups and access routes (our taxonomies) and the tenant's
// villages and municipalities (the area tree), read once per request.
import type { TenantTx } from '../../../platform/db/index.js';
import { areaTree } from '../../areas/index.js';
import { listTaxonomies, listTaxonomyTerms, MAX_PER_PAGE } from '../lists.js';
import { TAXONOMY } from './view.js';

export interface TermOption {
  id: string;
  code: string;
  name: string;
}

export interface AreaGroup {
  /** The municipality. */
  name: string;
  /** Its own name first, then its villages; names are unique in the list. */
  places: string[];
}

export interface Catalog {
  themes: TermOption[];
  targetGroups: TermOption[];
  access: TermOption[];
  areas: AreaGroup[];
  term(taxonomy: string, code: string): TermOption | undefined;
  /** The area name as the tenant writes it, found without regard to capitals; undefined when unknown. */
  area(name: string): string | undefined;
}

async function allPages<T>(read: (page: number) => Promise<{ contents: T[]; last_page: boolean }>) {
  const out: T[] = [];
  for (let page = 1; page <= 50; page++) {
    const p = await read(page);
    out.push(...p.contents);
    if (p.last_page || !p.contents.length) break;
  }
  return out;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');

export async function loadCatalog(tx: TenantTx): Promise<Catalog> {
  const taxonomies = await allPages((page) => listTaxonomies(tx, { page, perPage: MAX_PER_PAGE }));
  const taxonomyName = new Map(taxonomies.map((t) => [t.id as string, t.name as string]));
  const terms = await allPages((page) => listTaxonomyTerms(tx, {}, { page, perPage: MAX_PER_PAGE }));
  const byTaxonomy = new Map<string, TermOption[]>();
  for (const t of terms) {
    const taxonomy = (t.taxonomy as string | undefined) ?? taxonomyName.get(t.taxonomy_id as string);
    const code = (t.code as string | undefined) ?? '';
    if (!taxonomy || !code) continue;
    const list = byTaxonomy.get(taxonomy) ?? [];
    list.push({ id: t.id as string, code, name: t.name as string });
    byTaxonomy.set(taxonomy, list);
  }
  for (const list of byTaxonomy.values()) list.sort(byName);

  const seen = new Set<string>();
  const areas: AreaGroup[] = [];
  for (const municipality of (await areaTree(tx)).filter((a) => a.kind === 'municipality').sort(byName)) {
    const villages = municipality.children.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'nl'));
    const places: string[] = [];
    for (const name of [municipality.name, ...villages]) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      places.push(name);
    }
    if (places.length) areas.push({ name: municipality.name, places });
  }
  const areaNames = new Map(areas.flatMap((g) => g.places).map((p) => [p.toLowerCase(), p]));

  return {
    themes: byTaxonomy.get(TAXONOMY.theme) ?? [],
    targetGroups: byTaxonomy.get(TAXONOMY.targetGroup) ?? [],
    access: byTaxonomy.get(TAXONOMY.access) ?? [],
    areas,
    term: (taxonomy, code) => byTaxonomy.get(taxonomy)?.find((t) => t.code === code),
    area: (name) => areaNames.get(name.trim().toLowerCase()),
  };
}
