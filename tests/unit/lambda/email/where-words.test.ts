import { describe, expect, it } from 'vitest';
import { everyEmail } from '../../../helpers/every-email.ts';

/**
 * Words that point at another part of an email, each with what it points at and where that must be. A sentence that
 * uses one of the words and matches no entry fails: register what it points at, or say it without pointing.
 */
const POINTERS: { says: RegExp; pointsAt: RegExp; where: 'before' | 'after' }[] = [
  // The digest's funnel: answers sent without the page are counted apart from the steps listed before them.
  { says: /not in the steps above/, pointsAt: /^(- )?Started\b/, where: 'before' },
];
const POINTING = /\b(below|above|underneath|following|preceding|previous section|next section)\b/i;

/** Every sentence of an email's text that points somewhere, with whether what it points at is where it says. */
function pointers(text: string): { sentence: string; holds: boolean }[] {
  const sentences = text.split(/(?<=[.!?:])\s+|\n+/);
  return sentences.flatMap((sentence, i) => {
    if (!POINTING.test(sentence)) return [];
    const entry = POINTERS.find((p) => p.says.test(sentence));
    if (!entry) return [{ sentence, holds: false }];
    const around = entry.where === 'after' ? sentences.slice(i + 1) : sentences.slice(0, i);
    return [{ sentence, holds: around.some((s) => entry.pointsAt.test(s)) }];
  });
}

describe('the words an email uses to point at its own parts', () => {
  it('hold in every email: nothing is said to be below or above that is not there', async () => {
    const sent = await everyEmail();
    // Every kind was rendered: the visitor's results in each band, the lead, the follow-up, the message, the digest.
    expect(new Set(sent.map((e) => e.subject)).size).toBeGreaterThanOrEqual(7);
    const broken = sent.flatMap((email) =>
      [email.text, email.html.replace(/<[^>]+>/g, '\n')].flatMap((text) =>
        pointers(text)
          .filter((p) => !p.holds)
          .map((p) => `${email.subject}: "${p.sentence.trim()}"`),
      ),
    );
    expect(broken).toEqual([]);
  });

  it('finds a sentence that points at a list the email does not show where it says', () => {
    expect(pointers('Start with the categories at the top of the list below.\nThanks.')).toEqual([
      { sentence: 'Start with the categories at the top of the list below.', holds: false },
    ]);
  });
});
