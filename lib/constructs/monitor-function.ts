import { Duration, type Stack } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as path from 'node:path';

export interface MonitorFunctionProps {
  /** Handler file name under functions/handlers, without extension. */
  handler: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
}

/** Every function of the monitor is built the same way: arm64, newest Node.js, minified ESM with source maps. */
export function monitorFunction(scope: Construct, id: string, props: MonitorFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
  const fnProps: NodejsFunctionProps = {
    entry: path.join(__dirname, '..', '..', 'functions', 'handlers', `${props.handler}.ts`),
    handler: 'handler',
    description: props.description,
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    logGroup,
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_METRICS_NAMESPACE: 'KzNewsMonitor',
      ...props.environment,
    },
    bundling: {
      format: OutputFormat.ESM,
      minify: true,
      sourceMap: true,
      target: 'node24',
      mainFields: ['module', 'main'],
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      externalModules: ['@aws-sdk/*'],
    },
  };
  return new NodejsFunction(scope, id, fnProps);
}

export type { Stack };
export { Duration };
