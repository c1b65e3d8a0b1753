import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium, or an error that says how to get it: the browser tests must never skip quietly. */
export function chromiumPath(path = CHROMIUM): string {
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not installed at ${path}; the web view's browser tests need it. Install it with ` +
        '`sudo apt-get update && sudo apt-get install -y chromium` (CI: .ci/run installs it when missing).',
    );
  }
  return path;
}
