// Durable job scheduler: modules schedule work for later (response deadlines, follow-up check-ins, reminders)
// in the database, and every application instance polls, claims due jobs with a lease and runs them at least once.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/index.js';
import {
  claimNextJob,
  completeJob,
  deletePendingJob,
  failExhaustedJobs,
  failJob,
  upsertJob,
  type Claim,
} from './queries.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: time moves only when told to. */
export function fakeClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

/**
 * Runs one job. It may run more than once (a worker that crashes after the work but before recording it,
 * a handler that outlives its lease), so make it idempotent: check the record's state before acting.
 * A thrown error schedules a retry with backoff until max attempts, then the job is marked failed.
 * Tenant jobs should do their work in db.tenant(job.tenantId, ...).
 */
export type JobHandler = (job: {
  id: string;
  tenantId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempts: number;
}) => Promise<void>;

export interface ScheduleJob {
  kind: string;
  /** Required inside db.tenant(id, ...): must be that tenant, or row-level security rejects the insert. */
  tenantId?: string | null;
  payload?: Record<string, unknown>;
  runAt: Date;
  /**
   * At most one job per (kind, dedupeKey), across all tenants: scheduling again re-arms that job with the
   * new runAt and payload (also when it already ran or failed). Include a record id, e.g. `referral:${id}`.
   */
  dedupeKey?: string;
  /** Default 5. */
  maxAttempts?: number;
}

export interface Scheduler {
  register(kind: string, handler: JobHandler): void;
  /**
   * Stores a job in the caller's transaction, so it exists exactly when the caller's change commits.
   * Works in db.system(...) and in db.tenant(tenantId, ...); in the latter, set tenantId to that tenant.
   * Returns the job id (the existing job's id when dedupeKey matched).
   */
  schedule(tx: Tx, job: ScheduleJob): Promise<string>;
  /** Deletes the pending job with this key; false when there was none (or it already ran or failed). */
  cancel(tx: Tx, kind: string, dedupeKey: string): Promise<boolean>;
  /**
   * One pass: claims and runs due jobs one by one, at most `limit` (default 100). `ran` counts the jobs
   * claimed and attempted, `failed` those of them whose attempt failed (retry scheduled or failed for good).
   */
  runDue(limit?: number): Promise<{ ran: number; failed: number }>;
  /** Polls every intervalMs (default 5000); passes never overlap and the timer does not keep the process alive. */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the pass that is running, which ends after its current job. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  clock?: Clock;
  /** Shown in jobs.locked_by; default host:pid:random. Must differ between instances. */
  workerId?: string;
  /** How long a claimed job is kept from other workers (default 5 minutes). A handler should finish well within it. */
  leaseMs?: number;
  /** Delay before the next attempt after `attempts` failed ones; default defaultBackoff. */
  backoff?: (attempts: number) => number;
  logger?: { error(obj: unknown, msg?: string): void; info?(obj: unknown, msg?: string): void };
}

/** 1 min, 2 min, 4 min, ... at most 1 hour. */
export function defaultBackoff(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_INTERVAL_MS = 5000;
const DEFAULT_LIMIT = 100;
const MAX_ERROR_LENGTH = 4000;

export function createScheduler(db: Database, opts: SchedulerOptions = {}): Scheduler {
  const clock = opts.clock ?? systemClock;
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const backoff = opts.backoff ?? defaultBackoff;
  const logger = opts.logger ?? {
    error: (obj: unknown, msg?: string) => console.error(msg ?? 'job scheduler', obj),
  };
  const handlers = new Map<string, JobHandler>();

  /** Passes in progress, from the polling loop or from runDue(); stop() waits for all of them. */
  const inFlight = new Set<Promise<unknown>>();
  let loop: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  async function runOne(claim: Claim): Promise<boolean> {
    const handler = handlers.get(claim.kind);
    if (!handler) {
      const error = `no handler registered for job kind '${claim.kind}' (worker ${workerId})`;
      logger.error({ jobId: claim.id, kind: claim.kind }, error);
      await db.system((tx) => failJob(tx, claim, clock.now(), error, null));
      return false;
    }
    try {
      await handler({
        id: claim.id,
        tenantId: claim.tenantId,
        kind: claim.kind,
        payload: claim.payload,
        attempts: claim.attempts,
      });
    } catch (err) {
      const now = clock.now();
      const final = claim.attempts >= claim.maxAttempts;
      const retryAt = final ? null : new Date(now.getTime() + backoff(claim.attempts));
      logger.error(
        {
          err,
          jobId: claim.id,
          kind: claim.kind,
          attempts: claim.attempts,
          maxAttempts: claim.maxAttempts,
          retryAt,
        },
        final ? 'job failed for good' : 'job failed, will retry',
      );
      await db.system((tx) => failJob(tx, claim, now, errorText(err), retryAt));
      return false;
    }
    const recorded = await db.system((tx) => completeJob(tx, claim, clock.now()));
    if (!recorded) {
      // Rescheduled while running, or the lease expired and another worker took over: that run counts.
      logger.info?.(
        { jobId: claim.id, kind: claim.kind },
        'job finished but was rescheduled or reclaimed meanwhile',
      );
    }
    return true;
  }

  async function pass(limit: number, keepGoing: () => boolean): Promise<{ ran: number; failed: number }> {
    let ran = 0;
    let failed = 0;
    await db.system((tx) => failExhaustedJobs(tx, clock.now()));
    while (ran < limit && keepGoing()) {
      const now = clock.now();
      const claim = await db.system((tx) =>
        claimNextJob(tx, now, workerId, new Date(now.getTime() + leaseMs)),
      );
      if (!claim) break;
      ran++;
      if (!(await runOne(claim))) failed++;
    }
    return { ran, failed };
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    const forget = () => {
      inFlight.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  /** Waits ms on an unref'd timer, or until stop() wakes it. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function poll(intervalMs: number): Promise<void> {
    while (!stopping) {
      let more = false;
      try {
        const result = await track(pass(DEFAULT_LIMIT, () => !stopping));
        // A full pass means more work is waiting: continue at once instead of after the interval.
        more = result.ran >= DEFAULT_LIMIT;
      } catch (err) {
        logger.error({ err }, 'job scheduler pass failed');
      }
      if (!stopping) await sleep(more ? 0 : intervalMs);
    }
  }

  return {
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`a handler for job kind '${kind}' is already registered`);
      handlers.set(kind, handler);
    },

    async schedule(tx, job) {
      if (!job.kind) throw new Error('a job needs a kind');
      if (!(job.runAt instanceof Date) || Number.isNaN(job.runAt.getTime())) {
        throw new Error(`job '${job.kind}' needs a valid runAt`);
      }
      const maxAttempts = job.maxAttempts ?? 5;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new Error(`job '${job.kind}': maxAttempts must be a whole number of at least 1`);
      }
      const tenantId = job.tenantId ?? null;
      let id: string | undefined;
      try {
        id = await upsertJob(tx, {
          kind: job.kind,
          tenantId,
          payload: job.payload ?? {},
          runAt: job.runAt,
          dedupeKey: job.dedupeKey ?? null,
          maxAttempts,
        });
      } catch (err) {
        if (isRlsViolation(err)) {
          throw new Error(
            `job '${job.kind}' rejected by row-level security: inside db.tenant(...) set tenantId to that tenant` +
              (job.dedupeKey
                ? `, and dedupe key '${job.dedupeKey}' must not be in use by another tenant`
                : ''),
            { cause: err },
          );
        }
        throw err;
      }
      if (!id) {
        throw new Error(
          `dedupe key '${job.dedupeKey}' of job kind '${job.kind}' is in use by another tenant`,
        );
      }
      return id;
    },

    cancel(tx, kind, dedupeKey) {
      return deletePendingJob(tx, kind, dedupeKey);
    },

    runDue(limit = DEFAULT_LIMIT) {
      return track(pass(limit, () => true));
    },

    start(intervalMs = DEFAULT_INTERVAL_MS) {
      if (loop) return;
      stopping = false;
      loop = poll(intervalMs);
    },

    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/** insufficient_privilege (42501), which row-level security raises; drizzle wraps driver errors in `cause`. */
function isRlsViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '42501') return true;
  }
  return false;
}
