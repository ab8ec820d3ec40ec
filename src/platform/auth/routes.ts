import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { searchAudit, type AuditRow } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { actorOf, requireSession, requireTenant } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { SESSION_COOKIE, cookieOptions } from '../http/hooks.js';
import { tenantBySlug, type Tenant } from '../tenancy/index.js';
import {
  AuditItem,
  AuditQuery,
  IdParams,
  LoginBody,
  LoginResponse,
  NewUserBody,
  ProfilePatch,
  ProfileSchema,
  ResetCompleteBody,
  ResetRequestBody,
  RolesBody,
  SessionItem,
  SessionUserSchema,
  TotpCodeBody,
  TotpSetupResponse,
  UserListItemSchema,
} from './schemas.js';
import {
  SESSION_MAX_MS,
  accessLogOfUser,
  beginTotpSetup,
  changeRoles,
  completePasswordReset,
  confirmTotpSetup,
  createUser,
  disableTotp,
  effectiveRoles,
  endOwnSession,
  endSession,
  listSessions,
  listUsers,
  login,
  readProfile,
  requestPasswordReset,
  twoFactorMissing,
  updateProfile,
  type LoadedSession,
} from './service.js';
import { recordAccess } from '../audit/index.js';

interface Deps {
  db: Database;
  config: Config;
}

/** Login and public forms are rate limited per IP, on top of the per-account lockout. */
export function rateLimits(config: Config) {
  return {
    login: { max: config.rateLimits.login, timeWindow: '1 minute' },
    forms: { max: config.rateLimits.forms, timeWindow: '1 minute' },
  };
}

export function sessionUser(tenant: Tenant, session: LoadedSession): Static<typeof SessionUserSchema> {
  return {
    id: session.user.id,
    tenant: tenant.slug,
    email: session.user.email,
    name: session.user.name,
    roles: session.user.roles,
    effectiveRoles: effectiveRoles(tenant, session.user, session.method),
    twoFactorEnabled: session.user.twoFactorEnabled,
    twoFactorRequired: twoFactorMissing(tenant, session.user, session.method),
  };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, Math.floor(SESSION_MAX_MS / 1000)));
}

export function auditItem(r: AuditRow): Static<typeof AuditItem> {
  return {
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorName: r.actorName,
    actorRoles: r.actorRoles,
    action: r.action,
    recordType: r.recordType,
    recordId: r.recordId,
    subjectUserId: r.subjectUserId,
    purpose: r.purpose,
    ip: r.ip,
  };
}

export function registerAuthRoutes(app: FastifyInstance, { db, config }: Deps): void {
  const tags = ['auth'];
  const limits = rateLimits(config);
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: limits.login },
      schema: {
        tags,
        summary: 'Log in with e-mail and password (and TOTP code when two-factor is on)',
        description:
          'Sets the HttpOnly session cookie. A new session id is issued at every login. Without a code for an account with two-factor login the answer is 401 with code two_factor_required.',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const body = req.body as LoginBody;
      const tenant = await tenantBySlug(db, body.tenant);
      if (!tenant) throw new AppError('unknown_tenant');
      const oldToken = req.cookies[SESSION_COOKIE];
      const result = await login(
        db,
        tenant,
        { email: body.email, password: body.password, totp: body.totp, allowPendingTwoFactor: false },
        client(req),
      );
      if (oldToken) await endSession(db, oldToken);
      setSessionCookie(req, reply, result.token);
      return { user: sessionUser(tenant, result.session), csrfToken: result.session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'public' }, schema: { tags, summary: 'End the current session' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public', rateLimit: limits.forms },
      schema: {
        tags,
        summary: 'Ask for a password reset link by e-mail',
        description: 'Always 202, whether the address is known or not.',
        body: ResetRequestBody,
      },
    },
    async (req, reply) => {
      const body = req.body as Static<typeof ResetRequestBody>;
      const tenant = await tenantBySlug(db, body.tenant);
      if (!tenant) throw new AppError('unknown_tenant');
      await requestPasswordReset(db, tenant, body.email, config.publicUrl);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/complete',
    {
      config: { access: 'public', rateLimit: limits.forms },
      schema: {
        tags,
        summary: 'Set a new password with the token from the e-mail link',
        body: ResetCompleteBody,
      },
    },
    async (req, reply) => {
      const body = req.body as Static<typeof ResetCompleteBody>;
      await completePasswordReset(db, body.token, body.password);
      return reply.status(204).send();
    },
  );

  // ---- own account ----
  const me = ['account'];
  app.get(
    '/api/v1/me',
    {
      config: { access: 'account:own' },
      schema: {
        tags: me,
        summary: 'The logged-in user',
        response: {
          200: Type.Object({ user: SessionUserSchema, profile: ProfileSchema, csrfToken: Type.String() }),
        },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const profile = await db.tenant(tenant.id, (tx) => readProfile(tx, actorOf(req), session.user.id));
      return { user: sessionUser(tenant, session), profile, csrfToken: session.csrfToken };
    },
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: 'account:own' },
      schema: {
        tags: me,
        summary: 'Change own name, phone or language',
        body: ProfilePatch,
        response: { 200: ProfileSchema },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const patch = req.body as Static<typeof ProfilePatch>;
      return db.tenant(tenant.id, (tx) => updateProfile(tx, actorOf(req), session.user.id, patch));
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      config: { access: 'account:own' },
      schema: {
        tags: me,
        summary: 'Where I am logged in',
        response: { 200: Type.Object({ sessions: Type.Array(SessionItem) }) },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const rows = await db.tenant(tenant.id, (tx) => listSessions(tx, session.user.id));
      return {
        sessions: rows.map((s) => ({
          id: s.id,
          method: s.method,
          userAgent: s.userAgent,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          current: s.id === session.id,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { access: 'account:own' },
      schema: { tags: me, summary: 'Log out one of my sessions', params: IdParams },
    },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      const ended = await db.tenant(tenant.id, (tx) => endOwnSession(tx, session.user.id, id));
      if (!ended) throw new AppError('not_found');
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me/access-log',
    {
      config: { access: 'account:own' },
      schema: {
        tags: me,
        summary: 'Who else viewed or changed my data',
        response: { 200: Type.Object({ entries: Type.Array(AuditItem) }) },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const rows = await db.tenant(tenant.id, (tx) => accessLogOfUser(tx, session.user.id));
      return { entries: rows.map(auditItem) };
    },
  );

  app.post(
    '/api/v1/me/two-factor/setup',
    {
      config: { access: 'account:own' },
      schema: {
        tags: me,
        summary: 'Start two-factor setup: returns the secret for the app',
        response: { 200: TotpSetupResponse },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const setup = await db.tenant(tenant.id, (tx) => beginTotpSetup(tx, tenant, session.user.id));
      return { secret: setup.secret, otpauthUrl: setup.uri };
    },
  );

  app.post(
    '/api/v1/me/two-factor/confirm',
    {
      config: { access: 'account:own' },
      schema: { tags: me, summary: 'Turn two-factor login on by proving a code', body: TotpCodeBody },
    },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const { code } = req.body as Static<typeof TotpCodeBody>;
      await db.tenant(tenant.id, (tx) => confirmTotpSetup(tx, actorOf(req), session.user.id, code));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/two-factor/disable',
    {
      config: { access: 'account:own' },
      schema: { tags: me, summary: 'Turn two-factor login off (needs a current code)', body: TotpCodeBody },
    },
    async (req, reply) => {
      const session = requireSession(req);
      const tenant = requireTenant(req);
      const { code } = req.body as Static<typeof TotpCodeBody>;
      await db.tenant(tenant.id, (tx) => disableTotp(tx, actorOf(req), session.user.id, code));
      return reply.status(204).send();
    },
  );

  // ---- administration ----
  const admin = ['administration'];
  app.get(
    '/api/v1/admin/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags: admin,
        summary: 'Users of this tenant',
        response: { 200: Type.Object({ users: Type.Array(UserListItemSchema) }) },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      return { users: await db.tenant(tenant.id, (tx) => listUsers(tx, actorOf(req))) };
    },
  );

  app.post(
    '/api/v1/admin/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: admin,
        summary: 'Add a user with roles',
        body: NewUserBody,
        response: { 201: ProfileSchema },
      },
    },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const body = req.body as Static<typeof NewUserBody>;
      const profile = await db.tenant(tenant.id, async (tx) => {
        const user = await createUser(tx, tenant.id, body);
        await recordAccess(tx, actorOf(req), {
          action: 'create',
          recordType: 'user',
          recordId: user.id,
          subjectUserId: user.id,
        });
        return readProfile(tx, actorOf(req), user.id);
      });
      return reply.status(201).send(profile);
    },
  );

  app.get(
    '/api/v1/admin/users/:id',
    {
      config: { access: 'users:read' },
      schema: {
        tags: admin,
        summary: "A user's profile (audited read)",
        params: IdParams,
        response: { 200: ProfileSchema },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      return db.tenant(tenant.id, (tx) => readProfile(tx, actorOf(req), id));
    },
  );

  app.put(
    '/api/v1/admin/users/:id/roles',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: admin,
        summary: "Replace a user's roles",
        params: IdParams,
        body: RolesBody,
        response: { 200: ProfileSchema },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      const { roles } = req.body as Static<typeof RolesBody>;
      return db.tenant(tenant.id, (tx) => changeRoles(tx, actorOf(req), id, roles));
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      config: { access: 'audit:search' },
      schema: {
        tags: admin,
        summary: 'Search the audit log',
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditItem) }) },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as AuditQuery;
      const rows = await db.tenant(tenant.id, (tx) =>
        searchAudit(tx, { ...q, from: q.from ? new Date(q.from) : undefined }),
      );
      return { entries: rows.map(auditItem) };
    },
  );
}
