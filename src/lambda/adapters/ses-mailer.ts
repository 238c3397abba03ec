import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { EmailDeferredError, EmailRejectedError } from '../errors.ts';
import type { Mailer, OutgoingEmail } from '../ports.ts';

/** How to reach SES: the configuration set in AWS (settings); the endpoint, region and credentials of a stand-in. */
export interface SesPlace {
  settings: { SES_CONFIGURATION_SET?: string; SES_ENDPOINT?: string };
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the SES client and the mailer, once per cold start (only the functions that send email import this). */
export function createSesMailer({ settings, region, credentials }: SesPlace): SesMailer {
  const endpoint = settings.SES_ENDPOINT;
  const client = new SESv2Client({ ...(endpoint && { endpoint }), ...(region && { region }), ...(credentials && { credentials }) });
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
