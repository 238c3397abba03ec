import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../src/cli/chromium.ts';

export { chromiumPath, launchChromium } from '../../src/cli/chromium.ts';

/** Starts Chromium once for a test file (closed after it) and returns the running browser when called. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium has not started yet: call the accessor inside a test.');
    return browser;
  };
}
