// The context a use case of this part gets from a request: who acts, in which language, at what moment.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { actorOf } from '../../../platform/http/context.js';
import { systemClock, type Clock } from '../../../platform/jobs/index.js';
import { curationTexts } from './messages.js';
import type { CurationContext } from './service.js';

export function curationContext(
  req: FastifyRequest,
  config: Config,
  clock: Clock = systemClock,
): CurationContext {
  return {
    actor: actorOf(req),
    texts: curationTexts(req.ctx.locale),
    now: clock.now(),
    publicUrl: config.publicUrl,
  };
}
