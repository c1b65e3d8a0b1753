import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../functions/domain/model';
import { renderItemPage } from '../../functions/web-view/item-page';
import { itemCard } from '../../functions/web-view/list-page';

const item: StoredItem = {
  itemId: 'bb00000000000001',
  sourceId: 'kazinform-kk',
  url: 'https://www.inform.kz/kz/bb00000000000001',
  canonicalUrl: 'https://www.inform.kz/kz/bb00000000000001',
  language: 'kk',
  title: 'Тоқаев пен Байден телефон арқылы сөйлесті',
  lead: null,
  body: 'Мемлекет басшысы Қасым-Жомарт Тоқаев АҚШ Президенті Джо Байденмен телефон арқылы сөйлесті.',
  author: null,
  publishedAt: '2026-11-20T08:00:00.000Z',
  fetchedAt: '2026-11-20T08:05:00.000Z',
  classification: {
    relevant: true,
    categories: ['kz-us'],
    scores: { 'kz-us': 0.9, c5plus1: 0 },
    topics: [],
    people: ['Kassym-Jomart Tokayev', 'Joe Biden'],
    eventType: 'call',
    language: 'kk',
    evidence: [],
  },
  storyId: 'bb00000000000001',
};

describe('the gist in the web view', () => {
  it('is under the title of the item page, in English, built for an item stored without one', () => {
    const page = renderItemPage({ item, alert: null, copies: [] });
    expect(page).toMatch(
      /<h1 lang="kk">Тоқаев пен Байден телефон арқылы сөйлесті<\/h1>\s*<p class="summary gist" lang="en">Call: Kassym-Jomart Tokayev and Joe Biden on Kazakhstan–US relations, 20 Nov 2026 \(Astana\)\.<\/p>/,
    );
  });

  it('is escaped, on the item page and in the list', () => {
    const gist = 'Call: <script>alert(1)</script> & "more"';
    const page = renderItemPage({ item: { ...item, gist }, alert: null, copies: [] });
    expect(page).toContain('<p class="summary gist" lang="en">Call: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</p>');
    expect(page).not.toContain('<script>alert(1)');
    const card = itemCard({
      itemId: item.itemId,
      sourceId: item.sourceId,
      url: item.url,
      language: item.language,
      title: item.title,
      publishedAt: item.publishedAt,
      categories: ['kz-us'],
      topics: [],
      people: [],
      storyId: item.storyId,
      gist,
    }).toString();
    expect(card).toContain('<p class="summary gist" lang="en">Call: &lt;script&gt;');
  });
});
