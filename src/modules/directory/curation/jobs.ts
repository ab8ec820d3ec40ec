// The daily staleness scan: one job per tenant (kind 'directory.staleness-scan'), which reminds the owners of
// stale offers and then schedules itself for the next day. The dedupe key keeps exactly one pending per
// tenant however often the application starts; reminders themselves are deduplicated per offer (service.ts),
// so a scan that runs twice sends nothing twice.
import type { Config } from '../../../config.js';
import type { Database } from '../../../platform/db/index.js';
import { systemClock, type Clock, type Scheduler } from '../../../platform/jobs/index.js';
import { listTenants, tenantById } from '../../../platform/tenancy/index.js';
import { staleAfterMonths } from './dates.js';
import { remindStaleOwners, type ScanResult } from './service.js';

export const STALENESS_SCAN = 'directory.staleness-scan';
const DAY_MS = 24 * 60 * 60 * 1000;
const dedupeKey = (tenantId: string) => `${STALENESS_SCAN}:${tenantId}`;

export interface CurationJobOptions {
  /** The scheduler's clock (tests pass a fake one); the system clock by default. */
  clock?: Clock;
  /** Tenants to start scans for; every tenant by default. */
  tenantIds?: string[];
  /** Weeks between two reminders about the same offer (default 4). */
  reminderIntervalWeeks?: number;
  logger?: { info?(obj: object, msg?: string): void };
}

/** Schedules the tenant's scan at `runAt` (re-arming the one that is pending). */
export async function scheduleStalenessScan(
  scheduler: Scheduler,
  db: Database,
  tenantId: string,
  runAt: Date,
): Promise<string> {
  return db.tenant(tenantId, (tx) =>
    scheduler.schedule(tx, { kind: STALENESS_SCAN, tenantId, dedupeKey: dedupeKey(tenantId), runAt }),
  );
}

/** Stops a tenant's scan (a tenant that leaves, a test that is done). */
export async function cancelStalenessScan(
  scheduler: Scheduler,
  db: Database,
  tenantId: string,
): Promise<boolean> {
  return db.tenant(tenantId, (tx) => scheduler.cancel(tx, STALENESS_SCAN, dedupeKey(tenantId)));
}

/** One tenant's scan now, without the scheduler: the job's work. Undefined when there is no such tenant. */
export async function scanTenant(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  tenantId: string,
  now: Date,
  reminderIntervalWeeks?: number,
): Promise<ScanResult | undefined> {
  const tenant = await tenantById(db, tenantId);
  if (!tenant) return undefined;
  return db.tenant(tenantId, (tx) =>
    remindStaleOwners(tx, {
      tenantId,
      now,
      months: staleAfterMonths(tenant.settings),
      publicUrl: config.publicUrl,
      intervalWeeks: reminderIntervalWeeks,
    }),
  );
}

/**
 * Registers the scan and starts it for every tenant (now, then daily). A tenant created later gets its scan
 * at the next start of the application, or at once through scheduleStalenessScan().
 */
export async function registerCurationJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  opts: CurationJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  scheduler.register(STALENESS_SCAN, async (job) => {
    if (!job.tenantId) return;
    const now = clock.now();
    const result = await scanTenant(db, config, job.tenantId, now, opts.reminderIntervalWeeks);
    if (!result) return; // the tenant is gone: the scan ends with it
    opts.logger?.info?.({ tenantId: job.tenantId, ...result }, 'directory staleness scan');
    // Scheduling the running job's own key again re-arms it: the scheduler keeps the new run.
    await scheduleStalenessScan(scheduler, db, job.tenantId, new Date(now.getTime() + DAY_MS));
  });
  const tenantIds = opts.tenantIds ?? (await listTenants(db)).map((t) => t.id);
  for (const id of tenantIds) await scheduleStalenessScan(scheduler, db, id, clock.now());
}
