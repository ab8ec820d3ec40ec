// Login over the API: the session cookie, sameness of failures, session rotation, logout, lockout, rate limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { rows, type Database } from '../../src/platform/db/index.js';
import { sha256 } from '../../src/platform/privacy/crypto.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { customTestApp, testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, sessionCookie, type TestUser } from '../helpers/factories.js';
import { assertProblem, problemShape } from './support.js';

function login(app: App, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers });
}

async function failedLogins(db: Database, userId: string) {
  const [row] = await db.system((tx) =>
    rows<{ failed_logins: number; locked_until: Date | string | null }>(
      tx,
      sql`select failed_logins, locked_until from users where id = ${userId}`,
    ),
  );
  return row!;
}

describe('login API', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;
  let other: TestUser;

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    [user, other] = await Promise.all([
      aUser(db, tenant, { roles: ['volunteer'], name: 'Vera Vrijwilliger' }),
      aUser(db, tenant),
    ]);
  });

  test('returns the user and a CSRF token and sets an HttpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const res = await login(app, { tenant: tenant.slug, email: user.email, password: user.password });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['csrfToken', 'user']);
    assert.equal(body.user.id, user.id);
    assert.equal(body.user.tenant, tenant.slug);
    assert.equal(body.user.email, user.email);
    assert.equal(body.user.name, 'Vera Vrijwilliger');
    assert.deepEqual(body.user.roles, ['volunteer']);
    assert.deepEqual(body.user.effectiveRoles, ['volunteer']);
    assert.equal(body.user.twoFactorEnabled, false);
    assert.equal(typeof body.csrfToken, 'string');
    assert.ok(body.csrfToken.length >= 32, 'CSRF token is long enough not to be guessed');
    assert.doesNotMatch(res.body, /argon2|password/i, 'no password (hash) in the answer');

    const cookie = res.cookies.find((c) => c.name === 'wk_session');
    assert.ok(cookie, 'session cookie is set');
    assert.equal(cookie.httpOnly, true, 'scripts cannot read the session cookie');
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.ok(!cookie.secure, 'over plain http the cookie cannot be Secure (the browser would drop it)');
    assert.ok(cookie.value.length >= 32, 'session token is long enough not to be guessed');
    assert.notEqual(cookie.value, body.csrfToken);
    const raw = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('wk_session='))!;
    assert.match(raw, /; HttpOnly/i);
    assert.match(raw, /; SameSite=Lax/i);
    assert.match(raw, /; Path=\//);
    assert.doesNotMatch(raw, /; Secure/i);
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http');

    // The cookie is the session: it identifies the user on the next call.
    const me = await call(
      app,
      { cookie: `wk_session=${cookie.value}`, csrfToken: body.csrfToken, userId: user.id },
      'GET',
      '/api/v1/me',
    );
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.id, user.id);
    assert.equal(me.json().csrfToken, body.csrfToken);
  });

  test('the session cookie is Secure and HSTS is sent only when the request came over https through a trusted proxy', async () => {
    const proxied = await customTestApp({ WIJKKRACHT_TRUST_PROXY: 'true' });
    try {
      const https = await login(
        proxied.app,
        { tenant: tenant.slug, email: user.email, password: user.password },
        { 'x-forwarded-proto': 'https' },
      );
      assert.equal(https.statusCode, 200, https.body);
      const secure = https.cookies.find((c) => c.name === 'wk_session')!;
      assert.equal(secure.secure, true);
      assert.equal(secure.httpOnly, true);
      assert.equal(secure.sameSite, 'Lax');
      assert.match(String(https.headers['strict-transport-security']), /^max-age=\d{7,}; includeSubDomains$/);

      const http = await login(proxied.app, {
        tenant: tenant.slug,
        email: user.email,
        password: user.password,
      });
      assert.equal(http.statusCode, 200, http.body);
      assert.ok(!http.cookies.find((c) => c.name === 'wk_session')!.secure);
      assert.equal(http.headers['strict-transport-security'], undefined);

      // Only the proxy itself may say so: the same header straight from a client elsewhere is ignored.
      const forged = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '198.51.100.50',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { tenant: tenant.slug, email: user.email, password: user.password },
      });
      assert.equal(forged.statusCode, 200, forged.body);
      assert.ok(!forged.cookies.find((c) => c.name === 'wk_session')!.secure);
      assert.equal(forged.headers['strict-transport-security'], undefined);
    } finally {
      await proxied.app.close();
    }
    // Without a trusted proxy a client cannot claim https by sending the header itself.
    const spoofed = await login(
      app,
      { tenant: tenant.slug, email: user.email, password: user.password },
      { 'x-forwarded-proto': 'https' },
    );
    assert.equal(spoofed.statusCode, 200, spoofed.body);
    assert.ok(!spoofed.cookies.find((c) => c.name === 'wk_session')!.secure);
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
  });

  test('a wrong password and an unknown e-mail address get exactly the same answer', async () => {
    const wrongPassword = await login(app, {
      tenant: tenant.slug,
      email: other.email,
      password: 'not the password at all',
    });
    const unknownEmail = await login(app, {
      tenant: tenant.slug,
      email: `nobody-${Date.now()}@example.nl`,
      password: 'not the password at all',
    });
    assertProblem(wrongPassword, 401, 'invalid_credentials', 'error.invalidCredentials');
    assertProblem(unknownEmail, 401, 'invalid_credentials', 'error.invalidCredentials');
    assert.deepEqual(problemShape(wrongPassword), problemShape(unknownEmail));
    assert.equal(
      wrongPassword.cookies.find((c) => c.name === 'wk_session'),
      undefined,
      'no session on failure',
    );
    // An address known in another municipality is unknown here.
    const elsewhere = await login(app, {
      tenant: (await aTenant(db)).slug,
      email: other.email,
      password: other.password,
    });
    assert.deepEqual(problemShape(elsewhere), problemShape(unknownEmail));
  });

  test('the e-mail address is matched without regard to case', async () => {
    const res = await login(app, {
      tenant: tenant.slug,
      email: user.email.toUpperCase(),
      password: user.password,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().user.id, user.id);
  });

  test('an unknown tenant is a 404 problem in Dutch', async () => {
    const res = await login(app, {
      tenant: 'no-such-municipality',
      email: user.email,
      password: user.password,
    });
    const problem = assertProblem(res, 404, 'unknown_tenant', 'error.unknownTenant');
    assert.equal(problem.title, 'Deze gemeente kennen wij niet.');
    assert.equal(problem.instance, '/api/v1/auth/login');
  });

  test('every login issues a new session id; an old cookie sent along with a new login stops working', async () => {
    const first = await logIn(app, tenant, user);
    const again = await login(
      app,
      { tenant: tenant.slug, email: user.email, password: user.password },
      { cookie: first.cookie, 'x-csrf-token': first.csrfToken },
    );
    assert.equal(again.statusCode, 200, again.body);
    const second = {
      cookie: sessionCookie(again)!,
      csrfToken: again.json().csrfToken as string,
      userId: user.id,
    };
    assert.ok(second.cookie);
    assert.notEqual(second.cookie, first.cookie, 'a fresh session id');
    assert.notEqual(second.csrfToken, first.csrfToken, 'a fresh CSRF token');

    assertProblem(await call(app, first, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    assert.equal((await call(app, second, 'GET', '/api/v1/me')).statusCode, 200);

    // Two devices logging in independently each keep their own session.
    const phone = await logIn(app, tenant, user);
    assert.notEqual(phone.cookie, second.cookie);
    assert.equal((await call(app, phone, 'GET', '/api/v1/me')).statusCode, 200);
    assert.equal((await call(app, second, 'GET', '/api/v1/me')).statusCode, 200);
  });

  test('the database keeps only a hash of the session token, so a copy of it opens no sessions', async () => {
    const session = await logIn(app, tenant, user);
    const token = session.cookie.slice('wk_session='.length);
    const [stored] = await db.system((tx) =>
      rows<{ raw: number; hashed: number }>(
        tx,
        sql`select count(*) filter (where token_hash = ${token})::int as raw,
                   count(*) filter (where token_hash = ${sha256(token)})::int as hashed from sessions`,
      ),
    );
    assert.equal(Number(stored!.raw), 0);
    assert.equal(Number(stored!.hashed), 1);
  });

  test('the cookie of an ended session does not stand in the way of logging in again', async () => {
    const old = await logIn(app, tenant, user);
    assert.equal((await call(app, old, 'POST', '/api/v1/auth/logout')).statusCode, 204);
    // A client that still sends the old cookie (and has no token for it) can log in.
    const res = await login(
      app,
      { tenant: tenant.slug, email: user.email, password: user.password },
      { cookie: old.cookie },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.notEqual(sessionCookie(res), old.cookie);
  });

  test('logout ends the session: the cookie is cleared and no longer works', async () => {
    const session = await logIn(app, tenant, user);
    const res = await call(app, session, 'POST', '/api/v1/auth/logout');
    assert.equal(res.statusCode, 204, res.body);
    const cleared = res.cookies.find((c) => c.name === 'wk_session');
    assert.ok(cleared, 'the cookie is cleared');
    assert.equal(cleared.value, '');
    assertProblem(
      await call(app, session, 'GET', '/api/v1/me'),
      401,
      'unauthenticated',
      'error.unauthenticated',
    );
    // Logging out again is harmless.
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 204);
  });

  test('a user sees their sessions and can end one of them, which logs that device out', async () => {
    const laptop = await logIn(app, tenant, user);
    const phone = await logIn(app, tenant, user);
    const list = await call(app, laptop, 'GET', '/api/v1/me/sessions');
    assert.equal(list.statusCode, 200, list.body);
    const sessions: { id: string; current: boolean }[] = list.json().sessions;
    assert.equal(sessions.filter((s) => s.current).length, 1);
    assert.doesNotMatch(list.body, /token|csrf/i, 'the list does not hand out session secrets');
    const phoneId = (await call(app, phone, 'GET', '/api/v1/me/sessions'))
      .json()
      .sessions.find((s: { current: boolean }) => s.current).id;
    assert.equal((await call(app, laptop, 'DELETE', `/api/v1/me/sessions/${phoneId}`)).statusCode, 204);
    assertProblem(await call(app, phone, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    assert.equal((await call(app, laptop, 'GET', '/api/v1/me')).statusCode, 200);
  });

  test("a user cannot end somebody else's session", async () => {
    const mine = await logIn(app, tenant, user);
    const theirs = await logIn(app, tenant, other);
    const theirId = (await call(app, theirs, 'GET', '/api/v1/me/sessions')).json().sessions[0].id;
    assertProblem(await call(app, mine, 'DELETE', `/api/v1/me/sessions/${theirId}`), 404, 'not_found');
    assert.equal((await call(app, theirs, 'GET', '/api/v1/me')).statusCode, 200);
  });
});

describe('account lockout', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
  });

  test('after 5 wrong passwords even the right password is refused with "locked" and retry-after, until the lock ends', async () => {
    const user = await aUser(db, tenant);
    for (let i = 1; i <= 5; i++) {
      const res = await login(app, {
        tenant: tenant.slug,
        email: user.email,
        password: `wrong password ${i}`,
      });
      assertProblem(res, 401, 'invalid_credentials');
    }
    assert.equal((await failedLogins(db, user.id)).failed_logins, 5);

    const locked = await login(app, { tenant: tenant.slug, email: user.email, password: user.password });
    const problem = assertProblem(locked, 429, 'locked');
    assert.equal(problem.title, 'Te veel pogingen. Wacht 1 minuten en probeer het dan opnieuw.');
    assert.equal(locked.headers['retry-after'], '60');
    assert.equal(
      locked.cookies.find((c) => c.name === 'wk_session'),
      undefined,
      'no session while locked',
    );
    // A wrong password while locked gets the same answer, and the count does not run on.
    assertProblem(
      await login(app, { tenant: tenant.slug, email: user.email, password: 'guess' }),
      429,
      'locked',
    );
    assert.equal((await failedLogins(db, user.id)).failed_logins, 5);

    // The minute passes.
    await db.system((tx) =>
      tx.execute(sql`update users set locked_until = now() - interval '1 second' where id = ${user.id}`),
    );
    const res = await login(app, { tenant: tenant.slug, email: user.email, password: user.password });
    assert.equal(res.statusCode, 200, res.body);
    const after = await failedLogins(db, user.id);
    assert.equal(after.failed_logins, 0, 'a successful login resets the count');
    assert.equal(after.locked_until, null);
  });

  test('each failure after the threshold locks for longer (backoff)', async () => {
    const user = await aUser(db, tenant);
    await db.system((tx) =>
      tx.execute(
        sql`update users set failed_logins = 5, locked_until = now() - interval '1 second' where id = ${user.id}`,
      ),
    );
    assertProblem(
      await login(app, { tenant: tenant.slug, email: user.email, password: 'still wrong' }),
      401,
      'invalid_credentials',
    );
    const locked = await login(app, { tenant: tenant.slug, email: user.email, password: user.password });
    assertProblem(locked, 429, 'locked');
    assert.equal(locked.headers['retry-after'], '120', 'the sixth failure locks for two minutes');
  });
});

describe('login rate limit', () => {
  let limited: App;
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;

  before(async () => {
    ({ app: limited, db } = await customTestApp({ WIJKKRACHT_LOGIN_RATE_LIMIT: '3' }));
    tenant = await aTenant(db);
    user = await aUser(db, tenant);
  });
  after(() => limited.close());

  test('the fourth login attempt within a minute from one address gets 429, also with the right password', async () => {
    const attempt = (password: string, remoteAddress = '203.0.113.7') =>
      limited.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: tenant.slug, email: user.email, password },
        remoteAddress,
      });
    assertProblem(await attempt('wrong 1'), 401, 'invalid_credentials');
    assertProblem(await attempt('wrong 2'), 401, 'invalid_credentials');
    assert.equal((await attempt(user.password)).statusCode, 200);
    const fourth = await attempt(user.password);
    assertProblem(fourth, 429, 'rate_limited', 'error.rateLimited');
    assert.ok(Number(fourth.headers['retry-after']) > 0, 'says when to try again');
    assert.equal(
      fourth.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
    // The limit is per address: someone else is not locked out by it.
    assert.equal((await attempt(user.password, '198.51.100.20')).statusCode, 200);
  });

  test('behind a trusted proxy the limit counts the address the proxy saw, not one the client wrote itself', async () => {
    const proxied = await customTestApp({
      WIJKKRACHT_TRUST_PROXY: '10.0.0.2',
      WIJKKRACHT_LOGIN_RATE_LIMIT: '3',
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // The proxy (10.0.0.2) appends the real client 203.0.113.9 to whatever the client sent.
        const res = await proxied.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.0.0.2',
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` },
          payload: { tenant: tenant.slug, email: user.email, password: 'wrong' },
        });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    } finally {
      await proxied.app.close();
    }
  });
});
