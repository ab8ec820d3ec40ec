// One periodic scan, 'signals.scan', over every tenant: untriaged signals past their deadline are marked and
// the team leads e-mailed (escalation), and signals without follow-up past the tenant's retention period are
// deleted, each leaving a deletion record. Both are idempotent, so a scan that runs twice does nothing twice;
// why a scan and not a job per signal is the same as for casework's deadline scan.
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { systemClock, type Clock, type Scheduler } from '../../platform/jobs/index.js';
import { listTenants, type Tenant } from '../../platform/tenancy/index.js';
import { deleteExpired, escalateOverdue } from './service.js';

export const SIGNAL_SCAN = 'signals.scan';
const DEDUPE_KEY = 'signals.scan';
const DEFAULT_INTERVAL_MS = 5 * 60_000;

export interface SignalJobOptions {
  clock?: Clock;
  intervalMs?: number;
  /** Only these tenants (tests on a shared database); every tenant by default. */
  tenantIds?: string[];
  logger?: { info?(obj: object, msg?: string): void; error?(obj: object, msg?: string): void };
}

export interface SignalScanResult {
  tenants: number;
  escalated: number;
  mails: number;
  deleted: number;
  failed: number;
}

export async function scanSignals(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  now: Date,
  opts: Pick<SignalJobOptions, 'tenantIds' | 'logger'> = {},
): Promise<SignalScanResult> {
  const all = await listTenants(db);
  const tenants: Tenant[] = opts.tenantIds ? all.filter((t) => opts.tenantIds!.includes(t.id)) : all;
  const result: SignalScanResult = { tenants: tenants.length, escalated: 0, mails: 0, deleted: 0, failed: 0 };
  for (const tenant of tenants) {
    try {
      const r = await db.tenant(tenant.id, async (tx) => ({
        ...(await escalateOverdue(tx, tenant, now, config.publicUrl)),
        ...(await deleteExpired(tx, tenant, now)),
      }));
      result.escalated += r.escalated;
      result.mails += r.mails;
      result.deleted += r.deleted;
    } catch (err) {
      result.failed++;
      opts.logger?.error?.({ err, tenantId: tenant.id }, 'signals scan failed for a tenant');
    }
  }
  return result;
}

export async function registerSignalJobs(
  scheduler: Scheduler,
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  opts: SignalJobOptions = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const interval = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const schedule = (runAt: Date) =>
    db.system((tx) => scheduler.schedule(tx, { kind: SIGNAL_SCAN, runAt, dedupeKey: DEDUPE_KEY }));
  scheduler.register(SIGNAL_SCAN, async () => {
    const now = clock.now();
    const result = await scanSignals(db, config, now, opts);
    if (result.escalated || result.deleted) opts.logger?.info?.({ ...result }, 'signals scan');
    await schedule(new Date(now.getTime() + interval));
  });
  await schedule(clock.now());
}
