/** Elements that sit inside a line of text: no space is implied at their edges. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'cite',
  'code',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'label',
  'svg',
  'text',
  'tspan',
]);

/**
 * Words that run together across inline elements, as a reader sees them: "measured?Take the assessment" from
 * `measured?<a>Take…`, "about3 days" from `about<strong>3</strong>`. Returns each place with some text either side.
 */
export function runTogether(html: string): string[] {
  const text = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    // An inline tag leaves a marker (the edge of an element); any other tag is a break between blocks.
    .replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_tag, name: string) => (INLINE.has(name.toLowerCase()) ? '\uE000' : ' '))
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, 'x');
  const found: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}?!.:;,)]\uE000+[\p{L}\p{N}(]/gu)) {
    const at = match.index ?? 0;
    found.push(
      text
        .slice(Math.max(0, at - 25), at + 25)
        .replace(/\uE000/g, '|')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  return found;
}
