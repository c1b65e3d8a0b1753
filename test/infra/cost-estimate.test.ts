import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, cyclesPerMonth, estimate, inputsFromArgs } from '../../scripts/cost-estimate';

describe('cost estimate', () => {
  it('counts fetch cycles from the schedule', () => {
    expect(Math.round(cyclesPerMonth('rate(10 minutes)'))).toBe(4378);
    expect(Math.round(cyclesPerMonth('rate(1 hour)'))).toBe(730);
    expect(() => cyclesPerMonth('cron(0 * * * ? *)')).toThrow(/needs a rate/);
  });

  it('charges measured durations: twice the classify time is twice its compute', () => {
    const lambda = (ms: number) =>
      estimate({ ...DEFAULT_INPUTS, classify: { ...DEFAULT_INPUTS.classify, durationMsPerItem: ms } }).lines[0]!.usd;
    const fetchAndRest = lambda(0);
    expect(lambda(1200) - fetchAndRest).toBeCloseTo(2 * (lambda(600) - fetchAndRest), 10);
  });

  it('takes measured figures from --set and refuses unknown inputs', () => {
    const { inputs } = inputsFromArgs(['--set', 'fetch.durationMs=2500', '--set', 'schedule=rate(5 minutes)']);
    expect(inputs.fetch).toEqual({ ...DEFAULT_INPUTS.fetch, durationMs: 2500 });
    expect(inputs.schedule).toBe('rate(5 minutes)');
    expect(() => inputsFromArgs(['--set', 'fetch.duration=1'])).toThrow(/unknown cost input: duration/);
  });
});
