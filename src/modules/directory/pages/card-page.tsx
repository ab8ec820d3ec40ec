// /preventiekaart: the one-page overview a GP, practice nurse or social-team member prints for one theme in
// one area (seed 004 §3.2): the fitting offers from light to heavy, grouped by how a resident gets in.
import type { RequestContext } from '../../../platform/http/context.js';
import { Alert, Heading1, Layout, P } from '../../../platform/pages/layout.js';
import type { CompiledService } from '../schemas.js';
import type { Catalog, TermOption } from './catalog.js';
import { DirectoryScript, DirectoryStyles, PrintButton, Select } from './components.js';
import { messages, type DirectoryTexts } from './messages.js';
import { occasionsOf, scheduleInWords } from '../schedule.js';
import {
  ACCESS_ROUTES,
  accessRouteOf,
  emailOf,
  formatDate,
  locationsOf,
  phonesOf,
  placeName,
  telHref,
  type AccessRoute,
} from './view.js';

export interface CardGroup {
  route: AccessRoute | 'other';
  services: CompiledService[];
}

/** Light → heavy; an offer without an access route comes last. Within a group by name. */
export function groupByAccessRoute(services: CompiledService[]): CardGroup[] {
  const groups: CardGroup[] = ACCESS_ROUTES.map((route) => ({ route, services: [] }));
  const other: CardGroup = { route: 'other', services: [] };
  for (const s of services) {
    const route = accessRouteOf(s);
    (groups.find((g) => g.route === route) ?? other).services.push(s);
  }
  for (const g of [...groups, other]) g.services.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return other.services.length ? [...groups, other] : groups;
}

export function CardIndexPage(props: {
  ctx: RequestContext;
  catalog: Catalog;
  thema: string;
  gebied: string;
  problems: string[];
}) {
  const { ctx, catalog } = props;
  const t = messages(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('card.indexTitle')}>
      <DirectoryStyles />
      <div class="wk-directory wk-form wk-stack">
        <Heading1>{t('card.indexTitle')}</Heading1>
        {props.problems.length > 0 && (
          <Alert type="error">
            {props.problems.map((p) => (
              <p class="utrecht-paragraph" key={p}>
                {p}
              </p>
            ))}
          </Alert>
        )}
        <P>{t('card.indexIntro')}</P>
        <form method="get" action="/preventiekaart">
          <Select
            name="thema"
            label={t('card.theme')}
            value={props.thema}
            any={t('card.chooseTheme')}
            options={catalog.themes.map((x) => ({ value: x.code, label: x.name }))}
            required
          />
          <Select
            name="gebied"
            label={t('card.area')}
            value={props.gebied}
            any={t('card.chooseArea')}
            options={[]}
            groups={catalog.areas.map((g) => ({
              label: g.name,
              options: g.places.map((p) => ({ value: p, label: p })),
            }))}
            required
          />
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('card.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

function CardItem(props: { ctx: RequestContext; service: CompiledService }) {
  const { ctx, service: s } = props;
  const when = occasionsOf(s)
    .map((o) => scheduleInWords(o.schedule, ctx.locale))
    .filter(Boolean)
    .join('; ');
  const location = locationsOf(s)[0];
  const where = [location?.name, placeName(s)].filter(Boolean).join(', ');
  const phone = phonesOf(s)[0];
  const email = emailOf(s);
  return (
    <li class="wk-pcard__item">
      <p class="utrecht-paragraph wk-pcard__name">
        <a class="utrecht-link" href={`/aanbod/${s.id}`}>
          {s.name}
        </a>
        {s.organization?.name && <span class="wk-pcard__provider"> – {s.organization.name}</span>}
      </p>
      {(when || where) && (
        <p class="utrecht-paragraph wk-pcard__line">{[when, where].filter(Boolean).join(' · ')}</p>
      )}
      {(phone || email) && (
        <p class="utrecht-paragraph wk-pcard__line">
          {phone && (
            <a class="utrecht-link" href={telHref(phone.number)}>
              {phone.number}
            </a>
          )}
          {phone && email && ' · '}
          {email && (
            <a class="utrecht-link wk-break" href={`mailto:${email}`}>
              {email}
            </a>
          )}
        </p>
      )}
    </li>
  );
}

function Group(props: { ctx: RequestContext; t: DirectoryTexts; group: CardGroup; n: number }) {
  const { t, group } = props;
  const id = `groep-${group.route}`;
  return (
    <section class={`wk-pcard__group wk-pcard__group--${group.route}`} aria-labelledby={id}>
      <h2 class="utrecht-heading-3 wk-pcard__heading" id={id}>
        {props.n}. {group.route === 'other' ? t('card.otherGroup') : t(`access.${group.route}`)}
        {group.route !== 'other' && <span class="wk-pcard__hint"> – {t(`card.hint.${group.route}`)}</span>}
      </h2>
      {group.services.length ? (
        <ul class="wk-pcard__list">
          {group.services.map((s) => (
            <CardItem key={s.id} ctx={props.ctx} service={s} />
          ))}
        </ul>
      ) : (
        <p class="utrecht-paragraph wk-pcard__empty">{t('card.groupEmpty')}</p>
      )}
    </section>
  );
}

export function CardPage(props: {
  ctx: RequestContext;
  theme: TermOption;
  area: string;
  groups: CardGroup[];
  searchUrl: string;
  now: Date;
}) {
  const { ctx, theme, area, groups } = props;
  const t = messages(ctx.locale);
  const title = t('card.title', { theme: theme.name, area });
  const total = groups.reduce((n, g) => n + g.services.length, 0);
  return (
    <Layout ctx={ctx} title={title}>
      <DirectoryStyles />
      <article class="wk-directory wk-pcard">
        <div class="wk-print-bar wk-no-print">
          <div class="wk-actions">
            <PrintButton>{t('card.print')}</PrintButton>
            <a class="utrecht-link" href={`/preventiekaart?thema=${encodeURIComponent(theme.code)}`}>
              {t('card.other')}
            </a>
          </div>
        </div>
        <Heading1>{title}</Heading1>
        <p class="utrecht-paragraph wk-pcard__intro">
          {t('card.intro', {
            theme: theme.name.toLowerCase(),
            area,
            date: formatDate(ctx.locale, props.now),
            url: props.searchUrl,
          })}
        </p>
        {total === 0 ? (
          <P>{t('card.none', { theme: theme.name.toLowerCase(), area })}</P>
        ) : (
          <div class="wk-pcard__groups">
            {groups.map((g, i) => (
              <Group key={g.route} ctx={ctx} t={t} group={g} n={i + 1} />
            ))}
          </div>
        )}
      </article>
      <DirectoryScript />
    </Layout>
  );
}
