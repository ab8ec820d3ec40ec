// HTTP hygiene: one error format, limits, security headers, health, and an API description that is complete.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/platform/db/index.js';
import { declaredRoutes } from '../../src/platform/http/hooks.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, type Session } from '../helpers/factories.js';
import { UUID, assertProblem, nl } from './support.js';

describe('HTTP hygiene', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let session: Session;

  const postLogin = (payload: string | object, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    session = await logIn(app, tenant, await aUser(db, tenant));
  });

  test('malformed JSON is a 400 problem with a Dutch title and a reference', async () => {
    const res = await postLogin('{"tenant": "x", ');
    const problem = assertProblem(res, 400, 'malformed_json', 'error.malformedJson');
    assert.equal(problem.title, 'De gegevens zijn geen geldige JSON.');
    assert.equal(problem.instance, '/api/v1/auth/login');
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  test('an empty JSON body is a 400 problem, not a crash', async () => {
    assertProblem(await postLogin(''), 400);
  });

  test('a body over 256 KB is refused with 413', async () => {
    const res = await postLogin({
      tenant: tenant.slug,
      email: 'a@example.nl',
      password: 'x'.repeat(257 * 1024),
    });
    assertProblem(res, 413, 'payload_too_large', 'error.payloadTooLarge');
    // Just under the limit is read (and then judged on its content).
    const fits = await postLogin({
      tenant: tenant.slug,
      email: 'a@example.nl',
      password: 'x'.repeat(200 * 1024),
    });
    assertProblem(fits, 400, 'validation');
  });

  test('a content type the API does not read is refused with 415', async () => {
    const res = await postLogin('<login><tenant>x</tenant></login>', 'application/xml');
    assertProblem(res, 415, 'unsupported_media_type', 'error.unsupportedMediaType');
  });

  test('a validation error is a 400 problem whose errors[] name each field in Dutch', async () => {
    const res = await postLogin({ tenant: tenant.slug, email: 'not-an-address', password: '' });
    const problem = assertProblem(res, 400, 'validation', 'error.validation');
    assert.deepEqual(problem.errors, [
      { field: 'email', message: nl['field.email'] },
      { field: 'password', message: nl['field.required'] },
    ]);
    const missing = assertProblem(await postLogin({ tenant: tenant.slug, password: 'x' }), 400, 'validation');
    assert.deepEqual(
      missing.errors?.map((e) => e.field),
      ['email'],
    );
    const extra = assertProblem(
      await postLogin({ tenant: tenant.slug, email: 'a@example.nl', password: 'x', admin: true }),
      400,
      'validation',
    );
    assert.deepEqual(
      extra.errors?.map((e) => e.field),
      ['admin'],
      'an unknown field is refused and named, not silently ignored',
    );
    // A field that may be text or empty (null) fails once per alternative; the client gets one message for it.
    const patch = assertProblem(
      await call(app, session, 'PATCH', '/api/v1/me', { phone: 'call me maybe', locale: 'de' }),
      400,
      'validation',
    );
    assert.deepEqual(patch.errors, [
      { field: 'phone', message: nl['field.invalid'] },
      { field: 'locale', message: nl['field.invalid'] },
    ]);
    const param = assertProblem(
      await call(app, session, 'DELETE', '/api/v1/me/sessions/not-a-uuid'),
      400,
      'validation',
    );
    assert.deepEqual(
      param.errors?.map((e) => e.field),
      ['id'],
    );
  });

  test('an unknown API path is a 404 problem, also when a browser asks', async () => {
    assertProblem(await app.inject({ url: '/api/v1/no-such-thing' }), 404, 'not_found', 'error.notFound');
    assertProblem(
      await app.inject({ url: '/api/v1/no-such-thing', headers: { accept: 'text/html' } }),
      404,
      'not_found',
    );
    assertProblem(await app.inject({ method: 'DELETE', url: '/api/v1/areas' }), 404, 'not_found');
  });

  test('an unknown page is a Dutch HTML page with the reference of the request', async () => {
    const res = await app.inject({ url: '/geen-pagina-hier', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(res.body, /<html lang="nl"/);
    assert.ok(res.body.includes(nl['error.notFound']));
    assert.ok(res.body.includes(`${nl['error.reference']}:`));
    const reference = /<code class="utrecht-code">([^<]+)<\/code>/.exec(res.body)?.[1];
    assert.match(reference ?? '', UUID, 'the page shows the request reference');
    // The reference is unique per request.
    const again = await app.inject({ url: '/geen-pagina-hier', headers: { accept: 'text/html' } });
    assert.notEqual(/<code class="utrecht-code">([^<]+)<\/code>/.exec(again.body)?.[1], reference);
  });

  test('pages are sent with a strict content security policy and the other security headers', async () => {
    for (const url of ['/', `/inloggen?tenant=${tenant.slug}`, '/geen-pagina-hier']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      const csp = String(res.headers['content-security-policy']);
      assert.ok(!csp.includes('unsafe-inline'), `${url}: no inline scripts or styles`);
      assert.ok(!csp.includes('unsafe-eval'), `${url}: no eval`);
      assert.match(csp, /frame-ancestors 'none'/, `${url}: cannot be framed`);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /form-action 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      // URLs can carry personal data or tokens (a reset link): other sites get at most our origin.
      assert.ok(
        ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(
          String(res.headers['referrer-policy']),
        ),
        `${url}: referrer policy ${String(res.headers['referrer-policy'])}`,
      );
      assert.equal(res.headers['cache-control'], 'no-store', `${url}: personal pages are not cached`);
      assert.equal(res.headers['x-powered-by'], undefined);
    }
  });

  test('API answers with personal data are not cached', async () => {
    const res = await call(app, session, 'GET', '/api/v1/me');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  test('/healthz and /readyz answer 200', async () => {
    const health = await app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  test('/api/openapi.json is OpenAPI 3.1 and describes every /api/v1 route', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const spec = res.json<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    }>();
    assert.match(spec.openapi, /^3\.1\./);
    assert.equal(spec.info.title, 'Wijkkracht API');
    const apiRoutes = declaredRoutes(app).filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    assert.ok(apiRoutes.length >= 15);
    const missing = apiRoutes.filter((r) => {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      return !spec.paths[path]?.[r.method.toLowerCase()];
    });
    assert.deepEqual(
      missing.map((r) => `${r.method} ${r.url}`),
      [],
      'every API route is documented',
    );
    // Pages and documentation internals are not part of the API description.
    assert.ok(
      Object.keys(spec.paths).every((p) => p.startsWith('/api/v1/') || p === '/healthz' || p === '/readyz'),
    );
  });

  test('/api/docs serves the documentation page', async () => {
    const res = await app.inject({ url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /swagger/i);
  });
});
