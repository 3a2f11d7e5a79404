/**
 * Site budgets (needs a built dist/):
 * - site.build_s: one `astro build`, timed (CI has 30 minutes on 2 cores for everything);
 * - site.js_kb_chapter_before_terminal: gzipped JS a chapter page loads before its terminal opens
 *   (target ≤ 150 KB); site.js_kb_home for comparison;
 * - site.html_kb_chapter: the chapter's gzipped HTML.
 * site.prompt_ready_ms belongs to the terminal's bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from '../cli/bench';
import { result } from './_measure';
import { measurePageJs } from '../../scripts/site/js-budget';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const CHAPTER_PAGE = 'architecture/index.html';

export function run(): BenchResult[] {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('bench site: skipped, dist/ is not built (run `npm run build` first)');
    return [];
  }
  const results: BenchResult[] = [];

  const started = performance.now();
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'astro', 'astro.js'), 'build', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stderr?.toString() ?? ''}`);
  results.push(result('site.build_s', seconds, 's'));

  if (existsSync(join(DIST, CHAPTER_PAGE))) {
    const chapter = measurePageJs(DIST, CHAPTER_PAGE);
    results.push(result('site.js_kb_chapter_before_terminal', chapter.gzipBytes / 1024, 'KB', 150));
    const html = readFileSync(join(DIST, CHAPTER_PAGE));
    results.push(result('site.html_kb_chapter', gzipSync(html, { level: 9 }).length / 1024, 'KB'));
  } else {
    console.error(`bench site: ${CHAPTER_PAGE} not built, chapter budgets skipped`);
  }
  results.push(result('site.js_kb_home', measurePageJs(DIST, 'index.html').gzipBytes / 1024, 'KB'));
  return results;
}
