/** Starts `stack-process.ts` in a child Node process and drives it (see there for why). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../../infra/local/paths';

export interface StackProcess {
  readonly url: string;
  readonly endpoint: string;
  readonly tableName: string;
  /** Everything the stack process wrote (handler logs included). */
  readonly output: string[];
  /** Sends a command (kill, restart, freeze, thaw) and resolves with the stack's answer. */
  command(name: 'kill' | 'restart' | 'freeze' | 'thaw'): Promise<Record<string, unknown>>;
  /** Errors the handlers logged as unhandled: each one was a 500. */
  unhandledErrors(): string[];
  close(): Promise<void>;
}

/** tsx as a loader in the one process (its CLI would run the script in a grandchild). */
const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const SCRIPT = path.join(__dirname, 'stack-process.ts');

export const spawnStack = async (options: {
  dataDir: string;
  tableName: string;
  env: Record<string, string>;
}): Promise<StackProcess> => {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SCRIPT, JSON.stringify(options)], {
    cwd: REPO_ROOT,
    env: { ...process.env, PARLEY_DATA_DIR: options.dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onLine = (line: string): void => {
    output.push(line);
    if (!line.startsWith('@@stack ')) return;
    const message = JSON.parse(line.slice('@@stack '.length)) as Record<string, unknown>;
    waiting.shift()?.(message);
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline.createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const next = (ms: number): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the stack process did not answer within ${ms} ms:\n${output.slice(-20).join('\n')}`)),
        ms,
      );
      waiting.push((message) => {
        clearTimeout(timer);
        if (typeof message.error === 'string') reject(new Error(message.error));
        else resolve(message);
      });
    });
  let ready: Record<string, unknown>;
  try {
    ready = await next(120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: String(ready.url),
    endpoint: String(ready.endpoint),
    tableName: String(ready.tableName),
    output,
    command: (name) => {
      const answer = next(120_000);
      child.stdin.write(`${name}\n`);
      return answer;
    },
    unhandledErrors: () =>
      output.filter(
        (line) =>
          line.includes('"unhandled error"') || line.includes('handler failed') || line.includes('timed out after'),
      ),
    close: async () => {
      if (child.exitCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
