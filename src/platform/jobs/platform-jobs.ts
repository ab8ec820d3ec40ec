import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';
import { deliverPending, smtpTransport } from '../mail/index.js';
import type { Scheduler } from './index.js';
import { sql } from 'drizzle-orm';

/** Housekeeping the platform itself needs: mail delivery and removal of expired sessions and links. */
export async function registerPlatformJobs(
  scheduler: Scheduler,
  db: Database,
  config: Config,
): Promise<void> {
  const transport = config.smtp ? await smtpTransport(config.smtp) : undefined;
  scheduler.register('platform.housekeeping', async () => {
    await db.drizzle.execute(sql`delete from sessions where expires_at < now()`);
    await db.drizzle.execute(sql`delete from password_resets where expires_at < now() - interval '7 days'`);
    await db.drizzle.execute(sql`delete from oidc_logins where expires_at < now()`);
    if (transport) await deliverPending(db, transport, config.mailFrom);
    // Runs again in a minute; the dedupe key keeps exactly one pending.
    await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'platform.housekeeping',
        runAt: new Date(Date.now() + 60000),
        dedupeKey: 'platform',
      }),
    );
  });
  await db.system((tx) =>
    scheduler.schedule(tx, { kind: 'platform.housekeeping', runAt: new Date(), dedupeKey: 'platform' }),
  );
}
