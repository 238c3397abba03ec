import { stringify } from 'csv-stringify/sync';
import { itemId } from '../lambda/owner/failed-items.ts';
import type { Consent, OutboxItem, StoredContactMessage, StoredSubmission } from '../lambda/records.ts';
import { formatToken } from '../lambda/submissions/results-token.ts';
import type { Assessment } from '../quiz/assessment.ts';
import { resultsUrl } from '../quiz/render-results.ts';
import { NOT_SURE } from '../quiz/score.ts';

/**
 * Text a visitor typed, made inert for the operator's terminal: every C0 and C1 control character, and DEL, is shown
 * as a visible stand-in (Unicode's control pictures, `␛` for ESC; `<U+009B>` for a C1), so no escape sequence can
 * retitle the window, write the clipboard, hide a link or move the cursor to forge output. Line feeds stay, so a
 * message keeps its lines; `inertLine` shows them too, for what must stay on one line.
 * @example inert('a\u001b]0;owned\u0007b') // 'a␛]0;owned␇b'
 */
export function inert(text: string): string {
  return text.replace(/(?!\n)\p{Cc}/gu, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** `inert`, with line feeds shown too (`␊`): a value that must stay on its one line of output. */
export const inertLine = (text: string) => inert(text).replace(/\n/g, '\u240a');

/** Prints text to the operator's terminal, made inert first (every CLI's output goes through this). */
export const say = (text = ''): void => {
  process.stdout.write(`${inert(text)}\n`);
};

/** Prints a problem to the operator's terminal (standard error), made inert first. */
export const complain = (text: string): void => {
  process.stderr.write(`${inert(text)}\n`);
};

/** `2026-11-27T09:05:00.000Z` → `2026-11-27 09:05` (UTC). */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Where a submission came from, in a few words. */
export function sourceOf(submission: StoredSubmission): string {
  const { utm_source, utm_campaign, referrer, article, entry } = submission.source;
  if (utm_source) return [utm_source, utm_campaign].filter(Boolean).join(' / ');
  if (article) return `article ${article}`;
  if (referrer && URL.canParse(referrer)) return new URL(referrer).host;
  return entry ?? 'direct';
}

/**
 * Rows as a plain-text table, each column as wide as its widest cell (at most `max`, or `max[i]` for column i), cut
 * with … when longer.
 */
export function table(headers: string[], rows: string[][], max: number | number[] = 32): string {
  const limit = (i: number) => (Array.isArray(max) ? (max[i] ?? 32) : max);
  const widths = headers.map((h, i) => Math.min(limit(i), Math.max(h.length, ...rows.map((r) => inertLine(r[i] ?? '').length))));
  const cell = (raw: string, i: number) => {
    const text = inertLine(raw);
    const width = widths[i] ?? 0;
    return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
  };
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The label a visitor saw for an answer. */
function answerLabel(assessment: Assessment, questionId: string, answer: string | undefined): string {
  if (answer === undefined) return '';
  if (answer === NOT_SURE) return assessment.notSureLabel;
  return assessment.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === answer)?.label ?? answer;
}

/** The labels of a qualifying answer. */
function qualifyingLabels(assessment: Assessment, questionId: string, raw: string | string[] | undefined): string {
  const ids = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const question = assessment.qualifying.find((q) => q.id === questionId);
  return ids.map((id) => question?.options.find((o) => o.id === id)?.label ?? id).join('; ');
}

/**
 * One spreadsheet row per submission, with every column a consultant needs: who, the grade and every score, each
 * qualifying answer, consent, source, and the state of each of its emails.
 */
export function exportRows(
  assessment: Assessment,
  submissions: { submission: StoredSubmission; emails: OutboxItem[]; person?: { attempts: number; latest: boolean } }[],
  emailKinds: string[],
  siteUrl: string,
): Record<string, string | number>[] {
  return submissions.map(({ submission, emails, person }) => {
    const { contact, result, grade } = submission;
    const row: Record<string, string | number> = {
      created: submission.createdAt,
      id: submission.id,
      // The link the visitor was given (it opens their answers: keep the file as private as the inbox).
      'results link': resultsUrl(siteUrl, formatToken(submission)),
      // A retake ("Take it again") names the attempt it follows; the person's attempts chain through it.
      'retake of': submission.previous?.id ?? '',
      // One lead per person (src/lambda/owner/leads.ts): how many attempts are theirs, and whether this is the latest.
      "person's attempts": person?.attempts ?? 1,
      "person's latest": person === undefined || person.latest ? 'yes' : 'no',
      name: contact?.name ?? '',
      email: contact?.email ?? '',
      company: contact?.company ?? '',
      'lead grade': grade.grade,
      'lead label': grade.label,
      'lead points': grade.points,
      'overall %': result.percent ?? '',
      band: result.band?.headline ?? '',
    };
    for (const category of result.categories) row[`${category.title} %`] = category.percent ?? '';
    for (const question of assessment.qualifying)
      row[question.prompt] = qualifyingLabels(assessment, question.id, submission.qualifying[question.id]);
    Object.assign(row, {
      'consent given': contact ? (contact.consent.given ? 'yes' : 'no') : '',
      'consent wording version': contact?.consent.textVersion ?? '',
      'consent at': contact?.consent.at ?? '',
      'consent confirmed at': contact?.consent.confirmed?.at ?? (contact?.consent.needsConfirmation ? 'not yet' : ''),
      'consent confirmed how': contact?.consent.confirmed?.how ?? '',
      utm_source: submission.source.utm_source ?? '',
      utm_medium: submission.source.utm_medium ?? '',
      utm_campaign: submission.source.utm_campaign ?? '',
      utm_term: submission.source.utm_term ?? '',
      utm_content: submission.source.utm_content ?? '',
      referrer: submission.source.referrer ?? '',
      'entry page': submission.source.entry ?? '',
      article: submission.source.article ?? '',
      'seconds to answer': submission.elapsedMs === undefined ? '' : Math.round(submission.elapsedMs / 1000),
      'assessment version': submission.assessmentVersion,
    });
    for (const kind of emailKinds) row[`${kind} email`] = emails.find((e) => e.kind === kind)?.state ?? '';
    for (const question of assessment.questions)
      row[question.prompt] = answerLabel(assessment, question.id, submission.answers[question.id]);
    return row;
  });
}

/**
 * A cell made safe from a spreadsheet's formulas (OWASP's advice against CSV injection): wherever a part of it starts
 * like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return), at the start of the cell, of any of its lines, or
 * after any `;` or tab (the separators of German, French and Dutch spreadsheets, whose import may split a cell there),
 * that part gets a leading apostrophe, so it is shown as the text it is.
 * @example neutralised('Ann;=1+2;') // "Ann;'=1+2;"
 */
export function neutralised(value: string | number): string | number {
  if (typeof value !== 'string') return value;
  // The parts between separators (kept, at the odd places), each made safe.
  const parts = value.split(/([\r\n;\t])/).map((part, i) => (i % 2 === 0 && /^[=+\-@]/.test(part) ? `'${part}` : part));
  const safe = parts.join('');
  return /^[\t\r]/.test(safe) ? `'${safe}` : safe;
}

/** Rows as CSV (RFC 4180 quoting by csv-stringify), UTF-8 with a byte-order mark for Excel and a header row. */
export function toCsv(rows: Record<string, string | number>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => Object.fromEntries(columns.map((column) => [column, neutralised(row[column] ?? '')])));
  // Every cell quoted: a separator, a quote or a line break inside a cell can never start another cell or row.
  return stringify(cells, { header: true, columns, bom: true, record_delimiter: 'windows', quoted: true });
}

/** A submission, readable: who, the result, every answer, source and the emails. */

/** Whether a consent asked to be confirmed from the inbox (double opt-in), and when it was. */
const confirmation = (consent: Consent): string => {
  if (consent.confirmed) return `, confirmed ${shortTime(consent.confirmed.at)} by ${consent.confirmed.how}`;
  return consent.needsConfirmation ? ', not yet confirmed from their inbox' : '';
};

export function describeSubmission(assessment: Assessment, submission: StoredSubmission, emails: OutboxItem[]): string {
  const { contact, result, grade } = submission;
  const lines = [
    `Submission ${submission.id}`,
    `  Created        ${shortTime(submission.createdAt)} UTC (assessment version ${submission.assessmentVersion})`,
    ...(submission.previous ? [`  Retake of      ${submission.previous.id} (taken ${shortTime(submission.previous.at)} UTC)`] : []),
    `  Contact        ${contact ? `${contact.name} <${contact.email}>${contact.company ? `, ${contact.company}` : ''}` : 'none given'}`,
    `  Consent        ${contact ? (contact.consent.given ? `yes, ${shortTime(contact.consent.at)} (wording ${contact.consent.textVersion})${confirmation(contact.consent)}` : 'no') : '-'}`,
    `  Lead           ${grade.grade} · ${grade.label} (${grade.points} points)`,
    `  Result         ${result.percent === null ? 'not enough answers' : `${result.percent}% · ${result.band?.headline ?? ''}`}`,
    ...result.categories.map((c) => `    ${c.title.padEnd(28)} ${c.percent === null ? 'n/a' : `${c.percent}%`}`),
    `  Source         ${sourceOf(submission)}${submission.source.referrer ? ` (referrer ${submission.source.referrer})` : ''}`,
    `  Unsubscribed   ${submission.unsubscribedAt ? shortTime(submission.unsubscribedAt) : 'no'}`,
    '  Emails',
    ...(emails.length
      ? emails.map((e) => `    ${e.kind.padEnd(22)} ${e.state}${e.lastError ? ` (${e.lastError})` : ''}  id ${itemId(e)}`)
      : ['    none']),
    '  Qualifying answers',
    ...assessment.qualifying.map(
      (q) => `    ${q.prompt} ${qualifyingLabels(assessment, q.id, submission.qualifying[q.id]) || '(not answered)'}`,
    ),
    '  Answers',
    ...assessment.questions.map((q) => `    ${q.prompt} ${answerLabel(assessment, q.id, submission.answers[q.id]) || '(skipped)'}`),
  ];
  // Each entry is one line of output: a value with a line break in it cannot start a line that looks like a field.
  return lines.map(inertLine).join('\n');
}

/** A contact message, readable. */
export function describeMessage(message: StoredContactMessage, emails: OutboxItem[]): string {
  return [
    `Message ${message.id}`,
    `  Received  ${shortTime(message.createdAt)} UTC`,
    `  From      ${message.name} <${message.email}>${message.company ? `, ${message.company}` : ''}`,
    `  Emails    ${emails.map((e) => `${e.kind} ${e.state}`).join(', ') || 'none'}`,
    '',
    ...message.message.split('\n').map((line) => `  ${line}`),
  ]
    .map(inertLine)
    .join('\n');
}
