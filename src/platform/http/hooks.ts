import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type RouteAccess } from '../auth/permissions.js';
import { effectiveRoles, loadSession } from '../auth/service.js';
import type { Database } from '../db/index.js';
import { isLocale, translator, type Locale } from '../i18n/index.js';
import { randomToken, safeEqual } from '../privacy/crypto.js';
import { tenantByHost, tenantById, tenantBySlug, type Tenant } from '../tenancy/index.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'wk_session';
export const CSRF_COOKIE = 'wk_csrf';
export const LANG_COOKIE = 'wk_lang';
export const TENANT_COOKIE = 'wk_tenant';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** A route as registered, with the access it declared: the table the authorization tests walk. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route of an app built with enforceAccessDeclarations, in registration order (HEAD routes included). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}

/** Every route must say who may call it; deny by default means a forgotten declaration stops the start. */
export function enforceAccessDeclarations(app: FastifyInstance): void {
  const registry: DeclaredRoute[] = [];
  declared.set(app, registry);
  const remember = (route: { method: string | string[]; url: string }, access: RouteAccess) => {
    for (const method of [route.method].flat()) registry.push({ method, url: route.url, access });
  };
  app.addHook('onRoute', (route) => {
    // The API documentation plugin registers its own routes; they serve only public material.
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config as object), access: 'public' } as typeof route.config;
      remember(route, 'public');
      return;
    }
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    remember(route, access);
  });
}

interface HookDeps {
  db: Database;
  defaultTenant: string | undefined;
}

/** Builds request.ctx (tenant, session, language), then applies the route's access rule. */
export function contextHook(deps: HookDeps) {
  return async function onRequest(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = req.cookies[SESSION_COOKIE];
    let session = token ? await loadSession(deps.db, token) : undefined;
    if (token && !session) reply.clearCookie(SESSION_COOKIE, { path: '/' });

    const tenant = await resolveTenant(deps, req, session?.tenantId);
    // A tenant chosen by ?tenant= is remembered, so the forms on its pages post to the same tenant.
    if (tenant && !session && (req.query as Record<string, unknown> | undefined)?.tenant !== undefined) {
      if (req.cookies[TENANT_COOKIE] !== tenant.slug)
        reply.setCookie(TENANT_COOKIE, tenant.slug, cookieOptions(req, 30 * 24 * 3600));
    }
    if (session && tenant && session.tenantId !== tenant.id) session = undefined;

    const locale = chooseLocale(req, session?.user.locale);
    let csrfToken = session?.csrfToken;
    if (!csrfToken) {
      csrfToken = req.cookies[CSRF_COOKIE];
      if (!csrfToken || csrfToken.length < 20) {
        csrfToken = randomToken();
        reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(req));
      }
    }
    const full = session && !session.pendingTwoFactor ? session : undefined;
    req.ctx = {
      requestId: req.id,
      ip: req.ip,
      route: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
      locale,
      t: translator(locale),
      tenant,
      session,
      roles: full && tenant ? effectiveRoles(tenant, full.user, full.method) : [],
      csrfToken,
      https: req.protocol === 'https',
    };
    checkAccess(req);
  };
}

async function resolveTenant(
  deps: HookDeps,
  req: FastifyRequest,
  sessionTenantId?: string,
): Promise<Tenant | undefined> {
  if (sessionTenantId) return tenantById(deps.db, sessionTenantId);
  const query = req.query as Record<string, unknown> | undefined;
  const named = typeof query?.tenant === 'string' ? query.tenant : undefined;
  if (named !== undefined) {
    const t = /^[a-z0-9-]{1,40}$/i.test(named) ? await tenantBySlug(deps.db, named) : undefined;
    if (!t) throw new AppError('unknown_tenant');
    return t;
  }
  const byHost = await tenantByHost(deps.db, req.hostname);
  if (byHost) return byHost;
  const remembered = req.cookies[TENANT_COOKIE];
  if (remembered && /^[a-z0-9-]{1,40}$/.test(remembered)) {
    const t = await tenantBySlug(deps.db, remembered);
    if (t) return t;
  }
  return deps.defaultTenant ? tenantBySlug(deps.db, deps.defaultTenant) : undefined;
}

/**
 * Dutch unless the person chose English (cookie or profile). The browser's Accept-Language is not used:
 * many Dutch residents run an English-language phone but read Dutch best.
 */
function chooseLocale(req: FastifyRequest, userLocale?: string): Locale {
  const cookie = req.cookies[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (isLocale(userLocale)) return userLocale;
  return 'nl';
}

function checkAccess(req: FastifyRequest): void {
  const access = (req.routeOptions.config as { access?: RouteAccess } | undefined)?.access;
  if (!access) {
    // 404 handler and the like: nothing to protect, but nothing is granted either.
    if (req.routeOptions.url === undefined) return;
    throw new AppError('forbidden');
  }
  if (access === 'public') return;
  const session = req.ctx.session;
  if (access === 'two-factor-pending') {
    if (!session?.pendingTwoFactor) throw new AppError('unauthenticated');
    return;
  }
  if (!session || session.pendingTwoFactor) throw new AppError('unauthenticated');
  // Own account counts the roles as assigned: while required two-factor login is missing, the effective
  // roles may be empty, and the own account is exactly where the user sets two-factor up.
  const roles = access === 'account:own' ? session.user.roles : req.ctx.roles;
  if (!can(roles, access)) throw new AppError('forbidden');
}

/**
 * CSRF: a state-changing request must prove it came from our own page or API client. With a session the
 * proof is the session's token; without one (login and reset forms) the double-submit cookie.
 * JSON calls without any cookie carry no ambient authority and need no token.
 */
export async function csrfHook(req: FastifyRequest): Promise<void> {
  if (safeMethods.has(req.method)) return;
  const body = req.body as Record<string, unknown> | undefined;
  const sent =
    (req.headers['x-csrf-token'] as string | undefined) ??
    (typeof body?._csrf === 'string' ? body._csrf : undefined);
  // A session cookie that no longer names a session (ended, expired) carries no authority either; it must
  // not stand in the way of logging in again.
  const hasSession = Boolean(req.ctx.session);
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (!hasSession && !isForm && !req.cookies[CSRF_COOKIE]) return;
  const expected = req.ctx.session?.csrfToken ?? req.cookies[CSRF_COOKIE];
  if (!expected || !sent || !safeEqual(sent, expected)) throw new AppError('csrf');
}

export function newRequestId(): string {
  return crypto.randomUUID();
}
