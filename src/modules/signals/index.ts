// Signals: a meldpunt for worries about a person or an area, triage, and collective signals per area.
// Other modules use only what this file exports.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { registerSignalPages } from './pages.js';
import { registerSignalApi } from './routes.js';

export { registerSignalJobs, scanSignals, SIGNAL_SCAN, type SignalJobOptions } from './jobs.js';
export { loadSignalsDemo } from './demo.js';
export {
  addStandardCategories,
  reportSignalOnBehalf,
  standardCategories,
  type SignalContext,
  type WorryOnBehalf,
} from './service.js';
export { signalContext, signalContexts } from './context.js';

export function registerSignalRoutes(app: FastifyInstance, db: Database, config: Config): void {
  registerSignalApi(app, db, config);
  registerSignalPages(app, db, config);
}
