import type { TestProject } from 'vitest/node';
import { startStandIns } from '../helpers/stand-ins.ts';

/** Starts dynalite and aws-ses-v2-local once for all integration tests, on free ports. */
export default async function setup(project: TestProject) {
  const standIns = await startStandIns();
  project.provide('dynamoEndpoint', standIns.dynamoEndpoint);
  project.provide('sesEndpoint', standIns.sesEndpoint);
  return () => standIns.stop();
}
