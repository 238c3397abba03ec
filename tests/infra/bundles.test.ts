import { describe, expect, it } from 'vitest';
import { bundleFunction, lambdaEntries } from '../helpers/bundle.ts';

describe('Lambda bundles', () => {
  it.each(lambdaEntries)('keeps $name within 250 KB minified', async ({ name, entry }) => {
    const { bytes } = await bundleFunction(entry);
    console.log(`bundle ${name}: ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).toBeLessThanOrEqual(250 * 1024);
  });
});
