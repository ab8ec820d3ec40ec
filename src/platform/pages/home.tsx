import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/index.js';
import { Heading1, Layout, P, renderPage } from './layout.js';
import type { RequestContext } from '../http/context.js';
import { LANG_COOKIE, cookieOptions } from '../http/hooks.js';
import { Type } from '@sinclair/typebox';

function HomePage({ ctx }: { ctx: RequestContext }) {
  const t = ctx.t;
  const cards = [
    ['home.offer.find.title', 'home.offer.find.text', '/aanbod'],
    ['home.offer.routes.title', 'home.offer.routes.text', '/routekaarten'],
    ['home.offer.ask.title', 'home.offer.ask.text', '/vraag-stellen'],
    ['home.offer.help.title', 'home.offer.help.text', '/hulp'],
    ['home.offer.worry.title', 'home.offer.worry.text', '/zorg-melden'],
  ] as const;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <Heading1>{t('home.title')}</Heading1>
      <P lead>{t('home.intro')}</P>
      <ul class="wk-cards">
        {cards.map(([title, text, href]) => (
          <li class="wk-card" key={title}>
            <h2 class="utrecht-heading-3">
              {href ? (
                <a class="utrecht-link" href={href}>
                  {t(title)}
                </a>
              ) : (
                t(title)
              )}
            </h2>
            <P>{t(text)}</P>
          </li>
        ))}
      </ul>
      <P>
        {t('home.professionals')}{' '}
        <a class="utrecht-link" href="/inloggen">
          {t('nav.login')}
        </a>
      </P>
    </Layout>
  );
}

export function registerHomePage(app: FastifyInstance, _db: Database): void {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(renderPage(<HomePage ctx={req.ctx} />)),
  );
  app.get(
    '/taal',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({ lang: Type.Union([Type.Literal('nl'), Type.Literal('en')]) }),
      },
    },
    async (req, reply) => {
      const { lang } = req.query as { lang: 'nl' | 'en' };
      reply.setCookie(LANG_COOKIE, lang, cookieOptions(req, 365 * 24 * 3600));
      const back = req.headers.referer;
      const target = back && new URL(back, 'http://x').host === req.host ? new URL(back).pathname : '/';
      return reply.redirect(target, 303);
    },
  );
}
