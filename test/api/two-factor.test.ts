// Two-factor login (TOTP) through the API, and the tenant rule that case-file roles need it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { rows, type Database } from '../../src/platform/db/index.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  aTenant,
  aUser,
  call,
  enableTwoFactor,
  logIn,
  totpCode,
  type Session,
  type TestUser,
} from '../helpers/factories.js';
import { assertProblem } from './support.js';

/** Six digits that are not a valid code for this secret around now. */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totpCode(secret, step)));
  for (let n = 123456; ; n = (n + 111111) % 1000000) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe('two-factor login via the API', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;
  let session: Session;
  let secret: string;

  const login = (totp?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password: user.password, ...(totp ? { totp } : {}) },
    });

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    user = await aUser(db, tenant, { roles: ['resident'] });
    session = await logIn(app, tenant, user);
  });

  test('setup hands out a secret that is stored encrypted; a wrong confirmation code leaves two-factor off', async () => {
    const setup = await call(app, session, 'POST', '/api/v1/me/two-factor/setup');
    assert.equal(setup.statusCode, 200, setup.body);
    const { secret: s, otpauthUrl } = setup.json();
    assert.match(s, /^[A-Z2-7]{16,}$/, 'base32 secret to type into an app');
    assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
    assert.ok(otpauthUrl.includes(`secret=${s}`));

    const [stored] = await db.system((tx) =>
      rows<{ totp_secret_encrypted: string | null; totp_enabled_at: unknown }>(
        tx,
        sql`select totp_secret_encrypted, totp_enabled_at from users where id = ${user.id}`,
      ),
    );
    assert.ok(stored!.totp_secret_encrypted, 'a pending secret is kept');
    assert.ok(!stored!.totp_secret_encrypted.includes(s), 'the secret is not stored in clear');
    assert.equal(stored!.totp_enabled_at, null, 'not on before a code is proven');

    assertProblem(
      await call(app, session, 'POST', '/api/v1/me/two-factor/confirm', { code: wrongCode(s) }),
      401,
      'invalid_totp',
      'error.invalidTotp',
    );
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).json().user.twoFactorEnabled, false);
    // Not six digits: a validation problem naming the field.
    const bad = assertProblem(
      await call(app, session, 'POST', '/api/v1/me/two-factor/confirm', { code: '12ab' }),
      400,
      'validation',
    );
    assert.deepEqual(
      bad.errors?.map((e) => e.field),
      ['code'],
    );

    secret = await enableTwoFactor(app, session);
    assert.equal(secret, s, 'setting up again reuses the pending secret an app may already have scanned');
    const me = (await call(app, session, 'GET', '/api/v1/me')).json();
    assert.equal(me.user.twoFactorEnabled, true);
    assert.equal(me.profile.twoFactorEnabled, true);
    assertProblem(await call(app, session, 'POST', '/api/v1/me/two-factor/setup'), 409, 'conflict');
  });

  test('login without a code → 401 two_factor_required, and no session', async () => {
    const res = await login();
    assertProblem(res, 401, 'two_factor_required', 'error.twoFactorRequired');
    assert.equal(
      res.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
  });

  test('login with a wrong code → 401 invalid_totp, and no session', async () => {
    const res = await login(wrongCode(secret));
    assertProblem(res, 401, 'invalid_totp');
    assert.equal(
      res.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
  });

  test('login with a valid code → 200; the same code cannot be used a second time', async () => {
    const code = totpCode(secret);
    const ok = await login(code);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().user.twoFactorEnabled, true);
    assert.ok(ok.cookies.find((c) => c.name === 'wk_session')?.value);

    const replay = await login(code);
    assertProblem(replay, 401, 'invalid_totp');
    assert.equal(
      replay.cookies.find((c) => c.name === 'wk_session'),
      undefined,
    );
    // Nor can an older code be used after a newer one.
    assertProblem(await login(totpCode(secret, -1)), 401, 'invalid_totp');
  });

  test('turning two-factor off needs a valid code', async () => {
    assertProblem(
      await call(app, session, 'POST', '/api/v1/me/two-factor/disable', { code: wrongCode(secret) }),
      401,
      'invalid_totp',
    );
    assertProblem(await call(app, session, 'POST', '/api/v1/me/two-factor/disable', {}), 400, 'validation');
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).json().user.twoFactorEnabled, true);
    assertProblem(await login(), 401, 'two_factor_required');

    const off = await call(app, session, 'POST', '/api/v1/me/two-factor/disable', {
      code: totpCode(secret, 1),
    });
    assert.equal(off.statusCode, 204, off.body);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).json().user.twoFactorEnabled, false);
    const plain = await login();
    assert.equal(plain.statusCode, 200, plain.body);
    const [row] = await db.system((tx) =>
      rows<{ totp_secret_encrypted: string | null }>(
        tx,
        sql`select totp_secret_encrypted from users where id = ${user.id}`,
      ),
    );
    assert.equal(row!.totp_secret_encrypted, null, 'the secret is removed');
  });
});

describe('tenant requires two-factor login for case-file roles', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db); // default settings: consultant, expert-consultant and team-lead need two-factor
    assert.ok(tenant.settings.requireTwoFactorForRoles.includes('consultant'));
  });

  test('a consultant without two-factor keeps the account but not the consultant role, until two-factor is on', async () => {
    const consultant = await aUser(db, tenant, { roles: ['consultant'] });
    const session = await logIn(app, tenant, consultant);

    const me = await call(app, session, 'GET', '/api/v1/me');
    assert.equal(me.statusCode, 200, `own account stays reachable, to set up two-factor: ${me.body}`);
    assert.deepEqual(me.json().user.roles, ['consultant']);
    assert.deepEqual(me.json().user.effectiveRoles, []);
    assert.equal(me.json().user.twoFactorRequired, true);

    const secret = await enableTwoFactor(app, session);
    const full = await logIn(app, tenant, consultant, totpCode(secret));
    const after = (await call(app, full, 'GET', '/api/v1/me')).json();
    assert.deepEqual(after.user.effectiveRoles, ['consultant']);
    assert.equal(after.user.twoFactorRequired, false);
  });

  test('a user with a case-file role and another role keeps the other role meanwhile', async () => {
    const both = await aUser(db, tenant, { roles: ['consultant', 'coordinator'] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: both.email, password: both.password },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().user.effectiveRoles, ['coordinator']);
    assert.equal(res.json().user.twoFactorRequired, true);
  });

  test('an administrator is not affected by the rule', async () => {
    const admin = await aUser(db, tenant, { roles: ['administrator'] });
    const session = await logIn(app, tenant, admin);
    const me = (await call(app, session, 'GET', '/api/v1/me')).json();
    assert.deepEqual(me.user.effectiveRoles, ['administrator']);
    assert.equal(me.user.twoFactorRequired, false);
  });
});
