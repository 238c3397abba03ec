import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/lambda/settings.ts';

const valid = {
  TABLE_NAME: 't',
  SITE_URL: 'https://paradigmai.co',
  SENDER_ADDRESS: 'hello@paradigmai.co',
  LEAD_RECIPIENT: 'hello@paradigmai.co',
  RETENTION_DAYS: '365',
  FOLLOW_UP_DELAY_DAYS: '3',
  PERSON_KEY: 'k'.repeat(32),
};

describe('loadSettings', () => {
  it('reads and converts the settings, with defaults', () => {
    expect(loadSettings(valid)).toMatchObject({
      RETENTION_DAYS: 365,
      LOG_LEVEL: 'INFO',
      MAX_SEND_ATTEMPTS: 8,
      SUBMISSIONS_PER_IP_PER_HOUR: 30,
      MIN_COMPLETION_SECONDS: 20,
    });
  });

  it('ignores variables it does not read and treats empty ones as unset', () => {
    expect(loadSettings({ ...valid, PATH: '/usr/bin', LOG_LEVEL: '' }).LOG_LEVEL).toBe('INFO');
  });

  it('refuses to start naming every missing or bad key', () => {
    expect(() =>
      loadSettings({ ...valid, TABLE_NAME: '', SENDER_ADDRESS: 'nobody', SUBMISSIONS_PER_IP_PER_HOUR: 'lots' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: This function is misconfigured, so it refuses to start:
        - TABLE_NAME: Invalid input: expected string, received undefined
        - SENDER_ADDRESS: Invalid email address
        - SUBMISSIONS_PER_IP_PER_HOUR: Invalid input: expected number, received NaN
      Set these environment variables (see the configuration table in README.md) and deploy again.]
    `);
  });

  it('takes a webhook URL, and a Standard Webhooks signing secret only with it', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(loadSettings({ ...valid, WEBHOOK_URL: 'https://hooks.zapier.com/hooks/catch/1/abc/', WEBHOOK_SECRET: secret })).toMatchObject({
      WEBHOOK_URL: 'https://hooks.zapier.com/hooks/catch/1/abc/',
    });
    expect(() => loadSettings({ ...valid, WEBHOOK_SECRET: secret })).toThrowError('WEBHOOK_SECRET: a signing secret without WEBHOOK_URL');
    expect(() => loadSettings({ ...valid, WEBHOOK_URL: 'https://example.com/hook', WEBHOOK_SECRET: 'hunter2' })).toThrowError(
      'WEBHOOK_SECRET: must be a Standard Webhooks secret',
    );
  });
});
