import type { ResultsBody } from '../quiz/api-contract.ts';
import { callApi } from './api.ts';
import { showResults } from './show-results.ts';

/** `<saved-results>`: opens a stored result from its link (`/results/?t=…`) with the shared renderer. */
class SavedResults extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const target = this.querySelector<HTMLElement>('[data-results-host]');
    const token = new URLSearchParams(location.search).get('t');
    if (!status || !target) return;
    if (!token) {
      status.textContent = 'This link has no results token. Open the link from your results email, or take the assessment.';
      return;
    }
    status.textContent = 'Loading your results…';
    const answer = await callApi<ResultsBody>(`/api/results/${encodeURIComponent(token)}`);
    if (!answer.ok) {
      status.textContent =
        answer.status === 404
          ? 'These results have expired or the link is not complete. Check that you copied the whole link, or take the assessment again.'
          : (answer.error.message ?? '');
      return;
    }
    status.textContent = '';
    showResults(target, this, answer.body);
  }
}

customElements.define('saved-results', SavedResults);
