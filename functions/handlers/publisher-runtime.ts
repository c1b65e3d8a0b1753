/**
 * The subscribers' topic as the alert path publishes to it: shared by the alert sweep and the digest,
 * kept apart from runtime.ts so the functions that never publish do not bundle the SNS client.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { parseSubscriberPolicies, SnsPublisher } from '../adapters/sns-publisher';
import { requiredEnv } from './runtime';

export function makePublisher(): SnsPublisher {
  // A bounded publish: a hung call must end well inside the alert claim's lease.
  return new SnsPublisher(
    new SNSClient({ maxAttempts: 4, requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000 } }),
    requiredEnv('TOPIC_ARN'),
    parseSubscriberPolicies(process.env.SUBSCRIBER_POLICIES),
  );
}
