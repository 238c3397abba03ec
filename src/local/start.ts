import { ConfigError } from '../lambda/settings.ts';
import { startLocalStack } from './stack.ts';
import { PortInUseError } from './stand-ins.ts';

/** `npm start` (`--preview`: `npm run preview`): the whole stack on this machine, until Ctrl-C. */
const preview = process.argv.includes('--preview');
try {
  const stack = await startLocalStack(process.env, preview);
  console.log(
    [
      '',
      `  Site          ${stack.siteUrl}/${preview ? '   (production build from dist/)' : ''}`,
      `  Email inbox   ${stack.inboxUrl}/   (every email the site sends)`,
      `  API           ${stack.apiUrl}/api/   (the backend's functions; also under the site's /api/)`,
      `  DynamoDB      ${stack.dynamoEndpoint}   (table ${stack.tableName})`,
      `  Controls      curl -X POST ${stack.apiUrl}/__local/sweep   (also /__local/digest, /__local/clock?advanceMs=…)`,
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
  // A taken port, a bad port number, or a setting the backend refuses: the message says what to change.
  if (error instanceof PortInUseError || error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
