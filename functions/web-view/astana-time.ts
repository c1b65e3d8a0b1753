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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date pickers speak Astana days; the store orders by UTC instants. A plain day becomes the
 * instant its Astana day starts (since) or ends (until); anything else is passed on unchanged so the
 * query validation can name what is wrong with it.
 */
export function astanaDayBound(value: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (!value || !DAY.test(value)) return value;
  const start = Date.parse(`${value}T00:00:00.000Z`);
  if (Number.isNaN(start)) return value;
  const ms = edge === 'start' ? start - OFFSET_MS : start - OFFSET_MS + 86_400_000 - 1;
  return new Date(ms).toISOString();
}
