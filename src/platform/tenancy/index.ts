// Tenants: one municipality or a cooperating group (BUCH) in one installation.
// Every other table carries tenant_id; this module only knows the registry itself.
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/index.js';
import { tenants, type TenantOidc, type TenantSettings, type TenantTheme } from './tables.js';

export type Tenant = typeof tenants.$inferSelect;
export type { TenantOidc, TenantSettings, TenantTheme };

export const defaultTheme: TenantTheme = { primaryColor: '#1a5c8a', primaryTextColor: '#ffffff' };
export const defaultSettings: TenantSettings = {
  requireTwoFactorForRoles: ['consultant', 'expert-consultant', 'team-lead'],
  responseDeadlineHours: 48,
  directoryStaleAfterMonths: 6,
};

export const slugPattern = /^[a-z0-9][a-z0-9-]{1,39}$/;

export async function tenantBySlug(db: Database, slug: string): Promise<Tenant | undefined> {
  const [row] = await db.drizzle.select().from(tenants).where(eq(tenants.slug, slug.toLowerCase()));
  return row;
}

export async function tenantById(db: Database, id: string): Promise<Tenant | undefined> {
  const [row] = await db.drizzle.select().from(tenants).where(eq(tenants.id, id));
  return row;
}

export async function tenantByHost(db: Database, host: string): Promise<Tenant | undefined> {
  const [row] = await db.drizzle
    .select()
    .from(tenants)
    .where(sql`${host.toLowerCase()} = any(${tenants.hostnames})`);
  return row;
}

export async function listTenants(db: Database): Promise<Tenant[]> {
  return db.drizzle.select().from(tenants).orderBy(tenants.name);
}

export interface NewTenant {
  slug: string;
  name: string;
  hostnames?: string[];
  theme?: Partial<TenantTheme>;
  settings?: Partial<TenantSettings>;
}

export async function createTenant(tx: Tx, input: NewTenant): Promise<Tenant> {
  const [row] = await tx
    .insert(tenants)
    .values({
      slug: input.slug,
      name: input.name,
      hostnames: input.hostnames ?? [],
      theme: { ...defaultTheme, ...input.theme },
      settings: { ...defaultSettings, ...input.settings },
    })
    .returning();
  return row!;
}

export async function setTenantOidc(tx: Tx, tenantId: string, oidc: TenantOidc | null): Promise<void> {
  await tx.update(tenants).set({ oidc }).where(eq(tenants.id, tenantId));
}

/** Changes some settings and keeps the rest; settings added in later versions get their defaults. */
export async function updateTenantSettings(
  tx: Tx,
  tenantId: string,
  patch: Partial<TenantSettings>,
): Promise<TenantSettings> {
  const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new Error(`tenant ${tenantId} does not exist`);
  const settings = { ...defaultSettings, ...row.settings, ...patch };
  await tx.update(tenants).set({ settings }).where(eq(tenants.id, tenantId));
  return settings;
}
