// The one reading of an HSDS schedule's RFC 5545 fields (freq, interval, byday, bymonthday, opens_at/closes_at)
// in the directory: the next time it happens in Europe/Amsterdam and in plain words (pages, .ics), the day
// tokens the search index stores for "open today / this week" (search), and the parts of byday a provider's
// form shows (curation). Pure functions: the clock is passed in.
import type { CompiledService } from './schemas.js';

export type Schedule = NonNullable<CompiledService['schedules']>[number];
export type Location = NonNullable<NonNullable<CompiledService['service_at_locations']>[number]['location']>;

export const TIME_ZONE = 'Europe/Amsterdam';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar date without a time or zone; month 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A schedule with the location it is held at, once per distinct moment. */
export interface Occasion {
  schedule: Schedule;
  location: Location | undefined;
}

/**
 * The schedules of an offer, each with its location. HSDS allows a schedule on the service and on each
 * service_at_location; files often give the same one in both places, so a service-level schedule that points
 * at a service_at_location with schedules of its own, or repeats one already listed, is left out.
 */
export function occasionsOf(service: CompiledService): Occasion[] {
  const out: Occasion[] = [];
  const seen = new Set<string>();
  const add = (schedule: Schedule, location: Location | undefined) => {
    const key = [
      schedule.freq,
      schedule.interval,
      schedule.byday,
      schedule.bymonthday,
      schedule.opens_at,
      schedule.closes_at,
      schedule.description,
      location?.id,
    ].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ schedule, location });
  };
  const sals = service.service_at_locations ?? [];
  const withOwn = new Set<string>();
  for (const sal of sals) {
    for (const s of sal.schedules ?? []) add(s, sal.location);
    if (sal.schedules?.length) withOwn.add(sal.id);
  }
  for (const s of service.schedules ?? []) {
    if (s.service_at_location_id && withOwn.has(s.service_at_location_id)) continue;
    const sal =
      sals.find((x) => x.id === s.service_at_location_id) ?? (sals.length === 1 ? sals[0] : undefined);
    add(s, sal?.location);
  }
  return out;
}

// ---- Dates in Europe/Amsterdam ------------------------------------------------------------------------------

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date (YYYY-MM-DD) in Amsterdam at this instant. */
export function amsterdamDate(now: Date): string {
  return formatLocalDate(amsterdamNow(now).date);
}

/** The date and minute of the day in Amsterdam at this instant. */
export function amsterdamNow(now: Date): { date: LocalDate; minutes: number } {
  const p = Object.fromEntries(partsFormat.formatToParts(now).map((x) => [x.type, x.value]));
  return {
    date: { year: Number(p.year), month: Number(p.month), day: Number(p.day) },
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
  const { date, minutes } = amsterdamNow(instant);
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - truncated) / 60_000);
}

/** The instant at which the Amsterdam clock shows this date and time. */
export function amsterdamInstant(date: LocalDate, minutes: number): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  let offset = amsterdamOffsetMinutes(new Date(guess - 60 * 60_000));
  offset = amsterdamOffsetMinutes(new Date(guess - offset * 60_000));
  return new Date(guess - offset * 60_000);
}

const dayNumber = (d: LocalDate) => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
const fromDayNumber = (n: number): LocalDate => {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
/** 0 = Monday … 6 = Sunday. */
const weekdayIndex = (d: LocalDate) => (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function parseDate(value: string | undefined): LocalDate | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** "14:00", "09:30:00" or "14:00+01:00" → minutes after midnight; the zone part is ignored (times are local). */
export function parseTime(value: string | undefined): number | undefined {
  const m = value ? /^(\d{2}):(\d{2})/.exec(value) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export interface ByDay {
  /** 1–5 or -1…-5 (MONTHLY: the n-th weekday of the month); undefined: every such weekday. */
  nth: number | undefined;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  code: Weekday;
}

/** "2TU,-1FR" → the second Tuesday and the last Friday; parts that are not a weekday rule are left out. */
export function parseByDay(byday: string | null | undefined): ByDay[] {
  if (!byday) return [];
  return byday.split(',').flatMap((part) => {
    const m = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part.trim().toUpperCase());
    if (!m) return [];
    const code = m[2] as Weekday;
    return [{ nth: m[1] ? Number(m[1]) : undefined, weekday: WEEKDAYS.indexOf(code), code }];
  });
}

const parseNumbers = (list: string | null | undefined) =>
  (list ?? '')
    .split(',')
    .map((x) => Number(x))
    .filter((n) => Number.isInteger(n) && n !== 0);

/** Whether the schedule's rule has an occurrence on this date (anchor: the first date of the series, if known). */
export function occursOn(s: Schedule, date: LocalDate, anchor: LocalDate | undefined): boolean {
  const interval = s.interval && s.interval > 1 ? s.interval : 1;
  const byday = parseByDay(s.byday);
  const monthdays = parseNumbers(s.bymonthday);
  const weekday = weekdayIndex(date);
  switch (s.freq) {
    case 'DAILY': {
      if (byday.length && !byday.some((b) => b.weekday === weekday)) return false;
      return !anchor || (dayNumber(date) - dayNumber(anchor)) % interval === 0;
    }
    case 'WEEKLY': {
      const days = byday.length ? byday.map((b) => b.weekday) : anchor ? [weekdayIndex(anchor)] : [weekday];
      if (!days.includes(weekday)) return false;
      if (!anchor || interval === 1) return true;
      const weekOf = (d: LocalDate) => Math.floor((dayNumber(d) - weekdayIndex(d) + 3) / 7);
      return (weekOf(date) - weekOf(anchor)) % interval === 0;
    }
    case 'MONTHLY': {
      if (anchor && ((date.year - anchor.year) * 12 + date.month - anchor.month) % interval !== 0)
        return false;
      const last = daysInMonth(date.year, date.month);
      if (monthdays.length && !monthdays.some((n) => (n > 0 ? n : last + n + 1) === date.day)) return false;
      if (byday.length) {
        return byday.some((b) => {
          if (b.weekday !== weekday) return false;
          if (b.nth === undefined) return true;
          return b.nth > 0
            ? Math.ceil(date.day / 7) === b.nth
            : Math.ceil((last - date.day + 1) / 7) === -b.nth;
        });
      }
      return monthdays.length > 0 || (anchor ? anchor.day === date.day : date.day === 1);
    }
    case 'YEARLY':
      return anchor ? anchor.month === date.month && anchor.day === date.day : false;
    default:
      return false;
  }
}

/** The Amsterdam date on which the series starts: its dtstart, else valid_from. */
export function seriesStart(s: Schedule): LocalDate | undefined {
  return parseDate(s.dtstart) ?? parseDate(s.valid_from);
}

/** The last date the series may fall on: until or valid_to, whichever is earlier. */
export function seriesEnd(s: Schedule): LocalDate | undefined {
  const ends = [parseDate(s.until), parseDate(s.valid_to)].filter((d): d is LocalDate => !!d);
  if (!ends.length) return undefined;
  return ends.reduce((a, b) => (dayNumber(a) <= dayNumber(b) ? a : b));
}

/**
 * The first date on or after today (or after the series start, when that is later) on which the schedule
 * happens and that has not ended yet today; undefined when it has no repeating rule or no future date.
 * With a dtstart the series is counted from there (COUNT needs that), so the first date is the first one
 * on or after dtstart.
 */
export function nextOccurrence(s: Schedule, now: Date): LocalDate | undefined {
  if (!s.freq) return undefined;
  const anchor = seriesStart(s);
  const end = seriesEnd(s);
  const today = amsterdamNow(now);
  let from = dayNumber(today.date);
  if (s.dtstart && anchor) from = dayNumber(anchor);
  else if (anchor && dayNumber(anchor) > from) from = dayNumber(anchor);
  const endsAt = parseTime(s.closes_at) ?? parseTime(s.opens_at);
  const limit = from + 5 * 366;
  for (let n = from; n <= limit; n++) {
    if (end && n > dayNumber(end)) return undefined;
    const date = fromDayNumber(n);
    if (n === dayNumber(today.date) && !s.dtstart && endsAt !== undefined && endsAt <= today.minutes)
      continue;
    if (occursOn(s, date, anchor ?? (s.freq === 'YEARLY' ? date : undefined))) return date;
  }
  return undefined;
}

/** Whether any schedule of the offer still has a date to come: then there is a calendar file to offer. */
export function hasUpcoming(service: CompiledService, now: Date): boolean {
  return occasionsOf(service).some((o) => nextOccurrence(o.schedule, now) !== undefined);
}

// ---- In words --------------------------------------------------------------------------------------------

const dayNames = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const ordinals = {
  nl: ['', 'eerste', 'tweede', 'derde', 'vierde', 'vijfde'],
  en: ['', 'first', 'second', 'third', 'fourth', 'fifth'],
};

function list(items: string[], locale: 'nl' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${locale === 'nl' ? 'en' : 'and'} ${items.at(-1)}`;
}

function clock(minutes: number, locale: 'nl' | 'en'): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return locale === 'nl' ? `${h}.${m}` : `${h}:${m}`;
}

/** "van 14.00 tot 16.00 uur" / "from 14:00 to 16:00"; empty without times. */
export function hoursInWords(s: Schedule, locale: 'nl' | 'en'): string {
  const opens = parseTime(s.opens_at);
  const closes = parseTime(s.closes_at);
  if (opens === undefined) return '';
  if (closes === undefined)
    return locale === 'nl' ? `vanaf ${clock(opens, 'nl')} uur` : `from ${clock(opens, 'en')}`;
  return locale === 'nl'
    ? `van ${clock(opens, 'nl')} tot ${clock(closes, 'nl')} uur`
    : `from ${clock(opens, 'en')} to ${clock(closes, 'en')}`;
}

/** The rule in words, e.g. "Elke tweede en vierde dinsdag van de maand, van 14.00 tot 16.00 uur". */
export function ruleInWords(s: Schedule, locale: 'nl' | 'en'): string | undefined {
  const nl = locale === 'nl';
  const names = dayNames[locale];
  const byday = parseByDay(s.byday);
  const interval = s.interval && s.interval > 1 ? s.interval : 1;
  let when: string | undefined;
  if (s.freq === 'DAILY') {
    when =
      interval === 1
        ? nl
          ? 'Elke dag'
          : 'Every day'
        : nl
          ? `Om de ${interval} dagen`
          : `Every ${interval} days`;
  } else if (s.freq === 'WEEKLY') {
    const days = [...new Set(byday.map((b) => b.weekday))].sort();
    const weekdays = days.join() === '0,1,2,3,4';
    const everyDay = days.length === 7;
    const named = list(
      days.map((d) => names[d]!),
      locale,
    );
    if (interval === 1) {
      if (everyDay) when = nl ? 'Elke dag' : 'Every day';
      else if (weekdays) when = nl ? 'Op werkdagen (maandag tot en met vrijdag)' : 'Monday to Friday';
      else if (days.length) when = nl ? `Elke ${named}` : `Every ${named}`;
      else when = nl ? 'Elke week' : 'Every week';
    } else {
      const every =
        interval === 2
          ? nl
            ? 'Om de week'
            : 'Every other week'
          : nl
            ? `Om de ${interval} weken`
            : `Every ${interval} weeks`;
      when = days.length ? (nl ? `${every} op ${named}` : `${every} on ${named}`) : every;
    }
  } else if (s.freq === 'MONTHLY') {
    const month =
      interval === 1
        ? nl
          ? 'van de maand'
          : 'of the month'
        : nl
          ? `van elke ${interval} maanden`
          : `of every ${interval} months`;
    if (byday.length) {
      // Group by weekday: "tweede en vierde dinsdag".
      const byWeekday = new Map<number, (number | undefined)[]>();
      for (const b of byday) byWeekday.set(b.weekday, [...(byWeekday.get(b.weekday) ?? []), b.nth]);
      const parts = [...byWeekday].map(([weekday, nths]) => {
        const ns = nths.filter((n): n is number => n !== undefined);
        const ord = ns.map((n) => (n > 0 ? ordinals[locale][n]! : nl ? 'laatste' : 'last'));
        return ns.length
          ? `${list(ord, locale)} ${names[weekday]}`
          : nl
            ? `iedere ${names[weekday]}`
            : `every ${names[weekday]}`;
      });
      when = nl ? `Elke ${list(parts, locale)} ${month}` : `Every ${list(parts, locale)} ${month}`;
    } else {
      const days = parseNumbers(s.bymonthday).map((n) =>
        n > 0 ? (nl ? `${n}e` : `${n}.`) : nl ? 'laatste dag' : 'last day',
      );
      if (days.length)
        when = nl ? `Elke maand op de ${list(days, locale)}` : `Every month on day ${list(days, locale)}`;
      else when = nl ? 'Elke maand' : 'Every month';
    }
  } else if (s.freq === 'YEARLY') {
    when = nl ? 'Elk jaar' : 'Every year';
  }
  if (!when) return undefined;
  const hours = hoursInWords(s, locale);
  return hours ? `${when}, ${hours}` : when;
}

/**
 * What a person reads: the schedule's own description in Dutch (written by the provider), otherwise the rule
 * in words; in English the rule in words first, because the description is Dutch.
 */
export function scheduleInWords(s: Schedule, locale: 'nl' | 'en'): string | undefined {
  if (locale === 'nl') return s.description?.trim() || ruleInWords(s, 'nl');
  return ruleInWords(s, 'en') ?? (s.description?.trim() || undefined);
}

// ---- Day tokens for search --------------------------------------------------------------------------------
// When an offer takes place, as day tokens the index stores and a search compares: "open today" and
// "open this week" become "does the offer have one of these tokens".
//   DAILY      every day
//   W:TU       every Tuesday (WEEKLY, or MONTHLY without an ordinal)
//   M:2TU      the second Tuesday of the month; M:-1FR the last Friday
//   D:15       the 15th of the month; D:-1 the last day

export interface ScheduleRule {
  freq: string | null;
  byday: string | null;
  bymonthday: string | null;
}

export function scheduleTokens(s: ScheduleRule): string[] {
  const freq = s.freq?.toUpperCase() ?? null;
  if (freq === 'DAILY') return ['DAILY'];
  if (freq === 'YEARLY') return [];
  const out = parseByDay(s.byday).map((b) =>
    b.nth && freq === 'MONTHLY' ? `M:${b.nth}${b.code}` : `W:${b.code}`,
  );
  if (freq === 'MONTHLY') for (const n of parseNumbers(s.bymonthday)) out.push(`D:${n}`);
  return out;
}

/** The tokens an offer on this calendar date (YYYY-MM-DD) would have. */
export function tokensOn(date: string): string[] {
  const d = parseDate(date)!;
  const wd = WEEKDAYS[weekdayIndex(d)]!;
  const last = daysInMonth(d.year, d.month);
  const out = ['DAILY', `W:${wd}`, `M:${Math.ceil(d.day / 7)}${wd}`, `D:${d.day}`];
  if (d.day + 7 > last) out.push(`M:-1${wd}`);
  if (d.day === last) out.push('D:-1');
  return out;
}

export interface OpenWindow {
  from: string;
  to: string;
  tokens: string[];
}

/** "today": today; "this-week": today and the six days after it (a rolling week), in Europe/Amsterdam. */
export function openWindow(open: 'today' | 'this-week', now: Date): OpenWindow {
  const first = dayNumber(amsterdamNow(now).date);
  const days = Array.from({ length: open === 'today' ? 1 : 7 }, (_, i) =>
    formatLocalDate(fromDayNumber(first + i)),
  );
  return { from: days[0]!, to: days.at(-1)!, tokens: [...new Set(days.flatMap(tokensOn))] };
}
