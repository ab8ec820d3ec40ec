// The authorization table: every route declares who may call it, and the declaration holds for every role.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import Fastify from 'fastify';
import type { App } from '../../src/app.js';
import {
  can,
  permissionGrants,
  roles,
  type Permission,
  type Role,
} from '../../src/platform/auth/permissions.js';
import type { Database } from '../../src/platform/db/index.js';
import {
  declaredRoutes,
  enforceAccessDeclarations,
  type DeclaredRoute,
} from '../../src/platform/http/hooks.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, type Session } from '../helpers/factories.js';
import { type ProblemBody } from '../api/support.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const isPermission = (access: string): access is Permission => Object.hasOwn(permissionGrants, access);

/** A concrete URL for a route pattern: every parameter a fresh uuid, wildcards a harmless name. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, () => randomUUID()).replace(/\*/g, 'x');
}

/** The call a client would make, with a minimal body on state-changing methods. */
function request(app: App, session: Session | undefined, route: DeclaredRoute) {
  const method = route.method as Method;
  const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? {} : undefined;
  return call(app, session, method, concrete(route.url), body);
}

function describeAnswer(route: DeclaredRoute, who: string, res: { statusCode: number; body: string }) {
  return `${route.method} ${route.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`;
}

describe('authorization table', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let routes: readonly DeclaredRoute[];
  const sessions = new Map<Role, Session>();
  const userIds = new Map<Role, string>();

  before(async () => {
    ({ app, db } = await testApp());
    // Roles count fully here: two-factor rules are tested on their own.
    tenant = await aTenant(db, { settings: { requireTwoFactorForRoles: [] } });
    const users = await Promise.all(roles.map((role) => aUser(db, tenant, { roles: [role] })));
    const logins = await Promise.all(users.map((u) => logIn(app, tenant, u)));
    roles.forEach((role, i) => {
      sessions.set(role, logins[i]!);
      userIds.set(role, users[i]!.id);
    });
    routes = declaredRoutes(app).filter((r) => r.method !== 'HEAD');
  });

  test('every route of the application declares who may call it', () => {
    const all = declaredRoutes(app);
    assert.ok(all.length > 20, `the registry is filled (${all.length} routes)`);
    for (const r of all) {
      assert.ok(
        r.access === 'public' || r.access === 'two-factor-pending' || isPermission(r.access),
        `${r.method} ${r.url} declares an unknown access "${r.access}"`,
      );
      assert.ok(
        app.hasRoute({ method: r.method as Method, url: r.url }),
        `${r.method} ${r.url} is a real route`,
      );
    }
    // Spot checks: the registry knows what the application serves.
    const find = (method: string, url: string) =>
      all.find((r) => r.method === method && r.url === url)?.access;
    assert.equal(find('POST', '/api/v1/auth/login'), 'public');
    assert.equal(find('GET', '/api/v1/me'), 'account:own');
    assert.equal(find('GET', '/api/v1/admin/users/:id'), 'users:read');
    assert.equal(
      find('HEAD', '/api/v1/admin/users/:id'),
      'users:read',
      'the automatic HEAD route keeps the rule',
    );
    assert.equal(find('GET', '/inloggen/code'), 'two-factor-pending');
  });

  test('a route without config.access stops the application from starting', async () => {
    const bare = Fastify();
    enforceAccessDeclarations(bare);
    assert.throws(() => bare.get('/forgotten', async () => 'open'), /GET \/forgotten declares no access/);
    bare.get('/declared', { config: { access: 'users:read' } }, async () => 'closed');
    assert.deepEqual(
      declaredRoutes(bare).map((r) => `${r.method} ${r.url} ${r.access}`),
      ['GET /declared users:read', 'HEAD /declared users:read'],
    );
    await bare.close();

    // Also from inside a plugin, where the error surfaces when the application gets ready.
    const viaPlugin = Fastify();
    enforceAccessDeclarations(viaPlugin);
    viaPlugin.register(async (scope) => {
      scope.post('/api/v1/forgotten', async () => 'open');
    });
    await assert.rejects(async () => viaPlugin.ready(), /POST \/api\/v1\/forgotten declares no access/);
  });

  test('the platform permissions are granted as PRODUCT.md describes', () => {
    for (const role of roles) assert.ok(can([role], 'account:own'), `${role} manages their own account`);
    for (const p of ['users:read', 'users:manage', 'audit:search'] as const) {
      assert.deepEqual([...permissionGrants[p]], ['administrator'], `${p} is for administrators only`);
    }
    assert.equal(can([], 'account:own'), false, 'no roles, no permissions');
  });

  test('without a session every protected route answers 401', async () => {
    const protectedRoutes = routes.filter((r) => r.access !== 'public');
    assert.ok(protectedRoutes.length >= 10);
    for (const route of protectedRoutes) {
      const res = await request(app, undefined, route);
      assert.equal(res.statusCode, 401, describeAnswer(route, 'anonymous', res));
      if (route.url.startsWith('/api/')) assert.equal(res.json<ProblemBody>().code, 'unauthenticated');
    }
  });

  test('for every role: a route whose permission the role lacks answers 403, one it has is let through', async () => {
    const permissionRoutes = routes.filter((r) => isPermission(r.access));
    let allowed = 0;
    let refused = 0;
    for (const route of permissionRoutes) {
      for (const role of roles) {
        const res = await request(app, sessions.get(role), route);
        const answer = describeAnswer(route, role, res);
        if (can([role], route.access as Permission)) {
          allowed++;
          assert.ok(![401, 403].includes(res.statusCode), `should be let through: ${answer}`);
          assert.ok(res.statusCode < 500, `no server error: ${answer}`);
        } else {
          refused++;
          assert.equal(res.statusCode, 403, `should be refused: ${answer}`);
          assert.equal(res.json<ProblemBody>().code, 'forbidden');
        }
      }
    }
    assert.ok(
      allowed > 0 && refused > 0,
      `both sides are exercised (${allowed} allowed, ${refused} refused)`,
    );
  });

  test('routes for the second login step refuse a full session and an anonymous caller', async () => {
    const pending = routes.filter((r) => r.access === 'two-factor-pending');
    assert.ok(pending.length > 0);
    for (const route of pending) {
      for (const session of [undefined, sessions.get('administrator')]) {
        const res = await request(app, session, route);
        assert.equal(
          res.statusCode,
          401,
          describeAnswer(route, session ? 'administrator' : 'anonymous', res),
        );
      }
    }
  });

  test('public routes answer without a session', async () => {
    for (const route of routes.filter((r) => r.access === 'public')) {
      const res = await request(app, undefined, route);
      assert.ok(![401, 403].includes(res.statusCode), describeAnswer(route, 'anonymous', res));
      assert.ok(res.statusCode < 500, describeAnswer(route, 'anonymous', res));
    }
  });

  test('a change of roles takes effect on the next request, without logging in again', async () => {
    const session = sessions.get('resident')!;
    const userId = userIds.get('resident')!;
    const admin = sessions.get('administrator')!;
    assert.equal((await call(app, session, 'GET', '/api/v1/admin/users')).statusCode, 403);
    const promote = await call(app, admin, 'PUT', `/api/v1/admin/users/${userId}/roles`, {
      roles: ['administrator'],
    });
    assert.equal(promote.statusCode, 200, promote.body);
    assert.equal((await call(app, session, 'GET', '/api/v1/admin/users')).statusCode, 200);
    const demote = await call(app, admin, 'PUT', `/api/v1/admin/users/${userId}/roles`, {
      roles: ['resident'],
    });
    assert.equal(demote.statusCode, 200, demote.body);
    assert.equal((await call(app, session, 'GET', '/api/v1/admin/users')).statusCode, 403);
  });
});
