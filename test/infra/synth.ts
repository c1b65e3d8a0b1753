import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

/**
 * Builds the app the way `cdk synth` does, with the given `-c` settings, but skips esbuild bundling
 * (the `aws:cdk:bundling-stacks` context): templates are the same, only the asset hashes are
 * placeholders, and a test file synthesizes in about a second instead of bundling four functions.
 * Bundles themselves are measured by scripts/bundle-sizes.ts.
 */
export function synthMonitor(context: Record<string, unknown> = {}) {
  const { app, stack } = buildApp(
    { context: { 'aws:cdk:bundling-stacks': [], opsEmail: 'ops@example.org', ...context } },
    // The nag test runs the checks itself (validateScope) and lists the findings; here synth must
    // not stop at one so the template assertions still run.
    { nag: false },
  );
  return { app, stack, template: Template.fromStack(stack) };
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

/** Every IAM statement attached to a role, from the synthesized template. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
