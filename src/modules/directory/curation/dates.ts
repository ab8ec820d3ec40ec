// "Last checked" and "stale" for an offer. Dates are calendar dates in the Netherlands: an offer confirmed
// at 00:30 on 1 March counts as checked on 1 March, whatever the server's time zone.
import type { TenantSettings } from '../../../platform/tenancy/index.js';
import { amsterdamDate } from '../schedule.js';

export const DEFAULT_STALE_AFTER_MONTHS = 6;
/** At most one staleness reminder per offer in this many weeks. */
export const REMINDER_INTERVAL_WEEKS = 4;

/** The date (YYYY-MM-DD) in the Netherlands at this moment. */
export function dateInNetherlands(moment: Date | string): string {
  return amsterdamDate(new Date(moment));
}

/** A YYYY-MM-DD date some calendar months earlier (31 August minus 6 months is 28 or 29 February). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function staleAfterMonths(settings: Partial<TenantSettings> | undefined): number {
  const n = settings?.directoryStaleAfterMonths;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : DEFAULT_STALE_AFTER_MONTHS;
}

/** Offers last checked before this date are stale. */
export function staleCutoff(now: Date, months: number): string {
  return monthsBefore(dateInNetherlands(now), months);
}

/**
 * When an offer was last checked (YYYY-MM-DD): HSDS assured_date, the date somebody confirmed it; an offer
 * never confirmed counts from its last change (last_modified). Undefined when neither is known.
 */
export function lastChecked(service: {
  assured_date?: string | null;
  last_modified?: string | null;
}): string | undefined {
  if (service.assured_date) return service.assured_date;
  return service.last_modified ? dateInNetherlands(service.last_modified) : undefined;
}

/** Not confirmed for the tenant's period (default 6 months) at this moment. */
export function isStale(
  service: { assured_date?: string | null; last_modified?: string | null },
  now: Date,
  months: number = DEFAULT_STALE_AFTER_MONTHS,
): boolean {
  const checked = lastChecked(service);
  return checked === undefined || checked < staleCutoff(now, months);
}
