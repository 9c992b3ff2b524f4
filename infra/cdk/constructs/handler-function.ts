/**
 * A Lambda function that is not a route (stream, event and schedule handlers), built like the
 * route functions: the same bundling, runtime, JSON logs and an own role that may write only to
 * its own log group. Table and secret grants are explicit and narrow, as a route's are.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { parleyFunction } from './parley-function';

/** The DynamoDB actions a handler's store functions call (Query on the base table only). */
export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

export interface HandlerFunctionProps {
  /** Path from the repository root, e.g. `functions/notifier.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly tableArn: string;
  readonly tableActions: readonly TableAction[];
  /** Secrets it may read (GetSecretValue on each, nothing else). */
  readonly secrets: readonly ISecret[];
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRetention: logs.RetentionDays;
  /** Asynchronous invocation: retries and where a failed event goes. */
  readonly async?: Pick<NodejsFunctionProps, 'retryAttempts' | 'onFailure' | 'maxEventAge'>;
}

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    logGroup.grantWrite(this.role);

    const itemActions = props.tableActions.map((action) => `dynamodb:${action}`);
    if (itemActions.length > 0)
      this.role.addToPolicy(new iam.PolicyStatement({ actions: itemActions, resources: [props.tableArn] }));
    if (props.secrets.length > 0)
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: props.secrets.map((secret) => secret.secretArn),
        }),
      );

    this.fn = parleyFunction(this, 'Function', {
      entry: props.entry,
      description: props.description,
      role: this.role,
      logGroup,
      environment: props.environment,
      memorySize: props.memorySize,
      timeout: props.timeout,
      async: props.async,
    });
  }
}
