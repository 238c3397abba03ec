import type { ResultsBody } from '../quiz/api-contract.ts';
import { callApi } from './api.ts';
import { forgetResult, shownInThisTab } from './last-result.ts';
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
    // A reload of the result the quiz has just shown in this tab is not the visitor coming back to read it.
    const reload = shownInThisTab(token) ? '?for=reload' : '';
    const answer = await callApi<ResultsBody>(`/api/results/${encodeURIComponent(token)}${reload}`);
    if (!answer.ok) {
      // A result that no longer opens is not offered again on the assessment's page.
      if (answer.status === 404 && this.dataset.assessmentId) forgetResult(this.dataset.assessmentId, token);
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
