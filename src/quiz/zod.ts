import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Zod for everything the backend validates: the Mini build, whose functions a bundle takes one by one (a Lambda
 * function carries about 15 KB of it instead of the 83 KB of Zod's full build, and starts faster), with the English
 * messages Zod's full build has by default. Import it as `import * as z from './zod.ts'`, never `zod/mini`
 * directly, so the messages are always loaded.
 */
config(en());

export * from 'zod/mini';
