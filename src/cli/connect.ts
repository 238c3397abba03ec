import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadStageConfig, StageConfigError } from '../../infra/config.ts';
import { DATA_OUTPUTS, stackNames } from '../../infra/names.ts';
import { createTable } from '../lambda/adapters/table.ts';
import { type OwnerStores, ownerStores } from '../lambda/functions/owner-tools.ts';
import { type Clock, systemClock } from '../lambda/ports.ts';
import { findRunningStack, localCredentials, localRegion, type RunningStack, repoRoot } from '../local/running-stack.ts';
import { siteConfig } from '../site-config.ts';

/** The operator's tools wait up to 30 s for one page of the table: they run over any network, with no 10 s limit. */
const OPERATOR_REQUEST_TIMEOUT = 30_000;
/** Something the operator must change before the command can run; its message says what. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where to read leads: the running local stack, or a deployed stage. */
export type Target = { local: true } | { local: false; stage: string; profile?: string };

/** The running local stack (as `LOCAL_DATA_DIR` names it), or says how to start it. */
export function runningStack(): RunningStack {
  const found = findRunningStack(process.env.LOCAL_DATA_DIR);
  if ('lookedFor' in found) {
    throw new UsageError(
      `The local stack is not running: there is no ${found.lookedFor.join(' nor ')}.\nStart it with \`npm start\` in another terminal (with the same LOCAL_DATA_DIR), then run this again, or name a deployed stage with --stage <name>.`,
    );
  }
  return found;
}

/** The addresses of the running local stack's site, API and inbox (for the tools that use the site). */
export function runningSite(): Required<Pick<RunningStack, 'siteUrl' | 'apiUrl' | 'inboxUrl'>> {
  const { siteUrl, apiUrl, inboxUrl } = runningStack();
  if (!siteUrl || !apiUrl || !inboxUrl) throw new UsageError('The running local stack did not say where its site is: restart `npm start`.');
  return { siteUrl, apiUrl, inboxUrl };
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

/** The table and person-index key of a deployed stage, from the data stack's outputs. */
async function stageTable(stage: string, profile?: string) {
  if (!existsSync(resolve(repoRoot, 'infra/stages', `${stage}.json`))) {
    const known = readdirSync(resolve(repoRoot, 'infra/stages')).map((f) => f.replace(/\.json$/, ''));
    throw new UsageError(`Unknown stage "${stage}": there is no infra/stages/${stage}.json. Stages here: ${known.join(', ')}.`);
  }
  let config: ReturnType<typeof loadStageConfig>;
  try {
    config = loadStageConfig(stage);
  } catch (error) {
    if (error instanceof StageConfigError) throw new UsageError(error.message);
    throw error;
  }
  const stackName = stackNames(config.name).data;
  const where = `the stack ${stackName} in ${config.region}`;
  const aws = { region: config.region, ...(profile && { profile }) };
  const outputs = await new CloudFormationClient(aws)
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .then((answer) => Object.fromEntries((answer.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])))
    .catch((error: unknown) => explain(error, where));
  const tableName = outputs[DATA_OUTPUTS.tableName];
  const secretArn = outputs[DATA_OUTPUTS.personKeySecretArn];
  if (!tableName || !secretArn) {
    throw new UsageError(
      `${where} has no ${DATA_OUTPUTS.tableName} or ${DATA_OUTPUTS.personKeySecretArn} output: deploy this version first.`,
    );
  }
  const personKey = await new SecretsManagerClient(aws)
    .send(new GetSecretValueCommand({ SecretId: secretArn }))
    .then((answer) => answer.SecretString ?? '')
    .catch((error: unknown) => explain(error, `the person-index key of ${stackName}`));
  // The origin the stage's functions put in their emails' links (their SITE_URL), so links printed here are theirs.
  const siteUrl = `https://${config.domain}`;
  const table = createTable({ tableName, ...aws, clock: systemClock, retentionDays: 1, requestTimeout: OPERATOR_REQUEST_TIMEOUT });
  return { table, personKey, siteUrl };
}

/**
 * Opens the consultancy's stores where the command line says: the running local stack, or a deployed stage with
 * the operator's own credentials. (Writes the tools make keep the expiry of what they change; `retentionDays` is
 * never used to write a new record.)
 */
export async function openOwnerStores(target: Target): Promise<OwnerStores & { clock: Clock; siteUrl: string }> {
  if (!target.local) {
    const { table, personKey, siteUrl } = await stageTable(target.stage, target.profile);
    return { ...ownerStores(table, personKey), clock: systemClock, siteUrl };
  }
  const running = runningStack();
  // The local backend's clock may have been moved (`POST /__local/clock`): the tools read the time it reads.
  const offset = running.clockOffsetMs ?? 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const table = createTable({
    tableName: running.tableName,
    endpoint: running.dynamoEndpoint,
    region: localRegion,
    credentials: localCredentials,
    clock,
    retentionDays: 1,
  });
  return { ...ownerStores(table, running.personKey), clock, siteUrl: running.siteUrl ?? siteConfig.url };
}
