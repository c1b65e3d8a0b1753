import { Aws } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * What SNS needs to log SMS delivery status. SMS logging is an account setting, not a topic one, so the
 * stack only makes the role and `aws sns set-sms-attributes` points the account at it (docs/deploy.md,
 * SMS readiness). SNS writes to the log groups sns/<region>/<account>/DirectPublishToPhoneNumber and
 * .../Failure; the role may write nowhere else.
 */
export class SmsReadiness extends Construct {
  readonly deliveryStatusRole: Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const groups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/DirectPublishToPhoneNumber`;
    this.deliveryStatusRole = new Role(this, 'DeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
      description: 'SNS writes SMS delivery status (success and failure) to CloudWatch Logs',
      inlinePolicies: {
        SmsDeliveryStatusLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
              resources: [`${groups}:*`, `${groups}/Failure:*`],
            }),
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [`${groups}:log-stream:*`, `${groups}/Failure:log-stream:*`],
            }),
          ],
        }),
      },
    });
  }
}
