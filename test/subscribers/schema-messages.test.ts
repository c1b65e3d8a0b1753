import { describe, expect, it } from 'vitest';
import { parseSubscriber, parseSubscribers } from '../../functions/domain/alerts/subscribers';

// The schema is built on zod/mini, which has no messages of its own: a user fixing a subscribers file
// must still read what is wrong, not "Invalid input".
describe('subscriber validation messages', () => {
  it('names what is wrong with each field in English', () => {
    expect(() => parseSubscriber({ id: 'desk', email: 'not-an-email' })).toThrow(
      'invalid subscriber: email: Invalid email address',
    );
    expect(() => parseSubscriber({ id: 'desk', email: 'desk@example.org', minScore: 2 })).toThrow(
      'minScore: Too big: expected number to be <=1',
    );
    expect(() => parseSubscriber({ id: 'desk', email: 'desk@example.org', categories: [] })).toThrow(
      'categories: Too small: expected array to have >=1 items',
    );
    expect(() => parseSubscriber({ id: 'desk', email: 'desk@example.org', delivery: 'weekly' })).toThrow(
      'delivery: Invalid option: expected one of "instant"|"daily"',
    );
    expect(() => parseSubscribers({})).toThrow(
      'invalid subscribers: (root): Invalid input: expected array, received object',
    );
  });

  it('fills the defaults with a fresh list for each subscriber', () => {
    const first = parseSubscriber({ id: 'a', email: 'a@example.org' });
    first.categories.pop();
    const second = parseSubscriber({ id: 'b', email: 'b@example.org' });
    expect(second.categories.length).toBe(first.categories.length + 1);
    expect(second).toMatchObject({ minScore: 0, delivery: 'instant' });
  });
});
