import { describe, expect, it } from 'vitest';
import { itemId, parseItemId } from '../../../../src/lambda/owner/failed-items.ts';

describe('the ids `npm run leads -- emails` shows and takes back', () => {
  it.each([
    { kind: 'results-email', owner: { type: 'submission' as const, id: '3f2c-ab' } },
    { kind: 'contact-notification', owner: { type: 'message' as const, id: 'm:with:colons' } },
    { kind: 'weekly-digest', owner: { type: 'week' as const, id: '2026-W48' } },
    { kind: 'webhook:lead.created', owner: { type: 'submission' as const, id: '3f2c-ab' } },
  ])('reads back $kind of a $owner.type', (ref) => {
    expect(parseItemId(itemId(ref))).toEqual(ref);
  });

  it.each(['results-email', 'results-email:person:x', 'webhook:lead.created', ':submission:x'])('refuses %s', (text) => {
    expect(parseItemId(text)).toBeNull();
  });
});
