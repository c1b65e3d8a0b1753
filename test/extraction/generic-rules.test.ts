/**
 * The generic extractor's rules on small hand-written pages whose class names say nothing: each page
 * isolates one rule (a related box, a comment thread, a teaser sidebar, one paragraph per table row,
 * the lead apart from the body), so that a failure names the rule that broke.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle, htmlToParagraphs } from '../../functions/domain/extraction/extract-article';

const TITLE = 'Kazakhstan and the United States discuss trade';
const P1 =
  'The foreign ministers of Kazakhstan and the United States met in Astana on Tuesday, and discussed trade, transit and critical minerals.';
const P2 =
  'The sides agreed to prepare a new programme of economic cooperation, which is to be signed at the C5+1 summit in the autumn.';
const P4 =
  'The next round of consultations will take place in Washington, according to the press service of the Ministry of Foreign Affairs.';
const P3 =
  'Officials said that the volume of bilateral trade grew by a fifth last year, driven by machinery, uranium and agricultural exports.';
const BLURB = (n: number) =>
  `Regional officials reviewed the progress of road construction number ${n}, and promised to finish the works before the winter season begins.`;
const teaser = (n: number) =>
  `<div><a href="/news/${n}">Akimat reports on the road works in district ${n}</a><p>${BLURB(n)}</p></div>`;

const read = (html: string) => extractArticle(html, 'https://news.example.com/a/1');

describe('generic extractor rules', () => {
  it('a box of teasers after the story, with a heading it does not know, stays out', () => {
    const a = read(
      `<html><body><h1>${TITLE}</h1><div class="c1"><p>${P1}</p><p>${P2}</p><p>${P3}</p><div class="c2"><h4>Also worth your time</h4>${teaser(1)}${teaser(2)}</div></div></body></html>`,
    );
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2, P3]);
  });

  it('a comment thread headed "N responses to …" stays out, even under a short story', () => {
    const comments = [1, 2, 3, 4]
      .map(
        (n) =>
          `<div class="i"><b>reader${n}</b> <span>12.05.2026 1${n}:00</span><p>${BLURB(n)}</p><a href="#r">Reply</a></div>`,
      )
      .join('');
    const a = read(
      `<html><body><div class="w"><h1>${TITLE}</h1><div class="a"><p>${P1}</p><p>${P2}</p></div><div class="b"><h3>4 responses to “${TITLE}”</h3>${comments}</div></div></body></html>`,
    );
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2]);
  });

  it('a sidebar of teasers longer than the story does not win (paragraphs split by <br>)', () => {
    const side = [1, 2, 3, 4, 5]
      .map(
        (n) =>
          `<p class="x"><span>1${n}.05.2026</span> <a href="/n/${n}"><b>Akimat reports on the road works in district ${n}</b></a><br>${BLURB(n)}</p>`,
      )
      .join('');
    const a = read(
      `<html><body><div class="l"><h1>${TITLE}</h1><div class="d"><span>14.05.2026</span> ${P1}<br><br>${P2}<br><br>${P3}</div></div><div class="r">${side}</div></body></html>`,
    );
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2, P3]);
  });

  it('a table layout with one paragraph per row keeps every row and none of the side columns', () => {
    const rows = [P1, P2, P3].map((p) => `<tr><td>${p}</td></tr>`).join('');
    const a = read(
      `<html><head><title>${TITLE} :: Old News</title></head><body><table><tr><td><a href="/">Home</a><br><a href="/n">News</a></td><td><table><tr><td><b>${TITLE}</b></td></tr>${rows}</table></td><td>${[1, 2, 3].map((n) => `<p><a href="/n/${n}">Akimat reports on the road works in district ${n}</a><br>${BLURB(n)}</p>`).join('')}</td></tr></table></body></html>`,
    );
    expect(a.title).toBe(TITLE);
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2, P3]);
  });

  it('a standfirst between the headline and the story is the lead; the byline and caption are not text', () => {
    const a = read(
      `<html><body><article><h1>${TITLE}</h1><div class="s">${P1}</div><div class="m">John Smith · 12.05.2026 10:00</div><img src="p.jpg"><div class="k">Ministry of Foreign Affairs</div><div class="t"><p>${P2}</p><p>${P3}</p></div></article></body></html>`,
    );
    expect(a.lead).toBe(P1);
    expect(a.paragraphs).toEqual([P2, P3]);
  });

  it('a client-rendered page: the story comes from its __NEXT_DATA__ state', () => {
    const state = {
      props: {
        pageProps: {
          article: { title: TITLE, lead: P1, body: `<p>${P2}</p><p>${P3}</p><p>${P4}</p>` },
          related: [{ title: 'Road works', excerpt: BLURB(1) }],
        },
      },
    };
    const a = read(
      `<html><head><title>${TITLE} — Portal</title></head><body><div id="__next"><div class="sk"></div></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(state)}</script></body></html>`,
    );
    expect(a.title).toBe(TITLE);
    expect(a.lead).toBe(P1);
    expect(a.paragraphs).toEqual([P2, P3, P4]);
  });

  it('a page of ten thousand unclosed tags is read without overflowing the stack', () => {
    const html = `<html><body><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p>${'<div>'.repeat(10_000)}<p>${P3}</p></body></html>`;
    const a = read(html);
    expect(a.title).toBe(TITLE);
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2]);
  });

  it('a site logo in the h1 is not taken for the headline', () => {
    const menu = Array.from({ length: 24 }, (_, n) => `<li><a href="/s/${n}">Section ${n}</a></li>`).join('');
    const side = [1, 2, 3].map((n) => `<div class="q"><p>${BLURB(n)}</p></div>`).join('');
    const a = read(
      `<html><head><meta property="og:title" content="${TITLE}"></head><body><div class="h"><h1>Region News Portal</h1><ul>${menu}</ul></div><div class="m"><h2>${TITLE}</h2><div class="t"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div><div class="s">${side}</div></body></html>`,
    );
    expect(a.title).toBe(TITLE);
    expect([a.lead, ...a.paragraphs]).toEqual([P1, P2, P3]);
  });

  it('a subheading that heads two sections is stored each time; a text block shown twice is stored once', () => {
    const SUB = 'Reaction in Astana';
    const article = `<h1>${TITLE}</h1><div class="t"><p>${P1}</p><h2>${SUB}</h2><p>${P2}</p><p>${P3}</p><blockquote><p>${P2}</p></blockquote><h2>${SUB}</h2><p>${P4}</p></div>`;
    const a = read(`<html><body>${article}</body></html>`);
    expect([a.lead, ...a.paragraphs]).toEqual([P1, SUB, P2, P3, SUB, P4]);
    // the same rule for a body that comes as an HTML fragment (a feed entry, a page's JSON state)
    expect(
      htmlToParagraphs(`<p>${P1}</p><h2>${SUB}</h2><p>${P2}</p><h2>${SUB}</h2><p>${P2}</p><p>${P4}</p>`),
    ).toEqual([P1, SUB, P2, SUB, P4]);
  });
});
