import type { FieldProblem } from '../quiz/api-contract.ts';

/**
 * Shows problems next to their fields and in a summary with links, then moves focus to the summary so
 * screen readers announce it. Returns false when nothing was shown.
 */
export function showFieldErrors(root: HTMLElement, form: HTMLFormElement, problems: FieldProblem[]): boolean {
  clearFieldErrors(root, form);
  const summary = root.querySelector<HTMLElement>('[data-error-summary]');
  const list = root.querySelector<HTMLElement>('[data-error-list]');
  if (!summary || !list || problems.length === 0) return false;
  for (const problem of problems) {
    const input = form.elements.namedItem(problem.field);
    const slot = root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(problem.field)}"]`);
    const item = document.createElement('li');
    if (input instanceof HTMLElement && slot) {
      input.setAttribute('aria-invalid', 'true');
      slot.textContent = problem.message;
      const link = document.createElement('a');
      link.href = `#${input.id}`;
      const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.firstChild?.textContent?.trim() ?? problem.field;
      link.textContent = summaryLine(label, problem.message);
      item.append(link);
    } else {
      item.textContent = problem.message;
    }
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
  return true;
}

/**
 * One line of the error summary: the field's label, then what to do. A label that is a question or already ends in
 * punctuation keeps its own ("What are you working on? Write a message."), others get a colon ("Email: …").
 */
export const summaryLine = (label: string, message: string) => (/[?!.:]$/.test(label) ? `${label} ${message}` : `${label}: ${message}`);

/** Removes every shown problem. */
export function clearFieldErrors(root: HTMLElement, form: HTMLFormElement): void {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const slot of root.querySelectorAll('[data-error-for]')) slot.textContent = '';
  const summary = root.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) summary.hidden = true;
  root.querySelector('[data-error-list]')?.replaceChildren();
}
