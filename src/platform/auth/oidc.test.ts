import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, testConfig, type TestApp } from '../../../test/helpers/app.js';
import { aTenant, aUser, call, logIn, sessionCookie, type Session } from '../../../test/helpers/factories.js';
import { startOidcProvider, type TestOidcProvider } from '../../../test/helpers/oidc-provider.js';
import { tenantBySlug, type Tenant } from '../tenancy/index.js';
import {
  OIDC_COOKIE,
  OidcSettingsError,
  applyOidcFromConfig,
  configureTenantOidc,
  normalizeIssuer,
} from './oidc.js';
import { oidcLogins, users } from './tables.js';

const unique = () => randomBytes(4).toString('hex');
const failedText = 'Inloggen via uw organisatie lukte niet';

describe('OIDC login per tenant', () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let tenant: Tenant;

  before(async () => {
    t = await testApp();
    idp = await startOidcProvider({ redirectUri: `${t.config.publicUrl}/inloggen/oidc/callback` });
    tenant = await aTenant(t.db);
    await configureTenantOidc(t.db, t.config.secretKey, tenant.slug, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      label: 'Inloggen met Test-IdP',
    });
  });
  after(() => idp?.close());

  /** A person known at the provider. */
  function anIdentity(input: { email?: string; verified?: boolean } = {}) {
    const sub = `sub-${unique()}`;
    idp.accounts.set(sub, { sub, email: input.email, email_verified: input.verified ?? true, name: 'Test' });
    return sub;
  }

  async function start(slug: string, next?: string, cookie?: string) {
    const qs = new URLSearchParams({ tenant: slug, ...(next !== undefined ? { next } : {}) });
    const res = await t.app.inject({
      method: 'GET',
      url: `/inloggen/oidc?${qs}`,
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
    const binding = res.cookies.find((c) => c.name === OIDC_COOKIE);
    return {
      res,
      location: res.headers.location as string | undefined,
      binding: binding ? `${OIDC_COOKIE}=${binding.value}` : '',
    };
  }

  /** The callback as the browser makes it: the provider's redirect with the app's cookies. */
  function callback(url: URL, cookie: string) {
    return t.app.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { accept: 'text/html', cookie },
    });
  }

  /** Start at the app, sign in at the provider as `sub`, come back: the callback's answer. */
  async function loginVia(sub: string, opts: { next?: string; cookie?: string } = {}) {
    const started = await start(tenant.slug, opts.next, opts.cookie);
    assert.equal(started.res.statusCode, 303, started.res.body);
    const back = await idp.signIn(started.location!, sub);
    const cookie = [started.binding, opts.cookie].filter(Boolean).join('; ');
    return { res: await callback(back, cookie), back, cookie };
  }

  function sessionFrom(res: LightMyRequestResponse): Session | undefined {
    const cookie = sessionCookie(res);
    return cookie ? { cookie, csrfToken: '', userId: '' } : undefined;
  }

  function assertFriendlyFailure(res: LightMyRequestResponse, status: number, text = failedText) {
    assert.equal(res.statusCode, status, res.body);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.ok(res.body.includes(text), `page says "${text}"`);
    assert.ok(!/at .*\.(ts|js):\d+/.test(res.body), 'no stack trace');
    assert.equal(sessionCookie(res), undefined, 'no session cookie');
    assert.equal(res.headers.location, undefined);
  }

  test('the redirect to the provider uses PKCE S256, state, nonce and the public callback', async () => {
    const { res, location, binding } = await start(tenant.slug, '//elders.example/pad');
    assert.equal(res.statusCode, 303);
    const url = new URL(location!);
    assert.equal(url.origin, idp.issuer);
    assert.equal(url.searchParams.get('client_id'), idp.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:3000/inloggen/oidc/callback');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('scope'), 'openid email profile');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    const state = url.searchParams.get('state')!;
    assert.ok(state.length >= 32 && url.searchParams.get('nonce')!.length >= 32);
    assert.equal(binding, `${OIDC_COOKIE}=${state}`);
    const cookie = res.cookies.find((c) => c.name === OIDC_COOKIE)!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.path, '/inloggen/oidc');

    const [row] = await t.db.system((tx) => tx.select().from(oidcLogins).where(eq(oidcLogins.state, state)));
    assert.ok(row);
    assert.equal(row.tenantId, tenant.id);
    assert.equal(row.returnTo, '/mijn-account', 'only local paths are followed');
    assert.notEqual(row.codeVerifier, url.searchParams.get('code_challenge'));
    const minutes = (row.expiresAt.getTime() - Date.now()) / 60000;
    assert.ok(minutes > 9 && minutes <= 10, `expires in 10 minutes (${minutes})`);
  });

  test('a provisioned user logs in by verified e-mail, then again by the stored subject', async () => {
    const email = `Consulent-${unique()}@Example.nl`;
    const user = await aUser(t.db, tenant, { roles: ['consultant'], email });
    const sub = anIdentity({ email: email.toLowerCase() });

    const first = await loginVia(sub, { next: '/mijn-account?tab=sessies' });
    assert.equal(first.res.statusCode, 303, first.res.body);
    assert.equal(first.res.headers.location, '/mijn-account?tab=sessies');
    assert.equal(first.res.cookies.find((c) => c.name === OIDC_COOKIE)?.value, '', 'binding cookie cleared');
    const session = sessionFrom(first.res);
    assert.ok(session);

    const me = await call(t.app, session, 'GET', '/api/v1/me');
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.id, user.id);
    // The organisation's provider does the strong authentication: case-file roles count without our TOTP.
    assert.deepEqual(me.json().user.effectiveRoles, ['consultant']);
    const sessions = await call(t.app, session, 'GET', '/api/v1/me/sessions');
    assert.equal(sessions.json().sessions.find((s: { current: boolean }) => s.current).method, 'oidc');

    const [stored] = await t.db.system((tx) => tx.select().from(users).where(eq(users.id, user.id)));
    assert.equal(stored!.oidcSubject, sub);

    // The address at the provider changes (and is no longer verified): the subject still finds the account.
    idp.accounts.set(sub, { sub, email: `nieuw-${unique()}@example.nl`, email_verified: false });
    const second = await loginVia(sub);
    assert.equal(second.res.statusCode, 303, second.res.body);
    assert.equal(second.res.headers.location, '/mijn-account');
    const again = sessionFrom(second.res);
    assert.ok(again && again.cookie !== session.cookie);
    const me2 = await call(t.app, again, 'GET', '/api/v1/me');
    assert.equal(me2.statusCode, 200);
    assert.equal(me2.json().user.id, user.id);
  });

  test('a person without an account is refused with a clear page and no session', async () => {
    const sub = anIdentity({ email: `onbekend-${unique()}@example.nl` });
    const { res } = await loginVia(sub);
    assertFriendlyFailure(res, 403, 'Uw account is niet bekend bij Wijkkracht');
    assert.ok(res.body.includes('Vraag uw beheerder'));
    const linked = await t.db.system((tx) => tx.select().from(users).where(eq(users.oidcSubject, sub)));
    assert.equal(linked.length, 0, 'nobody is created or linked');
  });

  test('an unverified e-mail address does not link an account', async () => {
    const user = await aUser(t.db, tenant, { email: `onbevestigd-${unique()}@example.nl` });
    const sub = anIdentity({ email: user.email, verified: false });
    const { res } = await loginVia(sub);
    assertFriendlyFailure(res, 403, 'Uw account is niet bekend bij Wijkkracht');
    const [stored] = await t.db.system((tx) => tx.select().from(users).where(eq(users.id, user.id)));
    assert.equal(stored!.oidcSubject, null);
  });

  test('an account already linked to another subject is not taken over by e-mail', async () => {
    const user = await aUser(t.db, tenant, { email: `gekoppeld-${unique()}@example.nl` });
    const firstSub = anIdentity({ email: user.email });
    assert.equal((await loginVia(firstSub)).res.statusCode, 303);
    const otherSub = anIdentity({ email: user.email });
    const { res } = await loginVia(otherSub);
    assertFriendlyFailure(res, 403, 'al gekoppeld aan een ander account');
  });

  test('a disabled user is refused', async () => {
    const user = await aUser(t.db, tenant, { email: `uit-${unique()}@example.nl` });
    await t.db.system((tx) => tx.update(users).set({ disabled: true }).where(eq(users.id, user.id)));
    const sub = anIdentity({ email: user.email });
    const { res } = await loginVia(sub);
    assertFriendlyFailure(res, 403, 'staat uit');
  });

  test('a tampered or unknown state is refused without a session', async () => {
    const user = await aUser(t.db, tenant, { email: `state-${unique()}@example.nl` });
    const sub = anIdentity({ email: user.email });
    const started = await start(tenant.slug);
    const back = await idp.signIn(started.location!, sub);

    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    assertFriendlyFailure(
      await callback(tampered, `${OIDC_COOKIE}=${tampered.searchParams.get('state')}`),
      400,
    );

    const missing = new URL(back);
    missing.searchParams.delete('state');
    assertFriendlyFailure(await callback(missing, started.binding), 400);

    const nothing = await t.app.inject({
      method: 'GET',
      url: '/inloggen/oidc/callback',
      headers: { accept: 'text/html' },
    });
    assertFriendlyFailure(nothing, 400);
  });

  test('a callback works once: the same state a second time fails', async () => {
    const user = await aUser(t.db, tenant, { email: `eenmaal-${unique()}@example.nl` });
    const sub = anIdentity({ email: user.email });
    const first = await loginVia(sub);
    assert.equal(first.res.statusCode, 303);
    assertFriendlyFailure(await callback(first.back, first.cookie), 400);
  });

  test('a callback in another browser (without the binding cookie) fails and uses up the attempt', async () => {
    const user = await aUser(t.db, tenant, { email: `csrf-${unique()}@example.nl` });
    const sub = anIdentity({ email: user.email });
    const started = await start(tenant.slug);
    const back = await idp.signIn(started.location!, sub);
    assertFriendlyFailure(await callback(back, ''), 400);
    assertFriendlyFailure(await callback(back, started.binding), 400);
  });

  test('an expired attempt fails', async () => {
    const user = await aUser(t.db, tenant, { email: `verlopen-${unique()}@example.nl` });
    const sub = anIdentity({ email: user.email });
    const started = await start(tenant.slug);
    const back = await idp.signIn(started.location!, sub);
    await t.db.system((tx) =>
      tx
        .update(oidcLogins)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(oidcLogins.state, back.searchParams.get('state')!)),
    );
    assertFriendlyFailure(await callback(back, started.binding), 400);
  });

  test('an error from the provider (login refused) gives the friendly page', async () => {
    const started = await start(tenant.slug);
    const back = await idp.signIn(started.location!, 'deny');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assertFriendlyFailure(await callback(back, started.binding), 400);
  });

  test('a code the provider does not know fails at the exchange, friendly', async () => {
    const started = await start(tenant.slug);
    const state = new URL(started.location!).searchParams.get('state')!;
    const forged = new URL('http://localhost:3000/inloggen/oidc/callback');
    forged.search = new URLSearchParams({ code: 'not-a-real-code', state, iss: idp.issuer }).toString();
    assertFriendlyFailure(await callback(forged, started.binding), 502);
  });

  test('logging in ends the session that was there before', async () => {
    const user = await aUser(t.db, tenant, { email: `wissel-${unique()}@example.nl` });
    const old = await logIn(t.app, tenant, user);
    assert.equal((await call(t.app, old, 'GET', '/api/v1/me')).statusCode, 200);
    const sub = anIdentity({ email: user.email });
    const { res } = await loginVia(sub, { cookie: old.cookie });
    assert.equal(res.statusCode, 303, res.body);
    assert.notEqual(sessionCookie(res), old.cookie);
    assert.equal((await call(t.app, old, 'GET', '/api/v1/me')).statusCode, 401);
  });

  test('a tenant without OIDC never redirects to a provider', async () => {
    const plain = await aTenant(t.db);
    const { res } = await start(plain.slug);
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers.location, undefined);
    assert.equal(
      res.cookies.find((c) => c.name === OIDC_COOKIE),
      undefined,
    );
    const unknown = await start(`geen-${unique()}`);
    assert.equal(unknown.res.statusCode, 404);
    assert.equal(unknown.res.headers.location, undefined);
  });

  test('an unreachable provider gives the friendly page', async () => {
    const down = await aTenant(t.db);
    await configureTenantOidc(t.db, t.config.secretKey, down.slug, {
      issuer: 'http://127.0.0.1:1',
      clientId: 'x',
      clientSecret: 'y',
    });
    const { res } = await start(down.slug);
    assertFriendlyFailure(res, 502);
  });

  test('a start on another host name goes to the public address first', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/inloggen/oidc?tenant=${tenant.slug}&next=/mijn-account`,
      headers: { host: 'wijkkracht.gemeente.example', accept: 'text/html' },
    });
    assert.equal(res.statusCode, 303);
    assert.equal(
      res.headers.location,
      `http://localhost:3000/inloggen/oidc?tenant=${tenant.slug}&next=%2Fmijn-account`,
    );
  });

  test('settings: the issuer is checked, the secret stored encrypted, removal works', async () => {
    const own = await aTenant(t.db);
    const settings = {
      issuer: 'https://login.gemeente.example/realms/wk',
      clientId: 'wk',
      clientSecret: 'geheim-123456',
    };

    assert.throws(() => normalizeIssuer('geen url'), OidcSettingsError);
    assert.throws(() => normalizeIssuer('http://login.gemeente.example'), /https/);
    assert.throws(() => normalizeIssuer('https://login.gemeente.example/?a=b'), OidcSettingsError);
    assert.equal(
      normalizeIssuer(' https://login.gemeente.example/.well-known/openid-configuration '),
      'https://login.gemeente.example',
    );
    assert.equal(normalizeIssuer('http://localhost:8080/realms/x'), 'http://localhost:8080/realms/x');
    await assert.rejects(
      configureTenantOidc(t.db, t.config.secretKey, `geen-${unique()}`, settings),
      /bestaat niet/,
    );
    await assert.rejects(
      configureTenantOidc(t.db, t.config.secretKey, own.slug, { ...settings, clientId: ' ' }),
      OidcSettingsError,
    );

    const first = await configureTenantOidc(t.db, t.config.secretKey, own.slug, settings);
    assert.equal(first.changed, true);
    const stored = (await tenantBySlug(t.db, own.slug))!.oidc!;
    assert.equal(stored.issuer, settings.issuer);
    assert.equal(stored.label, 'Inloggen via uw organisatie');
    assert.ok(!JSON.stringify(stored).includes(settings.clientSecret), 'secret is not stored in the clear');
    assert.equal((await configureTenantOidc(t.db, t.config.secretKey, own.slug, settings)).changed, false);
    assert.equal(
      (await configureTenantOidc(t.db, t.config.secretKey, own.slug, { ...settings, clientSecret: 'ander' }))
        .changed,
      true,
    );

    await configureTenantOidc(t.db, t.config.secretKey, own.slug, null);
    assert.equal((await tenantBySlug(t.db, own.slug))!.oidc, null);
  });

  test('settings from the environment name the missing tenant', async () => {
    const missing = `ontbreekt-${unique()}`;
    const env = {
      OIDC_ISSUER: 'https://login.gemeente.example',
      OIDC_CLIENT_ID: 'wk',
      OIDC_CLIENT_SECRET: 's3cret',
    };
    await assert.rejects(
      applyOidcFromConfig(t.db, testConfig({ ...env, OIDC_TENANT: missing })),
      (err: Error) => {
        assert.ok(err instanceof OidcSettingsError);
        assert.match(err.message, new RegExp(`OIDC_TENANT.*"${missing}"`));
        return true;
      },
    );
    assert.equal(await applyOidcFromConfig(t.db, testConfig()), undefined);
    const own = await aTenant(t.db);
    const applied = await applyOidcFromConfig(
      t.db,
      testConfig({ ...env, OIDC_TENANT: own.slug, OIDC_LABEL: 'Via Gemeente' }),
    );
    assert.equal(applied?.changed, true);
    assert.equal((await tenantBySlug(t.db, own.slug))!.oidc!.label, 'Via Gemeente');
  });
});
