/**
 * Alarm windows derived from the fetch schedule. An alarm that counts "N cycles in a row" or "nothing
 * new for a day" must hold at least the cycles it counts, and CloudWatch limits the evaluation range
 * (period × evaluation periods) to one day for periods under an hour and to seven days otherwise.
 */

/** Slowest fetch schedule the alarms can follow (a weekday-only schedule waits three days). */
export const MAX_CYCLE_MINUTES = 3 * 1440;
/** CloudWatch's longest evaluation range (period × evaluation periods) for periods of an hour or more. */
const MAX_RANGE_MINUTES = 7 * 1440;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Consecutive failed cycles before someone is told about a failing source. */
export const SOURCE_FAILURE_CYCLES = 3;

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/**
 * The longest time between two runs of a schedule, in minutes. Exact for rate(); for cron() the
 * longest gap the minute and hour fields allow (wildcards, steps, lists and ranges), a day when only
 * one hour a day is given, the longest gap between the days of the week it names, and a month when
 * it names days of the month: an over-estimate only makes the alarms slower, never wrong.
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
  if (dayOfMonth !== '*' && dayOfMonth !== '?') return 31 * 1440;
  const minuteGap = longestGap(minute, 60);
  const hourGap = longestGap(hour, 24);
  // Runs in some hours only: the longest wait is from the last run of one run-hour to the next run-hour.
  const withinDays = hourGap === 1 ? minuteGap : (hourGap - 1) * 60 + minuteGap;
  if (dayOfWeek === '*' || dayOfWeek === '?') return withinDays;
  const days = DAY_NAMES.reduce((f, name, i) => f.replaceAll(name, String(i + 1)), dayOfWeek.toUpperCase());
  const dayGap = /^[\d,\-/*]+$/.test(days) ? longestGap(days, 7, 1) : 7;
  return (dayGap - 1) * 1440 + withinDays;
}

/** The longest cyclic gap between the values a cron field selects within first..first+size-1. */
function longestGap(field: string, size: number, first = 0): number {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = first;
    let to = first + size - 1;
    if (range !== '*' && range !== undefined) {
      const [a, b] = range.split('-').map(Number);
      from = a!;
      to = b ?? (stepText ? first + size - 1 : a!);
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

/**
 * One period per cycle, so N breaching periods are N failed cycles in a row: three, or as many as
 * CloudWatch's range holds for a schedule slower than 56 hours.
 */
export function sourceFailureWindow(cycleMinutes: number): AlarmWindow {
  const period = Math.max(1, cycleMinutes);
  return {
    periodMinutes: period,
    evaluationPeriods: Math.max(1, Math.min(SOURCE_FAILURE_CYCLES, Math.floor(MAX_RANGE_MINUTES / period))),
  };
}

/** "Nothing new": a day, or three cycles when the schedule is slower than eight hours (at most 7 days). */
export function noNewItemsWindow(cycleMinutes: number): AlarmWindow {
  return {
    periodMinutes: Math.min(MAX_RANGE_MINUTES, Math.max(1440, SOURCE_FAILURE_CYCLES * cycleMinutes)),
    evaluationPeriods: 1,
  };
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
