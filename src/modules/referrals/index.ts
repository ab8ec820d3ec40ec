// Referrals: referral pathways (doorverwijskaarten) and closed-loop referrals (Welzijn op Recept).
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import type { Scheduler } from '../../platform/jobs/index.js';

export function registerReferralRoutes(_app: FastifyInstance, _db: Database, _config: Config): void {}

export async function registerReferralJobs(
  _scheduler: Scheduler,
  _db: Database,
  _config: Pick<Config, 'publicUrl'>,
  _opts: { logger?: FastifyInstance['log'] } = {},
): Promise<void> {}

/** Demo pathways and referrals for the BUCH tenant; runs after the directory demo is loaded. */
export async function loadReferralsDemo(_db: Database, _tenantId: string): Promise<void> {}
