import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { monitorFunction } from './monitor-function';
import { grantQueryRead } from './table-access';

export interface QueryApiProps {
  table: ITable;
  logRetention: RetentionDays;
}

export const QUERY_ROUTES = ['/items', '/items/{id}', '/sources'] as const;

/**
 * The key that signs paging cursors: the random UUID CloudFormation gives the stack when it creates it
 * (the last part of the stack id). It differs per deployment, costs nothing, needs no operator step and
 * is known only to principals of the account who may describe the stack or read the function's
 * configuration; a cursor's signature only guards against tampering (the store rebuilds the start key
 * itself and checks its range), so that is enough. It changes only when the stack is created again.
 */
export function stackCursorKey(): string {
  return Fn.select(2, Fn.split('/', Aws.STACK_ID));
}

/** Read-only HTTP API over the stored items, every route behind IAM (SigV4) authorization. */
export class QueryApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly queryFunction: NodejsFunction;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    this.queryFunction = monitorFunction(this, 'Query', {
      handler: 'query',
      description: 'Answers the query API',
      // One Query of at most 100 small listing rows per request: the smallest size that keeps the
      // measured cold start low (see docs/deploy.md).
      memorySize: 256,
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName, KZMON_CURSOR_KEY: stackCursorKey() },
    });
    grantQueryRead(props.table, this.queryFunction);

    this.api = new HttpApi(this, 'Api', {
      description: 'kz-news-monitor query API',
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The default stage is created below, with access logs and throttling the L2 default stage lacks.
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            caller: '$context.identity.caller',
            user: '$context.identity.userArn',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            error: '$context.error.message',
            authError: '$context.authorizer.error',
          }),
        ),
      },
      // A signed caller with a bug should not run up the bill: 10 requests/s, bursts of 20.
      throttle: { rateLimit: 10, burstLimit: 20 },
    });
    const integration = new HttpLambdaIntegration('QueryIntegration', this.queryFunction);
    for (const path of QUERY_ROUTES) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }
  }
}
