// Referral figures per pathway, offer, provider, area or kind of receiver over a period: how many, how fast the
// first contact came (median, p90), the share contacted within 48 hours, and what happened. Aggregates only;
// counts under 5 are shown as "< 5" and times and shares over fewer than 5 referrals are left out, so no
// resident can be singled out.
import type { TenantTx } from '../../platform/db/index.js';
import { isSmall, percentile, shareOf, shownCount } from '../../platform/figures/index.js';
import { areaTree, type AreaNode } from '../areas/index.js';
import type { Texts } from './messages.js';
import { figureRows, type FigureRow } from './queries.js';
import { declineReasons } from './tables.js';

export const groupings = ['pathway', 'offer', 'provider', 'area', 'target'] as const;
export type Grouping = (typeof groupings)[number];

const CONTACT_HOURS = 48;

export interface FigureGroup {
  group: string;
  referrals: number;
  median_hours: number | null;
  p90_hours: number | null;
  within_48h_percent: number | null;
  started: number;
  completed: number;
  no_shows: number;
  declined: number;
}

export interface Figures {
  per: Grouping;
  from: string;
  to: string;
  groups: FigureGroup[];
  total: FigureGroup;
  decline_reasons: { reason: string; count: number }[];
}

const oneDecimal = (n: number | undefined) => (n === undefined ? null : Math.round(n * 10) / 10);

function summarise(group: string, items: FigureRow[]): FigureGroup {
  const hours = items.map((r) => r.first_contact_hours).filter((h): h is number => h !== null);
  // A time or share over a handful of referrals could point at one resident: only from 5 up.
  const enough = !isSmall(items.length);
  return {
    group,
    referrals: items.length,
    median_hours: enough ? oneDecimal(percentile(hours, 50)) : null,
    p90_hours: enough ? oneDecimal(percentile(hours, 90)) : null,
    within_48h_percent: shareOf(hours.filter((h) => h <= CONTACT_HOURS).length, items.length) ?? null,
    started: items.filter((r) => r.started).length,
    completed: items.filter((r) => r.completed).length,
    no_shows: items.filter((r) => r.no_show).length,
    declined: items.filter((r) => r.declined).length,
  };
}

function areaNames(tree: AreaNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: AreaNode[]) => {
    for (const n of nodes) {
      out.set(n.id, n.name);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

export async function referralFigures(
  tx: TenantTx,
  texts: Texts,
  per: Grouping,
  from: Date,
  to: Date,
): Promise<Figures> {
  const found = await figureRows(tx, from, to);
  const areas = per === 'area' ? areaNames(await areaTree(tx)) : new Map<string, string>();
  const none = texts('figures.none');
  const keyOf = (r: FigureRow): string => {
    switch (per) {
      case 'pathway':
        return r.pathway_title ?? none;
      case 'offer':
        return r.service_name ?? texts(`target.${r.target_kind as 'welfare-coach'}`);
      case 'provider':
        return r.organization_name ?? texts(`target.${r.target_kind as 'welfare-coach'}`);
      case 'area':
        return (r.area_id && areas.get(r.area_id)) || none;
      case 'target':
        return r.target_kind === 'service'
          ? texts('figures.per.offer')
          : texts(`target.${r.target_kind as 'social-team'}`);
    }
  };
  const byGroup = new Map<string, FigureRow[]>();
  for (const r of found) byGroup.set(keyOf(r), [...(byGroup.get(keyOf(r)) ?? []), r]);
  const groups = [...byGroup]
    .map(([g, items]) => summarise(g, items))
    .sort((a, b) => b.referrals - a.referrals || a.group.localeCompare(b.group, 'nl'));
  const reasons = declineReasons.map((reason) => ({
    reason,
    count: found.filter((r) => r.declined && r.decline_reason === reason).length,
  }));
  return {
    per,
    from: from.toISOString().slice(0, 10),
    to: new Date(to.getTime() - 1).toISOString().slice(0, 10),
    groups,
    total: summarise(texts('figures.total'), found),
    decline_reasons: reasons.filter((r) => r.count > 0),
  };
}

/** The figures as they may be shown: small counts become "< 5". */
export function shownGroup(g: FigureGroup) {
  return {
    group: g.group,
    referrals: shownCount(g.referrals),
    median_hours: g.median_hours,
    p90_hours: g.p90_hours,
    within_48h_percent: g.within_48h_percent,
    started: shownCount(g.started),
    completed: shownCount(g.completed),
    no_shows: shownCount(g.no_shows),
    declined: shownCount(g.declined),
  };
}
export type ShownGroup = ReturnType<typeof shownGroup>;
