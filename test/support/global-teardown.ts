import fs from 'node:fs';
import { GLOBALS_KEY, type TestGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as Record<string, unknown>)[GLOBALS_KEY] as TestGlobals | undefined;
  if (!globals) return;
  await globals.dynamo.stop();
  fs.rmSync(globals.dataDir, { recursive: true, force: true });
}
