// Figures for dashboards and reports: percentiles, small-count suppression and CSV. Shared so that every
// module suppresses small counts the same way (no resident can be singled out from a figure).
import { stringify } from 'csv-stringify/sync';

/** Counts from 1 to this number minus one are shown as "< N". */
export const SMALL_COUNT_THRESHOLD = 5;

/** A count as it may be shown: "< 5" for 1–4, the number otherwise (0 stays 0: nothing to single out). */
export function shownCount(n: number, threshold = SMALL_COUNT_THRESHOLD): string {
  return n > 0 && n < threshold ? `< ${threshold}` : String(n);
}

/** True when a share or average computed over this count could single someone out. */
export function isSmall(n: number, threshold = SMALL_COUNT_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}

/** The p-th percentile (0–100) with linear interpolation; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (values: readonly number[]): number | undefined => percentile(values, 50);

/** A share in whole percent, or undefined when the base is empty or small. */
export function shareOf(part: number, whole: number, threshold = SMALL_COUNT_THRESHOLD): number | undefined {
  if (whole === 0 || isSmall(whole, threshold)) return undefined;
  return Math.round((part / whole) * 100);
}

/**
 * CSV for spreadsheets used in Dutch offices: semicolon separated, with a BOM so Excel reads UTF-8.
 * Cells starting with = + - @ are prefixed with a quote so a spreadsheet never runs them as formulas.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const safe = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(v);
    return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  };
  return '\ufeff' + stringify([header.map(safe), ...rows.map((r) => r.map(safe))], { delimiter: ';' });
}
