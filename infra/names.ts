/**
 * The names a deployed stage is found by, written once for the CDK app, the operator's `npm run leads` and the
 * tests: each stack's name, from the stage's, and the data stack's outputs.
 */

/**
 * A dashed name in PascalCase, as CloudFormation names stacks and constructs.
 * @example pascal('results-contact') // 'ResultsContact'
 */
export const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * The stacks of a stage: its name in PascalCase, then what each holds.
 * @example stackNames('production').data // 'ProductionData'
 */
export function stackNames(stage: string) {
  const prefix = pascal(stage);
  return { data: `${prefix}Data`, edge: `${prefix}Edge`, site: `${prefix}Site`, edgeAlarms: `${prefix}EdgeAlarms` } as const;
}

/** The outputs of the data stack that `npm run leads -- --stage <name>` reads. */
export const DATA_OUTPUTS = { tableName: 'TableName', personKeySecretArn: 'PersonKeySecretArn' } as const;
