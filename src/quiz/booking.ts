/**
 * The consultancy's booking page (Cal.com, Calendly or any URL), with what a visitor already told us filled in.
 * Pure and without dependencies: the backend builds the link for the results page and email, the browser adds the
 * name and address a visitor typed on the page.
 */

/** Booking pages whose fields can be filled in through the link. */
export type BookingProvider = 'cal.com' | 'calendly' | 'other';

/** A booking page, as `content/site.json` names it. */
export interface BookingPage {
  url: string;
  provider: BookingProvider;
}

/** The query parameters each provider reads: name, email, and a note to the consultancy. */
const FIELDS: Record<BookingProvider, { name: string; email: string; note: string } | null> = {
  // Cal.com pre-fills a booking from `name`, `email` and `notes`.
  'cal.com': { name: 'name', email: 'email', note: 'notes' },
  // Calendly pre-fills `name`, `email`, and its first custom question from `a1`.
  calendly: { name: 'name', email: 'email', note: 'a1' },
  // Any other page is linked as it is.
  other: null,
};

/**
 * The booking page's link with what is known filled in (each value URL-encoded by URLSearchParams).
 * @example bookingLink({ url: 'https://cal.com/acme/intro', provider: 'cal.com' }, { note: 'My result: https://…' })
 */
export function bookingLink(page: BookingPage, known: { name?: string; email?: string; note?: string }): string {
  const fields = FIELDS[page.provider];
  if (!fields) return page.url;
  const url = new URL(page.url);
  if (known.name) url.searchParams.set(fields.name, known.name);
  if (known.email) url.searchParams.set(fields.email, known.email);
  if (known.note) url.searchParams.set(fields.note, known.note);
  return url.toString();
}

/**
 * The note a booking carries: a reference to the visitor's result that only the consultancy can open (the
 * submission's id: `npm run leads -- show <id>`), so the call starts from their answers. Never the results token: it
 * opens the answers, unsubscribes, and attaches contact details to an anonymous result, and a booking page keeps it.
 * @example bookingNote('3f2c9a1e-…', 'Integration Readiness') // 'My Integration Readiness result: 3f2c9a1e-…'
 */
export const bookingNote = (reference: string, resultName: string) => `My ${resultName} result: ${reference}`;

/** Where "Talk to us" goes: the contact form, carrying the result when there is one. */
export const talkHref = (token: string | null) => (token ? `/contact/?result=${encodeURIComponent(token)}` : '/contact/');
