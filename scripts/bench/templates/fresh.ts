/**
 * Three templates written after the extractor's rules were settled, to check them on markup they were
 * not shaped by: Joomla (headline in an h2, `itemprop="articleBody"`, modules around it), a Ghost-style
 * blog (excerpt under the title, a "read more" feed, a sign-up box) and a Nuxt/Vue page (every paragraph
 * a bare `<div>`, scoped `data-v-*` attributes, cards with no heading words the extractor knows).
 */
import { esc, hex, int, pick, type R } from '../corpus-text';
import {
  analytics,
  astana,
  bankFor,
  chromeFor,
  commentsFor,
  htmlLang,
  prose,
  renderBlocks,
  shareLinks,
  type TemplateStory,
  teasers,
} from './story';

export function joomla(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://gazeta.example.org/index.php/${s.lang}/novosti/${int(r, 100, 9999)}-${s.slug}`;
  const body = renderBlocks(s, (p) => `<p style="text-align: justify;">${p}</p>`);
  const latest = teasers(r, s.lang, 6, false)
    .map(
      (m) =>
        `<li itemscope><a href="${m.href}" itemprop="url"><span itemprop="name">${esc(m.title)}</span></a></li>`,
    )
    .join('');
  const comments = commentsFor(r, s.lang, int(r, 0, 4))
    .map(
      (k, i) =>
        `<div class="rbox"><div class="comment-box"><span class="comment-author">${k.user}</span> <span class="comment-date">${k.date}</span><div class="comment-body" id="comment-body-${i}">${esc(k.text)}</div></div></div>`,
    )
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}" dir="ltr"><head><meta charset="utf-8"><meta name="generator" content="Joomla! - Open Source Content Management"><title>${esc(s.title)}</title>
<script type="application/json" class="joomla-script-options new">{"system.paths":{"root":"","base":""}}</script></head>
<body class="site com_content view-article layout-blog"><div class="body" id="top"><div class="container"><header class="header container-header full-width"><div class="navbar-brand"><a class="brand-logo" href="/">Gazeta</a></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav">${b.nav.map((n) => `<li class="nav-item"><a href="/index.php/${encodeURIComponent(n)}">${esc(n)}</a></li>`).join('')}</ul></div></header>
<div class="grid-child container-component"><nav class="mod-breadcrumbs__wrapper"><ol class="mod-breadcrumbs breadcrumb"><li><a href="/">${c.home}</a></li></ol></nav>
<main><div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="${htmlLang(s.lang)}">
<div class="page-header"><h2 itemprop="headline">${esc(s.title)}</h2></div>
<dl class="article-info text-muted"><dt class="article-info-term">Details</dt><dd class="createdby" itemprop="author"><span itemprop="name">${s.author}</span></dd>
<dd class="published"><time datetime="${s.publishedAt.replace('Z', '+00:00')}" itemprop="datePublished">${astana(s.publishedAt).d}.${astana(s.publishedAt).mo}.${astana(s.publishedAt).y}</time></dd><dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:${int(r, 10, 999)}">Hits: ${int(r, 10, 999)}</dd></dl>
<div itemprop="articleBody" class="com-content-article__body">${s.lead ? `<p><strong>${esc(s.lead)}</strong></p>` : ''}${body.join('\n')}</div>
<ul class="tags list-inline">${s.tags.map((t) => `<li class="list-inline-item tag-list0"><a href="/tags/1" class="btn btn-sm btn-info">${esc(t)}</a></li>`).join('')}</ul>
<nav class="pagenavigation"><span class="pagination ms-0"><a class="btn btn-sm btn-secondary previous" href="/p" rel="prev">Prev</a><a class="btn btn-sm btn-secondary next" href="/n" rel="next">Next</a></span></nav>
<div id="jc"><h4>${c.comments}</h4><div id="comments">${comments}</div></div></div></main></div>
<div class="grid-child container-sidebar-right"><div class="sidebar-right card"><h3 class="card-header">${c.popular}</h3><div class="card-body"><ul class="mod-articleslatest latestnews mod-list">${latest}</ul></div></div>
<div class="sidebar-right card"><div class="card-body"><div class="mod-custom custom"><p>${esc(c.about)}</p></div></div></div></div></div>
<footer class="container-footer footer full-width"><div class="grid-child"><div class="mod-footer"><div class="footer1">Copyright © 2026 Gazeta. All Rights Reserved.</div></div></div></footer></div>${analytics(r)}</body></html>`,
  };
}

export function ghost(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://blog.example.com/${s.slug}/`;
  const t = astana(s.publishedAt);
  const body = renderBlocks(s, (p) => `<p>${p}</p>`);
  if (body.length > 2 && r() < 0.6)
    body.splice(
      2,
      0,
      `<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/content/images/${hex(r, 6)}.jpg" class="kg-image" alt=""><figcaption>${esc(pick(r, b.subjects))}</figcaption></figure>`,
    );
  const feed = teasers(r, s.lang, 3, true)
    .map(
      (m) =>
        `<article class="gh-card post"><a class="gh-card-link" href="${m.href}"><figure class="gh-card-image"><img src="/i.jpg" alt=""></figure><div class="gh-card-wrapper"><h3 class="gh-card-title">${esc(m.title)}</h3><p class="gh-card-excerpt">${esc(m.excerpt)}</p><footer class="gh-card-meta"><time>${m.date}</time></footer></div></a></article>`,
    )
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta charset="utf-8"><title>${esc(s.title)}</title><meta name="description" content="${esc(s.lead ?? s.title)}"><link rel="canonical" href="${url}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(s.title)}"><meta property="article:published_time" content="${s.publishedAt}"><meta name="generator" content="Ghost 5.0"></head>
<body class="post-template"><div class="gh-site"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="/">Steppe Notes</a></div>
<nav class="gh-head-menu"><ul class="nav">${b.nav
      .slice(0, 6)
      .map((n) => `<li><a href="/tag/${encodeURIComponent(n)}/">${esc(n)}</a></li>`)
      .join(
        '',
      )}</ul></nav><div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup">Subscribe</a></div></div></header>
<main id="site-main" class="site-main"><article class="article post"><header class="article-header gh-canvas"><div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/x/">${esc(pick(r, b.nav))}</a></span></div>
<h1 class="article-title">${esc(s.title)}</h1>${s.lead ? `<p class="article-excerpt">${esc(s.lead)}</p>` : ''}
<div class="article-byline"><div class="article-byline-content"><div class="article-byline-meta"><h4 class="author-name"><a href="/author/x/">${s.author}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="${s.publishedAt.slice(0, 10)}">${t.d}.${t.mo}.${t.y}</time><span class="byline-reading-time"><span class="bull">•</span> ${int(r, 2, 9)} min read</span></div></div></div></div></header>
<section class="gh-content gh-canvas">${body.join('\n')}</section>
<section class="article-comments gh-canvas">${shareLinks(r, (i) => `<div class="share-row">${i}</div>`)}</section></article>
<aside class="read-more-wrap outer"><div class="read-more inner"><h3 class="read-more-title">${c.readAlso}</h3><div class="gh-feed">${feed}</div></div></aside>
<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">${esc(c.subscribe)}</h2><a class="footer-cta-button" href="#/portal"><div class="footer-cta-input">jamie@example.com</div><span>Subscribe</span></a></div></section></main>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">Steppe Notes</a> © 2026</section><div class="gh-powered-by"><a href="https://ghost.org/">Powered by Ghost</a></div></div></footer></div>${analytics(r)}</body></html>`,
  };
}

export function nuxt(r: R, s: TemplateStory): { url: string; html: string } {
  const b = bankFor(s.lang);
  const v = `data-v-${hex(r, 8)}`;
  const url = `https://media.example.net/${s.lang}/article/${int(r, 100000, 999999)}`;
  const t = astana(s.publishedAt);
  const body = renderBlocks(s, (p) => `<div ${v} class="paragraph">${p}</div>`);
  const cards = teasers(r, s.lang, int(r, 3, 5), r() < 0.5)
    .map(
      (m) =>
        `<div ${v} class="card"><a ${v} href="${m.href}" class="card__title">${esc(m.title)}</a>${m.excerpt ? `<div ${v} class="card__lead">${esc(m.excerpt)}</div>` : ''}<div ${v} class="card__date">${m.date}</div></div>`,
    )
    .join('');
  const inline = teasers(r, s.lang, 1, false)[0]!;
  if (body.length > 3)
    body.splice(2, 0, `<div ${v} class="inset"><a ${v} href="${inline.href}">${esc(inline.title)}</a></div>`);
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}" data-n-head="%7B%7D"><head><meta charset="utf-8"><title>${esc(s.title)} — Media</title><meta data-hid="og:title" property="og:title" content="${esc(s.title)}"><link rel="preload" href="/_nuxt/${hex(r, 8)}.js" as="script"></head>
<body><div id="__nuxt"><div id="__layout"><div ${v} class="app"><div ${v} class="topline"><a ${v} href="/" class="logo">Media</a>${b.nav.map((n) => `<a ${v} href="/${encodeURIComponent(n)}">${esc(n)}</a>`).join('')}</div>
<div ${v} class="page"><div ${v} class="page__main"><div ${v} class="rubric">${esc(pick(r, b.nav))}</div><h1 ${v}>${esc(s.title)}</h1>
${s.lead ? `<div ${v} class="announce">${esc(s.lead)}</div>` : ''}<div ${v} class="info"><span ${v}>${t.d}.${t.mo}.${t.y} ${t.hh}:${t.mi}</span><span ${v}>${s.author}</span></div>
<div ${v} class="picture"><img ${v} src="/img/${hex(r, 8)}.webp" alt=""><div ${v} class="picture__source">${esc(pick(r, b.subjects))}</div></div>
<div ${v} class="text">${body.join('\n')}</div><div ${v} class="cards">${cards}</div></div>
<div ${v} class="page__side"><div ${v} class="feed">${teasers(r, s.lang, 8, false)
      .map(
        (m) => `<a ${v} href="${m.href}" class="feed__item"><span ${v}>${m.date}</span> ${esc(m.title)}</a>`,
      )
      .join('')}</div>
<div ${v} class="promo">${esc(prose(r, b, 1))}</div></div></div>
<div ${v} class="bottom"><div ${v}>${esc(chromeFor(s.lang).about)}</div><div ${v}>${esc(pick(r, b.footer))}</div></div></div></div></div>
<script>window.__NUXT__=(function(a,b){return {layout:"default",data:[{}],state:{}}}(null,false));</script>${analytics(r)}</body></html>`,
  };
}

/** A uCoz site page: story in `div.eMessage` with `<br>` breaks, a details line, comment blocks, side boxes. */
export function ucoz(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://region-news.example.ru/news/${s.slug}/${astana(s.publishedAt).y}-${int(r, 1, 12)}-${int(r, 1, 28)}-${int(r, 100, 9999)}`;
  const t = astana(s.publishedAt);
  const text = renderBlocks(s, (p) => `${p}<br><br>`).join('\n');
  const box = (title: string, inner: string) =>
    `<table border="0" cellpadding="0" cellspacing="0" width="100%" class="boxTable"><tr><td class="boxTitle"><b>${title}</b></td></tr><tr><td class="boxContent">${inner}</td></tr></table>`;
  const latest = teasers(r, s.lang, 7, false)
    .map((m) => `<li><a href="${m.href}">${esc(m.title)}</a></li>`)
    .join('');
  const comments = commentsFor(r, s.lang, int(r, 0, 4))
    .map(
      (k, i) =>
        `<div class="cBlock${(i % 2) + 1}"><div style="padding:5px"><b>${k.user}</b> (${k.date})<br><div class="cMessage">${esc(k.text)}</div></div></div>`,
    )
    .join('');
  return {
    url,
    html: `<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"><title>${esc(s.title)} - ${c.other} - Region News</title><link type="text/css" rel="StyleSheet" href="/.s/src/css/1.css"></head>
<body><div id="wrap"><div id="header"><div class="logo"><a href="/">Region News</a></div><div id="catmenu"><ul class="uMenuRoot">${b.nav.map((n) => `<li><a href="/news/${encodeURIComponent(n)}">${esc(n)}</a></li>`).join('')}</ul></div></div>
<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top" id="content">
<table border="0" width="100%" cellspacing="1" cellpadding="2" class="eBlock"><tr><td class="eTitle">${esc(s.title)}</td></tr>
<tr><td class="eMessage"><div style="text-align:center"><img src="/_nw/${int(r, 1, 99)}/${hex(r, 6)}.jpg" border="0"></div>${s.lead ? `<b>${esc(s.lead)}</b><br><br>` : ''}${text}</td></tr>
<tr><td class="eDetails">${c.other}: <a href="/news/">${esc(pick(r, b.nav))}</a> | ${t.d}.${t.mo}.${t.y} | ${s.author} | ${int(r, 10, 999)}</td></tr></table>
<div class="share">${shareLinks(r, (i) => i)}</div>
<div class="comments"><b>${c.comments}: ${int(r, 0, 9)}</b>${comments}</div>
</td><td valign="top" width="220" id="sidebar">${box(c.popular, `<ul>${latest}</ul>`)}${box(
      c.other,
      teasers(r, s.lang, 4, true)
        .map((m) => `<div><a href="${m.href}">${esc(m.title)}</a><br>${esc(m.excerpt)}</div>`)
        .join('<hr>'),
    )}${box('Info', `<p>${esc(c.about)}</p>`)}</td></tr></table>
<div id="footer">${esc(pick(r, b.footer))} Хостинг от uCoz</div></div>${analytics(r)}</body></html>`,
  };
}

/** A regional news site: lead in bold inside the text, then a photo credit, a call to subscribe, the author, tags. */
export function regional(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://www.example.kz/${s.lang === 'kk-latn' ? 'kz' : s.lang}/news/${int(r, 100000, 999999)}`;
  const t = astana(s.publishedAt);
  const ru = s.lang === 'ru';
  const body = renderBlocks(s, (p) => `<p>${p}</p>`).join('\n');
  const credit = ru ? 'Фото: пресс-служба акимата' : 'Photo: akimat press service';
  const promo = ru
    ? 'Подписывайтесь на наш <a href="https://t.me/example">Telegram-канал</a>, чтобы первыми узнавать главные новости.'
    : 'Subscribe to our <a href="https://t.me/example">Telegram channel</a> to be the first to know the main news.';
  const topic = teasers(r, s.lang, int(r, 3, 5), false)
    .map((m) => `<li><a href="${m.href}">${esc(m.title)}</a> <span>${m.date}</span></li>`)
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta charset="utf-8"><title>${esc(s.title)} | ${c.other} | Example.kz</title><meta property="og:description" content="${esc((s.lead ?? s.title).slice(0, 140))}"></head>
<body><div class="top"><div class="logo"><a href="/">Example.kz</a></div><div class="weather">Астана −12°</div><ul class="nav-list">${b.nav.map((n) => `<li><a href="/${encodeURIComponent(n)}">${esc(n)}</a></li>`).join('')}</ul></div>
<div class="page"><div class="left"><div class="news-head"><h1>${esc(s.title)}</h1><div class="news-info"><span>${t.d}.${t.mo}.${t.y}, ${t.hh}:${t.mi}</span> <span>${int(r, 100, 9000)}</span></div></div>
<div class="news-img"><img src="/upload/${hex(r, 8)}.jpg" alt=""></div>
<div class="news-text">${s.lead ? `<p><strong>${esc(s.lead)}</strong></p>\n` : ''}${body}
<p><em>${credit}</em></p><p>${promo}</p><p>${ru ? 'Автор' : 'Author'}: ${s.author}</p></div>
<div class="news-tags">${c.tags}: ${s.tags.map((x) => `<a href="/tag/${encodeURIComponent(x)}">${esc(x)}</a>`).join(', ')}</div>
<div class="news-share">${c.share}: ${shareLinks(r, (i) => i)}</div>
<div class="news-topic"><div class="h">${ru ? 'Материалы по теме' : 'On this topic'}</div><ul>${topic}</ul></div></div>
<div class="right"><div class="h">${c.popular}</div>${teasers(r, s.lang, 5, true)
      .map((m) => `<div class="it"><a href="${m.href}">${esc(m.title)}</a><p>${esc(m.excerpt)}</p></div>`)
      .join('')}</div></div>
<div class="bottom"><p>${esc(c.about)}</p><p>${esc(pick(r, b.footer))}</p></div>${analytics(r)}</body></html>`,
  };
}
