import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LeadBook } from '../lambda/adapters/lead-book.ts';
import { siteConfig } from '../site-config.ts';

/** The repository root (this file is src/cli/connect.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** Something the operator must change before the command can run; its message says what. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where to read leads: the running local stack, or a deployed stage. */
export type Target = { local: true; dataDir: string } | { local: false; stage: string; profile?: string };

/** What a running local stack says of itself in its data directory (src/local/stack.ts writes it). */
export interface RunningStack {
  dynamoEndpoint: string;
  tableName: string;
  personKey: string;
  siteUrl: string;
  apiUrl: string;
  inboxUrl: string;
}

/** Reads the state file of the local stack running on `dataDir`, or says how to start it. */
export function runningStack(dataDir: string): RunningStack {
  const file = resolve(dataDir, 'stack.json');
  if (!existsSync(file)) {
    throw new UsageError(
      `The local stack is not running: there is no ${file}.\nStart it with \`npm start\` in another terminal (with the same LOCAL_DATA_DIR), then run this again, or name a deployed stage with --stage <name>.`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as RunningStack;
}

/** Opens the lead book of the running local stack (from the state file it writes in its data directory). */
function openLocal(dataDir: string): LeadBook {
  const running = runningStack(dataDir);
  return new LeadBook({
    tableName: running.tableName,
    personKey: running.personKey,
    timeZone: siteConfig.timeZone,
    endpoint: running.dynamoEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** The region a stage deploys to, from `infra/stages/<name>.json`. */
function stageRegion(stage: string): { region: string; stackPrefix: string } {
  const file = resolve(repoRoot, 'infra/stages', `${stage}.json`);
  if (!existsSync(file)) {
    const known = readdirSync(resolve(repoRoot, 'infra/stages')).map((f) => f.replace(/\.json$/, ''));
    throw new UsageError(`Unknown stage "${stage}": there is no infra/stages/${stage}.json. Stages here: ${known.join(', ')}.`);
  }
  const { name, region } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; region?: string };
  if (!region || !name) throw new UsageError(`infra/stages/${stage}.json has no "name" or "region": add them as for deploying.`);
  return { region, stackPrefix: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()) };
}

/** Turns the AWS SDK's errors about credentials and missing stacks into what the operator should do. */
function explain(error: unknown, where: string): never {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    throw new UsageError(
      `No AWS credentials were found for ${where}.\nSign in the usual way (aws sso login, or AWS_PROFILE / --profile <name>, or the AWS_ACCESS_KEY_ID environment variables), then run this again.`,
    );
  }
  if (name === 'ValidationError' && /does not exist/.test(message)) {
    throw new UsageError(`${where} was not found: deploy the stage first (npm run deploy), or check --stage and --profile.`);
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    throw new UsageError(`These credentials may not read ${where}: give them the operator policy in README.md (npm run leads).`);
  }
  throw error;
}

/** Opens the lead book of a deployed stage: its table and person-index key, from the data stack's outputs. */
async function openStage(stage: string, profile?: string): Promise<LeadBook> {
  const { region, stackPrefix } = stageRegion(stage);
  const stackName = `${stackPrefix}Data`;
  const where = `the stack ${stackName} in ${region}`;
  const config = { region, ...(profile && { profile }) };
  const outputs = await new CloudFormationClient(config)
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .then((answer) => Object.fromEntries((answer.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])))
    .catch((error: unknown) => explain(error, where));
  const tableName = outputs.TableName;
  const secretArn = outputs.PersonKeySecretArn;
  if (!tableName || !secretArn) throw new UsageError(`${where} has no TableName or PersonKeySecretArn output: deploy this version first.`);
  const personKey = await new SecretsManagerClient(config)
    .send(new GetSecretValueCommand({ SecretId: secretArn }))
    .then((answer) => answer.SecretString ?? '')
    .catch((error: unknown) => explain(error, `the person-index key of ${stackName}`));
  return new LeadBook({ tableName, personKey, timeZone: siteConfig.timeZone, region, ...(profile && { profile }) });
}

/** Opens the lead book the command line names. */
export function openLeadBook(target: Target): Promise<LeadBook> {
  return target.local ? Promise.resolve(openLocal(target.dataDir)) : openStage(target.stage, target.profile);
}
