import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { MonitorStack } from '../../lib/monitor-stack';

/** The deployed query API refuses unsigned requests: every route of the HTTP API uses IAM authorization. */
let template: Template;

beforeAll(() => {
  // Skipping esbuild bundling (as test/infra does) leaves the templates the same, with placeholder asset hashes.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MonitorStack(app, 'T', { config: loadConfig((k) => (k === 'opsEmail' ? 'ops@example.org' : undefined)) });
  template = Template.fromStack(stack);
});

describe('query API authorization', () => {
  it('serves GET /items, GET /items/{id} and GET /sources, each with AWS_IAM authorization', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(
      Object.values(routes).map((r) => [r.Properties.RouteKey as string, r.Properties.AuthorizationType as string]),
    );
    expect(byKey).toMatchObject({ 'GET /items': 'AWS_IAM', 'GET /items/{id}': 'AWS_IAM', 'GET /sources': 'AWS_IAM' });
    // No route of any API in the stack (a catch-all included) is open.
    for (const [key, auth] of Object.entries(byKey)) expect(auth, key).toBe('AWS_IAM');
  });

  it('the query function may only read the table', () => {
    const fns = template.findResources('AWS::Lambda::Function', { Properties: { Description: 'Answers the query API' } });
    const [fn] = Object.values(fns);
    const roleId = (fn!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((st) => [st.Action].flat());
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite|Scan|\*)/.test(a))).toEqual([]);
  });
});
