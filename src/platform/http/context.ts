import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/index.js';
import type { RouteAccess, Role } from '../auth/permissions.js';
import type { LoadedSession } from '../auth/service.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { Tenant } from '../tenancy/index.js';
import { AppError } from './errors.js';

/** What every handler knows about the request: who, for which tenant, in which language. */
export interface RequestContext {
  requestId: string;
  ip: string;
  /** Route pattern, e.g. "GET /api/v1/me": the default purpose in the audit log. */
  route: string;
  locale: Locale;
  t: Translate;
  tenant: Tenant | undefined;
  session: LoadedSession | undefined;
  /** Roles that count now: case-file roles drop out while required two-factor login is missing. */
  roles: Role[];
  /** Token for forms and the x-csrf-token header: the session's, or the anonymous double-submit cookie. */
  csrfToken: string;
  https: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route: a route without it does not start. */
    access?: RouteAccess;
  }
}

export function requireTenant(req: FastifyRequest): Tenant {
  if (!req.ctx.tenant) throw new AppError('unknown_tenant');
  return req.ctx.tenant;
}

export function requireSession(req: FastifyRequest): LoadedSession {
  if (!req.ctx.session || req.ctx.session.pendingTwoFactor) throw new AppError('unauthenticated');
  return req.ctx.session;
}

/** The audit actor for this request; purpose defaults to the route. */
export function actorOf(req: FastifyRequest, purpose?: string): Actor {
  const tenant = requireTenant(req);
  return {
    tenantId: tenant.id,
    userId: req.ctx.session?.user.id ?? null,
    roles: req.ctx.roles,
    purpose: purpose ?? req.ctx.route,
    ip: req.ctx.ip,
    requestId: req.ctx.requestId,
  };
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

export type { FastifyReply, FastifyRequest };
