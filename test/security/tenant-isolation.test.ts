// Tenant isolation: one municipality never sees another's people, through the API or through the database.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { rows, type Database } from '../../src/platform/db/index.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../helpers/factories.js';
import { assertProblem, errorText } from '../api/support.js';

describe('tenant isolation', () => {
  let app: App;
  let db: Database;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let hostB: string;
  let adminA: Session;
  let adminB: Session;
  let residentA: TestUser;
  let residentB: TestUser;

  before(async () => {
    ({ app, db } = await testApp());
    tenantA = await aTenant(db, { withAreas: true });
    hostB = `b-${Date.now()}.gemeente.example`;
    tenantB = await aTenant(db, { hostnames: [hostB] });
    const shared = `same-person-${Date.now()}@example.nl`;
    const [a, b, ra, rb] = await Promise.all([
      aUser(db, tenantA, { roles: ['administrator'] }),
      aUser(db, tenantB, { roles: ['administrator'] }),
      aUser(db, tenantA, { name: 'Anna uit A', email: shared }),
      // The same e-mail address may exist in both municipalities, as two separate accounts.
      aUser(db, tenantB, { name: 'Bert uit B', email: shared, password: 'het wachtwoord van Bert in B' }),
    ]);
    residentA = ra!;
    residentB = rb!;
    [adminA, adminB] = await Promise.all([logIn(app, tenantA, a!), logIn(app, tenantB, b!)]);
    // Give B some audit rows, sessions and a reset mail, so there is something to leak.
    assert.equal((await call(app, adminB, 'GET', `/api/v1/admin/users/${residentB.id}`)).statusCode, 200);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { tenant: tenantB.slug, email: residentB.email },
    });
  });

  test('an administrator of A cannot read a user of B by id: 404, as if it did not exist', async () => {
    assert.equal((await call(app, adminA, 'GET', `/api/v1/admin/users/${residentA.id}`)).statusCode, 200);
    const res = await call(app, adminA, 'GET', `/api/v1/admin/users/${residentB.id}`);
    assertProblem(res, 404, 'not_found');
    assert.doesNotMatch(res.body, /Bert|example\.nl/);
  });

  test('an administrator of A cannot change the roles of a user of B', async () => {
    const res = await call(app, adminA, 'PUT', `/api/v1/admin/users/${residentB.id}/roles`, {
      roles: ['administrator'],
    });
    assertProblem(res, 404, 'not_found');
    const [row] = await db.system((tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from user_roles where user_id = ${residentB.id} and role = 'administrator'`,
      ),
    );
    assert.equal(Number(row!.n), 0);
  });

  test("A's user list holds A's users and none of B's", async () => {
    const listA = await call(app, adminA, 'GET', '/api/v1/admin/users');
    assert.equal(listA.statusCode, 200, listA.body);
    const idsA: string[] = listA.json().users.map((u: { id: string }) => u.id);
    assert.ok(idsA.includes(residentA.id));
    assert.ok(!idsA.includes(residentB.id));
    assert.doesNotMatch(listA.body, /Bert uit B/);
    const [owned] = await db.system((tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from users where id = any(${`{${idsA.join(',')}}`}::uuid[]) and tenant_id <> ${tenantA.id}`,
      ),
    );
    assert.equal(Number(owned!.n), 0, 'every listed user belongs to A');

    const idsB: string[] = (await call(app, adminB, 'GET', '/api/v1/admin/users'))
      .json()
      .users.map((u: { id: string }) => u.id);
    assert.ok(idsB.includes(residentB.id));
    assert.ok(!idsB.includes(residentA.id));
  });

  test('inside db.tenant(A) a query without any where clause returns only rows of A', async () => {
    const users = await db.tenant(tenantA.id, (tx) =>
      rows<{ id: string; tenant_id: string }>(tx, sql`select id, tenant_id from users`),
    );
    assert.ok(users.length >= 2);
    assert.ok(users.every((u) => u.tenant_id === tenantA.id));
    assert.ok(users.some((u) => u.id === residentA.id));
    assert.ok(!users.some((u) => u.id === residentB.id));

    // Every table that carries tenant_id, also those of modules added later.
    const tables = await db.system((tx) =>
      rows<{ table_name: string }>(
        tx,
        sql`select c.table_name from information_schema.columns c
            join information_schema.tables t using (table_schema, table_name)
            where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
            order by 1`,
      ),
    );
    const names = tables.map((t) => t.table_name);
    for (const expected of [
      'users',
      'sessions',
      'user_roles',
      'audit_log',
      'password_resets',
      'mail_outbox',
      'areas',
    ]) {
      assert.ok(names.includes(expected), `${expected} carries tenant_id`);
    }
    for (const table of names) {
      const [others] = await db.tenant(tenantA.id, (tx) =>
        rows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id is distinct from ${tenantA.id}`,
        ),
      );
      assert.equal(Number(others!.n), 0, `${table}: no rows of other tenants visible`);
      const [inB] = await db.system((tx) =>
        rows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantB.id}`,
        ),
      );
      if (['users', 'sessions', 'audit_log', 'mail_outbox'].includes(table)) {
        assert.ok(Number(inB!.n) > 0, `${table}: B does have rows, so the check above means something`);
      }
    }
  });

  test('the application role without a tenant setting sees nothing at all (fail closed)', async () => {
    const [seen] = await db.system(async (tx) => {
      await tx.execute(sql`set local role wijkkracht_app`);
      return rows<{ n: number }>(tx, sql`select count(*)::int as n from users`);
    });
    assert.equal(Number(seen!.n), 0);
  });

  test("inside db.tenant(A) a row with B's tenant_id cannot be written, and B's rows cannot be changed", async () => {
    const email = `planted-${Date.now()}@example.nl`;
    await assert.rejects(
      db.tenant(tenantA.id, (tx) =>
        tx.execute(
          sql`insert into users (tenant_id, email, name) values (${tenantB.id}, ${email}, 'Planted')`,
        ),
      ),
      (err) => /row-level security/i.test(errorText(err)),
    );
    const [planted] = await db.system((tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from users where email = ${email}`),
    );
    assert.equal(Number(planted!.n), 0);

    // Moving one of A's rows to B is refused too.
    await assert.rejects(
      db.tenant(tenantA.id, (tx) =>
        tx.execute(sql`update users set tenant_id = ${tenantB.id} where id = ${residentA.id}`),
      ),
      (err) => /row-level security/i.test(errorText(err)),
    );
    // B's rows are invisible to updates and deletes: nothing happens to them.
    await db.tenant(tenantA.id, async (tx) => {
      await tx.execute(sql`update users set name = 'Overwritten' where id = ${residentB.id}`);
      await tx.execute(sql`delete from sessions where tenant_id = ${tenantB.id}`);
    });
    const [b] = await db.system((tx) =>
      rows<{ name: string }>(tx, sql`select name from users where id = ${residentB.id}`),
    );
    assert.equal(b!.name, 'Bert uit B');
    assert.equal((await call(app, adminB, 'GET', '/api/v1/me')).statusCode, 200, "B's session survives");
  });

  test('a session of A stays in A whatever tenant the request names', async () => {
    const viaQuery = await call(app, adminA, 'GET', `/api/v1/admin/users?tenant=${tenantB.slug}`);
    if (viaQuery.statusCode === 200) {
      const ids: string[] = viaQuery.json().users.map((u: { id: string }) => u.id);
      assert.ok(!ids.includes(residentB.id), 'no user of B');
      assert.ok(ids.includes(residentA.id), "it is A's list");
    } else {
      assert.ok([401, 403, 404].includes(viaQuery.statusCode), viaQuery.body);
    }
    assertProblem(
      await call(app, adminA, 'GET', `/api/v1/admin/users/${residentB.id}?tenant=${tenantB.slug}`),
      404,
    );

    const me = await call(app, adminA, 'GET', `/api/v1/me?tenant=${tenantB.slug}`);
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.tenant, tenantA.slug);

    // Nor does B's host name move the session to B.
    const viaHost = await app.inject({
      url: `/api/v1/admin/users/${residentB.id}`,
      headers: { cookie: adminA.cookie, host: hostB },
    });
    assertProblem(viaHost, 404);
    const areas = await app.inject({ url: '/api/v1/areas', headers: { cookie: adminA.cookie, host: hostB } });
    assert.equal(areas.statusCode, 200);
    assert.equal(areas.json().areas.length, 4, "A's areas, not B's (B has none)");
  });

  test("A's password does not open the account with the same e-mail address in B", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenantB.slug, email: residentA.email, password: residentA.password },
    });
    assertProblem(res, 401, 'invalid_credentials');
  });
});
