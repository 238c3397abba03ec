import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './processes.ts';

/** The Nu Html Checker, W3C's own (the `vnu-jar` package carries the jar; it runs on Java 11 or newer). */
const VNU_JAR = join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

/** HTML to check: a file on disk, or a document in memory with a name to report it by. */
export type HtmlInput = string | { name: string; html: string };

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/**
 * Checks HTML documents with the Nu Html Checker in one run (one JVM start for the batch, which is most of its time),
 * and returns its errors as lines `name:line: message`, the empty list when every document is valid.
 * @example validateHtml(['dist/index.html', { name: 'results email', html }])
 */
export function validateHtml(inputs: HtmlInput[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
  try {
    const names = new Map<string, string>();
    const files = inputs.map((input, i) => {
      if (typeof input === 'string') {
        names.set(input, relative(repoRoot, input));
        return input;
      }
      const file = join(dir, `${i}`, 'page.html');
      mkdirSync(join(dir, `${i}`));
      writeFileSync(file, input.html);
      names.set(file, input.name);
      return file;
    });
    const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) {
      throw new Error(
        `The Nu Html Checker did not run (${run.error?.message ?? `exit ${run.status}`}): it needs Java 11 or newer on PATH ` +
          `(apt-get install -y default-jre-headless) and npm ci for vnu-jar.\n${run.stderr}`,
      );
    }
    const { messages } = JSON.parse(run.stdout) as { messages: VnuMessage[] };
    return messages
      .filter((m) => m.type !== 'info')
      .map((m) => {
        const file = m.url ? fileURLToPath(m.url) : '';
        return `${names.get(file) ?? file}:${m.lastLine ?? '?'}: ${m.subType === 'fatal' ? 'fatal: ' : ''}${m.message}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
