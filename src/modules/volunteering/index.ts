// Volunteering: informal help requests and offers, volunteers, and careful matching.
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import type { Scheduler } from '../../platform/jobs/index.js';
import { registerVolunteeringPages } from './pages.js';
import { registerVolunteeringApi } from './routes.js';

export function registerVolunteeringRoutes(app: FastifyInstance, db: Database, config: Config): void {
  registerVolunteeringApi(app, db, config);
  registerVolunteeringPages(app, db, config);
}

/**
 * Nothing to schedule: overdue evaluations are computed when the coordinator looks (always exact), and worries
 * reach the social team the moment a volunteer passes them on.
 */
export async function registerVolunteeringJobs(
  _scheduler: Scheduler,
  _db: Database,
  _config: Pick<Config, 'publicUrl'>,
  _opts: { logger?: FastifyInstance['log'] } = {},
): Promise<void> {}

export { loadVolunteeringDemo } from './demo.js';
