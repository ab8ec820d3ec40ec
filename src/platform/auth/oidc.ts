import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';

// OpenID Connect login for professionals, configured per tenant (work in progress).
export function registerOidcRoutes(_app: FastifyInstance, _deps: { db: Database; config: Config }): void {}
