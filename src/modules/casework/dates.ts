// Days as the social team lives them: in Dutch time (Europe/Amsterdam), whatever the server's time zone.
const TZ = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localParts(d: Date) {
  const p = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    mi: Number(p.minute),
    s: Number(p.second),
  };
}

/** How far Dutch time is ahead of UTC at this instant, in ms (1 or 2 hours). */
function offsetMs(d: Date): number {
  const p = localParts(d);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(d.getTime() / 1000) * 1000;
}

/** The instant of 00:00 Dutch time on that day (month 1–12; days past the month's end roll over). */
function midnight(y: number, m: number, d: number): Date {
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetMs(new Date(guess));
  return new Date(guess - offsetMs(new Date(first)));
}

/** The Dutch calendar day of an instant, as YYYY-MM-DD. */
export function dutchDate(d: Date): string {
  const p = localParts(d);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** Start of today, tomorrow and the day after, Dutch time. */
export function dayBounds(now: Date): { today: Date; tomorrow: Date; dayAfter: Date } {
  const p = localParts(now);
  return {
    today: midnight(p.y, p.m, p.d),
    tomorrow: midnight(p.y, p.m, p.d + 1),
    dayAfter: midnight(p.y, p.m, p.d + 2),
  };
}

const readable = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TZ,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/** "maandag 3 maart om 14:05" for e-mails. */
export function dutchDateTime(d: Date): string {
  return readable.format(d);
}

/** A real calendar date written as YYYY-MM-DD ("2023-02-30" is not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** YYYY-MM-DD minus whole years (29 February becomes 28 February). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const rest = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${String(y).padStart(4, '0')}${rest}`;
}

/** The same Dutch wall-clock time `days` days later: a meeting at 14:00 stays at 14:00 across summer time. */
export function addDutchDays(d: Date, days: number): Date {
  const naive = new Date(d.getTime() + days * 24 * 60 * 60 * 1000);
  return new Date(naive.getTime() + offsetMs(d) - offsetMs(naive));
}
