import { describe, expect, it } from 'vitest';
import { bundleFunction, lambdaEntries } from '../helpers/bundle.ts';

/** The functions that send email (SES is loaded at their cold start; the others never load it). */
const SENDS_EMAIL = ['contact', 'submissions', 'results-contact', 'sweep', 'digest'];

describe('Lambda bundles', () => {
  // 170 KB: the largest, the submissions function, holds the assessment, the scoring, and the results and lead emails
  // in the brand's frame (about 161 KB); the limit stops any function from taking in another's code or a library.
  it.each(lambdaEntries)('keeps $name within 170 KB minified, holding only its own code', async ({ name, entry }) => {
    const { bytes, inputs, externals } = await bundleFunction(entry);
    console.log(`bundle ${name}: ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).toBeLessThanOrEqual(170 * 1024);
    // Zod's full build is never bundled: the backend validates with Zod Mini (src/quiz/zod.ts).
    expect(inputs.filter((path) => /node_modules\/zod\/v4\/classic\//.test(path))).toEqual([]);
    // Only the functions that send email load SES; only the sweep, which sends webhook events, signs them.
    expect(externals.includes('@aws-sdk/client-sesv2')).toBe(SENDS_EMAIL.includes(name));
    expect(inputs.some((path) => path.includes('node_modules/standardwebhooks/'))).toBe(name === 'sweep');
    // No other function's routes: the contact form's code is only in its function, and so on.
    expect(inputs.some((path) => path.endsWith('src/lambda/contact/send-contact-message.ts'))).toBe(name === 'contact');
    expect(inputs.some((path) => path.endsWith('src/lambda/assessment/submit-assessment.ts'))).toBe(name === 'submissions');
    expect(inputs.some((path) => path.endsWith('src/lambda/email/weekly-digest.ts'))).toBe(name === 'digest' || name === 'sweep');
  });
});
