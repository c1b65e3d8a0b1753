import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedEntry } from '../domain/model';
import type { ItemQueue } from '../domain/ports';

/** Queues new feed entries for the classify function, ten to a batch, retrying entries SQS rejected. */
export class SqsItemQueue implements ItemQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(entries: FeedEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 10) {
      let batch = entries.slice(i, i + 10).map((e, n) => ({ Id: String(n), MessageBody: JSON.stringify(e) }));
      for (let attempt = 0; batch.length > 0; attempt++) {
        if (attempt > 4) throw new Error(`SQS refused ${batch.length} messages after retries`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 100 * 2 ** attempt));
        const res = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch }));
        const failed = new Set((res.Failed ?? []).map((f) => f.Id));
        batch = batch.filter((b) => failed.has(b.Id));
      }
    }
  }
}
