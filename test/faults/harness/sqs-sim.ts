/**
 * An SQS standard queue with a redrive policy, as the classify function's event source sees it: each
 * receive makes a message invisible for the visibility timeout and counts the receive; a message
 * received `maxReceiveCount` times and still not deleted goes to the dead-letter queue on its next
 * receive; the event source mapping deletes the records of a batch that succeeded except those named
 * in `batchItemFailures`, and deletes nothing when the invocation failed or timed out.
 *
 * Time is the caller's clock (milliseconds), so a test can move past visibility timeouts at once.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface SimMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  /** Clock time before which the message is invisible. */
  visibleAt: number;
  sentAt: number;
}

export interface SqsSimOptions {
  visibilityTimeoutMs: number;
  maxReceiveCount: number;
  now: () => number;
}

export class SqsSim {
  readonly messages = new Map<string, SimMessage>();
  readonly deadLetters: SimMessage[] = [];
  /** Every message ever sent (bodies), for counting copies. */
  readonly sent: string[] = [];
  received = 0;
  private seq = 0;

  constructor(private readonly o: SqsSimOptions) {}

  send(body: string): string {
    const messageId = `sim-${++this.seq}`;
    this.messages.set(messageId, { messageId, body, receiveCount: 0, visibleAt: 0, sentAt: this.o.now() });
    this.sent.push(body);
    return messageId;
  }

  /** Up to `max` visible messages, now invisible for the visibility timeout; over-received ones move to the DLQ. */
  receive(max: number): SimMessage[] {
    const now = this.o.now();
    const out: SimMessage[] = [];
    for (const m of this.messages.values()) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (m.receiveCount >= this.o.maxReceiveCount) {
        this.messages.delete(m.messageId);
        this.deadLetters.push(m);
        continue;
      }
      m.receiveCount++;
      m.visibleAt = now + this.o.visibilityTimeoutMs;
      this.received++;
      out.push(m);
    }
    return out;
  }

  delete(messageId: string): void {
    this.messages.delete(messageId);
  }

  /** What the event source mapping does with an invocation's outcome (undefined: it failed or timed out). */
  settle(batch: SimMessage[], response: SQSBatchResponse | undefined): { deleted: number; failed: number } {
    if (!response) return { deleted: 0, failed: batch.length };
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const m of batch) if (!failed.has(m.messageId)) this.delete(m.messageId);
    return { deleted: batch.length - failed.size, failed: failed.size };
  }

  /** The operator's redrive: dead letters back to the queue as new receives. */
  redrive(): number {
    const n = this.deadLetters.length;
    for (const m of this.deadLetters.splice(0)) {
      this.messages.set(m.messageId, { ...m, receiveCount: 0, visibleAt: 0 });
    }
    return n;
  }

  /** Messages still in the queue (visible or in flight). */
  get depth(): number {
    return this.messages.size;
  }

  event(batch: SimMessage[]): SQSEvent {
    return { Records: batch.map((m) => record(m)) };
  }
}

function record(m: SimMessage): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: `rh-${m.messageId}-${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'kzmon-fetch',
      ApproximateFirstReceiveTimestamp: String(m.sentAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:kzmon-new-items',
    awsRegion: 'us-east-1',
  };
}
