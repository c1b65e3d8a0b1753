import { App } from 'aws-cdk-lib';
import { loadConfig } from '../lib/config';
import { MonitorStack } from '../lib/monitor-stack';

const app = new App();
const config = loadConfig((key) => app.node.tryGetContext(key));
new MonitorStack(app, 'KzNewsMonitor', {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'kz-news-monitor: Kazakhstan–US and C5+1 news alerts',
});
