/**
 * A local SES v2 (the `aws-ses-v2-local` package) as a child process: the notifier sends through
 * it with the same `@aws-sdk/client-sesv2` calls as deployed, and its web viewer at the root URL
 * shows every mail sent. Bound to 127.0.0.1 (the package's own default is every interface).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { LocalSetupError } from './dynamodb-local';

export interface SesLocal {
  /** http://127.0.0.1:<port>: the SES endpoint and the mail viewer. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/** One sent mail as the local SES keeps it (`GET /store`). */
export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: {
    readonly to: readonly string[];
    readonly cc: readonly string[];
    readonly bcc: readonly string[];
  };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly at: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startSesLocal = async ({
  port = 8005,
  host = '127.0.0.1',
  startTimeoutMs = 15_000,
}: { port?: number; host?: string; startTimeoutMs?: number } = {}): Promise<SesLocal> => {
  const cli = path.join(path.dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
  const child = spawn(process.execPath, [cli, '--host', host, '--port', String(port)], { stdio: 'pipe' });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4096);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).then(() => process.off('exit', killOnExit));

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const busy = /EADDRINUSE/.test(output);
      throw new LocalSetupError(
        busy ? 'port_busy' : 'start_failed',
        busy
          ? `Port ${port} is already in use, so the local SES cannot start: choose another port (SES_PORT)`
          : `The local SES exited while starting: ${output.trim().split('\n').pop() ?? ''}`,
      );
    }
    try {
      const response = await fetch(`${url}/health-check`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await gone;
      throw new LocalSetupError('start_failed', `The local SES did not answer on ${url} within ${startTimeoutMs} ms`);
    }
    await sleep(100);
  }
  return {
    url,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await gone;
    },
  };
};

/** Every mail the local SES has received, oldest first. */
export const sentMail = async (sesUrl: string): Promise<StoredMail[]> => {
  const response = await fetch(`${sesUrl}/store`);
  if (!response.ok) throw new Error(`GET ${sesUrl}/store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails;
};

/** Polls the store until `predicate` holds for its mails, or fails after `timeoutMs`. */
export const waitForMail = async (
  sesUrl: string,
  predicate: (mails: StoredMail[]) => boolean,
  timeoutMs = 10_000,
): Promise<StoredMail[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await sentMail(sesUrl);
    if (predicate(mails)) return mails;
    if (Date.now() > deadline) throw new Error(`No matching mail within ${timeoutMs} ms (${mails.length} sent)`);
    await sleep(100);
  }
};
