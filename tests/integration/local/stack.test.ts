import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { submissionBody } from '../../fixtures/answers.ts';
import { type InboxEmail, waitForEmails } from '../../helpers/inbox.ts';
import { exited, isListening, spawnLocalStack, waitForOutput } from '../../helpers/processes.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('runs the site, the API and the inbox on free ports, and Ctrl-C leaves nothing running', { timeout: 120_000 }, async () => {
    // Prepare
    const child = spawnLocalStack([], { LOCAL_DATA_DIR: dataDir });
    const [, site] = await waitForOutput(child, /Site\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const [, inbox] = await waitForOutput(child, /Email inbox\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const ports = [...child.output().matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));

    // Act: the contact page renders, and its API answers on the same origin
    const page = await fetch(`${site}/contact/`);
    const marker = `Stack ${Date.now()}`;
    const posted = await fetch(`${site}/api/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: marker, email: 'stack@example.com', message: 'Through the dev server' }),
    });

    // Assess
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    // A draft article shows in development, marked as such.
    const home = await (await fetch(`${site}/`)).text();
    expect(home).toMatch(/What a parallel run looks like in practice<\/a>\s*<span class="tag"[^>]*>Draft<\/span>/);
    expect(posted.status).toBe(201);
    expect(await waitForEmails(String(inbox), (e: InboxEmail) => e.subject.includes(marker))).toHaveLength(1);
    expect(await (await fetch(`${inbox}/`)).text()).toContain('<html');

    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(await exited(child)).toBe(0);
    for (const port of new Set(ports)) expect(await isListening(port)).toBe(false);
  });

  it('keeps DynamoDB data across a restart', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-data-'));
    try {
      const first = spawnLocalStack(['--preview'], { LOCAL_DATA_DIR: dir, MIN_COMPLETION_SECONDS: '0' });
      const [, site] = await waitForOutput(first, /Site\s+(http:\/\/127\.0\.0\.1:\d+)/);
      const posted = await fetch(`${site}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(submissionBody()),
      });
      const { token } = (await posted.json()) as { token: string };
      process.kill(-(first.pid ?? 0), 'SIGINT');
      expect(await exited(first)).toBe(0);

      const second = spawnLocalStack(['--preview'], { LOCAL_DATA_DIR: dir });
      const [, again] = await waitForOutput(second, /Site\s+(http:\/\/127\.0\.0\.1:\d+)/);
      const reopened = await fetch(`${again}/api/results/${token}`);
      process.kill(-(second.pid ?? 0), 'SIGINT');
      await exited(second);
      expect(reopened.status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which port is taken and exits without starting anything', { timeout: 60_000 }, async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const child = spawnLocalStack([], { INBOX_PORT: String(taken), LOCAL_DATA_DIR: dataDir });
      expect(await exited(child)).toBe(1);
      expect(child.output()).toContain(`Port ${taken} (SES inbox (aws-ses-v2-local)) is already in use`);
      expect(child.output()).toContain('INBOX_PORT=<port> npm start');
    } finally {
      blocker.close();
    }
  });

  it('names a bad setting a function fails on at its cold start, and exits leaving nothing running', { timeout: 60_000 }, async () => {
    const child = spawnLocalStack([], { SUBMISSIONS_PER_IP_PER_HOUR: 'lots', LOCAL_DATA_DIR: 'memory' });
    expect(await exited(child)).toBe(1);
    expect(child.output()).toContain('SUBMISSIONS_PER_IP_PER_HOUR');
    expect(child.output()).not.toContain('Press Ctrl-C');
  });
});
