import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';
import { parseStageConfig, type StageConfig } from '../../infra/config.ts';
import { repoRoot } from './processes.ts';
import { distDir } from './site.ts';

/**
 * A production stage in one of its two shapes: `zone` (a Route 53 zone, the stacks make the certificate) or
 * `certificate` (the owner's certificate, no zone), from tests/fixtures/stages/.
 */
export function stageFixture(shape: 'zone' | 'certificate'): StageConfig {
  const file = join(repoRoot, 'tests/fixtures/stages', `production-${shape}.json`);
  return parseStageConfig(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Synthesises a production stage once (with cdk-nag; by default the shape with a zone) and returns each stack's template. */
export function synthProduction(shape: 'zone' | 'certificate' = 'zone') {
  const app = buildApp({
    app: new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } }),
    config: stageFixture(shape),
    siteDirectory: distDir,
  });
  const assembly = app.synth();
  const stacks = Object.fromEntries(
    app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => [s.node.id, Template.fromStack(s)]),
  );
  return {
    app,
    assembly,
    stacks: stacks as Record<'ProductionData' | 'ProductionEdge' | 'ProductionSite' | 'ProductionEdgeAlarms', Template>,
  };
}

/** Every resource of a type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): [string, { Properties: Record<string, unknown>; DeletionPolicy?: string }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties: Record<string, unknown>; DeletionPolicy?: string }][];
}
