/**
 * Alarm windows derived from the fetch schedule. An alarm that counts "N cycles in a row" or "nothing
 * new for a day" must hold at least the cycles it counts, and CloudWatch limits the evaluation range
 * (period × evaluation periods) to one day for periods under an hour and to seven days otherwise.
 */

/** Slowest fetch schedule the alarms can follow: three cycles must fit in CloudWatch's 7-day range. */
export const MAX_CYCLE_MINUTES = 2 * 1440;
/** Consecutive failed cycles before someone is told about a failing source. */
export const SOURCE_FAILURE_CYCLES = 3;

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/**
 * The longest time between two runs of a schedule, in minutes. Exact for rate(); for cron() the
 * longest gap the minute and hour fields allow (wildcards, steps, lists and ranges), a day when only
 * one hour a day is given, and a week when the days are restricted: an over-estimate only makes the
 * alarms slower, never wrong.
 */
export function scheduleIntervalMinutes(schedule: string): number {
  const m = RATE.exec(schedule);
  if (m) {
    const n = Number(m[1]);
    return m[2].startsWith('minute') ? n : m[2].startsWith('hour') ? n * 60 : n * 1440;
  }
  const fields = /^cron\((.+)\)$/.exec(schedule)?.[1]?.split(' ');
  if (fields?.length !== 6) throw new Error(`not a rate() or cron() schedule: ${schedule}`);
  const [minute, hour, dayOfMonth, , dayOfWeek] = fields as [string, string, string, string, string];
  const everyDay = (dayOfMonth === '*' || dayOfMonth === '?') && (dayOfWeek === '*' || dayOfWeek === '?');
  if (!everyDay) return 7 * 1440;
  const minuteGap = longestGap(minute, 60);
  const hourGap = longestGap(hour, 24);
  if (hourGap === 1) return minuteGap;
  // Runs in some hours only: the longest wait is from the last run of one run-hour to the next run-hour.
  return (hourGap - 1) * 60 + minuteGap;
}

/** The longest cyclic gap between the values a cron field selects within 0..size-1. */
function longestGap(field: string, size: number): number {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = 0;
    let to = size - 1;
    if (range !== '*' && range !== undefined) {
      const [a, b] = range.split('-').map(Number);
      from = a!;
      to = b ?? (stepText ? size - 1 : a!);
    }
    if (![from, to, step].every(Number.isInteger) || step < 1) return size;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return size;
  let gap = sorted[0]! + size - sorted.at(-1)!;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
  return gap;
}

export interface AlarmWindow {
  periodMinutes: number;
  evaluationPeriods: number;
}

/** One period per cycle, so N breaching periods are N failed cycles in a row. */
export function sourceFailureWindow(cycleMinutes: number): AlarmWindow {
  return { periodMinutes: Math.max(1, cycleMinutes), evaluationPeriods: SOURCE_FAILURE_CYCLES };
}

/** "Nothing new": a day, or three cycles when the schedule is slower than eight hours. */
export function noNewItemsWindow(cycleMinutes: number): AlarmWindow {
  return { periodMinutes: Math.max(1440, SOURCE_FAILURE_CYCLES * cycleMinutes), evaluationPeriods: 1 };
}

/** The alert sweep's heartbeat: no run in max(10 minutes, 3 sweeps) means the sweep stopped. */
export function sweepStoppedWindow(sweepMinutes: number): AlarmWindow {
  return {
    periodMinutes: Math.max(5, sweepMinutes),
    evaluationPeriods: Math.max(2, Math.ceil((3 * sweepMinutes) / Math.max(5, sweepMinutes))),
  };
}

/** Whether CloudWatch accepts the window (PutMetricAlarm's evaluation-range limits). */
export function withinCloudWatchLimits(w: AlarmWindow): boolean {
  const range = w.periodMinutes * w.evaluationPeriods;
  return w.periodMinutes < 60 ? range <= 1440 : range <= 7 * 1440;
}
