/**
 * Lambda bundles from `cdk synth`: size of each function's bundle (mapped through the template's
 * `aws:asset:path` metadata), what fills it, and cold start — a fresh Node process loading the bundle
 * and answering one event, against an empty handler — with every AWS call pointed at 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
import { median } from './recall';

export interface BundleInfo {
  logicalId: string;
  name: string;
  asset: string;
  bytes: number;
  gzipBytes: number;
  memoryMb: number;
  /** Largest contributors by source size in the source map (pre-minification bytes). */
  top: { pkg: string; share: number }[];
  schedule?: string;
}

export interface ColdStart {
  name: string;
  runs: number;
  medianMs: number;
  medianLoadMs: number;
  medianInvokeMs: number;
  ratio: number;
  ok: boolean;
  note?: string;
}

export interface BundleResult {
  synthMs: number;
  synthOk: boolean;
  synthNote?: string;
  outDir: string;
  bundles: BundleInfo[];
  schedules: { target: string; expression: string }[];
  empty: { medianMs: number; runs: number };
  cold: ColdStart[];
}

const ROOT = resolve(__dirname, '..', '..');

const NAMES: [RegExp, string][] = [
  [/Fetch/i, 'fetch'],
  [/Classify/i, 'classify'],
  [/Digest/i, 'digest'],
  [/Alert/i, 'alert'],
  [/Query/i, 'query'],
];

/** The function's construct id in kebab case (KzNewsMonitor/Delivery/StreamAlert/Resource → stream-alert). */
function functionName(logicalId: string, cdkPath: string | undefined): string {
  const parts = (cdkPath ?? '').split('/');
  const id = parts.at(-1) === 'Resource' ? parts.at(-2) : undefined;
  if (id) return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return NAMES.find(([re]) => re.test(logicalId))?.[1] ?? logicalId;
}

function contributors(mapFile: string): { pkg: string; share: number }[] {
  if (!existsSync(mapFile)) return [];
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  const by = new Map<string, number>();
  let total = 0;
  map.sources.forEach((s, i) => {
    const len = map.sourcesContent?.[i]?.length ?? 0;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s);
    const key = m ? m[1]! : 'project code';
    by.set(key, (by.get(key) ?? 0) + len);
    total += len;
  });
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([pkg, n]) => ({ pkg, share: n / total }));
}

export function synth(outDir: string, log: (s: string) => void): { ms: number; ok: boolean; note?: string } {
  rmSync(outDir, { recursive: true, force: true });
  const t0 = Date.now();
  const res = spawnSync(
    'npx',
    ['cdk', 'synth', '--quiet', '-c', 'opsEmail=bench@example.org', '-o', outDir],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const ms = Date.now() - t0;
  const ok = res.status === 0;
  const note = ok
    ? undefined
    : `${(res.stderr || res.stdout)
        .split('\n')
        .filter((l) => /error/i.test(l))
        .slice(0, 3)
        .join(' | ')}`;
  log(`  cdk synth ${ok ? 'ok' : 'FAILED'} in ${(ms / 1000).toFixed(1)} s${note ? `: ${note}` : ''}`);
  return { ms, ok, note };
}

export function readBundles(outDir: string): {
  bundles: BundleInfo[];
  schedules: { target: string; expression: string }[];
} {
  const templateFile = readdir(outDir).find((f) => f.endsWith('.template.json'));
  if (!templateFile) throw new Error(`no template in ${outDir}: did cdk synth run?`);
  const template = JSON.parse(readFileSync(join(outDir, templateFile), 'utf8')) as {
    Resources: Record<
      string,
      { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }
    >;
  };
  const bundles: BundleInfo[] = [];
  const schedules: { target: string; expression: string }[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Scheduler::Schedule' || r.Type === 'AWS::Events::Rule') {
      const expr = String(r.Properties.ScheduleExpression ?? '');
      const target = JSON.stringify(r.Properties.Target ?? r.Properties.Targets ?? '');
      const fn = Object.keys(template.Resources).find(
        (k) => template.Resources[k]!.Type === 'AWS::Lambda::Function' && target.includes(k),
      );
      schedules.push({ target: fn ?? id, expression: expr });
    }
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const asset = r.Metadata?.['aws:asset:path'];
    if (!asset) continue;
    const file = join(outDir, asset, 'index.mjs');
    if (!existsSync(file)) continue;
    const buf = readFileSync(file);
    bundles.push({
      logicalId: id,
      name: functionName(id, r.Metadata?.['aws:cdk:path']),
      asset,
      bytes: statSync(file).size,
      gzipBytes: gzipSync(buf).length,
      memoryMb: Number(r.Properties.MemorySize ?? 128),
      top: contributors(`${file}.map`),
    });
  }
  for (const b of bundles) b.schedule = schedules.find((s) => s.target === b.logicalId)?.expression;
  return { bundles, schedules };
}

function readdir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

const RUNNER = `const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
let ok = true, err = null, out = null;
try { out = await mod.handler(JSON.parse(process.env.BENCH_EVENT), { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 30000 }); }
catch (e) { ok = false; err = String(e && e.message || e).slice(0, 300); }
const t2 = performance.now();
process.stdout.write('\\nBENCH_COLD ' + JSON.stringify({ boot: t0, load: t1 - t0, invoke: t2 - t1, ok, err, out: JSON.stringify(out ?? null).slice(0, 200) }) + '\\n');
process.exit(0);
`;

function events(): Record<string, unknown> {
  const entry = {
    sourceId: 'mfa-en',
    itemId: 'bench0000000001',
    url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=en',
    canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=en',
    language: 'en',
    title: 'Kazakhstan and the United States discuss C5+1 cooperation',
    publishedAt: '2026-11-27T06:00:00.000Z',
    summary: 'Foreign ministers met in Astana.',
    bodyHtml:
      '<p>Kazakhstan and the United States discussed expanding cooperation in trade and critical minerals within the C5+1 format.</p><p>The sides agreed to meet again.</p>',
  };
  return {
    fetch: { version: '0', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', detail: {} },
    classify: {
      Records: [
        {
          messageId: 'm1',
          receiptHandle: 'r1',
          body: JSON.stringify(entry),
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: '1764223200000',
            SenderId: 'x',
            ApproximateFirstReceiveTimestamp: '1764223200000',
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:new-items',
          awsRegion: 'us-east-1',
        },
      ],
    },
    alert: {},
    digest: {},
    // Stream records and deliveries: an empty batch (the handler's wiring and one call, nothing to do).
    'stream-alert': { Records: [] },
    deliver: { Records: [] },
    subscribers: {
      version: '2.0',
      routeKey: 'GET /subscribers',
      rawPath: '/subscribers',
      rawQueryString: '',
      headers: {},
      requestContext: {
        http: { method: 'GET', path: '/subscribers' },
        stage: '$default',
        routeKey: 'GET /subscribers',
        requestId: 'bench',
      },
      isBase64Encoded: false,
    },
    query: {
      version: '2.0',
      rawPath: '/items',
      rawQueryString: 'limit=20',
      queryStringParameters: { limit: '20' },
      requestContext: { http: { method: 'GET', path: '/items' } },
      headers: {},
    },
    empty: {},
  };
}

function runOnce(
  file: string,
  event: unknown,
  env: NodeJS.ProcessEnv,
): Promise<{ wall: number; load: number; invoke: number; ok: boolean; err?: string }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(file, '..', 'runner.mjs'), file], {
      env: { ...env, BENCH_EVENT: JSON.stringify(event) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('exit', () => {
      const wall = performance.now() - t0;
      const line = out.split('\n').find((l) => l.startsWith('BENCH_COLD '));
      if (!line)
        return resolveRun({ wall, load: Number.NaN, invoke: Number.NaN, ok: false, err: out.slice(-300) });
      const r = JSON.parse(line.slice(11)) as {
        load: number;
        invoke: number;
        ok: boolean;
        err: string | null;
      };
      resolveRun({ wall, load: r.load, invoke: r.invoke, ok: r.ok, err: r.err ?? undefined });
    });
  });
}

export async function coldStarts(
  bundles: BundleInfo[],
  outDir: string,
  runs: number,
  log: (s: string) => void,
) {
  const dir = join(outDir, '..', 'cold');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Bundles keep @aws-sdk/* external (Lambda's runtime provides it); here it resolves from the repo.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
  writeFileSync(join(dir, 'empty.mjs'), 'export const handler = async () => ({ ok: true });\n');
  for (const b of bundles) copyFileSync(join(outDir, b.asset, 'index.mjs'), join(dir, `${b.name}.mjs`));

  // Every AWS call lands on 127.0.0.1: DynamoDB on dynalite, anything else on a stub that says no.
  const dynamo = await startLocalDynamo();
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: 'kzmon-bench-idempotency',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const stub = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"__type":"InternalFailure","message":"bench stub"}');
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
  const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL: stubUrl,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    TABLE_NAME: dynamo.tableName,
    IDEMPOTENCY_TABLE: 'kzmon-bench-idempotency',
    QUEUE_URL: `${stubUrl}/123456789012/new-items`,
    TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
    SUBSCRIBER_POLICIES: '[]',
    SEEN_TTL_DAYS: '90',
    POWERTOOLS_METRICS_NAMESPACE: 'KzNewsMonitor',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // No internet: the one source is refused by the allowlist before any connection is made.
    SOURCES_JSON: JSON.stringify([
      { id: 'bench', kind: 'rss', language: 'en', url: 'https://127.0.0.1/rss.xml' },
    ]),
    NODE_OPTIONS: '--enable-source-maps',
  };
  const ev = events();
  const cold: ColdStart[] = [];
  try {
    const emptyTimes: number[] = [];
    const measured = new Map<string, Awaited<ReturnType<typeof runOnce>>[]>();
    // Interleave bundles run by run, so drift in machine load hits them all alike.
    for (let i = 0; i < runs; i++) {
      emptyTimes.push((await runOnce(join(dir, 'empty.mjs'), ev.empty, env)).wall);
      for (const b of bundles) {
        const r = await runOnce(join(dir, `${b.name}.mjs`), ev[b.name] ?? {}, env);
        measured.set(b.name, [...(measured.get(b.name) ?? []), r]);
      }
    }
    const emptyMs = median(emptyTimes);
    for (const b of bundles) {
      const rs = measured.get(b.name) ?? [];
      const m = median(rs.map((r) => r.wall));
      const failed = rs.find((r) => !r.ok);
      cold.push({
        name: b.name,
        runs: rs.length,
        medianMs: m,
        medianLoadMs: median(rs.map((r) => r.load)),
        medianInvokeMs: median(rs.map((r) => r.invoke)),
        ratio: m / emptyMs,
        ok: !failed,
        note: failed?.err,
      });
      log(
        `  cold start ${b.name}: ${m.toFixed(0)} ms (${(m / emptyMs).toFixed(2)}× empty)${failed ? ` — handler error: ${failed.err}` : ''}`,
      );
    }
    return { empty: { medianMs: emptyMs, runs }, cold };
  } finally {
    await new Promise<void>((r) => stub.close(() => r()));
    await dynamo.close();
  }
}
