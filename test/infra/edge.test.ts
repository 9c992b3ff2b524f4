/**
 * The CloudFront distribution in front of the API, the widget and the console; the WAF rate rule
 * behind its context flag; the moderators' own throttles. Synthesized without bundling.
 */
import { ConsoleSignIn } from '../../infra/cdk/constructs/console-sign-in';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ParleyStack } from '../../infra/cdk/parley-stack';
import { readSettings } from '../../infra/cdk/settings';
import { routes, routeKey } from '../../shared/routes';
import { consoleCsp, consoleSecurityHeaders } from '../../infra/console-headers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-edge-'));
const widgetDir = path.join(tmp, 'widget');
fs.mkdirSync(widgetDir);
for (const name of ['embed.js', 'count.js']) fs.writeFileSync(path.join(widgetDir, name), '/* placeholder */\n');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

const synth = (context: Record<string, unknown> = {}, region?: string) => {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(tmp, 'out-')),
    context: { allowedOrigins: 'https://blog.example.org', 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stack = new ParleyStack(app, 'Parley', {
    settings: readSettings(app.node),
    widgetDir,
    ...(region ? { env: { region, account: '123456789012' } } : {}),
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() };
};

const { stack, template, json } = synth();
const resources = json.Resources as Record<string, { Type: string; Properties: any }>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const behavior = (pattern: string) => config.CacheBehaviors.find((b: any) => b.PathPattern === pattern);
const originOf = (b: any) => config.Origins.find((o: any) => o.Id === b.TargetOriginId);
const originSecretId = ofType('AWS::SecretsManager::Secret').find(([, r]) =>
  String(r.Properties.Description).includes('X-Origin-Verify'),
)![0];

describe('one CloudFront distribution in front of the API, the widget and the console', () => {
  test('there is exactly one distribution, and the stack exposes its domain', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect(stack.edge.domainName).toBe(stack.edge.distribution.distributionDomainName);
    expect(stack.edge.adminUrl).toMatch(/\/admin\/$/);
    expect(Object.keys(json.Outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'EdgeDomain', 'AdminUrl']));
  });

  test('/v1/admin/* is never cached and forwards everything but Host (the token included)', () => {
    const admin = behavior('/v1/admin/*');
    expect(admin.CachePolicyId).toBe(CACHING_DISABLED);
    expect(originOf(admin).CustomOriginConfig).toBeDefined();
    expect(config.CacheBehaviors.findIndex((b: any) => b.PathPattern === '/v1/admin/*')).toBeLessThan(
      config.CacheBehaviors.findIndex((b: any) => b.PathPattern === '/v1/*'),
    );
  });

  test('public API reads are cached only as their Cache-Control says, per query and Origin; writes pass through', () => {
    const api = behavior('/v1/*');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PATCH', 'DELETE']));
    expect(api.CachedMethods).toEqual(['GET', 'HEAD']);
    const policy = Object.entries(resources).find(([id]) => id === api.CachePolicyId.Ref)![1].Properties
      .CachePolicyConfig;
    expect(policy).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe('all');
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['Origin']);
    const request = Object.entries(resources).find(([id]) => id === api.OriginRequestPolicyId.Ref)![1].Properties
      .OriginRequestPolicyConfig;
    expect(request.HeadersConfig.Headers).toEqual(expect.arrayContaining(['cloudfront-viewer-address', 'User-Agent']));
    expect(request.HeadersConfig.Headers.map((h: string) => h.toLowerCase())).not.toContain('host');
  });

  test('CloudFront sends the origin secret to the API, and the public functions hold the same secret', () => {
    const origin = originOf(behavior('/v1/*'));
    const header = origin.OriginCustomHeaders.find((h: any) => h.HeaderName === 'x-origin-verify');
    expect(JSON.stringify(header.HeaderValue)).toContain(originSecretId);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const variables = fn.Properties.Environment?.Variables ?? {};
      if (!('TABLE_NAME' in variables)) continue; // CDK's own helpers
      const route = routes.find((r) => JSON.stringify(fn.Properties).includes(r.entry.replace(/\.ts$/, '')));
      if (route?.auth === 'moderator') expect(variables.ORIGIN_VERIFY_SECRET).toBeUndefined();
    }
    const publicFns = ofType('AWS::Lambda::Function').filter(([, fn]) =>
      JSON.stringify(fn.Properties.Environment?.Variables?.ORIGIN_VERIFY_SECRET ?? '').includes(originSecretId),
    );
    expect(publicFns).toHaveLength(routes.filter((r) => r.auth === 'public').length);
  });

  test('the console at /admin/* comes from the widget bucket, /admin/ serving its index.html', () => {
    const console = behavior('/admin/*');
    expect(originOf(console).S3OriginConfig).toBeDefined();
    expect(console.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
  });

  test("the console's admin/config.json is written at deploy from the console client's ids, short-cached and invalidated", () => {
    const [, stable] = ofType('Custom::CDKBucketDeployment').find(([, r]) => r.Properties.Include)!;
    expect(stable.Properties.Include).toContain('admin/config.json');
    expect(stable.Properties.DistributionPaths).toContain('/admin/config.json');
    expect(stable.Properties.SystemMetadata['cache-control']).toBe('public, max-age=300');
    const clientId = ofType('AWS::Cognito::UserPoolClient').find(([id]) => id.includes('ConsoleClient'))![0];
    const markers = JSON.stringify(stable.Properties.SourceMarkers);
    expect(markers).toContain(`{"Ref":"${clientId}"}`);
    const [hashed] = ofType('Custom::CDKBucketDeployment').filter(([, r]) => r.Properties.Prune);
    expect(hashed![1].Properties.Exclude).toContain('admin/config.json');
  });

  test("the console's config names the blog (siteUrl) as the base of its post links, not the distribution", () => {
    const signIn = stack.node.findAll().find((c): c is ConsoleSignIn => c instanceof ConsoleSignIn)!;
    expect(signIn.config.postBase).toBe('https://blog.example.org/');
  });
});

describe("the console's security headers", () => {
  // With a region the sign-in domain is a plain string, so the CSP can be read whole.
  const regional = synth({}, 'eu-west-1');
  const regionalConfig = regional.template.findResources('AWS::CloudFront::Distribution');
  const dist = Object.values(regionalConfig)[0]!.Properties.DistributionConfig;
  const policyOf = (b: any) =>
    regional.template.toJSON().Resources[b.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
  const consoleBehavior = dist.CacheBehaviors.find((b: any) => b.PathPattern === '/admin/*');
  const headers = policyOf(consoleBehavior).SecurityHeadersConfig;
  const signIn = regional.stack.node.findAll().find((c): c is ConsoleSignIn => c instanceof ConsoleSignIn)!;
  const directives = new Map<string, string[]>(
    String(headers.ContentSecurityPolicy.ContentSecurityPolicy)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

  test('/admin/* has its own response headers policy, the widget files keep theirs', () => {
    expect(consoleBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(consoleBehavior.ResponseHeadersPolicyId).not.toEqual(dist.DefaultCacheBehavior.ResponseHeadersPolicyId);
    expect(policyOf(dist.DefaultCacheBehavior).SecurityHeadersConfig.ContentSecurityPolicy).toBeUndefined();
  });

  test("the CSP allows only the console's own files and, to connect, its origin and Cognito's managed login domain", () => {
    // Both endpoints the console fetches (oauth4webapi) live on the managed login domain.
    for (const endpoint of [signIn.config.tokenEndpoint!, signIn.config.revocationEndpoint!])
      expect(new URL(endpoint).origin).toBe(signIn.signInOrigin);
    expect(signIn.signInOrigin).toMatch(/^https:\/\/parley-.*\.auth\.eu-west-1\.amazoncognito\.com$/);
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'", signIn.signInOrigin],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
    });
    expect(JSON.stringify(headers)).not.toMatch(/unsafe-|\*/);
    // The same function writes the local server's policy (test/local/console-headers.test.ts).
    expect(headers.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: consoleCsp({ signInOrigin: signIn.signInOrigin }),
      Override: true,
    });
  });

  test('HSTS for a year, nosniff, no referrer and no framing, overriding whatever the origin says', () => {
    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    const shared = consoleSecurityHeaders({ signInOrigin: signIn.signInOrigin });
    expect(shared['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe(shared['referrer-policy']);
    expect(headers.FrameOptions.FrameOption).toBe(shared['x-frame-options']);
  });

  test('without a region the sign-in domain resolves at deployment, inside the same CSP', () => {
    const policy = ofType('AWS::CloudFront::ResponseHeadersPolicy').find(
      ([id]) => id === behavior('/admin/*').ResponseHeadersPolicyId.Ref,
    )![1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    const text = JSON.stringify(policy);
    expect(text).toContain('{"Ref":"AWS::Region"}');
    expect(text).toContain(".amazoncognito.com; form-action 'none'");
  });
});

describe('throttles and the WAF rate rule', () => {
  test('every moderator route has its own throttle on the stage; reader routes share the stage throttle', () => {
    const settings = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties.RouteSettings;
    const admin = routes.filter((r) => r.auth === 'moderator').map(routeKey);
    expect(Object.keys(settings).sort()).toEqual(admin.sort());
    for (const key of admin) expect(settings[key]).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
  });

  test('without the waf flag there is no web ACL', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(config.WebACLId).toBeUndefined();
  });

  test('waf=true in us-east-1 puts a per-client rate rule on the distribution, and cdk-nag stays clean', () => {
    const waf = synth({ waf: true, wafRequestsPer5Minutes: 300 }, 'us-east-1');
    waf.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 300, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
      ],
    });
    waf.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Waf'), 'Arn'] } }),
    });
    const { violations } = new AwsSolutionsChecks().validateScope(waf.stack);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });

  test('waf=true in another region fails the synth, and a region-agnostic stack asserts us-east-1 at deployment', () => {
    expect(() => synth({ waf: true }, 'eu-west-1')).toThrow(/us-east-1/);
    const agnostic = synth({ waf: true }).json;
    expect(JSON.stringify(agnostic.Rules)).toContain('us-east-1');
  });
});
