import { ConfigError } from '../lambda/settings.ts';
import { dataDirOf } from './running-stack.ts';
import { startLocalStack } from './stack.ts';
import { PortInUseError } from './stand-ins.ts';

/** Reads a port from the environment: a number from 0 (any free port) to 65535. */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name}=${raw} is not a port number. Use a whole number from 0 (any free port) to 65535.`);
    process.exit(2);
  }
  return value;
}

const preview = process.argv.includes('--preview');
/** The settings a developer may change locally (README: the local stack); unset ones keep the defaults. */
const OVERRIDABLE = [
  'SUBMISSIONS_PER_IP_PER_HOUR',
  'FORM_POSTS_PER_IP_PER_HOUR',
  'MIN_COMPLETION_SECONDS',
  'MAX_SEND_ATTEMPTS',
  'LOG_LEVEL',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
] as const;

try {
  const stack = await startLocalStack({
    site: preview ? 'dist' : 'dev',
    ports: { site: port('PORT', 4321), api: port('API_PORT', 4322), inbox: port('INBOX_PORT', 8005), dynamo: port('DYNAMODB_PORT', 0) },
    // LOCAL_DATA_DIR=memory keeps DynamoDB in memory (nothing survives a restart).
    dataDir: dataDirOf(process.env.LOCAL_DATA_DIR),
    sweepIntervalMs: Number(process.env.SWEEP_INTERVAL_MS ?? 30_000),
    overrides: Object.fromEntries(OVERRIDABLE.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
    onError: (error) => console.error('local stack error:', error),
  });
  console.log(
    [
      '',
      `  Site          ${stack.siteUrl}/${preview ? '   (production build from dist/)' : ''}`,
      `  Email inbox   ${stack.inboxUrl}/   (every email the site sends)`,
      `  API           ${stack.apiUrl}/api/   (the backend's functions; also under the site's /api/)`,
      `  DynamoDB      ${stack.dynamoEndpoint}   (table ${stack.tableName})`,
      '',
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  // A taken port, or a setting the backend refuses: the message says what to change.
  if (error instanceof PortInUseError || error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
