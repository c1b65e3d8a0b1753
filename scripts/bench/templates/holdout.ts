/**
 * Two templates kept out of the extractor's tuning, to see how the general rule does on markup nobody
 * looked at while writing it: a utility-class page (Tailwind-style, no semantic class names at all) and
 * a DataLife Engine page (text with `<br>`, a "related news" block and comments inside the story box).
 */
import { esc, hex, int, pick, type R } from '../corpus-text';
import {
  analytics,
  astana,
  bankFor,
  chromeFor,
  commentsFor,
  htmlLang,
  renderBlocks,
  shareLinks,
  type TemplateStory,
  teasers,
} from './story';

export function utilityClasses(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const url = `https://www.example.com/${s.slug}`;
  const t = astana(s.publishedAt);
  const body = renderBlocks(s, (p) => `<p class="mb-4 leading-7 text-gray-800">${p}</p>`);
  const cards = teasers(r, s.lang, int(r, 3, 6), true)
    .map(
      (m) =>
        `<div class="flex flex-col gap-2 rounded-lg border p-4"><a class="font-semibold hover:underline" href="${m.href}">${esc(m.title)}</a><p class="text-sm text-gray-600">${esc(m.excerpt)}</p><span class="text-xs text-gray-400">${m.date}</span></div>`,
    )
    .join('');
  const comments = commentsFor(r, s.lang, int(r, 0, 4))
    .map(
      (k) =>
        `<div class="border-b py-3"><div class="flex gap-2 text-sm"><span class="font-bold">${k.user}</span><span class="text-gray-400">${k.date}</span></div><p class="mt-1">${esc(k.text)}</p><button class="text-xs text-blue-600">${c.reply}</button></div>`,
    )
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta charset="utf-8"><title>${esc(s.title)} | Example</title><meta property="og:title" content="${esc(s.title)}"><link rel="stylesheet" href="/assets/app-${hex(r, 8)}.css"></head>
<body class="bg-white antialiased"><div class="min-h-screen"><div class="sticky top-0 z-50 border-b bg-white"><div class="mx-auto flex max-w-6xl items-center justify-between px-4 py-3"><a class="text-xl font-bold" href="/">Example</a>
<div class="hidden gap-4 md:flex">${b.nav.map((n) => `<a class="text-sm hover:text-blue-600" href="/c/${encodeURIComponent(n)}">${esc(n)}</a>`).join('')}</div></div></div>
<div class="mx-auto grid max-w-6xl grid-cols-12 gap-8 px-4 py-8"><div class="col-span-12 lg:col-span-8">
<div class="mb-2 text-sm text-blue-600">${esc(pick(r, b.nav))}</div><h1 class="mb-4 text-3xl font-bold">${esc(s.title)}</h1>
${s.lead ? `<div class="mb-6 text-lg text-gray-700">${esc(s.lead)}</div>` : ''}
<div class="mb-6 flex gap-3 text-sm text-gray-500"><span>${s.author}</span><span>${t.hh}:${t.mi}, ${t.d}.${t.mo}.${t.y}</span></div>
<img class="mb-2 w-full rounded" src="/img/${hex(r, 8)}.jpg" alt=""><div class="mb-6 text-xs text-gray-500">${esc(pick(r, b.subjects))}</div>
<div class="max-w-none">${body.join('\n')}</div>
${shareLinks(r, (i) => `<div class="my-6 flex gap-2">${i}</div>`)}
<div class="mt-10"><div class="mb-4 text-xl font-bold">${c.related}</div><div class="grid grid-cols-2 gap-4">${cards}</div></div>
<div class="mt-10"><div class="mb-4 text-xl font-bold">${c.comments}</div>${comments}<textarea class="w-full border"></textarea></div></div>
<div class="col-span-12 lg:col-span-4"><div class="rounded bg-gray-50 p-4"><div class="mb-3 font-bold">${c.popular}</div>${teasers(
      r,
      s.lang,
      6,
      false,
    )
      .map((m) => `<a class="block border-b py-2 text-sm" href="${m.href}">${esc(m.title)}</a>`)
      .join('')}</div>
<div class="mt-6 rounded bg-blue-50 p-4 text-sm">${esc(c.subscribe)}<input class="mt-2 w-full" type="email"></div></div></div>
<div class="border-t bg-gray-900 py-8 text-gray-300"><div class="mx-auto max-w-6xl px-4 text-sm"><p>${esc(c.about)}</p><p>${esc(pick(r, b.footer))}</p></div></div></div>${analytics(r)}</body></html>`,
  };
}

export function dle(r: R, s: TemplateStory): { url: string; html: string } {
  const c = chromeFor(s.lang);
  const b = bankFor(s.lang);
  const id = int(r, 1000, 99999);
  const url = `https://kz.example.net/${id}-${s.slug}.html`;
  const t = astana(s.publishedAt);
  const text = renderBlocks(s, (p) => `${p}<br><br>`).join('\n');
  const related = teasers(r, s.lang, int(r, 3, 5), false)
    .map((m) => `<li><a href="${m.href}.html">${esc(m.title)}</a></li>`)
    .join('');
  const comments = commentsFor(r, s.lang, int(r, 0, 4))
    .map(
      (k, i) =>
        `<div id="comment-id-${i}"><div class="comm-head"><b>${k.user}</b> ${k.date}</div><div class="comm-body"><div id="comm-${i}">${esc(k.text)}</div></div><div class="comm-foot"><a href="#">${c.reply}</a></div></div>`,
    )
    .join('');
  return {
    url,
    html: `<!DOCTYPE html><html lang="${htmlLang(s.lang)}"><head><meta charset="utf-8"><title>${esc(s.title)} » KZ Portal</title><meta name="description" content="${esc(s.title)}"><meta property="og:type" content="article"></head>
<body><div class="wrap"><div class="head"><a class="logo" href="/">KZ Portal</a><ul class="hmenu">${b.nav.map((n) => `<li><a href="/${encodeURIComponent(n)}/">${esc(n)}</a></li>`).join('')}</ul></div>
<div class="cols"><div class="lcol"><div class="block"><div class="block-title">${c.popular}</div>${teasers(
      r,
      s.lang,
      8,
      false,
    )
      .map((m) => `<a class="top-item" href="${m.href}">${esc(m.title)}</a>`)
      .join('')}</div></div>
<div class="ccol"><div class="speedbar"><a href="/">${c.home}</a> » ${esc(s.title)}</div>
<div class="full-story"><h1>${esc(s.title)}</h1><div class="finfo"><span>${t.d}.${t.mo}.${t.y}, ${t.hh}:${t.mi}</span> <span>${int(r, 10, 9000)}</span></div>
<div class="ftext">${s.lead ? `<b>${esc(s.lead)}</b><br><br>\n` : ''}<div style="text-align:center;"><img src="/uploads/posts/${hex(r, 6)}.jpg" alt="${esc(s.title)}"></div>${text}</div>
<div class="fshare">${shareLinks(r, (i) => i)}</div>
<div class="frel"><div class="frel-title">${c.related}</div><ul>${related}</ul></div>
<div class="fcomms"><div class="fcomms-title">${c.comments}</div>${comments}<form method="post"><textarea name="comments"></textarea></form></div></div></div>
<div class="rcol"><div class="block"><div class="block-title">${c.other}</div>${teasers(r, s.lang, 6, true)
      .map(
        (m) =>
          `<div class="short"><a href="${m.href}">${esc(m.title)}</a><div class="short-text">${esc(m.excerpt)}</div></div>`,
      )
      .join('')}</div></div></div>
<div class="foot">${esc(c.about)} ${esc(c.cookies)}</div></div>${analytics(r)}</body></html>`,
  };
}
