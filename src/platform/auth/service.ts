import argon2 from 'argon2';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { accessByOthers, recordAccess, type Actor, type AuditRow } from '../audit/index.js';
import type { Database, TenantTx, Tx } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { translator, type Locale } from '../i18n/index.js';
import { queueMail } from '../mail/index.js';
import { randomToken, sha256, type FieldCipher } from '../privacy/crypto.js';
import type { Tenant } from '../tenancy/index.js';
import { isRole, type Role } from './permissions.js';
import { passwordResets, sessions, userRoles, users } from './tables.js';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const LOCK_AFTER_FAILURES = 5;
export const MIN_PASSWORD_LENGTH = 12;

// An instance of our own: otplib's exported authenticator is a process-wide singleton whose options any
// importer can change (a test helper setting `epoch` would move our clock). One step of clock skew either way.
const totp = authenticator.clone({ window: 1 });

export type UserRow = typeof users.$inferSelect;

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
  twoFactorEnabled: boolean;
}

export interface LoadedSession {
  id: string;
  tenantId: string;
  csrfToken: string;
  pendingTwoFactor: boolean;
  method: string;
  user: SessionUser;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

// argon2id with the library's defaults (64 MiB, t=3): OWASP's recommended range.
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

// Verifying against a fixed hash for unknown accounts keeps the answer time the same as for a wrong password.
let dummyHash: Promise<string> | undefined;
async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await argon2.verify(await dummyHash, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation', undefined, [{ field: 'password', message: 'field.passwordTooShort' }]);
  }
}

/** Lockout grows with each failure beyond the threshold: 1, 2, 4 … minutes, at most an hour. */
export function lockoutMinutes(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(60, 2 ** (failures - LOCK_AFTER_FAILURES));
}

export async function rolesOf(tx: Tx, userId: string): Promise<Role[]> {
  const rows = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows
    .map((r) => r.role)
    .filter(isRole)
    .sort();
}

/** Roles that read case files only count once the user has two-factor login, when the tenant requires it. */
export function effectiveRoles(
  tenant: Tenant,
  user: { roles: Role[]; twoFactorEnabled: boolean },
  method: string,
): Role[] {
  if (user.twoFactorEnabled || method === 'oidc') return user.roles;
  const required = tenant.settings.requireTwoFactorForRoles;
  return user.roles.filter((r) => !required.includes(r));
}

export function twoFactorMissing(
  tenant: Tenant,
  user: { roles: Role[]; twoFactorEnabled: boolean },
  method: string,
) {
  return effectiveRoles(tenant, user, method).length < user.roles.length;
}

export type LoginResult =
  | { kind: 'session'; token: string; session: LoadedSession }
  | { kind: 'two-factor'; token: string; session: LoadedSession };

interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  /** Pages do the second step on its own screen; the API expects the code in the same call. */
  allowPendingTwoFactor: boolean;
}

export async function login(
  db: Database,
  tenant: Tenant,
  input: LoginInput,
  client: ClientInfo,
): Promise<LoginResult> {
  const user = await db.system(async (tx) => {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = lower(${input.email})`));
    return row;
  });
  const locked = user?.lockedUntil && user.lockedUntil.getTime() > Date.now();
  const passwordOk = await verifyPassword(
    locked || user?.disabled ? null : (user?.passwordHash ?? null),
    input.password,
  );
  if (!user || user.disabled) throw new AppError('invalid_credentials');
  if (locked) throw lockedError(user.lockedUntil!);
  if (!passwordOk) {
    await registerFailure(db, user.id);
    throw new AppError('invalid_credentials');
  }
  if (user.totpEnabledAt) {
    if (input.totp !== undefined) {
      await verifyTotpForLogin(db, user, input.totp);
    } else if (!input.allowPendingTwoFactor) {
      throw new AppError('two_factor_required');
    } else {
      const { token, session } = await startSession(db, user, 'password', true, client);
      return { kind: 'two-factor', token, session };
    }
  }
  const { token, session } = await startSession(db, user, 'password', false, client);
  return { kind: 'session', token, session };
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
  return new AppError('locked', String(minutes), undefined, { 'retry-after': String(minutes * 60) });
}

async function registerFailure(db: Database, userId: string): Promise<void> {
  await db.system(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins });
    const minutes = lockoutMinutes(row!.failedLogins);
    if (minutes > 0) {
      await tx
        .update(users)
        .set({ lockedUntil: new Date(Date.now() + minutes * 60000) })
        .where(eq(users.id, userId));
    }
  });
}

async function verifyTotpForLogin(db: Database, user: UserRow, code: string): Promise<void> {
  const ok = await db.system(async (tx) => {
    const [fresh] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
    return checkTotp(tx, fresh!, code);
  });
  if (!ok) {
    await registerFailure(db, user.id);
    throw new AppError('invalid_totp');
  }
}

let cipher: FieldCipher | undefined;
/** The field cipher is configured once at start (it needs the installation key). */
export function useFieldCipher(c: FieldCipher): void {
  cipher = c;
}
function fieldCipherOrThrow(): FieldCipher {
  if (!cipher) throw new Error('field cipher not configured');
  return cipher;
}

/** Accepts a code once: the time step is remembered so the same code cannot log in twice. */
async function checkTotp(tx: Tx, user: UserRow, code: string): Promise<boolean> {
  if (!user.totpSecretEncrypted || !/^\d{6}$/.test(code)) return false;
  const secret = fieldCipherOrThrow().decrypt(user.totpSecretEncrypted);
  // One clock reading for both the check and the step we remember, so a code checked on a step boundary
  // is recorded under the step it belongs to.
  const now = Date.now();
  const delta = totp.clone({ epoch: now }).checkDelta(code, secret);
  if (delta === null) return false;
  const step = Math.floor(now / 30000) + delta;
  if (user.totpLastStep !== null && step <= user.totpLastStep) return false;
  await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
  return true;
}

async function startSession(
  db: Database,
  user: UserRow,
  method: string,
  pendingTwoFactor: boolean,
  client: ClientInfo,
): Promise<{ token: string; session: LoadedSession }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const id = await db.system(async (tx) => {
    if (!pendingTwoFactor) {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    }
    const [row] = await tx
      .insert(sessions)
      .values({
        tenantId: user.tenantId,
        userId: user.id,
        tokenHash: sha256(token),
        csrfToken,
        pendingTwoFactor,
        method,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
        ip: client.ip ?? null,
        expiresAt: new Date(Date.now() + (pendingTwoFactor ? 10 * 60000 : SESSION_MAX_MS)),
      })
      .returning({ id: sessions.id });
    return row!.id;
  });
  const session = await loadSession(db, token);
  if (!session || session.id !== id) throw new Error('session vanished after insert');
  return { token, session };
}

/** For OIDC: the identity provider did the authentication; we only start our session. */
export async function startExternalSession(db: Database, user: UserRow, method: string, client: ClientInfo) {
  return startSession(db, user, method, false, client);
}

/** The second login step for page logins: the pending session becomes a full one under a new id. */
export async function completeTwoFactor(
  db: Database,
  pendingToken: string,
  code: string,
  client: ClientInfo,
): Promise<{ token: string; session: LoadedSession }> {
  const pending = await loadSession(db, pendingToken);
  if (!pending || !pending.pendingTwoFactor) throw new AppError('unauthenticated');
  const [user] = await db.drizzle.select().from(users).where(eq(users.id, pending.user.id));
  if (!user) throw new AppError('unauthenticated');
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw lockedError(user.lockedUntil);
  await verifyTotpForLogin(db, user, code);
  await endSession(db, pendingToken);
  return startSession(db, user, pending.method, false, client);
}

export async function loadSession(db: Database, token: string): Promise<LoadedSession | undefined> {
  const now = Date.now();
  const row = await db.system(async (tx) => {
    const [r] = await tx
      .select({ s: sessions, u: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sha256(token)));
    if (!r) return undefined;
    if (r.s.expiresAt.getTime() < now || r.s.lastSeenAt.getTime() + SESSION_IDLE_MS < now || r.u.disabled) {
      await tx.delete(sessions).where(eq(sessions.id, r.s.id));
      return undefined;
    }
    // Writing on every request would serialise the embedded database; once a minute is enough for idle expiry.
    if (now - r.s.lastSeenAt.getTime() > 60000) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, r.s.id));
    }
    return { ...r, roles: await rolesOf(tx, r.u.id) };
  });
  if (!row) return undefined;
  return {
    id: row.s.id,
    tenantId: row.s.tenantId,
    csrfToken: row.s.csrfToken,
    pendingTwoFactor: row.s.pendingTwoFactor,
    method: row.s.method,
    user: {
      id: row.u.id,
      tenantId: row.u.tenantId,
      email: row.u.email,
      name: row.u.name,
      locale: row.u.locale,
      roles: row.roles,
      twoFactorEnabled: row.u.totpEnabledAt !== null,
    },
  };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.drizzle.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function listSessions(tx: TenantTx, userId: string) {
  return tx
    .select({
      id: sessions.id,
      method: sessions.method,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.pendingTwoFactor, false)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

export async function endOwnSession(tx: TenantTx, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

// ---- users ----

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  password?: string;
  phone?: string | null;
  locale?: Locale;
}

export async function createUser(tx: Tx, tenantId: string, input: NewUser): Promise<UserRow> {
  if (input.password !== undefined) validatePassword(input.password);
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${input.email})`));
  if (existing) throw new AppError('conflict', 'Er is al een gebruiker met dit e-mailadres.');
  const [user] = await tx
    .insert(users)
    .values({
      tenantId,
      email: input.email.trim(),
      name: input.name.trim(),
      phone: input.phone ?? null,
      locale: input.locale ?? 'nl',
      passwordHash: input.password ? await hashPassword(input.password) : null,
    })
    .returning();
  await setRoles(tx, tenantId, user!.id, input.roles);
  return user!;
}

export async function setRoles(
  tx: Tx,
  tenantId: string,
  userId: string,
  roles: readonly Role[],
): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  const unique = [...new Set(roles)];
  if (unique.length > 0)
    await tx.insert(userRoles).values(unique.map((role) => ({ tenantId, userId, role })));
}

export async function setPassword(tx: Tx, userId: string, password: string): Promise<void> {
  validatePassword(password);
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export interface Profile {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  locale: string;
  roles: Role[];
  twoFactorEnabled: boolean;
  createdAt: string;
}

function toProfile(u: UserRow, roles: Role[]): Profile {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: u.phone,
    locale: u.locale,
    roles,
    twoFactorEnabled: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Reading a profile is a read of personal data: always audited, also when it is your own. */
export async function readProfile(tx: TenantTx, actor: Actor, userId: string): Promise<Profile> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('not_found');
  await recordAccess(tx, actor, { action: 'read', recordType: 'user', recordId: u.id, subjectUserId: u.id });
  return toProfile(u, await rolesOf(tx, u.id));
}

export async function updateProfile(
  tx: TenantTx,
  actor: Actor,
  userId: string,
  patch: { name?: string; phone?: string | null; locale?: Locale },
): Promise<Profile> {
  const [u] = await tx
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  if (!u) throw new AppError('not_found');
  await recordAccess(tx, actor, {
    action: 'update',
    recordType: 'user',
    recordId: u.id,
    subjectUserId: u.id,
  });
  return toProfile(u, await rolesOf(tx, u.id));
}

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  twoFactorEnabled: boolean;
  locked: boolean;
}

/** The list shows names and e-mail addresses, so it is audited as one read of the user list. */
export async function listUsers(tx: TenantTx, actor: Actor): Promise<UserListItem[]> {
  const rows = await tx
    .select({
      u: users,
      roles: sql<
        string[]
      >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .orderBy(users.name);
  await recordAccess(tx, actor, { action: 'read', recordType: 'user-list', recordId: actor.tenantId });
  return rows.map(({ u, roles }) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: roles.filter(isRole),
    twoFactorEnabled: u.totpEnabledAt !== null,
    locked: u.lockedUntil !== null && u.lockedUntil.getTime() > Date.now(),
  }));
}

export async function changeRoles(
  tx: TenantTx,
  actor: Actor,
  userId: string,
  roles: Role[],
): Promise<Profile> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('not_found');
  await setRoles(tx, actor.tenantId, userId, roles);
  await recordAccess(tx, actor, {
    action: 'update',
    recordType: 'user-roles',
    recordId: u.id,
    subjectUserId: u.id,
  });
  return toProfile(u, await rolesOf(tx, u.id));
}

export async function accessLogOfUser(tx: TenantTx, userId: string): Promise<AuditRow[]> {
  return accessByOthers(tx, userId);
}

// ---- two-factor setup ----

export async function beginTotpSetup(tx: TenantTx, tenant: Tenant, userId: string) {
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('not_found');
  if (u.totpEnabledAt) throw new AppError('conflict', 'Tweestapsverificatie staat al aan.');
  // Reuse the pending secret so reloading the page does not invalidate an app that already scanned it.
  let secret: string;
  if (u.totpSecretEncrypted) secret = fieldCipherOrThrow().decrypt(u.totpSecretEncrypted);
  else {
    secret = totp.generateSecret();
    await tx
      .update(users)
      .set({ totpSecretEncrypted: fieldCipherOrThrow().encrypt(secret) })
      .where(eq(users.id, userId));
  }
  const uri = totp.keyuri(u.email, `Wijkkracht ${tenant.name}`, secret);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

export async function confirmTotpSetup(
  tx: TenantTx,
  actor: Actor,
  userId: string,
  code: string,
): Promise<void> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!u?.totpSecretEncrypted || u.totpEnabledAt)
    throw new AppError('conflict', 'Start eerst het instellen.');
  if (!(await checkTotp(tx, u, code))) throw new AppError('invalid_totp');
  await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId));
  await recordAccess(tx, actor, {
    action: 'update',
    recordType: 'user-2fa',
    recordId: userId,
    subjectUserId: userId,
  });
}

export async function disableTotp(tx: TenantTx, actor: Actor, userId: string, code: string): Promise<void> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!u?.totpEnabledAt) throw new AppError('conflict', 'Tweestapsverificatie staat niet aan.');
  if (!(await checkTotp(tx, u, code))) throw new AppError('invalid_totp');
  await tx
    .update(users)
    .set({ totpEnabledAt: null, totpSecretEncrypted: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await recordAccess(tx, actor, {
    action: 'update',
    recordType: 'user-2fa',
    recordId: userId,
    subjectUserId: userId,
  });
}

// ---- password reset ----

/** Always answers the same, whether the address is known or not. */
export async function requestPasswordReset(
  db: Database,
  tenant: Tenant,
  email: string,
  publicUrl: string,
): Promise<void> {
  await db.system(async (tx) => {
    const [u] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = lower(${email})`));
    if (!u || u.disabled) return;
    const token = randomToken();
    await tx.insert(passwordResets).values({
      tenantId: tenant.id,
      userId: u.id,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    const t = translator(u.locale === 'en' ? 'en' : 'nl');
    const link = `${publicUrl}/wachtwoord-herstellen?tenant=${tenant.slug}&token=${token}`;
    await queueMail(tx, {
      tenantId: tenant.id,
      to: u.email,
      subject: t('reset.mail.subject'),
      text: t('reset.mail.body', { name: u.name, link, tenant: tenant.name }),
    });
  });
}

export async function completePasswordReset(db: Database, token: string, password: string): Promise<void> {
  validatePassword(password);
  await db.system(async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, sha256(token)))
      .for('update');
    if (!reset || reset.usedAt || reset.expiresAt.getTime() < Date.now())
      throw new AppError('reset_link_invalid');
    // Using one link ends every other link sent to this user before: an old mail cannot undo the new password.
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await setPassword(tx, reset.userId, password);
  });
}
