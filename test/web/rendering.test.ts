import { describe, expect, it } from 'vitest';
import { formatAstana } from '../../functions/web-view/astana-time';
import { parseItemQuery } from '../../functions/domain/query/query-params';
import { highlight } from '../../functions/web-view/highlight';
import { html, safeHref } from '../../functions/web-view/html';
import { listHref } from '../../functions/web-view/list-page';
import { renderSourcesPage } from '../../functions/web-view/sources-page';
import { chromiumPath } from './chromium';

describe('page rendering pieces', () => {
  it('escapes every interpolated value, nested lists included, but not its own markup', () => {
    const title = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<h1 title="${title}">${[title, html`<i>${title}</i>`]}</h1>`.value).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;' +
        '<i>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</i></h1>',
    );
  });

  it('links only to http and https addresses', () => {
    expect(safeHref('https://www.inform.kz/ru/a')).toBe('https://www.inform.kz/ru/a');
    expect(safeHref('javascript:alert(1)')).toBe('#');
    expect(safeHref('data:text/html,<b>x</b>')).toBe('#');
    expect(safeHref('not a url')).toBe('#');
  });

  it('marks evidence sentences even when the whitespace differs or the evidence was clipped', () => {
    const text = 'First sentence.  The ministers met in\nAstana on Monday. Last one.';
    const { markup, marks } = highlight(text, ['The ministers met in Astana on Monday.', 'Last...']);
    expect(marks).toBe(2);
    expect(markup.value).toBe(
      'First sentence.  <mark>The ministers met in\nAstana on Monday.</mark> <mark>Last</mark> one.',
    );
  });

  it('escapes the text around and inside the marks', () => {
    const { markup } = highlight('a <b>US</b> talk & more', ['<b>US</b> talk']);
    expect(markup.value).toBe('a <mark>&lt;b&gt;US&lt;/b&gt; talk</mark> &amp; more');
  });

  it('merges overlapping evidence into one mark and leaves text without evidence unmarked', () => {
    expect(
      highlight('Kazakhstan and the US signed.', ['Kazakhstan and the US', 'the US signed.']).markup.value,
    ).toBe('<mark>Kazakhstan and the US signed.</mark>');
    expect(highlight('Nothing here.', ['Other text entirely.']).marks).toBe(0);
  });

  it('shows Astana time (UTC+5) and turns Astana days into the UTC instants that bound them', () => {
    expect(formatAstana('2021-04-28T09:47:00.000Z')).toBe('28 Apr 2021, 14:47');
    expect(formatAstana('2026-12-31T20:00:00Z')).toBe('1 Jan 2027, 01:00');
    // The date pickers' days go to the same query rule as the CLI's and the API's.
    expect(parseItemQuery({ since: '2026-11-18', until: '2026-11-18' })).toMatchObject({
      since: '2026-11-17T19:00:00.000Z',
      until: '2026-11-18T18:59:59.999Z',
    });
  });

  it('builds list links with only the filters that are set, in a stable order', () => {
    expect(listHref({ q: 'минерал', category: 'kz-us', topic: '' })).toBe(
      `/?category=kz-us&q=${encodeURIComponent('минерал').replace(/%20/g, '+')}`,
    );
    expect(listHref({})).toBe('/');
  });

  it('shows a failing source with its error, and a source never fetched', () => {
    const page = renderSourcesPage([
      {
        sourceId: 'mfa-kk',
        consecutiveFailures: 3,
        lastError: 'HTTP 503 from <www.gov.kz>',
        lastErrorAt: '2026-11-18T05:00:00Z',
        lastSuccessAt: '2026-11-17T05:00:00Z',
      },
      { sourceId: 'kazinform-en', consecutiveFailures: 0 },
    ]);
    expect(page).toContain('✗ Failing');
    expect(page).toContain('HTTP 503 from &lt;www.gov.kz&gt;');
    expect(page).toContain('18 Nov 2026, 10:00');
    expect(page).toContain('Not fetched yet');
  });

  it('stops the browser tests with the install command when Chromium is missing, instead of skipping', () => {
    expect(() => chromiumPath('/nonexistent/chromium')).toThrow(
      /not installed at \/nonexistent\/chromium.*apt-get install -y chromium/,
    );
  });
});
