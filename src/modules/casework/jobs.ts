// The response-deadline watch. A support request's deadline is a column (respond_before); one periodic job,
// 'casework.deadline-scan', looks in every tenant for unanswered requests past it, marks them overdue and
// e-mails the team leads. Why a scan and not one job per request: routes need no scheduler, a deadline that
// changes (answered, another tenant setting, demo or imported data) needs no job bookkeeping, and nothing is
// lost when a job is; marking is idempotent, so a scan that runs twice mails nothing twice. The price is that
// the e-mail may come up to one interval late; the team overview computes "overdue" itself and is exact.
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { systemClock, type Clock, type Scheduler } from '../../platform/jobs/index.js';
import { listTenants, type Tenant } from '../../platform/tenancy/index.js';
import { remindDueCheckIns } from './closure.js';
import { sealer } from './privacy.js';
import { anonymiseExpiredCases } from './retention.js';
import { markOverdueRequests } from './service.js';

export const DEADLINE_SCAN = 'casework.deadline-scan';
export const DEFAULT_SCAN_INTERVAL_MS = 5 * 60_000;

export interface CaseworkJobOptions {
  /** The scheduler's clock (tests pass a fake one); the system clock by default. */
  clock?: Clock;
  /** Time between scans; 5 minutes by default. */
  intervalMs?: number;
  /** Only these tenants (tests on a shared database); every tenant by default, including ones added later. */
  tenantIds?: string[];
  logger?: { info?(obj: object, msg?: string): void; error?(obj: object, msg?: string): void };
}

export interface ScanResult {
  tenants: number;
  marked: number;
  mails: number;
  failed: number;
}

/** One scan now, without the scheduler: the job's work. A tenant that fails does not stop the others. */
export async function scanDeadlines(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  now: Date,
  opts: Pick<CaseworkJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<ScanResult> {
  const all = await listTenants(db);
  const tenants: Tenant[] = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result: ScanResult = { tenants: tenants.length, marked: 0, mails: 0, failed: 0 };
  for (const tenant of tenants) {
    try {
      const r = await db.tenant(tenant.id, (tx) => markOverdueRequests(tx, tenant, now, config.publicUrl));
      result.marked += r.marked;
      result.mails += r.mails;
    } catch (err) {
      // The next scan tries this tenant again; nothing of the failed one was kept.
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'casework deadline scan failed for a tenant');
    }
  }
  return result;
}

/** One aftercare scan now: reminds the responsible consultant of each check-in that became due. */
export async function scanAftercare(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  now: Date,
  opts: Pick<CaseworkJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<{ tenants: number; reminded: number; mails: number; failed: number }> {
  const all = await listTenants(db);
  const tenants = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result = { tenants: tenants.length, reminded: 0, mails: 0, failed: 0 };
  for (const tenant of tenants) {
    try {
      const r = await db.tenant(tenant.id, (tx) => remindDueCheckIns(tx, tenant, now, config.publicUrl));
      result.reminded += r.reminded;
      result.mails += r.mails;
    } catch (err) {
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'casework aftercare scan failed for a tenant');
    }
  }
  return result;
}

/** One retention scan now: anonymises what passed its retention in closed cases, leaving deletion records. */
export async function scanRetention(
  db: Database,
  config: Pick<Config, 'secretKey'>,
  now: Date,
  opts: Pick<CaseworkJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<{ tenants: number; cases: number; deletions: number; failed: number }> {
  const all = await listTenants(db);
  const tenants = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result = { tenants: tenants.length, cases: 0, deletions: 0, failed: 0 };
  const fields = sealer(config.secretKey);
  for (const tenant of tenants) {
    try {
      const r = await db.tenant(tenant.id, (tx) => anonymiseExpiredCases(tx, tenant, now, fields));
      result.cases += r.cases;
      result.deletions += r.deletions;
    } catch (err) {
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'casework retention scan failed for a tenant');
    }
  }
  return result;
}

export const RETENTION_SCAN = 'casework.retention-scan';
export const AFTERCARE_SCAN = 'casework.aftercare-scan';

/**
 * Registers the periodic scans of casework (response deadlines, aftercare reminders, retention) and schedules their first
 * run now; each run schedules the next one. One pending run per scan for the whole installation.
 */
export async function registerCaseworkJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl' | 'secretKey'>,
  opts: CaseworkJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const interval = opts.intervalMs ?? DEFAULT_SCAN_INTERVAL_MS;
  const scans: [string, (now: Date) => Promise<object & { failed: number }>][] = [
    [DEADLINE_SCAN, (now) => scanDeadlines(db, config, now, opts)],
    [AFTERCARE_SCAN, (now) => scanAftercare(db, config, now, opts)],
    [RETENTION_SCAN, (now) => scanRetention(db, config, now, opts)],
  ];
  for (const [kind, scan] of scans) {
    // The kind doubles as dedupe key: scheduling the running job's own key again re-arms it.
    const schedule = (runAt: Date) =>
      db.system((tx) => scheduler.schedule(tx, { kind, runAt, dedupeKey: kind }));
    scheduler.register(kind, async () => {
      const now = clock.now();
      const result = await scan(now);
      opts.logger?.info?.({ ...result, kind }, 'casework scan');
      await schedule(new Date(now.getTime() + interval));
    });
    await schedule(clock.now());
  }
}
