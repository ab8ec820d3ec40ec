import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { testDatabase } from '../../../test/helpers/db.js';
import { aTenant } from '../../../test/helpers/factories.js';
import { deliverPending, queueMail } from './index.js';
import { mailOutbox } from './tables.js';

describe('mail outbox', () => {
  test('one pass empties a busy outbox; a failing message is tried once and kept with its error', async () => {
    const db = await testDatabase();
    const tenant = await aTenant(db);
    const to = (i: number) => `bewoner${i}@${tenant.slug}.example`;
    const ids = await db.system(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 120; i++)
        out.push(
          await queueMail(tx, { tenantId: tenant.id, to: to(i), subject: `Bericht ${i}`, text: 'Hallo' }),
        );
      return out;
    });
    const attempts = new Map<string, number>();
    const transport = {
      send: async (m: { to: string }) => {
        attempts.set(m.to, (attempts.get(m.to) ?? 0) + 1);
        if (m.to === to(7)) throw new Error('mailbox unavailable');
      },
    };
    await deliverPending(db, transport, 'noreply@example.nl');

    const rows = await db.drizzle.select().from(mailOutbox).where(eq(mailOutbox.tenantId, tenant.id));
    assert.equal(rows.length, ids.length);
    const failed = rows.filter((r) => !r.sentAt);
    assert.deepEqual(
      failed.map((r) => r.toAddress),
      [to(7)],
    );
    assert.match(failed[0]!.lastError ?? '', /mailbox unavailable/);
    assert.equal(attempts.get(to(7)), 1);
    assert.ok(
      [...attempts.entries()].every(([, n]) => n === 1),
      'nothing is sent twice',
    );
  });
});
