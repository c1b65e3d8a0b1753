import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/domain/classification/classify';
import { classifierInput, leadAndBody } from '../../functions/domain/classification/input';
import { extractArticle } from '../../functions/domain/extraction/extract-article';

const LEAD = 'Foreign Minister Murat Nurtleu met U.S. Ambassador Daniel Rosenblum in Astana.';
const SECOND = 'The sides discussed the Kazakhstan–US strategic partnership and critical minerals.';

describe('the lead and the body as the classifier reads them', () => {
  it('reads a lead once when the first paragraph repeats it', () => {
    expect(leadAndBody(LEAD, [LEAD, SECOND])).toBe(`${LEAD}\n\n${SECOND}`);
    // other spacing or case, a dateline before it, or the lead cut short: still a repeat
    expect(leadAndBody(`  ${LEAD.toUpperCase()} `, [LEAD, SECOND])).toBe(`${LEAD}\n\n${SECOND}`);
    expect(leadAndBody(LEAD, [`ASTANA. KAZINFORM – ${LEAD}`, SECOND])).toBe(
      `ASTANA. KAZINFORM – ${LEAD}\n\n${SECOND}`,
    );
    expect(leadAndBody(`${LEAD.slice(0, 40)}…`, [LEAD, SECOND])).toBe(`${LEAD}\n\n${SECOND}`);
  });

  it('keeps the lead and drops the first paragraph when the lead holds all of it', () => {
    expect(leadAndBody(`${LEAD} ${SECOND}`, [LEAD, 'Third.'])).toBe(`${LEAD} ${SECOND}\n\nThird.`);
  });

  it('keeps a lead that says something else, and a body without a lead', () => {
    expect(leadAndBody('A summary of the talks.', [LEAD, SECOND])).toBe(
      `A summary of the talks.\n\n${LEAD}\n\n${SECOND}`,
    );
    expect(leadAndBody(null, [LEAD, '', SECOND])).toBe(`${LEAD}\n\n${SECOND}`);
    expect(leadAndBody('', [])).toBe('');
  });

  it('weighs no sentence twice, whether or not extraction left the lead in the body', () => {
    const html = readFileSync(path.resolve(__dirname, '../fixtures/pages/generic-news.html'), 'utf8');
    const extracted = extractArticle(html, 'https://example.org/news/1');
    const lead = extracted.lead ?? extracted.paragraphs[0]!;
    const rest = extracted.paragraphs.filter((p) => p !== lead);
    // the lead once on its own, and once repeated as the first paragraph (as gov.kz summaries are)
    for (const article of [extracted, { ...extracted, lead, paragraphs: [lead, ...rest] }]) {
      const c = classify(classifierInput(article, { url: 'https://example.org/news/1' }));
      expect(c.categories).toContain('kz-us');
      for (const label of ['kz-us', 'c5plus1']) {
        const texts = c.evidence.filter((e) => e.label === label).map((e) => e.text);
        expect(new Set(texts).size).toBe(texts.length);
      }
    }
  });
});
