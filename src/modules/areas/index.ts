// Areas: the tree municipality → core/village → district → neighbourhood that every module places things in.
// Other modules ask here where a postcode belongs; area analysis and plans will grow in this module.
import type { TenantTx, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  allAreas,
  areaByCode,
  areaByName,
  areaForPostcodeDigits,
  insertArea,
  type AreaRow,
} from './queries.js';
import type { AreaKind } from './tables.js';

export type { AreaKind, AreaRow };

export interface AreaNode {
  id: string;
  kind: AreaKind;
  code: string | null;
  name: string;
  postcodes: string[];
  children: AreaNode[];
}

export async function areaTree(tx: TenantTx): Promise<AreaNode[]> {
  const rows = await allAreas(tx);
  const nodes = new Map<string, AreaNode>(
    rows.map((r) => [
      r.id,
      { id: r.id, kind: r.kind, code: r.code, name: r.name, postcodes: r.postcodes, children: [] },
    ]),
  );
  const roots: AreaNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Normalises "1931 AB", "1931ab" or "1931" to its four digits; undefined when it is no Dutch postcode. */
export function postcodeDigits(input: string): string | undefined {
  const m = /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})?\s*$/.exec(input);
  return m?.[1];
}

export interface Placement {
  area: AreaNode;
  /** From the placed area up to the municipality. */
  path: { id: string; kind: AreaKind; code: string | null; name: string }[];
}

export async function placePostcode(tx: TenantTx, postcode: string): Promise<Placement | undefined> {
  const digits = postcodeDigits(postcode);
  if (!digits)
    throw new AppError('validation', 'Geen geldige postcode', [
      { field: 'postcode', message: 'field.invalid' },
    ]);
  const row = await areaForPostcodeDigits(tx, digits);
  if (!row) return undefined;
  const rows = await allAreas(tx);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path: Placement['path'] = [];
  for (let cur: AreaRow | undefined = row; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    path.push({ id: cur.id, kind: cur.kind, code: cur.code, name: cur.name });
  }
  return {
    area: {
      id: row.id,
      kind: row.kind,
      code: row.code,
      name: row.name,
      postcodes: row.postcodes,
      children: [],
    },
    path,
  };
}

export { areaByCode, areaByName };

export interface AreaSeed {
  kind: AreaKind;
  name: string;
  code?: string;
  postcodes?: string[];
  children?: AreaSeed[];
}

export async function createAreaTree(
  tx: Tx,
  tenantId: string,
  seeds: AreaSeed[],
  parentId: string | null = null,
) {
  for (const s of seeds) {
    const row = await insertArea(tx, {
      tenantId,
      parentId,
      kind: s.kind,
      code: s.code ?? null,
      name: s.name,
      postcodes: s.postcodes ?? [],
    });
    if (s.children) await createAreaTree(tx, tenantId, s.children, row.id);
  }
}
export * from './places.js';
