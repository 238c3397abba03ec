import { Webhook } from 'standardwebhooks';
import { WebhookDeferredError, WebhookRejectedError } from '../errors.ts';
import type { OutgoingWebhook, WebhookSender } from '../ports.ts';

/** How long the receiver has to answer before the attempt counts as failed (and is retried). */
const WEBHOOK_TIMEOUT_MS = 5_000;

/** Answers after which the same event may be accepted later. */
const PASSING = new Set([408, 425, 429]);

/**
 * Posts webhook events to one URL, signed per the Standard Webhooks specification by its maintained library:
 * `webhook-id` (the same on every attempt, so the receiver can drop a repeat), `webhook-timestamp` (this
 * attempt's time) and `webhook-signature`. A 2xx is delivered; a 5xx, 408, 425, 429, a timeout or no connection is
 * retried by the outbox; any other answer (a redirect too: give the final URL) is refused for good.
 */
export class StandardWebhookSender implements WebhookSender {
  private readonly signer: Webhook;

  constructor(
    private readonly url: string,
    secret: string,
  ) {
    this.signer = new Webhook(secret);
  }

  async send(webhook: OutgoingWebhook): Promise<void> {
    // The receiver checks the timestamp against its own clock, so it is the real time of this attempt.
    const at = new Date();
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'site-webhooks/1',
          'webhook-id': webhook.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': this.signer.sign(webhook.id, at, webhook.body),
        },
        body: webhook.body,
      });
    } catch (error) {
      throw new WebhookDeferredError(
        `The webhook receiver could not be reached: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    await response.body?.cancel();
    if (response.ok) return;
    const what = `The webhook receiver answered ${response.status} ${response.statusText}`.trim();
    if (response.status >= 500 || PASSING.has(response.status)) throw new WebhookDeferredError(what);
    throw new WebhookRejectedError(`${what}; it will not be sent again until retried with npm run leads -- emails retry.`);
  }
}
