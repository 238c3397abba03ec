import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { EmailDeferredError, EmailRejectedError } from '../errors.ts';
import type { Mailer, OutgoingEmail } from '../ports.ts';

/** How to reach SES: the configuration set in AWS (settings); the endpoint, region and credentials of a stand-in. */
export interface SesPlace {
  settings: { SES_CONFIGURATION_SET?: string; SES_ENDPOINT?: string };
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * How long one send may take: a connection in 1 s, SES's answer in 4 s, and one attempt only. The SDK never sends an
 * email again by itself (a send that timed out may still have gone out); one that fails or times out is left in the
 * outbox, which the sweep retries, and a request never waits more than about 4 s for an email.
 */
export const SES_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 4_000, maxAttempts: 1 } as const;

/** Creates the SES client and the mailer, once per cold start (only the functions that send email import this). */
export function createSesMailer({ settings, region, credentials }: SesPlace): SesMailer {
  const endpoint = settings.SES_ENDPOINT;
  const { connectionTimeout, requestTimeout, maxAttempts } = SES_TIMEOUTS;
  const client = new SESv2Client({
    requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true },
    maxAttempts,
    ...(endpoint && { endpoint }),
    ...(region && { region }),
    ...(credentials && { credentials }),
  });
  return new SesMailer(client, settings.SES_CONFIGURATION_SET);
}

/** Errors after which the same message will never be accepted. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'AccountSuspendedException',
  'NotFoundException',
]);

/** Sends email through the SES v2 API (Simple content: SES builds the MIME). */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSetName?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: email.to },
          ...(email.replyTo ? { ReplyToAddresses: email.replyTo } : {}),
          ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              ...(email.headers?.length ? { Headers: email.headers.map((h) => ({ Name: h.name, Value: h.value })) } : {}),
            },
          },
        }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (error instanceof Error && PERMANENT.has(error.name)) {
        throw new EmailRejectedError(`SES refused the email: ${error.name}: ${error.message}`, { cause: error });
      }
      throw new EmailDeferredError(
        `SES could not take the email now: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}
