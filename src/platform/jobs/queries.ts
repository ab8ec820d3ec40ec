// The SQL of the job scheduler, kept in one place so the locking and lease rules can be read together.
// Every time comparison takes "now" from the scheduler's clock as a parameter, never SQL now().
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/index.js';

/** A claimed job as the worker sees it; (lockedBy, lockedUntil) is the claim's token. */
export interface Claim {
  id: string;
  tenantId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
  maxAttempts: number;
  lockedBy: string;
  lockedUntil: Date;
}

/**
 * A timestamptz parameter: an ISO string with a cast behaves the same on PGlite and node-postgres. Raw
 * queries get timestamps back as driver-specific strings (drizzle turns off the drivers' date parsing),
 * so these queries send times but never read them back.
 */
function ts(d: Date) {
  return sql`${d.toISOString()}::timestamptz`;
}

export interface NewJob {
  kind: string;
  tenantId: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
  dedupeKey: string | null;
  maxAttempts: number;
}

/**
 * Inserts a job, or, when (kind, dedupe_key) exists, re-arms that row as a fresh pending job: new run_at,
 * payload and max_attempts, attempts reset, lease and done/failed cleared. Clearing the lease of a job that
 * is running right now makes that run's completion a no-op, so the rescheduled run still happens.
 * The WHERE keeps a dedupe key of one tenant from taking over another tenant's job: no row comes back.
 */
export async function upsertJob(tx: Tx, job: NewJob): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into jobs (tenant_id, kind, payload, dedupe_key, run_at, max_attempts)
        values (${job.tenantId}::uuid, ${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${job.dedupeKey},
                ${ts(job.runAt)}, ${job.maxAttempts})
        on conflict (kind, dedupe_key) do update set
          payload = excluded.payload,
          run_at = excluded.run_at,
          max_attempts = excluded.max_attempts,
          attempts = 0,
          locked_by = null,
          locked_until = null,
          done_at = null,
          failed_at = null,
          last_error = null
        where jobs.tenant_id is not distinct from excluded.tenant_id
        returning id`,
  );
  return row?.id;
}

/** Removes a job that has not finished yet; finished and failed jobs stay as history. */
export async function deletePendingJob(tx: Tx, kind: string, dedupeKey: string): Promise<boolean> {
  const deleted = await rows<{ id: string }>(
    tx,
    sql`delete from jobs
        where kind = ${kind} and dedupe_key = ${dedupeKey} and done_at is null and failed_at is null
        returning id`,
  );
  return deleted.length > 0;
}

/**
 * A job whose lease ran out on its last allowed attempt will never be claimed again (its worker crashed or
 * the handler outlived the lease): give it a final state instead of leaving it pending forever.
 */
export async function failExhaustedJobs(tx: Tx, now: Date): Promise<number> {
  const failed = await rows<{ id: string }>(
    tx,
    sql`update jobs set
          failed_at = ${ts(now)},
          last_error = 'lease of ' || coalesce(locked_by, 'unknown worker')
                       || ' expired on the last attempt (worker crashed or handler took longer than the lease)',
          locked_by = null,
          locked_until = null
        where done_at is null and failed_at is null
          and attempts >= max_attempts
          and locked_until <= ${ts(now)}
        returning id`,
  );
  return failed.length;
}

/**
 * Claims the next due job for this worker. SKIP LOCKED lets another instance claim a different job at
 * the same moment instead of waiting; the lease (locked_by/locked_until) then keeps the job away from
 * other workers after this transaction commits, until it expires. A claim counts as an attempt, so a
 * worker that crashes mid-job uses one up.
 */
export async function claimNextJob(
  tx: Tx,
  now: Date,
  workerId: string,
  leaseUntil: Date,
): Promise<Claim | undefined> {
  const [row] = await rows<{
    id: string;
    tenant_id: string | null;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>(
    tx,
    sql`with due as (
          select id from jobs
          where done_at is null and failed_at is null
            and run_at <= ${ts(now)}
            and (locked_until is null or locked_until <= ${ts(now)})
            and attempts < max_attempts
          order by run_at, id
          limit 1
          for update skip locked
        )
        update jobs set
          locked_by = ${workerId},
          locked_until = ${ts(leaseUntil)},
          attempts = jobs.attempts + 1
        from due
        where jobs.id = due.id
        returning jobs.id, jobs.tenant_id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: workerId,
    lockedUntil: leaseUntil,
  };
}

/** The claim's token: nothing changes when the lease expired and another worker claimed the job since. */
function stillOurs(claim: Claim) {
  return sql`id = ${claim.id} and locked_by = ${claim.lockedBy} and locked_until = ${ts(claim.lockedUntil)}`;
}

export async function completeJob(tx: Tx, claim: Claim, now: Date): Promise<boolean> {
  const updated = await rows<{ id: string }>(
    tx,
    sql`update jobs set done_at = ${ts(now)}, locked_by = null, locked_until = null
        where ${stillOurs(claim)}
        returning id`,
  );
  return updated.length > 0;
}

/** Either schedules the next attempt at retryAt, or (retryAt null) marks the job failed for good. */
export async function failJob(
  tx: Tx,
  claim: Claim,
  now: Date,
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const updated = await rows<{ id: string }>(
    tx,
    retryAt
      ? sql`update jobs set run_at = ${ts(retryAt)}, last_error = ${error}, locked_by = null, locked_until = null
            where ${stillOurs(claim)}
            returning id`
      : sql`update jobs set failed_at = ${ts(now)}, last_error = ${error}, locked_by = null, locked_until = null
            where ${stillOurs(claim)}
            returning id`,
  );
  return updated.length > 0;
}
