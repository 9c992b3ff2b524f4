/**
 * An AWS WAF web ACL for the CloudFront distribution: one rate-based rule that blocks a client
 * address sending more than its share, before the request costs a Lambda run or uses up API
 * Gateway's throttle for everyone. WAF sees the viewer's address itself at the edge.
 *
 * WAF for CloudFront (scope CLOUDFRONT) can only be created in us-east-1, so the stack must be
 * deployed there: a literal other region fails the synth, an unspecified one fails the deployment
 * early (a CloudFormation rule) rather than half-way.
 */
import { CfnRule, Fn, Stack, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export const WAF_REGION = 'us-east-1';

export interface ClientRateAclProps {
  /** Requests one address may send in any 5 minutes. */
  readonly requestsPer5Minutes: number;
}

export class ClientRateAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ClientRateAclProps) {
    super(scope, id);
    const { region } = Stack.of(this);
    if (!Token.isUnresolved(region) && region !== WAF_REGION)
      throw new Error(
        `Context waf=true needs the stack in ${WAF_REGION} (WAF for CloudFront lives there); this stack is in ${region}.`,
      );
    new CfnRule(this, 'WafRegion', {
      assertions: [
        {
          assert: Fn.conditionEquals(Stack.of(this).region, WAF_REGION),
          assertDescription: `Context waf=true needs the stack in ${WAF_REGION}: WAF for CloudFront can only be created there.`,
        },
      ],
    });
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Parley: a rate limit per client address',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('parley-edge'),
      rules: [
        {
          name: 'rate-per-client',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.requestsPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('parley-rate-per-client'),
        },
      ],
    });
  }
}
