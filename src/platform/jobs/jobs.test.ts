import { test, describe, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { rows, type Database } from '../db/index.js';
import { testDatabase } from '../../../test/helpers/db.js';
import { jobs } from './tables.js';
import { createScheduler, defaultBackoff, fakeClock, type JobHandler } from './index.js';

const openTestDatabase = testDatabase;

async function createTenant(db: Database, slug: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db.drizzle,
    sql`insert into tenants(slug,name,theme,settings) values (${slug},'X','{}','{}') returning id`,
  );
  return row!.id;
}

async function jobState(db: Database, id: string): Promise<typeof jobs.$inferSelect> {
  const [row] = await db.drizzle.select().from(jobs).where(eq(jobs.id, id));
  assert.ok(row, `job ${id} exists`);
  return row;
}

const T0 = new Date('2030-01-07T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const quiet = { error: () => undefined };

describe('job scheduler', () => {
  let db: Database;
  let tenantId: string;

  before(async () => {
    db = await openTestDatabase();
    tenantId = await createTenant(db, `jobs-${Date.now()}`);
  });

  // Every pass runs all due jobs, so each test starts from an empty queue.
  beforeEach(async () => {
    await db.drizzle.execute(sql`delete from jobs`);
  });

  test('a job does not run before its time and runs after it', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    const seen: Parameters<JobHandler>[0][] = [];
    scheduler.register('reminder', async (job) => {
      seen.push(job);
    });
    const id = await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'reminder',
        payload: { referralId: 'r1' },
        runAt: new Date(T0.getTime() + 48 * HOUR),
      }),
    );

    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 });
    clock.advance(48 * HOUR - 1);
    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 });
    clock.advance(1);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });

    assert.deepEqual(seen, [
      { id, tenantId: null, kind: 'reminder', payload: { referralId: 'r1' }, attempts: 1 },
    ]);
    const state = await jobState(db, id);
    assert.equal(state.doneAt?.getTime(), T0.getTime() + 48 * HOUR);
    assert.equal(state.lockedBy, null);

    clock.advance(HOUR);
    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 }, 'a done job does not run again');
  });

  test('scheduling the same kind and dedupe key twice keeps one job, at the new time', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    const payloads: unknown[] = [];
    scheduler.register('deadline', async (job) => {
      payloads.push(job.payload);
    });

    const first = await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'deadline',
        dedupeKey: 'referral:1',
        payload: { v: 1 },
        runAt: new Date(T0.getTime() + HOUR),
      }),
    );
    const second = await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'deadline',
        dedupeKey: 'referral:1',
        payload: { v: 2 },
        runAt: new Date(T0.getTime() + 2 * HOUR),
      }),
    );
    // The same key under another kind is a different job.
    const other = await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'check-in',
        dedupeKey: 'referral:1',
        runAt: new Date(T0.getTime() + 3 * HOUR),
      }),
    );
    assert.equal(second, first);
    assert.notEqual(other, first);
    const [count] = await rows<{ n: number }>(
      db.drizzle,
      sql`select count(*)::int as n from jobs where kind = 'deadline'`,
    );
    assert.equal(count!.n, 1);

    clock.advance(HOUR);
    assert.equal((await scheduler.runDue()).ran, 0, 'rescheduled to the later time');
    clock.advance(HOUR);
    assert.equal((await scheduler.runDue()).ran, 1);
    assert.deepEqual(payloads, [{ v: 2 }]);

    // Scheduling a key again after its job ran re-arms the same row.
    const again = await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'deadline',
        dedupeKey: 'referral:1',
        payload: { v: 3 },
        runAt: new Date(T0.getTime() + 5 * HOUR),
      }),
    );
    assert.equal(again, first);
    const state = await jobState(db, first);
    assert.equal(state.doneAt, null);
    assert.equal(state.attempts, 0);
  });

  test('a failing handler is retried with backoff and ends failed after max attempts', async () => {
    const clock = fakeClock(T0);
    const errors: unknown[] = [];
    const scheduler = createScheduler(db, { clock, logger: { error: (obj) => errors.push(obj) } });
    let calls = 0;
    scheduler.register('flaky', async () => {
      calls++;
      throw new Error(`mail server down (${calls})`);
    });
    const id = await db.system((tx) => scheduler.schedule(tx, { kind: 'flaky', runAt: T0, maxAttempts: 3 }));

    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 1 });
    let state = await jobState(db, id);
    assert.equal(state.attempts, 1);
    assert.equal(state.failedAt, null);
    assert.equal(state.lockedBy, null);
    assert.match(state.lastError ?? '', /mail server down \(1\)/);
    assert.equal(state.runAt.getTime(), T0.getTime() + defaultBackoff(1));

    clock.advance(defaultBackoff(1) - 1);
    assert.equal((await scheduler.runDue()).ran, 0, 'not before the backoff');
    clock.advance(1);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 1 });
    state = await jobState(db, id);
    assert.equal(state.attempts, 2);
    assert.ok(defaultBackoff(2) > defaultBackoff(1), 'backoff grows');
    assert.equal(state.runAt.getTime(), clock.now().getTime() + defaultBackoff(2));

    clock.advance(defaultBackoff(2));
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 1 });
    state = await jobState(db, id);
    assert.equal(state.attempts, 3);
    assert.equal(state.failedAt?.getTime(), clock.now().getTime());
    assert.match(state.lastError ?? '', /mail server down \(3\)/);

    clock.advance(24 * HOUR);
    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 }, 'a failed job is not retried');
    assert.equal(calls, 3);
    assert.equal(errors.length, 3);
  });

  test('a job rescheduled while it runs runs again at the new time', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    const runs: unknown[] = [];
    scheduler.register('stale-data', async (job) => {
      runs.push(job.payload);
      if (runs.length === 1) {
        // The record changed meanwhile and its module pushes the reminder back.
        await db.system((tx) =>
          scheduler.schedule(tx, {
            kind: 'stale-data',
            dedupeKey: 'area:1',
            payload: { v: 2 },
            runAt: new Date(T0.getTime() + HOUR),
          }),
        );
      }
    });
    const id = await db.system((tx) =>
      scheduler.schedule(tx, { kind: 'stale-data', dedupeKey: 'area:1', payload: { v: 1 }, runAt: T0 }),
    );
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    const state = await jobState(db, id);
    assert.equal(state.doneAt, null, 'the finished run did not swallow the new schedule');
    assert.equal(state.runAt.getTime(), T0.getTime() + HOUR);
    clock.advance(HOUR);
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    assert.deepEqual(runs, [{ v: 1 }, { v: 2 }]);
    assert.ok((await jobState(db, id)).doneAt);
  });

  test('a job of a kind without a handler is marked failed with a clear error', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    const id = await db.system((tx) => scheduler.schedule(tx, { kind: 'nobody-handles-this', runAt: T0 }));
    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 1 });
    const state = await jobState(db, id);
    assert.ok(state.failedAt);
    assert.match(state.lastError ?? '', /no handler registered for job kind 'nobody-handles-this'/);
  });

  test('a job whose worker crashed is run by another worker once the lease expires', async () => {
    const clock = fakeClock(T0);
    const leaseMs = 5 * MINUTE;
    const workerB = createScheduler(db, { clock, workerId: 'worker-B', leaseMs, logger: quiet });
    const ranBy: string[] = [];
    workerB.register('follow-up', async (job) => {
      ranBy.push(`B:${job.attempts}`);
    });
    const id = await db.system((tx) => workerB.schedule(tx, { kind: 'follow-up', runAt: T0 }));

    // Worker A claimed the job and then died.
    await db.drizzle.execute(
      sql`update jobs set locked_by = 'worker-A', locked_until = ${new Date(T0.getTime() + leaseMs).toISOString()}::timestamptz,
          attempts = 1 where id = ${id}`,
    );

    assert.equal((await workerB.runDue()).ran, 0, 'the lease of A keeps B away');
    clock.advance(leaseMs - 1);
    assert.equal((await workerB.runDue()).ran, 0);
    clock.advance(1);
    assert.deepEqual(await workerB.runDue(), { ran: 1, failed: 0 });
    assert.deepEqual(ranBy, ['B:2']);
    const state = await jobState(db, id);
    assert.ok(state.doneAt);
    assert.equal(state.lockedBy, null);
    assert.equal(state.attempts, 2);
  });

  test('a job whose lease expired on its last attempt ends failed', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, leaseMs: MINUTE, logger: quiet });
    scheduler.register('once', async () => undefined);
    const id = await db.system((tx) => scheduler.schedule(tx, { kind: 'once', runAt: T0, maxAttempts: 1 }));
    await db.drizzle.execute(
      sql`update jobs set locked_by = 'worker-A', locked_until = ${new Date(T0.getTime() + MINUTE).toISOString()}::timestamptz,
          attempts = 1 where id = ${id}`,
    );
    clock.advance(MINUTE);
    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 });
    const state = await jobState(db, id);
    assert.ok(state.failedAt);
    assert.match(state.lastError ?? '', /lease of worker-A expired/);
  });

  test('two schedulers on one database run each job exactly once', async () => {
    const clock = fakeClock(T0);
    const a = createScheduler(db, { clock, workerId: 'a', logger: quiet });
    const b = createScheduler(db, { clock, workerId: 'b', logger: quiet });
    const runs = new Map<string, string[]>();
    const handler =
      (worker: string): JobHandler =>
      async (job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), worker]);
        // Yield so the other scheduler gets a turn while this job is "running".
        await new Promise((resolve) => setImmediate(resolve));
      };
    a.register('bulk', handler('a'));
    b.register('bulk', handler('b'));

    const ids = await db.system(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++)
        out.push(await a.schedule(tx, { kind: 'bulk', payload: { i }, runAt: T0 }));
      return out;
    });

    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    assert.equal(ra.ran + rb.ran, 20);
    assert.ok(ra.ran > 0 && rb.ran > 0, `both took part: a ${ra.ran}, b ${rb.ran}`);
    assert.equal(ra.failed + rb.failed, 0);
    for (const id of ids)
      assert.equal(runs.get(id)?.length, 1, `job ${id} ran once: ${runs.get(id)?.join(',')}`);
    assert.equal(runs.size, 20);
    const [pending] = await rows<{ n: number }>(
      db.drizzle,
      sql`select count(*)::int as n from jobs where done_at is null`,
    );
    assert.equal(pending!.n, 0);
  });

  test('jobs survive a restart: a new scheduler runs jobs scheduled by the old one', async () => {
    const clock = fakeClock(T0);
    const oldInstance = createScheduler(db, { clock, workerId: 'old', logger: quiet });
    oldInstance.register('check-in', async () => assert.fail('the old instance is gone'));
    const id = await db.system((tx) =>
      oldInstance.schedule(tx, {
        kind: 'check-in',
        payload: { household: 'h1' },
        runAt: new Date(T0.getTime() + 7 * 24 * HOUR),
      }),
    );
    await oldInstance.stop();

    clock.advance(7 * 24 * HOUR);
    const newInstance = createScheduler(db, { clock, workerId: 'new', logger: quiet });
    const seen: unknown[] = [];
    newInstance.register('check-in', async (job) => {
      seen.push(job.payload);
    });
    assert.deepEqual(await newInstance.runDue(), { ran: 1, failed: 0 });
    assert.deepEqual(seen, [{ household: 'h1' }]);
    assert.ok((await jobState(db, id)).doneAt);
  });

  test('cancel removes the pending job', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    let calls = 0;
    scheduler.register('deadline', async () => {
      calls++;
    });
    await db.system((tx) => scheduler.schedule(tx, { kind: 'deadline', dedupeKey: 'referral:2', runAt: T0 }));
    await db.system((tx) => scheduler.schedule(tx, { kind: 'deadline', dedupeKey: 'referral:3', runAt: T0 }));

    assert.equal(await db.system((tx) => scheduler.cancel(tx, 'deadline', 'referral:2')), true);
    assert.equal(
      await db.system((tx) => scheduler.cancel(tx, 'deadline', 'referral:2')),
      false,
      'already gone',
    );
    assert.equal(
      await db.system((tx) => scheduler.cancel(tx, 'other-kind', 'referral:3')),
      false,
      'kind must match',
    );

    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    assert.equal(calls, 1);
    assert.equal(
      await db.system((tx) => scheduler.cancel(tx, 'deadline', 'referral:3')),
      false,
      'a job that ran is not pending',
    );
  });

  test('a job scheduled in a rolled-back transaction does not exist', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    scheduler.register('reminder', async () => assert.fail('must not run'));
    await assert.rejects(
      db.system(async (tx) => {
        await scheduler.schedule(tx, { kind: 'reminder', runAt: T0 });
        throw new Error('use case failed');
      }),
      /use case failed/,
    );
    assert.deepEqual(await scheduler.runDue(), { ran: 0, failed: 0 });
  });

  test('schedule and cancel inside db.tenant work for that tenant', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    const seen: (string | null)[] = [];
    scheduler.register('tenant-reminder', async (job) => {
      seen.push(job.tenantId);
      // A handler does tenant work in the job's tenant.
      const [row] = await db.tenant(job.tenantId!, (tx) =>
        rows<{ n: number }>(tx, sql`select count(*)::int as n from jobs where id = ${job.id}`),
      );
      assert.equal(row!.n, 1);
    });

    const id = await db.tenant(tenantId, (tx) =>
      scheduler.schedule(tx, { kind: 'tenant-reminder', tenantId, dedupeKey: 'signal:1', runAt: T0 }),
    );
    assert.equal((await jobState(db, id)).tenantId, tenantId);

    // Without tenantId row-level security rejects the insert, with a message that says why.
    await assert.rejects(
      db.tenant(tenantId, (tx) => scheduler.schedule(tx, { kind: 'tenant-reminder', runAt: T0 })),
      /inside db\.tenant\(\.\.\.\) set tenantId to that tenant/,
    );

    // Another tenant neither sees nor cancels the job, nor takes over its dedupe key.
    const otherTenant = await createTenant(db, `jobs-other-${Date.now()}`);
    assert.equal(
      await db.tenant(otherTenant, (tx) => scheduler.cancel(tx, 'tenant-reminder', 'signal:1')),
      false,
    );
    await assert.rejects(
      db.tenant(otherTenant, (tx) =>
        scheduler.schedule(tx, {
          kind: 'tenant-reminder',
          tenantId: otherTenant,
          dedupeKey: 'signal:1',
          runAt: T0,
        }),
      ),
      /in use by another tenant/,
    );
    await assert.rejects(
      db.system((tx) =>
        scheduler.schedule(tx, {
          kind: 'tenant-reminder',
          tenantId: otherTenant,
          dedupeKey: 'signal:1',
          runAt: T0,
        }),
      ),
      /in use by another tenant/,
    );

    assert.deepEqual(await scheduler.runDue(), { ran: 1, failed: 0 });
    assert.deepEqual(seen, [tenantId]);

    const id2 = await db.tenant(tenantId, (tx) =>
      scheduler.schedule(tx, {
        kind: 'tenant-reminder',
        tenantId,
        dedupeKey: 'signal:2',
        runAt: new Date(T0.getTime() + HOUR),
      }),
    );
    assert.equal(
      await db.tenant(tenantId, (tx) => scheduler.cancel(tx, 'tenant-reminder', 'signal:2')),
      true,
    );
    assert.equal((await db.drizzle.select().from(jobs).where(eq(jobs.id, id2))).length, 0);
  });

  test('start() polls on its own and stop() waits for the running pass', async () => {
    const clock = fakeClock(T0);
    const scheduler = createScheduler(db, { clock, logger: quiet });
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      scheduler.register('slow', async () => {
        resolve();
        await new Promise<void>((r) => (release = r));
      });
    });
    await db.system((tx) => scheduler.schedule(tx, { kind: 'slow', runAt: T0 }));

    scheduler.start(10);
    await started;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(stopped, false, 'stop waits for the job that is running');
    release();
    await stopping;
    const [row] = await rows<{ done: boolean }>(
      db.drizzle,
      sql`select done_at is not null as done from jobs where kind = 'slow'`,
    );
    assert.equal(row!.done, true);
  });
});
