// Volunteering: informal help requests and offers, volunteers, and careful matching.
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { registerVolunteeringPages } from './pages.js';
import { registerVolunteeringApi } from './routes.js';

export function registerVolunteeringRoutes(app: FastifyInstance, db: Database, config: Config): void {
  registerVolunteeringApi(app, db, config);
  registerVolunteeringPages(app, db, config);
}

export {
  registerVolunteeringJobs,
  scanFollowUp,
  FOLLOW_UP_SCAN,
  type VolunteeringJobOptions,
} from './jobs.js';
export { loadVolunteeringDemo } from './demo.js';
