// The demo households: about 200, valid (made by the use cases), spread over every core with postcodes, the
// same on every install, with questions due, overdue and answered, assessments at intake and progress, and the
// demo consultant as case lead of the seeds' stories.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { rows, type Database } from '../../platform/db/index.js';
import { demoAccounts } from '../../platform/demo/index.js';
import type { Tenant } from '../../platform/tenancy/index.js';
import { testApp } from '../../../test/helpers/app.js';
import { aTenant, aUser, call, logIn, type TestUser } from '../../../test/helpers/factories.js';
import { DEMO_HOUSEHOLDS, loadCaseworkDemo } from './demo.js';

describe('casework: demo households', () => {
  let app: App;
  let db: Database;
  let secretKey: string;
  let tenant: Tenant;
  let consultant: TestUser;
  let resident: TestUser;
  let loadMs: number;

  const demoTenant = async () => {
    const t = await aTenant(db, { withAreas: true, settings: { requireTwoFactorForRoles: [] } });
    const users: Record<string, TestUser> = {};
    for (const a of demoAccounts) users[a.email] = await aUser(db, t, a);
    return { tenant: t, consultant: users['consulent@buch.demo']!, resident: users['inwoner@buch.demo']! };
  };

  before(async () => {
    const shared = await testApp();
    ({ app, db } = shared);
    secretKey = shared.config.secretKey;
    ({ tenant, consultant, resident } = await demoTenant());
    const started = performance.now();
    const result = await loadCaseworkDemo(db, tenant.id, secretKey);
    loadMs = performance.now() - started;
    assert.equal(result.households, DEMO_HOUSEHOLDS);
    console.log(`# casework demo: ${DEMO_HOUSEHOLDS} households in ${Math.round(loadMs)} ms (${db.kind})`);
  });

  const count = async (query: ReturnType<typeof sql>) => {
    const [r] = await db.system((tx) => rows<{ n: number }>(tx, query));
    return Number(r?.n ?? 0);
  };

  test('every core with postcodes has households; every household brought a question', async () => {
    const perCore = await db.system((tx) =>
      rows<{ name: string; n: number }>(
        tx,
        sql`select a.name, count(h.id)::int as n from areas a left join households h
              on h.area_id = a.id and h.tenant_id = a.tenant_id
            where a.tenant_id = ${tenant.id} and a.kind = 'core' group by a.name order by a.name`,
      ),
    );
    const empty = perCore.filter((c) => c.n === 0).map((c) => c.name);
    assert.deepEqual(empty, ['De Woude'], 'only the core without postcodes of its own has none');
    assert.equal(
      await count(
        sql`select count(*)::int as n from households where tenant_id = ${tenant.id} and area_id is null`,
      ),
      0,
    );
    assert.equal(
      await count(
        sql`select count(distinct household_id)::int as n from support_requests where tenant_id = ${tenant.id}`,
      ),
      DEMO_HOUSEHOLDS,
    );
  });

  test('the team overview has questions overdue, due soon and answered; the assessments show change', async () => {
    const session = await logIn(app, tenant, consultant);
    const overview = await call(app, session, 'GET', '/api/v1/support-requests');
    assert.equal(overview.statusCode, 200, overview.body);
    const { counts } = overview.json<{ counts: { overdue: number; today: number; open: number } }>();
    assert.ok(counts.overdue > 0, 'some questions slipped past their deadline');
    assert.ok(counts.open > counts.overdue, 'most open questions are still within their deadline');
    const answered = await count(
      sql`select count(*)::int as n from support_requests where tenant_id = ${tenant.id} and responded_at is not null`,
    );
    assert.ok(answered > DEMO_HOUSEHOLDS / 2, 'most questions were answered');
    const progress = await count(
      sql`select count(*)::int as n from assessments where tenant_id = ${tenant.id} and moment = 'progress'`,
    );
    assert.ok(progress > 10, 'there are progress assessments to compare with the intake');

    // Milena's story (004 §3.5): the consultant leads it; her spider web and ZRM improved.
    const mine = await call(app, session, 'POST', '/api/v1/households/lookup', {
      address: { postcode: '1911 MJ', house_number: 27 },
    });
    const [milena] = mine.json<{ matches: { household_id: string; contact: { id: string } }[] }>().matches;
    assert.equal(milena?.contact.id, consultant.id);
    const list = await call(app, session, 'GET', `/api/v1/households/${milena!.household_id}/assessments`);
    const finances = list
      .json<{ changes: { instrument: string; code: string; change: number }[] }>()
      .changes.find((c) => c.instrument === 'zrm' && c.code === 'finances');
    assert.equal(finances?.change, 2);
  });

  test('cases in every state: a plan, scaled up, handed back, closed with aftercare; the demo resident sees her plan', async () => {
    const n = (table: string, where = sql`true`) =>
      count(
        sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenant.id} and ${where}`,
      );
    assert.ok((await n('plan_goals')) > 100, 'most households have a plan');
    assert.ok((await n('plan_actions', sql`status = 'done'`)) > 10);
    assert.ok((await n('escalations', sql`returned_at is null`)) > 0, 'some cases are with an expert now');
    assert.ok((await n('escalations', sql`returned_at is not null`)) > 0, 'some came back for aftercare');
    assert.ok((await n('cases', sql`status = 'closed'`)) > 10, 'closed cases');
    assert.ok((await n('cases', sql`status = 'open'`)) > 100, 'most cases are open');
    assert.ok((await n('aftercare_check_ins', sql`done_at is not null`)) > 0, 'aftercare check-ins done');
    assert.ok((await n('aftercare_check_ins', sql`done_at is null`)) > 0, 'aftercare check-ins to come');

    const session = await logIn(app, tenant, resident);
    const mine = await call(app, session, 'GET', '/api/v1/my-plan');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.match(JSON.stringify(mine.json()), /Ik wil weer mensen om me heen hebben/);
  });

  test('the same households on every install', async () => {
    const other = await demoTenant();
    await loadCaseworkDemo(db, other.tenant.id, secretKey, 20);
    const ordered = (t: Tenant) =>
      db.system((tx) =>
        rows<{ v: string }>(
          tx,
          sql`select h.postcode || ' ' || h.house_number || ' ' || string_agg(p.family_name || ' ' || p.birth_date::text, ', ' order by m.position) as v
              from households h join household_members m on m.household_id = h.id and m.tenant_id = h.tenant_id
              join persons p on p.id = m.person_id and p.tenant_id = m.tenant_id
              where h.tenant_id = ${t.id} group by h.id, h.postcode, h.house_number, h.created_at order by h.created_at, h.postcode`,
        ),
      );
    const first = (await ordered(tenant)).map((r) => r.v).sort();
    const second = (await ordered(other.tenant)).map((r) => r.v).sort();
    assert.ok(second.length >= 20);
    for (const v of second) assert.ok(first.includes(v), `${v} is also in the full demo`);
  });
});
