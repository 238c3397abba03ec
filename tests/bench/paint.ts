/**
 * First and largest paint of each kind of page beside Astro's own blog example (tests/bench/fixtures/astro-blog/):
 * Lighthouse's mobile run (simulated slow 4G and a slower CPU), both sites served by the same static server that
 * compresses as CloudFront does, the example and the site alternating, the median of five runs per page. Part of
 * `npm run bench`; alone: `tsx tests/bench/paint.ts [built site folder, default dist/]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { submissionBody } from '../fixtures/answers.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { exited, repoRoot, spawnLocalStack, waitForOutput } from '../helpers/processes.ts';

/** Lighthouse runs per page; the median is reported (two shared cores lose a run now and then). */
const RUNS = 5;
const EXAMPLE_ROOT = join(repoRoot, 'tests/bench/fixtures/astro-blog');
const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
/** What CloudFront compresses (text); fonts and images are sent as they are. */
const COMPRESSED = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml']);

/**
 * A static server for one built site: `/x/` is `/x/index.html`, text is gzipped when the browser accepts it, and with
 * `apiUrl` every /api/ request goes to the local API (the results page reads its result from there).
 */
function staticServer(root: string, apiUrl?: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    if (apiUrl && path.startsWith('/api/')) {
      const upstream = request(`${apiUrl}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
      return;
    }
    let file = join(root, normalize(path));
    if (!file.startsWith(root)) file = root;
    const isFolder = await stat(file).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isFolder) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const type = extname(file);
    const gzip = COMPRESSED.has(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...(gzip && { 'content-encoding': 'gzip', vary: 'accept-encoding' }),
    });
    res.end(gzip ? gzipSync(body) : body);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

interface Paint {
  fcp: number;
  lcp: number;
  tbt: number;
}

/** One Lighthouse mobile run (performance only), asynchronous so the servers in this process keep answering. */
async function lighthouse(url: string): Promise<Paint> {
  const dir = mkdtempSync(join(tmpdir(), 'paint-'));
  const output = join(dir, 'report.json');
  try {
    const code = await new Promise<number | null>((done) => {
      const child = spawn(
        process.execPath,
        [
          join(repoRoot, 'node_modules/lighthouse/cli/index.js'),
          url,
          '--quiet',
          '--output=json',
          `--output-path=${output}`,
          `--chrome-flags=${CHROME_FLAGS}`,
          '--only-categories=performance',
        ],
        { env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: 'ignore' },
      );
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`Lighthouse exited with ${code} on ${url}`);
    const { audits } = JSON.parse(readFileSync(output, 'utf8')) as { audits: Record<string, { numericValue?: number }> };
    const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
    return { fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'), tbt: value('total-blocking-time') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Prints the medians of FCP, LCP and TBT for the site's home page, an article, the assessment and a results page.
 * @param only the names of the pages to run (all when empty), e.g. `['example home', 'assessment']`
 */
export async function benchPaint(siteRoot = join(repoRoot, 'dist'), only: string[] = []): Promise<void> {
  const stack = spawnLocalStack(['--preview'], { LOCAL_DATA_DIR: 'memory', MIN_COMPLETION_SECONDS: '0', LOG_LEVEL: 'ERROR' });
  const servers: Server[] = [];
  try {
    const [, apiUrl = ''] = await waitForOutput(stack, /Site\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const stored = await fetch(`${apiUrl}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionBody()),
    });
    const { token } = (await stored.json()) as { token: string };
    const site = await staticServer(resolve(siteRoot), apiUrl);
    const example = await staticServer(EXAMPLE_ROOT);
    servers.push(site.server, example.server);
    // Each page of the site is set beside the example's page of its kind: its home page, or its longest post.
    const kinds = [
      { name: 'example home', url: `${example.url}/` },
      { name: 'home', url: `${site.url}/`, versus: 'example home' },
      { name: 'example long post', url: `${example.url}/blog/markdown-style-guide/` },
      { name: 'article', url: `${site.url}/articles/integration-is-not-a-technical-problem/`, versus: 'example long post' },
      { name: 'assessment', url: `${site.url}/assessment/`, versus: 'example home' },
      { name: 'results', url: `${site.url}/results/?t=${encodeURIComponent(token)}`, versus: 'example home' },
    ];
    const pages = kinds.filter((p) => only.length === 0 || only.includes(p.name));
    const runs = new Map<string, Paint[]>(pages.map((p) => [p.name, []]));
    // Alternating: a noisy neighbour during one round slows the example and the site alike.
    for (let round = 0; round < RUNS; round += 1) {
      for (const page of pages) runs.get(page.name)?.push(await lighthouse(page.url));
    }
    const medians = new Map(
      [...runs].map(([name, list]) => [
        name,
        { fcp: median(list.map((r) => r.fcp)), lcp: median(list.map((r) => r.lcp)), tbt: median(list.map((r) => r.tbt)) },
      ]),
    );
    const ms = (value: number) => `${Math.round(value)} ms`;
    console.log(`Lighthouse ${RUNS} mobile runs per page, medians; × is the page's figure over the example's.`);
    console.log('| page | FCP | LCP | TBT | FCP × | LCP × |\n| --- | --- | --- | --- | --- | --- |');
    for (const page of pages) {
      const m = medians.get(page.name);
      const base = page.versus ? medians.get(page.versus) : undefined;
      if (!m) continue;
      const ratio = (mine: number, theirs?: number) => (theirs ? `${(mine / theirs).toFixed(2)} (vs ${page.versus})` : '');
      console.log(
        `| ${page.name} | ${ms(m.fcp)} | ${ms(m.lcp)} | ${ms(m.tbt)} | ${ratio(m.fcp, base?.fcp)} | ${ratio(m.lcp, base?.lcp)} |`,
      );
    }
  } finally {
    for (const server of servers) server.close();
    if (stack.exitCode === null) process.kill(-(stack.pid ?? 0), 'SIGINT');
    await exited(stack);
  }
}

if (import.meta.main) await benchPaint(process.argv[2], process.argv.slice(3));
