/**
 * cdk-nag (AwsSolutions) findings that are accepted, each acknowledged on the narrowest construct
 * (a route, a function, the secret, the widget's bucket or distribution), with the reason.
 * Nothing here is acknowledged stack-wide.
 */
import { DefaultStackSynthesizer, Stack, Token, Validations } from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Route } from '../../shared/routes';
import type { Edge } from './constructs/edge';
import type { ParleyApi } from './constructs/parley-api';
import type { WidgetHosting } from './constructs/widget-hosting';

export interface NagParts {
  readonly routeFunctions: ReadonlyArray<{ readonly route: Route; readonly fn: IFunction }>;
  readonly api: ParleyApi;
  readonly secret: IConstruct;
  readonly originSecret: IConstruct;
  readonly widget: WidgetHosting | undefined;
  readonly edge: Edge;
  /** Whether the distribution has the WAF web ACL. */
  readonly waf: boolean;
}

const ack = (scope: IConstruct, id: string, reason: string): void => Validations.of(scope).acknowledge({ id, reason });

export const NODE22_REASON =
  'Node.js 22 is the runtime Parley targets and tests (LTS, supported by Lambda until 2027); moving to a newer runtime is a deliberate project change, not a drift.';

/** A stack's account or region as cdk-nag prints it: the literal when the stack has one (an explicit env). */
const orPseudo = (value: string, pseudo: string): string => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);

/** The singleton Lambda function CDK adds for BucketDeployment (a stack-level child). */
const bucketDeploymentProviders = (stack: Stack): IConstruct[] =>
  stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));

export const applyNagSuppressions = (stack: Stack, parts: NagParts): void => {
  for (const { route, fn } of parts.routeFunctions) {
    ack(fn, 'AwsSolutions-L1', NODE22_REASON);
    if (route.auth === 'public') {
      const apiRoute = parts.api.api.node.tryFindChild(`${route.method}${route.path.replace(/\//g, '--')}`);
      if (!apiRoute) throw new Error(`No API route construct for ${route.method} ${route.path}`);
      ack(
        apiRoute,
        'AwsSolutions-APIG4',
        `${route.method} ${route.path} is a public route of the comment API, called by anonymous blog readers; the handler authorizes (edit tokens for PATCH/DELETE, rate limits), stage throttling applies.`,
      );
    }
  }

  ack(
    parts.secret,
    'AwsSolutions-SMG4',
    'The HMAC key signs edit tokens and cursors and keys the avatar, email and IP hashes; automatic rotation would silently change every avatar and break duplicate and trusted-author matching. It is rotated by hand (README, Deploy to AWS: Updating).',
  );

  ack(
    parts.originSecret,
    'AwsSolutions-SMG4',
    'The origin-verify value only proves a request came through CloudFront; CloudFront and the functions read it at deployment, so rotating it means redeploying (README, Deploy to AWS).',
  );

  const { distribution } = parts.edge;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    "A public blog's comments are read worldwide; no geographic restriction applies.",
  );
  if (!parts.waf)
    ack(
      distribution,
      'AwsSolutions-CFR2',
      'The WAF web ACL is opt-in (context waf=true, about 6 USD a month, us-east-1 only); without it the edge cache, the per-client rate windows in the database and separate admin throttles apply (README, Costs).',
    );
  ack(
    distribution,
    'AwsSolutions-CFR3',
    "CloudFront access logs would need a log bucket with ACLs and would hold readers' addresses in the clear, which Parley keeps only hashed; CloudFront metrics cover traffic.",
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    "The distribution uses the default *.cloudfront.net certificate, whose viewer security policy CloudFront fixes (TLSv1); a custom domain with TLSv1.2_2021 is the blog owner's option.",
  );

  if (parts.widget) {
    const { bucket } = parts.widget;
    ack(
      bucket,
      'AwsSolutions-S1',
      'The bucket holds only the public widget build, read solely by CloudFront through Origin Access Control; server access logs would record nothing worth keeping.',
    );
    const bucketArn = `<${stack.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const qualifier = String(
      stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER,
    );
    const deploymentWildcards: Record<string, string> = {
      'Action::s3:GetObject*': 'read the widget asset zip',
      'Action::s3:GetBucket*': "read the buckets' metadata",
      'Action::s3:List*': 'list the widget bucket to prune stale files',
      'Action::s3:DeleteObject*': 'prune files a new build no longer has',
      'Action::s3:Abort*': 'abort failed multipart uploads',
      [`Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${orPseudo(stack.account, 'AccountId')}-${orPseudo(stack.region, 'Region')}/*`]:
        'objects of the CDK asset bucket (the zip is named by its hash)',
      [`Resource::${bucketArn}/*`]: 'every object of the widget bucket',
      'Resource::*':
        'create and poll the CloudFront invalidation of the stable file names (CDK grants these two actions on *)',
    };
    for (const provider of bucketDeploymentProviders(stack)) {
      ack(
        provider,
        'AwsSolutions-L1',
        'CDK-managed BucketDeployment provider that runs only during deployment; its runtime is chosen by aws-cdk-lib.',
      );
      ack(
        provider,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK-managed BucketDeployment provider: it runs only during deployment and logs with the AWS basic execution role.',
      );
      for (const [finding, why] of Object.entries(deploymentWildcards)) {
        ack(
          provider,
          `AwsSolutions-IAM5[${finding}]`,
          `CDK BucketDeployment provider, runs only during deployment: the wildcard lets it ${why}.`,
        );
      }
    }
  }
};
