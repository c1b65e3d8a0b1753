import { type Stack, Validations } from 'aws-cdk-lib';
import { type CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Role } from 'aws-cdk-lib/aws-iam';

/**
 * EventBridge Scheduler's Lambda target (aws-scheduler-targets LambdaInvoke) shares one role per
 * target function and grants it lambda:InvokeFunction on `<function ARN>` and `<function ARN>:*`. The
 * `:*` is the only wildcard: it covers qualified ARNs (versions, aliases) of that one function, never
 * another function or action. Acknowledged per function, by its exact finding id, so a wildcard on
 * anything else still fails the check.
 */
export function acknowledgeSchedulerInvokeRoles(stack: Stack): void {
  const roles = stack.node
    .findAll()
    .filter((c): c is Role => c instanceof Role && c.node.id.startsWith('SchedulerRoleForTarget'));
  const functions = stack.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction);
  for (const role of roles) {
    for (const fn of functions) {
      const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          `The schedule may invoke ${fn.node.path} and its qualified versions/aliases only (` +
          'lambda:InvokeFunction on <function ARN>:*, as the Scheduler L2 target grants); no other function or action.',
      });
    }
  }
}

/**
 * Publishing to a KMS-encrypted topic needs kms:GenerateDataKey* on the topic key (the `*` covers
 * GenerateDataKey and GenerateDataKeyWithoutPlaintext, the variants SNS may call); the resource is the
 * one topic key, never `*`. Acknowledged for the stack because every publisher gets it from
 * Topic.grantPublish on a topic with this key.
 */
export function acknowledgeTopicKeyGrants(stack: Stack): void {
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'Publishers of the KMS-encrypted SNS topics need kms:GenerateDataKey* (GenerateDataKey and its ' +
      'WithoutPlaintext variant) on the one topic key, as Topic.grantPublish grants; the resource is that key only.',
  });
}
