/**
 * What CloudFront, the WAF, the local server and the functions agree on. Plain constants, so infra can read them
 * (by the import rule, infra may import this file but no other Lambda code).
 */

/** The largest request body any endpoint reads; larger bodies get 413 (in the function, and at the WAF). */
export const MAX_BODY_BYTES = 16 * 1024;

/** The header CloudFront adds with the origin secret; functions refuse requests without it. */
export const ORIGIN_SECRET_HEADER = 'x-origin-secret';

/** The header that carries the viewer's IP to the functions (set by CloudFront, or by the local server). */
export const VIEWER_IP_HEADER = 'x-viewer-ip';

/**
 * The header that carries the host the viewer asked for (set by CloudFront, or by the local server), so a browser's
 * `Origin` can be compared with the site it was actually on, whatever its domain.
 */
export const VIEWER_HOST_HEADER = 'x-viewer-host';
