/**
 * The generic extractor on news templates it was not written for (WordPress, Drupal, 1C-Bitrix,
 * Next.js, AMP, a table layout, and two held-out kinds), against the known text of each page and
 * against Readability on the same page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../functions/domain/extraction/extract-article';
import { leadRepeatsBody, readabilityText, storedText } from '../../scripts/bench/extraction-templates';
import { overlap } from '../../scripts/bench/recall';
import { generateTemplateCorpus, knownText, TEMPLATE_KINDS } from '../../scripts/bench/templates';

// A different seed from the bench's, so the test does not only pass on the pages the figures come from.
const pages = generateTemplateCorpus(4, 7_301);

describe.each(TEMPLATE_KINDS)('template %s', (kind) => {
  const mine = pages.filter((p) => p.kind === kind);
  it.each(mine.map((p, i) => [i, p] as const))(
    'page %i: recall ≥ 0.95, precision ≥ 0.90, never below Readability, lead stored once',
    (_, p) => {
      const a = extractArticle(p.html, p.url);
      const ours = overlap(knownText(p), storedText(a));
      const theirs = overlap(knownText(p), readabilityText(p.html, p.url));
      expect(ours.recall).toBeGreaterThanOrEqual(0.95);
      expect(ours.precision).toBeGreaterThanOrEqual(0.9);
      expect(ours.recall).toBeGreaterThanOrEqual(theirs.recall - 0.005);
      expect(ours.precision).toBeGreaterThanOrEqual(theirs.precision - 0.005);
      expect(leadRepeatsBody(a)).toBe(false);
      expect(a.title).toBe(p.title);
    },
  );
});

describe('1C-Bitrix page: <br> paragraphs beside a longer "Other news" list', () => {
  const html = readFileSync(path.resolve(__dirname, '../fixtures/pages/bitrix-br-other-news.html'), 'utf8');
  const a = extractArticle(html, 'https://news.example.com/news/123/');
  it('stores the story, not the sidebar, and its first paragraph once', () => {
    expect(a.lead).toBe(
      'В Астане состоялись политические консультации между министерствами иностранных дел Казахстана и США, стороны обсудили торговлю и инвестиции.',
    );
    expect(a.paragraphs).toEqual([
      'Делегации рассмотрели подготовку к встрече в формате С5+1, а также вопросы транспортной связанности региона.',
      'По итогам консультаций стороны договорились продолжить диалог в следующем году.',
    ]);
  });
});
