import { randomUUID } from 'node:crypto';
import { assessment } from '../assessment.ts';
import { erasePerson } from '../lambda/owner/people.ts';
import { siteConfig } from '../site-config.ts';
import type { openOwnerStores } from './connect.ts';

/** The emails a submission with contact details queues at once, and the longest wait for them. */
const EXPECTED = ['results-email', 'lead-notification'];
const WAIT_MS = 90_000;

/**
 * An address that receives without bouncing or complaining: SES's mailbox simulator (in the sandbox too), with a
 * label so each run is its own person. The local stand-in accepts any address.
 */
export const smokeAddress = (label: string) => `success+smoke-${label}@simulator.amazonses.com`;

/**
 * `npm run leads -- smoke`: takes the assessment through the site as a visitor would (its public address, through
 * CloudFront and the WAF), leaves contact details, then waits until the outbox says the results email and the lead
 * email were handed to SES, and erases what it stored. True when everything worked.
 */
export async function smokeTest(stores: Awaited<ReturnType<typeof openOwnerStores>>, say: (line: string) => void): Promise<boolean> {
  const label = randomUUID().slice(0, 8);
  const email = smokeAddress(label);
  const submissionId = randomUUID();
  const answers = Object.fromEntries(assessment.questions.map((q) => [q.id, q.options[1]?.id ?? '']));
  const qualifying = Object.fromEntries(
    assessment.qualifying.map((q) => [q.id, q.multiple ? [q.options[0]?.id ?? ''] : (q.options[0]?.id ?? '')]),
  );
  const url = `${stores.siteUrl}/api/submissions`;
  say(`Sending a test assessment to ${url} as ${email}…`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'site-smoke-test' },
    body: JSON.stringify({
      submissionId,
      assessmentId: assessment.id,
      assessmentVersion: assessment.version,
      answers,
      qualifying,
      source: { utm_source: 'smoke-test' },
      website: '',
      elapsedMs: 120_000,
      contact: { name: 'Smoke Test', email, consent: false },
    }),
  });
  if (response.status !== 201) {
    say(`✘ The site answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return false;
  }
  say('✔ The site scored and stored it (201).');
  const owner = { type: 'submission' as const, id: submissionId };
  const started = Date.now();
  let items = await stores.outbox.itemsOf(owner);
  while (Date.now() - started < WAIT_MS && !EXPECTED.every((kind) => items.some((i) => i.kind === kind && i.state !== 'pending'))) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    items = await stores.outbox.itemsOf(owner);
  }
  let ok = true;
  for (const kind of EXPECTED) {
    const item = items.find((i) => i.kind === kind);
    if (item?.state === 'sent') say(`✔ ${kind}: handed to SES (message ${item.messageId ?? 'unknown'})`);
    else {
      ok = false;
      say(`✘ ${kind}: ${item ? `${item.state}${item.lastError ? `: ${item.lastError}` : ''}` : 'never queued'}`);
    }
  }
  const erased = await erasePerson(email, stores, stores.clock.now(), siteConfig.timeZone);
  say(`Erased the test's ${erased.length} stored items.`);
  if (!ok) say('An email was not sent: `npm run leads -- emails --failed` says why, and README.md (Operate) what to check.');
  return ok;
}
