import { calculateManualCost, FIELD_RULES, formatWhole, type ManualCostInput, parseManualCostInput } from '../calculator/manual-cost.ts';

/**
 * `<manual-cost-calculator>`: shows the inputs, recalculates as they change, explains bad values instead of
 * showing NaN, and keeps the inputs in the page address so a result can be shared.
 */
class ManualCostCalculator extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('[data-calculator-form]');
    if (!form) return;
    const params = new URLSearchParams(location.search);
    for (const name of Object.keys(FIELD_RULES)) {
      const value = params.get(name);
      const input = form.elements.namedItem(name);
      if (value !== null && input instanceof HTMLInputElement) input.value = value;
    }
    form.hidden = false;
    this.querySelector('[data-example-note]')?.remove();
    const share = this.querySelector<HTMLElement>('[data-share]');
    if (share) share.hidden = false;
    form.addEventListener('input', () => this.#update(form, true));
    form.addEventListener('submit', (event) => event.preventDefault());
    this.#update(form, false);
  }

  #update(form: HTMLFormElement, remember: boolean): void {
    const raw = Object.fromEntries(new FormData(form)) as Partial<Record<keyof ManualCostInput, string>>;
    // The address always holds what was typed, so a shared link reopens exactly these inputs.
    if (remember) history.replaceState(null, '', `${location.pathname}?${new URLSearchParams(raw as Record<string, string>)}`);
    const parsed = parseManualCostInput(raw);
    for (const slot of this.querySelectorAll<HTMLElement>('[data-error-for]')) slot.textContent = '';
    for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    const result = this.querySelector<HTMLElement>('[data-calculator-result] table');
    const multiple = this.querySelector<HTMLElement>('[data-out="multiple"]');
    if (!parsed.ok) {
      for (const problem of parsed.problems) {
        const slot = this.querySelector<HTMLElement>(`[data-error-for="${problem.field}"]`);
        if (slot) slot.textContent = problem.message;
        form.elements.namedItem(problem.field) instanceof HTMLInputElement &&
          (form.elements.namedItem(problem.field) as HTMLInputElement).setAttribute('aria-invalid', 'true');
      }
      if (result) result.hidden = true;
      if (multiple) multiple.textContent = 'Fix the highlighted numbers to see the cost.';
      return;
    }
    const cost = calculateManualCost(parsed.input);
    const money = new Intl.NumberFormat(this.dataset.locale, {
      style: 'currency',
      currency: this.dataset.currency ?? 'GBP',
      maximumFractionDigits: 0,
    });
    const out = (name: string, text: string) => {
      const el = this.querySelector<HTMLElement>(`[data-out="${name}"]`);
      if (el) el.textContent = text;
    };
    if (result) result.hidden = false;
    out('naiveHours', formatWhole(cost.naiveHours));
    out('naiveCost', money.format(cost.naiveCost));
    out('overheadHours', formatWhole(cost.overheadHours));
    out('overheadCost', money.format(cost.overheadCost));
    out('reworkHours', formatWhole(cost.reworkHours));
    out('reworkCost', money.format(cost.reworkCost));
    out('trueHours', formatWhole(cost.trueHours));
    out('trueCost', money.format(cost.trueCost));
    out(
      'multiple',
      cost.multiple === null
        ? 'With no time spent on the task itself, there is nothing to compare.'
        : `The true cost is ${cost.multiple.toFixed(1)} times the usual estimate.`,
    );
  }
}

customElements.define('manual-cost-calculator', ManualCostCalculator);
