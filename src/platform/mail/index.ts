// E-mail goes through an outbox table in the same transaction as the change that causes it;
// delivery happens afterwards over SMTP when configured, otherwise the outbox is the record (demo, tests).
import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/index.js';
import { mailOutbox } from './tables.js';

/** The one e-mail address check (forms, API, CLI): something@domain.tld, at most 254 characters (RFC 5321). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export interface Mail {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string }): Promise<void>;
}

export async function queueMail(tx: Tx, mail: Mail): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({ tenantId: mail.tenantId, toAddress: mail.to, subject: mail.subject, textBody: mail.text })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

/** Sends what is still in the outbox; a failure stays for the next pass with its error recorded. */
export async function deliverPending(
  db: Database,
  transport: MailTransport,
  from: string,
  maxPerPass = 1000,
): Promise<number> {
  // Batches in creation order: a busy outbox empties in one pass, and a message that fails is not tried
  // again in the same pass (the next pass retries it).
  let sent = 0;
  const tried: string[] = [];
  while (tried.length < maxPerPass) {
    const pending = await db.drizzle
      .select()
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), tried.length ? notInArray(mailOutbox.id, tried) : undefined))
      .orderBy(asc(mailOutbox.createdAt))
      .limit(Math.min(50, maxPerPass - tried.length));
    if (pending.length === 0) break;
    for (const m of pending) {
      tried.push(m.id);
      try {
        await transport.send({ from, to: m.toAddress, subject: m.subject, text: m.textBody });
        await db.drizzle
          .update(mailOutbox)
          .set({ sentAt: new Date(), lastError: null })
          .where(eq(mailOutbox.id, m.id));
        sent++;
      } catch (err) {
        await db.drizzle
          .update(mailOutbox)
          .set({ lastError: String((err as Error).message).slice(0, 500) })
          .where(and(eq(mailOutbox.id, m.id), isNull(mailOutbox.sentAt)));
      }
    }
  }
  return sent;
}

export async function smtpTransport(smtp: {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}): Promise<MailTransport> {
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
  });
  return { send: async (mail) => void (await transporter.sendMail(mail)) };
}

/** For tests and the demo: the outbox rows for one address, newest first. */
export async function outboxFor(db: Database, to: string) {
  return db.drizzle
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(asc(mailOutbox.createdAt));
}
