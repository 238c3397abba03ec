import { isIPv6 } from 'node:net';
import { RateLimitedError } from '../errors.ts';
import { hourWindow } from '../hour-window.ts';
import type { Clock } from '../ports.ts';
import type { RequestCounter, RequestLimits } from './limits.ts';

/**
 * The network a request comes from, as limits count it: an IPv4 address, or an IPv6 /64 (one customer's
 * network: counting each IPv6 address on its own would give every visitor 2^64 fresh limits).
 * @example networkOf('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...before, ...Array(8 - before.length - after.length).fill('0'), ...after];
  return `${all
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Counts one request from the network of `ip` on an hourly counter, and refuses it with 429 (saying when to try
 * again) once the counter has reached `limit`.
 */
export async function enforceHourlyLimit(
  { limits, clock }: { limits: RequestLimits; clock: Clock },
  counter: RequestCounter,
  ip: string,
  limit: number,
  refusal: string,
) {
  const { start, secondsLeft } = hourWindow(clock.now());
  if (!(await limits.countRequest(counter, networkOf(ip), start, limit))) {
    throw new RateLimitedError(`${refusal} Please try again in ${Math.ceil(secondsLeft / 60)} minutes.`, secondsLeft);
  }
}
