// The section menu of the signals professionals' pages.
import { can } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/http/context.js';
import { SectionNav } from '../../platform/pages/layout.js';
import { signalTexts, type Texts } from './messages.js';

export const textsOf = (ctx: RequestContext): Texts => signalTexts(ctx.locale);

/** The professionals' section menu: only the parts the role may use. */
export function Subnav(props: { ctx: RequestContext; current: string }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const links = [
    { href: '/signalen', label: t('list.title'), show: can(ctx.roles, 'signals:triage') },
    { href: '/signalen/overleg', label: t('list.meeting'), show: can(ctx.roles, 'signals:meeting') },
    { href: '/signalen/cijfers', label: t('list.figures'), show: can(ctx.roles, 'signals:figures') },
    { href: '/signalen/categorieen', label: t('list.categories'), show: can(ctx.roles, 'signals:manage') },
    { href: '/signalen/instellingen', label: t('settings.title'), show: can(ctx.roles, 'signals:manage') },
  ];
  return <SectionNav label={t('list.title')} current={props.current} links={links} />;
}
