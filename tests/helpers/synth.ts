import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';
import { distDir } from './site.ts';

/** Synthesises the production stage once (with cdk-nag) and returns each stack's template. */
export function synthProduction() {
  const app = buildApp({
    app: new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } }),
    stage: 'production',
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
