// Building blocks of the casework pages on NL Design System (Utrecht) classes: form fields that name their
// errors, the section menu, and the module's stylesheet (charts and print), linked from the body so the shared
// Layout stays as it is.
import { can } from '../../../platform/auth/permissions.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { formatDay as formatPlainDay } from '../../../platform/i18n/dates.js';
import {
  Checkbox,
  Checkboxes as PlatformCheckboxes,
  errorOf,
  Fieldset,
  Select as PlatformSelect,
  TextArea as PlatformTextArea,
} from '../../../platform/pages/forms.js';
import { pageTexts, type PageTexts } from './messages.js';

export const textsOf = (ctx: RequestContext): PageTexts => pageTexts(ctx.locale);

export function CaseworkStyles() {
  return <link rel="stylesheet" href="/assets/casework/casework.css" />;
}

/** A calendar date (YYYY-MM-DD) as the reader reads it; the date itself has no time zone. */
export const formatDay = (ctx: RequestContext, date: string): string => formatPlainDay(ctx, date);

export function Subnav(props: { ctx: RequestContext; current: string }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const links = [
    { href: '/sociaal-team', label: texts('nav.overview'), show: true },
    { href: '/sociaal-team/nieuw', label: texts('nav.new'), show: can(ctx.roles, 'casework:write') },
    { href: '/sociaal-team/zoeken', label: texts('nav.search'), show: true },
    { href: '/sociaal-team/huishoudens', label: texts('nav.cases'), show: true },
    {
      href: '/sociaal-team/werkverdeling',
      label: texts('nav.workload'),
      show: can(ctx.roles, 'casework:team-overview'),
    },
    { href: '/sociaal-team/overleg', label: texts('nav.meetings'), show: true },
  ].filter((l) => l.show);
  return (
    <nav aria-label={texts('nav.section')} class="wk-subnav">
      <ul class="wk-subnav__list">
        {links.map((l) => (
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

export { Checkbox, errorOf, Fieldset };

/** The platform's controls, with the casework pages' word for a hint ("description") and taller text areas. */
export function TextArea(
  props: Omit<Parameters<typeof PlatformTextArea>[0], 'hint'> & { description?: string },
) {
  const { description, ...rest } = props;
  return <PlatformTextArea {...rest} hint={description} rows={props.rows ?? 4} />;
}

export function Select(props: Omit<Parameters<typeof PlatformSelect>[0], 'hint'> & { description?: string }) {
  const { description, ...rest } = props;
  return <PlatformSelect {...rest} hint={description} />;
}

/** The platform's check-box group, with the options in the casework pages' columns. */
export function Checkboxes(props: Omit<Parameters<typeof PlatformCheckboxes>[0], 'optionsClass'>) {
  return <PlatformCheckboxes {...props} optionsClass="wk-cw-options" />;
}
