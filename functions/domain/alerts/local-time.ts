/**
 * Kazakhstan has kept one zone, UTC+5, with no daylight saving since 1 March 2024; a fixed offset is
 * exact for every item the monitor stores and needs no time-zone database in the Lambda bundle.
 */
export const ASTANA_OFFSET_MS = 5 * 3_600_000;

/** The Astana/Almaty calendar day (yyyy-mm-dd) of an instant. */
export function almatyDay(iso: string | Date): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(t)) throw new Error(`not a time: ${String(iso)}`);
  return new Date(t + ASTANA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Almaty day before the one `now` falls in: the day a morning digest reports on. */
export function previousAlmatyDay(now: Date): string {
  return almatyDay(new Date(now.getTime() - 86_400_000));
}
