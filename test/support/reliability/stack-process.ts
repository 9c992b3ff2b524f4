/**
 * The local stack in a process of its own, driven over stdin/stdout, for the crash tests.
 *
 * Why a separate process: inside a jest test file, Node's own errors (ECONNREFUSED from `net`) come
 * from another JavaScript realm than the test's `Error`, and the SDK's retry middleware wraps such
 * "non-Errors" in a new Error that drops `code`, so an outage would look like a 500 that never
 * happens in Lambda. Here the handlers run in plain Node, as deployed.
 *
 * Run: `tsx stack-process.ts '<json options>'`. Prints `@@stack {...}` lines; commands on stdin, one
 * per line: kill (SIGKILL DynamoDB Local), restart (same data and port), freeze (SIGSTOP), thaw
 * (SIGCONT), stop.
 */
import readline from 'node:readline';
import { startLocalStack } from '../../../infra/local/stack';

const reply = (message: Record<string, unknown>): void => {
  process.stdout.write(`@@stack ${JSON.stringify(message)}\n`);
};

const main = async (): Promise<void> => {
  const options = JSON.parse(process.argv[2] ?? '{}') as {
    dataDir: string;
    tableName: string;
    env: Record<string, string>;
  };
  const stack = await startLocalStack({ dataDir: options.dataDir, tableName: options.tableName, env: options.env });
  let dynamo = stack.dynamo!;
  let frozen = false;
  const shutdown = async (): Promise<void> => {
    if (frozen) process.kill(dynamo.pid, 'SIGCONT');
    await dynamo.stop();
    await stack.stop();
  };
  process.once('SIGTERM', () => {
    void shutdown().finally(() => process.exit(0));
  });
  reply({ ready: true, url: stack.url, endpoint: stack.endpoint, tableName: stack.tableName, pid: dynamo.pid });

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('close', () => {
    void shutdown().finally(() => process.exit(0));
  });
  for await (const line of lines) {
    const command = line.trim();
    try {
      if (command === 'kill') {
        await dynamo.kill('SIGKILL');
        reply({ killed: true, at: Date.now() });
      } else if (command === 'restart') {
        dynamo = await dynamo.restart();
        reply({ restarted: true, at: Date.now(), pid: dynamo.pid });
      } else if (command === 'freeze') {
        process.kill(dynamo.pid, 'SIGSTOP');
        frozen = true;
        reply({ frozen: true, at: Date.now() });
      } else if (command === 'thaw') {
        process.kill(dynamo.pid, 'SIGCONT');
        frozen = false;
        reply({ thawed: true, at: Date.now() });
      } else if (command === 'stop') {
        await shutdown();
        reply({ stopped: true });
        process.exit(0);
      }
    } catch (error) {
      reply({ error: (error as Error).message });
    }
  }
};

main().catch((error: unknown) => {
  reply({ error: (error as Error).message });
  process.exit(1);
});
