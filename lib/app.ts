import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type LoadOptions, loadConfig } from './config';
import { MonitorStack } from './monitor-stack';
import { acknowledgeFindings } from './nag-acknowledgements';

/**
 * The CDK app: settings from the settings file and `-c` (validated, so a bad one fails here), the
 * stack, and cdk-nag's AwsSolutions checks, which make synth fail on any finding not acknowledged with
 * a reason.
 */
export function buildApp(
  props: AppProps = {},
  options: { nag?: boolean } & LoadOptions = {},
): { app: App; stack: MonitorStack } {
  const app = new App(props);
  const config = loadConfig((key) => app.node.tryGetContext(key), options);
  const stack = new MonitorStack(app, config.stackName, {
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `kz-news-monitor (${config.namePrefix}): Kazakhstan–US and C5+1 news alerts`,
  });
  acknowledgeFindings(stack);
  // Template tests turn the plugin off to assert on a stack even while a finding is open; the nag
  // test runs the same checks over the same app itself.
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
