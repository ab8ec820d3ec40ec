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
import { markOverdueRequests } from './service.js';

export const DEADLINE_SCAN = 'casework.deadline-scan';
/** One pending scan for the whole installation, whatever the number of instances or starts. */
const DEDUPE_KEY = 'casework.deadline-scan';
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

/** Registers the scan and schedules its first run now; each run schedules the next one. */
export async function registerCaseworkJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  opts: CaseworkJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const interval = opts.intervalMs ?? DEFAULT_SCAN_INTERVAL_MS;
  const schedule = (runAt: Date) =>
    db.system((tx) => scheduler.schedule(tx, { kind: DEADLINE_SCAN, runAt, dedupeKey: DEDUPE_KEY }));
  scheduler.register(DEADLINE_SCAN, async () => {
    const now = clock.now();
    const result = await scanDeadlines(db, config, now, opts);
    if (result.marked) opts.logger?.info?.({ ...result }, 'casework deadline scan');
    // Scheduling the running job's own key again re-arms it: the scheduler keeps the new run.
    await schedule(new Date(now.getTime() + interval));
  });
  await schedule(clock.now());
}
