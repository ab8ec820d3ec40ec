// /cijfers: one entry point to the figures of every module, for the roles that steer on them (policy officers,
// team leads, coordinators). Each module owns its own figures page; this page only links to those one may open.
import type { FastifyInstance } from 'fastify';
import { can, type Permission } from '../auth/permissions.js';
import type { MessageKey } from '../i18n/index.js';
import { Heading1, Layout, P, html } from './layout.js';

const figurePages: { href: string; title: MessageKey; text: MessageKey; permission: Permission }[] = [
  {
    href: '/verwijzingen/cijfers',
    title: 'figures.referrals.title',
    text: 'figures.referrals.text',
    permission: 'referrals:figures',
  },
  {
    href: '/signalen/cijfers',
    title: 'figures.signals.title',
    text: 'figures.signals.text',
    permission: 'signals:figures',
  },
  {
    href: '/vrijwilligerswerk/cijfers',
    title: 'figures.volunteering.title',
    text: 'figures.volunteering.text',
    permission: 'volunteering:figures',
  },
];

export function registerFiguresPage(app: FastifyInstance): void {
  app.get('/cijfers', { config: { access: 'account:own' }, schema: { hide: true } }, async (req, reply) => {
    const { ctx } = req;
    const t = ctx.t;
    const pages = figurePages.filter((p) => can(ctx.roles, p.permission));
    return html(
      reply,
      <Layout ctx={ctx} title={t('figures.title')}>
        <Heading1>{t('figures.title')}</Heading1>
        <P lead>{t('figures.intro')}</P>
        {pages.length === 0 ? (
          <P>{t('figures.none')}</P>
        ) : (
          <ul class="wk-cards">
            {pages.map((p) => (
              <li class="wk-card" key={p.href}>
                <h2 class="utrecht-heading-3">
                  <a class="utrecht-link" href={p.href}>
                    {t(p.title)}
                  </a>
                </h2>
                <P>{t(p.text)}</P>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
