import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEFAULT_METRIC_NAMESPACE } from '../../functions/handlers/emitted-metrics';

export interface MonitorFunctionProps {
  /** Handler file name under functions/handlers, without extension. */
  handler: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  /** Caps concurrent runs, e.g. 1 for a sweep that must never overlap itself. */
  reservedConcurrentExecutions?: number;
}

const namespaces = new WeakMap<Stack, string>();

/**
 * The EMF namespace of a stack's functions. Each deployment has its own, so the alarms of a second
 * copy (staging) in the same account never read the first copy's metrics.
 */
export function setMetricNamespace(stack: Stack, namespace: string): void {
  namespaces.set(stack, namespace);
}

export function metricNamespaceOf(scope: Construct): string {
  return namespaces.get(Stack.of(scope)) ?? DEFAULT_METRIC_NAMESPACE;
}

/**
 * A function invoked asynchronously on a schedule (EventBridge Scheduler): no Lambda retries, since a
 * retry a minute or two later would overlap the next run (and could send a digest twice); an event
 * older than `maxEventAge` is dropped rather than run late; every failed or dropped run is recorded in
 * the failed-runs queue, whose alarm tells the operator.
 */
export function scheduledInvocation(
  fn: IFunction,
  props: { maxEventAge: Duration; failedRuns: IQueue },
): void {
  fn.configureAsyncInvoke({
    retryAttempts: 0,
    maxEventAge: Duration.seconds(Math.min(6 * 3600, Math.max(60, props.maxEventAge.toSeconds()))),
    onFailure: new SqsDestination(props.failedRuns),
  });
}

/** The runtime every function targets: the newest Node.js that this aws-cdk-lib offers. */
export const MONITOR_RUNTIME = Runtime.NODEJS_24_X;

/**
 * Every function of the monitor is built the same way: arm64, newest Node.js, minified ESM with source
 * maps, its own log group with a set retention, and its own role that may write only to that log group
 * (no AWSLambdaBasicExecutionRole, whose logs:CreateLogGroup on every group is more than it needs).
 */
export function monitorFunction(scope: Construct, id: string, props: MonitorFunctionProps): NodejsFunction {
  // Deleted with the stack: logs already expire after the retention, and a retained group would
  // outlive every function that could write to it.
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${props.description} (function role)`,
  });
  logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
  const fnProps: NodejsFunctionProps = {
    entry: path.join(__dirname, '..', '..', 'functions', 'handlers', `${props.handler}.ts`),
    handler: 'handler',
    description: props.description,
    runtime: MONITOR_RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role,
    logGroup,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_METRICS_NAMESPACE: metricNamespaceOf(scope),
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
      // The Node.js 24 runtime ships AWS SDK v3 (clients and lib-dynamodb). Bundling it would pin the
      // version but add ~370 KB to every function, past the size budget; the calls used here (DynamoDB
      // item/batch/query, SQS send, SNS publish) have been stable across v3 releases.
      externalModules: ['@aws-sdk/*'],
    },
  };
  const fn = new NodejsFunction(scope, id, fnProps);
  // The function must not start before its role may write its logs.
  fn.node.addDependency(role);
  return fn;
}
