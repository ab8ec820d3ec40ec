// The audit log: who read or changed which personal data, when, why and from where.
// Use cases write entries in the same transaction as the read or change, so neither exists without the other.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { TenantTx } from '../db/index.js';
import { auditLog } from './tables.js';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export';

/** Who acts and why; built from the request (or from the CLI/scheduler). */
export interface Actor {
  tenantId: string;
  userId: string | null;
  roles: readonly string[];
  /** The route or the stated purpose, e.g. "GET /api/v1/admin/users/:id". */
  purpose: string;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  recordType: string;
  recordId: string;
  /** The user whose personal data this is, when known, so they can see the entry. */
  subjectUserId?: string | null;
}

export async function recordAccess(tx: TenantTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    actorRoles: [...actor.roles],
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    subjectUserId: entry.subjectUserId ?? null,
    purpose: actor.purpose,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
  });
}

export type AuditRow = typeof auditLog.$inferSelect & { actorName: string | null };

export interface AuditQuery {
  recordType?: string;
  recordId?: string;
  actorUserId?: string;
  subjectUserId?: string;
  from?: Date;
  limit?: number;
}

export async function searchAudit(tx: TenantTx, q: AuditQuery): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (q.recordType) where.push(eq(auditLog.recordType, q.recordType));
  if (q.recordId) where.push(eq(auditLog.recordId, q.recordId));
  if (q.actorUserId) where.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.subjectUserId) where.push(eq(auditLog.subjectUserId, q.subjectUserId));
  if (q.from) where.push(sql`${auditLog.at} >= ${q.from.toISOString()}`);
  return withActorNames(tx, and(...where), q.limit ?? 200);
}

/** Entries about the user's own data made by somebody else: "who viewed my data". */
export async function accessByOthers(tx: TenantTx, userId: string, limit = 100): Promise<AuditRow[]> {
  return withActorNames(
    tx,
    and(eq(auditLog.subjectUserId, userId), sql`${auditLog.actorUserId} is distinct from ${userId}`),
    limit,
  );
}

async function withActorNames(tx: TenantTx, where: SQL | undefined, limit: number): Promise<AuditRow[]> {
  // The users table belongs to auth; a name lookup through SQL keeps audit free of an import cycle.
  const result = await tx
    .select({
      entry: auditLog,
      actorName: sql<string | null>`(select u.name from users u where u.id = ${auditLog.actorUserId})`,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(Math.min(limit, 1000));
  return result.map((r) => ({ ...r.entry, actorName: r.actorName }));
}
