// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { pageScripts } from './src/integrations/page-scripts.ts';
import { siteConfig } from './src/site-config.ts';

export default defineConfig({
  site: siteConfig.url,
  // Pages are built as directories (/contact/index.html), which CloudFront resolves; /api/* has no slash,
  // and `npm start` proxies it from the dev server to the local API (see src/local/stack.ts).
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [
    mdx(),
    // Pages that are personal or transient stay out of the sitemap (they are also noindex).
    sitemap({ filter: (page) => !/\/(results|contact\/thanks)\//.test(new URL(page).pathname) }),
    // Each page's script is one file, fetched at low priority: one request, never counted as blocking the first paint.
    pageScripts(),
  ],
  server: { host: '127.0.0.1' },
  // Scripts always ship as files, never inlined: the Content-Security-Policy allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
});
