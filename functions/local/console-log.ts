import type { Log } from '../domain/ports';

/** The CLI's logger: warnings and errors to stderr as one readable line each; info only when verbose. */
export function consoleLog(verbose = false): Log & { errors: { message: string; extra?: Record<string, unknown> }[] } {
  const errors: { message: string; extra?: Record<string, unknown> }[] = [];
  const line = (level: string, message: string, extra?: Record<string, unknown>) =>
    `${level} ${message}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  return {
    errors,
    info: (m, ...x) => {
      const e = x[0];
      if (verbose) process.stderr.write(`${line('info', m, e)}\n`);
    },
    debug: (m, ...x) => {
      const e = x[0];
      if (verbose) process.stderr.write(`${line('debug', m, e)}\n`);
    },
    warn: (m, ...x) => process.stderr.write(`${line('warn', m, x[0])}\n`),
    error: (m, ...x) => {
      const e = x[0];
      errors.push({ message: m, extra: e });
      process.stderr.write(`${line('error', m, e)}\n`);
    },
  };
}
