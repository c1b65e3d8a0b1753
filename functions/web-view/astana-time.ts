/**
 * Times as an analyst in Astana reads them. Kazakhstan keeps one zone, UTC+5, so a fixed offset is
 * used rather than the host's tz database (Node builds differ, and some still carry +6 for Almaty).
 */
const OFFSET_MS = 5 * 3_600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** "28 Apr 2021, 14:47" in Astana time; the input unchanged when it is not a date. */
export function formatAstana(iso: string | undefined | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + OFFSET_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The Astana day (yyyy-mm-dd) of an instant. */
export function astanaDay(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 10);
}

/** "23 Nov 2026" for a day written yyyy-mm-dd (already an Astana day). */
export function formatAstanaDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
