// The pure parts: last-checked dates and staleness, opening hours in words, checking a proposal, laying it
// over a compiled service (with the copy on the location), and the three-way merge at approval.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { readDemoServices } from '../demo.js';
import { validateCompiledServices } from '../hsds-validate.js';
import type { CompiledService } from '../schemas.js';
import {
  dateInNetherlands,
  daysBetween,
  isStale,
  lastChecked,
  monthsBefore,
  staleAfterMonths,
} from './dates.js';
import { curationTexts } from './messages.js';
import {
  applyFields,
  checkProposal,
  diffFields,
  mergeProposal,
  normalizeTime,
  offerFields,
  scheduleText,
} from './offer-fields.js';
import { OWN_OFFER } from './test-fixtures.js';

const nl = curationTexts('nl');
const en = curationTexts('en');

describe('last checked and stale', () => {
  test('monthsBefore counts calendar months and clamps to the end of a shorter month', () => {
    assert.equal(monthsBefore('2025-09-15', 6), '2025-03-15');
    assert.equal(monthsBefore('2025-08-31', 6), '2025-02-28');
    assert.equal(monthsBefore('2024-08-31', 6), '2024-02-29');
    assert.equal(monthsBefore('2025-03-01', 6), '2024-09-01');
    assert.equal(monthsBefore('2025-01-31', 13), '2023-12-31');
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
  });

  test('dates are Dutch calendar dates, whatever the time zone of the server', () => {
    assert.equal(dateInNetherlands('2025-03-31T22:30:00Z'), '2025-04-01', 'summer time: 00:30 on 1 April');
    assert.equal(dateInNetherlands('2025-01-31T23:30:00Z'), '2025-02-01', 'winter time');
    assert.equal(dateInNetherlands('2025-01-31T22:59:00Z'), '2025-01-31');
  });

  test('lastChecked is assured_date, else the date of last_modified; isStale uses the tenant period', () => {
    assert.equal(
      lastChecked({ assured_date: '2025-01-02', last_modified: '2025-06-01T10:00:00Z' }),
      '2025-01-02',
    );
    assert.equal(lastChecked({ last_modified: '2025-06-01T23:15:00Z' }), '2025-06-02');
    assert.equal(lastChecked({}), undefined);
    const now = new Date('2025-09-15T10:00:00Z');
    assert.equal(isStale({ assured_date: '2025-03-15' }, now), false, 'six months to the day');
    assert.equal(isStale({ assured_date: '2025-03-14' }, now), true);
    assert.equal(isStale({ assured_date: '2025-03-14' }, now, 12), false);
    assert.equal(isStale({}, now), true, 'never checked');
    assert.equal(staleAfterMonths(undefined), 6);
    assert.equal(staleAfterMonths({ directoryStaleAfterMonths: 3 }), 3);
    assert.equal(staleAfterMonths({ directoryStaleAfterMonths: 0 }), 6);
  });
});

describe('opening hours in words', () => {
  const s = (
    freq: string | null,
    byday: string | null,
    opens_at: string | null = null,
    closes_at: string | null = null,
  ) => ({
    freq: freq as never,
    byday,
    opens_at,
    closes_at,
    description: null,
  });

  test('weekly, monthly, daily, with and without times', () => {
    assert.equal(
      scheduleText(s('WEEKLY', 'TH', '10:00', '11:30'), nl),
      'Elke donderdag, van 10:00 tot 11:30',
    );
    assert.equal(scheduleText(s('WEEKLY', 'MO,WE,FR'), nl), 'Elke maandag, woensdag en vrijdag');
    assert.equal(
      scheduleText(s('MONTHLY', '2TU,4TU', '14:00', '16:00'), nl),
      'Elke 2e en 4e dinsdag van de maand, van 14:00 tot 16:00',
    );
    assert.equal(scheduleText(s('MONTHLY', '-1FR'), nl), 'Elke laatste vrijdag van de maand');
    assert.equal(scheduleText(s('DAILY', null, '09:00'), nl), 'Elke dag, vanaf 09:00');
    assert.equal(scheduleText({ ...s('WEEKLY', 'SA'), interval: 2 }, nl), 'Om de 2 weken op zaterdag');
    assert.equal(scheduleText({ ...s(null, null), description: 'Op afspraak' }, nl), 'Op afspraak');
    assert.equal(
      scheduleText(s('MONTHLY', '1TH,3TH', '19:00', '21:00'), en),
      'Every 1st and 3rd Thursday of the month, from 19:00 to 21:00',
    );
  });

  test('times are read the way people write them', () => {
    assert.equal(normalizeTime('9:30'), '09:30');
    assert.equal(normalizeTime('09.30'), '09:30');
    assert.equal(normalizeTime('09:30:00'), '09:30');
    assert.equal(normalizeTime('24:00'), undefined);
    assert.equal(normalizeTime('9u30'), undefined);
  });
});

describe('a proposal laid over a compiled service', () => {
  let service: CompiledService;

  before(async () => {
    service = (await readDemoServices()).find((s) => s.id === OWN_OFFER)!;
  });

  test('changed opening hours change the copy on the location too, keeping every id', () => {
    const before = offerFields(service);
    const { fields, errors } = checkProposal(
      before,
      { schedules: [{ ...before.schedules[0]!, opens_at: '09:30' }] },
      nl,
      randomUUID,
    );
    assert.deepEqual(errors, []);
    const after = applyFields(service, fields);
    assert.equal(after.schedules![0]!.opens_at, '09:30');
    assert.equal(after.schedules![0]!.id, service.schedules![0]!.id);
    assert.equal(after.service_at_locations![0]!.schedules![0]!.opens_at, '09:30');
    assert.equal(
      after.service_at_locations![0]!.schedules![0]!.id,
      service.service_at_locations![0]!.schedules![0]!.id,
    );
    assert.ok(validateCompiledServices([after]).ok);
    // What the form does not show stays exactly as it was.
    const { schedules: _a, service_at_locations: _b, ...rest } = after;
    const { schedules: _c, service_at_locations: _d, ...was } = service;
    assert.deepStrictEqual(rest, was);
    assert.deepStrictEqual(
      after.service_at_locations![0]!.location,
      service.service_at_locations![0]!.location,
    );
  });

  test('a new time belongs to the one location, gets an id that validates, and is copied there', () => {
    const before = offerFields(service);
    const { fields } = checkProposal(
      before,
      {
        schedules: [
          ...before.schedules,
          { freq: 'MONTHLY', byday: '1sa', opens_at: '10:00', closes_at: '12:00' },
        ],
      },
      nl,
      randomUUID,
    );
    assert.equal(fields.schedules[1]!.byday, '1SA');
    const after = applyFields(service, fields);
    const added = after.schedules![1]!;
    assert.equal(added.service_id, service.id);
    assert.equal(added.service_at_location_id, service.service_at_locations![0]!.id);
    assert.equal(after.service_at_locations![0]!.schedules!.length, 2);
    assert.ok(validateCompiledServices([after]).ok);
    // Applying the same fields again gives the same ids: what was proposed is what goes live.
    assert.deepStrictEqual(applyFields(service, fields), after);
  });

  test('emptying a field removes it; the first phone number is the phone', () => {
    const before = offerFields(service);
    const { fields } = checkProposal(
      before,
      { eligibility_description: '', phone: '', url: null },
      nl,
      randomUUID,
    );
    const after = applyFields(service, fields);
    assert.equal(after.eligibility_description, undefined);
    assert.equal(after.phones, undefined);
    assert.equal(after.url, undefined);
    const withPhone = applyFields(after, { ...offerFields(after), phone: '06 12 34 56 78' });
    assert.equal(withPhone.phones![0]!.number, '06 12 34 56 78');
    assert.ok(validateCompiledServices([withPhone]).ok);
  });

  test('English messages for English speakers', () => {
    const { errors } = checkProposal(offerFields(service), { name: '' }, en, randomUUID);
    assert.deepEqual(errors, [{ field: 'name', message: 'Fill in the name of the offer.' }]);
  });

  test('the merge takes what the proposal changed, keeps what others changed, and finds conflicts', () => {
    const base = offerFields(service);
    const proposed = {
      ...base,
      fees_description: 'Gratis',
      schedules: [{ ...base.schedules[0]!, opens_at: '09:30' }],
    };
    const meanwhile = { ...base, eligibility_description: 'Alleen Schoorl' };
    const clean = mergeProposal(base, proposed, meanwhile);
    assert.deepEqual(clean.conflicts, []);
    assert.deepEqual(clean.changed, ['fees_description', 'schedules']);
    assert.equal(clean.fields.fees_description, 'Gratis');
    assert.equal(clean.fields.eligibility_description, 'Alleen Schoorl');
    assert.equal(clean.fields.schedules[0]!.opens_at, '09:30');
    const clash = mergeProposal(base, proposed, { ...base, fees_description: '€ 1' });
    assert.deepEqual(clash.conflicts, ['fees_description']);
    const same = mergeProposal(base, proposed, { ...base, fees_description: 'Gratis' });
    assert.deepEqual(same.conflicts, [], 'both made the same change');
  });

  test('the diff names each field in words', () => {
    const base = offerFields(service);
    const lines = diffFields(base, { ...base, name: 'Nieuwe naam', minimum_age: 65 }, nl);
    assert.deepEqual(lines, [
      { field: 'name', label: 'Naam van het aanbod', old: 'Koffie-inloop Schoorl', new: 'Nieuwe naam' },
      { field: 'minimum_age', label: 'Minimumleeftijd', old: null, new: '65' },
    ]);
  });
});
