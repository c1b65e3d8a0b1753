/**
 * Monthly cost of a deployment: the infrastructure from the synthesized template and the handlers'
 * code (lib/cost-infra.ts), the traffic from request counts the bench measured (MEASURED_INPUTS_FILE,
 * when present) or the defaults below, priced at list prices and after the always-free tier.
 *
 *   npm run cost                                    # the default deployment, as a table
 *   npm run cost -- --json                          # {"listPriceUsd", "afterFreeTierUsd", "smsPerMessageUsd", "lines", …}
 *   npm run cost -- --settings deploy.settings.json # your deployment
 *   npm run cost -- --set newItemsPerDay=600 --set subscribers.sms=2
 *   npm run cost -- --write-readme                  # refresh the README's cost block
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeployedInfra, deployedInfra } from '../lib/cost-infra';
import { type Estimate, estimateWith } from './cost/estimate';
import { type CostInputs, DEFAULT_INPUTS } from './cost/inputs';
import { PRICES_USD } from './cost/prices';

export { emittedByHandlers } from '../lib/cost-infra';
export type { CostLine, Estimate } from './cost/estimate';
export { type CostInputs, DEFAULT_INPUTS, cyclesPerMonth } from './cost/inputs';
export { FREE_TIER, PRICES_USD } from './cost/prices';

const ROOT = join(__dirname, '..');
/** Read when present: a partial CostInputs of what the bench (`npm run bench`) measured. */
export const MEASURED_INPUTS_FILE = join(ROOT, 'BENCHMARKS.cost-inputs.json');
export const README = join(ROOT, 'README.md');

let cachedInfra: DeployedInfra | undefined;
/** The default deployment's infrastructure, synthesized once per process. */
export function defaultInfra(): DeployedInfra {
  cachedInfra ??= deployedInfra();
  return cachedInfra;
}

/** The estimate for these inputs, over the default deployment unless another one is given. */
export function estimate(i: CostInputs, infra: DeployedInfra = defaultInfra(), p = PRICES_USD): Estimate {
  return estimateWith(i, infra, p);
}

export function merge<T>(base: T, over: unknown): T {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (!(k in out)) throw new Error(`unknown cost input: ${k}`);
    out[k] = merge(out[k], v);
  }
  return out as T;
}

/** Lays `over` onto `base` key by key, without checking (merge() into the defaults checks at the end). */
function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const inner = out[k];
    out[k] =
      v !== null && typeof v === 'object' && !Array.isArray(v) && inner !== null && typeof inner === 'object'
        ? overlay(inner as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = Number.isNaN(Number(value)) ? value : Number(value);
}

export interface CostArgs {
  inputs: CostInputs;
  json: boolean;
  help: boolean;
  writeReadme: boolean;
  settingsFile: string | null;
  /** Where the traffic figures came from: the bench's file, or the documented defaults. */
  measured: string;
}

export function inputsFromArgs(args: string[], measuredFile = MEASURED_INPUTS_FILE): CostArgs {
  let over: Record<string, unknown> = {};
  let measured = 'defaults in scripts/cost-estimate.ts (no bench measurements found)';
  if (existsSync(measuredFile)) {
    over = overlay(over, JSON.parse(readFileSync(measuredFile, 'utf8')));
    measured = `${measuredFile.replace(`${ROOT}/`, '')} (bench measurements)`;
  }
  const out = { json: false, help: false, writeReadme: false, settingsFile: null as string | null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--write-readme') out.writeReadme = true;
    else if (a === '--settings') out.settingsFile = args[++i] ?? null;
    else if (a === '--set') {
      const [path, value] = (args[++i] ?? '').split('=');
      if (!path || value === undefined) throw new Error('--set needs key.path=value');
      setPath(over, path, value);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a} (see --help)`);
    else over = overlay(over, JSON.parse(readFileSync(a, 'utf8')));
  }
  return { inputs: merge(DEFAULT_INPUTS, over), measured, ...out };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** The README's cost block: the table, both totals, and the SMS prices next to it. */
export function readmeBlock(e: Estimate, args: Pick<CostArgs, 'inputs' | 'measured'>): string {
  const rows = e.lines.map(
    (l) => `| ${l.service} | ${l.what} | ${usd(l.listUsd)} | ${usd(l.afterFreeTierUsd)} |`,
  );
  return [
    `Default deployment (\`${args.inputs.schedule}\`, ${args.inputs.newItemsPerDay} new items a day, ${args.inputs.subscribers.email} email subscribers), ${PRICES_USD.asOf}; traffic from ${args.measured}. Generated by \`npm run cost -- --write-readme\`.`,
    '',
    '| service | what | list price | after the always-free tier |',
    '|---|---|---|---|',
    ...rows,
    `| **total a month** | | **${usd(e.listPriceUsd)}** | **${usd(e.afterFreeTierUsd)}** |`,
    '',
    `SMS is extra: about ${usd(e.smsPerMessageUsd.perMessage)} a message (assumed: set \`--set subscribers.smsPriceUsd=…\` from the AWS SMS price list for the destination country), so an SMS subscriber getting ${args.inputs.subscribers.smsPerSubscriberDay} alerts a day costs about ${usd(e.smsPerMessageUsd.perSubscriberMonth)} a month.`,
  ].join('\n');
}

export const README_MARKERS = ['<!-- cost:start -->', '<!-- cost:end -->'] as const;

export function replaceReadmeBlock(readme: string, block: string): string {
  const [start, end] = README_MARKERS;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${readme.slice(0, a + start.length)}\n${block}\n${readme.slice(b)}`;
}

const HELP = `Usage: npm run cost -- [options] [inputs.json]

Monthly AWS cost of a deployment: infrastructure from the synthesized template and the handlers' code,
traffic from ${MEASURED_INPUTS_FILE.replace(`${ROOT}/`, '')} (bench measurements) when present, else the defaults.

Options:
  --json                 print {"listPriceUsd", "afterFreeTierUsd", "smsPerMessageUsd", "lines", ...}
  --settings FILE        price the deployment of this settings file (default: the default deployment)
  --set key.path=value   override one input, e.g. --set newItemsPerDay=600 --set subscribers.sms=2
  --write-readme         rewrite the cost block of README.md from this estimate
  -h, --help             this help
`;

function main(argv: string[]): void {
  const args = inputsFromArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  const infra = args.settingsFile ? deployedInfra({}, args.settingsFile) : defaultInfra();
  const inputs = args.settingsFile ? { ...args.inputs, schedule: infra.schedule } : args.inputs;
  const e = estimate(inputs, infra);
  if (args.writeReadme) {
    writeFileSync(README, replaceReadmeBlock(readFileSync(README, 'utf8'), readmeBlock(e, args)));
    process.stdout.write(
      `README.md cost block: ${usd(e.listPriceUsd)} list, ${usd(e.afterFreeTierUsd)} after the free tier\n`,
    );
  } else if (args.json) {
    const { lines, listPriceUsd, afterFreeTierUsd, smsPerMessageUsd } = e;
    const round = (n: number) => Math.round(n * 10_000) / 10_000;
    const json = {
      listPriceUsd: round(listPriceUsd),
      afterFreeTierUsd: round(afterFreeTierUsd),
      smsPerMessageUsd: {
        ...smsPerMessageUsd,
        perSubscriberMonth: round(smsPerMessageUsd.perSubscriberMonth),
      },
      lines: lines.map((l) => ({
        service: l.service,
        what: l.what,
        listUsd: round(l.listUsd),
        afterFreeTierUsd: round(l.afterFreeTierUsd),
      })),
      prices: PRICES_USD.asOf,
      trafficFrom: args.measured,
      infra,
      inputs,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(
      `Monthly cost of ${infra.stackName} at ${inputs.schedule} — ${PRICES_USD.asOf}; traffic from ${args.measured}\n`,
    );
    for (const l of e.lines) {
      process.stdout.write(
        `  ${l.service.padEnd(16)} ${l.what.padEnd(64)} ${usd(l.listUsd).padStart(7)} ${usd(l.afterFreeTierUsd).padStart(7)}\n`,
      );
    }
    process.stdout.write(
      `  ${'total (list, after free tier)'.padEnd(81)} ${usd(e.listPriceUsd).padStart(7)} ${usd(e.afterFreeTierUsd).padStart(7)}\n`,
    );
  }
}

if (process.argv[1]?.endsWith('cost-estimate.ts')) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cost-estimate: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
