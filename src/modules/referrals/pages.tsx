import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';

export function registerReferralPages(_app: FastifyInstance, _db: Database, _config: Config): void {}
