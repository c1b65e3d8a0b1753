import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { type Subscriber, parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { MonitorStore } from '../../functions/domain/ports';
import { DEMO_TABLE, LOCAL_TABLE, type LocalDynamo } from '../../functions/local/local-dynamodb';
import { openSharedDynamo } from '../../functions/local/shared-engine';

/**
 * Where the local monitor keeps its state. One place for every command, whatever the working
 * directory: `--store DIR`, else KZMON_STORE (KZMON_HOME, its older name), else `.kzmon/` in the
 * project's root, found by walking up from the working directory to the package.json named
 * kz-news-monitor (else the root of this installation). Never a new `.kzmon/` wherever a command runs.
 */
const PACKAGE_NAME = 'kz-news-monitor';
const INSTALL_ROOT = resolve(__dirname, '..', '..');

let chosenStore: string | undefined;
let demoChosen = false;

/** Set from the global options (`--store`, `--demo`) before a command runs. */
export function chooseStore(options: { store?: string; demo?: boolean }): void {
  chosenStore = options.store ? resolve(options.store) : undefined;
  demoChosen = Boolean(options.demo);
}

export function projectRoot(from = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // Not ours if it cannot be read; keep walking up.
      }
    }
    if (dirname(dir) === dir) return INSTALL_ROOT;
  }
}

export function dataDir(): string {
  const fromEnv = process.env.KZMON_STORE || process.env.KZMON_HOME;
  return chosenStore ?? (fromEnv ? resolve(fromEnv) : join(projectRoot(), '.kzmon'));
}

/** The live monitor and the demo keep apart: their own table and their own outbox in one store. */
export type StoreKind = 'live' | 'demo';

export function outboxDir(kind: StoreKind = 'live'): string {
  return kind === 'demo' ? join(dataDir(), 'demo', 'outbox') : join(dataDir(), 'outbox');
}

export interface LocalStore {
  kind: StoreKind;
  dynamo: LocalDynamo;
  store: MonitorStore;
  close(): Promise<void>;
}

/** Opens the live store (or the demo's) through the store's shared engine; `fresh` also empties its outbox. */
export async function openLocalStore(options: { fresh?: boolean; kind?: StoreKind } = {}): Promise<LocalStore> {
  const kind = options.kind ?? (demoChosen ? 'demo' : 'live');
  if (options.fresh) rmSync(outboxDir(kind), { recursive: true, force: true });
  const dynamo = await openSharedDynamo(dataDir(), {
    tableName: kind === 'demo' ? DEMO_TABLE : LOCAL_TABLE,
    fresh: options.fresh,
  });
  const store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  return { kind, dynamo, store, close: () => dynamo.close() };
}

/** True when the store has never been filled: no item and no source ever fetched. */
export async function isEmptyStore(store: MonitorStore): Promise<boolean> {
  const [page, sources] = await Promise.all([store.queryItems({ limit: 1 }), store.listSourceStates()]);
  return page.items.length === 0 && sources.length === 0;
}

/**
 * The store to read for browsing (query, explain, serve): the one chosen, but when nothing chose the demo
 * and the live store was never filled, the demo's, so `npm run demo` followed by `npx kzmon query`
 * shows what the demo found. The caller says so to the user.
 */
export async function openStoreForReading(): Promise<LocalStore & { fellBackToDemo: boolean }> {
  const live = await openLocalStore();
  if (live.kind === 'demo' || !(await isEmptyStore(live.store))) return { ...live, fellBackToDemo: false };
  const demo = await openLocalStore({ kind: 'demo' });
  if (await isEmptyStore(demo.store)) {
    await demo.close();
    return { ...live, fellBackToDemo: false };
  }
  await live.close();
  return { ...demo, fellBackToDemo: true };
}

export const DEMO_FALLBACK_NOTE =
  "the live store is empty, so this shows the demo's items (`npx kzmon run` fills the live store; --demo always shows the demo's)";

export const EMPTY_STORE_HINT = 'No items yet: run `npm run demo` or `npx kzmon run`.';

const SAMPLE_SUBSCRIBERS = join(__dirname, '..', '..', 'functions', 'local', 'sample', 'subscribers.json');

/** Subscribers for the local outbox: the file given, else `<store>/subscribers.json`, else the samples. */
export function loadSubscribers(file?: string): { subscribers: Subscriber[]; from: string } {
  const candidates = file ? [resolve(file)] : [join(dataDir(), 'subscribers.json'), SAMPLE_SUBSCRIBERS];
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (file) throw new Error(`subscribers file not found: ${path}`);
      continue;
    }
    return { subscribers: parseSubscribers(JSON.parse(readFileSync(path, 'utf8'))), from: path };
  }
  return { subscribers: [], from: '(none)' };
}
