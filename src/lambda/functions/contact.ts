import { createSesMailer } from '../adapters/ses-mailer.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { sendContactMessage } from '../contact/send-contact-message.ts';
import { messageEmails } from '../email/message-emails.ts';
import { recordEmails } from '../email/send-emails.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoMessages } from '../messages/dynamo-messages.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoPersonIndex } from '../people/person-index.ts';
import { personKeyOf } from '../settings.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { delivery, emailSending, routeOptions } from './wiring.ts';

/** `POST /api/contact`: a contact message, stored and emailed to the consultancy. */
export const contact = {
  aws: (aws) => {
    const people = new DynamoPersonIndex(aws.table, personKeyOf(aws.settings));
    return {
      messages: new DynamoMessages(aws.table, people),
      submissions: new DynamoSubmissions(aws.table, people),
      limits: new DynamoLimits(aws.table),
      outbox: new DynamoOutbox(aws.table),
      mailer: createSesMailer(aws),
    };
  },
  build: (base, ports) => {
    // A message's email needs no assessment: none is loaded.
    const sending = emailSending(base, ports, messageEmails, { message: (id) => ports.messages.get(id) });
    const emails = recordEmails(sending, delivery(base, ports.outbox));
    return createApiHandler(
      (event) =>
        sendContactMessage(event, {
          ...ports,
          perHour: base.settings.FORM_POSTS_PER_IP_PER_HOUR,
          emails,
          siteUrl: base.settings.SITE_URL,
          clock: base.clock,
        }),
      routeOptions(base, ['POST'], '/contact/'),
    );
  },
} satisfies FunctionDefinition<Pick<Ports, 'messages' | 'submissions' | 'limits' | 'outbox' | 'mailer'>, ApiHandler>;
