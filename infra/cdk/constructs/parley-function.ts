/**
 * How every Parley Lambda function is built, route or event handler alike: the repository's entry
 * file, Node 22 on arm64, the chosen bundle (bundling.ts), and Lambda's native JSON logs filtered
 * by LOG_LEVEL. Route and event functions add only their own role, timeout and environment.
 */
import * as path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { lambdaBundling } from '../bundling';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const applicationLogLevel = (level: string | undefined): lambda.ApplicationLogLevel =>
  level === 'SILENT'
    ? lambda.ApplicationLogLevel.FATAL
    : (lambda.ApplicationLogLevel[(level ?? 'INFO') as keyof typeof lambda.ApplicationLogLevel] ??
      lambda.ApplicationLogLevel.INFO);

export interface ParleyFunctionProps {
  /** Path from the repository root, e.g. `functions/notifier.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly role: iam.IRole;
  readonly logGroup: logs.ILogGroup;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Asynchronous invocation: retries and where a failed event goes. */
  readonly async?: Pick<NodejsFunctionProps, 'retryAttempts' | 'onFailure' | 'maxEventAge'>;
}

export const parleyFunction = (scope: Construct, id: string, props: ParleyFunctionProps): NodejsFunction =>
  new NodejsFunction(scope, id, {
    entry: path.join(REPO_ROOT, props.entry),
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role: props.role,
    logGroup: props.logGroup,
    description: props.description,
    environment: props.environment,
    bundling: lambdaBundling(),
    // Lambda's native JSON logs: timestamp, level and request id on every line, filtered by level.
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: applicationLogLevel(props.environment.LOG_LEVEL),
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    ...props.async,
  });
