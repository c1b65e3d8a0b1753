import {
  GetSubscriptionAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { type FilterPolicy, filterPolicyFor } from '../domain/alerts/filter-policy';
import type { Subscriber } from '../domain/alerts/subscribers';
import type { Log, SubscriptionManager } from '../domain/ports';

/**
 * Email and SMS subscribers as SNS subscriptions on the subscribers' topic, each with the filter policy
 * filterPolicyFor() builds (message-attribute scope). An SMS subscriber with a digest email gets a second,
 * email subscription that takes only their digest (`daily:<id>`), where alerts over the SMS cap go.
 */
export class SnsSubscriptions implements SubscriptionManager {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly log?: Log,
  ) {}

  async subscribe(subscriber: Subscriber): Promise<string[]> {
    const made: string[] = [];
    try {
      if (subscriber.email) made.push(await this.one('email', subscriber.email, filterPolicyFor(subscriber)));
      if (subscriber.phone) {
        made.push(await this.one('sms', subscriber.phone, filterPolicyFor(subscriber)));
        if (subscriber.digestEmail) {
          made.push(
            await this.one('email', subscriber.digestEmail, { delivery: [`daily:${subscriber.id}`] }),
          );
        }
      }
      return made;
    } catch (err) {
      // All or nothing: a half-made subscriber would get alerts it cannot remove by id.
      await this.unsubscribe(made).catch(() => {});
      throw new Error(`SNS would not subscribe ${subscriber.id}: ${(err as Error).message}`);
    }
  }

  async unsubscribe(subscriptionArns: string[]): Promise<void> {
    for (const arn of subscriptionArns) {
      try {
        await this.client.send(new UnsubscribeCommand({ SubscriptionArn: arn }));
      } catch (err) {
        // Already gone (deleted in the console, or the address unsubscribed itself): nothing left to do.
        if ((err as Error).name === 'NotFoundException') continue;
        this.log?.error('could not delete an SNS subscription; delete it in the console', {
          subscriptionArn: arn,
          error: (err as Error).message,
        });
        throw err;
      }
    }
  }

  async pendingConfirmation(subscriptionArns: string[]): Promise<boolean> {
    for (const arn of subscriptionArns) {
      const res = await this.client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
      if (res.Attributes?.PendingConfirmation === 'true') return true;
    }
    return false;
  }

  private async one(protocol: 'email' | 'sms', endpoint: string, policy: FilterPolicy): Promise<string> {
    const res = await this.client.send(
      new SubscribeCommand({
        TopicArn: this.topicArn,
        Protocol: protocol,
        Endpoint: endpoint,
        Attributes: { FilterPolicy: JSON.stringify(policy), FilterPolicyScope: 'MessageAttributes' },
        // The real ARN even while an email confirmation is pending, so removal can delete it.
        ReturnSubscriptionArn: true,
      }),
    );
    if (!res.SubscriptionArn)
      throw new Error(`SNS returned no subscription ARN for the ${protocol} subscription`);
    return res.SubscriptionArn;
  }
}
