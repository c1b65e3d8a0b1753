// Kept apart from query-params (and zod) because the store needs it on every Lambda's path.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Dates mean Astana days everywhere (CLI, API, web view, emails): Kazakhstan keeps one zone, UTC+5, and
 * that is the day the news and its readers live in. A fixed offset, not the host's tz database.
 */
export const ASTANA_OFFSET = '+05:00';

/**
 * A date or instant, and the span its precision covers: `2026-11-01` covers the whole Astana day
 * (2026-10-31T19:00Z to 2026-11-01T19:00Z), `2026-11-01T09:30` the whole minute of Astana time. `since`
 * takes the start of the span, `until` its end, so both are inclusive at the precision the user wrote.
 * An explicit offset (`Z`, `+03:00`) is honoured.
 */
export function dateSpan(text: string): { start: Date; endExclusive: Date } | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const iso = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}.${(frac ?? '0').padEnd(3, '0').slice(0, 3)}${zone ?? ASTANA_OFFSET}`;
  const start = new Date(iso);
  if (Number.isNaN(start.getTime())) return null;
  // Date.parse rolls 2026-02-30 over to March; a real calendar date must survive the round trip.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const unitMs = h === undefined ? 86_400_000 : s === undefined ? 60_000 : frac === undefined ? 1000 : 1;
  return { start, endExclusive: new Date(start.getTime() + unitMs) };
}
