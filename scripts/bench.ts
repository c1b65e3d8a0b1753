/**
 * `npm run bench`: every performance figure of the monitor in one run, written to BENCHMARKS.md (and
 * the measured cost inputs to BENCHMARKS.cost-inputs.json). Nothing in either file is typed in: each
 * number is measured by this run, and each timed goal is judged on the median of its runs.
 *
 *   npm run bench -- [--runs 5] [--cycle-runs 5] [--cold-runs 5] [--per-kind 20] [--template-per-kind 10]
 *                    [--query-items 10000] [--skip-synth] [--cdk-out DIR]
 *                    [--latency-items 200] [--only extraction,templates,cycle,latency,bundles] [--only query]
 *
 * The query bench (seeding 10,000 items takes minutes when the storage code changed) runs only when
 * named, so that the default run stays within a few minutes on an idle 2-core machine.
 * A run that fails is reported as failed, never replaced by another: the bench does not re-run until a
 * goal shows "met". Runs taken while the load average exceeded the cores are marked "noisy".
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAlertLatencyRun } from './alert-latency';
import { coldStarts, readBundles, synth } from './bench/bundles';
import { benchClassifyShare } from './bench/classify-share';
import { generateCorpus } from './bench/corpus';
import { benchExtraction } from './bench/extraction';
import { benchTemplateExtraction } from './bench/extraction-templates';
import { benchQuery } from './bench/query';
import { type BenchRun, type CycleRun, measuredCostInputs, render } from './bench/render';
import { cores, loadNow } from './bench/stats';

const ROOT = resolve(__dirname, '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'cycle-runs': { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '5' },
    'per-kind': { type: 'string', default: '20' },
    'template-per-kind': { type: 'string', default: '10' },
    'latency-items': { type: 'string', default: '200' },
    'query-items': { type: 'string', default: '10000' },
    'skip-synth': { type: 'boolean', default: false },
    'cdk-out': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
    'cost-out': { type: 'string', default: join(ROOT, 'BENCHMARKS.cost-inputs.json') },
  },
});
const only = new Set((opts.only ?? 'extraction,templates,cycle,latency,bundles').split(','));
const log = (s: string) => process.stderr.write(`${s}\n`);

function runCycleChild(): Promise<CycleRun> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bench', 'cycle-child.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line)
        return rej(new Error(`cycle child exited ${code}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
      res(JSON.parse(line.slice('BENCH_RESULT '.length)) as CycleRun);
    });
  });
}

async function section<T>(name: string, failures: string[], run: () => Promise<T> | T): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    failures.push(`${name}: ${(e as Error).message}`);
    log(`FAILED ${name}: ${(e as Error).message}`);
    return null;
  }
}

async function main() {
  const started = Date.now();
  const run: BenchRun = {
    machine: {
      cores: cores(),
      model: cpus()[0]?.model ?? 'unknown',
      memGb: totalmem() / 2 ** 30,
      node: process.version,
      loadStart: loadNow(),
    },
    extraction: null,
    share: null,
    templates: null,
    cycles: [],
    latency: [],
    bundles: null,
    query: null,
    failures: [],
    elapsed: 0,
    loadEnd: 0,
  };
  log(
    `bench on ${run.machine.cores} cores (${run.machine.model}), Node ${run.machine.node}, load ${run.machine.loadStart.toFixed(1)}`,
  );

  if (only.has('extraction')) {
    log('extraction and classification…');
    const pages = generateCorpus(Number(opts['per-kind']));
    const loads = [loadNow()];
    run.extraction = await section('extraction', run.failures, () => {
      const result = benchExtraction(pages, Number(opts.runs), log);
      loads.push(loadNow());
      return { result, loads };
    });
    run.share = await section('classification share', run.failures, () =>
      benchClassifyShare(pages, Number(opts.runs), log),
    );
  }

  if (only.has('templates')) {
    log('extraction on common news templates…');
    const load = loadNow();
    run.templates = await section('template extraction', run.failures, () => ({
      result: benchTemplateExtraction(Number(opts['template-per-kind']), Number(opts.runs), log),
      loads: [load, loadNow()],
    }));
  }

  if (only.has('cycle')) {
    log('local cycle (1,000 items) and unchanged cycle…');
    for (let i = 0; i < Number(opts['cycle-runs']); i++) {
      const load = loadNow();
      try {
        const c = await runCycleChild();
        run.cycles.push({ ...c, load });
        log(
          `  cycle run ${i + 1}: ${c.items} items in ${(c.wallMs / 1000).toFixed(1)} s (load ${load.toFixed(1)})`,
        );
      } catch (e) {
        run.failures.push(`cycle run ${i + 1}: ${(e as Error).message}`);
      }
    }
  }

  if (only.has('latency')) {
    log('alert latency (item stored → alert published)…');
    const items = Number(opts['latency-items']);
    for (let i = 0; i < Number(opts['cycle-runs']); i++) {
      const load = loadNow();
      const l = await section(`latency run ${i + 1}`, run.failures, () =>
        measureAlertLatencyRun(items, 20261130 + i),
      );
      if (l) {
        run.latency.push({ ...l, load, items });
        log(
          `  latency run ${i + 1}: ${l.alerts} alerts, stored→publish p50 ${l.storedToPublishMs.p50} ms, p95 ${l.storedToPublishMs.p95} ms`,
        );
      }
    }
  }

  if (only.has('bundles')) {
    log('Lambda bundles and cold starts…');
    run.bundles = await section('bundles', run.failures, async () => {
      const outDir = opts['cdk-out'] ? resolve(opts['cdk-out']) : join(tmpdir(), 'kzmon-bench', 'cdk.out');
      const s = opts['skip-synth']
        ? { ms: 0, ok: true, note: 'synth skipped (--skip-synth): bundles read from an earlier synth' }
        : synth(outDir, log);
      const { bundles, schedules } = readBundles(outDir);
      const load = loadNow();
      const cold = await coldStarts(bundles, outDir, Number(opts['cold-runs']), log);
      return {
        synthMs: s.ms,
        synthOk: s.ok,
        synthNote: s.note,
        outDir,
        bundles,
        schedules,
        ...cold,
        loads: [load, loadNow()],
      };
    });
  }

  if (only.has('query')) {
    log('query at 10,000 items…');
    run.query = await section('query', run.failures, () => benchQuery(Number(opts['query-items']), 10, log));
  }

  run.costOut = relative(ROOT, resolve(opts['cost-out'])).startsWith('..')
    ? resolve(opts['cost-out'])
    : relative(ROOT, resolve(opts['cost-out']));
  run.elapsed = (Date.now() - started) / 1000;
  run.loadEnd = loadNow();
  writeFileSync(opts.out, render(run));
  const cost = measuredCostInputs(run);
  if (cost) writeFileSync(opts['cost-out'], `${JSON.stringify(cost, null, 2)}\n`);
  log(`wrote ${opts.out}${cost ? ` and ${opts['cost-out']}` : ''} in ${run.elapsed.toFixed(0)} s`);
  if (run.failures.length) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
