/**
 * A generated corpus with a known answer: every article is made from a template that is either clearly
 * about Kazakhstan–US relations / C5+1 (relevant) or clearly not (a domestic story with no US or C5+1
 * mention). The classifier is only ever used through the pipeline; the corpus says what it should find.
 *
 * Titles carry made-up project names so that no two relevant stories are near-duplicates of each
 * other (story grouping must not fold two different generated stories into one alert).
 */

import { seededRandom } from '../../support/seeded-random';

export type Lang = 'en' | 'ru';

export interface GenArticle {
  /** Unique path on the fixture server (no origin: the server adds its own). */
  path: string;
  lang: Lang;
  title: string;
  lead: string;
  paragraphs: string[];
  /** ISO instant. */
  published: string;
  relevant: boolean;
}

/** Deterministic: the same seed gives the same sequence. */
export const rng = seededRandom;

// Consonant-vowel syllables (65 each): enough variety that made-up words share few 5-letter shingles.
const syllables = (c: string, v: string) => [...c].flatMap((x) => [...v].map((y) => x + y));
const SYL_EN = syllables('bdgklmnprstvz', 'aeiou');
const SYL_RU = syllables('бдгклмнпрствз', 'аеиоу');

function word(r: () => number, syl: string[], n = 3): string {
  let w = '';
  for (let i = 0; i < n; i++) w += syl[Math.floor(r() * syl.length)];
  return w[0]!.toUpperCase() + w.slice(1);
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const EN_FIELDS = [
  'critical minerals',
  'nuclear security',
  'climate adaptation',
  'university exchanges',
  'agricultural trade',
  'energy transition',
  'consular services',
  'cyber defence',
];
const RU_FIELDS = [
  'критических минералов',
  'ядерной безопасности',
  'адаптации к климату',
  'обменов студентами',
  'торговли зерном',
  'энергетического перехода',
  'консульских услуг',
];

/** Several made-up words: most of every title and lead is unique text, so no two stories look alike. */
function words(r: () => number, syl: string[], n: number): string {
  return Array.from({ length: n }, () => word(r, syl, 2 + Math.floor(r() * 2))).join(' ');
}

type Body = Omit<GenArticle, 'path' | 'published' | 'lang' | 'relevant'>;

function relevantEn(r: () => number, id: string): Body {
  const name = words(r, SYL_EN, 4);
  const field = pick(r, EN_FIELDS);
  const lead = `${words(r, SYL_EN, 10)}.`;
  if (r() < 0.5) {
    return {
      title: `Kazakhstan, US sign ${name} accord ${id}`,
      lead,
      paragraphs: [
        `ASTANA. KAZINFORM – Kazakhstan and the United States signed the ${name} accord on ${field}, the Kazakh Foreign Ministry said after talks with the US State Department in Washington.`,
        `The Kazakh and American delegations agreed that the accord will run for three years and report to both governments. Reference ${id}.`,
        `Kazakhstan–US cooperation on ${field} has grown since the Enhanced Strategic Partnership Dialogue.`,
      ],
    };
  }
  return {
    title: `C5+1 backs ${name} plan ${id}`,
    lead,
    paragraphs: [
      `ASTANA. KAZINFORM – Foreign ministers of the C5+1 format – Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and the United States – endorsed the ${name} plan on ${field}.`,
      `The five Central Asian countries and the US agreed to review the plan at the next C5+1 ministerial meeting. Reference ${id}.`,
    ],
  };
}

function relevantRu(r: () => number, id: string): Body {
  const name = words(r, SYL_RU, 4);
  const field = pick(r, RU_FIELDS);
  return {
    title: `Казахстан и США: соглашение ${name} ${id}`,
    lead: `${words(r, SYL_RU, 10)}.`,
    paragraphs: [
      `АСТАНА. КАЗИНФОРМ – Казахстан и Соединенные Штаты Америки подписали соглашение ${name} в сфере ${field}, сообщили в МИД Казахстана после переговоров с Государственным департаментом США в Вашингтоне.`,
      `Казахстанская и американская делегации договорились, что соглашение продлится три года. Номер ${id}.`,
    ],
  };
}

function irrelevantEn(r: () => number, id: string): Body {
  const name = words(r, SYL_EN, 2);
  const n = 10 + Math.floor(r() * 900);
  const lead = `${words(r, SYL_EN, 6)}.`;
  return pick(r, [
    {
      title: `Almaty opens ${name} park with ${n} trees ${id}`,
      lead,
      paragraphs: [
        `ALMATY. KAZINFORM – The city akimat opened the ${name} park with ${n} new trees and a cycling lane.`,
        `Residents asked for more benches and drinking fountains. Reference ${id}.`,
      ],
    },
    {
      title: `Kostanay farmers harvest ${n} thousand tonnes of ${name} wheat ${id}`,
      lead,
      paragraphs: [
        `KOSTANAY. KAZINFORM – Farmers of Kostanay region have harvested ${n} thousand tonnes of the ${name} wheat variety.`,
        `The regional agriculture department expects the campaign to end within two weeks. Reference ${id}.`,
      ],
    },
  ]);
}

function irrelevantRu(r: () => number, id: string): Body {
  const name = words(r, SYL_RU, 2);
  const n = 10 + Math.floor(r() * 900);
  return {
    title: `В Караганде открыли парк ${name} на ${n} деревьев ${id}`,
    lead: `${words(r, SYL_RU, 6)}.`,
    paragraphs: [
      `КАРАГАНДА. КАЗИНФОРМ – В Караганде открыли парк ${name}, где высадили ${n} деревьев.`,
      `Жители попросили установить больше скамеек. Номер ${id}.`,
    ],
  };
}

export interface CorpusOptions {
  /** A short tag that makes ids and paths unique per scenario (scenarios share no items). */
  tag: string;
  count: number;
  lang: Lang;
  /** Share of relevant items (exact: the first round(count*share) positions after a shuffle). */
  relevantShare: number;
  seed: number;
  /** Path prefix, e.g. `/news` (en) or `/ru`. */
  prefix: string;
  /** Fixed clock for publication times (items are spread over the 20 days before it). */
  now: Date;
}

export function generateArticles(o: CorpusOptions): GenArticle[] {
  const r = rng(o.seed);
  // FNV-1a of the tag: its low 16 bits lead every article number of the scenario.
  const tagHash = [...o.tag].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261) & 0xffff;
  const relevantCount = Math.round(o.count * o.relevantShare);
  const flags = Array.from({ length: o.count }, (_, i) => i < relevantCount);
  for (let i = flags.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [flags[i], flags[j]] = [flags[j]!, flags[i]!];
  }
  return flags.map((relevant, i) => {
    const id = `${o.tag}${i.toString(36)}`;
    const body =
      o.lang === 'en'
        ? relevant
          ? relevantEn(r, id)
          : irrelevantEn(r, id)
        : relevant
          ? relevantRu(r, id)
          : irrelevantRu(r, id);
    // Kazinform URLs end in the article's number (8 hex digits), which the canonical id keys on: unique
    // per tag too, so scenarios sharing one store never take each other's items for the same article.
    const hex = (tagHash * 0x10000 + (i % 0x10000)).toString(16).padStart(8, '0');
    const published = new Date(o.now.getTime() - Math.floor(r() * 20 * 86_400_000)).toISOString();
    return { ...body, path: `${o.prefix}/${o.tag}-item-${i}-${hex}`, lang: o.lang, published, relevant };
  });
}

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A new-platform Kazinform article page. */
export function renderArticlePage(a: GenArticle, origin: string): string {
  return `<!DOCTYPE html><html lang="${a.lang}"><head><meta charset="utf-8">
<meta property="og:title" content="${escapeXml(a.title)} | Kazinform">
<meta name="article:published_time" content="${a.published}">
<link rel="canonical" href="${origin}${a.path}"><title>${escapeXml(a.title)}</title></head><body>
<div class="article__body-main"><h1 class="article__title">${escapeXml(a.title)}</h1>
<div class="article__description">${escapeXml(a.lead)}</div>
<div class="article__body-text">${a.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}</div>
</div></body></html>`;
}

export interface RssItemSpec {
  title?: string | null;
  /** Absolute link, or null for an item with no link. */
  link: string | null;
  pubDate?: string;
  description?: string;
  /** Raw XML spliced in as-is (bad-input cases). */
  raw?: string;
}

export function renderRss(items: RssItemSpec[], origin: string, name: string): string {
  const body = items
    .map((i) => {
      if (i.raw) return i.raw;
      const parts = [
        i.title != null ? `<title>${escapeXml(i.title)}</title>` : '',
        i.link ? `<link>${escapeXml(i.link)}</link>` : '',
        i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : '',
        i.description ? `<description>${escapeXml(i.description)}</description>` : '',
      ];
      return `<item>${parts.join('')}</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(name)}</title>
<link>${origin}/</link><description>fault-suite feed</description>
${body}
</channel></rss>`;
}

export function rssItemFor(a: GenArticle, origin: string): RssItemSpec {
  return {
    title: a.title,
    link: `${origin}${a.path}`,
    pubDate: new Date(a.published).toUTCString(),
    description: a.lead,
  };
}

/** A gov.kz content-manager news item carrying its own body (no page fetch needed). */
export function govkzItem(a: GenArticle, id: number): Record<string, unknown> {
  return {
    id,
    title: a.title,
    slug: a.path.split('/').pop(),
    short_description: a.lead,
    body: `<p>${a.paragraphs.map(escapeXml).join('</p><p>')}</p>`,
    created_date: a.published.replace('Z', '+00:00'),
  };
}
