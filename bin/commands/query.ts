import type { Command } from 'commander';
import { routeQuery } from '../../functions/domain/query/query-routes';
import type { ItemPage, ItemSummary } from '../../functions/domain/ports';
import { openLocalStore } from './local-env';

interface QueryOptions {
  category?: string;
  topic?: string;
  source?: string;
  lang?: string;
  since?: string;
  until?: string;
  text?: string;
  limit?: string;
  json?: boolean;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('List stored relevant items, newest first, from the local store')
    .option('--category <category>', 'kz-us or c5plus1')
    .option('--topic <topic>', 'one of the fixed topics, e.g. energy')
    .option('--source <id>', 'a source id, e.g. kazinform-en')
    .option('--lang <lang>', 'en, ru or kk')
    .option('--since <date>', 'ISO date or instant (inclusive)')
    .option('--until <date>', 'ISO date or instant (inclusive)')
    .option('--text <q>', 'only items whose title or body contains this text')
    .option('--limit <n>', 'items per page', '50')
    .option('--json', 'JSON Lines output')
    .action(async (opts: QueryOptions) => {
      const local = await openLocalStore();
      try {
        const res = await routeQuery(local.store, '/items', {
          category: opts.category,
          topic: opts.topic,
          source: opts.source,
          lang: opts.lang,
          since: opts.since,
          until: opts.until,
          q: opts.text,
          limit: opts.limit,
        });
        if (res.status !== 200) {
          process.stderr.write(`${(res.body as { message: string }).message}\n`);
          process.exitCode = 2;
          return;
        }
        const page = res.body as ItemPage;
        if (opts.json) for (const i of page.items) process.stdout.write(`${JSON.stringify(i)}\n`);
        else process.stdout.write(`${formatTable(page.items)}\n`);
      } finally {
        await local.close();
      }
    });
}

export function formatTable(items: ItemSummary[]): string {
  if (items.length === 0) return 'No items.';
  const rows = items.map((i) => [
    i.publishedAt.slice(0, 16).replace('T', ' '),
    i.categories.join(','),
    i.sourceId,
    i.language,
    i.title.length > 70 ? `${i.title.slice(0, 69)}…` : i.title,
    i.itemId,
  ]);
  const header = ['published (UTC)', 'categories', 'source', 'lang', 'title', 'id'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...r[c]!].length)));
  const fmt = (r: string[]) => r.map((v, c) => v + ' '.repeat(widths[c]! - [...v].length)).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}
