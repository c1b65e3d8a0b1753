/**
 * The bad-input catalogue: each hostile or broken input is refused (or neutralised) with a clear logged
 * reason, and the 40 ordinary items served beside them all arrive as usual. One row per case.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { StoredItem } from '../../functions/domain/model';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { type SourceDefinition, parseSources } from '../../functions/domain/sources/definitions';
import { govkzItemUrl } from '../../functions/domain/sources/govkz-news';
import { HttpClient } from '../../functions/adapters/http-client';
import { type LocalCycleResult, runLocalCycle } from '../../functions/local/local-cycle';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { type GenArticle, escapeXml, renderArticlePage, renderRss, type RssItemSpec } from './harness/corpus';
import { type BuiltFeeds, buildFeeds } from './harness/feeds';
import { recordRow } from './harness/outcome-table';
import { type SourceServer, startSourceServer } from './harness/source-server';
import { RecordingPublisher, captureLog, idFor, rowFrom, tally, urlsIn } from './harness/world';

const NOW = new Date();
const HTML = 'text/html; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>http://x/</link><description>d</description>
<item><title>Kazakhstan and US &lol9;</title><link>/news/laughs-1</link></item></channel></rss>`;

/** Windows-1251 bytes for Cyrillic text (ASCII passes through). */
function cp1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0x2013) out.push(0x96);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

function relevantArticle(path: string, title: string, published = NOW.toISOString()): GenArticle {
  return {
    path,
    lang: 'en',
    title,
    // A lead of its own, so that story grouping never takes one case for a copy of another.
    lead: `${path.replace(/[^a-z0-9]+/gi, ' ')} ${title.split(' ').reverse().join(' ')}`,
    paragraphs: [
      'ASTANA. KAZINFORM – Kazakhstan and the United States signed a memorandum on critical minerals, the Kazakh Foreign Ministry said after talks with the US State Department in Washington.',
      `The Kazakh and American delegations agreed that the programme will run for three years. Case ${path}.`,
    ],
    published,
    relevant: true,
  };
}

type Case = {
  name: string;
  /**
   * true: must be stored and alerted once (neutralised); false: never stored nor alerted; 'either':
   * refused with a logged reason, or stored correctly (`expectTitle`, no U+FFFD) with a logged warning.
   */
  accepted: boolean | 'either';
  expectTitle?: string;
  /** A host the client must never contact. */
  forbiddenHost?: string;
  /** What a log line about this case must say. */
  reason: RegExp;
  url?: string;
};

describe('bad input catalogue', () => {
  let server: SourceServer;
  let dynamo: LocalDynamo;
  let store: MonitorStore;
  let control: BuiltFeeds;
  let outbox: string;
  let result: LocalCycleResult;
  const log = captureLog();
  let publisher: RecordingPublisher;
  const cases: Case[] = [];
  const contacted: string[] = [];
  const restore: (() => void)[] = [];
  let seconds = 0;

  beforeAll(async () => {
    server = await startSourceServer();
    dynamo = await startLocalDynamo();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    outbox = mkdtempSync(join(tmpdir(), 'kzmon-faults-outbox-'));
    const o = server.origin;
    control = buildFeeds(
      server,
      [{ id: 'bi-control', kind: 'rss', lang: 'en', count: 40, relevantShare: 0.3, seed: 31 }],
      NOW,
    );

    const items: RssItemSpec[] = [];
    const page = (a: GenArticle) => {
      server.routes.set(a.path, { kind: 'body', type: HTML, body: renderArticlePage(a, o), etag: false });
      items.push({
        title: a.title,
        link: `${o}${a.path}`,
        pubDate: new Date(a.published).toUTCString(),
        description: a.lead,
      });
      return `${o}${a.path}`;
    };

    // Invalid UTF-8 inside a relevant article that says it is UTF-8.
    {
      const a = relevantArticle('/news/bad-utf8-4f1a2b', 'Kazakhstan and United States sign BADUTF8 accord');
      const bad = Buffer.from([0xc3, 0x28, 0xff, 0xfe]).toString('latin1');
      const broken = Buffer.from(
        renderArticlePage(a, o).replaceAll('BADUTF8', `${bad}BADUTF8`).replace('</p>', `${bad}</p>`),
        'latin1',
      );
      server.routes.set(a.path, { kind: 'body', type: HTML, body: broken, etag: false });
      items.push({ title: a.title, link: `${o}${a.path}`, pubDate: NOW.toUTCString() });
      cases.push({
        name: 'invalid UTF-8 in an article',
        accepted: 'either',
        expectTitle: 'Kazakhstan and United States sign BADUTF8 accord',
        reason: /utf-?8|encod|decod|charset|invalid byte/i,
        url: `${o}${a.path}`,
      });
    }
    // A Russian article in Windows-1251 whose header claims UTF-8.
    {
      const a: GenArticle = {
        path: '/ru/bad-charset-5c2d3e',
        lang: 'ru',
        title: 'Казахстан и США подписали соглашение о критических минералах',
        lead: 'Астана и Вашингтон договорились о новой программе.',
        paragraphs: [
          'АСТАНА. КАЗИНФОРМ – Казахстан и Соединенные Штаты Америки подписали соглашение о критических минералах, сообщили в МИД Казахстана после переговоров с Государственным департаментом США в Вашингтоне.',
        ],
        published: NOW.toISOString(),
        relevant: true,
      };
      server.routes.set(a.path, {
        kind: 'body',
        type: HTML,
        body: cp1251(renderArticlePage(a, o).replace('charset="utf-8"', '')),
        etag: false,
      });
      items.push({ title: a.title, link: `${o}${a.path}`, pubDate: NOW.toUTCString() });
      cases.push({
        name: 'wrong declared charset (cp1251 sent as UTF-8)',
        accepted: 'either',
        expectTitle: a.title,
        reason: /charset|encod|decod|utf-?8/i,
        url: `${o}${a.path}`,
      });
    }
    // Markup and a script in a title: on the page (real elements) and in the feed (CDATA).
    {
      const a = relevantArticle(
        '/news/markup-title-6d3e4f',
        'Kazakhstan and United States sign MARKUP accord',
      );
      const html = renderArticlePage(a, o)
        .replace(
          `<h1 class="article__title">${escapeXml(a.title)}</h1>`,
          '<h1 class="article__title"><b>Kazakhstan</b> and <i>United States</i> sign MARKUP accord<script>alert(1)</script><img src=x onerror=alert(2)></h1>',
        )
        .replace(
          /<meta property="og:title"[^>]*>/,
          '<meta property="og:title" content="&lt;script&gt;alert(3)&lt;/script&gt;Kazakhstan and United States sign MARKUP accord">',
        );
      server.routes.set(a.path, { kind: 'body', type: HTML, body: html, etag: false });
      items.push({
        raw: `<item><title><![CDATA[<b>Kazakhstan</b> and United States sign MARKUP accord<script>alert(4)</script>]]></title><link>${o}${a.path}</link><pubDate>${NOW.toUTCString()}</pubDate></item>`,
        link: null,
      });
      cases.push({
        name: 'title with <script> and HTML (article page)',
        accepted: true,
        reason: /./,
        url: `${o}${a.path}`,
      });
    }
    // A link to a host off the allowlist.
    items.push({
      title: 'Kazakhstan and United States sign OFFLIST accord',
      link: 'https://evil.example.com/news/offlist-7e4f5a',
      pubDate: NOW.toUTCString(),
    });
    cases.push({
      name: 'link to a host off the allowlist',
      accepted: false,
      forbiddenHost: 'evil.example.com',
      reason: /allowlist|evil\.example\.com/i,
      url: 'https://evil.example.com/news/offlist-7e4f5a',
    });
    // Redirects to the cloud metadata address and to a private address.
    for (const [slug, target] of [
      ['redirect-metadata-8f5a6b', 'https://169.254.169.254/latest/meta-data/iam/security-credentials/'],
      ['redirect-private-9a6b7c', 'https://10.0.0.5/admin'],
    ] as const) {
      server.routes.set(`/news/${slug}`, { kind: 'redirect', location: target });
      items.push({
        title: `Kazakhstan and United States sign ${slug} accord`,
        link: `${o}/news/${slug}`,
        pubDate: NOW.toUTCString(),
      });
      cases.push({
        name: `redirect to ${new URL(target).hostname}`,
        accepted: false,
        forbiddenHost: new URL(target).hostname,
        reason: new RegExp(
          `${new URL(target).hostname.replace(/\./g, '\\.')}|private|allowlist|refused`,
          'i',
        ),
        url: `${o}/news/${slug}`,
      });
    }
    // A 10 MB article (streamed, no Content-Length).
    server.routes.set('/news/ten-mb-0b7c8d', { kind: 'huge', bytes: 10 * 1024 * 1024, type: HTML });
    items.push({
      title: 'Kazakhstan and United States sign TENMB accord',
      link: `${o}/news/ten-mb-0b7c8d`,
      pubDate: NOW.toUTCString(),
    });
    cases.push({
      name: '10 MB article',
      accepted: false,
      reason: /cap|too large|exceed|bytes|size/i,
      url: `${o}/news/ten-mb-0b7c8d`,
    });
    // A feed item with no link.
    items.push({
      title: 'Kazakhstan and United States sign NOLINK accord',
      link: null,
      pubDate: NOW.toUTCString(),
    });
    cases.push({
      name: 'feed item with no link',
      accepted: false,
      reason: /no link|without (a )?link|missing link|NOLINK/i,
    });
    // Future and absurd dates: stored (the news is real) with the date clamped to the fetch time.
    for (const [slug, when, title] of [
      [
        'date-2099-1c8d9e',
        '2099-06-01T10:00:00.000Z',
        'Washington to open a trade office in Turkestan, Kazakh embassy reports',
      ],
      [
        'date-1900-2d9e0f',
        '1900-01-01T10:00:00.000Z',
        'Aktau port and Houston agree grain logistics pilot with Kazakhstan',
      ],
    ] as const) {
      const url = page(relevantArticle(`/news/${slug}`, title, when));
      cases.push({
        name: `publication date ${when.slice(0, 4)}`,
        accepted: true,
        reason: /date|publish|future|clamp/i,
        url,
      });
    }

    server.routes.set('/rss/bi-mixed.xml', {
      kind: 'body',
      type: RSS,
      body: renderRss(items, o, 'bi-mixed'),
    });
    server.routes.set('/rss/bi-laughs.xml', { kind: 'body', type: RSS, body: BILLION_LAUGHS });
    cases.push({
      name: 'XML entity expansion (billion laughs)',
      accepted: false,
      reason: /entit|DTD|DOCTYPE/i,
    });
    // A gov.kz item whose JSON title carries markup and a script (no page: the body comes inline).
    const mfaDef = parseSources([
      { id: 'bi-mfa', kind: 'govkz-news', language: 'en', url: o, project: 'bi-mfa' },
    ])[0] as Extract<SourceDefinition, { kind: 'govkz-news' }>;
    server.routes.set('govkz:bi-mfa:en', {
      kind: 'govkz',
      items: [
        {
          id: 777,
          title: '<b>Kazakhstan</b> and United States sign <script>alert(5)</script>APITITLE accord',
          short_description: '<p>Astana and Washington agreed.</p>',
          body: `<p>${relevantArticle('/x', 'x').paragraphs.join('</p><p>')}</p><script>alert(6)</script>`,
          created_date: NOW.toISOString(),
        },
      ],
    });
    cases.push({
      name: 'title with <script> and HTML (gov.kz API)',
      accepted: true,
      reason: /./,
      url: govkzItemUrl(mfaDef, 777),
    });

    const sources = [
      ...control.sources,
      ...parseSources([
        { id: 'bi-mixed', kind: 'rss', language: 'en', url: `${o}/rss/bi-mixed.xml` },
        { id: 'bi-laughs', kind: 'rss', language: 'en', url: `${o}/rss/bi-laughs.xml` },
      ]),
      mfaDef,
    ];
    const subscribers = parseSubscribers([
      { id: 'desk', email: 'desk@example.org' },
      { id: 'sms-desk', phone: '+15555550100' },
    ]);
    publisher = new RecordingPublisher(new OutboxPublisher(outbox, subscribers));
    // Every address the client opens a request to (http or https) is recorded, so a missing safeguard
    // shows as a contacted host; the client's ESM view of the builtins is re-synced after the patch.
    for (const name of ['node:http', 'node:https'] as const) {
      const lib = createRequire(__filename)(name) as typeof import('node:http');
      const original = lib.request;
      restore.push(() => {
        lib.request = original;
      });
      lib.request = ((...args: unknown[]) => {
        const first = args[0] as string | URL | { protocol?: string; hostname?: string; host?: string };
        contacted.push(
          typeof first === 'string' || first instanceof URL
            ? String(first)
            : `${first.protocol ?? 'http:'}//${first.hostname ?? first.host}/`,
        );
        return (original as (...a: unknown[]) => ReturnType<typeof lib.request>)(...args);
      }) as typeof lib.request;
    }
    syncBuiltinESMExports();
    const http = new HttpClient({
      allowedHosts: allowedHostsFor(sources),
      allowInsecureLocal: true,
      timeoutMs: 10_000,
      connectTimeoutMs: 3000,
    });
    const t0 = Date.now();
    result = await runLocalCycle({ sources, http, store, publisher, log, concurrency: 8 });
    seconds = (Date.now() - t0) / 1000;
  });
  afterAll(async () => {
    for (const undo of restore) undo();
    syncBuiltinESMExports();
    await server?.close();
    await dynamo?.close();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  });

  it('the ordinary items beside the bad ones all arrive, once', async () => {
    const t = await tally(store, control.expected, publisher.accepted);
    recordRow(rowFrom('bad input: 40 ordinary items beside them', t, 0, seconds));
    if (t.lostUrls.length > 0) console.error(result.items.filter((i) => t.lostUrls.includes(i.entry.url)));
    expect(t.lostUrls).toEqual([]);
    expect(t.duplicatedUrls).toEqual([]);
    expect(result.fetch.sources.find((s) => s.sourceId === 'bi-control')?.ok).toBe(true);
    expect(result.fetch.sources.find((s) => s.sourceId === 'bi-mixed')?.ok).toBe(true);
  });

  it('each bad input is refused or neutralised, with a clear logged reason', async () => {
    const logged = log.entries
      .filter((e) => e.level !== 'info' && e.level !== 'debug')
      .map((e) => ({ entry: e, text: `${e.message} ${JSON.stringify(e.extra)}` }));
    const health = await store.listSourceStates();
    // The recorder saw the client's requests (otherwise "never contacted" would prove nothing).
    expect(contacted.some((u) => u.includes('127.0.0.1'))).toBe(true);
    const failures: string[] = [];
    for (const c of cases) {
      const stored: StoredItem | null = c.url ? await store.getItem(idFor(c.url)) : null;
      const alerts = c.url ? publisher.accepted.filter((m) => urlsIn(m).includes(c.url!)).length : 0;
      const mentions = logged.filter(
        (l) =>
          (c.url ? l.text.includes(c.url) || l.text.includes(new URL(c.url).pathname) : true) &&
          c.reason.test(l.text),
      );
      const healthSays = c.name.startsWith('XML')
        ? (health.find((h) => h.sourceId === 'bi-laughs')?.lastError ?? '')
        : '';
      // The reason as the monitor logged it (the error it carried, else the message), for the refused column.
      const first = mentions[0]?.entry;
      const loggedReason = first
        ? String(first.extra.error ?? first.extra.reason ?? first.message)
        : c.reason.test(healthSays)
          ? healthSays
          : '';
      let lost = 0;
      let refused = 0;
      let problem = '';
      const forbidden = c.forbiddenHost
        ? contacted.filter((u) => new URL(u).hostname === c.forbiddenHost)
        : [];
      if (forbidden.length > 0) problem = `fetched a forbidden address: ${forbidden[0]}`;
      else if (c.accepted === 'either') {
        const clean =
          stored && stored.title === c.expectTitle && !`${stored.title}${stored.body}`.includes('\uFFFD');
        if (stored && !clean)
          problem = `stored damaged text: ${JSON.stringify(stored.title)}${stored.body.includes('\uFFFD') ? ' (U+FFFD in body)' : ''}`;
        else if (stored && alerts !== 1) problem = `stored but alerted ${alerts} times`;
        else if (mentions.length === 0)
          problem = stored ? 'repaired without a logged warning' : 'refused without a logged reason';
        // Not kept: a refusal when the reason is on record, a loss when nothing says why.
        if (!stored) {
          if (mentions.length > 0) refused = 1;
          else lost = 1;
        }
      } else if (c.accepted) {
        if (!stored || alerts === 0) {
          lost = 1;
          const alert = c.url ? await store.getAlert(idFor(c.url)) : null;
          problem = `stored ${Boolean(stored)}, alerts ${alerts} (alert record: ${alert ? `${alert.status}, storySeq ${alert.storySeq}` : 'none'})`;
        }
        if (stored && /<\/?[a-z][^>]*>|alert\(\d\)/i.test(stored.title))
          problem = `stored title keeps markup: ${stored.title}`;
        if (c.name.startsWith('publication date') && stored) {
          const t = Date.parse(stored.publishedAt);
          if (t > Date.now() + 86_400_000 || t < Date.parse('1991-01-01'))
            problem = `${problem ? `${problem}; ` : ''}stored publishedAt ${stored.publishedAt} not clamped`;
          else if (mentions.length === 0) problem = 'date clamped without a logged reason';
        }
      } else {
        if (stored || alerts > 0)
          problem = `not refused: stored ${Boolean(stored)}, alerts ${alerts}${stored ? `, title ${JSON.stringify(stored.title)}` : ''}`;
        else if (mentions.length === 0 && !c.reason.test(healthSays)) {
          problem = 'refused without a logged reason';
          lost = 1;
        } else refused = 1;
      }
      recordRow({
        scenario: `bad input: ${c.name}`,
        itemsIn: 1,
        stored: stored ? 1 : 0,
        relevant: stored ? 1 : 0,
        alertsSent: alerts,
        lost,
        refused,
        refusedReason: refused ? loggedReason.replace(/\s+/g, ' ').slice(0, 90) : undefined,
        duplicated: Math.max(0, alerts - 1),
        errorsReported: mentions.length + (healthSays && c.reason.test(healthSays) ? 1 : 0),
        seconds: 0,
        note: problem
          ? `FINDING: ${problem}`
          : stored
            ? mentions.length > 0
              ? 'kept, repaired; reason logged'
              : 'kept, neutralised'
            : undefined,
      });
      if (problem) failures.push(`${c.name}: ${problem}`);
    }

    // What subscribers received is plain text, never markup.
    const delivered = readdirSync(outbox, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.txt'))
      .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'));
    expect(delivered.length).toBeGreaterThan(0);
    for (const text of delivered) {
      if (/<script|<\/?b>|<img|onerror=|alert\(\d\)/i.test(text))
        failures.push(`outbox text keeps markup: ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});
