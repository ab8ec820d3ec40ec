// The referral watch. One periodic job, 'referrals.scan', looks in every tenant for referrals that passed their
// deadline without contact (marks them, tells the team leads and the receiving provider) and for Welzijn op
// Recept referrals whose report back to the GP is due. A scan and not a job per referral, for the reasons given
// in casework/jobs.ts: deadlines that change need no job bookkeeping, and marking is idempotent.
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { systemClock, type Clock, type Scheduler } from '../../platform/jobs/index.js';
import { listTenants, type Tenant } from '../../platform/tenancy/index.js';
import { scanTenant } from './service.js';

export const REFERRAL_SCAN = 'referrals.scan';
const DEFAULT_INTERVAL_MS = 5 * 60_000;

export interface ReferralJobOptions {
  clock?: Clock;
  intervalMs?: number;
  /** Only these tenants (tests on a shared database); every tenant by default. */
  tenantIds?: string[];
  logger?: { info?(obj: object, msg?: string): void; error?(obj: object, msg?: string): void };
}

export interface ScanResult {
  tenants: number;
  overdue: number;
  reports: number;
  mails: number;
  failed: number;
}

/** One scan now, without the scheduler: the job's work. A tenant that fails does not stop the others. */
export async function scanReferrals(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  now: Date,
  opts: Pick<ReferralJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<ScanResult> {
  const all = await listTenants(db);
  const tenants: Tenant[] = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result: ScanResult = { tenants: tenants.length, overdue: 0, reports: 0, mails: 0, failed: 0 };
  for (const tenant of tenants) {
    try {
      const r = await db.tenant(tenant.id, (tx) => scanTenant(tx, tenant, now, config.publicUrl));
      result.overdue += r.overdue;
      result.reports += r.reports;
      result.mails += r.mails;
    } catch (err) {
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'referral scan failed for a tenant');
    }
  }
  return result;
}

/** Registers the scan and schedules its first run now; each run schedules the next one. */
export async function registerReferralJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  opts: ReferralJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const interval = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const schedule = (runAt: Date) =>
    db.system((tx) => scheduler.schedule(tx, { kind: REFERRAL_SCAN, runAt, dedupeKey: REFERRAL_SCAN }));
  scheduler.register(REFERRAL_SCAN, async () => {
    const now = clock.now();
    const result = await scanReferrals(db, config, now, opts);
    if (result.overdue || result.reports) opts.logger?.info?.({ ...result }, 'referral scan');
    await schedule(new Date(now.getTime() + interval));
  });
  await schedule(clock.now());
}
