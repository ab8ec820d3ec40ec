// CSRF: a state-changing request that rides on the session cookie must prove it came from our own page or client.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/platform/db/index.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../helpers/factories.js';
import { assertProblem, formBody } from '../api/support.js';

describe('CSRF protection on the API', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;
  let session: Session;

  const patchMe = (headers: Record<string, string>, name: string) =>
    app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: session.cookie, ...headers },
      payload: { name },
    });
  const currentName = async () =>
    (await call(app, session, 'GET', '/api/v1/me')).json().profile.name as string;

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    user = await aUser(db, tenant, { name: 'Carla Cookie' });
    session = await logIn(app, tenant, user);
  });

  test('with the session cookie but without x-csrf-token a change is refused with 403 and nothing changes', async () => {
    assertProblem(await patchMe({}, 'Gekaapt'), 403, 'csrf', 'error.csrf');
    assert.equal(await currentName(), 'Carla Cookie');
  });

  test('a wrong token is refused and nothing changes', async () => {
    assertProblem(await patchMe({ 'x-csrf-token': 'x'.repeat(43) }, 'Gekaapt'), 403, 'csrf');
    assertProblem(await patchMe({ 'x-csrf-token': '' }, 'Gekaapt'), 403, 'csrf');
    assertProblem(await patchMe({ 'x-csrf-token': session.csrfToken.slice(0, -1) }, 'Gekaapt'), 403, 'csrf');
    assert.equal(await currentName(), 'Carla Cookie');
  });

  test("the token of another session, even the user's own, does not fit this session", async () => {
    const other = await logIn(app, tenant, user);
    assertProblem(await patchMe({ 'x-csrf-token': other.csrfToken }, 'Gekaapt'), 403, 'csrf');
    assert.equal(await currentName(), 'Carla Cookie');
  });

  test('the anonymous form cookie does not stand in for the session token', async () => {
    const page = await app.inject({ url: `/inloggen?tenant=${tenant.slug}` });
    const csrf = page.cookies.find((c) => c.name === 'wk_csrf')!.value;
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: `${session.cookie}; wk_csrf=${csrf}`, 'x-csrf-token': csrf },
      payload: { name: 'Gekaapt' },
    });
    assertProblem(res, 403, 'csrf');
    assert.equal(await currentName(), 'Carla Cookie');
  });

  test('with the right token the change is made', async () => {
    const res = await patchMe({ 'x-csrf-token': session.csrfToken }, 'Carla de Vries');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().name, 'Carla de Vries');
    assert.equal(await currentName(), 'Carla de Vries');
  });

  test('logging out needs the token too, so another site cannot log a user out', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie },
    });
    assertProblem(res, 403, 'csrf');
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 200);
  });
});

describe('CSRF protection on page forms', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    user = await aUser(db, tenant);
  });

  /** The login page as a browser gets it: the double-submit cookie and the same token in the form. */
  async function loginPage() {
    const page = await app.inject({
      url: `/inloggen?tenant=${tenant.slug}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(page.statusCode, 200);
    const cookie = page.cookies.find((c) => c.name === 'wk_csrf');
    assert.ok(cookie, 'the page sets the CSRF cookie');
    assert.equal(cookie.httpOnly, true);
    const field = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.equal(field, cookie.value, 'the form carries the same token');
    return { csrf: cookie.value, cookies: `wk_csrf=${cookie.value}; wk_tenant=${tenant.slug}` };
  }

  const postLogin = (cookie: string | undefined, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/inloggen',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        ...(cookie ? { cookie } : {}),
      },
      payload: formBody({ email: user.email, password: user.password, next: '/', ...fields }),
    });

  test('a form post without _csrf is refused with 403, also without any cookie', async () => {
    const { cookies } = await loginPage();
    const res = await postLogin(cookies, {});
    assert.equal(res.statusCode, 403);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /Dit formulier is verlopen/);
    assert.equal(
      res.cookies.find((c) => c.name === 'wk_session'),
      undefined,
      'no session was started',
    );

    const bare = await postLogin(`wk_tenant=${tenant.slug}`, {});
    assert.equal(bare.statusCode, 403);
    assert.equal(
      bare.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
  });

  test('a form post whose _csrf does not match the wk_csrf cookie is refused with 403', async () => {
    const { cookies } = await loginPage();
    const other = await loginPage();
    const res = await postLogin(cookies, { _csrf: other.csrf });
    assert.equal(res.statusCode, 403);
    assert.equal(
      res.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
    // A token without its cookie (what a forged cross-site form can send) is refused too.
    const noCookie = await postLogin(`wk_tenant=${tenant.slug}`, { _csrf: other.csrf });
    assert.equal(noCookie.statusCode, 403);
  });

  test('the same form with the matching token logs in', async () => {
    const { csrf, cookies } = await loginPage();
    const res = await postLogin(cookies, { _csrf: csrf });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/');
    assert.ok(res.cookies.find((c) => c.name === 'wk_session')?.value);
  });

  test('a logout form without the session token does not log out', async () => {
    const session = await logIn(app, tenant, user);
    const res = await app.inject({
      method: 'POST',
      url: '/uitloggen',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        cookie: session.cookie,
      },
      payload: formBody({}),
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 200);

    const ok = await app.inject({
      method: 'POST',
      url: '/uitloggen',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        cookie: session.cookie,
      },
      payload: formBody({ _csrf: session.csrfToken }),
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 401);
  });
});
