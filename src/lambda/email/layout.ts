import { fonts, palette } from '../../brand.ts';
import { html, type SafeHtml } from '../../quiz/html.ts';
import * as z from '../../quiz/zod.ts';

/**
 * Every email is one model, built by its kind from the stored record, and rendered twice here: to HTML (a single
 * centred column of tables with inline styles, as Gmail and Outlook need; every value escaped by construction) and
 * to plain text. No kind writes either form itself, so the two can never say different things.
 */

/** A paragraph of email copy in content/emails/: never empty, never a wall of text. */
export const copyParagraph = z.string().check(z.minLength(1), z.maxLength(1200));

/**
 * A piece of a line: plain text; text in bold; a link (in the text version, its address follows the line in
 * brackets); an email address (a mailto link; `<address>` in the text version); a command to type.
 */
export type Inline = string | { strong: string } | { link: string; text: string } | { mailto: string } | { code: string };
/** A line: one piece, or several in a row. */
export type Line = Inline | Inline[];

/** One block of an email, from top to bottom. */
export type Block =
  /** The email's heading. */
  | { heading: string }
  /** A paragraph: `lead` larger, `strong` in bold, `muted` in grey. */
  | { paragraph: Line; tone?: 'lead' | 'strong' | 'muted' }
  /** Label and value pairs, the way a consultant scans a lead. */
  | { facts: [label: string, value: Line][] }
  /** A score per row: its label and value, a bar, and what is said beside it. */
  | { bars: { label: string; value: string; percent: number | null; note?: string }[] }
  /** Questions, each above its answer (long questions never widen the email). */
  | { answers: [question: string, answer: string][] }
  /** A bulleted list. */
  | { list: Line[] }
  /** A call to action, with a few words beside it. */
  | { button: { href: string; label: string; note?: string } }
  /** Someone's own words, their lines kept. */
  | { quote: string }
  /** A titled part of the email. */
  | { section: string; blocks: Block[] };

/** An email's model: its subject, its blocks and an optional footer line (the unsubscribe link). */
export interface EmailModel {
  subject: string;
  blocks: Block[];
  footer?: Line;
}

/** A rendered email: its subject, HTML and plain text. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const light = palette.light;
const textStyle = `font-family:${fonts.text.replaceAll('"', "'")};font-size:15px;line-height:1.55;color:${light.fg}`;

const pieces = (line: Line): Inline[] => (Array.isArray(line) ? line : [line]);

function inlineHtml(line: Line): SafeHtml {
  return html`${pieces(line).map((piece) => {
    if (typeof piece === 'string') return piece;
    if ('strong' in piece) return html`<strong>${piece.strong}</strong>`;
    if ('link' in piece) return html`<a href="${piece.link}">${piece.text}</a>`;
    if ('mailto' in piece) return html`<a href="mailto:${piece.mailto}">${piece.mailto}</a>`;
    return html`<code>${piece.code}</code>`;
  })}`;
}

/** A line in plain text: each link's address after the line, in brackets; email addresses as `<address>`. */
function inlineText(line: Line): string {
  const addresses: string[] = [];
  const text = pieces(line)
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if ('strong' in piece) return piece.strong;
      if ('link' in piece) {
        addresses.push(piece.link);
        return piece.text;
      }
      if ('mailto' in piece) return `<${piece.mailto}>`;
      return piece.code;
    })
    .join('');
  return addresses.length ? `${text} (${addresses.join(', ')})` : text;
}

/** A bar that renders in Gmail and Outlook: a two-cell table with background colours, no images. */
function bar(percent: number | null): SafeHtml {
  const p = Math.max(0, Math.min(100, Math.round(percent ?? 0)));
  const cell = (width: number, colour: string) =>
    html`<td width="${width}%" bgcolor="${colour}" style="background:${colour};height:10px;line-height:10px;font-size:0">&nbsp;</td>`;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr>${p > 0 ? cell(p, light.accent) : ''}${p < 100 ? cell(100 - p, light.line) : ''}</tr></table>`;
}

function blockHtml(block: Block): SafeHtml {
  if ('heading' in block) return html`<h1 style="font-size:21px;line-height:1.3;margin:8px 0 12px">${block.heading}</h1>`;
  if ('paragraph' in block) {
    const style = { lead: 'font-size:17px;margin:0 0 12px', strong: 'font-weight:bold;margin:0 0 12px', muted: `color:${light.muted}` };
    return html`<p${block.tone ? html` style="${style[block.tone]}"` : ''}>${inlineHtml(block.paragraph)}</p>`;
  }
  if ('facts' in block) {
    return html`<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${block.facts.map(
      ([label, value]) =>
        html`<tr><th align="left" valign="top" style="padding:3px 12px 3px 0;color:${light.muted};font-weight:600;white-space:nowrap">${label}</th><td style="padding:3px 0;overflow-wrap:anywhere;word-break:break-word">${inlineHtml(value)}</td></tr>`,
    )}</table>`;
  }
  if ('bars' in block) {
    return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px">${block.bars.map(
      (row) =>
        html`<tr><td style="padding:6px 0 2px;font-weight:600">${row.label}</td><td align="right" style="padding:6px 0 2px;white-space:nowrap">${row.value}</td></tr><tr><td colspan="2" style="padding:0 0 4px">${bar(row.percent)}${row.note ? html`<span style="color:${light.muted};font-size:13px">${row.note}</span>` : ''}</td></tr>`,
    )}</table>`;
  }
  if ('answers' in block) {
    return html`${block.answers.map(
      ([question, answer]) =>
        html`<p style="margin:0 0 10px"><span style="color:${light.muted}">${question}</span><br><strong>${answer}</strong></p>`,
    )}`;
  }
  if ('list' in block) return html`<ul>${block.list.map((item) => html`<li>${inlineHtml(item)}</li>`)}</ul>`;
  if ('button' in block) {
    const { href, label, note } = block.button;
    return html`<p style="margin:20px 0"><a href="${href}" style="display:inline-block;background:${light.accent};color:${light['accent-fg']};text-decoration:none;padding:10px 18px;border-radius:5px;font-weight:bold">${label}</a>${note ? html` <span style="color:${light.muted};font-size:13px">(${note})</span>` : ''}</p>`;
  }
  if ('quote' in block) {
    return html`<div style="white-space:pre-wrap;border-left:3px solid ${light.accent};padding:8px 12px;background:${light.surface}">${block.quote}</div>`;
  }
  return html`<h2 style="font-size:16px;margin:20px 0 6px;border-bottom:1px solid ${light.line};padding-bottom:4px">${block.section}</h2>${block.blocks.map(blockHtml)}`;
}

/** A block in plain text; inside a section, facts are listed as a list's items are. */
function blockText(block: Block, inSection = false): string {
  if ('heading' in block) return block.heading;
  if ('paragraph' in block) return inlineText(block.paragraph);
  if ('facts' in block) return block.facts.map(([label, value]) => `${inSection ? '- ' : ''}${label}: ${inlineText(value)}`).join('\n');
  if ('bars' in block) return block.bars.map((row) => `- ${row.label}: ${row.value}${row.note ? ` (${row.note})` : ''}`).join('\n');
  if ('answers' in block) return block.answers.map(([question, answer]) => `- ${question} ${answer}`).join('\n');
  if ('list' in block) return block.list.map((item) => `- ${inlineText(item)}`).join('\n');
  if ('button' in block) return `${block.button.label}${block.button.note ? ` (${block.button.note})` : ''}: ${block.button.href}`;
  if ('quote' in block) return block.quote;
  return [`${block.section}:`, ...block.blocks.map((inner) => blockText(inner, true))].join('\n');
}

/**
 * Renders an email's model to HTML and plain text, in the brand's frame: the consultancy's name as its wordmark at
 * the top, the blocks, and the footer.
 */
export function renderEmail(model: EmailModel, siteName: string): RenderedEmail {
  const footer = model.footer;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${model.subject}</title></head>
<body style="margin:0;padding:0;background:${light.surface}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${light.surface}"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:${light.bg};border-radius:6px;border-top:4px solid ${light.accent}">
<tr><td style="padding:20px 28px 0;font-family:${fonts.display.replaceAll('"', "'")};font-size:20px;font-weight:bold;color:${light.accent}">${siteName}</td></tr>
<tr><td style="padding:8px 28px 24px;${textStyle}">
${model.blocks.map(blockHtml)}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid ${light.line};font-family:${fonts.text.replaceAll('"', "'")};font-size:12px;color:${light.muted}">${siteName}${footer ? html`<br>${inlineHtml(footer)}` : ''}</td></tr>
</table>
</td></tr></table>
</body></html>`;
  const text = [...model.blocks.map((block) => blockText(block)), ...(footer ? [inlineText(footer)] : [])].join('\n\n');
  return { subject: model.subject, html: page.toString(), text };
}
