// Checks an HSDS 3.0 compiled-service file completely before anything is written: every record against the
// schemas, then what only shows across records (duplicate ids, a location or taxonomy term that reads
// differently in two places, links that point outside the object they are nested in, schedule rules).
// Every problem is reported with its JSON path and a reason in plain Dutch.
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CompiledServiceSchema, type CompiledService } from './schemas.js';

export interface Problem {
  /** JSON path in the file, e.g. $[12].service_at_locations[0].location.latitude */
  path: string;
  message: string;
}

/** An id the file refers to without describing it: it must already exist in the tenant's directory. */
export interface ExternalReference {
  kind: 'organization' | 'location' | 'taxonomy_term' | 'taxonomy';
  id: string;
  path: string;
}

export interface Analysis {
  problems: Problem[];
  /** The records with null values removed and ids in lower case (the form that is stored). */
  services: CompiledService[];
  external: ExternalReference[];
}

export type ValidationResult = { ok: true; services: CompiledService[] } | { ok: false; problems: Problem[] };

/** Validates every record of a compiled-service file; the problems list is empty only when all is well. */
export function validateCompiledServices(json: unknown): ValidationResult {
  const { problems, services } = analyseCompiledServices(json);
  return problems.length ? { ok: false, problems } : { ok: true, services };
}

const checker = TypeCompiler.Compile(CompiledServiceSchema);

/** Keys that hold UUIDs in HSDS; they are compared and stored in lower case. */
const idKeys = new Set([
  'id',
  'organization_id',
  'service_id',
  'location_id',
  'service_at_location_id',
  'contact_id',
  'phone_id',
  'taxonomy_term_id',
  'taxonomy_id',
  'parent_id',
  'parent_organization_id',
  'link_id',
  'program_id',
]);

export function analyseCompiledServices(json: unknown): Analysis {
  const problems: Problem[] = [];
  if (!Array.isArray(json)) {
    return {
      problems: [{ path: '$', message: 'het bestand moet een lijst (JSON-array) van diensten zijn' }],
      services: [],
      external: [],
    };
  }
  const services = json.map((record, i) => clean(record, `$[${i}]`, problems)) as CompiledService[];
  services.forEach((s, i) => {
    if (checker.Check(s)) return;
    const seen = new Set<string>();
    for (const error of checker.Errors(s)) {
      const path = `$[${i}]${pointerToPath(error.path)}`;
      // A missing required field also fails its type check at the same path: report it once.
      if (seen.has(path)) continue;
      seen.add(path);
      problems.push({ path, message: reason(error) });
    }
  });
  const walker = new Walker(problems);
  services.forEach((s, i) => walker.service(s, Path.record(i)));
  const external = walker.finish();
  problems.sort((a, b) => comparePaths(a.path, b.path));
  return { problems, services, external };
}

/** A copy without null-valued properties (null means "not given") and with ids in lower case. */
function clean(value: unknown, path: string, problems: Problem[]): unknown {
  // Most files need no change at all: then the record is used as it is, which saves a copy of everything.
  if (!needsCleaning(value)) return value;
  const found = { nul: false };
  const out = copyClean(value, found);
  // Paths are only worked out when there is something to report: most files have no NUL at all.
  if (found.nul) findNul(value, path, problems);
  return out;
}

function needsCleaning(value: unknown, key?: string): boolean {
  if (typeof value === 'string')
    return value.includes('\u0000') || (key !== undefined && idKeys.has(key) && /[A-F]/.test(value));
  if (Array.isArray(value)) {
    for (const v of value) if (needsCleaning(v)) return true;
    return false;
  }
  if (value && typeof value === 'object') {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (v === null || needsCleaning(v, k)) return true;
    }
  }
  return false;
}

function copyClean(value: unknown, found: { nul: boolean }, key?: string): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.nul = true;
    return key !== undefined && idKeys.has(key) ? value.toLowerCase() : value;
  }
  if (Array.isArray(value)) return value.map((v) => copyClean(v, found));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null) out[k] = copyClean(v, found, k);
    }
    return out;
  }
  return value;
}

function findNul(value: unknown, path: string, problems: Problem[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push({ path, message: 'bevat een ongeldig teken (NUL)' });
  } else if (Array.isArray(value)) value.forEach((v, i) => findNul(v, `${path}[${i}]`, problems));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (v !== null) findNul(v, `${path}${member(k)}`, problems);
}

function member(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : member(seg)))
    .join('');
}

/** Orders problems as they appear in the file: record by record, then by path. */
function comparePaths(a: string, b: string): number {
  const ia = Number(/^\$\[(\d+)\]/.exec(a)?.[1] ?? -1);
  const ib = Number(/^\$\[(\d+)\]/.exec(b)?.[1] ?? -1);
  return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
}

const formatReasons: Record<string, string> = {
  uuid: 'moet een UUID zijn, bijvoorbeeld 3f7b145d-84af-42d7-8fae-eaca714b02b2',
  date: 'moet een datum zijn in de vorm JJJJ-MM-DD, bijvoorbeeld 2024-10-17',
  'date-time': 'moet een tijdstip zijn in ISO 8601, bijvoorbeeld 2024-10-17T14:56:00Z',
  email: 'moet een e-mailadres zijn',
  uri: 'moet een volledig webadres zijn, beginnend met bijvoorbeeld https://',
};

function given(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= 60 ? ` (gegeven: ${text})` : '';
}

/** TypeBox's reason in plain Dutch. */
function reason(error: ValueError): string {
  const schema = error.schema as {
    errorMessage?: string;
    format?: string;
    minimum?: number;
    maximum?: number;
  };
  const v = given(error.value);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'ontbreekt; dit veld is verplicht';
    case ValueErrorType.String:
      return `moet tekst zijn${v}`;
    case ValueErrorType.Number:
      return `moet een getal zijn${v}`;
    case ValueErrorType.Integer:
      return `moet een geheel getal zijn${v}`;
    case ValueErrorType.Boolean:
      return `moet true of false zijn${v}`;
    case ValueErrorType.Array:
      return `moet een lijst zijn${v}`;
    case ValueErrorType.Object:
      return `moet een object zijn${v}`;
    case ValueErrorType.StringMinLength:
      return 'mag niet leeg zijn';
    case ValueErrorType.StringFormat:
      return `${formatReasons[schema.format ?? ''] ?? 'heeft niet de juiste vorm'}${v}`;
    case ValueErrorType.StringPattern:
    case ValueErrorType.Union:
    case ValueErrorType.Literal:
      return `${schema.errorMessage ?? 'heeft een ongeldige waarde'}${v}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      if (schema.minimum !== undefined && schema.maximum !== undefined)
        return `moet tussen ${schema.minimum} en ${schema.maximum} liggen${v}`;
      if (schema.minimum !== undefined) return `mag niet kleiner zijn dan ${schema.minimum}${v}`;
      return `mag niet groter zijn dan ${schema.maximum}${v}`;
    default:
      return `is ongeldig: ${error.message}${v}`;
  }
}

/**
 * A JSON path that becomes text only when a problem is reported: walking a large file builds millions of
 * these, and most are never shown.
 */
class Path {
  private constructor(
    private readonly up: Path | undefined,
    private readonly segment: string | number,
  ) {}
  static record(index: number): Path {
    return new Path(undefined, index);
  }
  key(name: string): Path {
    return new Path(this, name);
  }
  at(name: string, index: number): Path {
    return new Path(new Path(this, name), index);
  }
  toString(): string {
    if (!this.up) return `$[${this.segment}]`;
    return `${this.up.toString()}${typeof this.segment === 'number' ? `[${this.segment}]` : member(this.segment)}`;
  }
}

/** Same content whatever the key order; no strings are built. */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka)
      if (!Object.prototype.hasOwnProperty.call(b, k) || !sameContent((a as Obj)[k], (b as Obj)[k]))
        return false;
    return true;
  }
  return false;
}

// ---- Checks across records ---------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Sorted-key JSON: two objects with the same content give the same text whatever their key order. A
 * property that is null counts as absent, as everywhere in HSDS here.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Obj)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type LinkField =
  'service_id' | 'organization_id' | 'location_id' | 'service_at_location_id' | 'contact_id' | 'phone_id';
const linkLabels: Record<LinkField, string> = {
  service_id: 'dienst',
  organization_id: 'organisatie',
  location_id: 'locatie',
  service_at_location_id: 'dienst-op-locatie',
  contact_id: 'contactpersoon',
  phone_id: 'telefoonnummer',
};
/** What a nested object may link to: the objects it sits in (one id), or one of a set (a service's own). */
type Allowed = Partial<Record<LinkField, string | Set<string>>>;

/** Tables whose rows belong to one parent; the same id twice is a duplicate. */
type OwnedKind =
  | 'service'
  | 'service_at_location'
  | 'phone'
  | 'contact'
  | 'schedule'
  | 'language'
  | 'service_area'
  | 'cost_option'
  | 'attribute'
  | 'address'
  | 'accessibility';
const kindLabels: Record<OwnedKind | ExternalReference['kind'], string> = {
  service: 'dienst',
  service_at_location: 'dienst-op-locatie',
  phone: 'telefoonnummer',
  contact: 'contactpersoon',
  schedule: 'rooster',
  language: 'taal',
  service_area: 'werkgebied',
  cost_option: 'kostenoptie',
  attribute: 'attribuut',
  address: 'adres',
  accessibility: 'toegankelijkheid',
  organization: 'organisatie',
  location: 'locatie',
  taxonomy_term: 'taxonomieterm',
  taxonomy: 'taxonomie',
};

interface Shared {
  path: Path;
  object: Obj;
}

class Walker {
  private owned = new Map<OwnedKind, Map<string, Path>>();
  private organizations = new Map<string, Shared & { parent?: string }>();
  private locations = new Map<string, Shared>();
  private terms = new Map<string, Shared & { parent?: string }>();
  private taxonomyDetails = new Map<string, Shared>();
  private taxonomyNames = new Map<string, { name: string; path: Path }>();
  private refs: { kind: ExternalReference['kind']; id: string; path: Path }[] = [];

  constructor(private readonly problems: Problem[]) {}

  private problem(path: Path, message: string) {
    this.problems.push({ path: path.toString(), message });
  }

  /** Registers an id of an owned row; owner distinguishes a repeated location (fine) from a real duplicate. */
  private own(kind: OwnedKind, id: unknown, path: Path) {
    const key = asStr(id);
    if (!key) return;
    let ids = this.owned.get(kind);
    if (!ids) this.owned.set(kind, (ids = new Map()));
    const first = ids.get(key);
    if (first !== undefined) {
      this.problem(path.key('id'), `dubbel id: ${kindLabels[kind]} ${key} staat ook op ${first.toString()}`);
    } else ids.set(key, path);
  }

  private links(o: Obj, path: Path, fields: LinkField[], allowed: Allowed) {
    for (const field of fields) {
      const value = asStr(o[field]);
      if (value === undefined) continue;
      const expected = allowed[field];
      const label = linkLabels[field];
      if (expected === undefined) {
        this.problem(
          path.key(field),
          `verwijst naar ${label} ${value}, maar dit onderdeel staat niet binnen die ${label}; zo'n koppeling kan hier niet`,
        );
      } else if (typeof expected === 'string') {
        if (value !== expected)
          this.problem(
            path.key(field),
            `verwijst naar ${label} ${value}, maar staat binnen ${label} ${expected}`,
          );
      } else if (!expected.has(value)) {
        this.problem(path.key(field), `verwijst naar ${label} ${value}, maar die hoort niet bij deze dienst`);
      }
    }
  }

  private ref(kind: ExternalReference['kind'], id: string | undefined, path: Path) {
    if (id) this.refs.push({ kind, id, path });
  }

  service(s: unknown, path: Path) {
    const o = asObj(s);
    if (!o) return;
    const id = asStr(o.id);
    this.own('service', id, path);

    const organization = asObj(o.organization);
    const orgId = asStr(o.organization_id) ?? asStr(organization?.id);
    if (organization) {
      const embedded = asStr(organization.id);
      if (o.organization_id !== undefined && embedded && embedded !== o.organization_id)
        this.problem(
          path.key('organization_id'),
          `is ${o.organization_id}, maar organization.id is ${embedded}`,
        );
      this.organization(organization, path.key('organization'));
    } else if (o.organization_id === undefined) {
      this.problem(
        path.key('organization_id'),
        'ontbreekt; geef organization_id of organization (de aanbieder)',
      );
    } else {
      this.ref('organization', orgId, path.key('organization_id'));
    }

    const min = o.minimum_age;
    const max = o.maximum_age;
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      this.problem(path.key('minimum_age'), `minimum_age (${min}) is groter dan maximum_age (${max})`);

    // Children of the service may also name one of the service's own service_at_locations or locations.
    const sals = asArr(o.service_at_locations).map(asObj);
    const salIds = new Set(sals.map((sal) => asStr(sal?.id)).filter((x): x is string => !!x));
    const salLocations = new Set(
      sals
        .map((sal) => asStr(sal?.location_id) ?? asStr(asObj(sal?.location)?.id))
        .filter((x): x is string => !!x),
    );
    const here: Allowed = {
      service_id: id,
      organization_id: orgId,
      service_at_location_id: salIds,
      location_id: salLocations,
    };

    this.children(o, path, here);
    asArr(o.cost_options).forEach((c, i) => {
      const co = asObj(c);
      if (!co) return;
      const p = path.at('cost_options', i);
      this.own('cost_option', co.id, p);
      this.links(co, p, ['service_id'], here);
      this.dateOrder(co, p, 'valid_from', 'valid_to');
    });
    asArr(o.languages).forEach((l, i) => this.language(l, path.at('languages', i), here));
    asArr(o.attributes).forEach((a, i) => this.attribute(a, path.at('attributes', i), 'dienst', id));

    sals.forEach((sal, i) => {
      if (!sal) return;
      const p = path.at('service_at_locations', i);
      const salId = asStr(sal.id);
      this.own('service_at_location', salId, p);
      if (sal.service_id !== undefined && sal.service_id !== id)
        this.problem(
          p.key('service_id'),
          `verwijst naar dienst ${String(sal.service_id)}, maar staat binnen dienst ${id}`,
        );
      const location = asObj(sal.location);
      const locationId = asStr(sal.location_id) ?? asStr(location?.id);
      if (location) {
        const embedded = asStr(location.id);
        if (sal.location_id !== undefined && embedded && embedded !== sal.location_id)
          this.problem(
            p.key('location_id'),
            `is ${String(sal.location_id)}, maar location.id is ${embedded}`,
          );
        this.location(location, p.key('location'));
      } else if (sal.location_id === undefined) {
        this.problem(p.key('location_id'), 'ontbreekt; geef location_id of location');
      } else {
        this.ref('location', locationId, p.key('location_id'));
      }
      const inSal: Allowed = {
        service_id: id,
        organization_id: orgId,
        service_at_location_id: salId,
        location_id: locationId,
      };
      this.children(sal, p, inSal);
      asArr(sal.attributes).forEach((a, j) =>
        this.attribute(a, p.at('attributes', j), 'dienst-op-locatie', salId),
      );
    });
  }

  /** phones, contacts, schedules and service_areas: they may sit in a service or a service_at_location. */
  private children(o: Obj, path: Path, allowed: Allowed) {
    asArr(o.phones).forEach((ph, i) => this.phone(ph, path.at('phones', i), allowed));
    asArr(o.contacts).forEach((c, i) => this.contact(c, path.at('contacts', i), allowed));
    asArr(o.schedules).forEach((sc, i) => this.schedule(sc, path.at('schedules', i), allowed));
    asArr(o.service_areas).forEach((a, i) => {
      const sa = asObj(a);
      if (!sa) return;
      const p = path.at('service_areas', i);
      this.own('service_area', sa.id, p);
      this.links(sa, p, ['service_id', 'service_at_location_id'], allowed);
    });
  }

  private phone(value: unknown, path: Path, allowed: Allowed) {
    const o = asObj(value);
    if (!o) return;
    this.own('phone', o.id, path);
    this.links(
      o,
      path,
      ['location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id'],
      allowed,
    );
    const inPhone = { ...allowed, phone_id: asStr(o.id) };
    asArr(o.languages).forEach((l, i) => this.language(l, path.at('languages', i), inPhone));
  }

  private contact(value: unknown, path: Path, allowed: Allowed) {
    const o = asObj(value);
    if (!o) return;
    this.own('contact', o.id, path);
    this.links(o, path, ['organization_id', 'service_id', 'service_at_location_id', 'location_id'], allowed);
    const inContact = { ...allowed, contact_id: asStr(o.id) };
    asArr(o.phones).forEach((ph, i) => this.phone(ph, path.at('phones', i), inContact));
  }

  private language(value: unknown, path: Path, allowed: Allowed) {
    const o = asObj(value);
    if (!o) return;
    this.own('language', o.id, path);
    this.links(o, path, ['service_id', 'location_id', 'phone_id'], allowed);
  }

  private schedule(value: unknown, path: Path, allowed: Allowed) {
    const o = asObj(value);
    if (!o) return;
    this.own('schedule', o.id, path);
    this.links(o, path, ['service_id', 'location_id', 'service_at_location_id'], allowed);
    const freq = asStr(o.freq);
    const byday = asStr(o.byday);
    if (byday && /\d/.test(byday) && freq !== 'MONTHLY' && freq !== 'YEARLY')
      this.problem(
        path.key('byday'),
        `een nummer voor de dag (zoals 1TU) kan alleen bij freq MONTHLY of YEARLY (freq is ${freq ?? 'leeg'})`,
      );
    if (o.bymonthday !== undefined && freq !== 'MONTHLY' && freq !== 'YEARLY')
      this.problem(
        path.key('bymonthday'),
        `kan alleen bij freq MONTHLY of YEARLY (freq is ${freq ?? 'leeg'})`,
      );
    if (o.count !== undefined && o.until !== undefined)
      this.problem(path.key('count'), 'count en until samen kan niet: geef het aantal keren of de einddatum');
    if ((o.byday !== undefined || o.interval !== undefined) && freq === undefined)
      this.problem(
        path.key('freq'),
        'ontbreekt; byday en interval hebben een frequentie nodig (bijv. WEEKLY)',
      );
    this.dateOrder(o, path, 'valid_from', 'valid_to');
    this.dateOrder(o, path, 'dtstart', 'until');
  }

  private dateOrder(o: Obj, path: Path, from: string, to: string) {
    const a = asStr(o[from]);
    const b = asStr(o[to]);
    if (a && b && /^\d{4}-\d{2}-\d{2}$/.test(a) && /^\d{4}-\d{2}-\d{2}$/.test(b) && a > b)
      this.problem(path.key(to), `${to} (${b}) ligt voor ${from} (${a})`);
  }

  private attribute(value: unknown, path: Path, parentLabel: string, parentId: string | undefined) {
    const o = asObj(value);
    if (!o) return;
    this.own('attribute', o.id, path);
    if (o.link_id !== undefined && parentId && o.link_id !== parentId)
      this.problem(
        path.key('link_id'),
        `verwijst naar ${String(o.link_id)}, maar staat binnen ${parentLabel} ${parentId}`,
      );
    const term = asObj(o.taxonomy_term);
    if (term) {
      const embedded = asStr(term.id);
      if (o.taxonomy_term_id !== undefined && embedded && embedded !== o.taxonomy_term_id)
        this.problem(
          path.key('taxonomy_term_id'),
          `is ${String(o.taxonomy_term_id)}, maar taxonomy_term.id is ${embedded}`,
        );
      this.term(term, path.key('taxonomy_term'));
    } else if (o.taxonomy_term_id === undefined) {
      this.problem(path.key('taxonomy_term_id'), 'ontbreekt; geef taxonomy_term_id of taxonomy_term');
    } else {
      this.ref('taxonomy_term', asStr(o.taxonomy_term_id), path.key('taxonomy_term_id'));
    }
  }

  /** Shared objects may be repeated, but only with the same content. */
  private shared(
    registry: Map<string, Shared>,
    kind: ExternalReference['kind'],
    o: Obj,
    path: Path,
  ): { first: boolean; id?: string } {
    const id = asStr(o.id);
    if (!id) return { first: false };
    const seen = registry.get(id);
    if (!seen) {
      registry.set(id, { path, object: o });
      return { first: true, id };
    }
    if (!sameContent(seen.object, o))
      this.problem(
        path,
        `${kindLabels[kind]} ${id} staat ook op ${seen.path.toString()}, maar met een andere inhoud`,
      );
    return { first: false, id };
  }

  private organization(o: Obj, path: Path) {
    const { first, id } = this.shared(this.organizations, 'organization', o, path);
    if (!first || !id) return;
    const parent = asStr(o.parent_organization_id);
    this.organizations.get(id)!.parent = parent;
    this.ref('organization', parent, path.key('parent_organization_id'));
  }

  private location(o: Obj, path: Path) {
    const { first, id } = this.shared(this.locations, 'location', o, path);
    // A repeated location has been checked the first time (and compared as a whole).
    if (!first || !id) return;
    const orgId = asStr(o.organization_id);
    this.ref('organization', orgId, path.key('organization_id'));
    const here: Allowed = { location_id: id, organization_id: orgId };
    asArr(o.addresses).forEach((a, i) => {
      const ad = asObj(a);
      if (!ad) return;
      this.own('address', ad.id, path.at('addresses', i));
      this.links(ad, path.at('addresses', i), ['location_id'], here);
    });
    asArr(o.accessibility).forEach((a, i) => {
      const ac = asObj(a);
      if (!ac) return;
      this.own('accessibility', ac.id, path.at('accessibility', i));
      this.links(ac, path.at('accessibility', i), ['location_id'], here);
    });
    asArr(o.phones).forEach((ph, i) => this.phone(ph, path.at('phones', i), here));
    asArr(o.contacts).forEach((c, i) => this.contact(c, path.at('contacts', i), here));
    asArr(o.schedules).forEach((sc, i) => this.schedule(sc, path.at('schedules', i), here));
    asArr(o.languages).forEach((l, i) => this.language(l, path.at('languages', i), here));
    asArr(o.attributes).forEach((a, i) => this.attribute(a, path.at('attributes', i), 'locatie', id));
    const lat = o.latitude;
    const lon = o.longitude;
    if ((lat === undefined) !== (lon === undefined))
      this.problem(
        path.key(lat === undefined ? 'latitude' : 'longitude'),
        'ontbreekt; geef latitude en longitude samen',
      );
  }

  private term(o: Obj, path: Path) {
    const { first, id } = this.shared(this.terms, 'taxonomy_term', o, path);
    if (!first || !id) return;
    const parent = asStr(o.parent_id);
    this.terms.get(id)!.parent = parent;
    this.ref('taxonomy_term', parent, path.key('parent_id'));
    const detail = asObj(o.taxonomy_detail);
    const taxonomyId = asStr(o.taxonomy_id) ?? asStr(detail?.id);
    if (detail) {
      const detailId = asStr(detail.id);
      if (o.taxonomy_id !== undefined && detailId && detailId !== o.taxonomy_id)
        this.problem(
          path.key('taxonomy_id'),
          `is ${String(o.taxonomy_id)}, maar taxonomy_detail.id is ${detailId}`,
        );
      this.shared(this.taxonomyDetails, 'taxonomy', detail, path.key('taxonomy_detail'));
    }
    const name = asStr(o.taxonomy);
    if (taxonomyId && name !== undefined) {
      const seen = this.taxonomyNames.get(taxonomyId);
      if (!seen) this.taxonomyNames.set(taxonomyId, { name, path: path.key('taxonomy') });
      else if (seen.name !== name)
        this.problem(
          path.key('taxonomy'),
          `taxonomie ${taxonomyId} heet hier "${name}", maar op ${seen.path.toString()} "${seen.name}"`,
        );
    }
    if (taxonomyId && !detail && name === undefined)
      this.ref('taxonomy', taxonomyId, path.key('taxonomy_id'));
  }

  /** Parent chains must end; returns the references that the file itself does not describe. */
  finish(): ExternalReference[] {
    this.cycles(this.organizations, 'parent_organization_id', 'organisatie');
    this.cycles(this.terms, 'parent_id', 'taxonomieterm');
    const defined: Record<ExternalReference['kind'], { has(id: string): boolean }> = {
      organization: this.organizations,
      location: this.locations,
      taxonomy_term: this.terms,
      taxonomy: { has: (id) => this.taxonomyDetails.has(id) || this.taxonomyNames.has(id) },
    };
    const seen = new Set<string>();
    return this.refs
      .filter((r) => {
        const key = `${r.kind}:${r.id}`;
        if (defined[r.kind].has(r.id) || seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((r) => ({ kind: r.kind, id: r.id, path: r.path.toString() }));
  }

  private cycles(registry: Map<string, Shared & { parent?: string }>, field: string, label: string) {
    for (const [start, entry] of registry) {
      const visited = new Set([start]);
      for (let cur = entry.parent; cur; cur = registry.get(cur)?.parent) {
        if (visited.has(cur)) {
          if (cur === start)
            this.problem(entry.path.key(field), `de ${label} is (via ${field}) haar eigen voorouder`);
          break;
        }
        visited.add(cur);
      }
    }
  }
}

export { kindLabels };
