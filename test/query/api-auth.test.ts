import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { MonitorStack } from '../../lib/monitor-stack';

/** The deployed query API refuses unsigned requests: every route of the HTTP API uses IAM authorization. */
let template: Template;

beforeAll(() => {
  const app = new App();
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
    const policies = template.findResources('AWS::IAM::Policy');
    const queryPolicies = Object.entries(policies).filter(([id]) => id.startsWith('QueryApi'));
    expect(queryPolicies.length).toBeGreaterThan(0);
    const actions = queryPolicies.flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()),
    );
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).not.toHaveLength(0);
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
  });
});
