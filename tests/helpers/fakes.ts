import { EmailDeferredError, EmailRejectedError } from '../../src/lambda/errors.ts';
import type { Mailer, OutgoingEmail } from '../../src/lambda/ports.ts';

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
