import type { ResultsBody } from '../quiz/api-contract.ts';
import { resultsUrl } from '../quiz/render-results.ts';
import { callApi } from './api.ts';
import { showFieldErrors } from './form-errors.ts';
import { reportStep } from './funnel.ts';
import { lastResult, rememberResult, showResultAddress } from './last-result.ts';
import { showResults } from './show-results.ts';

/** What is kept in localStorage so a reload resumes where the visitor was. */
interface Progress {
  step: number;
  values: [string, string][];
  submissionId: string;
  /** When the visitor first opened the assessment (this device's clock), kept across reloads. */
  startedAt: number;
  /** For a retake: the results token of the result taken again (sent as `retakeOf`). */
  retakeOf?: string;
  /** The furthest question reached and reported to the funnel (0: not started), so a reload counts nothing twice. */
  reached?: number;
}

const SOURCE_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

/**
 * `<readiness-quiz>`: turns the plain assessment form into one question per step with a progress bar,
 * Back/Next, focus moved to each new question, and answers saved in localStorage. It submits JSON and shows
 * the results in place. Without JavaScript, the same form posts to the API and the results come back as a page.
 */
class ReadinessQuiz extends HTMLElement {
  #form!: HTMLFormElement;
  #steps: HTMLElement[] = [];
  #step = 0;
  #progress!: Progress;
  #key = '';
  /** Whether this page has reported a question reached (progress saved by an earlier page may have too). */
  #reportedHere = false;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form[data-quiz-form]');
    if (!form) return;
    this.#form = form;
    this.#steps = [...form.querySelectorAll<HTMLElement>('[data-step]')];
    this.#key = `assessment:${this.dataset.version}`;
    this.#progress = this.#load();
    this.#fill(this.#progress.values);
    // "Take it again" from a result: `?retake=<token>` fills in that result's answers (unless this retake is under way).
    const retake = new URLSearchParams(location.search).get('retake');
    if (retake && this.#progress.retakeOf !== retake) void this.#prefill(retake);
    else if (!retake) this.#offerLastResult();
    this.#buildControls();
    form.addEventListener('change', () => {
      // An answer reaches the question it answers (and, the first time, starts the assessment).
      this.#reach(this.#step + 1);
      this.#label();
      this.#save();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // Next, or Skip on a question left unanswered (scored as skipped): either way the visitor was here.
      this.#reach(this.#step + 1);
      if (this.#step < this.#steps.length - 1) this.#go(this.#step + 1);
      else void this.#submit();
    });
    this.classList.add('is-enhanced');
    reportStep('view', this.#version);
    this.#go(Math.min(this.#progress.step, this.#steps.length - 1), this.#progress.step > 0);
  }

  #load(): Progress {
    try {
      const saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as Progress | null;
      if (saved && Array.isArray(saved.values)) return { ...saved, startedAt: saved.startedAt ?? Date.now() };
    } catch {
      // Unreadable saved progress: start afresh.
    }
    return { step: 0, values: [], submissionId: crypto.randomUUID(), startedAt: Date.now() };
  }

  /** Checks the inputs named by `answers.<id>` / `qualifying.<id>` pairs, and clears every other. */
  #fill(values: [string, string][]): void {
    for (const input of this.#form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')) {
      if (input.name.startsWith('answers.') || input.name.startsWith('qualifying.')) input.checked = false;
    }
    for (const [name, value] of values) {
      const input = this.#form.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
      if (input) input.checked = true;
    }
  }

  /** Opens the result being retaken by its token and fills in its answers; the retake then links to it. */
  async #prefill(token: string): Promise<void> {
    const note = this.querySelector<HTMLElement>('[data-retake-note]');
    // The notice's box appears with its words, not empty while the answers load.
    const say = (text: string) => {
      note?.classList.add('notice');
      if (note) note.textContent = text;
    };
    const answer = await callApi<ResultsBody>(`/api/results/${encodeURIComponent(token)}?for=retake`);
    if (!answer.ok) {
      say(
        answer.status === 404
          ? 'We could not open your previous answers: the link has expired or is not complete. You can answer afresh.'
          : 'We could not open your previous answers just now. You can answer afresh, or reload the page to try again.',
      );
      return;
    }
    const { answers, qualifying } = answer.body;
    const values: [string, string][] = [
      ...Object.entries(answers).map(([id, value]): [string, string] => [`answers.${id}`, value]),
      ...Object.entries(qualifying).flatMap(([id, value]) =>
        (Array.isArray(value) ? value : [value]).map((v): [string, string] => [`qualifying.${id}`, v]),
      ),
    ];
    this.#fill(values);
    // A new attempt, counted (started, question 1) when the visitor first answers or moves on, as any other; what this
    // page already reported (an answer given before the previous ones arrived) is not reported again.
    this.#progress = {
      step: 0,
      values,
      submissionId: crypto.randomUUID(),
      startedAt: Date.now(),
      retakeOf: token,
      ...(this.#reportedHere && { reached: this.#progress.reached }),
    };
    say('Your previous answers are filled in. Change what has changed since, and your new result will show the difference.');
    this.#go(0, false);
  }

  /** A visitor who finished before on this device is offered that result back, above the first question. */
  #offerLastResult(): void {
    const note = this.querySelector<HTMLElement>('[data-last-result]');
    const last = lastResult(this.#assessmentId, Number(this.dataset.retentionDays));
    if (!note || !last) return;
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(last.takenAt));
    const link = document.createElement('a');
    link.href = resultsUrl('', last.token);
    link.textContent = 'See your last result';
    note.replaceChildren(`You took this assessment on ${day}. `, link, ', or answer again below.');
    note.hidden = false;
  }

  /** The assessment's id (`data-version` is `<assessment id>:<version>`). */
  get #assessmentId(): string {
    const tagged = this.dataset.version ?? '';
    return tagged.slice(0, tagged.indexOf(':'));
  }

  #save(): void {
    const values = [...new FormData(this.#form)].filter(([name]) => name.startsWith('answers.') || name.startsWith('qualifying.')) as [
      string,
      string,
    ][];
    this.#progress = { ...this.#progress, step: this.#step, values };
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#progress));
    } catch {
      // Private mode or full storage: the quiz still works, it just will not resume.
    }
  }

  #buildControls(): void {
    const nav = document.createElement('div');
    nav.className = 'quiz-nav';
    nav.innerHTML =
      '<div class="quiz-progress"><progress max="1" value="0" aria-hidden="true"></progress><p data-progress-text aria-live="polite"></p></div>' +
      '<div class="quiz-buttons"><button type="button" class="button secondary" data-back>Back</button><button type="submit" class="button" data-next>Next</button></div>';
    nav.querySelector('[data-back]')?.addEventListener('click', () => this.#go(this.#step - 1));
    this.#form.querySelector('.quiz-actions')?.replaceWith(nav);
    this.#form.querySelector('.quiz-submit-note')?.remove();
  }

  #go(step: number, focus = true): void {
    this.#step = Math.max(0, Math.min(step, this.#steps.length - 1));
    this.#steps.forEach((el, i) => {
      el.hidden = i !== this.#step;
    });
    const bar = this.querySelector('progress');
    if (bar) bar.value = (this.#step + 1) / this.#steps.length;
    const text = this.querySelector('[data-progress-text]');
    if (text) text.textContent = `Question ${this.#step + 1} of ${this.#steps.length}`;
    const back = this.querySelector<HTMLButtonElement>('[data-back]');
    if (back) back.disabled = this.#step === 0;
    this.#label();
    if (focus) this.#steps[this.#step]?.querySelector<HTMLElement>('fieldset')?.focus();
    // Once started, every question shown is reached.
    if (this.#progress.reached) this.#reach(this.#step + 1);
    this.#save();
  }

  /**
   * Names the forward button for what it does: "Skip" on a question left unanswered (the result counts it as skipped,
   * and says so), "Next" once it is answered, "See my results" on the last.
   */
  #label(): void {
    const next = this.querySelector<HTMLButtonElement>('[data-next]');
    if (!next) return;
    const answered = this.#steps[this.#step]?.querySelector('input:checked') !== null;
    next.textContent = this.#step === this.#steps.length - 1 ? 'See my results' : answered ? 'Next' : 'Skip';
  }

  /**
   * Reports reaching question `n`, and every question before it not yet reported (and, with the first, starting):
   * each once per visit however often it is shown, so no later question is ever counted for more visitors than an
   * earlier one.
   */
  #reach(n: number): void {
    const from = (this.#progress.reached ?? 0) + 1;
    for (let question = from; question <= n; question += 1) {
      if (question === 1) reportStep('start', this.#version);
      reportStep('question', this.#version, question);
    }
    if (n >= from) {
      this.#progress = { ...this.#progress, reached: n };
      this.#reportedHere = true;
    }
  }

  /** The assessment version (`data-version` is `<assessment id>:<version>`). */
  get #version(): string {
    const tagged = this.dataset.version ?? '';
    return tagged.slice(tagged.indexOf(':') + 1);
  }

  async #submit(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const next = this.querySelector<HTMLButtonElement>('[data-next]');
    const data = new FormData(this.#form);
    const answers: Record<string, string> = {};
    const qualifying: Record<string, string | string[]> = {};
    for (const [name, value] of data) {
      const [group, id = ''] = name.split('.');
      if (group === 'answers') answers[id] = String(value);
      if (group === 'qualifying') {
        const current = qualifying[id];
        qualifying[id] = current === undefined ? String(value) : [...(Array.isArray(current) ? current : [current]), String(value)];
      }
    }
    const params = new URLSearchParams(location.search);
    const source: Record<string, string> = {};
    for (const key of SOURCE_KEYS) if (params.get(key)) source[key] = String(params.get(key)).slice(0, 200);
    const referrer = document.referrer ? new URL(document.referrer) : null;
    if (referrer && referrer.origin !== location.origin) source.referrer = document.referrer.slice(0, 500);
    if (referrer && referrer.origin === location.origin) source.entry = referrer.pathname.slice(0, 300);
    if (params.get('from')) source.article = String(params.get('from')).slice(0, 100);
    if (next) next.disabled = true;
    if (status) status.textContent = 'Scoring your answers…';
    const answer = await callApi<ResultsBody>('/api/submissions', {
      submissionId: this.#progress.submissionId,
      assessmentId: data.get('assessmentId'),
      assessmentVersion: data.get('assessmentVersion'),
      answers,
      qualifying,
      source,
      website: data.get('website') ?? '',
      // Measured on this device's own clock, so a clock that is off does not matter.
      elapsedMs: Math.max(0, Date.now() - this.#progress.startedAt),
      ...(this.#progress.retakeOf && { retakeOf: this.#progress.retakeOf }),
    });
    if (next) next.disabled = false;
    if (!answer.ok) {
      if (status) status.textContent = showFieldErrors(this, this.#form, answer.error.problems ?? []) ? '' : (answer.error.message ?? '');
      return;
    }
    localStorage.removeItem(this.#key);
    // The result is never lost: the address becomes its link, and this device offers it back on /assessment/.
    rememberResult(this.#assessmentId, { token: answer.body.token, takenAt: answer.body.takenAt });
    showResultAddress(answer.body.token);
    // As the results page is titled, so Reload shows the same title: "Your results · <site>".
    const site = document.title.lastIndexOf(' · ');
    document.title = site < 0 ? 'Your results' : `Your results${document.title.slice(site)}`;
    this.querySelector('[data-last-result]')?.setAttribute('hidden', '');
    const target = this.querySelector<HTMLElement>('[data-results-host]');
    if (!target) return;
    this.#form.hidden = true;
    this.querySelector('[data-quiz-intro]')?.setAttribute('hidden', '');
    showResults(target, this, answer.body);
  }
}

customElements.define('readiness-quiz', ReadinessQuiz);
