// Readers behind the read-only HSDS API: organizations, taxonomies, taxonomy terms and service_at_locations,
// one page at a time in HSDS's page object. A page past the end is empty and still gives the totals.
import { sql, type SQL } from 'drizzle-orm';
import type { TenantTx } from '../../platform/db/index.js';
import { compileServices } from './hsds-export.js';
import { tables, toObject, type Row } from './hsds-rows.js';
import { countRows, pageOfRows, rowsById, serviceSummaries } from './queries.js';
import type { CompiledService } from './schemas.js';

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  /** Items per page. */
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface PageRequest {
  /** 1-based; default 1. */
  page?: number;
  /** Default 50, at most 200. */
  perPage?: number;
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

function window(req: PageRequest) {
  const page = Math.max(1, Math.floor(req.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(req.perPage ?? DEFAULT_PER_PAGE)));
  return { page, perPage, offset: (page - 1) * perPage };
}

export function pageOf<T>(total: number, req: PageRequest, contents: T[]): Page<T> {
  const { page, perPage } = window(req);
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: perPage,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

type Obj = Record<string, unknown>;

async function listTable(
  tx: TenantTx,
  table: 'organizations' | 'taxonomies' | 'taxonomy_terms' | 'service_at_locations',
  req: PageRequest,
  orderBy: string,
  where?: SQL,
): Promise<{ total: number; rows: Row[] }> {
  const { perPage, offset } = window(req);
  const total = await countRows(tx, table, where);
  const rows = offset < total ? await pageOfRows(tx, table, { where, orderBy, limit: perPage, offset }) : [];
  return { total, rows };
}

export async function listOrganizations(tx: TenantTx, req: PageRequest = {}): Promise<Page<Obj>> {
  const { total, rows } = await listTable(tx, 'organizations', req, 't.name, t.id');
  return pageOf(
    total,
    req,
    rows.map((r) => toObject(tables.organizations, r)),
  );
}

/** The main fields of a service, as listed under its organization or its service_at_location. */
function summary(s: Obj): Obj {
  const out: Obj = {};
  for (const key of ['id', 'name', 'alternate_name', 'description', 'url', 'email', 'status'])
    if (s[key] !== null && s[key] !== undefined) out[key] = s[key];
  return out;
}

/** An organization with the main fields of its services, or undefined. */
export async function organizationWithServices(tx: TenantTx, id: string): Promise<Obj | undefined> {
  const row = (await rowsById(tx, 'organizations', [id.toLowerCase()])).get(id.toLowerCase());
  if (!row) return undefined;
  const services = await serviceSummaries(tx, row.id as string);
  return { ...toObject(tables.organizations, row), services: services.map(summary) };
}

export async function listTaxonomies(tx: TenantTx, req: PageRequest = {}): Promise<Page<Obj>> {
  const { total, rows } = await listTable(tx, 'taxonomies', req, 't.name, t.id');
  return pageOf(
    total,
    req,
    rows.map((r) => toObject(tables.taxonomies, r)),
  );
}

export interface TermFilter {
  taxonomyId?: string;
  parentId?: string;
}

export async function listTaxonomyTerms(
  tx: TenantTx,
  filter: TermFilter = {},
  req: PageRequest = {},
): Promise<Page<Obj>> {
  const conditions: SQL[] = [sql`true`];
  if (filter.taxonomyId) conditions.push(sql`t.taxonomy_id = ${filter.taxonomyId.toLowerCase()}`);
  if (filter.parentId) conditions.push(sql`t.parent_id = ${filter.parentId.toLowerCase()}`);
  const where = sql.join(conditions, sql` and `);
  const { total, rows } = await listTable(tx, 'taxonomy_terms', req, 't.taxonomy, t.name, t.id', where);
  const detailIds = rows
    .filter((r) => r.with_taxonomy_detail && r.taxonomy_id)
    .map((r) => r.taxonomy_id as string);
  const taxonomies = await rowsById(tx, 'taxonomies', detailIds);
  return pageOf(
    total,
    req,
    rows.map((r) => {
      const term = toObject(tables.taxonomy_terms, r);
      const detail = r.with_taxonomy_detail ? taxonomies.get(r.taxonomy_id as string) : undefined;
      if (detail) term.taxonomy_detail = toObject(tables.taxonomies, detail);
      return term;
    }),
  );
}

/** service_at_locations with their location and the main fields of their service, as HSDS lists them. */
export async function listServiceAtLocations(tx: TenantTx, req: PageRequest = {}): Promise<Page<Obj>> {
  const { total, rows } = await listTable(tx, 'service_at_locations', req, 't.id');
  const serviceIds = [...new Set(rows.map((r) => r.service_id as string))];
  const compiled = new Map<string, CompiledService>(
    (await compileServices(tx, serviceIds)).map((s) => [s.id, s]),
  );
  const contents = rows.flatMap((r) => {
    const service = compiled.get(r.service_id as string);
    const sal = service?.service_at_locations?.find((x) => x.id === r.id);
    if (!service || !sal) return [];
    return [{ ...sal, service_id: r.service_id, location_id: r.location_id, service: summary(service) }];
  });
  return pageOf(total, req, contents);
}
