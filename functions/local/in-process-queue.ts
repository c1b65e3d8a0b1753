import type { FeedEntry } from '../domain/model';
import type { ItemQueue } from '../domain/ports';

/** Stands in for SQS locally: the fetch step fills it, the classify step drains it. */
export class InProcessQueue implements ItemQueue {
  readonly entries: FeedEntry[] = [];

  async send(entries: FeedEntry[]): Promise<void> {
    // Round-trip through JSON so the classify step sees exactly what an SQS message body would carry.
    for (const e of entries) this.entries.push(JSON.parse(JSON.stringify(e)) as FeedEntry);
  }

  drain(): FeedEntry[] {
    return this.entries.splice(0, this.entries.length);
  }
}
