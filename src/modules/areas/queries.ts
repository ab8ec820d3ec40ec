import { and, asc, eq, sql } from 'drizzle-orm';
import type { TenantTx, Tx } from '../../platform/db/index.js';
import { areas, type AreaKind } from './tables.js';

export type AreaRow = typeof areas.$inferSelect;

export function allAreas(tx: TenantTx): Promise<AreaRow[]> {
  return tx.select().from(areas).orderBy(asc(areas.kind), asc(areas.name));
}

/** The most specific area whose postcode list holds the four digits of the postcode. */
export async function areaForPostcodeDigits(tx: TenantTx, digits: string): Promise<AreaRow | undefined> {
  const [row] = await tx
    .select()
    .from(areas)
    .where(sql`${digits} = any(${areas.postcodes})`)
    .orderBy(
      sql`case ${areas.kind} when 'neighbourhood' then 0 when 'district' then 1 when 'core' then 2 else 3 end`,
    )
    .limit(1);
  return row;
}

export async function areaByCode(tx: TenantTx, code: string): Promise<AreaRow | undefined> {
  const [row] = await tx.select().from(areas).where(eq(areas.code, code));
  return row;
}

export async function areaByName(tx: TenantTx, name: string, kind?: AreaKind): Promise<AreaRow | undefined> {
  const [row] = await tx
    .select()
    .from(areas)
    .where(and(sql`lower(${areas.name}) = lower(${name})`, kind ? eq(areas.kind, kind) : undefined));
  return row;
}

export async function insertArea(
  tx: Tx,
  values: {
    tenantId: string;
    parentId: string | null;
    kind: AreaKind;
    code: string | null;
    name: string;
    postcodes: string[];
  },
): Promise<AreaRow> {
  const [row] = await tx.insert(areas).values(values).returning();
  return row!;
}
