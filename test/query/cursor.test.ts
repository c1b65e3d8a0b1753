import { describe, expect, it } from 'vitest';
import { InvalidCursorError, decodeCursor, encodeCursor } from '../../functions/domain/query/cursor';

const range = { lower: '0', upper: '9' };
const position = '2026-11-01T10:00:00.000Z#0123456789abcdef01234567';

describe('cursor', () => {
  it('round-trips a position for the same query', () => {
    expect(decodeCursor(encodeCursor(position, 'fp1'), 'fp1', range)).toBe(position);
  });

  const refused: [string, () => string, RegExp][] = [
    ['random text', () => 'hello', /not a cursor this API issued/],
    ['a truncated cursor', () => encodeCursor(position, 'fp1').slice(0, -3), /not a cursor this API issued/],
    [
      'a payload edited to point elsewhere',
      () => {
        const [, mac] = encodeCursor(position, 'fp1').split('.');
        const forged = Buffer.from(JSON.stringify({ v: 1, p: position.replace('10:00', '11:00'), f: 'fp1' })).toString('base64url');
        return `${forged}.${mac}`;
      },
      /signature does not match/,
    ],
    ['a cursor of another query', () => encodeCursor(position, 'fp2'), /different filters/],
    ['a cursor outside the date range', () => encodeCursor('2025-01-01T00:00:00.000Z#0123456789abcdef01234567', 'fp1'), /outside the date range/],
    ['a signed cursor whose position is not a sort key', () => encodeCursor('ITEM#x', 'fp1'), /unreadable/],
  ];
  for (const [what, make, message] of refused) {
    it(`refuses ${what}`, () => {
      const cursor = make();
      const lower = what.includes('outside') ? '2026-01-01' : range.lower;
      expect(() => decodeCursor(cursor, 'fp1', { lower, upper: range.upper })).toThrow(InvalidCursorError);
      expect(() => decodeCursor(cursor, 'fp1', { lower, upper: range.upper })).toThrow(message);
    });
  }
});
