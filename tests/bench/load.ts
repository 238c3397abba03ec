/**
 * The load generator of `npm run bench`, in its own process so that its heap and garbage collector are as small as
 * they can be: N keep-alive clients POST /api/submissions back to back, every body built before the clock starts.
 * Usage: load.ts <url> <clients> <warm-up count> <rounds> <per round>. Prints one JSON line per measured round.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { submissionBody } from '../fixtures/answers.ts';

const [url = '', clients = 10, warmUp = 0, rounds = 1, perRound = 1000] = process.argv
  .slice(2)
  .map((arg, i) => (i === 0 ? arg : Number(arg))) as [string, number, number, number, number];
const target = new URL(url);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function post(agent: Agent, body: Buffer): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 201 ? done(performance.now() - started) : fail(new Error(`Unexpected ${res.statusCode}`))));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

// One connection per client, as ten visitors' browsers would hold.
const agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));

async function run(total: number) {
  const bodies = Array.from({ length: total }, () => Buffer.from(JSON.stringify(submissionBody())));
  const latencies: number[] = [];
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    agents.map(async (agent) => {
      while (next < total) {
        const body = bodies[next] as Buffer;
        next += 1;
        latencies.push(await post(agent, body));
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 };
}

await run(warmUp);
for (let i = 0; i < rounds; i += 1) console.log(JSON.stringify(await run(perRound)));
for (const agent of agents) agent.destroy();
