import css from './global.css?inline';

/** A short hash of the stylesheet, appended to its URL so a new deploy is never served a stale copy. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The address of the site's stylesheet, with its content hash. */
export const stylesheetHref = `/styles/site.css?v=${hash(css)}`;
