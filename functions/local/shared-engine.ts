import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { ensureTable, type LocalDynamo, localClient } from './local-dynamodb';
import {
  describeProcess,
  type EngineInfo,
  engineInfoPath,
  processAlive,
  readEngineInfo,
  removeStaleInfo,
  sleep,
} from './store-lock';

const ENGINE_SCRIPT = join(__dirname, 'store-engine.cjs');

function holdControl(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      // The lease must never keep a finished command alive, nor crash it when the engine goes.
      socket.on('error', () => {});
      socket.unref();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function startEngine(storeDir: string, idleMs: number): void {
  const log = openSync(join(storeDir, 'engine.log'), 'a');
  const dynalite = createRequire(join(__dirname, 'local-dynamodb.ts')).resolve('dynalite');
  const child = spawn(process.execPath, [ENGINE_SCRIPT, storeDir, dynalite, String(idleMs)], {
    detached: true,
    stdio: ['ignore', log, log],
    // Plain CommonJS: no loader options of the caller (tsx, vitest) are needed or wanted.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  child.unref();
  closeSync(log);
}

export interface SharedDynamoOptions {
  tableName: string;
  /** Empty the table first (the other tables of the store are left alone). */
  fresh?: boolean;
  /** How long the engine stays up after the last user leaves. */
  idleMs?: number;
  /** How long to wait for a busy or starting engine before naming the process that holds the store. */
  waitMs?: number;
}

/**
 * Opens a table in the store's shared engine, starting the engine when none runs. A lock left by a dead
 * process is taken over; a live process that holds the store and does not answer is named in the error.
 */
export async function openSharedDynamo(storeDir: string, options: SharedDynamoOptions): Promise<LocalDynamo> {
  mkdirSync(storeDir, { recursive: true });
  const waitMs = options.waitMs ?? Number(process.env.KZMON_ENGINE_WAIT_MS ?? 15_000);
  // A failure from before this open (an engine about to give the lock back) is not this open's answer.
  const opening = Date.now() - 100;
  const deadline = Date.now() + waitMs;
  let started = 0;
  let lease: Socket | undefined;
  let info: EngineInfo | null = null;
  while (!lease) {
    info = readEngineInfo(storeDir);
    if (!info) {
      // An engine that lost the race for the lock leaves at once; start another after a pause.
      if (Date.now() - started > 1000) {
        startEngine(storeDir, options.idleMs ?? 2000);
        started = Date.now();
      }
    } else if (!processAlive(info.pid)) {
      removeStaleInfo(storeDir, info);
      continue;
    } else if (info.state === 'failed' && (info.failedAt ?? 0) >= opening) {
      throw new Error(`the local store ${storeDir} cannot be opened: ${info.error ?? 'unknown error'}`);
    } else if (info.state === 'ready' && info.control) {
      lease = await holdControl(info.control).catch(() => undefined);
      if (lease) break;
    }
    if (Date.now() > deadline) {
      throw new Error(
        info
          ? `the local store ${storeDir} is held by ${describeProcess(info.pid)}, which does not answer; stop it, or delete ${engineInfoPath(storeDir)} if that is not kzmon`
          : `the local store engine did not start within ${waitMs} ms; see ${join(storeDir, 'engine.log')}`,
      );
    }
    await sleep(50);
  }
  const endpoint = `http://127.0.0.1:${info!.port}`;
  const client = localClient(endpoint);
  try {
    if (options.fresh) await dropTable(client, options.tableName);
    await ensureTable(client, options.tableName);
  } catch (err) {
    client.destroy();
    lease.destroy();
    throw err;
  }
  return {
    endpoint,
    client,
    tableName: options.tableName,
    close: async () => {
      client.destroy();
      lease.destroy();
    },
  };
}

const isNotFound = (err: unknown) =>
  err instanceof ResourceNotFoundException || (err as Error).name === 'ResourceNotFoundException';

async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return;
  }
  // A deleted table lingers as DELETING for a moment: recreating it before it is gone would find the old
  // one, wait for it to become ACTIVE, and fail with "not found" once it vanishes (`--fresh` then lost the store).
  for (let attempt = 0; ; attempt++) {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (attempt > 200) throw new Error(`table ${tableName} is still being deleted after 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
