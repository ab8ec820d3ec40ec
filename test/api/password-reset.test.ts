// Password reset by e-mail link: same answer for every address, single-use links, sessions end, no half-writes.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/platform/db/index.js';
import { rows } from '../../src/platform/db/index.js';
import { outboxFor } from '../../src/platform/mail/index.js';
import { sha256 } from '../../src/platform/privacy/crypto.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import {
  aTenant,
  aUser,
  call,
  enableTwoFactor,
  logIn,
  totpCode,
  type TestUser,
} from '../helpers/factories.js';
import { assertProblem, nl } from './support.js';

const NEW_PASSWORD = 'een nieuw en lang wachtwoord';

describe('password reset', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let publicUrl: string;

  const request = (email: string, t = tenant) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { tenant: t.slug, email } });
  const complete = (token: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, password } });
  const login = (user: TestUser, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password },
    });

  /** Asks for a link and reads the token from the newest mail, as the user would click it. */
  async function linkFor(user: TestUser): Promise<string> {
    assert.equal((await request(user.email)).statusCode, 202);
    const mail = (await outboxFor(db, user.email)).at(-1)!;
    const link = new URL(/https?:\/\/\S+/.exec(mail.textBody)![0]);
    return link.searchParams.get('token')!;
  }

  before(async () => {
    let config;
    ({ app, db, config } = await testApp());
    publicUrl = config.publicUrl;
    tenant = await aTenant(db);
  });

  test('a request is always answered 202; only a known address gets exactly one mail, with a link to this installation', async () => {
    const user = await aUser(db, tenant, { name: 'Rob Reset' });
    const unknown = `unknown-${Date.now()}@example.nl`;
    const known = await request(user.email);
    const notKnown = await request(unknown);
    assert.equal(known.statusCode, 202);
    assert.equal(notKnown.statusCode, 202);
    assert.equal(known.body, notKnown.body, 'the answer does not tell whether the address exists');

    assert.equal((await outboxFor(db, unknown)).length, 0);
    const mails = await outboxFor(db, user.email);
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.tenantId, tenant.id);
    assert.equal(mail.subject, nl['reset.mail.subject']);
    assert.match(mail.textBody, /Rob Reset/);
    const link = new URL(/https?:\/\/\S+/.exec(mail.textBody)![0]);
    assert.equal(link.origin + link.pathname, `${publicUrl}/wachtwoord-herstellen`);
    assert.equal(link.searchParams.get('tenant'), tenant.slug);
    assert.match(link.searchParams.get('token')!, /^[A-Za-z0-9_-]{40,}$/);

    // The address of a user in another municipality is unknown here.
    const elsewhere = await aTenant(db);
    assert.equal((await request(user.email, elsewhere)).statusCode, 202);
    assert.equal((await outboxFor(db, user.email)).length, 1);
  });

  test('the link sets a new password; the old one stops working and every session of the user ends', async () => {
    const user = await aUser(db, tenant);
    const laptop = await logIn(app, tenant, user);
    const phone = await logIn(app, tenant, user);
    const token = await linkFor(user);

    const res = await complete(token, NEW_PASSWORD);
    assert.equal(res.statusCode, 204, res.body);
    assertProblem(await login(user, user.password), 401, 'invalid_credentials');
    assert.equal((await login(user, NEW_PASSWORD)).statusCode, 200);
    assertProblem(await call(app, laptop, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    assertProblem(await call(app, phone, 'GET', '/api/v1/me'), 401, 'unauthenticated');
  });

  test('the database keeps only a hash of the link token', async () => {
    const user = await aUser(db, tenant);
    const token = await linkFor(user);
    const [stored] = await db.system((tx) =>
      rows<{ token_hash: string }>(
        tx,
        sql`select token_hash from password_resets where user_id = ${user.id}`,
      ),
    );
    assert.equal(stored!.token_hash, sha256(token));
    assert.ok(!stored!.token_hash.includes(token));
  });

  test('a new password does not switch two-factor login off', async () => {
    const user = await aUser(db, tenant);
    const secret = await enableTwoFactor(app, await logIn(app, tenant, user));
    assert.equal((await complete(await linkFor(user), NEW_PASSWORD)).statusCode, 204);
    assertProblem(await login(user, NEW_PASSWORD), 401, 'two_factor_required');
    const withCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password: NEW_PASSWORD, totp: totpCode(secret) },
    });
    assert.equal(withCode.statusCode, 200, withCode.body);
  });

  test('a link works once: using it again gives 410', async () => {
    const user = await aUser(db, tenant);
    const token = await linkFor(user);
    assert.equal((await complete(token, NEW_PASSWORD)).statusCode, 204);
    assertProblem(
      await complete(token, 'en nog een ander wachtwoord'),
      410,
      'reset_link_invalid',
      'error.resetLinkInvalid',
    );
    assert.equal((await login(user, NEW_PASSWORD)).statusCode, 200, 'the second attempt changed nothing');
  });

  test('using one link also ends the other links sent to the user before', async () => {
    const user = await aUser(db, tenant);
    const older = await linkFor(user);
    const newer = await linkFor(user);
    assert.notEqual(older, newer);
    assert.equal((await complete(newer, NEW_PASSWORD)).statusCode, 204);
    assertProblem(await complete(older, 'iemand anders zijn wachtwoord'), 410, 'reset_link_invalid');
    assert.equal((await login(user, NEW_PASSWORD)).statusCode, 200);
  });

  test('an expired link gives 410 and changes nothing', async () => {
    const user = await aUser(db, tenant);
    const token = await linkFor(user);
    await db.system((tx) =>
      tx.execute(
        sql`update password_resets set expires_at = now() - interval '1 second' where user_id = ${user.id}`,
      ),
    );
    assertProblem(await complete(token, NEW_PASSWORD), 410, 'reset_link_invalid');
    assert.equal((await login(user, user.password)).statusCode, 200);
  });

  test('an unknown token gives 410', async () => {
    assertProblem(await complete('x'.repeat(43), NEW_PASSWORD), 410, 'reset_link_invalid');
  });

  test('a too short password is a 400 naming the field; nothing is half-written and the link still works', async () => {
    const user = await aUser(db, tenant);
    const session = await logIn(app, tenant, user);
    const token = await linkFor(user);

    const short = assertProblem(await complete(token, 'kort'), 400, 'validation', 'error.validation');
    assert.deepEqual(short.errors, [{ field: 'password', message: nl['field.passwordTooShort'] }]);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 200, 'sessions are untouched');
    assert.equal((await login(user, user.password)).statusCode, 200, 'the old password still works');

    assert.equal((await complete(token, NEW_PASSWORD)).statusCode, 204, 'the link still works');
    assert.equal((await login(user, NEW_PASSWORD)).statusCode, 200);
  });

  test('an unknown tenant is a 404 problem', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { tenant: 'no-such-municipality', email: 'a@example.nl' },
    });
    assertProblem(res, 404, 'unknown_tenant');
  });
});
