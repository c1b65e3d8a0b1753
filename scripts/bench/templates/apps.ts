/**
 * Article pages from three other families: a Next.js site (hashed CSS-module or styled-components class
 * names, the page state in `__NEXT_DATA__`, sometimes rendered only on the client), a plain AMP page,
 * and a legacy table layout of the early 2000s (`<font>`, `<br>`, side columns in table cells).
 * Written by us from the public shape of such pages; no page is copied.
 */
import { esc, hex, int, pick, type R } from '../corpus-text';
import {
  analytics,
  astana,
  bankFor,
  chromeFor,
  htmlLang,
  renderBlocks,
  shareLinks,
  type Teaser,
  type TemplateStory,
  teasers,
} from './story';

/** Class names as a build tool mangles them: `Module_local__hash` or styled-components pairs. */
function mangler(r: R): (name: string) => string {
  const styled = r() < 0.5;
  const cache = new Map<string, string>();
  return (name) => {
    let v = cache.get(name);
    if (!v) {
      v = styled
        ? `sc-${hex(r, 5)} ${hex(r, 6)}`
        : `${name.split('.')[0]}_${name.split('.')[1] ?? 'root'}__${hex(r, 5)}`;
      cache.set(name, v);
    }
    return v;
  };
}

/** The page state Next.js serialises into `__NEXT_DATA__`: the article with its HTML body, and the teasers. */
function nextState(r: R, s: TemplateStory, more: Teaser[]) {
  return {
    props: {
      pageProps: {
        article: {
          id: int(r, 1, 99999),
          title: s.title,
          lead: s.lead,
          publishedAt: s.publishedAt,
          author: { name: s.author },
          body: renderBlocks(s, (p) => `<p>${p}</p>`).join(''),
          tags: s.tags,
        },
        related: more.map((m) => ({ title: m.title, href: m.href, excerpt: m.excerpt })),
      },
      __N_SSP: true,
    },
    page: '/[lang]/news/[slug]',
    query: { lang: s.lang, slug: s.slug },
    buildId: hex(r, 21),
    isFallback: false,
    gssp: true,
  };
}

export function nextjs(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const k = mangler(r);
  const url = `https://portal.example.org/${s.lang === 'kk-latn' ? 'qz' : s.lang}/news/${s.slug}`;
  const t = astana(s.publishedAt);
  const bodyHtml = renderBlocks(s, (p) => `<p class="${k('Paragraph.text')}">${p}</p>`);
  const inlineRelated = teasers(r, s.lang, 1, false)[0]!;
  if (bodyHtml.length > 2)
    bodyHtml.splice(
      2,
      0,
      `<div class="${k('Embed.related')}"><span>${c.readAlso}</span><a href="${inlineRelated.href}">${esc(inlineRelated.title)}</a></div>`,
    );
  const more = teasers(r, s.lang, int(r, 4, 8), true);
  const mostRead = teasers(r, s.lang, 5, false);
  const clientOnly = r() < 0.25;
  const state = nextState(r, s, more);
  const head = `<meta charSet="utf-8"><title>${esc(s.title)} — Portal</title><meta name="description" content="${esc(s.lead ?? s.title)}"><meta property="og:title" content="${esc(s.title)}"><link rel="canonical" href="${url}"><link rel="preload" href="/_next/static/css/${hex(r, 16)}.css" as="style"><noscript data-n-css=""></noscript>`;
  const article = clientOnly
    ? `<div class="${k('Skeleton.root')}"><div class="${k('Skeleton.line')}"></div></div>`
    : `<div class="${k('ArticlePage.grid')}"><article class="${k('ArticlePage.article')}"><a class="${k('Rubric.link')}" href="/news">${esc(pick(r, b.nav))}</a>
<h1 class="${k('ArticleHeader.title')}">${esc(s.title)}</h1>${s.lead ? `<p class="${k('ArticleHeader.lead')}">${esc(s.lead)}</p>` : ''}
<div class="${k('ArticleMeta.meta')}"><span>${s.author}</span><time>${t.hh}:${t.mi}, ${t.d}.${t.mo}.${t.y}</time><span>${int(r, 2, 9)} min</span></div>
<figure class="${k('Cover.figure')}"><img src="/_next/image?url=%2Fimg%2F${hex(r, 8)}.jpg&amp;w=1200" alt=""><figcaption>${esc(pick(r, b.subjects))}</figcaption></figure>
<div class="${k('ArticleBody.body')}">${bodyHtml.join('')}</div>
${shareLinks(r, (i) => `<div class="${k('Share.bar')}"><span>${c.share}</span>${i}</div>`)}
<div class="${k('Tags.list')}">${s.tags.map((x) => `<a href="/tags/${encodeURIComponent(x)}">#${esc(x)}</a>`).join('')}</div></article>
<aside class="${k('ArticlePage.aside')}"><div class="${k('MostRead.block')}"><h2>${c.popular}</h2><ol>${mostRead.map((m) => `<li><a href="${m.href}">${esc(m.title)}</a></li>`).join('')}</ol></div></aside></div>
<section class="${k('MoreNews.section')}"><h2>${c.more}</h2><div class="${k('MoreNews.grid')}">${more.map((m) => `<a class="${k('NewsCard.card')}" href="${m.href}"><img src="/img/${hex(r, 6)}.jpg" alt=""><div class="${k('NewsCard.body')}"><h3>${esc(m.title)}</h3><p>${esc(m.excerpt)}</p><span>${m.date}</span></div></a>`).join('')}</div></section>`;
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head>${head}</head><body><div id="__next"><div class="${k('Layout.wrapper')}">
<header class="${k('Header.header')}"><a href="/" class="${k('Header.logo')}">Portal</a><nav class="${k('Header.nav')}">${b.nav.map((n) => `<a href="/rubric/${encodeURIComponent(n)}">${esc(n)}</a>`).join('')}</nav></header>
<main class="${k('Layout.main')}">${article}</main>
<footer class="${k('Footer.footer')}"><p>${esc(c.about)}</p><p>${esc(pick(r, b.footer))}</p></footer>
<div class="${k('Cookie.banner')}"><p>${esc(c.cookies)}</p><button>OK</button></div></div></div>
<script id="__NEXT_DATA__" type="application/json">${JSON.stringify(state).replace(/</g, '\\u003c')}</script>
<script src="/_next/static/chunks/webpack-${hex(r, 16)}.js" defer=""></script>${analytics(r)}</body></html>`,
  };
}

export function amp(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://daily.example.org/amp/${s.slug}/`;
  const t = astana(s.publishedAt);
  const body = renderBlocks(s, (p) => `<p>${p}</p>`);
  if (body.length > 3)
    body.splice(
      2,
      0,
      `<amp-ad width="300" height="250" type="adsense" data-ad-client="ca-pub-0"><div placeholder>${c.advert}</div></amp-ad>`,
    );
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: s.title,
    datePublished: s.publishedAt,
    description: s.lead ?? undefined,
  };
  const related = teasers(r, s.lang, int(r, 3, 6), r() < 0.5);
  return {
    url,
    html: `<!doctype html><html amp lang="${htmlLang(s.lang)}"><head><meta charset="utf-8"><title>${esc(s.title)}</title><link rel="canonical" href="${url.replace('/amp/', '/')}">
<meta name="viewport" content="width=device-width"><script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style><style amp-custom>.top{display:flex}.rel li{margin:4px}</style>
<script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>
<amp-sidebar id="side" layout="nodisplay" side="left"><ul>${b.nav.map((n) => `<li><a href="/${encodeURIComponent(n)}/amp/">${esc(n)}</a></li>`).join('')}</ul></amp-sidebar>
<header class="top"><button on="tap:side.toggle">☰</button><a href="/">Daily</a></header>
<main><article class="post"><h1>${esc(s.title)}</h1><div class="byline">${s.author} · ${t.d}.${t.mo}.${t.y} ${t.hh}:${t.mi}</div>
${s.lead ? `<p class="intro"><strong>${esc(s.lead)}</strong></p>` : ''}
<amp-img src="/img/${hex(r, 8)}.jpg" width="1200" height="675" layout="responsive" alt=""></amp-img><p class="photo">${esc(pick(r, b.subjects))}</p>
<div class="text">${body.join('\n')}</div>
<amp-social-share type="facebook" width="40" height="40"></amp-social-share><amp-social-share type="telegram" width="40" height="40"></amp-social-share>
<section class="rel"><h2>${c.related}</h2><ul>${related.map((m) => `<li><a href="${m.href}amp/"><amp-img src="/t.jpg" width="80" height="45"></amp-img>${esc(m.title)}</a>${m.excerpt ? `<p>${esc(m.excerpt)}</p>` : ''}</li>`).join('')}</ul></section></article></main>
<footer><p>${esc(c.about)}</p><p>© 2026 Daily</p></footer>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">{"vars":{"gtag_id":"G-1"}}</script></amp-analytics></body></html>`,
  };
}

export function tableLayout(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `http://old.example.net/news.php?id=${int(r, 1000, 99999)}`;
  const t = astana(s.publishedAt);
  const usesP = r() < 0.4;
  const body = renderBlocks(s, (p) => (usesP ? `<p align="justify">${p}</p>` : `${p}<br><br>`)).join('\n');
  const nav = b.nav
    .map((n) => `<a href="/section.php?s=${encodeURIComponent(n)}" class="menu">${esc(n)}</a><br>`)
    .join('\n');
  const day = teasers(r, s.lang, int(r, 5, 9), true)
    .map(
      (m) =>
        `<tr><td class="small"><font color="#999999">${m.date}</font><br><a href="/news.php?id=${hex(r, 4)}"><b>${esc(m.title)}</b></a><br>${esc(m.excerpt.split('. ')[0]!)}.</td></tr>`,
    )
    .join('');
  const others = teasers(r, s.lang, int(r, 4, 7), false)
    .map((m) => `&bull; <a href="${m.href}">${esc(m.title)}</a><br>`)
    .join('\n');
  return {
    url,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(s.title)} :: Old News</title>
<script language="JavaScript">function openWin(u){window.open(u,'p','width=600')}</script></head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0"><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td colspan="3" bgcolor="#003366"><img src="/img/logo.gif" width="300" height="60" alt="Old News"><font color="#FFFFFF" size="1">${esc(c.about)}</font></td></tr>
<tr><td width="170" valign="top" bgcolor="#EEEEEE">${nav}<br><form action="/search.php"><input name="q" size="12"><input type="submit" value="OK"></form><br><a href="/archive.php">Archive</a></td>
<td valign="top" style="padding:10px"><font size="1" color="#666666">${t.d}.${t.mo}.${t.y} ${t.hh}:${t.mi}</font><br>
<font size="4"><b>${esc(s.title)}</b></font><br><br>
${s.lead ? `<b>${esc(s.lead)}</b><br><br>\n` : ''}<img src="/photos/${hex(r, 6)}.jpg" width="300" align="left" hspace="5"><font face="Arial" size="2">${body}</font>
<br><a href="javascript:openWin('/print.php')">${c.print}</a> | <a href="/">${c.home}</a><br><br>
<b>${c.other}:</b><br>${others}</td>
<td width="220" valign="top" bgcolor="#F5F5F5"><b>${c.popular}</b><table width="100%" cellpadding="3">${day}</table><br><a href="/rk.php"><img src="/banners/b.gif" width="200" height="200" alt=""></a></td></tr>
<tr><td colspan="3" align="center"><font size="1">© 2002–2026 Old News. ${esc(pick(r, b.footer))}</font><br><!-- counter --><img src="/c.gif" width="88" height="31"></td></tr></table>
${analytics(r)}</body></html>`,
  };
}
