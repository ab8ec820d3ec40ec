import type { FastifyReply } from 'fastify';
import type { ComponentChild, ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { RequestContext } from '../http/context.js';
import type { FieldError } from '../http/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { can, type Permission } from '../auth/permissions.js';
import { errorOf, TextInput } from './forms.js';

// Pages have always taken the date formatter from here.
export { formatDateTime } from '../i18n/dates.js';

/**
 * The professional's menu: one entry per module part, shown to roles holding one of its permissions.
 * Modules own the pages behind these paths.
 */
const moduleNav: { href: string; label: MessageKey; permissions: Permission[] }[] = [
  { href: '/mijn-plan', label: 'nav.myPlan', permissions: ['casework:own-plan'] },
  { href: '/sociaal-team', label: 'nav.casework', permissions: ['casework:read'] },
  { href: '/verwijzingen', label: 'nav.referrals', permissions: ['referrals:send', 'referrals:receive'] },
  { href: '/signalen', label: 'nav.signals', permissions: ['signals:triage', 'signals:meeting'] },
  { href: '/mijn-vrijwilligerswerk', label: 'nav.myVolunteering', permissions: ['volunteering:volunteer'] },
  { href: '/vrijwilligerswerk', label: 'nav.volunteering', permissions: ['volunteering:coordinate'] },
  { href: '/mijn-aanbod', label: 'nav.myOffers', permissions: ['directory:edit-own'] },
  { href: '/beheer/aanbod/wachtrij', label: 'nav.moderation', permissions: ['directory:moderate'] },
  {
    href: '/cijfers',
    label: 'nav.figures',
    permissions: ['referrals:figures', 'signals:figures', 'volunteering:figures'],
  },
  { href: '/mijn-account', label: 'nav.account', permissions: ['account:own'] },
  { href: '/beheer/gebruikers', label: 'nav.admin', permissions: ['users:read'] },
];

/** One page shell for every module: NL Design System CSS once at the root, theme class on the body. */
export function Layout(props: { ctx: RequestContext; title: string; children: ComponentChildren }): VNode {
  const { ctx } = props;
  const t = ctx.t;
  const user = ctx.session && !ctx.session.pendingTwoFactor ? ctx.session.user : undefined;
  const tenantName = ctx.tenant?.name;
  const otherLocale = ctx.locale === 'nl' ? 'en' : 'nl';
  return (
    <html lang={ctx.locale} class="utrecht-root">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${tenantName ? `${t('app.name')} ${tenantName}` : t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/utrecht/design-tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht/components.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        {ctx.tenant && <link rel="stylesheet" href={`/assets/theme/${ctx.tenant.slug}.css`} />}
      </head>
      <body class="utrecht-theme utrecht-body utrecht-document">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          {t('nav.skip')}
        </a>
        <div class="utrecht-page">
          <header class="utrecht-page-header wk-header">
            <div class="wk-header__inner">
              <a class="wk-brand" href="/">
                <span class="wk-brand__name">{t('app.name')}</span>
                {tenantName && <span class="wk-brand__tenant">{tenantName}</span>}
              </a>
              <nav aria-label={t('nav.main')} class="wk-nav">
                <ul class="wk-nav__list">
                  <li>
                    <a class="utrecht-link wk-nav__link" href="/">
                      {t('nav.home')}
                    </a>
                  </li>
                  <li>
                    <a class="utrecht-link wk-nav__link" href="/aanbod">
                      {t('nav.directory')}
                    </a>
                  </li>
                  {user &&
                    moduleNav
                      .filter((item) => item.permissions.some((p) => can(ctx.roles, p)))
                      .map((item) => (
                        <li key={item.href}>
                          <a class="utrecht-link wk-nav__link" href={item.href}>
                            {t(item.label)}
                          </a>
                        </li>
                      ))}
                  <li>
                    <a
                      class="utrecht-link wk-nav__link"
                      href={`/taal?lang=${otherLocale}`}
                      lang={otherLocale}
                    >
                      {t('nav.switchLanguage')}
                    </a>
                  </li>
                  <li>
                    {user ? (
                      <form method="post" action="/uitloggen" class="wk-inline-form">
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="utrecht-button utrecht-button--subtle wk-nav__button">
                          {t('nav.logout')}
                        </button>
                      </form>
                    ) : (
                      <a class="utrecht-link wk-nav__link" href="/inloggen">
                        {t('nav.login')}
                      </a>
                    )}
                  </li>
                </ul>
              </nav>
            </div>
          </header>
          <main id="inhoud" class="utrecht-page-content wk-main" tabIndex={-1}>
            {props.children}
          </main>
          <footer class="utrecht-page-footer wk-footer">
            <p class="utrecht-paragraph">
              {t('footer.text')}{' '}
              <a class="utrecht-link" href="/api/docs">
                {t('footer.api')}
              </a>
            </p>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** Sends a rendered page; every module's page routes answer through this. */
export function html(reply: FastifyReply, node: ComponentChild, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(node));
}

export function renderPage(node: ComponentChild): string {
  return `<!doctype html>${render(node as VNode)}`;
}

export function Heading1(props: { children: ComponentChildren }) {
  return <h1 class="utrecht-heading-1">{props.children}</h1>;
}

export function Heading2(props: { children: ComponentChildren; id?: string }) {
  return (
    <h2 class="utrecht-heading-2" id={props.id}>
      {props.children}
    </h2>
  );
}

export function P(props: { children: ComponentChildren; lead?: boolean }) {
  return <p class={`utrecht-paragraph${props.lead ? ' utrecht-paragraph--lead' : ''}`}>{props.children}</p>;
}

export function Alert(props: { type: 'info' | 'ok' | 'warning' | 'error'; children: ComponentChildren }) {
  const role = props.type === 'error' || props.type === 'warning' ? 'alert' : 'status';
  return (
    <div class={`utrecht-alert utrecht-alert--${props.type}`} role={role}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{props.children}</div>
      </div>
    </div>
  );
}

/** Error summary at the top of a form, linking to each field, as GOV.UK and NL Design System advise. */
export function ErrorSummary(props: { ctx: RequestContext; errors: FieldError[]; message?: string }) {
  if (props.errors.length === 0 && !props.message) return null;
  const t = props.ctx.t;
  return (
    <Alert type="error">
      <p class="utrecht-paragraph">{props.message ?? t('error.validation')}</p>
      {props.errors.length > 0 && (
        <ul class="utrecht-unordered-list">
          {props.errors.map((e) => (
            <li class="utrecht-unordered-list__item" key={e.field}>
              <a class="utrecht-link" href={`#${e.field}`}>
                {t(e.message as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function Field(props: {
  ctx: RequestContext;
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  required?: boolean;
  description?: string;
  errors?: FieldError[];
  inputmode?: string;
}) {
  // The platform's own forms carry message keys as errors; the shared control shows them as text.
  const error = errorOf(props.errors, props.name);
  return (
    <TextInput
      name={props.name}
      label={props.label}
      type={props.type}
      value={props.value}
      autocomplete={props.autocomplete}
      required={props.required}
      hint={props.description}
      errors={error ? [{ ...error, message: props.ctx.t(error.message as MessageKey) }] : undefined}
      inputmode={props.inputmode}
    />
  );
}

export function CsrfField(props: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}

export function SubmitButton(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const variant =
    props.variant === 'secondary'
      ? 'utrecht-button--secondary-action'
      : props.variant === 'danger'
        ? 'utrecht-button--primary-action utrecht-button--danger'
        : 'utrecht-button--primary-action';
  return (
    <button type="submit" class={`utrecht-button ${variant}`}>
      {props.children}
    </button>
  );
}

/** A table with a caption and row headers, scrolling inside its own focusable box at narrow widths. */
export function Table(props: {
  id: string;
  caption: string;
  head: string[];
  rows: { key: string; cells: ComponentChildren[] }[];
}) {
  const captionId = `${props.id}-caption`;
  return (
    // A wide table scrolls inside its own box, so the page itself never scrolls sideways; the box can get focus
    // so keyboard users can scroll it too.
    <div class="utrecht-table-container wk-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="utrecht-table utrecht-table--html-table" id={props.id}>
        <caption class="utrecht-table__caption wk-caption" id={captionId}>
          {props.caption}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {props.head.map((h) => (
              <th class="utrecht-table__header-cell" scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.rows.map((row) => (
            <tr class="utrecht-table__row" key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th class="utrecht-table__header-cell wk-row-header" scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell" key={i}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A module's section menu: only the links the role may use (`show`), the page being shown marked as current. */
export function SectionNav(props: {
  label: string;
  current: string;
  links: { href: string; label: string; show?: boolean }[];
}) {
  return (
    <nav aria-label={props.label} class="wk-subnav">
      <ul class="wk-subnav__list">
        {props.links
          .filter((l) => l.show ?? true)
          .map((l) => (
            <li key={l.href}>
              <a
                class="utrecht-link"
                href={l.href}
                aria-current={l.href === props.current ? 'page' : undefined}
              >
                {l.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Key–value rows (NL Design System data list). */
export function DataList(props: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list">
      {props.items.map(([key, value]) => (
        <div class="utrecht-data-list__item" key={key}>
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
