/**
 * How the Lambda functions are bundled. `bench/cold-start.ts` measures every variant below on
 * every function of the route table (`npm run bench:cold`, figures in docs/cold-start.md), and
 * the stack bundles with CHOSEN_VARIANT, picked from those figures.
 */
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

export interface BundleVariant {
  readonly name: string;
  readonly format: 'cjs' | 'esm';
  /** Modules left out of the bundle (resolved at run time). Every variant prefers ESM builds (module-first mainFields). */
  readonly externals: readonly string[];
}

/** Node 22 on Lambda; keep in step with the runtime in constructs/parley-function.ts. */
export const NODE_TARGET = 'node22';

/** Prefer packages' ESM builds, which esbuild can tree-shake (the SDK ships `module` builds). */
export const MAIN_FIELDS = ['module', 'main'];

/** What the Lambda Node.js runtime already provides (and what "SDK external" leaves out). */
export const SDK_EXTERNALS = ['@aws-sdk/*'];

/** ESM output still meets CommonJS dependencies that `require()` Node built-ins: give them a real `require`. */
export const ESM_REQUIRE_BANNER =
  "import{createRequire as __parleyRequire}from'module';const require=__parleyRequire(import.meta.url);";

/**
 * The SDK's fallback credential providers (SSO, ini files, processes, web identity, container and
 * instance metadata) and the nested STS/SSO clients they use. The SDK loads them only with a
 * dynamic import() when no credentials are in the environment, which never happens on Lambda (the
 * runtime sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and the default
 * chain tries the environment first). Leaving them out makes every bundle about 110 KiB smaller.
 */
export const SDK_CREDENTIAL_FALLBACKS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
];

export const BUNDLE_VARIANTS: readonly BundleVariant[] = [
  { name: 'sdk-bundled-cjs', format: 'cjs', externals: [] },
  { name: 'sdk-bundled-esm', format: 'esm', externals: [] },
  { name: 'sdk-bundled-lean-esm', format: 'esm', externals: SDK_CREDENTIAL_FALLBACKS },
  { name: 'sdk-external-cjs', format: 'cjs', externals: SDK_EXTERNALS },
  { name: 'sdk-external-esm', format: 'esm', externals: SDK_EXTERNALS },
];

/** Chosen by the measurement in docs/cold-start.md: see the figures there before changing it. */
export const CHOSEN_VARIANT_NAME = 'sdk-bundled-lean-esm';

export const variantNamed = (name: string): BundleVariant => {
  const variant = BUNDLE_VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`Unknown bundle variant ${name}`);
  return variant;
};

/** The NodejsFunction bundling options of a variant: minified, no source maps, local esbuild (no Docker). */
export const lambdaBundling = (variant: BundleVariant = variantNamed(CHOSEN_VARIANT_NAME)): BundlingOptions => ({
  minify: true,
  sourceMap: false,
  target: NODE_TARGET,
  format: variant.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
  mainFields: MAIN_FIELDS,
  externalModules: [...variant.externals],
  banner: variant.format === 'esm' ? ESM_REQUIRE_BANNER : undefined,
  forceDockerBundling: false,
});
