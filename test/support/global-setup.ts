/**
 * One in-memory DynamoDB Local for the whole jest run (a JVM start costs about a second); each test
 * file creates its own tables on it. Settings go through process.env so the workers inherit them.
 */
import './quiet-node20-warnings';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';

export interface TestGlobals {
  readonly dynamo: DynamoDbLocal;
  /** Holds the JWT signing key of this run (PARLEY_DATA_DIR), so tests never touch `.data/`. */
  readonly dataDir: string;
}

export const GLOBALS_KEY = '__PARLEY_TEST_GLOBALS__';

export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal({ dataDir: null });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  // Dummy credentials always: a test must never pick up a developer's real ones.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    PARLEY_SECRET: randomBytes(32).toString('base64url'),
    PARLEY_DATA_DIR: dataDir,
  });
  const globals: TestGlobals = { dynamo, dataDir };
  (globalThis as Record<string, unknown>)[GLOBALS_KEY] = globals;
}
