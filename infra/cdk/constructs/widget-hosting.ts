/**
 * Serves the reader's widget (web/dist/) from a private S3 bucket behind CloudFront (Origin Access
 * Control). Content-hashed files are cached for a year; the stable names the blog's page links
 * (embed.js, count.js, and manifest.json) for five minutes, and are invalidated on every deployment.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Files whose names do not change between builds (web/build.ts); everything else in web/dist/ is content-hashed. */
import { HASHED_CACHE_CONTROL, STABLE_CACHE_CONTROL, STABLE_WIDGET_FILES } from '../../../web/cache-policy';

export interface WidgetHostingProps {
  /** The built widget folder. */
  readonly sourceDir: string;
  /** The blog's origins: the widget may load its other files (modules, styles) cross-origin from there. */
  readonly allowedOrigins: readonly string[];
}

export class WidgetHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WidgetHostingProps) {
    super(scope, id);
    // Not versioned: it only holds build output that git and the build reproduce, and each
    // deployment replaces it; old versions would be storage nobody reads.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Parley widget: CORS for the blog, nosniff',
      corsBehavior:
        props.allowedOrigins.length > 0
          ? {
              accessControlAllowOrigins: [...props.allowedOrigins],
              accessControlAllowMethods: ['GET', 'HEAD'],
              accessControlAllowHeaders: ['*'],
              accessControlAllowCredentials: false,
              accessControlMaxAge: Duration.minutes(10),
              originOverride: true,
            }
          : undefined,
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Parley widget',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        // Honours each object's Cache-Control (set below) between its 1-second minimum and 1-year maximum.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });

    const source = s3deploy.Source.asset(props.sourceDir);
    // Hashed files: pruned when a build no longer has them (stable files are excluded, so never pruned here).
    const hashed = new s3deploy.BucketDeployment(this, 'DeployHashed', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: STABLE_WIDGET_FILES,
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_CACHE_CONTROL)],
      prune: true,
    });
    // Stable names after the hashed files they load, then a CloudFront invalidation of just those names.
    const stable = new s3deploy.BucketDeployment(this, 'DeployStable', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: STABLE_WIDGET_FILES,
      cacheControl: [s3deploy.CacheControl.fromString(STABLE_CACHE_CONTROL)],
      prune: false,
      distribution: this.distribution,
      distributionPaths: STABLE_WIDGET_FILES.map((name) => `/${name}`),
    });
    stable.node.addDependency(hashed);
  }

  get embedUrl(): string {
    return `https://${this.distribution.distributionDomainName}/embed.js`;
  }
}
