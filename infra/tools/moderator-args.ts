/**
 * Command line of `npm run moderator`: parsing and where the user pool comes from. Pure (no AWS
 * SDK) so it can be tested. The pool is taken from, in order: --user-pool-id / --client-id /
 * --region, the environment (PARLEY_USER_POOL_ID, PARLEY_CLIENT_ID, AWS_REGION), then the JSON
 * written by `cdk deploy --outputs-file cdk-outputs.json` (or --outputs FILE).
 */
import * as fs from 'node:fs';

export type Command = 'add' | 'remove' | 'list' | 'token';

export interface Invocation {
  readonly command: Command;
  readonly email: string | undefined;
  readonly userPoolId: string;
  readonly clientId: string | undefined;
  readonly region: string | undefined;
}

export const USAGE = `Usage: npm run moderator -- <command> [email] [options]

Commands:
  add <email>      invite a moderator (Cognito emails a temporary password) and add them to "moderators"
  remove <email>   sign the moderator out everywhere and delete the user
  list             list the members of "moderators"
  token <email>    sign in and print an ID token for curl (password from PARLEY_PASSWORD or a prompt)

Options:
  --user-pool-id ID   (or PARLEY_USER_POOL_ID)
  --client-id ID      app client, needed by "token" (or PARLEY_CLIENT_ID)
  --region REGION     (or AWS_REGION)
  --outputs FILE      outputs of "cdk deploy --outputs-file FILE" (default: cdk-outputs.json when present)`;

const COMMANDS: readonly Command[] = ['add', 'remove', 'list', 'token'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class UsageError extends Error {}

interface StackOutputs {
  readonly UserPoolId?: string;
  readonly UserPoolClientId?: string;
  readonly Region?: string;
}

/** The first stack in a `cdk deploy --outputs-file` JSON that has a UserPoolId output. */
export const outputsFrom = (json: string): StackOutputs => {
  const parsed = JSON.parse(json) as Record<string, StackOutputs>;
  return Object.values(parsed).find((stack) => typeof stack?.UserPoolId === 'string') ?? {};
};

export const parseInvocation = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string | undefined = (file) =>
    fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined,
): Invocation => {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (!['user-pool-id', 'client-id', 'region', 'outputs'].includes(name))
        throw new UsageError(`Unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`Option --${name} needs a value`);
      options.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  const [command, email, ...extra] = positional;
  if (!command || !COMMANDS.includes(command as Command))
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
  if (command === 'list' && email !== undefined) throw new UsageError('"list" takes no email');
  if (command !== 'list' && (email === undefined || !EMAIL.test(email)))
    throw new UsageError(`"${command}" needs an email address`);

  const outputsFile = options.get('outputs') ?? 'cdk-outputs.json';
  const outputsJson = readFile(outputsFile);
  if (options.has('outputs') && outputsJson === undefined) throw new UsageError(`Cannot read ${outputsFile}`);
  const outputs = outputsJson === undefined ? {} : outputsFrom(outputsJson);

  const userPoolId = options.get('user-pool-id') ?? (env.PARLEY_USER_POOL_ID || undefined) ?? outputs.UserPoolId;
  if (!userPoolId)
    throw new UsageError(
      'No user pool: pass --user-pool-id, set PARLEY_USER_POOL_ID, or deploy with --outputs-file cdk-outputs.json',
    );
  const clientId = options.get('client-id') ?? (env.PARLEY_CLIENT_ID || undefined) ?? outputs.UserPoolClientId;
  if (command === 'token' && !clientId)
    throw new UsageError('"token" needs the app client: pass --client-id or set PARLEY_CLIENT_ID');
  // A user pool id starts with its region ("eu-west-1_AbC123"), the last resort.
  const region = options.get('region') ?? (env.AWS_REGION || undefined) ?? outputs.Region ?? userPoolId.split('_')[0];
  return { command: command as Command, email: email?.toLowerCase(), userPoolId, clientId, region };
};
