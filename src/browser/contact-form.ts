import type { MessageReceivedBody } from '../quiz/api-contract.ts';
import { callApi } from './api.ts';
import { clearFieldErrors, showFieldErrors } from './form-errors.ts';

/** Required fields, checked in the browser before sending (the server checks everything again). */
const REQUIRED: Record<string, string> = {
  name: 'Enter your name.',
  email: 'Enter your email address.',
  message: 'Write a message.',
};

/**
 * `<contact-form>`: sends the contact form as JSON with a request id kept for this message (so a double
 * click or a retry is recognised), shows field errors in place and the confirmation without a page load.
 * Without JavaScript the plain form posts and the server redirects to a thank-you page.
 */
class ContactFormElement extends HTMLElement {
  #requestId = crypto.randomUUID();

  /** The result the visitor writes from (`/contact/?result=<token>`, the "Talk to us" of their results). */
  #result = new URLSearchParams(location.search).get('result');

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (this.#result) this.querySelector<HTMLElement>('[data-result-note]')?.removeAttribute('hidden');
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send(form);
    });
    // A changed message is a new message: it gets a new id.
    form?.addEventListener('input', () => {
      this.#requestId = crypto.randomUUID();
    });
  }

  async #send(form: HTMLFormElement): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const missing = Object.entries(REQUIRED)
      .filter(([field]) => !data[field]?.trim())
      .map(([field, message]) => ({ field, message }));
    if (data.email?.trim() && !form.querySelector<HTMLInputElement>('input[name="email"]')?.checkValidity()) {
      missing.push({ field: 'email', message: 'Enter an email address like name@example.com.' });
    }
    if (showFieldErrors(this, form, missing)) return;
    clearFieldErrors(this, form);
    if (button) button.disabled = true;
    if (status) status.textContent = 'Sending…';
    const answer = await callApi<MessageReceivedBody>(form.action, {
      ...data,
      id: this.#requestId,
      ...(this.#result && { result: this.#result }),
    });
    if (button) button.disabled = false;
    if (answer.ok) {
      form.hidden = true;
      const confirmation = this.querySelector<HTMLElement>('[data-confirmation]');
      if (confirmation) {
        confirmation.hidden = false;
        confirmation.focus();
      }
      return;
    }
    if (showFieldErrors(this, form, answer.error.problems)) {
      if (status) status.textContent = '';
      return;
    }
    if (status) status.textContent = answer.error.message;
  }
}

customElements.define('contact-form', ContactFormElement);
