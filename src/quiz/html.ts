import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** HTML whose every interpolated value has been escaped (or was itself built by `html`). */
export type SafeHtml = HtmlEscapedString;

/**
 * Tagged template that escapes every interpolated value; nested `html` results are kept as markup.
 * @example html`<p>${name}</p>` // name "<b>" renders as "&lt;b&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const result = honoHtml(strings, ...values);
  if (result instanceof Promise) throw new TypeError('html`` received a Promise; render emails and pages synchronously.');
  return result;
}

/** Markup that is trusted as it is (only for constants written in this codebase, never for input). */
export const trusted = (markup: string): SafeHtml => raw(markup);
