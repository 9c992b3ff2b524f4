/**
 * The reader's widget (web/dist/, the console under admin/) in a private S3 bucket, served by the
 * one distribution of `Edge` (Origin Access Control). Content-hashed files are cached for a year;
 * the stable names the blog's page links (embed.js, count.js, manifest.json) and the console's
 * page for five minutes, and are invalidated on every deployment.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
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

/**
 * The console's page has a stable name too (its scripts are hashed); the sign-in returns to it.
 * Its config.json (where to sign in) is written by the stack, not the build: it names this deployment's pool.
 */
const STABLE_FILES = [...STABLE_WIDGET_FILES, 'admin/index.html', 'admin/config.json'];

export class WidgetHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  private readonly sourceDir: string;

  constructor(scope: Construct, id: string, props: WidgetHostingProps) {
    super(scope, id);
    this.sourceDir = props.sourceDir;
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

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
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
  }

  /**
   * Uploads the build and the console's `admin/config.json` (`consoleConfig`, tokens resolved at
   * deploy time) and, after each deployment, invalidates the stable names on `distribution`.
   */
  deployTo(distribution: cloudfront.IDistribution, consoleConfig?: Record<string, string>): void {
    const source = s3deploy.Source.asset(this.sourceDir);
    // Hashed files: pruned when a build no longer has them (stable files are excluded, so never pruned here).
    const hashed = new s3deploy.BucketDeployment(this, 'DeployHashed', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: STABLE_FILES,
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_CACHE_CONTROL)],
      prune: true,
    });
    // Stable names after the hashed files they load, then a CloudFront invalidation of just those names.
    const stable = new s3deploy.BucketDeployment(this, 'DeployStable', {
      sources: consoleConfig ? [source, s3deploy.Source.jsonData('admin/config.json', consoleConfig)] : [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: STABLE_FILES,
      cacheControl: [s3deploy.CacheControl.fromString(STABLE_CACHE_CONTROL)],
      prune: false,
      distribution,
      distributionPaths: STABLE_FILES.map((name) => `/${name}`),
    });
    stable.node.addDependency(hashed);
  }
}
