// An offer's schedule as an iCalendar file (RFC 5545): one VEVENT per schedule, repeating by its RRULE,
// starting at the next time it happens, in Europe/Amsterdam with a VTIMEZONE so every calendar shows the
// right hour in summer and winter. ical-generator does the escaping and the line folding.
//
// ical-generator writes a calendar-wide time zone into every date (DTSTAMP included, which must be UTC), so
// the zone is set per event and the VTIMEZONE is added here. An event's times are given as wall-clock strings
// without a zone: parsed and written back in the server's own zone, their digits stay the Amsterdam clock.
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { CompiledService } from '../schemas.js';
import { addressLine } from './view.js';
import {
  TIME_ZONE,
  amsterdamInstant,
  formatLocalDate,
  nextOccurrence,
  occasionsOf,
  parseTime,
  scheduleInWords,
  seriesEnd,
  type LocalDate,
  type Schedule,
} from '../schedule.js';

/** Europe/Amsterdam since 1996 (EU rules): summer time from the last Sunday of March to the last of October. */
export const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const pad = (n: number) => String(n).padStart(2, '0');
const compactDate = (d: LocalDate) => `${d.year}${pad(d.month)}${pad(d.day)}`;

/** The RRULE value (without "RRULE:"): only the parts the schedule has; UNTIL in UTC as RFC 5545 requires with a TZID start. */
export function rruleOf(s: Schedule, allDay: boolean): string | undefined {
  if (!s.freq) return undefined;
  const parts = [`FREQ=${s.freq}`];
  if (s.interval && s.interval > 1) parts.push(`INTERVAL=${s.interval}`);
  if (s.byday) parts.push(`BYDAY=${s.byday.replace(/\s+/g, '')}`);
  if (s.bymonthday) parts.push(`BYMONTHDAY=${s.bymonthday}`);
  if (s.byyearday) parts.push(`BYYEARDAY=${s.byyearday}`);
  if (s.byweekno && s.freq === 'YEARLY') parts.push(`BYWEEKNO=${s.byweekno}`);
  if (s.wkst) parts.push(`WKST=${s.wkst}`);
  const end = seriesEnd(s);
  if (s.count) parts.push(`COUNT=${s.count}`);
  else if (end) {
    if (allDay) parts.push(`UNTIL=${compactDate(end)}`);
    else {
      const last = amsterdamInstant(end, 24 * 60 - 1);
      parts.push(
        `UNTIL=${last
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '')}`,
      );
    }
  }
  return parts.join(';');
}

/** "2025-03-11T14:00:00": the Amsterdam wall clock, which ical-generator writes as is behind TZID=. */
const wallClock = (d: LocalDate, minutes: number) =>
  `${formatLocalDate(d)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;

export interface IcsInput {
  service: CompiledService;
  /** Absolute URL of the offer page. */
  url: string;
  /** Host name for the UIDs, e.g. wijkkracht.example.nl. */
  domain: string;
  now: Date;
  locale: 'nl' | 'en';
}

/** The calendar, or undefined when no schedule has a repeating rule with a date still to come. */
export function offerCalendar(input: IcsInput): string | undefined {
  const { service, url, now, locale } = input;
  const cal = ical({
    prodId: { company: 'Wijkkracht', product: 'Sociale kaart', language: locale.toUpperCase() },
    name: service.name,
    method: ICalCalendarMethod.PUBLISH,
  });
  const provider = service.organization?.name;
  for (const { schedule, location } of occasionsOf(service)) {
    const first = nextOccurrence(schedule, now);
    if (!first) continue;
    const opens = parseTime(schedule.opens_at);
    const closes = parseTime(schedule.closes_at);
    const allDay = opens === undefined;
    const rrule = rruleOf(schedule, allDay);
    if (!rrule) continue;
    const address = location ? addressLine(location) : undefined;
    const description = [
      scheduleInWords(schedule, locale),
      service.description,
      provider,
      service.application_process,
      url,
    ]
      .filter(Boolean)
      .join('\n\n');
    const where = location?.name ?? address;
    cal.createEvent({
      id: `${schedule.id}@${input.domain}`,
      summary: service.name,
      description,
      url,
      stamp: now,
      lastModified: service.last_modified ? new Date(service.last_modified) : undefined,
      timezone: allDay ? null : TIME_ZONE,
      allDay,
      start: allDay ? formatLocalDate(first) : wallClock(first, opens),
      end: allDay
        ? undefined
        : wallClock(
            first,
            closes !== undefined && closes > opens ? closes : Math.min(opens + 60, 24 * 60 - 1),
          ),
      repeating: rrule,
      location: where
        ? {
            title: where,
            ...(address && address !== where ? { address } : {}),
            ...(location?.latitude !== undefined && location.longitude !== undefined
              ? { geo: { lat: location.latitude, lon: location.longitude } }
              : {}),
          }
        : null,
    });
  }
  if (cal.events().length === 0) return undefined;
  const text = cal.toString();
  if (!cal.events().some((e) => e.timezone())) return text;
  const at = text.indexOf('BEGIN:VEVENT');
  return `${text.slice(0, at)}${AMSTERDAM_VTIMEZONE}\r\n${text.slice(at)}`;
}
