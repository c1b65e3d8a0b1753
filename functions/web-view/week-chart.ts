import { CATEGORIES } from '../domain/model';
import type { ItemPage, ItemSummary } from '../domain/ports';
import { type QueryStore, routeQuery } from '../domain/query/query-routes';
import { formatAstanaDay } from './astana-time';
import { type SafeHtml, html } from './html';
import { categoryName, topicName } from './labels';

/** The chart covers this many Astana weeks (Monday to Sunday), ending with the newest matching item's. */
export const CHART_WEEKS = 12;
/** At most this many items are counted, so a page view stays a few queries even on a busy store. */
export const CHART_MAX_ITEMS = 2000;

const DAY_MS = 86_400_000;
const ASTANA_MS = 5 * 3_600_000;

export interface ChartSeries {
  key: string;
  name: string;
  colour: string;
}

export interface WeekChartData {
  /** Monday of each week (Astana), oldest first. */
  weeks: string[];
  series: ChartSeries[];
  /** counts[s][w]: items of series s in week w. */
  counts: number[][];
  /** Distinct items in the chart's weeks (an item in both categories is one item, two bars). */
  items: number;
  /** True when CHART_MAX_ITEMS stopped the count short. */
  truncated: boolean;
  /** What the bars count, e.g. "Relevant items per week, by category". */
  caption: string;
}

const COLOURS: Record<string, string> = { 'kz-us': '#b35c00', c5plus1: '#0b7f9c' };

/** The Monday (yyyy-mm-dd) of the Astana week an instant falls in. */
export function astanaWeek(iso: string): string {
  const local = new Date(Date.parse(iso) + ASTANA_MS);
  const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

/**
 * Counts the items matching the list's filters (not its page) per Astana week: by category, or, on a
 * topic filter, the items of that topic. Reads newest first through the same query route as the list.
 */
export async function collectWeekChart(
  store: QueryStore,
  params: Partial<Record<string, string>>,
): Promise<WeekChartData | null> {
  const { cursor: _cursor, limit: _limit, ...filters } = params;
  const items: ItemSummary[] = [];
  let truncated = false;
  let done = false;
  let cursor: string | undefined;
  let lastWeek: string | undefined;
  let firstWeek: string | undefined;
  do {
    const res = await routeQuery(store, '/items', { ...filters, limit: '200', cursor });
    if (res.status !== 200) return null;
    const page = res.body as ItemPage;
    for (const item of page.items) {
      const week = astanaWeek(item.publishedAt);
      lastWeek ??= week;
      firstWeek ??= shiftWeek(lastWeek, -(CHART_WEEKS - 1));
      if (week < firstWeek) {
        done = true;
        break;
      }
      items.push(item);
    }
    cursor = page.cursor;
    if (items.length >= CHART_MAX_ITEMS) {
      truncated = !done && Boolean(cursor);
      break;
    }
  } while (cursor && !done);
  if (!lastWeek || !firstWeek) return null;

  const weeks = Array.from({ length: CHART_WEEKS }, (_, i) => shiftWeek(firstWeek!, i));
  const byTopic = Boolean(filters.topic);
  const series: ChartSeries[] = byTopic
    ? [{ key: filters.topic!, name: topicName(filters.topic!), colour: '#4b2a8a' }]
    : CATEGORIES.map((c) => ({ key: c, name: categoryName(c), colour: COLOURS[c]! }));
  const counts = series.map(() => weeks.map(() => 0));
  let inWeeks = 0;
  for (const item of items) {
    const w = weeks.indexOf(astanaWeek(item.publishedAt));
    if (w < 0) continue;
    inWeeks++;
    series.forEach((s, i) => {
      if (byTopic ? item.topics.includes(s.key) : item.categories.includes(s.key)) counts[i]![w]!++;
    });
  }
  const caption = byTopic
    ? `${topicName(filters.topic!)} items per week`
    : 'Relevant items per week, by category';
  return { weeks, series, counts, items: inWeeks, truncated, caption };
}

function shiftWeek(monday: string, weeks: number): string {
  return new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * DAY_MS).toISOString().slice(0, 10);
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 34, right: 8, top: 12, bottom: 40 };

/** A grouped bar chart as inline SVG: no script, no external asset, readable by screen readers. */
export function renderWeekChart(data: WeekChartData): SafeHtml {
  const max = Math.max(1, ...data.counts.flat());
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / data.weeks.length;
  const barW = Math.max(2, (slot * 0.8) / data.series.length);
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  const bars = data.weeks.flatMap((week, w) =>
    data.series.map((s, i) => {
      const n = data.counts[i]![w]!;
      const x = PAD.left + w * slot + slot * 0.1 + i * barW;
      return html`<rect class="bar" data-series="${s.key}" data-week="${week}" data-count="${String(n)}" x="${x.toFixed(1)}" y="${y(n).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(PAD.top + plotH - y(n)).toFixed(1)}" fill="${s.colour}"><title>${s.name}, week of ${formatAstanaDay(week)}: ${String(n)}</title></rect>`;
    }),
  );
  const labels = data.weeks.map((week, w) =>
    w % 2 === (data.weeks.length - 1) % 2
      ? html`<text x="${(PAD.left + w * slot + slot / 2).toFixed(1)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">${formatAstanaDay(week).replace(/ \d{4}$/, '')}</text>`
      : '',
  );
  const legend = data.series.map(
    (s, i) =>
      html`<rect x="${PAD.left + i * 170}" y="${HEIGHT - 14}" width="10" height="10" fill="${s.colour}"></rect><text x="${PAD.left + i * 170 + 14}" y="${HEIGHT - 5}" font-size="12" fill="#1b1f24">${s.name}</text>`,
  );
  const desc = `${data.items} item${data.items === 1 ? '' : 's'} in the ${data.weeks.length} weeks from ${formatAstanaDay(data.weeks[0]!)}${data.truncated ? ` (only the newest ${CHART_MAX_ITEMS} items counted)` : ''}.`;
  return html`<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${data.caption}</title><desc id="chart-desc">${desc}</desc>
<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}" stroke="#aab4be"></line>
<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11" fill="#59636e">${String(max)}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" font-size="11" fill="#59636e">0</text>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${WIDTH - PAD.right}" y2="${PAD.top}" stroke="#eef1f4"></line>
${bars}${labels}${legend}</svg><figcaption class="summary">${data.caption}, Astana weeks from Monday. ${desc}</figcaption></figure>`;
}
