import { createHash } from 'node:crypto';
import { type SafeHtml, html, raw } from './html';

/**
 * One inline stylesheet, no external assets and no web fonts: the first paint needs nothing but the
 * HTML. The font stack is the platform's UI font, falling back to families that carry the Kazakh
 * Cyrillic letters (ә ғ қ ң ө ұ ү һ і) on every common system.
 */
export const STYLES = `
:root{--bg:#f6f7f9;--card:#fff;--text:#1b1f24;--muted:#59636e;--line:#d8dee4;--accent:#0b5cad;--accent-2:#e8f1fb;
--kzus:#7a3e00;--kzus-bg:#fff1e0;--c5:#05627a;--c5-bg:#e0f5fa;--chip:#eef1f4;--mark:#fff3a3;--ok:#1a7f37;--bad:#b42318;--bad-bg:#fdecea;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif;
font-size:16px;line-height:1.5;color:var(--text);background:var(--bg);color-scheme:light}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:2}
header.top{background:#0d2b45;color:#fff}
header.top .bar{max-width:64rem;margin:0 auto;padding:.6rem 1rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header.top .brand{font-weight:700;letter-spacing:.02em;color:#fff;text-decoration:none;font-size:1.1rem}
header.top .brand span{color:#8cc8ff;font-weight:400}
header.top nav{display:flex;gap:1rem}
header.top nav a{color:#d6e8fa;text-decoration:none;padding:.2rem 0;border-bottom:2px solid transparent}
header.top nav a[aria-current=page]{color:#fff;border-bottom-color:#8cc8ff}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.filters{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem;margin-bottom:1rem;
display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.6rem .8rem;align-items:end}
.filters .wide{grid-column:1/-1}
.filters label{display:block;font-size:.8rem;font-weight:600;color:var(--muted);margin-bottom:.15rem}
.filters input,.filters select{width:100%;font:inherit;font-size:.95rem;padding:.4rem .5rem;border:1px solid #aab4be;border-radius:6px;background:#fff;color:var(--text)}
.filters .actions{display:flex;gap:.8rem;align-items:center;grid-column:span 2}
button{font:inherit;font-weight:600;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.45rem 1rem;cursor:pointer}
.reset{font-size:.9rem}
.summary{color:var(--muted);font-size:.9rem;margin:.25rem 0 .75rem;overflow-wrap:anywhere}
ol.items{list-style:none;margin:0;padding:0;display:grid;gap:.7rem}
.item{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem}
.item h2{font-size:1.05rem;margin:0 0 .3rem;font-weight:650;line-height:1.35;overflow-wrap:anywhere}
.item h2 a{text-decoration:none;color:var(--text)}
.item h2 a:hover{text-decoration:underline;color:var(--accent)}
.meta{color:var(--muted);font-size:.88rem;display:flex;flex-wrap:wrap;gap:.2rem .9rem;margin:.15rem 0 .45rem}
.lang{font-weight:700;font-size:.75rem;border:1px solid var(--line);border-radius:4px;padding:0 .3rem;color:var(--text)}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin:.3rem 0;padding:0;list-style:none}
.chip{font-size:.8rem;border-radius:999px;padding:.05rem .55rem;background:var(--chip);color:#333b44;white-space:nowrap}
.chip.cat-kz-us{background:var(--kzus-bg);color:var(--kzus);font-weight:600}
.chip.cat-c5plus1{background:var(--c5-bg);color:var(--c5);font-weight:600}
.chip.person{background:#f1ecfb;color:#4b2a8a}
.why{font-size:.88rem;font-weight:600}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1.2rem 0;flex-wrap:wrap}
.pager a{font-weight:600}
.notice{border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.notice.error{background:var(--bad-bg);color:#7a1a10;border:1px solid #f3b5ad}
.notice.empty{background:var(--card);border:1px dashed var(--line);color:var(--muted)}
.chart{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.6rem .8rem .2rem;margin:0 0 1rem}
.chart svg{display:block;width:100%;height:auto}
.chart figcaption{margin:.2rem 0 .4rem}
.notice.demo{background:#fff8e1;border:1px solid #f0d98a;color:#5c4400;margin-top:0}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 18rem;gap:1.2rem;align-items:start}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin-bottom:1rem}
.panel h2{margin-top:0;font-size:1rem}
.article{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.3rem;font-size:1.02rem;line-height:1.65}
.article p{margin:0 0 .9rem;overflow-wrap:anywhere}
.article .lead{font-weight:600}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px;box-shadow:0 1px 0 #e0c200}
.score{display:grid;grid-template-columns:7.5rem 1fr 2.5rem;gap:.5rem;align-items:center;font-size:.9rem;margin:.3rem 0}
.score meter{width:100%;height:.7rem}
.score b{text-align:right;font-variant-numeric:tabular-nums}
ul.evidence{margin:0;padding:0;list-style:none;font-size:.88rem}
ul.evidence li{padding:.4rem 0;border-top:1px solid var(--line)}
ul.evidence li:first-child{border-top:0}
.evlabel{font-weight:700;font-size:.75rem;color:var(--muted);display:block}
ul.copies{margin:0;padding:0;list-style:none;font-size:.9rem}
ul.copies li{padding:.35rem 0;border-top:1px solid var(--line)}
ul.copies li:first-child{border-top:0}
.status{font-weight:700}
.status.ok{color:var(--ok)}.status.bad{color:var(--bad)}.status.wait{color:#8a5a00}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top;font-size:.92rem}
thead th{background:#eef2f6;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
tbody th{font-weight:650}
caption{text-align:left;padding:.6rem .7rem}
td.num{font-variant-numeric:tabular-nums;text-align:right}
.why-error{color:var(--bad);overflow-wrap:anywhere}
footer{max-width:64rem;margin:1rem auto 2rem;padding:0 1rem;color:var(--muted);font-size:.8rem}
@media (max-width:48rem){
 header.top .brand span{display:block;font-size:.8rem}
 .filters{grid-template-columns:repeat(2,minmax(0,1fr))}
 .cols{grid-template-columns:1fr}
 main{padding:.75rem}
 h1{font-size:1.25rem}
 .article{padding:.8rem .9rem}
 table,thead,tbody,tr,th,td{display:block}
 thead{position:absolute;left:-9999px}
 tr{border-bottom:2px solid var(--line)}
 td{border:0;padding:.25rem .7rem}
 td::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
 td.num{text-align:left}
}
`
  .replace(/\n/g, '')
  .trim();

/** For the Content-Security-Policy: only this exact stylesheet may apply, and no script may run. */
export const STYLES_HASH = `sha256-${createHash('sha256').update(STYLES).digest('base64')}`;

export type Section = 'items' | 'sources' | 'none';

/** What every page says about the store it shows. */
export interface PageChrome {
  /** e.g. "the demo's store", "the deployed store at https://…". */
  storeLabel?: string;
  /** The demo's sample data: a banner says so on every page. */
  demo?: boolean;
}

export function page(options: { title: string; section: Section; body: SafeHtml; chrome?: PageChrome }): string {
  const chrome = options.chrome ?? {};
  const cur = (s: Section) => (options.section === s ? raw(' aria-current="page"') : '');
  return `<!DOCTYPE html>${html`<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${options.title} · kzmon</title>
<style>${raw(STYLES)}</style>
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><div class="bar"><a class="brand" href="/">kzmon <span>Kazakhstan–US · C5+1 monitor</span></a>
<nav aria-label="Sections"><a href="/"${cur('items')}>Items</a><a href="/sources"${cur('sources')}>Sources</a></nav></div></header>
<main id="main">${chrome.demo ? html`<p class="notice demo" role="note"><strong>Demo data.</strong> These items come from the bundled sample sources that <code>kzmon demo</code> reads, not from the live sites.</p>` : ''}${options.body}</main>
<footer>Times and dates are Astana time (UTC+5). Data from ${chrome.storeLabel ?? 'the local kz-news-monitor store'}.</footer>
</body></html>`}`;
}
