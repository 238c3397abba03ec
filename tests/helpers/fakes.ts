import { EmailDeferredError, EmailRejectedError, WebhookDeferredError, WebhookRejectedError } from '../../src/lambda/errors.ts';
import type { Mailer, OutgoingEmail, OutgoingWebhook, WebhookSender } from '../../src/lambda/ports.ts';

/** A mailer that records what it sends and fails as scripted: 'ok', 'deferred' or 'rejected' per call. */
export class ScriptedMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  constructor(readonly script: ('ok' | 'deferred' | 'rejected')[] = []) {}
  async send(email: OutgoingEmail) {
    const step = this.script.shift() ?? 'ok';
    if (step === 'deferred') throw new EmailDeferredError('Throttling: slow down');
    if (step === 'rejected') throw new EmailRejectedError('MessageRejected: address blacklisted');
    this.sent.push(email);
    return { messageId: `m-${this.sent.length}` };
  }
  /** The emails sent to an address. */
  to(address: string) {
    return this.sent.filter((email) => email.to.includes(address));
  }
}

/** A clock that only moves when told. */
export class ManualClock {
  constructor(private current = new Date('2026-11-27T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A webhook receiver that records every attempt and answers as scripted: 'ok', 'deferred' or 'rejected' per call. */
export class ScriptedWebhooks implements WebhookSender {
  /** Every attempt, with the answer it got. */
  readonly attempts: (OutgoingWebhook & { answer: 'ok' | 'deferred' | 'rejected' })[] = [];
  constructor(readonly script: ('ok' | 'deferred' | 'rejected')[] = []) {}
  async send(webhook: OutgoingWebhook) {
    const answer = this.script.shift() ?? 'ok';
    this.attempts.push({ ...webhook, answer });
    if (answer === 'deferred') throw new WebhookDeferredError('The webhook receiver answered 500 Internal Server Error');
    if (answer === 'rejected') throw new WebhookRejectedError('The webhook receiver answered 410 Gone');
  }
  /** The events it accepted, parsed. */
  get delivered(): { id: string; type: string; timestamp: string; data: Record<string, unknown> }[] {
    return this.attempts.filter((a) => a.answer === 'ok').map((a) => ({ id: a.id, ...JSON.parse(a.body) }));
  }
}
