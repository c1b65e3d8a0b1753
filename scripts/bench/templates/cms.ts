/**
 * Article pages in the markup of three common CMS themes: WordPress (a default-style theme with Jetpack
 * share and related posts inside the content), Drupal (node fields, a views block of related articles)
 * and 1C-Bitrix (news.detail with `<br>`-separated text, a news.list sidebar of "Other news").
 * Written by us from the public shape of these themes; no page is copied.
 */
import { BANKS, esc, int, pick, type R } from '../corpus-text';
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

const origin = 'https://news.example.com';

function wpHead(s: TemplateStory, url: string, site: string): string {
  const ld = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', name: s.title },
      {
        '@type': 'Article',
        headline: s.title,
        datePublished: s.publishedAt.replace('Z', '+00:00'),
        author: { name: s.author },
      },
    ],
  };
  return `<title>${esc(s.title)} &#8211; ${site}</title><link rel="canonical" href="${url}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(s.title)}"><meta property="og:site_name" content="${site}">
<script type="application/ld+json" class="yoast-schema-graph">${JSON.stringify(ld)}</script>
<link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/css/dist/block-library/style.min.css" media="all">
<style id="global-styles-inline-css">body{--wp--preset--color--black:#000}.has-black-color{color:var(--wp--preset--color--black)!important}</style>`;
}

/** A WordPress comment list: author, time, text and a reply link per comment. */
function wpComments(r: R, s: TemplateStory): string {
  const c = chromeFor(s.lang);
  return commentsFor(r, s.lang, int(r, 0, 5))
    .map(
      (k) =>
        `<li class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">${k.user}</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#c"><time>${k.date}</time></a></div></footer><div class="comment-content"><p>${esc(k.text)}</p></div><div class="reply"><a class="comment-reply-link" href="#r">${c.reply}</a></div></article></li>`,
    )
    .join('');
}

export function wordpress(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `${origin}/${astana(s.publishedAt).y}/${s.slug}/`;
  const t = astana(s.publishedAt);
  const site = pick(r, ['Steppe Herald', 'Astana Daily', 'Dala News']);
  const body = renderBlocks(
    s,
    (p, i) =>
      `<p>${p}</p>${i === 1 && r() < 0.5 ? `\n<p><strong>${c.readAlso}:</strong> <a href="/x/${i}">${esc(teasers(r, s.lang, 1, false)[0]!.title)}</a></p>` : ''}`,
  );
  if (r() < 0.6)
    body.splice(
      1,
      0,
      `<figure class="wp-block-image size-large"><img src="/wp-content/uploads/2026/05/p.jpg" alt=""><figcaption class="wp-element-caption">${esc(pick(r, b.subjects))}</figcaption></figure>`,
    );
  const related = teasers(r, s.lang, 3, false)
    .map(
      (t2) =>
        `<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="${t2.href}">${esc(t2.title)}</a></h4><time class="jp-relatedposts-post-date">${t2.date}</time><p class="jp-relatedposts-post-context">In "${esc(pick(r, b.nav))}"</p></div>`,
    )
    .join('');
  const comments = wpComments(r, s);
  const recent = teasers(r, s.lang, 6, false)
    .map(
      (t2) => `<li><a href="${t2.href}">${esc(t2.title)}</a> <span class="post-date">${t2.date}</span></li>`,
    )
    .join('');
  const menu = b.nav
    .map((n) => `<li class="menu-item"><a href="/category/${encodeURIComponent(n)}/">${esc(n)}</a></li>`)
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta charset="UTF-8">${wpHead(s, url, site)}</head>
<body class="post-template-default single single-post postid-${int(r, 100, 9999)} single-format-standard"><div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">${site}</a></p><p class="site-description">${esc(c.about)}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle">Menu</button><ul id="primary-menu" class="menu">${menu}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1" class="post type-post status-publish format-standard has-post-thumbnail hentry">
<header class="entry-header"><h1 class="entry-title">${esc(s.title)}</h1><div class="entry-meta"><span class="posted-on">Posted on <a href="${url}" rel="bookmark"><time class="entry-date published" datetime="${s.publishedAt.replace('Z', '+00:00')}">${t.d}.${t.mo}.${t.y}</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x/">${s.author}</a></span></span></div></header>
<div class="entry-content">
${body.join('\n')}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">${c.share}:</h3>${shareLinks(r, (i) => `<div class="sd-content">${i}</div>`)}</div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>${c.related}</em></h3><div class="jp-relatedposts-items">${related}</div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/">${esc(pick(r, b.nav))}</a></span> <span class="tags-links">Tagged ${s.tags.map((x) => `<a href="/tag/" rel="tag">${esc(x)}</a>`).join(', ')}</span></footer>
</article>
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="/p"><span class="meta-nav">Previous</span> <span class="post-title">${esc(teasers(r, s.lang, 1, false)[0]!.title)}</span></a></div></div></nav>
<div id="comments" class="comments-area">${comments ? `<h2 class="comments-title">${c.comments}</h2><ol class="comment-list">${comments}</ol>` : ''}<div id="respond" class="comment-respond"><h3 class="comment-reply-title">${c.leave}</h3><form class="comment-form"><p class="comment-notes">Your email address will not be published.</p><textarea></textarea></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">${c.popular}</h2><ul>${recent}</ul></section>
<section class="widget widget_text"><div class="textwidget"><p>${esc(c.subscribe)}</p></div></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info"><p>${esc(c.about)}</p><p>${esc(pick(r, b.footer))}</p></div></footer></div>
${analytics(r)}</body></html>`,
  };
}

export function drupal(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `${origin}/${s.lang === 'kk-latn' ? 'kk' : s.lang}/node/${int(r, 1000, 99999)}`;
  const t = astana(s.publishedAt);
  const body = renderBlocks(s, (p) => `<p>${p}</p>`);
  const views = teasers(r, s.lang, int(r, 3, 5), true)
    .map(
      (x) =>
        `<div class="views-row"><div class="views-field views-field-title"><span class="field-content"><a href="${x.href}">${esc(x.title)}</a></span></div><div class="views-field views-field-created"><span class="field-content">${x.date}</span></div><div class="views-field views-field-body"><div class="field-content">${esc(x.excerpt)}</div></div></div>`,
    )
    .join('');
  const comments = commentsFor(r, s.lang, int(r, 0, 3))
    .map(
      (k) =>
        `<article class="comment js-comment"><footer class="comment__meta"><span class="comment__author">${k.user}</span> <span class="comment__time">${k.date}</span></footer><div class="comment__content"><div class="field field--name-comment-body"><p>${esc(k.text)}</p></div><ul class="links inline"><li><a href="/comment/reply">${c.reply}</a></li></ul></div></article>`,
    )
    .join('');
  const lead = s.lead
    ? `<div class="field field--name-field-summary field--type-string-long field--label-hidden field__item"><p>${esc(s.lead)}</p></div>`
    : '';
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}" dir="ltr"><head><meta charset="utf-8"><meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<title>${esc(s.title)} | Qazaq Portal</title><link rel="canonical" href="${url}"><meta property="og:title" content="${esc(s.title)}">
<meta property="article:published_time" content="${s.publishedAt.replace('Z', '+0000')}"><script type="application/json" data-drupal-selector="drupal-settings-json">{"path":{"baseUrl":"\\/","currentPath":"node\\/1"},"ajaxPageState":{"theme":"olivero"}}</script></head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><div id="page-wrapper"><div id="page"><header class="site-header"><div class="site-branding__name"><a href="/">Qazaq Portal</a></div>
<nav role="navigation" class="primary-nav"><ul class="menu">${b.nav.map((n) => `<li class="menu__item"><a href="/t/${encodeURIComponent(n)}" class="menu__link">${esc(n)}</a></li>`).join('')}</ul></nav></header>
<div class="region region--breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">${c.home}</a></li><li><a href="/news">${esc(pick(r, b.nav))}</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="region region--content"><div data-drupal-messages-fallback class="hidden"></div>
<div id="block-olivero-content" class="block block-system block-system-main-block">
<article data-history-node-id="1" role="article" class="node node--type-article node--promoted node--view-mode-full">
<header class="node__header"><h1 class="title page-title"><span class="field field--name-title field--type-string">${esc(s.title)}</span></h1>
<div class="node__meta"><span class="field field--name-uid"><span>${s.author}</span></span> <span class="field field--name-created">${t.d}.${t.mo}.${t.y} - ${t.hh}:${t.mi}</span></div></header>
<div class="node__content">
<div class="field field--name-field-image field--type-image"><img src="/sites/default/files/2026-05/p.jpg" alt=""><div class="field--name-field-image-caption">${esc(pick(r, b.subjects))}</div></div>
${lead}
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">${body.join('\n')}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">${c.tags}</div><div class="field__items">${s.tags.map((x) => `<div class="field__item"><a href="/taxonomy/term/1">${esc(x)}</a></div>`).join('')}</div></div>
<section class="field field--name-comment comments"><h2 class="comments__title">${c.comments}</h2>${comments}<h2 class="add-comment__heading">${c.leave}</h2><form class="comment-form"><textarea></textarea><input type="submit" value="Save"></form></section>
</div></article></div>
<div class="views-element-container block block-views"><h2 class="block__title">${c.related}</h2><div class="view view-related view-id-related"><div class="view-content">${views}</div></div></div>
</div></main>
<footer class="site-footer"><div class="region region--footer-top"><div class="block block-block-content"><div class="field field--name-body"><p>${esc(c.about)}</p><p>${esc(c.cookies)}</p></div></div></div></footer>
</div></div></div>${analytics(r)}</body></html>`,
  };
}

export function bitrix(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = BANKS[s.lang];
  const url = `${origin}/news/${int(r, 10000, 99999)}/`;
  const t = astana(s.publishedAt);
  // news.detail prints the detail text as the editor left it: paragraphs split by <br>, now and then a <p>
  const parts = renderBlocks(s, (p) => p);
  const detail = parts
    .map((x, i) =>
      x.startsWith('<') ? x : `${x}${i < parts.length - 1 ? (r() < 0.7 ? '<br>\n<br>\n' : '<br>\n') : ''}`,
    )
    .join('');
  const others = teasers(r, s.lang, int(r, 6, 10), true)
    .map(
      (x, i) =>
        `<p class="news-item" id="bx_3218110189_${1000 + i}"><a href="${x.href}"><img class="preview_picture" src="/upload/iblock/${i}.jpg" alt="" width="90"></a><span class="news-date-time">${x.date}</span><a href="${x.href}"><b>${esc(x.title)}</b></a><br>${esc(x.excerpt)}</p><div style="clear:both"></div>`,
    )
    .join('\n');
  const lead = s.lead ? `<p>${esc(s.lead)}</p>` : '';
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>${esc(s.title)}</title>
<meta name="keywords" content="${s.tags.map(esc).join(', ')}"><meta name="description" content="${esc(prose(r, b, 1).slice(0, 120))}">
<link href="/bitrix/cache/css/s1/main/template_styles.css?17" rel="stylesheet"><script>var bxSession={"SESS":"${int(r, 1, 9)}"};if(!window.BX)window.BX={message:function(){}};BX.message({'LANGUAGE_ID':'ru','SITE_ID':'s1'});</script></head>
<body><div id="panel"></div><div class="wrapper"><div class="header"><div class="logo"><a href="/">Portal</a></div><div class="top-phone">+7 (555) 555-55-55</div>
<ul class="top-menu">${b.nav.map((n) => `<li><a href="/${encodeURIComponent(n)}/">${esc(n)}</a></li>`).join('')}</ul></div>
<div class="workarea"><div class="breadcrumbs"><a href="/">${c.home}</a> / <a href="/news/">${c.other}</a></div>
<div class="left-col"><h1>${esc(s.title)}</h1>
<div class="news-detail"><img class="detail_picture" src="/upload/iblock/d.jpg" width="600" alt="${esc(s.title)}" title="${esc(s.title)}"><span class="news-date-time">${t.d}.${t.mo}.${t.y}</span>
${lead}${detail}
<div style="clear:both"></div><br><div class="news-detail-share"><noindex>${shareLinks(r, (i) => i)}</noindex></div></div>
<p><a href="/news/">&larr; ${c.back}</a></p></div>
<div class="right-col"><div class="right-title">${c.other}</div><div class="news-list">${others}</div>
<div class="banner"><a href="/promo/"><img src="/upload/rk/b.gif" alt="${c.advert}"></a></div></div></div>
<div class="footer"><div class="copy">© 2026 Portal. ${esc(pick(r, b.footer))}</div><div class="counters"><!-- counter --></div></div></div>
${analytics(r)}</body></html>`,
  };
}
