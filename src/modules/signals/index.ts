// Signals: a meldpunt for worries about a person or an area, triage, and collective signals per area.
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import type { Scheduler } from '../../platform/jobs/index.js';

export function registerSignalRoutes(_app: FastifyInstance, _db: Database, _config: Config): void {}

export async function registerSignalJobs(
  _scheduler: Scheduler,
  _db: Database,
  _config: Pick<Config, 'publicUrl'>,
  _opts: { logger?: FastifyInstance['log'] } = {},
): Promise<void> {}

/** Demo signal categories and signals for the BUCH tenant. */
export async function loadSignalsDemo(_db: Database, _tenantId: string): Promise<void> {}
