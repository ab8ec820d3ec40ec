import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../db/index.js';

// My account (profile, two-factor setup, sessions, who viewed my data) and administration pages.
export function registerAccountPages(_app: FastifyInstance, _deps: { db: Database; config: Config }): void {}
