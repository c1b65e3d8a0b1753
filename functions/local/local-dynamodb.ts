import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../adapters/table-definition';
import { readEngineInfo, waitForEngineToLeave } from './store-lock';

export const LOCAL_TABLE = 'kzmon-local';
/** The demo's table beside the live one, so sample fetches never show up as the live sources' state. */
export const DEMO_TABLE = 'kzmon-demo';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  close(): Promise<void>;
}

/**
 * The dynalite server, run in a worker thread: dynalite is CPU-bound JavaScript (validation, LevelDB
 * encoding), and on the caller's event loop it competes with the cycle it serves, leaving the second
 * core idle. Plain JavaScript evaluated in the worker, so it needs no TypeScript loader (tsx, vitest).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalite);
const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (msg) => {
  if (msg === 'close') server.close(() => parentPort.postMessage({ closed: true }));
});
`;

/**
 * An embedded DynamoDB (dynalite speaks the real wire protocol) on 127.0.0.1, persisted under `dir`
 * (in memory when `dir` is omitted), with the monitor's table created as the stack defines it. This
 * process owns the database; the CLI shares one per store instead (openSharedDynamo in shared-engine.ts).
 */
export async function startLocalDynamo(options: { dir?: string; fresh?: boolean } = {}): Promise<LocalDynamo> {
  if (options.dir) {
    // A kzmon command's shared engine (shared-engine.ts) may still hold this database for a moment.
    const storeDir = dirname(resolvePath(options.dir));
    if (readEngineInfo(storeDir)?.db === resolvePath(options.dir)) await waitForEngineToLeave(storeDir);
    if (options.fresh) rmSync(options.dir, { recursive: true, force: true });
    mkdirSync(options.dir, { recursive: true });
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // The worker runs plain CommonJS: no need to load the caller's loaders (tsx) again.
    execArgv: [],
    workerData: { dynalite: createRequire(join(__dirname, 'local-dynamodb.ts')).resolve('dynalite'), path: options.dir },
  });
  let closed: (() => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the local DynamoDB worker exited (${code}) before listening`)));
    worker.on('message', (msg: { port?: number; error?: string; closed?: boolean }) => {
      if (msg.port) resolve(msg.port);
      else if (msg.error) reject(new Error(`local DynamoDB failed to start: ${msg.error}`));
      else if (msg.closed) closed?.();
    });
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', (err) => process.stderr.write(`local DynamoDB worker failed: ${err.stack ?? err}\n`));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  await ensureTable(client, LOCAL_TABLE);
  return {
    endpoint,
    client,
    tableName: LOCAL_TABLE,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}

/**
 * dynalite checks that a request is signed in the right form but never checks the signature, so the
 * local client sends a well-formed one without computing it (hashing every body and HMAC-ing every
 * request is a measurable share of a local cycle's CPU). Only ever used against the local endpoint.
 */
const unsignedLocalSigner = {
  async sign(request: { headers: Record<string, string> }) {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    request.headers['x-amz-date'] = date;
    request.headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`;
    return request;
  },
};

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 6,
    httpAuthSchemes: [
      {
        schemeId: 'aws.auth#sigv4',
        identityProvider: (config) => config.getIdentityProvider('aws.auth#sigv4'),
        signer: unsignedLocalSigner as never,
      },
    ],
  });
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException) && (err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
  // A new table answers "not found" to item requests until it is ACTIVE (dynalite too, for a moment).
  for (let attempt = 0; ; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (attempt > 200) throw new Error(`table ${tableName} is still ${Table?.TableStatus} after 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
