/**
 * The brand, in one place for the site (its stylesheet's palette, the wordmark and the favicon), the emails and the
 * social cards: the colours and the mark. A fork changes its colours here, and its name in `content/site.json`.
 */

/** The palette: ink on warm paper, one deep teal for actions, a clay accent for marks; every pair at WCAG AA or better. */
export const palette = {
  light: {
    bg: '#fbfaf7',
    fg: '#1a2026',
    muted: '#4d5660',
    line: '#dcd7cd',
    accent: '#0f5c4d',
    'accent-fg': '#ffffff',
    mark: '#9a4a22',
    surface: '#f1eee6',
    'ink-band': '#14302a',
    'ink-band-fg': '#f4f1ea',
    error: '#b3261e',
    ok: '#1d6b35',
  },
  dark: {
    bg: '#11161b',
    fg: '#e8e6e1',
    muted: '#a8b0b9',
    line: '#2e3741',
    accent: '#6fd1b8',
    'accent-fg': '#0b1a17',
    mark: '#f0a77c',
    surface: '#18212a',
    'ink-band': '#0c1f1b',
    'ink-band-fg': '#e8e6e1',
    error: '#ffb4ab',
    ok: '#8fd6a4',
  },
} as const;

/** The type stacks: a system sans for reading, a book serif for headings and the wordmark (no web font). */
export const fonts = {
  text: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  display: '"Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Charter, "Bitstream Charter", Georgia, serif',
} as const;

/**
 * The palette and the type stacks as the stylesheet's custom properties (light, then dark), placed before the rest of
 * `styles/global.css` wherever the stylesheet is served or inlined (see styles/stylesheet.ts).
 */
export function paletteCss(): string {
  const vars = (colours: Record<string, string>) =>
    Object.entries(colours)
      .map(([name, value]) => `--${name}:${value};`)
      .join('');
  return `:root{--font:${fonts.text};--font-display:${fonts.display};${vars(palette.light)}}@media (prefers-color-scheme: dark){:root{${vars(palette.dark)}}}\n`;
}

/** The mark: three steps joined into one flow, on a rounded tile (a 32 × 32 drawing). */
export const mark = {
  tile: { width: 32, height: 32, rx: 7 },
  flow: 'M8 22.5h5.5a3 3 0 0 0 3-3v-7a3 3 0 0 1 3-3H24',
  dots: [
    { cx: 8, cy: 22.5, r: 2.6 },
    { cx: 24, cy: 9.5, r: 2.6 },
  ],
  strokeWidth: 2.6,
} as const;

/**
 * The mark alone as an SVG document in the brand's colours, its colours as attributes (no style element, so no CSP
 * question): the favicon, and the social cards' corner.
 */
export function markSvg(tile: string = palette.light.accent, ink: string = palette.light['accent-fg']): string {
  const { width, height, rx } = mark.tile;
  const dots = mark.dots.map((d) => `<circle cx="${d.cx}" cy="${d.cy}" r="${d.r}" fill="${ink}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${width}" height="${height}"><rect width="${width}" height="${height}" rx="${rx}" fill="${tile}"/><path d="${mark.flow}" fill="none" stroke="${ink}" stroke-width="${mark.strokeWidth}" stroke-linecap="round"/>${dots}</svg>`;
}
