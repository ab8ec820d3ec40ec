// Dates and times as a reader in the Netherlands reads them: Dutch (or British English) wording, and every
// moment shown on the Dutch clock whatever the server's time zone.
import type { Locale } from './index.js';

export const timeZone = 'Europe/Amsterdam';

type DateStyle = 'medium' | 'long';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', options);
    formats.set(key, f);
  }
  return f;
}

/** A moment with its time: "25 nov 2026 13:05" (medium) or "25 november 2026 om 13:05" (long, for e-mails). */
export function formatDateTime(
  reader: { locale: Locale },
  moment: Date | string,
  style: DateStyle = 'medium',
) {
  return format(reader.locale, { dateStyle: style, timeStyle: 'short', timeZone }).format(new Date(moment));
}

/** The Dutch calendar day of a moment: "25 nov 2026". */
export function formatDate(reader: { locale: Locale }, moment: Date | string, style: DateStyle = 'medium') {
  return format(reader.locale, { dateStyle: style, timeZone }).format(new Date(moment));
}

/** A calendar date (YYYY-MM-DD, or the date part of a longer string): it has no time zone, so none shifts it. */
export function formatDay(reader: { locale: Locale }, date: string, style: DateStyle = 'medium') {
  return format(reader.locale, { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T12:00:00Z`),
  );
}
