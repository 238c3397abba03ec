/** One email as aws-ses-v2-local stores it. */
export interface InboxEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

/** Reads the local SES inbox, keeping the emails that match. */
export async function readInbox(sesEndpoint: string, match: (email: InboxEmail) => boolean = () => true): Promise<InboxEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: InboxEmail[] };
  return emails.filter(match);
}

/** Waits until at least `count` matching emails are in the inbox (the send may finish after the response). */
export async function waitForEmails(sesEndpoint: string, match: (email: InboxEmail) => boolean, count = 1, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await readInbox(sesEndpoint, match);
    if (emails.length >= count || Date.now() > deadline) return emails;
    await new Promise((r) => setTimeout(r, 50));
  }
}
