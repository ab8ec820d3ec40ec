// Referrals: referral pathways (doorverwijskaarten) and closed-loop referrals (Welzijn op Recept).
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { registerReferralPages } from './pages.js';
import { registerReferralApi } from './routes.js';

export function registerReferralRoutes(app: FastifyInstance, db: Database, config: Config): void {
  registerReferralApi(app, db, config);
  registerReferralPages(app, db, config);
}

export { registerReferralJobs, scanReferrals, REFERRAL_SCAN, type ReferralJobOptions } from './jobs.js';
export { loadReferralsDemo } from './demo.js';
