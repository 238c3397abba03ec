import { stringify } from 'csv-stringify/sync';
import { itemId } from '../lambda/owner/failed-items.ts';
import type { OutboxItem, StoredContactMessage, StoredSubmission } from '../lambda/records.ts';
import type { Assessment } from '../quiz/assessment.ts';
import { NOT_SURE } from '../quiz/score.ts';

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
  const widths = headers.map((h, i) => Math.min(limit(i), Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const cell = (text: string, i: number) => {
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
): Record<string, string | number>[] {
  return submissions.map(({ submission, emails, person }) => {
    const { contact, result, grade } = submission;
    const row: Record<string, string | number> = {
      created: submission.createdAt,
      id: submission.id,
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
 * A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading apostrophe, so it is shown as the text it is (OWASP's advice against CSV injection).
 */
export const neutralised = (value: string | number) => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Rows as CSV (RFC 4180 quoting by csv-stringify), UTF-8 with a byte-order mark for Excel and a header row. */
export function toCsv(rows: Record<string, string | number>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => Object.fromEntries(columns.map((column) => [column, neutralised(row[column] ?? '')])));
  return stringify(cells, { header: true, columns, bom: true, record_delimiter: 'windows' });
}

/** A submission, readable: who, the result, every answer, source and the emails. */
export function describeSubmission(assessment: Assessment, submission: StoredSubmission, emails: OutboxItem[]): string {
  const { contact, result, grade } = submission;
  const lines = [
    `Submission ${submission.id}`,
    `  Created        ${shortTime(submission.createdAt)} UTC (assessment version ${submission.assessmentVersion})`,
    `  Contact        ${contact ? `${contact.name} <${contact.email}>${contact.company ? `, ${contact.company}` : ''}` : 'none given'}`,
    `  Consent        ${contact ? (contact.consent.given ? `yes, ${shortTime(contact.consent.at)} (wording ${contact.consent.textVersion})` : 'no') : '-'}`,
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
  return lines.join('\n');
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
  ].join('\n');
}
