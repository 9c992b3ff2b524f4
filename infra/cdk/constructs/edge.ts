/**
 * The one CloudFront distribution in front of everything Parley serves: the API (`/v1/*`), the
 * widget files and the moderation console (`/admin/*`, from the widget bucket). Public GETs are
 * cached at the edge for as long as their `Cache-Control` says (a few seconds), so a flood of
 * reads mostly never reaches API Gateway's throttle; writes and `/v1/admin/*` are never cached.
 * CloudFront adds `X-Origin-Verify` (a generated secret) and the reader's
 * `CloudFront-Viewer-Address` on the way to the API; the functions believe the second only with
 * the first (shared/http/client-address.ts). With a web ACL, WAF limits each client's rate too.
 * The console's page gets its own strict headers (infra/console-headers.ts, shared with `npm start`).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CONSOLE_HSTS, consoleSecurityHeaders } from '../../console-headers';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../../shared/http/client-address';
import { CORS_POLICY } from '../../../shared/http/cors-policy';

export interface EdgeProps {
  readonly api: apigw.HttpApi;
  /** The value CloudFront sends as `X-Origin-Verify`; the functions get the same. */
  readonly originSecret: secretsmanager.ISecret;
  /** The widget bucket (and the console under `admin/`), when the widget is built. */
  readonly widget?: { readonly bucket: s3.IBucket; readonly headers: cloudfront.IResponseHeadersPolicy };
  /** A WAF web ACL (scope CLOUDFRONT, in us-east-1). */
  readonly webAclArn?: string;
  /** Where the console trades codes for tokens (Cognito's managed login domain): its CSP allows it. */
  readonly consoleSignInOrigin?: string;
}

/** The CDK enum member whose value is `value`, so the policy says exactly what the shared headers say. */
const member = <E extends Record<string, string>>(e: E, value: string): E[keyof E] => {
  const found = Object.values(e).find((v) => v === value);
  if (found === undefined) throw new Error(`No CloudFront header value ${value}`);
  return found as E[keyof E];
};

/** `/admin/` -> `/admin/index.html`: S3 has no directory index behind Origin Access Control. */
const DIRECTORY_INDEX = `function handler(event) {
  var request = event.request;
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`;

export class Edge extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** The distribution's domain (`d123.cloudfront.net`): the API, the widget and the console live there. */
  readonly domainName: string;
  /** `https://<domain>/`: the base URL of the API for the widget's `data-api`. */
  readonly url: string;
  /** `https://<domain>/admin/`: the moderation console, and the sign-in callback URL. */
  readonly adminUrl: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const apiOrigin = new origins.HttpOrigin(`${props.api.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
    });

    // Public reads: cached as the answer's Cache-Control says (nothing without one), per query
    // and per Origin, since API Gateway's CORS answer depends on it.
    const publicReads = new cloudfront.CachePolicy(this, 'PublicApiCache', {
      comment: 'Parley API: as Cache-Control says, keyed on query and Origin',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Origin'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // What the public routes read besides the cache key; never Host (API Gateway routes on its own).
    const publicRequest = new cloudfront.OriginRequestPolicy(this, 'PublicApiRequest', {
      comment: 'Parley API: the request headers the public routes read, and the viewer address',
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
        VIEWER_ADDRESS_HEADER,
        'Content-Type',
        'User-Agent',
        'Access-Control-Request-Method',
        'Access-Control-Request-Headers',
        ...CORS_POLICY.allowHeaders.filter((h) => !['content-type', 'authorization'].includes(h.toLowerCase())),
      ),
    });
    const api: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: publicReads,
      originRequestPolicy: publicRequest,
      compress: true,
    };
    // Moderators: never cached; everything but Host goes through (the token included, which
    // CloudFront forwards only when caching is off).
    const admin: cloudfront.BehaviorOptions = {
      ...api,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = { '/v1/admin/*': admin, '/v1/*': api };
    let defaultBehavior: cloudfront.BehaviorOptions = api;
    if (props.widget) {
      const files: cloudfront.BehaviorOptions = {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.widget.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        // Honours each object's Cache-Control between its 1-second minimum and 1-year maximum.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: props.widget.headers,
        compress: true,
      };
      defaultBehavior = files;
      // The console's page (admin/index.html) and config.json; its script and style are hashed
      // files at the root, under the widget's policy. Nothing cross-origin reads /admin/, so no CORS.
      const headers = consoleSecurityHeaders({ signInOrigin: props.consoleSignInOrigin });
      const consoleHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ConsoleHeaders', {
        comment: 'Parley console: strict CSP, HSTS, nosniff, no referrer, no framing',
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: headers['content-security-policy'], override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(CONSOLE_HSTS.maxAgeSeconds),
            includeSubdomains: CONSOLE_HSTS.includeSubdomains,
            override: true,
          },
          contentTypeOptions: { override: true },
          referrerPolicy: {
            referrerPolicy: member(cloudfront.HeadersReferrerPolicy, headers['referrer-policy']),
            override: true,
          },
          frameOptions: {
            frameOption: member(cloudfront.HeadersFrameOption, headers['x-frame-options']),
            override: true,
          },
        },
      });
      additionalBehaviors['/admin/*'] = {
        ...files,
        responseHeadersPolicy: consoleHeaders,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'DirectoryIndex', {
              code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              comment: 'Parley console: /admin/ serves admin/index.html',
            }),
          },
        ],
      };
    }

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Parley: API, widget and moderation console',
      defaultBehavior,
      additionalBehaviors,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
    });
    this.domainName = this.distribution.distributionDomainName;
    this.url = `https://${this.domainName}/`;
    this.adminUrl = `https://${this.domainName}/admin/`;
  }
}
