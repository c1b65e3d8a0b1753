import {
  type LocalCycleDeps,
  type LocalCycleResult,
  runLocalCycle,
} from '../../../functions/local/local-cycle';

/**
 * A cycle at `now`, then the next scheduled one ten minutes later: by then any alert lease a faulted
 * sweep left behind has run out, and whatever the first cycle could not finish is picked up again.
 */
export async function thisCycleAndTheNext(
  deps: Omit<LocalCycleDeps, 'now'>,
  now: Date,
): Promise<[LocalCycleResult, LocalCycleResult]> {
  const first = await runLocalCycle({ ...deps, now: () => now });
  const later = new Date(now.getTime() + 10 * 60_000);
  const second = await runLocalCycle({ ...deps, now: () => later });
  return [first, second];
}
