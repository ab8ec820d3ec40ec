import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, formatDay } from './dates.js';

const nl = { locale: 'nl' } as const;
const en = { locale: 'en' } as const;

describe('dates as a reader in the Netherlands reads them', () => {
  test('a moment shows on the Dutch clock, also across midnight and summer time', () => {
    assert.equal(formatDateTime(nl, '2026-12-31T23:30:00Z'), '1 jan 2027, 00:30');
    assert.equal(formatDateTime(nl, new Date('2026-07-01T10:05:00Z'), 'long'), '1 juli 2026 om 12:05');
    assert.equal(formatDateTime(en, '2026-07-01T10:05:00Z'), '1 Jul 2026, 12:05');
    assert.equal(formatDate(nl, '2026-12-31T23:30:00Z'), '1 jan 2027');
  });

  test('a calendar date stays that date whatever the time zone', () => {
    assert.equal(formatDay(nl, '2026-03-01'), '1 mrt 2026');
    assert.equal(formatDay(nl, '2026-03-01T23:59:00+01:00'), '1 mrt 2026');
    assert.equal(formatDay(en, '2026-03-01', 'long'), '1 March 2026');
  });
});
