import type { Log } from '../domain/ports';

export interface ConsoleLogOptions {
  /** Every step, info and debug included. */
  verbose?: boolean;
  /** One JSON object per line (level, message, time and the details) instead of readable lines. */
  json?: boolean;
  /**
   * Messages a command's own summary already reports (a failed source, a failed item): not printed
   * unless verbose or JSON logs were asked for, so a failure is told once, in words.
   */
  toldInSummary?: (message: string) => boolean;
  /** Where lines go (stderr by default); a progress display passes its own so lines land above it. */
  write?: (line: string) => void;
}

let jsonByDefault = false;

/** `--log-json` on the command line: every console log of this process writes JSON lines. */
export function useJsonLogs(json: boolean): void {
  jsonByDefault = json;
}

type Extra = Record<string, unknown> | undefined;

function readable(level: string, message: string, extra: Extra): string {
  if (!extra || Object.keys(extra).length === 0) return `${level}: ${message}`;
  const details = Object.entries(extra)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  return `${level}: ${message} (${details})`;
}

/**
 * The CLI's logger. By default warnings and errors go to stderr as one readable line each and info is
 * silent; `verbose` adds info and debug; `json` (or --log-json) writes JSON lines for log tools.
 */
export function consoleLog(
  options: boolean | ConsoleLogOptions = {},
): Log & { errors: { message: string; extra?: Record<string, unknown> }[] } {
  const o: ConsoleLogOptions = typeof options === 'boolean' ? { verbose: options } : options;
  const json = o.json ?? jsonByDefault;
  const write = o.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const errors: { message: string; extra?: Record<string, unknown> }[] = [];
  const emit = (level: string, message: string, extra: Extra) => {
    if (json) {
      write(JSON.stringify({ level, message, time: new Date().toISOString(), ...extra }));
      return;
    }
    if (o.verbose) write(`${level} ${message}${extra ? ` ${JSON.stringify(extra)}` : ''}`);
    else if (!o.toldInSummary?.(message)) write(readable(level, message, extra));
  };
  const chatty = () => o.verbose || false;
  return {
    errors,
    info: (m, ...x) => {
      if (chatty()) emit('info', m, x[0]);
    },
    debug: (m, ...x) => {
      if (chatty()) emit('debug', m, x[0]);
    },
    warn: (m, ...x) => emit('warn', m, x[0]),
    error: (m, ...x) => {
      errors.push({ message: m, extra: x[0] });
      emit('error', m, x[0]);
    },
  };
}
