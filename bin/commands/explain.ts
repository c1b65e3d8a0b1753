import type { Command } from 'commander';
import type { StoredItem } from '../../functions/domain/model';
import { openTarget, reportFailure } from './query';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .argument('<id>', 'an item id, as `kzmon query` lists it')
    .description('Show why an item was flagged: its categories, scores, topics, people, event type and evidence')
    .option('--json', 'the stored record as JSON')
    .option('--api <url>', 'ask a deployed API (SigV4-signed) instead of the local store')
    .action(async (id: string, opts: { json?: boolean; api?: string }) => {
      const target = await openTarget(opts.api);
      try {
        const res = await target.get(`/items/${encodeURIComponent(id)}`, {});
        if (res.status !== 200) return reportFailure(res, opts.api);
        const item = res.body as StoredItem;
        process.stdout.write(opts.json ? `${JSON.stringify(item, null, 2)}\n` : `${formatExplanation(item)}\n`);
      } finally {
        await target.close();
      }
    });
}

export function formatExplanation(item: StoredItem): string {
  const c = item.classification;
  const lines = [
    item.title,
    item.url,
    `published ${item.publishedAt}  source ${item.sourceId}  language ${item.language}  story ${item.storyId}`,
    '',
    `categories  ${c.categories.join(', ') || '(none)'}`,
    `scores      ${Object.entries(c.scores)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `topics      ${c.topics.join(', ') || '(none)'}`,
    `people      ${c.people.join(', ') || '(none)'}`,
    `event       ${c.eventType}`,
    '',
    'evidence (strongest first):',
  ];
  const evidence = [...c.evidence].sort((a, b) => b.weight - a.weight);
  if (evidence.length === 0) lines.push('  (none recorded)');
  for (const e of evidence) {
    const weight = (e.weight >= 0 ? '+' : '') + e.weight.toFixed(1);
    lines.push(`  ${weight.padStart(5)}  ${e.label.padEnd(24)}  ${JSON.stringify(e.text)}`);
  }
  return lines.join('\n');
}
