import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';
import { deliverPending, smtpTransport, type MailTransport } from '../mail/index.js';
import type { Scheduler } from './index.js';

interface Logger {
  info(obj: object, msg?: string): void;
}

/**
 * Without SMTP the outbox is the mailbox. In the demo the whole message goes to the log, so a newcomer can
 * follow a reset link; otherwise the log gets no address or content (logs hold no personal data).
 */
export function logTransport(logger: Logger, demo: boolean): MailTransport {
  return {
    send: async (mail) => {
      if (demo)
        logger.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          'e-mail (demo, not sent)',
        );
      else logger.info({ subject: mail.subject }, 'e-mail kept in mail_outbox (no SMTP configured)');
    },
  };
}

/** Housekeeping the platform itself needs: mail delivery and removal of expired sessions and links. */
export async function registerPlatformJobs(
  scheduler: Scheduler,
  db: Database,
  config: Config,
  logger: Logger,
): Promise<void> {
  const transport = config.smtp ? await smtpTransport(config.smtp) : logTransport(logger, config.demo);
  scheduler.register('platform.housekeeping', async () => {
    await db.drizzle.execute(sql`delete from sessions where expires_at < now()`);
    await db.drizzle.execute(sql`delete from password_resets where expires_at < now() - interval '7 days'`);
    await db.drizzle.execute(sql`delete from oidc_logins where expires_at < now()`);
    await deliverPending(db, transport, config.mailFrom);
    // Runs again shortly; the dedupe key keeps exactly one pending.
    await db.system((tx) =>
      scheduler.schedule(tx, {
        kind: 'platform.housekeeping',
        runAt: new Date(Date.now() + 15000),
        dedupeKey: 'platform',
      }),
    );
  });
  await db.system((tx) =>
    scheduler.schedule(tx, { kind: 'platform.housekeeping', runAt: new Date(), dedupeKey: 'platform' }),
  );
}
