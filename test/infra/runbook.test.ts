import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthMonitor } from './synth';

/** docs/deploy.md is a runbook for the template as it is: every alarm, output and retained resource. */
const runbook = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
let template: Template;

beforeAll(() => {
  ({ template } = synthMonitor());
});

describe('docs/deploy.md', () => {
  it('explains every alarm the stack makes', () => {
    for (const a of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      const name = String(a.Properties.AlarmName).replace(/^kzmon-/, '');
      expect(runbook, name).toContain(`| \`${name}\` |`);
    }
  });

  it('lists every output of the stack', () => {
    for (const name of Object.keys(template.toJSON().Outputs)) expect(runbook, name).toContain(`\`${name}\``);
  });

  it('says how to delete what cdk destroy keeps', () => {
    const kept = Object.values(
      template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>,
    ).filter((r) => r.DeletionPolicy === 'Retain');
    expect(kept.map((r) => r.Type)).toEqual(['AWS::DynamoDB::Table']);
    expect(runbook).toContain(
      'aws dynamodb update-table --table-name <TableName> --no-deletion-protection-enabled',
    );
    expect(runbook).toContain('aws dynamodb delete-table --table-name <TableName>');
    expect(runbook).toContain('DirectPublishToPhoneNumber/Failure');
  });

  it('has the SMS readiness checklist and the checks after deploying', () => {
    for (const step of [
      'get-sms-sandbox-account-status',
      'MonthlySpendLimit=',
      'Origination identity',
      'DefaultSMSType=Transactional',
      'DeliveryStatusIAMRole=<SmsDeliveryStatusRoleArn>',
      'aws cloudwatch set-alarm-state --alarm-name kzmon-',
      'npx kzmon sources --api <ApiUrl>',
      'npx kzmon query --api <ApiUrl>',
    ]) {
      expect(runbook, step).toContain(step);
    }
  });
});
