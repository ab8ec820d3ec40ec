// `npm run migrate` runs at every start and on every upgrade: running it again must change nothing and
// must leave the database's own protections (row-level security, append-only audit log) in place.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../src/platform/db/index.js';
import { migrate } from '../../src/platform/db/migrate.js';
import type { Tenant } from '../../src/platform/tenancy/index.js';
import { testDatabase } from '../helpers/db.js';
import { aTenant, aUser, type TestUser } from '../helpers/factories.js';
import { errorText } from '../api/support.js';

interface Snapshot {
  migrations: number;
  tenants: number;
  users: number;
  policies: string[];
  triggers: string[];
}

async function snapshot(db: Database): Promise<Snapshot> {
  return db.system(async (tx) => {
    const [m] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const [t] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from tenants`);
    const [u] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from users`);
    const policies = await rows<{ p: string }>(
      tx,
      sql`select tablename || '.' || policyname as p from pg_policies where schemaname = 'public' order by 1`,
    );
    const triggers = await rows<{ t: string }>(
      tx,
      sql`select tgname as t from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by 1`,
    );
    return {
      migrations: Number(m!.n),
      tenants: Number(t!.n),
      users: Number(u!.n),
      policies: policies.map((r) => r.p),
      triggers: triggers.map((r) => r.t),
    };
  });
}

describe('migrations', () => {
  let db: Database;
  let tenant: Tenant;
  let user: TestUser;

  before(async () => {
    db = await testDatabase();
    tenant = await aTenant(db);
    user = await aUser(db, tenant);
  });

  test('migrate() is safe to run again on a database that is up to date', async () => {
    const before = await snapshot(db);
    assert.ok(before.migrations >= 2);
    assert.ok(before.policies.includes('users.tenant_isolation'));
    assert.deepEqual(before.triggers, ['audit_log_no_truncate', 'audit_log_no_update']);

    await migrate(db);
    await migrate(db);

    assert.deepEqual(await snapshot(db), before, 'no migration ran again, no data or protection changed');
  });

  test('after migrating again, tenants are still isolated and the audit log is still append-only', async () => {
    const other = await aTenant(db);
    const visible = await db.tenant(other.id, (tx) => rows<{ id: string }>(tx, sql`select id from users`));
    assert.ok(!visible.some((u) => u.id === user.id));
    const own = await db.tenant(tenant.id, (tx) => rows<{ id: string }>(tx, sql`select id from users`));
    assert.deepEqual(
      own.map((u) => u.id),
      [user.id],
    );

    await assert.rejects(
      db.tenant(tenant.id, async (tx) => {
        await tx.execute(sql`update audit_log set purpose = 'x'`);
        throw new Error('the statement was accepted');
      }),
      (err) => /permission denied/.test(errorText(err)),
    );
  });
});
