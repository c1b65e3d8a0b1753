import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkWebhookUrl } from '../../functions/adapters/webhook-client';
import {
  addSubscriber,
  publicView,
  removeSubscriber,
  sendTestAlert,
} from '../../functions/domain/alerts/subscriber-admin';
import {
  type StoredSubscriber,
  addressOf,
  channelOf,
  parseSubscribers,
} from '../../functions/domain/alerts/subscribers';
import { canonicalCategory } from '../../functions/domain/query/query-params';
import { consoleLog } from '../../functions/local/console-log';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { type ApiClient, createApiClient } from './api-client';
import { EXIT_CODES_HELP, UsageError } from './cli-support';
import { channelDeps, deliveryStoreOf } from './delivery-env';
import { openLocalStore, outboxDir } from './local-env';

interface AddOptions {
  id: string;
  email?: string;
  phone?: string;
  telegram?: string;
  webhook?: string;
  secret?: string;
  digestEmail?: string;
  categories?: string;
  topics?: string;
  languages?: string;
  minScore?: string;
  delivery?: string;
  api?: string;
}

const list = (v?: string) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

/** The subscriber the options describe, before validation (the domain's schema says what is wrong). */
export function subscriberFromOptions(o: AddOptions): Record<string, unknown> {
  const minScore = o.minScore === undefined ? undefined : Number(o.minScore);
  return Object.fromEntries(
    Object.entries({
      id: o.id,
      email: o.email,
      phone: o.phone,
      telegram: o.telegram,
      webhook: o.webhook,
      secret: o.secret,
      digestEmail: o.digestEmail,
      // Names as people write them, as `kzmon query` takes them: any case, KZ-US and C5+1 too.
      categories: list(o.categories)?.map(canonicalCategory),
      topics: list(o.topics)?.map((t) => t.toLowerCase()),
      languages: list(o.languages)?.map((l) => l.toLowerCase()),
      minScore,
      delivery: o.delivery,
    }).filter(([, v]) => v !== undefined),
  );
}

function formatList(subscribers: StoredSubscriber[]): string {
  if (subscribers.length === 0)
    return 'No subscribers. Add one with `kzmon subscribers add --id ID --email ADDR`.';
  return subscribers
    .map((s) => {
      const filter = [
        s.categories.join('+'),
        s.topics?.length ? `topics ${s.topics.join(',')}` : '',
        s.languages?.length ? `lang ${s.languages.join(',')}` : '',
        s.minScore ? `score ≥ ${s.minScore}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const pending = (s as { pendingConfirmation?: boolean }).pendingConfirmation
        ? '  (not confirmed yet)'
        : '';
      return `${s.id.padEnd(20)} ${channelOf(s).padEnd(8)} ${s.delivery.padEnd(7)} ${addressOf(s)}  [${filter}]${pending}`;
    })
    .join('\n');
}

async function remote<T>(
  api: string,
  call: (client: ApiClient) => Promise<{ status: number; body: unknown }>,
): Promise<T> {
  const res = await call(createApiClient({ baseUrl: api }));
  if (res.status >= 400) {
    const message = (res.body as { message?: string })?.message ?? JSON.stringify(res.body);
    throw new Error(`the API at ${api} answered HTTP ${res.status}: ${message}`);
  }
  return res.body as T;
}

function send(client: ApiClient, method: 'POST' | 'DELETE', path: string, body?: unknown) {
  if (!client.send) throw new Error('this API client cannot send');
  return client.send(method, path, body);
}

/** Runs `fn` with the local store's subscriber admin; the local store has no SNS. */
async function withLocal<T>(fn: (ctx: Awaited<ReturnType<typeof openAdmin>>) => Promise<T>): Promise<T> {
  const ctx = await openAdmin();
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

async function openAdmin() {
  const local = await openLocalStore({ kind: 'live' });
  const store = deliveryStoreOf(local);
  const log = consoleLog(false);
  return {
    store,
    log,
    outbox: outboxDir(local.kind),
    admin: { store, log, checkWebhook: (url: string) => checkWebhookUrl(url, { allowLocal: true }) },
    close: () => local.close(),
  };
}

export function registerSubscribersCommand(program: Command): void {
  const cmd = program
    .command('subscribers')
    .description(
      'Manage who gets alerts: in the local store, or with --api URL the deployed monitor (SNS subscriptions made and deleted for email and SMS)',
    );
  registerAdd(cmd);
  registerList(cmd);
  registerRemove(cmd);
  registerTest(cmd);
  registerImport(cmd);
  for (const c of [cmd, ...cmd.commands]) c.addHelpText('after', `\n${EXIT_CODES_HELP}`);
}

function registerAdd(cmd: Command): void {
  cmd
    .command('add')
    .description('Add a subscriber with one channel and a filter')
    .requiredOption('--id <id>', 'a name for this subscriber (letters, digits, - and _)')
    .option('--email <address>', 'alerts by email (SNS asks the address to confirm)')
    .option('--phone <e164>', 'alerts by SMS, e.g. +15555550100')
    .option('--telegram <chatId>', 'alerts from the bot to this Telegram chat id or @channel')
    .option('--webhook <url>', 'alerts POSTed as signed JSON to this https URL')
    .option('--secret <secret>', 'the webhook signing secret (at least 16 characters)')
    .option(
      '--digest-email <address>',
      'SMS subscribers: where alerts over the monthly SMS cap go (next digest)',
    )
    .option(
      '--categories <list>',
      'comma-separated: kz-us,c5plus1 (any case; KZ-US and C5+1 work too; default: both)',
    )
    .option('--topics <list>', 'comma-separated topics (default: any)')
    .option('--languages <list>', 'comma-separated: en,ru,kk (default: any)')
    .option('--min-score <n>', 'only items scoring at least this (0–1)')
    .option('--delivery <mode>', 'instant or daily', 'instant')
    .option('--api <url>', 'the deployed API instead of the local store')
    .action(async (o: AddOptions) => {
      const input = subscriberFromOptions(o);
      if (o.api) {
        const body = await remote<{ subscriber: StoredSubscriber }>(o.api, (c) =>
          send(c, 'POST', '/subscribers', input),
        );
        process.stdout.write(
          `Added ${body.subscriber.id} (${channelOf(body.subscriber)}) to ${o.api}${channelOf(body.subscriber) === 'email' ? '; SNS has emailed a confirmation link' : ''}\n`,
        );
        return;
      }
      await withLocal(async ({ admin }) => {
        const res = await addSubscriber(admin, input).catch((err: Error) => {
          // A subscriber the rules refuse is the command used wrongly (exit 2), not a failure.
          throw /^(invalid subscriber|webhook refused)/.test(err.message) ? new UsageError(err.message) : err;
        });
        if (res.status === 'exists')
          throw new Error(`a subscriber ${res.id} exists already; remove it first to change it`);
        process.stdout.write(
          `Added ${res.subscriber.id} (${channelOf(res.subscriber)}, ${res.subscriber.delivery})\n`,
        );
      });
    });
}

function registerList(cmd: Command): void {
  cmd
    .command('list')
    .description('List subscribers (webhook secrets are never shown)')
    .option('--json', 'as JSON')
    .option('--api <url>', 'the deployed API instead of the local store')
    .action(async (o: { json?: boolean; api?: string }) => {
      const subscribers = o.api
        ? (await remote<{ subscribers: StoredSubscriber[] }>(o.api, (c) => c.get('/subscribers'))).subscribers
        : await withLocal(async ({ store }) =>
            (await store.listSubscribers()).map((s) => publicView(s) as StoredSubscriber),
          );
      process.stdout.write(
        o.json ? `${JSON.stringify(subscribers, null, 2)}\n` : `${formatList(subscribers)}\n`,
      );
    });
}

function registerRemove(cmd: Command): void {
  cmd
    .command('remove <id>')
    .description('Remove a subscriber (and its SNS subscriptions on AWS)')
    .option('--api <url>', 'the deployed API instead of the local store')
    .action(async (id: string, o: { api?: string }) => {
      if (o.api) {
        await remote(o.api, (c) => send(c, 'DELETE', `/subscribers/${encodeURIComponent(id)}`));
      } else {
        const removed = await withLocal(({ admin }) => removeSubscriber(admin, id));
        if (!removed) throw new Error(`no subscriber ${id} (see \`kzmon subscribers list\`)`);
      }
      process.stdout.write(`Removed ${id}\n`);
    });
}

function registerTest(cmd: Command): void {
  cmd
    .command('test <id>')
    .description('Send a test alert to a subscriber through its real channel')
    .option('--api <url>', 'the deployed API instead of the local store')
    .action(async (id: string, o: { api?: string }) => {
      const result = o.api
        ? await remote<{ ok: boolean; detail: string }>(o.api, (c) =>
            send(c, 'POST', `/subscribers/${encodeURIComponent(id)}/test`),
          )
        : await withLocal(async ({ store, log, outbox }) => {
            const subscriber = await store.getSubscriber(id);
            if (!subscriber) throw new Error(`no subscriber ${id} (see \`kzmon subscribers list\`)`);
            return sendTestAlert(
              {
                topic: new OutboxPublisher(outbox, [subscriber]),
                channels: channelDeps(store, log, { allowLocalWebhooks: true }),
              },
              subscriber,
            );
          });
      process.stdout.write(`${result.ok ? 'Sent' : 'FAILED'}: ${result.detail}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}

/** A file that cannot be read or holds no valid subscribers is the command used wrongly: exit 2, file named. */
function readSubscribersFile(file: string): ReturnType<typeof parseSubscribers> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`could not read subscribers file ${file}: ${(err as Error).message}`);
  }
  try {
    return parseSubscribers(raw);
  } catch (err) {
    throw new UsageError(`subscribers file ${file}: ${(err as Error).message} (format: docs/subscribers.md)`);
  }
}

function registerImport(cmd: Command): void {
  cmd
    .command('import <file>')
    .description(
      'Add every subscriber of an old subscribersFile (deploy-time JSON array), once; existing ids are kept',
    )
    .option('--api <url>', 'the deployed API instead of the local store')
    .action(async (file: string, o: { api?: string }) => {
      const subscribers = readSubscribersFile(file);
      let added = 0;
      const kept: string[] = [];
      if (o.api) {
        const client = createApiClient({ baseUrl: o.api });
        for (const s of subscribers) {
          const answer = await send(client, 'POST', '/subscribers', s);
          if (answer.status === 409) kept.push(s.id);
          else if (answer.status >= 400)
            throw new Error(`the API refused ${s.id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
          else added++;
        }
      } else {
        await withLocal(async ({ admin }) => {
          for (const s of subscribers) {
            if ((await addSubscriber(admin, s)).status === 'exists') kept.push(s.id);
            else added++;
          }
        });
      }
      process.stdout.write(
        `Imported ${added} of ${subscribers.length} subscribers from ${file}${kept.length ? `; already there, kept as they are: ${kept.join(', ')}` : ''}\n`,
      );
    });
}
