/**
 * `kzmon explain ID`: why an item was flagged — its decision, its English gist and the evidence behind
 * it, category evidence first, each sentence once. ID is an item id as `kzmon query` lists it, or a
 * unique beginning of one (at least 4 hex digits). Exit codes: 0 shown; 1 no such item, or the beginning
 * fits several; 2 not an item id.
 */
import type { Command } from 'commander';
import { evidenceBySentence } from '../../functions/domain/classification/explanation';
import { itemGist } from '../../functions/domain/classification/gist';
import type { StoredItem } from '../../functions/domain/model';
import type { ItemPage, ItemSummary } from '../../functions/domain/ports';
import { MAX_LIMIT } from '../../functions/domain/query/query-params';
import { astanaTime } from './cli-support';
import { openTarget, type QueryTarget, type RouteAnswer, reportFailure } from './query';

export const EXPLAIN_EXIT = { ok: 0, notFound: 1, usage: 2 } as const;

const ID_OR_PREFIX = /^[0-9a-f]{4,64}$/;
/** The shortest id the item route takes; a shorter beginning is looked up in the listing only. */
const MIN_FULL_ID = 6;
/** Enough candidates to show that a beginning is ambiguous. */
const SHOWN_CANDIDATES = 5;

export type Lookup =
  | { kind: 'found'; item: StoredItem }
  | { kind: 'none' }
  | { kind: 'many'; candidates: ItemSummary[]; more: boolean }
  | { kind: 'failed'; answer: RouteAnswer };

/** The items whose id starts with `prefix`, reading the listing page by page (newest first). */
async function itemsStartingWith(target: QueryTarget, prefix: string): Promise<ItemSummary[] | RouteAnswer> {
  const found: ItemSummary[] = [];
  let cursor: string | undefined;
  do {
    const res = await target.get('/items', { limit: String(MAX_LIMIT), cursor });
    if (res.status !== 200) return res;
    const page = res.body as ItemPage;
    for (const i of page.items) if (i.itemId.startsWith(prefix)) found.push(i);
    cursor = page.cursor;
  } while (cursor && found.length <= SHOWN_CANDIDATES);
  return found;
}

/** Finds the item with id `id`, or the one item whose id starts with it. */
export async function lookUpItem(target: QueryTarget, id: string): Promise<Lookup> {
  if (id.length >= MIN_FULL_ID) {
    const res = await target.get(`/items/${encodeURIComponent(id)}`, {});
    if (res.status === 200) return { kind: 'found', item: res.body as StoredItem };
    if (res.status !== 404) return { kind: 'failed', answer: res };
  }
  const matches = await itemsStartingWith(target, id);
  if (!Array.isArray(matches)) return { kind: 'failed', answer: matches };
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length > 1) {
    return {
      kind: 'many',
      candidates: matches.slice(0, SHOWN_CANDIDATES),
      more: matches.length > SHOWN_CANDIDATES,
    };
  }
  const res = await target.get(`/items/${encodeURIComponent(matches[0].itemId)}`, {});
  return res.status === 200
    ? { kind: 'found', item: res.body as StoredItem }
    : { kind: 'failed', answer: res };
}

/** Where the answer came from, in words: "the local store", "the demo store", "the API at URL". */
function storeName(target: QueryTarget, api: string | undefined): string {
  if (api) return `the API at ${api}`;
  const label = (target as { label?: unknown }).label;
  return typeof label === 'string' && label ? label : 'the local store';
}

/** What a lookup that found nothing to show tells the user. */
export function lookupMessage(id: string, lookup: Lookup, where: string): string {
  if (lookup.kind === 'many') {
    const list = lookup.candidates.map((i) => `  ${i.itemId}  ${i.title}`);
    const count = lookup.more ? `more than ${lookup.candidates.length}` : String(lookup.candidates.length);
    return [`${count} items in ${where} have an id starting with ${id}; give more of the id:`, ...list].join(
      '\n',
    );
  }
  return `no item with id ${id} in ${where} (\`kzmon query\` lists the ids)`;
}

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .argument(
      '<id>',
      'an item id, as `kzmon query` lists it, or a unique beginning of one (4 hex digits or more)',
    )
    .description(
      'Show why an item was flagged: its categories, scores, topics, people, event type, English gist and evidence',
    )
    .option('--json', 'the stored record as JSON')
    .option('--api <url>', 'ask a deployed API (SigV4-signed) instead of the local store')
    .addHelpText(
      'after',
      '\nThe publication time is Astana time (UTC+5), as in `kzmon query`, the web view and the emails.\nExit codes: 0 shown; 1 no such item, or the beginning fits several; 2 not an item id.',
    )
    .action(async (rawId: string, opts: { json?: boolean; api?: string }) => {
      const id = rawId.trim().toLowerCase();
      if (!ID_OR_PREFIX.test(id)) {
        process.stderr.write(
          `kzmon explain: "${rawId}" is not an item id: 4 to 64 hex digits, as \`kzmon query\` lists them\n`,
        );
        process.exitCode = EXPLAIN_EXIT.usage;
        return;
      }
      const target = await openTarget(opts.api);
      try {
        const lookup = await lookUpItem(target, id);
        if (lookup.kind === 'failed') return reportFailure(lookup.answer, opts.api);
        if (lookup.kind !== 'found') {
          process.stderr.write(`kzmon explain: ${lookupMessage(id, lookup, storeName(target, opts.api))}\n`);
          process.exitCode = EXPLAIN_EXIT.notFound;
          return;
        }
        const item = lookup.item;
        process.stdout.write(
          opts.json ? `${JSON.stringify(item, null, 2)}\n` : `${formatExplanation(item)}\n`,
        );
      } finally {
        await target.close();
      }
    });
}

const signed = (weight: number) => `${weight >= 0 ? '+' : ''}${Math.round(weight * 1000) / 1000}`;

export function formatExplanation(item: StoredItem): string {
  const c = item.classification;
  const lines = [
    item.title,
    item.url,
    `published ${astanaTime(item.publishedAt)}  source ${item.sourceId}  language ${item.language}  story ${item.storyId}`,
    '',
    `gist        ${itemGist(item)}`,
    `categories  ${c.categories.join(', ') || '(none)'}`,
    `scores      ${Object.entries(c.scores)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `topics      ${c.topics.join(', ') || '(none)'}`,
    `people      ${c.people.join(', ') || '(none)'}`,
    `event       ${c.eventType}`,
    '',
    'evidence (what decided the categories, strongest first; then topics, event type and people; each sentence once):',
  ];
  const sentences = evidenceBySentence(c.evidence);
  if (sentences.length === 0) lines.push('  (none recorded)');
  for (const s of sentences) {
    lines.push(`  ${s.labels.map((l) => `${l.label} ${signed(l.weight)}`).join(' · ')}`);
    lines.push(`      ${JSON.stringify(s.text)}`);
  }
  return lines.join('\n');
}
