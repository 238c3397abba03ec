import { describe, expect, it } from 'vitest';
import { functionFromEnv } from '../../../src/lambda/backend.ts';
import { contact } from '../../../src/lambda/functions/contact.ts';
import { results } from '../../../src/lambda/functions/results.ts';
import { sweep } from '../../../src/lambda/functions/sweep.ts';

const deployed = {
  AWS_LAMBDA_FUNCTION_NAME: 'ProductionSite-ApiContactFunction',
  AWS_REGION: 'eu-west-2',
  TABLE_NAME: 't',
  SITE_URL: 'https://paradigmai.co',
  SENDER_ADDRESS: 'hello@paradigmai.co',
  LEAD_RECIPIENT: 'hello@paradigmai.co',
  RETENTION_DAYS: '365',
  FOLLOW_UP_DELAY_DAYS: '3',
  PERSON_KEY: 'k'.repeat(48),
};

describe('functionFromEnv', () => {
  it('refuses to start an API function in AWS without the origin secret, naming it', () => {
    expect(() => functionFromEnv(deployed, 'contact', contact)).toThrowError(/ORIGIN_SECRET: required for the API's functions in AWS/);
  });

  it('starts an API function that has it, and the sweep (which no request reaches) without it', () => {
    expect(typeof functionFromEnv({ ...deployed, ORIGIN_SECRET: 's'.repeat(48) }, 'contact', contact)).toBe('function');
    expect(typeof functionFromEnv(deployed, 'sweep', sweep)).toBe('function');
  });

  it('refuses to start a function that stores addresses without the person-index key, naming it; the others need none', () => {
    const { PERSON_KEY: _, ...keyless } = { ...deployed, ORIGIN_SECRET: 's'.repeat(48) };
    expect(() => functionFromEnv(keyless, 'contact', contact)).toThrowError(/PERSON_KEY: required by the functions that store/);
    expect(typeof functionFromEnv(keyless, 'results', results)).toBe('function');
    expect(typeof functionFromEnv(keyless, 'sweep', sweep)).toBe('function');
  });
});
