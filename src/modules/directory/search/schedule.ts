// When an offer takes place, as day tokens the index stores and a search compares: "open today" and
// "open this week" become "does the offer have one of these tokens", worked out here in JavaScript.
//   DAILY      every day
//   W:TU       every Tuesday (WEEKLY, or MONTHLY without an ordinal)
//   M:2TU      the second Tuesday of the month; M:-1FR the last Friday
//   D:15       the 15th of the month; D:-1 the last day

const weekdays = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export interface ScheduleFields {
  freq: string | null;
  byday: string | null;
  bymonthday: string | null;
}

export function scheduleTokens(s: ScheduleFields): string[] {
  const out: string[] = [];
  const freq = s.freq?.toUpperCase() ?? null;
  if (freq === 'DAILY') return ['DAILY'];
  if (freq === 'YEARLY') return out;
  for (const part of (s.byday ?? '').split(',').map((d) => d.trim().toUpperCase())) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
    if (!m) continue;
    const n = m[1] ? Number(m[1]) : 0;
    out.push(n && freq === 'MONTHLY' ? `M:${n}${m[2]}` : `W:${m[2]}`);
  }
  if (freq === 'MONTHLY')
    for (const part of (s.bymonthday ?? '').split(',').map((d) => d.trim())) {
      if (/^[+-]?\d{1,2}$/.test(part)) out.push(`D:${Number(part)}`);
    }
  return out;
}

/** Today's date in Europe/Amsterdam as YYYY-MM-DD. */
export function amsterdamDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The tokens an offer on this calendar date (YYYY-MM-DD) would have. */
export function tokensOn(date: string): string[] {
  const d = new Date(`${date}T12:00:00Z`);
  const day = d.getUTCDate();
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const wd = weekdays[d.getUTCDay()]!;
  const out = ['DAILY', `W:${wd}`, `M:${Math.ceil(day / 7)}${wd}`, `D:${day}`];
  if (day + 7 > last) out.push(`M:-1${wd}`);
  if (day === last) out.push('D:-1');
  return out;
}

export interface OpenWindow {
  from: string;
  to: string;
  tokens: string[];
}

/** "today": today; "this-week": today and the six days after it (a rolling week), in Europe/Amsterdam. */
export function openWindow(open: 'today' | 'this-week', now: Date): OpenWindow {
  const from = amsterdamDate(now);
  const days = open === 'today' ? 1 : 7;
  const tokens = new Set<string>();
  let to = from;
  for (let i = 0; i < days; i++) {
    const d = new Date(`${from}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    to = d.toISOString().slice(0, 10);
    for (const t of tokensOn(to)) tokens.add(t);
  }
  return { from, to, tokens: [...tokens] };
}
