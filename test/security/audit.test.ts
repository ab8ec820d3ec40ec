// The audit log: every read of someone's personal data is recorded, shown to that person, and cannot be undone.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { rows, type Database, type Tx } from '../../src/platform/db/index.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testApp } from '../helpers/app.js';
import { aTenant, aUser, call, logIn, type Session, type TestUser } from '../helpers/factories.js';
import { errorText } from '../api/support.js';

interface AuditDbRow {
  id: string | number;
  tenant_id: string;
  actor_user_id: string | null;
  actor_roles: string[];
  action: string;
  record_type: string;
  record_id: string;
  subject_user_id: string | null;
  purpose: string;
  ip: string | null;
  request_id: string | null;
}

interface AccessLogEntry {
  actorUserId: string | null;
  actorName: string | null;
  recordType: string;
  recordId: string;
  subjectUserId: string | null;
  purpose: string;
  action: string;
}

const SUCCEEDED = 'the statement was accepted';

describe('audit log', () => {
  let app: App;
  let db: Database;
  let tenant: Tenant;
  let admin: TestUser;
  let subject: TestUser;
  let bystander: TestUser;
  let adminSession: Session;
  let subjectSession: Session;

  const auditRows = (where: ReturnType<typeof sql>) =>
    db.system((tx) =>
      rows<AuditDbRow>(
        tx,
        sql`select * from audit_log where tenant_id = ${tenant.id} and ${where} order by id`,
      ),
    );

  before(async () => {
    ({ app, db } = await testApp());
    tenant = await aTenant(db);
    [admin, subject, bystander] = await Promise.all([
      aUser(db, tenant, { roles: ['administrator'], name: 'Bea Beheerder' }),
      aUser(db, tenant, { roles: ['resident'], name: 'Ingrid Inwoner' }),
      aUser(db, tenant, { roles: ['resident'], name: 'Bob Buurman' }),
    ]);
    [adminSession, subjectSession] = await Promise.all([
      logIn(app, tenant, admin),
      logIn(app, tenant, subject),
    ]);
  });

  test("an administrator reading a user's profile leaves an entry: who, what, whose, why and from where", async () => {
    const res = await call(app, adminSession, 'GET', `/api/v1/admin/users/${subject.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().name, 'Ingrid Inwoner');

    const entries = await auditRows(sql`actor_user_id = ${admin.id} and record_id = ${subject.id}`);
    assert.equal(entries.length, 1, 'exactly one entry for one read');
    const e = entries[0]!;
    assert.equal(e.action, 'read');
    assert.equal(e.record_type, 'user');
    assert.equal(e.record_id, subject.id);
    assert.equal(e.subject_user_id, subject.id);
    assert.deepEqual(e.actor_roles, ['administrator']);
    assert.equal(e.purpose, 'GET /api/v1/admin/users/:id');
    assert.equal(e.ip, '127.0.0.1');
    assert.ok(e.request_id, 'the request can be found in the log');
  });

  test('the user sees who viewed their data; their own reads are not listed', async () => {
    assert.equal((await call(app, subjectSession, 'GET', '/api/v1/me')).statusCode, 200);
    const ownReads = await auditRows(sql`actor_user_id = ${subject.id} and subject_user_id = ${subject.id}`);
    assert.ok(ownReads.length >= 1, 'own reads are audited as well');
    // The administrator looks at someone else: that is not the subject's business.
    assert.equal(
      (await call(app, adminSession, 'GET', `/api/v1/admin/users/${bystander.id}`)).statusCode,
      200,
    );

    const res = await call(app, subjectSession, 'GET', '/api/v1/me/access-log');
    assert.equal(res.statusCode, 200, res.body);
    const entries: AccessLogEntry[] = res.json().entries;
    const byAdmin = entries.filter((e) => e.actorUserId === admin.id);
    assert.equal(byAdmin.length, 1);
    assert.equal(byAdmin[0]!.actorName, 'Bea Beheerder');
    assert.equal(byAdmin[0]!.recordType, 'user');
    assert.equal(byAdmin[0]!.recordId, subject.id);
    assert.equal(byAdmin[0]!.purpose, 'GET /api/v1/admin/users/:id');
    assert.ok(
      entries.every((e) => e.actorUserId !== subject.id),
      'own reads are not listed',
    );
    assert.ok(
      entries.every((e) => e.subjectUserId === subject.id),
      "only entries about the user's own data",
    );
    assert.ok(!entries.some((e) => e.recordId === bystander.id));
  });

  test('a role without audit:search cannot search the log; an administrator can', async () => {
    const res = await call(app, subjectSession, 'GET', `/api/v1/admin/audit?subjectUserId=${subject.id}`);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'forbidden');

    const found = await call(
      app,
      adminSession,
      'GET',
      `/api/v1/admin/audit?recordType=user&recordId=${subject.id}`,
    );
    assert.equal(found.statusCode, 200, found.body);
    const entries: AccessLogEntry[] = found.json().entries;
    assert.ok(entries.some((e) => e.actorUserId === admin.id && e.action === 'read'));
    assert.ok(entries.every((e) => e.recordType === 'user' && e.recordId === subject.id));
  });

  test('audit rows cannot be updated, deleted or truncated with raw SQL, not by the application role nor by the owner', async () => {
    const [before] = await auditRows(sql`actor_user_id = ${admin.id} and record_id = ${subject.id}`);
    assert.ok(before);
    const attempts = [
      sql`update audit_log set purpose = 'nothing to see here', actor_user_id = null where id = ${before.id}`,
      sql`delete from audit_log where id = ${before.id}`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ];
    // Each attempt runs in a transaction that is rolled back even if the statement were accepted,
    // so a failing test cannot wipe the shared log.
    const attempt = (stmt: ReturnType<typeof sql>) => async (tx: Tx) => {
      await tx.execute(stmt);
      throw new Error(SUCCEEDED);
    };
    for (const stmt of attempts) {
      await assert.rejects(db.tenant(tenant.id, attempt(stmt)), (err) => {
        const text = errorText(err);
        assert.ok(!text.includes(SUCCEEDED), 'the application role was allowed to change the audit log');
        assert.match(text, /permission denied|append-only/);
        return true;
      });
      await assert.rejects(db.system(attempt(stmt)), (err) => {
        const text = errorText(err);
        assert.ok(!text.includes(SUCCEEDED), 'the table owner was allowed to change the audit log');
        assert.match(text, /append-only/);
        return true;
      });
    }
    const [after] = await auditRows(sql`id = ${before.id}`);
    assert.deepEqual(after, before, 'the row is unchanged');
  });

  test('the application role may add entries only for its own tenant', async () => {
    const other = await aTenant(db);
    await assert.rejects(
      db.tenant(tenant.id, (tx) =>
        tx.execute(
          sql`insert into audit_log (tenant_id, actor_roles, action, record_type, record_id, purpose) values (${other.id}, '{}', 'read', 'user', 'x', 'forged')`,
        ),
      ),
      (err) => /row-level security/i.test(errorText(err)),
    );
  });
});
