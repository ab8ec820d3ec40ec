import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { median, percentile, shareOf, shownCount, toCsv } from './index.js';

describe('figures', () => {
  test('small counts are shown as "< 5", zero and five and more as they are', () => {
    assert.deepEqual(
      [0, 1, 4, 5, 12].map((n) => shownCount(n)),
      ['0', '< 5', '< 5', '5', '12'],
    );
  });

  test('median and p90 interpolate between values', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9.1);
    assert.equal(median([]), undefined);
  });

  test('a share over a small base is not given', () => {
    assert.equal(shareOf(3, 4), undefined);
    assert.equal(shareOf(3, 6), 50);
  });

  test('CSV is semicolon separated, quotes where needed, and defuses formulas', () => {
    const csv = toCsv(
      ['naam', 'aantal'],
      [
        ['Egmond; aan Zee', 3],
        ['=HYPERLINK("x")', 1],
      ],
    );
    assert.ok(csv.startsWith('\ufeffnaam;aantal\n'));
    assert.match(csv, /"Egmond; aan Zee";3/);
    assert.match(csv, /"'=HYPERLINK\(""x""\)";1/);
  });
});
