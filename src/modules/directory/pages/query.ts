// The search page's address is its state: every choice is a readable query parameter, so a search can be
// bookmarked, shared, printed and opened without JavaScript. Dutch names, codes instead of ids.
import { Type, type Static } from '@sinclair/typebox';
import type { SearchQuery } from '../search/index.js';
import { isAccessRoute } from './view.js';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Lenient on purpose: a hand-edited or old link gives a page, never a 400. */
export const SearchPageQuery = Type.Object(
  {
    q: text(2000),
    waar: text(200),
    thema: text(100),
    doelgroep: text(100),
    gebied: text(100),
    toegang: text(100),
    gratis: text(10),
    rolstoel: text(10),
    open: text(20),
    pagina: text(10),
    alles: text(10),
    tenant: text(40),
  },
  { additionalProperties: true },
);
export type SearchPageQuery = Static<typeof SearchPageQuery>;

export const PER_PAGE = 20;
const MAX_PAGE = 1000;

export interface SearchForm {
  q: string;
  waar: string;
  thema: string;
  doelgroep: string;
  gebied: string;
  toegang: string;
  gratis: boolean;
  rolstoel: boolean;
  open: '' | 'deze-week' | 'vandaag';
  pagina: number;
  alles: boolean;
}

const yes = (v: string | undefined) => !!v && ['ja', 'yes', 'true', '1', 'on'].includes(v.toLowerCase());
const clean = (v: string | undefined, max: number) => (v ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

export function readSearchForm(q: SearchPageQuery): SearchForm {
  const page = Number.parseInt(q.pagina ?? '1', 10);
  const toegang = clean(q.toegang, 40);
  return {
    q: clean(q.q, 200),
    waar: clean(q.waar, 100),
    thema: clean(q.thema, 60),
    doelgroep: clean(q.doelgroep, 60),
    gebied: clean(q.gebied, 80),
    toegang: isAccessRoute(toegang) ? toegang : '',
    gratis: yes(q.gratis),
    rolstoel: yes(q.rolstoel),
    open: q.open === 'deze-week' || q.open === 'vandaag' ? q.open : '',
    pagina: Number.isFinite(page) ? Math.min(MAX_PAGE, Math.max(1, page)) : 1,
    alles: yes(q.alles),
  };
}

/** How many of the "more choices" are set: the disclosure opens when there are any. */
export function filterCount(f: SearchForm): number {
  return [f.thema, f.doelgroep, f.gebied, f.toegang, f.gratis, f.rolstoel, f.open].filter(Boolean).length;
}

/** Whether the person asked for anything: otherwise the page shows where to start. */
export function hasSearch(f: SearchForm): boolean {
  return f.alles || !!f.q || !!f.waar || filterCount(f) > 0;
}

/** The search for the search module; theme and target-group codes become term ids (unknown codes drop out). */
export function toSearchQuery(
  f: SearchForm,
  termIds: (taxonomy: string, code: string) => string | undefined,
) {
  const ids = [termIds('thema', f.thema), termIds('doelgroep', f.doelgroep)].filter((x): x is string => !!x);
  const query: SearchQuery = {
    page: f.pagina,
    perPage: PER_PAGE,
    ...(f.q ? { text: f.q } : {}),
    ...(f.waar ? { near: f.waar } : {}),
    ...(ids.length ? { taxonomyTermIds: ids } : {}),
    ...(f.gebied ? { area: f.gebied } : {}),
    ...(f.toegang ? { access: f.toegang } : {}),
    ...(f.gratis ? { free: true } : {}),
    ...(f.rolstoel ? { wheelchair: true } : {}),
    ...(f.open === 'deze-week'
      ? { open: 'this-week' as const }
      : f.open === 'vandaag'
        ? { open: 'today' as const }
        : {}),
  };
  return query;
}

/** The address of this search with some values changed, e.g. another page. Empty values are left out. */
export function searchHref(f: SearchForm, change: Partial<SearchForm> = {}): string {
  const v = { ...f, ...change };
  const params = new URLSearchParams();
  const add = (name: string, value: string | boolean | number) => {
    if (value === '' || value === false) return;
    params.set(name, value === true ? 'ja' : String(value));
  };
  add('q', v.q);
  add('waar', v.waar);
  add('thema', v.thema);
  add('doelgroep', v.doelgroep);
  add('gebied', v.gebied);
  add('toegang', v.toegang);
  add('gratis', v.gratis);
  add('rolstoel', v.rolstoel);
  add('open', v.open);
  if (!v.q && !v.waar && filterCount(v) === 0) add('alles', v.alles);
  if (v.pagina > 1) add('pagina', v.pagina);
  const qs = params.toString();
  return qs ? `/aanbod?${qs}` : '/aanbod';
}
