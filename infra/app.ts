import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig, type StageConfig } from './config.ts';
import { keepFunctionLogsForAMonth } from './constructs/log-retention.ts';
import { stackNames } from './names.ts';
import { DataStack } from './stacks/data-stack.ts';
import { EdgeAlarmsStack } from './stacks/edge-alarms-stack.ts';
import { EdgeStack } from './stacks/edge-stack.ts';
import { SiteStack } from './stacks/site-stack.ts';

/** Builds the whole app for a stage; used by the CDK CLI (below) and by the infrastructure tests. */
export function buildApp(options: { app?: App; stage?: string; config?: StageConfig; siteDirectory?: string } = {}): App {
  // Strong cross-stack references: a stack cannot be updated in a way that breaks one that uses its outputs.
  const app = options.app ?? new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
  const config = options.config ?? loadStageConfig(options.stage ?? app.node.tryGetContext('stage') ?? 'production');
  const siteDirectory = options.siteDirectory ?? resolve(import.meta.dirname, '../dist');
  if (!existsSync(resolve(siteDirectory, 'index.html'))) {
    throw new Error(`There is no built site in ${siteDirectory}. Run \`npm run build\` first (npm run synth and npm run deploy do).`);
  }
  // Cross-region references (us-east-1 ↔ the stage's region) need a concrete account; without credentials a
  // placeholder keeps `cdk synth` working offline.
  const account = config.account ?? process.env.CDK_DEFAULT_ACCOUNT ?? '000000000000';
  const names = stackNames(config.name);
  const env = { account, region: config.region };
  const edgeEnv = { account, region: 'us-east-1' };

  const data = new DataStack(app, names.data, { env, terminationProtection: true, description: 'Site data (retained)' });
  const edge = new EdgeStack(app, names.edge, {
    env: edgeEnv,
    crossRegionReferences: true,
    apiRequestsPer5Minutes: 300,
    ...(config.hostedZone && !config.certificateArn && { site: { domain: config.domain, hostedZone: config.hostedZone } }),
    description: config.hostedZone && !config.certificateArn ? 'Site WAF and certificate' : 'Site WAF',
  });
  // The certificate the stage names, or the one the edge stack made for the domain (the stage must give one or the other).
  const certificateArn = config.certificateArn ?? edge.certificateArn;
  if (!certificateArn) throw new Error('The stage has neither a certificateArn nor a hostedZone: parseStageConfig should have refused it.');
  const site = new SiteStack(app, names.site, {
    env,
    crossRegionReferences: true,
    config,
    table: data.table,
    personKey: data.personKey,
    webAclArn: edge.webAclArn,
    certificateArn,
    siteDirectory,
    description: 'Site, API, email',
  });
  const edgeAlarms = new EdgeAlarmsStack(app, names.edgeAlarms, {
    env: edgeEnv,
    crossRegionReferences: true,
    distributionId: site.distributionId,
    alarmEmail: config.alarmEmail,
    description: 'CloudFront alarms',
  });
  for (const stack of [data, edge, site, edgeAlarms]) keepFunctionLogsForAMonth(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

if (import.meta.main) buildApp().synth();
