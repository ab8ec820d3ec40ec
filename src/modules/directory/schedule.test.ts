// Schedules in words and their next occurrence in Europe/Amsterdam; the calendar file's structure.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompiledService } from './schemas.js';
import { AMSTERDAM_VTIMEZONE, offerCalendar, rruleOf } from './pages/ics.js';
import {
  amsterdamInstant,
  amsterdamOffsetMinutes,
  formatLocalDate,
  nextOccurrence,
  openWindow,
  scheduleTokens,
  tokensOn,
  occasionsOf,
  ruleInWords,
  scheduleInWords,
  type Schedule,
} from './schedule.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const schedule = (fields: Partial<Schedule>): Schedule => ({ id: id(1), ...fields });
// Thursday 27 March 2025, 16:00 in Amsterdam (winter time, UTC+1); summer time starts on Sunday 30 March.
const now = new Date('2025-03-27T15:00:00Z');
const next = (fields: Partial<Schedule>, at = now) => {
  const d = nextOccurrence(schedule(fields), at);
  return d && formatLocalDate(d);
};

describe('directory pages: schedules', () => {
  test('Amsterdam is UTC+1 in winter and UTC+2 in summer', () => {
    assert.equal(amsterdamOffsetMinutes(new Date('2025-01-15T12:00:00Z')), 60);
    assert.equal(amsterdamOffsetMinutes(new Date('2025-07-15T12:00:00Z')), 120);
    assert.equal(
      amsterdamInstant({ year: 2025, month: 7, day: 1 }, 14 * 60).toISOString(),
      '2025-07-01T12:00:00.000Z',
    );
    assert.equal(
      amsterdamInstant({ year: 2025, month: 1, day: 1 }, 14 * 60).toISOString(),
      '2025-01-01T13:00:00.000Z',
    );
  });

  test('weekly: the next matching weekday, today while it is still going on', () => {
    assert.equal(next({ freq: 'WEEKLY', byday: 'TH', opens_at: '10:00', closes_at: '11:30' }), '2025-04-03');
    assert.equal(next({ freq: 'WEEKLY', byday: 'TH', opens_at: '15:00', closes_at: '17:00' }), '2025-03-27');
    assert.equal(
      next({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '12:00' }),
      '2025-03-28',
    );
    assert.equal(next({ freq: 'WEEKLY', byday: 'SA' }), '2025-03-29');
  });

  test('monthly by the n-th weekday, the last weekday and a day of the month', () => {
    assert.equal(next({ freq: 'MONTHLY', byday: '2TU,4TU', opens_at: '14:00' }), '2025-04-08');
    assert.equal(next({ freq: 'MONTHLY', byday: '1TH,3TH', opens_at: '19:00' }), '2025-04-03');
    assert.equal(next({ freq: 'MONTHLY', byday: '-1FR' }), '2025-03-28');
    assert.equal(next({ freq: 'MONTHLY', bymonthday: '15' }), '2025-04-15');
  });

  test('an interval counts from the series start; valid_from and valid_to bound it', () => {
    // Every other Monday from Monday 17 March: 31 March, not 24 March.
    assert.equal(next({ freq: 'WEEKLY', interval: 2, byday: 'MO', valid_from: '2025-03-17' }), '2025-03-31');
    assert.equal(next({ freq: 'WEEKLY', byday: 'MO', valid_from: '2025-05-01' }), '2025-05-05');
    assert.equal(next({ freq: 'WEEKLY', byday: 'MO', valid_to: '2025-03-30' }), undefined);
    assert.equal(next({ description: 'Op afspraak' }), undefined);
  });

  test('in words: the provider’s Dutch description, otherwise the rule', () => {
    const s = schedule({ freq: 'MONTHLY', byday: '2TU,4TU', opens_at: '14:00', closes_at: '16:00' });
    assert.equal(ruleInWords(s, 'nl'), 'Elke tweede en vierde dinsdag van de maand, van 14.00 tot 16.00 uur');
    assert.equal(ruleInWords(s, 'en'), 'Every second and fourth Tuesday of the month, from 14:00 to 16:00');
    assert.equal(
      ruleInWords(
        schedule({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }),
        'nl',
      ),
      'Op werkdagen (maandag tot en met vrijdag), van 09.00 tot 17.00 uur',
    );
    assert.equal(
      ruleInWords(schedule({ freq: 'WEEKLY', interval: 2, byday: 'WE' }), 'nl'),
      'Om de week op woensdag',
    );
    assert.equal(
      ruleInWords(schedule({ freq: 'MONTHLY', byday: '-1FR' }), 'nl'),
      'Elke laatste vrijdag van de maand',
    );
    const described = { ...s, description: 'Elke 2e en 4e dinsdag, middag' };
    assert.equal(scheduleInWords(described, 'nl'), 'Elke 2e en 4e dinsdag, middag');
    assert.match(scheduleInWords(described, 'en')!, /^Every second and fourth Tuesday/);
  });

  test('a schedule given on the service and on its location counts once', () => {
    const sal = id(10);
    const service = {
      id: id(2),
      name: 'Koffie',
      status: 'active',
      schedules: [schedule({ id: id(3), service_at_location_id: sal, freq: 'WEEKLY', byday: 'TH' })],
      service_at_locations: [
        {
          id: sal,
          location: { id: id(11), location_type: 'physical', name: 'Buurthuis' },
          schedules: [schedule({ id: id(4), service_at_location_id: sal, freq: 'WEEKLY', byday: 'TH' })],
        },
      ],
    } as CompiledService;
    const occasions = occasionsOf(service);
    assert.equal(occasions.length, 1);
    assert.equal(occasions[0]!.schedule.id, id(4));
    assert.equal(occasions[0]!.location?.name, 'Buurthuis');
  });
});

describe('directory pages: iCalendar', () => {
  const service = {
    id: id(20),
    name: 'Koffie-inloop; met taart, elke week',
    description: 'Koffie, thee en een praatje. '.repeat(8),
    status: 'active',
    organization: { id: id(21), name: 'Welzijn', description: '' },
    service_at_locations: [
      {
        id: id(22),
        location: {
          id: id(23),
          location_type: 'physical',
          name: 'Dorpshuis Duinzicht',
          latitude: 52.7,
          longitude: 4.69,
          addresses: [
            {
              id: id(24),
              address_1: 'Duinweg 8',
              city: 'Schoorl',
              state_province: 'Noord-Holland',
              postal_code: '1871 AE',
              country: 'NL',
              address_type: 'physical',
            },
          ],
        },
        schedules: [
          schedule({ id: id(25), freq: 'WEEKLY', byday: 'TH', opens_at: '10:00', closes_at: '11:30' }),
          schedule({
            id: id(26),
            freq: 'MONTHLY',
            byday: '1SA',
            valid_to: '2025-12-31',
            opens_at: '14:00',
            closes_at: '16:00',
          }),
        ],
      },
    ],
  } as CompiledService;

  test('RRULE from the schedule fields, UNTIL in UTC at the end of the last day', () => {
    assert.equal(
      rruleOf(schedule({ freq: 'WEEKLY', interval: 2, byday: 'MO,WE' }), false),
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
    );
    assert.equal(
      rruleOf(schedule({ freq: 'MONTHLY', bymonthday: '1,15', count: 6 }), false),
      'FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6',
    );
    assert.equal(
      rruleOf(schedule({ freq: 'WEEKLY', byday: 'TU', valid_to: '2025-06-30' }), false),
      'FREQ=WEEKLY;BYDAY=TU;UNTIL=20250630T215900Z',
    );
    assert.equal(
      rruleOf(schedule({ freq: 'WEEKLY', byday: 'TU', until: '2025-01-31' }), true),
      'FREQ=WEEKLY;BYDAY=TU;UNTIL=20250131',
    );
  });

  test('one VEVENT per schedule, in Europe/Amsterdam, folded and escaped', () => {
    const ics = offerCalendar({
      service,
      url: 'https://example.nl/aanbod/x',
      domain: 'example.nl',
      now,
      locale: 'nl',
    })!;
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(ics.trimEnd().endsWith('END:VCALENDAR'));
    assert.ok(ics.includes(AMSTERDAM_VTIMEZONE));
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line too long: ${line}`);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    const events = unfolded.split('BEGIN:VEVENT').slice(1);
    assert.equal(events.length, 2);
    assert.match(events[0]!, /\r\nDTSTART;TZID=Europe\/Amsterdam:20250403T100000\r\n/);
    assert.match(events[0]!, /\r\nDTEND;TZID=Europe\/Amsterdam:20250403T113000\r\n/);
    assert.match(events[0]!, /\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\n/);
    assert.match(events[0]!, /\r\nUID:00000000-0000-4000-8000-000000000025@example\.nl\r\n/);
    assert.match(events[0]!, /\r\nSUMMARY:Koffie-inloop\\; met taart\\, elke week\r\n/);
    assert.match(events[0]!, /\r\nLOCATION:Dorpshuis Duinzicht\\nDuinweg 8\\, 1871 AE Schoorl\r\n/);
    assert.match(events[0]!, /\r\nDTSTAMP:20250327T150000Z\r\n/);
    assert.match(events[1]!, /\r\nDTSTART;TZID=Europe\/Amsterdam:20250405T140000\r\n/);
    assert.match(events[1]!, /\r\nRRULE:FREQ=MONTHLY;BYDAY=1SA;UNTIL=20251231T225900Z\r\n/);
  });

  test('no calendar when nothing repeats or everything has ended', () => {
    const ended = structuredClone(service);
    for (const s of ended.service_at_locations![0]!.schedules!) s.valid_to = '2024-12-31';
    assert.equal(offerCalendar({ service: ended, url: 'x', domain: 'x', now, locale: 'nl' }), undefined);
  });
});

describe('schedules as day tokens for search', () => {
  test('schedules become day tokens; dates become the tokens of that day', () => {
    assert.deepEqual(scheduleTokens({ freq: 'WEEKLY', byday: 'MO,WE', bymonthday: null }), ['W:MO', 'W:WE']);
    assert.deepEqual(scheduleTokens({ freq: 'MONTHLY', byday: '2TU,-1FR', bymonthday: null }), [
      'M:2TU',
      'M:-1FR',
    ]);
    assert.deepEqual(scheduleTokens({ freq: 'MONTHLY', byday: null, bymonthday: '15' }), ['D:15']);
    assert.deepEqual(scheduleTokens({ freq: 'DAILY', byday: null, bymonthday: null }), ['DAILY']);
    // Tuesday 10 June 2025: the second Tuesday of the month.
    assert.deepEqual(tokensOn('2025-06-10'), ['DAILY', 'W:TU', 'M:2TU', 'D:10']);
    // Friday 27 June 2025: also the last Friday.
    assert.ok(tokensOn('2025-06-27').includes('M:-1FR'));
  });

  test('today and this week are counted in Europe/Amsterdam', () => {
    // 23:30 UTC on Monday 9 June is already Tuesday 10 June in Amsterdam.
    const today = openWindow('today', new Date('2025-06-09T23:30:00Z'));
    assert.equal(today.from, '2025-06-10');
    assert.ok(today.tokens.includes('W:TU') && !today.tokens.includes('W:MO'));
    const week = openWindow('this-week', new Date('2025-06-10T10:00:00Z'));
    assert.equal(week.to, '2025-06-16');
    for (const d of ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']) assert.ok(week.tokens.includes(`W:${d}`));
  });
});
