import { paletteCss } from '../brand.ts';

/**
 * The site's stylesheet as served and inlined: the brand's palette and type stacks (src/brand.ts), then
 * `styles/global.css`. The layout inlines it, `/styles/site.css` serves it, and the Content-Security-Policy hashes it.
 * @param globalCss the text of styles/global.css
 */
export const siteStylesheet = (globalCss: string) => `${paletteCss()}${globalCss}`;
