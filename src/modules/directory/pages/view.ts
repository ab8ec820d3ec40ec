// What the pages read from a compiled HSDS service: our classifications (taxonomy terms through attributes),
// where it is, how to reach the provider, when it was last checked.
import type { CompiledService } from '../schemas.js';
import type { Location } from '../schedule.js';

export type Term = NonNullable<NonNullable<CompiledService['attributes']>[number]['taxonomy_term']>;

/** Our taxonomies, by the name the demo corpus and the import use. */
export const TAXONOMY = {
  theme: 'thema',
  targetGroup: 'doelgroep',
  kind: 'soort-aanbod',
  access: 'toegang',
  positiveHealth: 'positieve-gezondheid',
} as const;

/** Access routes from light to heavy: the order of the doorverwijskaarten and the Preventiekaart. */
export const ACCESS_ROUTES = [
  'vrij-toegankelijk',
  'aanmelden',
  'verwijzing-nodig',
  'indicatie-nodig',
] as const;
export type AccessRoute = (typeof ACCESS_ROUTES)[number];

export function isAccessRoute(code: string | undefined): code is AccessRoute {
  return (ACCESS_ROUTES as readonly string[]).includes(code ?? '');
}

const taxonomyOf = (term: Term) => term.taxonomy ?? term.taxonomy_detail?.name;

/** The terms of one taxonomy that the service carries, in the order of the file. */
export function termsOf(service: CompiledService, taxonomy: string): Term[] {
  const out: Term[] = [];
  for (const a of service.attributes ?? []) {
    const term = a.taxonomy_term;
    if (term && taxonomyOf(term) === taxonomy && !out.some((t) => t.id === term.id)) out.push(term);
  }
  return out;
}

export function accessRouteOf(service: CompiledService): AccessRoute | undefined {
  const code = termsOf(service, TAXONOMY.access)[0]?.code;
  return isAccessRoute(code) ? code : undefined;
}

export function locationsOf(service: CompiledService): Location[] {
  return (service.service_at_locations ?? []).flatMap((sal) => (sal.location ? [sal.location] : []));
}

export function physicalAddress(location: Location) {
  return (
    location.addresses?.find((a) => a.address_type === 'physical') ??
    location.addresses?.find((a) => a.address_type !== 'postal') ??
    location.addresses?.[0]
  );
}

/** "Voorstraat 82, 1931 AN Egmond aan Zee". */
export function addressLine(location: Location): string | undefined {
  const a = physicalAddress(location);
  if (!a) return undefined;
  return [a.address_1, a.address_2, [a.postal_code, a.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

/** The village or town of the first place with an address. */
export function placeName(service: CompiledService): string | undefined {
  for (const l of locationsOf(service)) {
    const a = physicalAddress(l);
    if (a?.city) return a.city;
  }
  return undefined;
}

export function coordinatesOf(service: CompiledService): { lat: number; lon: number } | undefined {
  for (const l of locationsOf(service))
    if (typeof l.latitude === 'number' && typeof l.longitude === 'number')
      return { lat: l.latitude, lon: l.longitude };
  return undefined;
}

/** Phone numbers of the service, else of its locations, else of its contacts, without repeats. */
export function phonesOf(service: CompiledService): { number: string; description?: string }[] {
  const all = [
    ...(service.phones ?? []),
    ...(service.service_at_locations ?? []).flatMap((s) => [
      ...(s.phones ?? []),
      ...(s.location?.phones ?? []),
    ]),
    ...(service.contacts ?? []).flatMap((c) => c.phones ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = p.number.replace(/\D/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function emailOf(service: CompiledService): string | undefined {
  return service.email ?? service.contacts?.find((c) => c.email)?.email ?? service.organization?.email;
}

export function websiteOf(service: CompiledService): string | undefined {
  const url = service.url ?? service.organization?.website;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** "tel:" link target: digits and a leading +. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** The cost in words: fees_description, else the cost options. */
export function costOf(service: CompiledService, locale: 'nl' | 'en'): string | undefined {
  if (service.fees_description?.trim()) return service.fees_description.trim();
  const options = service.cost_options ?? [];
  if (!options.length) return service.fees?.trim() || undefined;
  const money = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  });
  return options
    .map((o) =>
      [o.amount !== undefined ? money.format(o.amount) : undefined, o.amount_description, o.option]
        .filter(Boolean)
        .join(' '),
    )
    .join('; ');
}

export function isFree(service: CompiledService): boolean {
  if (service.fees_description?.trim()) return /^\s*gratis\b/i.test(service.fees_description);
  const options = service.cost_options ?? [];
  return options.length > 0 && options.every((o) => o.amount === 0);
}

/** The date the information was last checked: assured_date, else the last change. */
export function lastCheckedOf(service: CompiledService): Date | undefined {
  const raw = service.assured_date ?? service.last_modified;
  if (!raw) return undefined;
  const d = new Date(raw.length === 10 ? `${raw}T12:00:00Z` : raw);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The first sentences of the description, at most about `max` characters, ending on a word. */
export function shortText(text: string | undefined, max = 180): string | undefined {
  if (!text) return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

/** Ages in words: "vanaf 65 jaar", "12 tot en met 18 jaar". */
export function agesOf(
  service: CompiledService,
  t: (key: 'ages.range' | 'ages.from' | 'ages.upTo', vars: Record<string, string | number>) => string,
): string | undefined {
  const min = service.minimum_age;
  const max = service.maximum_age;
  if (min !== undefined && max !== undefined) return t('ages.range', { min, max });
  if (min !== undefined) return t('ages.from', { min });
  if (max !== undefined) return t('ages.upTo', { max });
  return undefined;
}

export const formatDate = (locale: 'nl' | 'en', d: Date) =>
  new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(d);

/** "3,4 km"; under a kilometre in hundreds of metres ("300 m"), never "0 km". */
export function formatKm(locale: 'nl' | 'en', km: number): string {
  if (km < 0.95) return `${Math.max(100, Math.round(km * 10) * 100)} m`;
  const n = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits: km < 10 ? 1 : 0,
  });
  return `${n.format(km)} km`;
}
