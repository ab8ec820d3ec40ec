// OpenID Connect login for professionals, configured per tenant: each municipality brings its own identity
// provider. Authorization code flow with PKCE (S256), state and nonce; the attempt in flight lives in oidc_logins
// (one use, 10 minutes) and is bound to the browser that started it by a short-lived cookie.
// Accounts are provisioned by administrators: an unknown person is refused, never created.
import { Type, type Static } from '@sinclair/typebox';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidcClient from 'openid-client';
import { h, type ComponentChildren } from 'preact';
import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { SESSION_COOKIE, cookieOptions } from '../http/hooks.js';
import { Alert, Heading1, Layout, P } from '../pages/layout.js';
import { fieldCipher, safeEqual, type FieldCipher } from '../privacy/crypto.js';
import { setTenantOidc, tenantById, tenantBySlug, type Tenant, type TenantOidc } from '../tenancy/index.js';
import { html } from '../pages/layout.js';
import { safeNext } from './pages.js';
import { rateLimits, setSessionCookie } from './routes.js';
import { endSession, startExternalSession, type UserRow } from './service.js';
import { oidcLogins, users } from './tables.js';

export const OIDC_START_PATH = '/inloggen/oidc';
export const OIDC_CALLBACK_PATH = '/inloggen/oidc/callback';
/** Binds an attempt to the browser that started it, so a callback link cannot log someone else in (login CSRF). */
export const OIDC_COOKIE = 'wk_oidc';
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;
export const OIDC_SCOPE = 'openid email profile';
export const DEFAULT_OIDC_LABEL = 'Inloggen via uw organisatie';
/** Provider metadata is re-read now and then, so a changed provider is picked up without a restart. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const DISCOVERY_TIMEOUT_S = 10;

interface Deps {
  db: Database;
  config: Config;
}

// ---- settings ----

/** A setting that cannot be stored; the message is meant for the administrator at the command line. */
export class OidcSettingsError extends Error {
  override name = 'OidcSettingsError';
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label?: string;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The issuer identifier as the provider publishes it. HTTPS is required; plain HTTP only on this machine
 * (a provider for development or tests). A pasted discovery URL is taken back to its issuer.
 */
export function normalizeIssuer(raw: string): string {
  let issuer = raw.trim();
  const wellKnown = '/.well-known/openid-configuration';
  if (issuer.endsWith(wellKnown)) issuer = issuer.slice(0, -wellKnown.length);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcSettingsError(`De issuer "${raw}" is geen geldige URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    throw new OidcSettingsError(
      `De issuer "${raw}" moet met https:// beginnen (http:// mag alleen voor localhost of 127.0.0.1).`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new OidcSettingsError(`De issuer "${raw}" mag geen gebruikersnaam, wachtwoord, ? of # bevatten.`);
  }
  return issuer;
}

function checkedSettings(oidc: OidcSettings): Required<OidcSettings> {
  const issuer = normalizeIssuer(oidc.issuer);
  const clientId = oidc.clientId.trim();
  const label = oidc.label?.trim() || DEFAULT_OIDC_LABEL;
  if (!clientId || clientId.length > 500)
    throw new OidcSettingsError('De client-id ontbreekt of is te lang.');
  if (!oidc.clientSecret || oidc.clientSecret.length > 2000) {
    throw new OidcSettingsError('Het client-secret ontbreekt of is te lang.');
  }
  if (label.length > 100) throw new OidcSettingsError('Het label is te lang (hoogstens 100 tekens).');
  return { issuer, clientId, clientSecret: oidc.clientSecret, label };
}

/**
 * Stores (or with null: removes) a tenant's identity provider. The client secret is encrypted with the
 * installation key. Nothing is written when the stored settings are already the same.
 */
export async function configureTenantOidc(
  db: Database,
  secretKey: string,
  tenantSlug: string,
  oidc: OidcSettings | null,
): Promise<{ tenant: Tenant; changed: boolean }> {
  const tenant = await tenantBySlug(db, tenantSlug);
  if (!tenant) throw new OidcSettingsError(`De gemeente "${tenantSlug}" bestaat niet.`);
  if (oidc === null) {
    if (tenant.oidc) await db.system((tx) => setTenantOidc(tx, tenant.id, null));
    return { tenant: { ...tenant, oidc: null }, changed: tenant.oidc !== null };
  }
  const settings = checkedSettings(oidc);
  const cipher = fieldCipher(secretKey);
  if (tenant.oidc && sameSettings(tenant.oidc, settings, cipher)) return { tenant, changed: false };
  const stored: TenantOidc = {
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecretEncrypted: cipher.encrypt(settings.clientSecret),
    label: settings.label,
  };
  await db.system((tx) => setTenantOidc(tx, tenant.id, stored));
  return { tenant: { ...tenant, oidc: stored }, changed: true };
}

function sameSettings(stored: TenantOidc, wanted: Required<OidcSettings>, cipher: FieldCipher): boolean {
  if (stored.issuer !== wanted.issuer || stored.clientId !== wanted.clientId || stored.label !== wanted.label)
    return false;
  try {
    return cipher.decrypt(stored.clientSecretEncrypted) === wanted.clientSecret;
  } catch {
    return false; // encrypted with another key: store it again
  }
}

/** At start: the identity provider from the environment (OIDC_*), when set. */
export async function applyOidcFromConfig(
  db: Database,
  config: Config,
): Promise<{ tenant: Tenant; changed: boolean } | undefined> {
  if (!config.oidc) return undefined;
  const { tenant, issuer, clientId, clientSecret, label } = config.oidc;
  if (!(await tenantBySlug(db, tenant))) {
    throw new OidcSettingsError(
      `OIDC_TENANT is "${tenant}", maar die gemeente bestaat niet. Maak de gemeente eerst aan, of corrigeer OIDC_TENANT (of WIJKKRACHT_DEFAULT_TENANT).`,
    );
  }
  try {
    return await configureTenantOidc(db, config.secretKey, tenant, { issuer, clientId, clientSecret, label });
  } catch (err) {
    if (err instanceof OidcSettingsError) throw new OidcSettingsError(`OIDC-instellingen: ${err.message}`);
    throw err;
  }
}

/** For the command line: can the provider be reached and does its discovery document match the issuer? */
export async function checkOidcProvider(oidc: OidcSettings): Promise<{ authorizationEndpoint: string }> {
  const settings = checkedSettings(oidc);
  try {
    const config = await discover(settings.issuer, settings.clientId, settings.clientSecret);
    return { authorizationEndpoint: String(config.serverMetadata().authorization_endpoint) };
  } catch (err) {
    throw new OidcSettingsError(
      `De identity provider ${settings.issuer} is niet goed bereikbaar: ${describeError(err).message}`,
    );
  }
}

// ---- provider metadata ----

interface CachedDiscovery {
  at: number;
  config: Promise<oidcClient.Configuration>;
}
const discoveryCache = new Map<string, CachedDiscovery>();

/** Tests and the command line can start over, e.g. after changing a provider. */
export function clearOidcDiscoveryCache(): void {
  discoveryCache.clear();
}

/**
 * Provider metadata per tenant setting, kept in memory. The key includes the sealed secret, so a changed
 * setting (re-encrypted on every change) is never served from a stale entry; a failed discovery is forgotten.
 */
function providerConfiguration(oidc: TenantOidc, cipher: FieldCipher): Promise<oidcClient.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecretEncrypted]);
  const now = Date.now();
  const hit = discoveryCache.get(key);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
  for (const [k, v] of discoveryCache) if (now - v.at >= DISCOVERY_TTL_MS) discoveryCache.delete(k);
  const config = (async () =>
    discover(oidc.issuer, oidc.clientId, cipher.decrypt(oidc.clientSecretEncrypted)))();
  discoveryCache.set(key, { at: now, config });
  config.catch(() => {
    if (discoveryCache.get(key)?.config === config) discoveryCache.delete(key);
  });
  return config;
}

function discover(issuer: string, clientId: string, clientSecret: string): Promise<oidcClient.Configuration> {
  const url = new URL(issuer);
  // Plain HTTP only passed normalizeIssuer for a provider on this machine.
  const insecure = url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  return oidcClient.discovery(
    url,
    clientId,
    { client_secret: clientSecret },
    clientSecretAuth(clientSecret),
    {
      execute: insecure ? [oidcClient.allowInsecureRequests] : [],
      timeout: DISCOVERY_TIMEOUT_S,
    },
  );
}

/** client_secret_basic (the OIDC default) unless the provider only offers client_secret_post. */
function clientSecretAuth(secret: string): oidcClient.ClientAuth {
  const basic = oidcClient.ClientSecretBasic(secret);
  const post = oidcClient.ClientSecretPost(secret);
  return (as, client, body, headers) => {
    const offered = as.token_endpoint_auth_methods_supported;
    const usePost =
      offered !== undefined &&
      !offered.includes('client_secret_basic') &&
      offered.includes('client_secret_post');
    (usePost ? post : basic)(as, client, body, headers);
  };
}

// ---- pages ----

/** An error code from outside, only when it looks like one (it ends up in the log). */
function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,80}$/.test(value) ? value : undefined;
}

/** Only what helps an administrator find the cause: error names and codes, never claims or descriptions. */
function describeError(err: unknown): {
  name: string;
  code?: string;
  error?: string;
  cause?: string;
  message: string;
} {
  const e = err as {
    name?: unknown;
    code?: unknown;
    error?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  return {
    name: safeCode(e?.name) ?? 'Error',
    code: safeCode(e?.code),
    error: safeCode(e?.error),
    cause: safeCode(e?.cause?.code),
    message: typeof e?.message === 'string' ? e.message.slice(0, 200) : String(err).slice(0, 200),
  };
}

type FailureReason =
  | 'not_configured'
  | 'discovery_failed'
  | 'state_missing'
  | 'state_unknown'
  | 'state_expired'
  | 'browser_mismatch'
  | 'provider_error'
  | 'exchange_failed'
  | 'userinfo_failed'
  | 'unknown_account'
  | 'email_unverified'
  | 'subject_mismatch'
  | 'disabled';

function logFailure(
  req: FastifyRequest,
  reason: FailureReason,
  tenant: Tenant | undefined,
  extra: Record<string, unknown> = {},
) {
  req.log.warn({ oidc: reason, tenant: tenant?.slug, ...extra }, 'oidc login refused');
}

/** A page in the site's own layout that says what went wrong and leads back to the login page. */
function failurePage(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  tenant: Tenant | undefined,
  message: string,
): FastifyReply {
  const ctx = { ...req.ctx, tenant: tenant ?? req.ctx.tenant };
  const t = ctx.t;
  const loginHref = ctx.tenant ? `/inloggen?tenant=${encodeURIComponent(ctx.tenant.slug)}` : '/inloggen';
  const children: ComponentChildren = h('div', { class: 'wk-form wk-stack' }, [
    h(Heading1, { children: t('error.title') }),
    h(Alert, { type: 'error', children: h('p', { class: 'utrecht-paragraph' }, message) }),
    h(P, { children: h('a', { class: 'utrecht-link', href: loginHref }, t('login.title')) }),
    h(P, {
      children: h('small', null, [`${t('error.reference')}: `, h('code', { class: 'utrecht-code' }, req.id)]),
    }),
  ]);
  return html(reply, h(Layout, { ctx, title: t('error.title'), children }), status);
}

const oidcFailed = (req: FastifyRequest) => req.ctx.t('error.oidcFailed');

const unknownAccountText = (req: FastifyRequest, tenant: Tenant) =>
  req.ctx.t('error.oidcUnknownAccount', { tenant: tenant.name });
const disabledAccountText = (req: FastifyRequest, tenant: Tenant) =>
  req.ctx.t('error.oidcAccountDisabled', { tenant: tenant.name });
const subjectMismatchText = (req: FastifyRequest, tenant: Tenant) =>
  req.ctx.t('error.oidcSubjectMismatch', { tenant: tenant.name });

// ---- routes ----

const StartQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 40 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** Providers add parameters of their own (iss, session_state, …); only these are read. */
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  error: Type.Optional(Type.String({ maxLength: 512 })),
  error_description: Type.Optional(Type.String({ maxLength: 4096 })),
  iss: Type.Optional(Type.String({ maxLength: 2000 })),
});

type Outcome =
  | { ok: true; user: UserRow; linked: boolean }
  | { ok: false; reason: 'unknown_account' | 'email_unverified' | 'subject_mismatch' };

export function registerOidcRoutes(app: FastifyInstance, { db, config }: Deps): void {
  const cipher = fieldCipher(config.secretKey);
  const limits = rateLimits(config);
  const redirectUri = `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  const publicHost = new URL(config.publicUrl).hostname;
  const bindingCookie = (req: FastifyRequest, maxAgeSeconds?: number) => ({
    ...cookieOptions(req, maxAgeSeconds),
    path: OIDC_START_PATH,
  });

  app.get(
    OIDC_START_PATH,
    {
      config: { access: 'public', rateLimit: limits.login },
      schema: { hide: true, querystring: StartQuery },
    },
    async (req, reply) => {
      const query = req.query as Static<typeof StartQuery>;
      // A logged-in visitor's context is their session's tenant; the link names the tenant to log in to.
      const tenant = query.tenant ? await tenantBySlug(db, query.tenant) : req.ctx.tenant;
      if (!tenant) throw new AppError('unknown_tenant');
      if (!tenant.oidc) throw new AppError('not_found', 'no identity provider configured for this tenant');
      const returnTo = safeNext(query.next);

      // The provider sends the browser back to the public address: start there too, so the cookies match.
      if (req.hostname !== publicHost) {
        const here = new URL(OIDC_START_PATH, config.publicUrl);
        here.searchParams.set('tenant', tenant.slug);
        here.searchParams.set('next', returnTo);
        return reply.redirect(here.href, 303);
      }

      let provider: oidcClient.Configuration;
      try {
        provider = await providerConfiguration(tenant.oidc, cipher);
      } catch (err) {
        logFailure(req, 'discovery_failed', tenant, { error: describeError(err) });
        return failurePage(req, reply, 502, tenant, oidcFailed(req));
      }

      const state = oidcClient.randomState();
      const nonce = oidcClient.randomNonce();
      const codeVerifier = oidcClient.randomPKCECodeVerifier();
      const codeChallenge = await oidcClient.calculatePKCECodeChallenge(codeVerifier);
      await db.system((tx) =>
        tx.insert(oidcLogins).values({
          state,
          tenantId: tenant.id,
          nonce,
          codeVerifier,
          returnTo,
          expiresAt: new Date(Date.now() + OIDC_LOGIN_TTL_MS),
        }),
      );
      const target = oidcClient.buildAuthorizationUrl(provider, {
        redirect_uri: redirectUri,
        scope: OIDC_SCOPE,
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        ui_locales: req.ctx.locale,
      });
      reply.setCookie(OIDC_COOKIE, state, bindingCookie(req, OIDC_LOGIN_TTL_MS / 1000));
      return reply.redirect(target.href, 303);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: 'public', rateLimit: limits.login },
      schema: { hide: true, querystring: CallbackQuery },
    },
    async (req, reply) => {
      const query = req.query as Static<typeof CallbackQuery>;
      const bound = req.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, bindingCookie(req));

      if (!query.state) {
        logFailure(req, 'state_missing', undefined);
        return failurePage(req, reply, 400, undefined, oidcFailed(req));
      }
      // One use: the attempt is gone whatever happens next.
      const [attempt] = await db.system((tx) =>
        tx.delete(oidcLogins).where(eq(oidcLogins.state, query.state!)).returning(),
      );
      if (!attempt) {
        logFailure(req, 'state_unknown', undefined);
        return failurePage(req, reply, 400, undefined, oidcFailed(req));
      }
      const tenant = await tenantById(db, attempt.tenantId);
      if (!tenant) throw new AppError('unknown_tenant');
      if (attempt.expiresAt.getTime() < Date.now()) {
        logFailure(req, 'state_expired', tenant);
        return failurePage(req, reply, 400, tenant, oidcFailed(req));
      }
      if (!bound || !safeEqual(bound, attempt.state)) {
        logFailure(req, 'browser_mismatch', tenant);
        return failurePage(req, reply, 400, tenant, oidcFailed(req));
      }
      if (query.error !== undefined) {
        logFailure(req, 'provider_error', tenant, { error: safeCode(query.error) ?? 'unreadable' });
        return failurePage(req, reply, 400, tenant, oidcFailed(req));
      }
      if (!tenant.oidc) {
        logFailure(req, 'not_configured', tenant);
        return failurePage(req, reply, 400, tenant, oidcFailed(req));
      }

      let provider: oidcClient.Configuration;
      try {
        provider = await providerConfiguration(tenant.oidc, cipher);
      } catch (err) {
        logFailure(req, 'discovery_failed', tenant, { error: describeError(err) });
        return failurePage(req, reply, 502, tenant, oidcFailed(req));
      }

      // The URL the provider sent the browser to: the registered redirect URI with the response parameters.
      const currentUrl = new URL(redirectUri);
      currentUrl.search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      let identity: { sub: string; email?: unknown; emailVerified?: unknown };
      try {
        const tokens = await oidcClient.authorizationCodeGrant(provider, currentUrl, {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new Error('no ID token');
        identity = { sub: claims.sub, email: claims.email, emailVerified: claims.email_verified };
        // Many providers put e-mail only in the userinfo answer (OIDC Core 5.4).
        if (identity.email === undefined && provider.serverMetadata().userinfo_endpoint) {
          try {
            const info = await oidcClient.fetchUserInfo(provider, tokens.access_token, claims.sub);
            identity = { sub: claims.sub, email: info.email, emailVerified: info.email_verified };
          } catch (err) {
            logFailure(req, 'userinfo_failed', tenant, { error: describeError(err) });
          }
        }
      } catch (err) {
        logFailure(req, 'exchange_failed', tenant, { error: describeError(err) });
        return failurePage(req, reply, 502, tenant, oidcFailed(req));
      }

      const outcome = await findAccount(db, tenant, identity);
      if (!outcome.ok) {
        logFailure(req, outcome.reason, tenant);
        const text =
          outcome.reason === 'subject_mismatch'
            ? subjectMismatchText(req, tenant)
            : unknownAccountText(req, tenant);
        return failurePage(req, reply, 403, tenant, text);
      }
      if (outcome.user.disabled) {
        logFailure(req, 'disabled', tenant);
        return failurePage(req, reply, 403, tenant, disabledAccountText(req, tenant));
      }

      const oldToken = req.cookies[SESSION_COOKIE];
      const { token } = await startExternalSession(db, outcome.user, 'oidc', {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      if (oldToken) await endSession(db, oldToken);
      setSessionCookie(req, reply, token);
      req.log.info({ oidc: outcome.linked ? 'linked' : 'login', tenant: tenant.slug }, 'oidc login');
      return reply.redirect(safeNext(attempt.returnTo), 303);
    },
  );
}

/**
 * The account of this person in this tenant: by the provider's subject, or else once by a verified e-mail
 * address, after which the subject is stored so later logins no longer depend on the address.
 */
async function findAccount(
  db: Database,
  tenant: Tenant,
  identity: { sub: string; email?: unknown; emailVerified?: unknown },
): Promise<Outcome> {
  return db.tenant(tenant.id, async (tx) => {
    const [bySubject] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), eq(users.oidcSubject, identity.sub)));
    if (bySubject) return { ok: true, user: bySubject, linked: false };

    const email = typeof identity.email === 'string' ? identity.email.trim() : '';
    if (!email) return { ok: false, reason: 'unknown_account' };
    // Some providers send the boolean as a string.
    if (identity.emailVerified !== true && identity.emailVerified !== 'true')
      return { ok: false, reason: 'email_unverified' };
    const [byEmail] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = lower(${email})`));
    if (!byEmail) return { ok: false, reason: 'unknown_account' };
    if (byEmail.oidcSubject !== null) return { ok: false, reason: 'subject_mismatch' };
    if (byEmail.disabled) return { ok: true, user: byEmail, linked: false };
    const [linked] = await tx
      .update(users)
      .set({ oidcSubject: identity.sub, updatedAt: new Date() })
      .where(and(eq(users.id, byEmail.id), isNull(users.oidcSubject)))
      .returning();
    if (!linked) return { ok: false, reason: 'subject_mismatch' };
    return { ok: true, user: linked, linked: true };
  });
}
