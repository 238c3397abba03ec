/** The largest request body any endpoint reads; larger bodies get 413 (in the function, and at the WAF). */
export const MAX_BODY_BYTES = 16 * 1024;
