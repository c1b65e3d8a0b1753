/**
 * Each function's bundle as `cdk synth` built it: minified size, source map, zipped upload, and the time
 * and memory to load it in Node (the cold-start share that is ours, not the runtime's).
 *
 *   npx cdk synth -c opsEmail=ops@example.org -o cdk.out && npx tsx scripts/bundle-sizes.ts [cdk.out]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const outdir = process.argv[2] ?? 'cdk.out';
const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
const stackName = Object.keys(manifest.artifacts).find((k) => manifest.artifacts[k].type === 'aws:cloudformation:stack')!;
const template = JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8'));

// Dummy settings so module-scope wiring (requiredEnv) passes; nothing reaches AWS while loading.
const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 't',
  QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/q',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:t',
  IDEMPOTENCY_TABLE: 'i',
  POWERTOOLS_DEV: 'true',
};
const probe = `const t=performance.now();await import(process.argv[1]);const ms=performance.now()-t;console.log(JSON.stringify({ms,rssMb:process.memoryUsage().rss/1048576}))`;

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
for (const [id, res] of Object.entries<{ Type: string; Metadata: Record<string, string> }>(template.Resources)) {
  if (res.Type !== 'AWS::Lambda::Function') continue;
  const dir = join(outdir, res.Metadata['aws:asset:path']);
  const js = readFileSync(join(dir, 'index.mjs'));
  const map = statSync(join(dir, 'index.mjs.map')).size;
  const zipped = deflateRawSync(js).length + deflateRawSync(readFileSync(join(dir, 'index.mjs.map'))).length;
  let load = '';
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(resolve(dir, 'index.mjs')).href], { env, encoding: 'utf8' });
    const { ms, rssMb } = JSON.parse(out.trim().split('\n').at(-1)!);
    load = `load ${ms.toFixed(0)} ms, RSS ${rssMb.toFixed(0)} MB`;
  } catch (err) {
    load = `load failed: ${String((err as { stderr?: string }).stderr ?? err).split('\n').find((l) => l.includes('Error')) ?? ''}`;
  }
  console.log(`${id.padEnd(32)} ${kb(js.length).padStart(8)} minified, map ${kb(map)}, zip ≈ ${kb(zipped)}; ${load}`);
}
