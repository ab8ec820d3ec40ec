import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';

export function registerHealthRoutes(app: FastifyInstance, db: Database): void {
  const health = Type.Object({ status: Type.String() });
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Process is alive', response: { 200: health } },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Database is reachable',
        response: { 200: health, 503: health },
      },
    },
    async (_req, reply) => {
      try {
        await db.drizzle.execute(sql`select 1`);
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ status: 'database unreachable' });
      }
    },
  );
}
