import { CfnOutput, Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { monitorFunction } from './monitor-function';
import { grantQueryRead } from './table-access';

export interface QueryApiProps {
  table: TableV2;
  logRetention: RetentionDays;
}

export const QUERY_ROUTES = ['/items', '/items/{id}', '/sources'] as const;

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
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantQueryRead(props.table, this.queryFunction);

    this.api = new HttpApi(this, 'Api', {
      description: 'kz-news-monitor query API',
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The default stage is created below, with access logs and throttling the L2 default stage lacks.
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
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
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'kzmon query --api <this URL>' });
  }
}
