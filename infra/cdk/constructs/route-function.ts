/**
 * One route's Lambda function: its own bundle, role, log group and exactly the permissions its
 * route-table entry lists (DynamoDB actions, the indexes it queries, and the HMAC secret only when
 * `usesSecret`).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Route } from '../../../shared/routes';
import { INDEXES } from '../../../shared/store/table-definition';
import { parleyFunction } from './parley-function';

export interface RouteFunctionProps {
  readonly route: Route;
  readonly tableArn: string;
  readonly secret: ISecret;
  /** Settings shared by every function (TABLE_NAME, ALLOWED_ORIGINS, ...); SECRET_ARN is added here when needed. */
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly logRetention: logs.RetentionDays;
}

export class RouteFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { route } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the default one: no AWS managed policy, logs only to this function's group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Parley ${route.name}: ${route.method} ${route.path}`,
    });
    this.logGroup.grantWrite(this.role);

    // Item actions on the table; Query only where the route reads: its own indexes, or the base table.
    const itemActions = route.tableAccess.filter((action) => action !== 'Query');
    if (itemActions.length > 0) {
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: itemActions.map((action) => `dynamodb:${action}`),
          resources: [props.tableArn],
        }),
      );
    }
    if (route.tableAccess.includes('Query')) {
      const queried =
        route.indexes.length > 0
          ? route.indexes.map((name) => `${props.tableArn}/index/${INDEXES[name].indexName}`)
          : [props.tableArn];
      this.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: queried }));
    }
    if (route.usesSecret) {
      this.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.secret.secretArn] }),
      );
    }

    this.fn = parleyFunction(this, 'Function', {
      entry: route.entry,
      description: `Parley ${route.method} ${route.path}`,
      role: this.role,
      logGroup: this.logGroup,
      environment: route.usesSecret ? { ...props.environment, SECRET_ARN: props.secret.secretArn } : props.environment,
      memorySize: props.memorySize,
      timeout: Duration.seconds(10),
    });
  }
}
