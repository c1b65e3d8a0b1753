import { CfnOutput, Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { monitorFunction } from './monitor-function';

export interface QueryApiProps {
  table: TableV2;
  logRetention: RetentionDays;
}

/** Read-only HTTP API over the stored items, every route behind IAM (SigV4) authorization. */
export class QueryApi extends Construct {
  readonly api: HttpApi;
  readonly queryFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    this.queryFunction = monitorFunction(this, 'Query', {
      handler: 'query',
      description: 'Answers the query API',
      memorySize: 512,
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName },
    });
    props.table.grantReadData(this.queryFunction);
    this.api = new HttpApi(this, 'Api', {
      description: 'kz-news-monitor query API',
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const integration = new HttpLambdaIntegration('QueryIntegration', this.queryFunction);
    for (const path of ['/items', '/items/{id}', '/sources']) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'kzmon query --api <this URL>' });
  }
}
