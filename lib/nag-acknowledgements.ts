import { type Stack, Validations } from 'aws-cdk-lib';
import { Role } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { MonitorStack } from './monitor-stack';

/**
 * Every cdk-nag finding this stack accepts, each on the one resource it concerns and by its exact
 * finding id, so the same kind of finding anywhere else still fails synth. (The SNS2 acknowledgement of
 * the unencrypted operations topic sits next to that topic, in constructs/operations.ts.)
 */
export function acknowledgeFindings(stack: MonitorStack): void {
  acknowledgeSchedulerInvokeRoles(stack);
  Validations.of(stack.failedRuns).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter destination: Lambda writes the record of each failed or dropped ' +
      'scheduled run here, and its alarm tells the operator; a queue behind it would never be read.',
  });
  const api = stack.getLogicalId(stack.queryApi.api.node.defaultChild as never);
  Validations.of(stack.queryPolicy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${api}>/$default/GET/items/*]`,
    reason:
      'GET /items/{id} takes the item id in the path, so the route ARN ends in a wildcard; it allows reading ' +
      'single items of this one API and stage, nothing else.',
  });
  const sms = stack.smsReadiness.deliveryStatusRole;
  for (const resource of [':*', '/Failure:*', ':log-stream:*', '/Failure:log-stream:*']) {
    Validations.of(sms).acknowledge({
      id:
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/' +
        `<AWS::AccountId>/DirectPublishToPhoneNumber${resource}]`,
      reason:
        "SNS names the SMS delivery-status log streams itself; the role may write only in the account's two SMS " +
        `delivery-status log groups (${resource}), never elsewhere.`,
    });
  }
}

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
