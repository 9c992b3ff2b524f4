/**
 * `npm start`: the whole backend on this machine, data kept in `.data/` across restarts.
 * Settings come from the environment (see shared/settings/); PORT and DYNAMODB_PORT pick the ports.
 */
import path from 'node:path';
import { seedDemoComments } from './demo-comments';
import { createDemoSite } from './demo-site';
import { LocalSetupError } from './dynamodb-local';
import { DEFAULT_MODERATOR } from './oidc/accounts';
import { localConsoleConfig } from './oidc/console-config';
import { localDataDir } from './paths';
import type { Fallback } from './gateway/server';
import { startLocalHeldExpiry } from './held-expiry-local';
import { startLocalNotifier } from './notify-local';
import { startLocalStack, type LocalStack } from './stack';

const portFrom = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new LocalSetupError('start_failed', `${name} must be a port number (1-65535), got "${raw}"`);
  return port;
};

// The SDK's notice that it will need Node 22 from 2027 concerns deployment, not this local server.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const main = async (): Promise<void> => {
  const dataDir = localDataDir();
  const port = portFrom('PORT', 8787);
  const dynamoPort = portFrom('DYNAMODB_PORT', 8000);
  // Fixed by default, so that `npm run token` knows the issuer without asking the server.
  const oidcPort = portFrom('OIDC_PORT', 8788);

  // The demo blog pages and the widget files will be served from here (paths outside /v1/); the
  // console signs in against the stack's own provider, known once the stack runs.
  const running: { stack?: LocalStack } = {};
  const fallback: Fallback | undefined = createDemoSite({
    consoleConfig: () => running.stack && localConsoleConfig(running.stack.oidc),
  });

  // An exported DYNAMODB_ENDPOINT means "use my DynamoDB": then none is started.
  const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;
  const started = Date.now();
  console.error(
    dynamoEndpoint
      ? `Using the DynamoDB at ${dynamoEndpoint} (DYNAMODB_ENDPOINT)...`
      : `Starting DynamoDB Local on port ${dynamoPort} (data in ${path.relative(process.cwd(), dataDir) || '.'}/dynamodb)...`,
  );
  const stack: LocalStack = (running.stack = await startLocalStack({
    dataDir,
    port,
    dynamoPort,
    dynamoEndpoint,
    // PARLEY_LOCAL_EDGE=1: requests come through a stand-in for CloudFront, as deployed.
    edge: process.env.PARLEY_LOCAL_EDGE === '1',
    fallback,
    oidcPort,
    log: (line) => console.log(line),
  }));
  await seedDemoComments();

  const url = `http://localhost:${stack.port}`;
  process.env.PUBLIC_API_URL ??= url;
  process.env.MODERATOR_EMAILS ??= 'alice=alice@example.org';
  const notifier = await startLocalNotifier({ ...stack, sesPort: portFrom('SES_PORT', 8005) }).catch(async (error) => {
    await stack.stop();
    throw error;
  });
  const heldExpiry = await startLocalHeldExpiry(stack).catch(async (error) => {
    await notifier.stop();
    await stack.stop();
    throw error;
  });
  console.error(
    [
      `Parley is running at ${url} (table "${stack.tableName}" on ${stack.endpoint}, ready in ${Date.now() - started} ms)`,
      `  try:             curl ${url}/v1/health`,
      `  console:         ${url}/admin/  (sign in as ${DEFAULT_MODERATOR.email} / ${DEFAULT_MODERATOR.password}, local only)`,
      `  sign-in service: ${stack.oidc.issuer} (local OpenID provider standing in for Cognito)`,
      `  moderator token: TOKEN=$(npm run -s token -- alice)`,
      `  reader token:    npm run -s token -- bob --reader`,
      `  allowed origins: ${stack.env.ALLOWED_ORIGINS}`,
      `  mail sent:       http://localhost:${notifier.ses.port} (local SES; digests every NOTIFY_DIGEST_SECONDS, 0: at once)`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stoppingSince: number | undefined;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      // Ctrl-C reaches this process twice at once (from the terminal and relayed by tsx): only a later one forces.
      if (Date.now() - stoppingSince < 1000) return;
      console.error('Forced exit.');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.error(`\n${signal}: stopping...`);
    heldExpiry
      .stop()
      .then(() => notifier.stop())
      .then(() => stack.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Stopping failed:', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  // Setup problems the developer fixes outside the code get one line, not a stack trace.
  console.error(error instanceof LocalSetupError ? error.message : error);
  process.exit(1);
});
