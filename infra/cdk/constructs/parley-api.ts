/**
 * The HTTP API: one route per route-table entry, each integrated with its own function; the
 * Cognito JWT authorizer on exactly the moderator routes; CORS for the blog's origins only;
 * stage throttling, a separate throttle per moderator route, and JSON access logs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS_POLICY } from '../../../shared/http/cors-policy';
import { routeKey, type Route } from '../../../shared/routes';

export interface ParleyApiProps {
  readonly routes: ReadonlyArray<{ readonly route: Route; readonly fn: IFunction }>;
  readonly allowedOrigins: readonly string[];
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  /** Further app clients whose tokens the API accepts (the console's). */
  readonly extraUserPoolClients?: readonly cognito.IUserPoolClient[];
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Each moderator route's own throttle, apart from the stage's (which readers can use up). */
  readonly adminThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
}

/**
 * One JSON object per request. No source IP and no user agent: Parley keeps a reader's address
 * only as a keyed hash, so the access log does not keep it in the clear either.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
});

export class ParleyApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ParleyApiProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Parley comments API',
      createDefaultStage: false,
      // No origins, no CORS: API Gateway then answers no preflight and browsers are refused.
      corsPreflight:
        props.allowedOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: CORS_POLICY.allowMethods.map((method) => apigw.CorsHttpMethod[method]),
              allowHeaders: [...CORS_POLICY.allowHeaders],
              exposeHeaders: [...CORS_POLICY.exposeHeaders],
              maxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
              allowCredentials: false,
            },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer('Moderators', props.userPool, {
      userPoolClients: [props.userPoolClient, ...(props.extraUserPoolClients ?? [])],
      identitySource: ['$request.header.Authorization'],
    });

    for (const { route, fn } of props.routes) {
      this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, fn),
        authorizer: route.auth === 'moderator' ? authorizer : undefined,
      });
    }

    // Route-level throttling: the moderators' routes are throttled on their own, so a flood of
    // reader traffic that hits the stage limit does not lock the moderators out with it.
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(
      props.routes
        .filter(({ route }) => route.auth === 'moderator')
        .map(({ route }) => [
          routeKey(route),
          // Raw CloudFormation JSON (a map), so CloudFormation's own spelling.
          { ThrottlingRateLimit: props.adminThrottle.rateLimit, ThrottlingBurstLimit: props.adminThrottle.burstLimit },
        ]),
    );
  }

  /** The base URL the widget and the tools call, with a trailing slash. */
  get url(): string {
    return this.stage.url;
  }
}
