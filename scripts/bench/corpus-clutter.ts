/**
 * The clutter around generated Kazinform and generic pages: navigation, headline lists, share bars,
 * "read also" boxes, figures, comments, footers and inline scripts of realistic size.
 */
import { type Bank, esc, headline, hex, int, paragraph, pick, type R, slugify } from './corpus-text';

// ----------------------------------------------------------------------------- clutter

/** An inline analytics/state script of realistic size (real pages carry 20–80 KB of inline JS). */
export function inlineScripts(r: R, b: Bank, size: number): string {
  const state: Record<string, unknown>[] = [];
  let len = 0;
  while (len < size) {
    const o = {
      id: int(r, 1000, 999999),
      title: paragraph(r, b, 1),
      tags: [pick(r, b.nav), pick(r, b.nav)],
      views: int(r, 10, 90000),
    };
    const s = JSON.stringify(o);
    len += s.length;
    state.push(o);
  }
  return `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');</script>
<script>window.__INITIAL_STATE__=${JSON.stringify({ news: state }).replace(/</g, '\\u003c')};</script>
<script>(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(${int(r, 10000, 99999)},"init",{clickmap:true,trackLinks:true});</script>`;
}

export const ICON =
  '<svg width="24" height="24" viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z"/></svg>';

export function header(r: R, b: Bank, brand: string): string {
  const links = b.nav
    .map((n) => `<li class="menu__item"><a href="/${slugify(n)}/">${esc(n)}</a></li>`)
    .join('');
  return `<header class="header"><div class="header__top"><a class="logo" href="/">${ICON}<span>${brand}</span></a>
<div class="lang-switch"><a href="/ru/">РУС</a><a href="/kz/">ҚАЗ</a><a href="/en/">ENG</a></div>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>${ICON}</button></form>
<div class="currency">USD ${int(r, 440, 520)}.${int(r, 10, 99)} EUR ${int(r, 480, 560)}.${int(r, 10, 99)}</div></div>
<nav class="menu"><ul>${links}</ul></nav></header>`;
}

export function headlinesList(r: R, b: Bank, cls: string, n: number, title: string): string {
  const items = Array.from(
    { length: n },
    () =>
      `<li><a href="/news/${slugify(headline(r, b, false))}-${hex(r, 6)}"><span class="time">${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}</span> ${esc(headline(r, b, r() < 0.2))}</a></li>`,
  ).join('');
  return `<div class="${cls}"><div class="${cls}__title">${esc(title)}</div><ul>${items}</ul></div>`;
}

export function share(cls = 'share-buttons'): string {
  return `<div class="${cls}"><a href="https://facebook.com/sharer">${ICON}</a><a href="https://t.me/share">${ICON}</a><a href="https://wa.me/">${ICON}</a><a href="https://x.com/intent">${ICON}</a><button class="copy">Copy link</button></div>`;
}

export function readAlso(r: R, b: Bank, cls: string): string {
  const links = Array.from(
    { length: int(r, 1, 3) },
    () => `<a href="/news/${hex(r, 8)}">${esc(headline(r, b, r() < 0.3))}</a>`,
  ).join('<br>');
  return `<div class="${cls}"><strong>${esc(b.readAlso)}:</strong> ${links}</div>`;
}

export function figure(r: R, b: Bank): string {
  return `<figure class="article__image"><img src="/uploads/${hex(r, 12)}.jpg" alt="${esc(headline(r, b, false))}" width="800" height="450"><figcaption>${esc(`Photo: ${pick(r, b.subjects)}`)}</figcaption></figure>`;
}

export function comments(r: R, b: Bank): string {
  const n = int(r, 2, 7);
  const list = Array.from(
    { length: n },
    (_, i) =>
      `<div class="comment"><div class="comment__author">user${int(r, 100, 9999)}</div><div class="comment__date">${int(r, 1, 28)}.0${int(r, 1, 9)}.2026</div><p class="comment__text">${esc(paragraph(r, b, int(r, 1, 2)))}</p><a class="reply" href="#c${i}">Reply</a></div>`,
  ).join('');
  return `<section class="comments" id="comments"><h3>${esc(b.comments)} (${n})</h3>${list}<form class="comment-form"><textarea></textarea><button>Send</button></form></section>`;
}

export function footer(r: R, b: Bank): string {
  return `<footer class="footer"><div class="footer__menu">${b.nav.map((n) => `<a href="/${slugify(n)}">${esc(n)}</a>`).join(' ')}</div>
${b.footer.map((f) => `<p class="footer__text">${esc(f)}</p>`).join('\n')}
<p class="footer__copy">© 1997–2026 ${esc(pick(r, ['Kazinform', 'Qazinform', 'ҚазАқпарат']))}</p></footer>
<div class="cookie-banner"><p>We use cookies to improve the site. By continuing to browse you agree to the use of cookies.</p><button>OK</button></div>`;
}

// ----------------------------------------------------------------------------- dates

export function astanaParts(iso: string) {
  const d = new Date(Date.parse(iso) + 5 * 3_600_000);
  return {
    day: d.getUTCDate(),
    month: d.getUTCMonth(),
    year: d.getUTCFullYear(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
  };
}
