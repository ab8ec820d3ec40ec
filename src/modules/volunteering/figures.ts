// Figures of informal help for coordinators and policy officers: requests, offers, matches, time to match, share
// matched, active volunteers by category and area, waiting requests. Aggregates only; counts of 1–4 are shown as
// "< 5" and left out of the API's numbers, so no resident or volunteer can be singled out.
import { sql } from 'drizzle-orm';
import { rows, type TenantTx } from '../../platform/db/index.js';
import { median, shareOf, shownCount, isSmall, toCsv } from '../../platform/figures/index.js';
import { areaTree, listPlaces, type AreaNode } from '../areas/index.js';
import type { Texts, VolunteeringKey } from './messages.js';
import { helpKinds, volunteerCategories } from './vocabulary.js';

export interface Count {
  label: string;
  value: number | null;
  shown: string;
}

export interface Figures {
  from: string;
  to: string;
  requests: string;
  offers: string;
  matches: string;
  waiting_requests: string;
  median_days_to_match: number | null;
  share_matched_percent: number | null;
  requests_by_kind: Count[];
  active_volunteers_by_category: Count[];
  active_volunteers_by_area: Count[];
}

const count = (label: string, n: number): Count => ({
  label,
  value: isSmall(n) ? null : n,
  shown: shownCount(n),
});

export async function volunteeringFigures(
  tx: TenantTx,
  texts: Texts,
  from: string,
  to: string,
): Promise<Figures> {
  const period = sql`created_at >= ${from}::date and created_at < (${to}::date + 1)`;
  const [totals] = await rows<{ requests: number; offers: number; matched: number; waiting: number }>(
    tx,
    sql`select
      (select count(*) from help_requests where ${period})::int as requests,
      (select count(*) from help_offers where ${period})::int as offers,
      (select count(*) from help_requests where ${period} and status in ('matched','closed'))::int as matched,
      (select count(*) from help_requests where status = 'open')::int as waiting`,
  );
  const [confirmed] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from matches where confirmed_at >= ${from}::date and confirmed_at < (${to}::date + 1)`,
  );
  const waits = await rows<{ days: number }>(
    tx,
    sql`select extract(epoch from (matched_at - created_at)) / 86400 as days from help_requests
        where matched_at >= ${from}::date and matched_at < (${to}::date + 1)`,
  );
  const byKind = await rows<{ kind: string; n: number }>(
    tx,
    sql`select kind, count(*)::int as n from help_requests where ${period} group by kind`,
  );
  const byCategory = await rows<{ category: string; n: number }>(
    tx,
    sql`select c as category, count(*)::int as n from volunteers, unnest(categories) as c where active group by c`,
  );
  const byPlace = await rows<{ place_id: string; n: number }>(
    tx,
    sql`select place_id, count(*)::int as n from volunteers where active group by place_id`,
  );
  const places = new Map((await listPlaces(tx)).map((p) => [p.id, p]));
  const areaNames = new Map<string, string>();
  const walk = (nodes: AreaNode[]) =>
    nodes.forEach((n) => {
      areaNames.set(n.id, n.name);
      walk(n.children);
    });
  walk(await areaTree(tx));
  const perArea = new Map<string, number>();
  for (const r of byPlace) {
    const place = places.get(r.place_id);
    const name = (place?.areaId && areaNames.get(place.areaId)) || place?.name || '?';
    perArea.set(name, (perArea.get(name) ?? 0) + r.n);
  }
  const days = waits.map((w) => Number(w.days));
  const t = totals!;
  return {
    from,
    to,
    requests: shownCount(t.requests),
    offers: shownCount(t.offers),
    matches: shownCount(confirmed!.n),
    waiting_requests: shownCount(t.waiting),
    median_days_to_match: days.length >= 5 ? Math.round(median(days)! * 10) / 10 : null,
    share_matched_percent: shareOf(t.matched, t.requests) ?? null,
    requests_by_kind: helpKinds.map((k) =>
      count(texts(`kind.${k}` as VolunteeringKey), byKind.find((r) => r.kind === k)?.n ?? 0),
    ),
    active_volunteers_by_category: volunteerCategories.map((c) =>
      count(texts(`category.${c}` as VolunteeringKey), byCategory.find((r) => r.category === c)?.n ?? 0),
    ),
    active_volunteers_by_area: [...perArea.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([name, n]) => count(name, n)),
  };
}

/** The same figures as one CSV (small counts stay "< 5"). */
export function figuresCsv(f: Figures, texts: Texts): string {
  const line = (group: string, c: Count) => [group, c.label, c.shown];
  return toCsv(
    [texts('figures.csvGroup'), texts('figures.csvLabel'), texts('figures.csvValue')],
    [
      [texts('figures.period'), `${f.from} – ${f.to}`, ''],
      [texts('figures.totals'), texts('figures.requests'), f.requests],
      [texts('figures.totals'), texts('figures.offers'), f.offers],
      [texts('figures.totals'), texts('figures.matches'), f.matches],
      [texts('figures.totals'), texts('figures.waiting'), f.waiting_requests],
      [texts('figures.totals'), texts('figures.medianDays'), f.median_days_to_match ?? ''],
      [texts('figures.totals'), texts('figures.shareMatched'), f.share_matched_percent ?? ''],
      ...f.requests_by_kind.map((c) => line(texts('figures.byKind'), c)),
      ...f.active_volunteers_by_category.map((c) => line(texts('figures.byCategory'), c)),
      ...f.active_volunteers_by_area.map((c) => line(texts('figures.byArea'), c)),
    ],
  );
}
