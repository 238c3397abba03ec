import { describe, expect, inject, it } from 'vitest';
import { readInbox } from '../helpers/inbox.ts';
import { runLeads } from '../helpers/leads.ts';

const inboxUrl = inject('inboxUrl');
const dataDir = inject('dataDir');

describe('npm run leads -- smoke', () => {
  it('takes a test assessment through the site, finds both emails handed to SES, and leaves nothing stored', {
    timeout: 120_000,
  }, async () => {
    // Act
    const run = await runLeads(dataDir, 'smoke');
    // Assess: both emails sent, the test's records erased.
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/✔ The site scored and stored it \(201\)\./);
    expect(run.out).toMatch(/✔ results-email: handed to SES \(message \S+\)/);
    expect(run.out).toMatch(/✔ lead-notification: handed to SES \(message \S+\)/);
    const address = /as (success\+smoke-\w+@simulator\.amazonses\.com)/.exec(run.out)?.[1] ?? '';
    expect(address).not.toBe('');
    expect(await readInbox(inboxUrl, (e) => e.destination.to.includes(address))).toHaveLength(1);
    const shown = await runLeads(dataDir, 'show', address);
    expect(shown.out.trim()).toBe(`Nothing is stored about ${address}.`);
  });
});
