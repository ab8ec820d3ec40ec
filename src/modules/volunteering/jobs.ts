// The follow-up watch of volunteering. One daily job, 'volunteering.follow-up-scan', tells each tenant's
// coordinators what newly needs them: evaluations that fell due since the last scan, and VOGs that will lapse
// within 60 days (then that volunteer drops out of work that needs one). The overview page computes overdue
// evaluations itself and is always exact; the mail only says how many and where to look, so no personal data
// travels by e-mail. The job carries the day it scanned up to, so each item is mailed once, also after a missed day.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { userRoles, users } from '../../platform/auth/tables.js';
import type { Database, TenantTx } from '../../platform/db/index.js';
import { systemClock, type Clock, type Scheduler } from '../../platform/jobs/index.js';
import { queueMail } from '../../platform/mail/index.js';
import { listTenants, type Tenant } from '../../platform/tenancy/index.js';
import { volunteeringTexts } from './messages.js';
import { matches, volunteerCredentials, volunteers } from './tables.js';
import { VOG_VALID_YEARS } from './vocabulary.js';

export const FOLLOW_UP_SCAN = 'volunteering.follow-up-scan';
const DEDUPE_KEY = 'volunteering.follow-up-scan';
const DAY = 86_400_000;
/** How long before a VOG lapses the coordinator hears of it. */
export const VOG_NOTICE_DAYS = 60;

export interface VolunteeringJobOptions {
  clock?: Clock;
  /** Only these tenants (tests on a shared database); every tenant by default. */
  tenantIds?: string[];
  logger?: { info?(obj: object, msg?: string): void; error?(obj: object, msg?: string): void };
}

export interface FollowUpResult {
  tenants: number;
  evaluations: number;
  vogs: number;
  mails: number;
  failed: number;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const shift = (day: string, days: number) => dayOf(new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY));

/** What fell due in [since, today): evaluations due, and VOGs entering their last 60 days. */
async function newlyDue(tx: TenantTx, since: string, today: string) {
  const [evaluations] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(matches)
    .where(
      and(
        inArray(matches.status, ['confirmed', 'active', 'completed']),
        sql`${matches.evaluationDueOn} >= ${since} and ${matches.evaluationDueOn} < ${today}`,
      ),
    );
  // A volunteer's latest VOG counts; it lapses VOG_VALID_YEARS after issue.
  const lapse = sql`(max(${volunteerCredentials.issuedOn}) + make_interval(years => ${VOG_VALID_YEARS}))::date`;
  const vogs = await tx
    .select({ id: volunteerCredentials.volunteerId })
    .from(volunteerCredentials)
    .innerJoin(
      volunteers,
      and(
        eq(volunteers.tenantId, volunteerCredentials.tenantId),
        eq(volunteers.id, volunteerCredentials.volunteerId),
      ),
    )
    .where(and(eq(volunteerCredentials.kind, 'vog'), eq(volunteers.active, true)))
    .groupBy(volunteerCredentials.volunteerId)
    .having(
      sql`${lapse} >= ${shift(since, VOG_NOTICE_DAYS)}::date and ${lapse} < ${shift(today, VOG_NOTICE_DAYS)}::date`,
    );
  return { evaluations: evaluations!.n, vogs: vogs.length };
}

async function coordinators(tx: TenantTx) {
  return tx
    .selectDistinct({ email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'coordinator'), eq(users.disabled, false)))
    .orderBy(asc(users.email));
}

/** One scan of [since, today) without the scheduler: the job's work. A tenant that fails does not stop the others. */
export async function scanFollowUp(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  since: string,
  today: string,
  opts: Pick<VolunteeringJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<FollowUpResult> {
  const all = await listTenants(db);
  const tenants: Tenant[] = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result: FollowUpResult = { tenants: tenants.length, evaluations: 0, vogs: 0, mails: 0, failed: 0 };
  const texts = volunteeringTexts('nl');
  for (const tenant of tenants) {
    try {
      await db.tenant(tenant.id, async (tx) => {
        const due = await newlyDue(tx, since, today);
        result.evaluations += due.evaluations;
        result.vogs += due.vogs;
        if (!due.evaluations && !due.vogs) return;
        for (const c of await coordinators(tx)) {
          await queueMail(tx, {
            tenantId: tenant.id,
            to: c.email,
            subject: texts('mail.followUpSubject'),
            text: [
              texts('mail.followUpIntro'),
              '',
              ...(due.evaluations ? [texts('mail.evaluationsDue', { count: due.evaluations })] : []),
              ...(due.vogs ? [texts('mail.vogsLapsing', { count: due.vogs, days: VOG_NOTICE_DAYS })] : []),
              '',
              texts('mail.followUpLink', { url: `${config.publicUrl}/vrijwilligerswerk` }),
            ].join('\n'),
          });
          result.mails++;
        }
      });
    } catch (err) {
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'volunteering follow-up scan failed for a tenant');
    }
  }
  return result;
}

/** Registers the daily scan and schedules its first run now; each run schedules the next with the day it reached. */
export async function registerVolunteeringJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  opts: VolunteeringJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const schedule = (runAt: Date, since: string) =>
    db.system((tx) =>
      scheduler.schedule(tx, { kind: FOLLOW_UP_SCAN, runAt, dedupeKey: DEDUPE_KEY, payload: { since } }),
    );
  scheduler.register(FOLLOW_UP_SCAN, async (job) => {
    const now = clock.now();
    const today = dayOf(now);
    const since = typeof job.payload.since === 'string' ? job.payload.since : shift(today, -1);
    if (since < today) {
      const result = await scanFollowUp(db, config, since, today, opts);
      if (result.mails) opts.logger?.info?.({ ...result }, 'volunteering follow-up scan');
    }
    await schedule(new Date(now.getTime() + DAY), since < today ? today : since);
  });
  await schedule(clock.now(), shift(dayOf(clock.now()), -1));
}
