import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

/** The context cdk.json gives the CLI (feature flags included), so tests synthesize what `cdk synth` does. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context;

/**
 * Builds the app the way `cdk synth` does, with cdk.json's context and the given `-c` settings (no
 * settings file, so a developer's own deploy.settings.json never leaks into a test), but skips esbuild
 * bundling (the `aws:cdk:bundling-stacks` context): templates are the same, only the asset hashes are
 * placeholders, and a test file synthesizes in about a second instead of bundling every function.
 * Bundles themselves are measured by scripts/bundle-sizes.ts.
 */
export function synthMonitor(
  context: Record<string, unknown> = {},
  options: { settingsFile?: string | null } = {},
) {
  const { app, stack } = buildApp(
    {
      context: {
        ...CDK_JSON_CONTEXT,
        'aws:cdk:bundling-stacks': [],
        opsEmail: 'ops@example.org',
        ...context,
      },
    },
    // The nag test runs the checks itself (validateScope) and lists the findings; here synth must
    // not stop at one so the template assertions still run.
    { nag: false, settingsFile: options.settingsFile ?? null },
  );
  return { app, stack, template: Template.fromStack(stack) };
}

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

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
