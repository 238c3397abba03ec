import { describe, expect, it } from 'vitest';
import { ContactConfigSchema, loadConfig } from '../../../src/lambda/config.ts';

const valid = {
  TABLE_NAME: 't',
  SITE_URL: 'https://paradigmai.co',
  SENDER_ADDRESS: 'hello@paradigmai.co',
  LEAD_RECIPIENT: 'hello@paradigmai.co',
  RETENTION_DAYS: '365',
};

describe('loadConfig', () => {
  it('reads and converts the settings, with defaults', () => {
    expect(loadConfig(ContactConfigSchema, valid)).toMatchObject({ RETENTION_DAYS: 365, LOG_LEVEL: 'INFO', MAX_SEND_ATTEMPTS: 8 });
  });

  it('refuses to start naming every missing or bad key', () => {
    expect(() =>
      loadConfig(ContactConfigSchema, { ...valid, TABLE_NAME: '', SENDER_ADDRESS: 'nobody' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: This function is misconfigured, so it refuses to start:
        - TABLE_NAME: Invalid input: expected string, received undefined
        - SENDER_ADDRESS: Invalid email address
      Set these environment variables (see the configuration table in README.md) and deploy again.]
    `);
  });
});
