import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES } from '../../functions/domain/sources/definitions';
import { type DeployedInfra, deployedInfra, emittedByHandlers } from '../../lib/cost-infra';
import {
  DEFAULT_INPUTS,
  README,
  README_MARKERS,
  cyclesPerMonth,
  estimate,
  inputsFromArgs,
  readmeBlock,
} from '../../scripts/cost-estimate';

const ROOT = join(__dirname, '..', '..');
let infra: DeployedInfra;

beforeAll(() => {
  infra = deployedInfra();
});

describe('cost estimate', () => {
  it('counts fetch cycles from the schedule', () => {
    expect(Math.round(cyclesPerMonth('rate(10 minutes)'))).toBe(4378);
    expect(Math.round(cyclesPerMonth('rate(1 hour)'))).toBe(730);
    expect(() => cyclesPerMonth('cron(0 * * * ? *)')).toThrow(/needs a rate/);
  });

  it('charges measured durations: twice the classify time is twice its compute', () => {
    const lambda = (ms: number) =>
      estimate({ ...DEFAULT_INPUTS, classify: { ...DEFAULT_INPUTS.classify, durationMsPerItem: ms } }, infra)
        .lines[0]!.listUsd;
    const fetchAndRest = lambda(0);
    expect(lambda(1200) - fetchAndRest).toBeCloseTo(2 * (lambda(600) - fetchAndRest), 10);
  });

  it('takes measured figures from --set and refuses unknown inputs', () => {
    const { inputs } = inputsFromArgs(
      ['--set', 'fetch.durationMs=2500', '--set', 'schedule=rate(5 minutes)'],
      '/nonexistent',
    );
    expect(inputs.fetch).toEqual({ ...DEFAULT_INPUTS.fetch, durationMs: 2500 });
    expect(inputs.schedule).toBe('rate(5 minutes)');
    expect(() => inputsFromArgs(['--set', 'fetch.duration=1'], '/nonexistent')).toThrow(
      /unknown cost input: duration/,
    );
  });

  it('reads the bench’s measured counts from its file when present, and says where the traffic came from', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kzmon-cost-')), 'measured.json');
    writeFileSync(file, JSON.stringify({ newItemsPerDay: 450, classify: { readUnitsPerItem: 0.7 } }));
    const args = inputsFromArgs([], file);
    expect(args.inputs.newItemsPerDay).toBe(450);
    expect(args.inputs.classify.readUnitsPerItem).toBe(0.7);
    expect(args.measured).toContain('measured.json');
    expect(inputsFromArgs([], '/nonexistent').measured).toMatch(/defaults/);
  });

  it('prices the template it synthesizes: alarms, keys and dashboards are counted, not typed', () => {
    expect(infra.kmsKeys).toBe(0);
    expect(infra.dashboards).toBe(0);
    expect(infra.alarms).toBeGreaterThanOrEqual(9);
    const withDashboard = deployedInfra({ dashboard: 'true' });
    expect(withDashboard.dashboards).toBe(1);
    const delta =
      estimate(DEFAULT_INPUTS, withDashboard).listPriceUsd - estimate(DEFAULT_INPUTS, infra).listPriceUsd;
    expect(delta).toBeCloseTo(3, 5);
  });

  it('multiplies a metric by the sources when the code gives it a per-source dimension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-handlers-'));
    writeFileSync(
      join(dir, 'fetch.ts'),
      "const metrics = new Metrics({ serviceName: 'fetch' });\nsingle.addDimension('sourceId', id);\nsingle.addMetric('ItemsListed', MetricUnit.Count, 1);\n",
    );
    expect(emittedByHandlers(dir)).toEqual([
      { service: 'fetch', name: 'ItemsListed', dimensions: ['sourceId'] },
    ]);
    expect(DEFAULT_SOURCES.filter((s) => s.enabled).length).toBeGreaterThan(1);
  });

  it('keeps the default deployment under $1.00 a month after the free tier and $3.00 at list prices', () => {
    const e = estimate(inputsFromArgs([]).inputs, infra);
    expect(e.afterFreeTierUsd).toBeLessThanOrEqual(1);
    expect(e.listPriceUsd).toBeLessThanOrEqual(3);
    expect(e.listPriceUsd).toBeCloseTo(
      e.lines.reduce((n, l) => n + l.listUsd, 0),
      10,
    );
  });

  it('prints JSON with both totals, the SMS price and the lines; --help does not crash', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const json = spawnSync(tsx, [join(ROOT, 'scripts', 'cost-estimate.ts'), '--json'], { encoding: 'utf8' });
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ listPriceUsd: expect.any(Number), afterFreeTierUsd: expect.any(Number) });
    expect(out.smsPerMessageUsd.perMessage).toBeGreaterThan(0);
    expect(out.lines.length).toBeGreaterThan(5);
    const help = spawnSync(tsx, [join(ROOT, 'scripts', 'cost-estimate.ts'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--json');
  });

  it('the README’s cost block is what npm run cost computes now', () => {
    const readme = readFileSync(README, 'utf8');
    const [start, end] = README_MARKERS;
    const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
    const args = inputsFromArgs([]);
    expect(block, 'run: npm run cost -- --write-readme').toBe(
      readmeBlock(estimate(args.inputs, infra), args),
    );
  });
});
