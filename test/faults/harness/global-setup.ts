import { rmSync } from 'node:fs';
import { ROWS_FILE } from './outcome-table';

/** Each run starts from no rows; the outcome reporter prints and clears them at the end. */
export function setup(): void {
  rmSync(ROWS_FILE, { force: true });
}
