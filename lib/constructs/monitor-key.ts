import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer managed key for the SNS topics. SNS topics need a customer managed key (the AWS managed
 * aws/sns key cannot be shared with CloudWatch), rotated yearly. Publishers get kms:GenerateDataKey* and
 * kms:Decrypt through their topic grants; CloudWatch alarms publish to the ops topic as a service, so
 * the key policy lets cloudwatch.amazonaws.com use it for alarms of this account only.
 */
export function monitorKey(scope: Construct, id: string): Key {
  const key = new Key(scope, id, {
    description: 'kz-news-monitor: encrypts the subscriber and operations topics',
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
      },
    }),
  );
  return key;
}
