import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { markSvg, palette } from '../brand.ts';
import { siteConfig } from '../site-config.ts';

const require = createRequire(join(process.cwd(), 'package.json'));
const font = (weight: 400 | 700) => readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));

/** A plain element tree for satori (no JSX in this project). */
type Node = {
  type: string;
  props: {
    style?: Record<string, string | number>;
    children?: (Node | string)[] | Node | string;
    src?: string;
    width?: number;
    height?: number;
  };
};
const el = (type: string, style: Record<string, string | number>, children?: Node['props']['children']): Node => ({
  type,
  props: { style, children },
});

/**
 * Renders an article's social card (1200 × 630 PNG) at build time: the site's name, the title and the
 * description, in the site's colours. Satori lays out the text; resvg turns the SVG into a PNG.
 */
export async function renderOgImage(title: string, description: string): Promise<Buffer> {
  const card = el(
    'div',
    {
      width: '100%',
      height: '100%',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: 72,
      background: palette.light['ink-band'],
      color: palette.light['ink-band-fg'],
      fontFamily: 'Inter',
    },
    [
      // The wordmark: the mark and the name, as on the site.
      el('div', { display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 700 }, [
        {
          type: 'img',
          props: {
            src: `data:image/svg+xml;base64,${Buffer.from(markSvg()).toString('base64')}`,
            width: 56,
            height: 56,
            style: { marginRight: 20 },
          },
        },
        siteConfig.name,
      ]),
      // Fixed widths: satori wraps text only inside a known width (1200 − 2 × 72 padding).
      el('div', { display: 'flex', flexDirection: 'column', width: 1056 }, [
        el('div', { fontSize: 62, fontWeight: 700, lineHeight: 1.1, marginBottom: 28, width: 1056 }, title),
        el('div', { fontSize: 30, lineHeight: 1.4, opacity: 0.9, width: 1056 }, description),
      ]),
    ],
  );
  const svg = await satori(card as Parameters<typeof satori>[0], {
    width: 1200,
    height: 630,
    fonts: [
      { name: 'Inter', data: font(400), weight: 400, style: 'normal' },
      { name: 'Inter', data: font(700), weight: 700, style: 'normal' },
    ],
  });
  return new Resvg(svg, { fitTo: { mode: 'width', value: 1200 } }).render().asPng();
}
