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
  /**
   * A call to action, with a few words beside it: the email's one primary action is a filled button; any other is
   * `secondary`, a plain link in bold.
   */
  | { button: { href: string; label: string; note?: string; secondary?: true } }
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

/**
 * The frame every email is rendered in: the wordmark (the mark, served by the site as a PNG, and the name), and the
 * footer with the site's link and the firm's postal address (content/site.json `postalAddress`, which anti-spam rules
 * ask of marketing email) when it is filled in.
 */
export interface EmailFrame {
  /** The consultancy's name. */
  siteName: string;
  /** The site's public origin (`SITE_URL`): the footer's link and the mark's image. */
  siteUrl: string;
  postalAddress?: string;
}

/** A rendered email: its subject, HTML and plain text. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const light = palette.light;
const dark = palette.dark;
const textFont = fonts.text.replaceAll('"', "'");
const displayFont = fonts.display.replaceAll('"', "'");

/** Where the site serves the mark for emails (src/pages/email-mark.png.ts). */
export const EMAIL_MARK_PATH = '/email-mark.png';

/**
 * Colours for clients that honour a dark scheme (Apple Mail, iOS Mail, Outlook.com): the site's dark palette, by
 * class, over the light inline styles every other client shows.
 */
const DARK_STYLE = `@media (prefers-color-scheme: dark){
.em-page,.em-page-cell{background:${dark.surface}!important}
.em-card{background:${dark.bg}!important;border-color:${dark.accent}!important}
.em-text,.em-text h1,.em-text h2,.em-text p,.em-text li,.em-text td,.em-text th{color:${dark.fg}!important}
.em-text .em-muted,.em-footer{color:${dark.muted}!important}
.em-text a,.em-footer a,.em-name{color:${dark.accent}!important}
.em-text a.em-button{background:${dark.accent}!important;color:${dark['accent-fg']}!important}
.em-line{border-color:${dark.line}!important}
.em-quote{background:${dark.surface}!important;border-color:${dark.accent}!important}
.em-fill{background:${dark.accent}!important}
.em-rest{background:${dark.line}!important}
}`;

const link = (href: string, text: SafeHtml | string) =>
  html`<a href="${href}" style="color:${light.accent};text-decoration:underline">${text}</a>`;

/** An email address that wraps only after its `@` and before a `.`, never inside a word. */
const wrappingAddress = (address: string): SafeHtml => {
  const parts = address.split(/(?<=@)|(?=\.)/);
  return html`${parts.map((part, i) => (i === 0 ? part : html`<wbr>${part}`))}`;
};

const pieces = (line: Line): Inline[] => (Array.isArray(line) ? line : [line]);

function inlineHtml(line: Line): SafeHtml {
  return html`${pieces(line).map((piece) => {
    if (typeof piece === 'string') return piece;
    if ('strong' in piece) return html`<strong>${piece.strong}</strong>`;
    if ('link' in piece) return link(piece.link, piece.text);
    if ('mailto' in piece) return link(`mailto:${piece.mailto}`, wrappingAddress(piece.mailto));
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
  const cell = (width: number, colour: string, kind: string) =>
    html`<td class="${kind}" style="width:${width}%;background:${colour};height:10px;line-height:10px;font-size:0">&nbsp;</td>`;
  return html`<table role="presentation" style="width:100%;border-collapse:collapse"><tr>${p > 0 ? cell(p, light.accent, 'em-fill') : ''}${p < 100 ? cell(100 - p, light.line, 'em-rest') : ''}</tr></table>`;
}

const muted = (content: SafeHtml | string, size = '') =>
  html`<span class="em-muted" style="color:${light.muted}${size ? `;font-size:${size}` : ''}">${content}</span>`;

function blockHtml(block: Block): SafeHtml {
  if ('heading' in block) return html`<h1 style="font-size:21px;line-height:1.3;margin:8px 0 12px">${block.heading}</h1>`;
  if ('paragraph' in block) {
    const style = { lead: 'font-size:17px;margin:0 0 12px', strong: 'font-weight:bold;margin:0 0 12px', muted: `color:${light.muted}` };
    return html`<p${block.tone === 'muted' ? html` class="em-muted"` : ''}${block.tone ? html` style="${style[block.tone]}"` : ''}>${inlineHtml(block.paragraph)}</p>`;
  }
  if ('facts' in block) {
    // Each label above its value: a narrow screen never squeezes an address into a column beside a label.
    return html`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;width:100%">${block.facts.map(
      ([label, value]) =>
        html`<tr><td style="padding:4px 0 0;font-size:13px;font-weight:600">${muted(label)}</td></tr><tr><td style="padding:0 0 4px;overflow-wrap:break-word">${inlineHtml(value)}</td></tr>`,
    )}</table>`;
  }
  if ('bars' in block) {
    return html`<table role="presentation" style="width:100%;border-collapse:collapse;margin:8px 0 16px">${block.bars.map(
      (row) =>
        html`<tr><td style="padding:6px 0 2px;font-weight:600">${row.label}</td><td style="padding:6px 0 2px;white-space:nowrap;text-align:right">${row.value}</td></tr><tr><td colspan="2" style="padding:0 0 4px">${bar(row.percent)}${row.note ? muted(row.note, '13px') : ''}</td></tr>`,
    )}</table>`;
  }
  if ('answers' in block) {
    return html`${block.answers.map(
      ([question, answer]) => html`<p style="margin:0 0 10px">${muted(question)}<br><strong>${answer}</strong></p>`,
    )}`;
  }
  if ('list' in block) return html`<ul>${block.list.map((item) => html`<li>${inlineHtml(item)}</li>`)}</ul>`;
  if ('button' in block) {
    const { href, label, note, secondary } = block.button;
    const action = secondary
      ? html`<a href="${href}" style="color:${light.accent};font-weight:bold;text-decoration:underline">${label}</a>`
      : html`<a class="em-button" href="${href}" style="display:inline-block;background:${light.accent};color:${light['accent-fg']};text-decoration:none;padding:10px 18px;border-radius:5px;font-weight:bold">${label}</a>`;
    return html`<p style="margin:${secondary ? '12px 0' : '20px 0'}">${action}${note ? html` ${muted(`(${note})`, '13px')}` : ''}</p>`;
  }
  if ('quote' in block) {
    return html`<div class="em-quote" style="white-space:pre-wrap;overflow-wrap:break-word;border-left:3px solid ${light.accent};padding:8px 12px;background:${light.surface}">${block.quote}</div>`;
  }
  return html`<h2 class="em-line" style="font-size:16px;margin:20px 0 6px;border-bottom:1px solid ${light.line};padding-bottom:4px">${block.section}</h2>${block.blocks.map(blockHtml)}`;
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
 * Renders an email's model to HTML and plain text, in the brand's frame: the wordmark at the top (the mark and the
 * consultancy's name, in the site's palette and heading type), the blocks, and the footer (the site's link, the firm's
 * postal address when given, and the model's footer line, e.g. unsubscribe).
 */
export function renderEmail(model: EmailModel, frame: EmailFrame): RenderedEmail {
  const { siteName, siteUrl, postalAddress } = frame;
  const footer = model.footer;
  const host = new URL(siteUrl).host;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${model.subject}</title><style>${DARK_STYLE}</style></head>
<body class="em-page" style="margin:0;padding:0;background:${light.surface}">
<table role="presentation" class="em-page" style="width:100%;border-collapse:collapse;background:${light.surface}"><tr><td class="em-page-cell" style="padding:24px 8px">
<table role="presentation" class="em-card" style="max-width:600px;width:100%;margin:0 auto;border-collapse:separate;background:${light.bg};border-radius:6px;border-top:4px solid ${light.accent}">
<tr><td style="padding:20px 28px 0"><a href="${siteUrl}" style="color:${light.accent};text-decoration:none"><img src="${siteUrl}${EMAIL_MARK_PATH}" width="28" height="28" alt="" style="vertical-align:middle;border:0;border-radius:5px"> <span class="em-name" style="vertical-align:middle;font-family:${displayFont};font-size:20px;font-weight:bold;color:${light.accent}">${siteName}</span></a></td></tr>
<tr><td class="em-text" style="padding:8px 28px 24px;font-family:${textFont};font-size:15px;line-height:1.55;color:${light.fg}">
${model.blocks.map(blockHtml)}
</td></tr>
<tr><td class="em-footer em-line" style="padding:16px 28px;border-top:1px solid ${light.line};font-family:${textFont};font-size:12px;line-height:1.5;color:${light.muted}">${link(siteUrl, `${siteName} · ${host}`)}${postalAddress ? html`<br>${postalAddress}` : ''}${footer ? html`<br>${inlineHtml(footer)}` : ''}</td></tr>
</table>
</td></tr></table>
</body></html>`;
  const text = [
    ...model.blocks.map((block) => blockText(block)),
    ['--', `${siteName} · ${siteUrl}`, ...(postalAddress ? [postalAddress] : []), ...(footer ? [inlineText(footer)] : [])].join('\n'),
  ].join('\n\n');
  return { subject: model.subject, html: page.toString(), text };
}
