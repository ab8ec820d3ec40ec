// Pages of casework: the social team's overview, household files with their assessment charts and forms, the
// team views, case conferences, and the resident's "Een vraag stellen". app.ts registers them with
// registerCaseworkPages(app, db, config).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import type { Database, TenantTx } from '../../../platform/db/index.js';
import { actorOf, requireTenant } from '../../../platform/http/context.js';
import { caseworkTexts } from '../messages.js';
import { sealer as makeSealer } from '../privacy.js';
import type { CaseworkContext } from '../service.js';
import { registerCaseworkPages as registerFilePages } from './routes.js';
import { registerConferencePages } from './conference-pages.js';
import { registerTeamPages } from './team-pages.js';

export function registerCaseworkPages(app: FastifyInstance, db: Database, config: Config): void {
  registerFilePages(app, db, config);
  const sealer = makeSealer(config.secretKey);
  const contextOf = (req: FastifyRequest): CaseworkContext => ({
    actor: actorOf(req),
    tenant: requireTenant(req),
    locale: req.ctx.locale,
    texts: caseworkTexts(req.ctx.locale),
    now: new Date(),
    sealer,
    publicUrl: config.publicUrl,
  });
  const inTenant = <T>(ctx: CaseworkContext, fn: (tx: TenantTx) => Promise<T>) =>
    db.tenant(ctx.tenant.id, fn);
  registerTeamPages(app, contextOf, inTenant);
  registerConferencePages(app, contextOf, inTenant);
}
