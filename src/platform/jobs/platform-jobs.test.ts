import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { testConfig } from '../../../test/helpers/app.js';
import { testDatabase } from '../../../test/helpers/db.js';
import { aTenant, aUser } from '../../../test/helpers/factories.js';
import { sessions } from '../auth/tables.js';
import { mailOutbox } from '../mail/tables.js';
import { queueMail } from '../mail/index.js';
import { createScheduler } from './index.js';
import { registerPlatformJobs } from './platform-jobs.js';

describe('platform housekeeping job', () => {
  test('removes expired sessions and hands outbox mail to the log when there is no SMTP', async () => {
    const db = await testDatabase();
    const tenant = await aTenant(db);
    const user = await aUser(db, tenant);
    const [expired] = await db.drizzle
      .insert(sessions)
      .values({
        tenantId: tenant.id,
        userId: user.id,
        tokenHash: `expired-${user.id}`,
        csrfToken: 'x',
        method: 'password',
        expiresAt: new Date(Date.now() - 1000),
      })
      .returning();
    const mailId = await db.system((tx) =>
      queueMail(tx, { tenantId: tenant.id, to: user.email, subject: 'Test onderwerp', text: 'Hallo' }),
    );

    const logged: object[] = [];
    const logger = { info: (obj: object) => void logged.push(obj), error: () => undefined };
    await db.drizzle.execute(sql`delete from jobs where kind = 'platform.housekeeping'`);
    const scheduler = createScheduler(db, { logger });
    await registerPlatformJobs(scheduler, db, testConfig({ WIJKKRACHT_DEMO: 'true' }), logger);
    const { ran, failed } = await scheduler.runDue();

    assert.equal(failed, 0);
    assert.ok(ran >= 1);
    assert.equal((await db.drizzle.select().from(sessions).where(eq(sessions.id, expired!.id))).length, 0);
    const [mail] = await db.drizzle.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
    assert.ok(mail?.sentAt, 'the demo mail is marked as delivered to the log');
    assert.ok(JSON.stringify(logged).includes('Test onderwerp'));
    // The job re-arms itself for the next pass.
    const [next] = await db.drizzle
      .execute<{ n: number }>(
        sql`select count(*)::int as n from jobs where kind = 'platform.housekeeping' and done_at is null`,
      )
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    assert.equal(Number(next?.n), 1);
  });

  test('outside the demo the log gets no address or message text', async () => {
    const { logTransport } = await import('./platform-jobs.js');
    const logged: object[] = [];
    await logTransport({ info: (o) => void logged.push(o) }, false).send({
      from: 'a@b.nl',
      to: 'inwoner@example.nl',
      subject: 'Onderwerp',
      text: 'Geheime inhoud',
    });
    const text = JSON.stringify(logged);
    assert.ok(!text.includes('inwoner@example.nl'));
    assert.ok(!text.includes('Geheime inhoud'));
  });
});
