// All SQL of keeping the directory current. Functions take the tenant transaction; row-level security keeps
// them to one tenant, and the where clauses say so too. Times are read as ISO 8601 UTC text, dates as
// YYYY-MM-DD, the same on PGlite and PostgreSQL.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type TenantTx, type Tx } from '../../../platform/db/index.js';

const mine = (alias: string) => sql.raw(`${alias}.tenant_id = wijkkracht_current_tenant()`);
const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const uuids = (ids: Iterable<string>) => sql`${`{${[...ids].join(',')}}`}::uuid[]`;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

// ---- providers and their organisations ---------------------------------------------------------------------

export interface MemberRow {
  id: string;
  user_id: string;
  user_name: string;
  user_email: string;
  organization_id: string;
  organization_name: string;
  created_at: string;
}

export function listMembers(tx: TenantTx, organizationId?: string): Promise<MemberRow[]> {
  return rows<MemberRow>(
    tx,
    sql`select m.id, m.user_id, u.name as user_name, u.email as user_email, m.organization_id,
               o.name as organization_name, ${iso('m.created_at')} as created_at
        from provider_members m
        join users u on u.id = m.user_id
        join organizations o on o.tenant_id = m.tenant_id and o.id = m.organization_id
        where ${mine('m')} ${organizationId ? sql`and m.organization_id = ${organizationId}` : sql``}
        order by o.name, u.name, m.id`,
  );
}

/**
 * The new link's id, or undefined when the user was already linked to the organisation. The tenant is
 * named, so the demo loader can link in its system transaction; in a tenant transaction row-level
 * security refuses any other tenant.
 */
export async function insertMember(
  tx: Tx,
  m: { tenantId: string; userId: string; organizationId: string; createdBy: string | null },
): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into provider_members (tenant_id, user_id, organization_id, created_by)
        values (${m.tenantId}, ${m.userId}, ${m.organizationId}, ${m.createdBy})
        on conflict (tenant_id, user_id, organization_id) do nothing
        returning id`,
  );
  return row?.id;
}

export async function deleteMember(tx: TenantTx, id: string): Promise<boolean> {
  const deleted = await rows<{ id: string }>(
    tx,
    sql`delete from provider_members m where ${mine('m')} and m.id = ${id} returning m.id`,
  );
  return deleted.length > 0;
}

export async function organizationsOfUser(tx: TenantTx, userId: string): Promise<string[]> {
  const found = await rows<{ organization_id: string }>(
    tx,
    sql`select m.organization_id from provider_members m where ${mine('m')} and m.user_id = ${userId}`,
  );
  return found.map((r) => r.organization_id);
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

/** A user of this tenant with their roles (users belong to the platform; read-only here). */
export async function userWithRoles(tx: TenantTx, userId: string): Promise<UserRow | undefined> {
  const [row] = await rows<UserRow>(
    tx,
    sql`select u.id, u.name, u.email,
               coalesce(array(select r.role from user_roles r where r.user_id = u.id order by r.role), '{}') as roles
        from users u where ${mine('u')} and u.id = ${userId}`,
  );
  return row;
}

/** Users who can keep offers: the choices when linking. */
export function providerCandidates(tx: TenantTx): Promise<{ id: string; name: string; email: string }[]> {
  return rows(
    tx,
    sql`select u.id, u.name, u.email from users u
        where ${mine('u')} and not u.disabled
          and exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('provider', 'coordinator'))
        order by u.name, u.email`,
  );
}

export function organizationNames(tx: TenantTx): Promise<{ id: string; name: string }[]> {
  return rows(tx, sql`select o.id, o.name from organizations o where ${mine('o')} order by o.name, o.id`);
}

export async function organizationExists(tx: TenantTx, id: string): Promise<boolean> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select o.id from organizations o where ${mine('o')} and o.id = ${id}`,
  );
  return found.length > 0;
}

/** E-mail addresses of the active users linked to each organisation. */
export async function memberEmails(tx: TenantTx, organizationIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!organizationIds.length) return out;
  const found = await rows<{ organization_id: string; email: string }>(
    tx,
    sql`select m.organization_id, u.email from provider_members m join users u on u.id = m.user_id
        where ${mine('m')} and not u.disabled and m.organization_id = any(${uuids(organizationIds)})
        order by u.email`,
  );
  for (const r of found) out.set(r.organization_id, [...(out.get(r.organization_id) ?? []), r.email]);
  return out;
}

// ---- offers ------------------------------------------------------------------------------------------------

export interface OfferHead {
  id: string;
  name: string;
  status: string;
  email: string | null;
  organization_id: string;
  organization_name: string;
  organization_email: string | null;
  assured_date: string | null;
  last_modified: string;
}

const headColumns = sql`s.id, s.name, s.status, s.email, s.organization_id, o.name as organization_name,
  o.email as organization_email, to_char(s.assured_date, 'YYYY-MM-DD') as assured_date,
  ${iso('s.last_modified')} as last_modified`;
const headFrom = sql`from services s join organizations o on o.tenant_id = s.tenant_id and o.id = s.organization_id`;

export async function offerHead(tx: TenantTx, id: string): Promise<OfferHead | undefined> {
  const [row] = await rows<OfferHead>(
    tx,
    sql`select ${headColumns} ${headFrom} where ${mine('s')} and s.id = ${id}`,
  );
  return row;
}

export function offersOfOrganizations(tx: TenantTx, organizationIds: string[]): Promise<OfferHead[]> {
  if (!organizationIds.length) return Promise.resolve([]);
  return rows<OfferHead>(
    tx,
    sql`select ${headColumns} ${headFrom}
        where ${mine('s')} and s.organization_id = any(${uuids(organizationIds)})
        order by o.name, s.name, s.id`,
  );
}

/** The dates an offer counts as checked: assured_date, else the date of last_modified in the Netherlands. */
const checkedDate = sql.raw(
  `coalesce(s.assured_date, (s.last_modified at time zone 'Europe/Amsterdam')::date)`,
);

export interface StaleRow extends OfferHead {
  last_checked: string;
  last_reminded_at: string | null;
}

/** Offers still running whose last check lies before the cutoff date, oldest first per organisation. */
export function staleOffers(tx: TenantTx, cutoff: string, organizationId?: string): Promise<StaleRow[]> {
  return rows<StaleRow>(
    tx,
    sql`select ${headColumns}, to_char(${checkedDate}, 'YYYY-MM-DD') as last_checked,
               (select ${iso('max(r.sent_at)')} from directory_staleness_reminders r
                 where r.tenant_id = s.tenant_id and r.service_id = s.id) as last_reminded_at
        ${headFrom}
        where ${mine('s')} and s.status in ('active', 'temporarily closed')
          and ${checkedDate} < ${cutoff}::date
          ${organizationId ? sql`and s.organization_id = ${organizationId}` : sql``}
        order by o.name, o.id, ${checkedDate}, s.name, s.id`,
  );
}

export async function insertReminders(tx: TenantTx, serviceIds: string[], sentAt: Date): Promise<void> {
  if (!serviceIds.length) return;
  await tx.execute(
    sql`insert into directory_staleness_reminders (tenant_id, service_id, sent_at)
        select wijkkracht_current_tenant(), id, ${ts(sentAt)} from unnest(${uuids(serviceIds)}) as id`,
  );
}

// ---- change requests ---------------------------------------------------------------------------------------

export type RequestStatus = 'pending' | 'approved' | 'rejected';

export interface ChangeRequestRow {
  id: string;
  service_id: string;
  service_name: string;
  organization_id: string;
  organization_name: string;
  status: RequestStatus;
  base: Record<string, unknown>;
  proposed: Record<string, unknown>;
  base_last_modified: string | null;
  author_id: string | null;
  author_name: string | null;
  author_email: string | null;
  note: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
}

const requestColumns = sql`c.id, c.service_id, s.name as service_name, c.organization_id,
  o.name as organization_name, c.status, c.base, c.proposed, c.base_last_modified, c.author_id,
  a.name as author_name, a.email as author_email, c.note, c.reason, ${iso('c.created_at')} as created_at,
  ${iso('c.updated_at')} as updated_at, ${iso('c.decided_at')} as decided_at, c.decided_by,
  d.name as decided_by_name`;
const requestFrom = sql`from directory_change_requests c
  join services s on s.tenant_id = c.tenant_id and s.id = c.service_id
  join organizations o on o.tenant_id = s.tenant_id and o.id = s.organization_id
  left join users a on a.id = c.author_id
  left join users d on d.id = c.decided_by`;

/** jsonb comes back parsed from one driver and as text from the other. */
function parsed(row: ChangeRequestRow): ChangeRequestRow {
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : v);
  return { ...row, base: json(row.base) as never, proposed: json(row.proposed) as never };
}

export async function changeRequest(
  tx: TenantTx,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ChangeRequestRow | undefined> {
  const [row] = await rows<ChangeRequestRow>(
    tx,
    sql`select ${requestColumns} ${requestFrom} where ${mine('c')} and c.id = ${id}
        ${opts.lock ? sql`for update of c` : sql``}`,
  );
  return row && parsed(row);
}

export interface RequestFilter {
  status?: RequestStatus;
  serviceId?: string;
  organizationIds?: string[];
  limit?: number;
}

export async function listChangeRequests(tx: TenantTx, f: RequestFilter): Promise<ChangeRequestRow[]> {
  const where: SQL[] = [mine('c')];
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.serviceId) where.push(sql`c.service_id = ${f.serviceId}`);
  if (f.organizationIds) where.push(sql`c.organization_id = any(${uuids(f.organizationIds)})`);
  const found = await rows<ChangeRequestRow>(
    tx,
    sql`select ${requestColumns} ${requestFrom} where ${sql.join(where, sql` and `)}
        order by ${f.status === 'pending' ? sql`c.updated_at` : sql`coalesce(c.decided_at, c.updated_at) desc`}, c.id
        limit ${f.limit ?? 500}`,
  );
  return found.map(parsed);
}

/** The newest request of each of these offers (pending or decided). */
export async function latestRequests(
  tx: TenantTx,
  serviceIds: string[],
): Promise<Map<string, ChangeRequestRow>> {
  const out = new Map<string, ChangeRequestRow>();
  if (!serviceIds.length) return out;
  const found = await rows<ChangeRequestRow>(
    tx,
    sql`select distinct on (c.service_id) ${requestColumns} ${requestFrom}
        where ${mine('c')} and c.service_id = any(${uuids(serviceIds)})
        order by c.service_id, c.updated_at desc, c.id`,
  );
  for (const r of found) out.set(r.service_id, parsed(r));
  return out;
}

/** Stores the offer's pending request: a new one, or the one that was waiting, replaced. */
export async function savePendingRequest(
  tx: TenantTx,
  r: {
    serviceId: string;
    organizationId: string;
    base: unknown;
    proposed: unknown;
    baseLastModified: string | null;
    authorId: string | null;
    note: string | null;
    now: Date;
  },
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into directory_change_requests
          (tenant_id, service_id, organization_id, status, base, proposed, base_last_modified, author_id, note,
           created_at, updated_at)
        values (wijkkracht_current_tenant(), ${r.serviceId}, ${r.organizationId}, 'pending',
                ${JSON.stringify(r.base)}::jsonb, ${JSON.stringify(r.proposed)}::jsonb, ${r.baseLastModified},
                ${r.authorId}, ${r.note}, ${ts(r.now)}, ${ts(r.now)})
        on conflict (tenant_id, service_id) where status = 'pending' do update set
          organization_id = excluded.organization_id, base = excluded.base, proposed = excluded.proposed,
          base_last_modified = excluded.base_last_modified, author_id = excluded.author_id,
          note = excluded.note, updated_at = excluded.updated_at
        returning id`,
  );
  return row!.id;
}

export async function decideRequest(
  tx: TenantTx,
  d: { id: string; status: 'approved' | 'rejected'; reason: string | null; by: string | null; now: Date },
): Promise<void> {
  await tx.execute(
    sql`update directory_change_requests c set status = ${d.status}, reason = ${d.reason},
          decided_by = ${d.by}, decided_at = ${ts(d.now)}, updated_at = ${ts(d.now)}
        where ${mine('c')} and c.id = ${d.id} and c.status = 'pending'`,
  );
}

// ---- residents' reports ------------------------------------------------------------------------------------

export interface FeedbackRow {
  id: string;
  service_id: string;
  service_name: string;
  organization_id: string;
  organization_name: string;
  message: string;
  contact_email: string | null;
  status: 'open' | 'handled';
  created_at: string;
  handled_at: string | null;
}

export async function insertFeedback(
  tx: TenantTx,
  f: { serviceId: string; message: string; contactEmail: string | null; now: Date },
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into directory_feedback (tenant_id, service_id, message, contact_email, created_at)
        values (wijkkracht_current_tenant(), ${f.serviceId}, ${f.message}, ${f.contactEmail}, ${ts(f.now)})
        returning id`,
  );
  return row!.id;
}

export function listFeedback(
  tx: TenantTx,
  f: { status?: 'open' | 'handled'; organizationIds?: string[]; limit?: number },
): Promise<FeedbackRow[]> {
  const where: SQL[] = [mine('f')];
  if (f.status) where.push(sql`f.status = ${f.status}`);
  if (f.organizationIds) where.push(sql`s.organization_id = any(${uuids(f.organizationIds)})`);
  return rows<FeedbackRow>(
    tx,
    sql`select f.id, f.service_id, s.name as service_name, s.organization_id, o.name as organization_name,
               f.message, f.contact_email, f.status, ${iso('f.created_at')} as created_at,
               ${iso('f.handled_at')} as handled_at
        from directory_feedback f
        join services s on s.tenant_id = f.tenant_id and s.id = f.service_id
        join organizations o on o.tenant_id = s.tenant_id and o.id = s.organization_id
        where ${sql.join(where, sql` and `)}
        order by f.created_at, f.id limit ${f.limit ?? 500}`,
  );
}

/** false when there is no such report. Marking a handled report again changes nothing. */
export async function markFeedbackHandled(
  tx: TenantTx,
  id: string,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const found = await rows<{ id: string }>(
    tx,
    sql`update directory_feedback f set
          status = 'handled',
          handled_at = coalesce(f.handled_at, ${ts(now)}),
          handled_by = coalesce(f.handled_by, ${by})
        where ${mine('f')} and f.id = ${id} returning f.id`,
  );
  return found.length > 0;
}
