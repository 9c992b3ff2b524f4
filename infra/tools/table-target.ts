/**
 * Which table `npm run import` and `npm run export` use. Default: the table of a running `npm start`
 * (DYNAMODB_PORT, TABLE_NAME, and the HMAC secret kept in `.data/secret`). With `--deployed`: the
 * stack's table named in `cdk-outputs.json` (`cdk deploy --outputs-file cdk-outputs.json`), reached
 * with the caller's own AWS credentials; the secret comes from the stack's `SecretArn` output (or
 * PARLEY_SECRET, or SECRET_ARN when set), so imported emails hash exactly as the deployed functions hash them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getSecret } from '../../shared/store/secret';
import { localDataDir } from '../local/paths';

export interface TableTarget {
  readonly description: string;
  secret(): Promise<string>;
}

const deployedOutputs = (file: string): Record<string, string> => {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const stack = Object.values(all).find((outputs) => outputs.TableName);
  if (!stack) throw new Error(`${file} names no TableName output: deploy with --outputs-file ${file}`);
  return stack;
};

/** Points the store (shared/store/client.ts reads TABLE_NAME and DYNAMODB_ENDPOINT) at the target. */
export const useTableTarget = (options: { deployed: boolean; outputsFile?: string }): TableTarget => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (options.deployed) {
    const file = options.outputsFile ?? 'cdk-outputs.json';
    const outputs = deployedOutputs(file);
    process.env.TABLE_NAME = outputs.TableName;
    delete process.env.DYNAMODB_ENDPOINT;
    if (outputs.Region) process.env.AWS_REGION ??= outputs.Region;
    if (outputs.SecretArn) process.env.SECRET_ARN ??= outputs.SecretArn;
    return { description: `deployed table ${outputs.TableName}`, secret: () => getSecret() };
  }
  const port = process.env.DYNAMODB_PORT || '8000';
  process.env.DYNAMODB_ENDPOINT ||= `http://localhost:${port}`;
  process.env.TABLE_NAME ||= 'parley';
  // DynamoDB Local accepts any credentials; dummy ones keep the SDK from looking for real ones.
  process.env.AWS_ACCESS_KEY_ID ||= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
  process.env.AWS_REGION ||= 'us-east-1';
  return {
    description: `local table ${process.env.TABLE_NAME} at ${process.env.DYNAMODB_ENDPOINT}`,
    secret: async () => {
      if (process.env.PARLEY_SECRET) return process.env.PARLEY_SECRET;
      const file = path.join(localDataDir(), 'secret');
      try {
        return readFileSync(file, 'utf8').trim();
      } catch {
        throw new Error(`No ${file}: run \`npm start\` once (it creates the secret), or set PARLEY_SECRET`);
      }
    },
  };
};
