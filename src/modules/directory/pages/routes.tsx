// The sociale kaart for people: search (/aanbod), the offer page and its print view, the offer's calendar
// file, and the Preventiekaart for GPs (/preventiekaart). Public pages: the directory is open information.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChild } from 'preact';
import type { Config } from '../../../config.js';
import type { Database } from '../../../platform/db/index.js';
import { requireTenant } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { renderPage } from '../../../platform/pages/layout.js';
import type { Tenant } from '../../../platform/tenancy/index.js';
import { compileService } from '../hsds-export.js';
import type { CompiledService } from '../schemas.js';
import { searchServices, type SearchQuery } from '../search/index.js';
import { registerDirectoryAssets } from './assets.js';
import { CardIndexPage, CardPage, groupByAccessRoute } from './card-page.js';
import { loadCatalog } from './catalog.js';
import { offerCalendar } from './ics.js';
import { hasUpcoming } from '../schedule.js';
import { mapSettings, type MapSettings } from './map-settings.js';
import { messages } from './messages.js';
import { OfferNotFoundPage, OfferPage, OfferPrintPage } from './offer-page.js';
import { hasSearch, readSearchForm, searchHref, SearchPageQuery, toSearchQuery } from './query.js';
import { SearchPage } from './search-page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OfferParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const TenantOnly = Type.Object({ tenant: Type.Optional(Type.String({ maxLength: 40 })) });
const CardQuery = Type.Object({
  thema: Type.Optional(Type.String({ maxLength: 100 })),
  gebied: Type.Optional(Type.String({ maxLength: 100 })),
  tenant: Type.Optional(Type.String({ maxLength: 40 })),
});

function sendPage(reply: FastifyReply, node: ComponentChild, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(node));
}

/** The map's tiles come from another origin: this page's policy lets images come from there too. */
function allowImagesFrom(reply: FastifyReply, origins: string[]): void {
  const policy = reply.raw.getHeader('content-security-policy');
  if (typeof policy !== 'string' || !origins.length) return;
  const extra = origins.join(' ');
  const next = /(^|;)\s*img-src\s/.test(policy)
    ? policy.replace(/((?:^|;)\s*img-src\s[^;]*)/, `$1 ${extra}`)
    : `${policy};img-src 'self' data: ${extra}`;
  reply.raw.setHeader('content-security-policy', next);
}

/**
 * The address to share or print: on the tenant's own host name as visited; otherwise the public URL, naming
 * the tenant unless it is the installation's default.
 */
function publicAddress(req: FastifyRequest, config: Config, tenant: Tenant, pathname: string): string {
  if (tenant.hostnames.includes(req.hostname.toLowerCase()))
    return `${req.protocol}://${req.host}${pathname}`;
  const url = new URL(pathname, config.publicUrl);
  if (tenant.slug !== config.defaultTenant) url.searchParams.set('tenant', tenant.slug);
  return url.toString();
}

/** Back to the search the person came from (same site, the search page), so their choices are kept. */
function searchReferer(req: FastifyRequest): string | undefined {
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === req.host && url.pathname === '/aanbod' ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

async function loadOffer(db: Database, tenant: Tenant, id: string): Promise<CompiledService | undefined> {
  if (!UUID.test(id)) return undefined;
  return db.tenant(tenant.id, (tx) => compileService(tx, id.toLowerCase()));
}

export function registerDirectoryPages(app: FastifyInstance, db: Database, config: Config): void {
  const map: MapSettings | undefined = mapSettings();
  registerDirectoryAssets(app);

  app.get(
    '/aanbod',
    { config: { access: 'public' }, schema: { hide: true, querystring: SearchPageQuery } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const form = readSearchForm(req.query as Static<typeof SearchPageQuery>);
      const { catalog, result } = await db.tenant(tenant.id, async (tx) => {
        const catalog = await loadCatalog(tx);
        if (!hasSearch(form)) return { catalog, result: undefined };
        const query: SearchQuery = toSearchQuery(form, (taxonomy, code) => catalog.term(taxonomy, code)?.id);
        return { catalog, result: await searchServices(tx, query) };
      });
      if (map && result?.hits.length) allowImagesFrom(reply, map.imageOrigins);
      return sendPage(
        reply,
        <SearchPage ctx={req.ctx} form={form} catalog={catalog} result={result} map={map} />,
      );
    },
  );

  const offerRoute = (print: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const tenant = requireTenant(req);
    const { id } = req.params as Static<typeof OfferParams>;
    const service = await loadOffer(db, tenant, id);
    if (!service) return sendPage(reply, <OfferNotFoundPage ctx={req.ctx} />, 404);
    const now = new Date();
    const props = {
      ctx: req.ctx,
      service,
      shareUrl: publicAddress(req, config, tenant, `/aanbod/${service.id}`),
      backHref: searchReferer(req),
      map,
      hasCalendar: hasUpcoming(service, now),
      now,
    };
    return sendPage(reply, print ? <OfferPrintPage {...props} /> : <OfferPage {...props} />);
  };
  const offerSchema = { hide: true, params: OfferParams, querystring: TenantOnly } as const;
  app.get('/aanbod/:id', { config: { access: 'public' }, schema: offerSchema }, offerRoute(false));
  app.get('/aanbod/:id/print', { config: { access: 'public' }, schema: offerSchema }, offerRoute(true));

  app.get(
    '/aanbod/:id/agenda.ics',
    { config: { access: 'public' }, schema: offerSchema },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof OfferParams>;
      const service = await loadOffer(db, tenant, id);
      if (!service) throw new AppError('not_found', messages(req.ctx.locale)('offer.notFound'));
      const url = publicAddress(req, config, tenant, `/aanbod/${service.id}`);
      const calendar = offerCalendar({
        service,
        url,
        domain: new URL(config.publicUrl).hostname,
        now: new Date(),
        locale: req.ctx.locale,
      });
      if (!calendar) throw new AppError('not_found', messages(req.ctx.locale)('offer.whenUnknown'));
      const file =
        service.name
          .normalize('NFKD')
          .replace(/[^\w -]/g, '')
          .trim()
          .replace(/\s+/g, '-')
          .toLowerCase() || 'aanbod';
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.slice(0, 80)}.ics"`)
        .send(calendar);
    },
  );

  app.get(
    '/preventiekaart',
    { config: { access: 'public' }, schema: { hide: true, querystring: CardQuery } },
    async (req, reply) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof CardQuery>;
      const t = messages(req.ctx.locale);
      const thema = (q.thema ?? '').trim();
      const gebied = (q.gebied ?? '').trim();
      const now = new Date();
      const page = await db.tenant(tenant.id, async (tx) => {
        const catalog = await loadCatalog(tx);
        const theme = thema ? catalog.term('thema', thema) : undefined;
        const area = gebied ? catalog.area(gebied) : undefined;
        if (!theme || !area) {
          const problems = [
            ...(thema && !theme ? [t('card.unknownTheme')] : []),
            ...(gebied && !area ? [t('card.unknownArea')] : []),
          ];
          return (
            <CardIndexPage
              ctx={req.ctx}
              catalog={catalog}
              thema={thema}
              gebied={gebied}
              problems={problems}
            />
          );
        }
        const services: CompiledService[] = [];
        for (let p = 1; p <= 20; p++) {
          const result = await searchServices(tx, {
            taxonomyTermIds: [theme.id],
            area,
            page: p,
            perPage: 200,
            now,
          });
          services.push(...result.hits.map((h) => h.service));
          if (result.hits.length === 0 || services.length >= result.total) break;
        }
        const searchUrl = publicAddress(
          req,
          config,
          tenant,
          searchHref(readSearchForm({ thema: theme.code, gebied: area })),
        );
        return (
          <CardPage
            ctx={req.ctx}
            theme={theme}
            area={area}
            groups={groupByAccessRoute(services)}
            searchUrl={searchUrl}
            now={now}
          />
        );
      });
      return sendPage(reply, page);
    },
  );
}
