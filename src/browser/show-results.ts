import type { ContactAttachedBody, ResultsBody } from '../quiz/api-contract.ts';
import { bookingLink } from '../quiz/booking.ts';
import { type ResultsMeta, renderResults } from '../quiz/render-results.ts';
import { callApi } from './api.ts';
import { clearFieldErrors, showFieldErrors } from './form-errors.ts';
import { reportStep } from './funnel.ts';

/** Reads the JSON a page embedded in `data-*` attributes of an element. */
export function readMeta(host: HTMLElement): { meta: ResultsMeta; articleTitles: Record<string, string> } {
  return {
    meta: {
      title: host.dataset.title ?? '',
      consentLabel: host.dataset.consentLabel ?? '',
      siteName: host.dataset.siteName ?? '',
      contactAddress: host.dataset.contactAddress ?? '',
    },
    articleTitles: JSON.parse(host.dataset.articleTitles ?? '{}') as Record<string, string>,
  };
}

/** Renders results into `target` with the shared renderer, wires the email form, and moves focus to the heading. */
export function showResults(target: HTMLElement, host: HTMLElement, stored: ResultsBody): void {
  const { meta, articleTitles } = readMeta(host);
  target.innerHTML = renderResults(meta, stored.result, {
    token: stored.token,
    siteUrl: location.origin,
    articleTitles,
    contactGiven: stored.contactGiven,
    takenAt: stored.takenAt,
    // Days are named in the visitor's own time zone.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(stored.previous && { previous: stored.previous }),
    ...(stored.benchmark && { benchmark: stored.benchmark }),
    ...(stored.booking && { booking: { href: stored.booking.url } }),
  }).toString();
  target.hidden = false;
  target.querySelector<HTMLElement>('#results-heading')?.focus();
  const version = stored.result.assessmentVersion;
  for (const talk of target.querySelectorAll<HTMLAnchorElement>('a[data-talk]')) {
    talk.addEventListener('click', () => reportStep('talk', version));
  }
  for (const book of target.querySelectorAll<HTMLAnchorElement>('a[data-book]')) {
    book.addEventListener('click', () => reportStep('book', version));
  }
  wireTools(target);
  const form = target.querySelector<HTMLFormElement>('form[data-results-email]');
  const section = form?.closest<HTMLElement>('section');
  // Once the visitor has typed their name and address, the booking page gets them too.
  const { booking } = stored;
  const fillBooking = (name: string, email: string) => {
    if (!booking) return;
    for (const book of target.querySelectorAll<HTMLAnchorElement>('a[data-book]')) book.href = bookingLink(booking, { name, email });
  };
  if (form && section) form.addEventListener('submit', (event) => void sendResultsEmail(event, form, section, fillBooking));
}

/** "Copy link" and "Print or save as PDF" need JavaScript: shown only here, where they work. */
function wireTools(target: HTMLElement): void {
  const link = target.querySelector<HTMLAnchorElement>('a[data-results-link]');
  const status = target.querySelector<HTMLElement>('[data-tools-status]');
  const copy = target.querySelector<HTMLButtonElement>('[data-copy-link]');
  if (link && copy && navigator.clipboard) {
    // The button does what the link is there for without JavaScript.
    copy.hidden = false;
    link.hidden = true;
    copy.addEventListener('click', () => {
      navigator.clipboard.writeText(link.href).then(
        () => {
          if (status) status.textContent = 'Link copied. Keep it to come back to these results.';
        },
        () => {
          link.hidden = false;
          if (status) status.textContent = 'This browser did not allow copying: use the “Link to these results” link instead.';
        },
      );
    });
  }
  const print = target.querySelector<HTMLButtonElement>('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
}

async function sendResultsEmail(
  event: SubmitEvent,
  form: HTMLFormElement,
  section: HTMLElement,
  onSent: (name: string, email: string) => void,
): Promise<void> {
  event.preventDefault();
  const status = form.querySelector<HTMLElement>('[data-status]');
  const data = new FormData(form);
  const body = {
    name: data.get('name'),
    email: data.get('email'),
    company: data.get('company'),
    consent: data.get('consent') === 'on',
    website: data.get('website'),
  };
  clearFieldErrors(section, form);
  if (status) status.textContent = 'Sending…';
  const answer = await callApi<ContactAttachedBody>(form.action, body);
  if (answer.ok) {
    onSent(String(body.name ?? ''), String(body.email ?? ''));
    const done = document.createElement('p');
    done.className = 'notice';
    done.tabIndex = -1;
    done.textContent = answer.body.message;
    form.replaceWith(done);
    done.focus();
    return;
  }
  if (status) status.textContent = showFieldErrors(section, form, answer.error.problems ?? []) ? '' : (answer.error.message ?? '');
}
