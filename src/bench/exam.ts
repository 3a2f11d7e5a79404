/**
 * Exam benchmarks (wall time on this machine, simulated time advanced by the sessions):
 * - exam.start_ms: in Chromium on the built site (dist/), from the click on "Retry this seed" to the
 *   first prompt on candidate@base with every exam host booted and set up (the worker posts the prompt
 *   only then). Median of 3 cold starts, each in a fresh browser context. Skipped without dist/.
 * - exam.start_headless_ms: the same attempt in Node: every host world booted, every question set up
 *   and the wrong-host baseline taken (the engine's share of the number above).
 * - exam.grade_ms: grading that whole attempt after the reference solutions (every check on its host,
 *   plus the wrong-host probes of failed checks; here none fail).
 * Headless numbers are medians of 3 runs after 1 warm-up: an attempt boots several clusters.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from '../cli/bench';
import { medianMs, result } from './_measure';
import { readExam } from '../exams/files';
import { gradeAttempt } from '../exams/score';
import { planAttempt, solveQuestion, startExam, type ExamAttempt, type ExamWorlds } from '../exams/world';
import '../runtime/attachments';

const SEED = 4242;
const BROWSER_RUNS = 3;

/** Click to prompt in the exam page, or undefined when the site is not built. */
async function browserStartMs(): Promise<number | undefined> {
  if (!existsSync(join(process.cwd(), 'dist', 'exam', 'index.html')) || !existsSync('/usr/bin/chromium')) {
    console.error('bench exam: exam.start_ms skipped, dist/ is not built (run `npm run build` first) or Chromium is missing');
    return undefined;
  }
  const browserHelpers = '../../test/e2e/browser';
  const { startSite, launchBrowser } = (await import(browserHelpers)) as typeof import('../../test/e2e/browser');
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let i = 0; i < BROWSER_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.url('/exam/'));
      await page.waitForSelector('[data-exam-start]:not([hidden])');
      await page.fill('[data-exam-seed]', String(SEED));
      const started = Date.now();
      await page.click('[data-exam-retry]');
      await page.waitForFunction(
        () => {
          const ready = document.querySelector<HTMLElement>('[data-cka-terminal]')?.dataset.ckaReady === 'true';
          const rows = [...document.querySelectorAll('[data-cka-term] .xterm-rows > div')].map((r) => (r.textContent ?? '').trim());
          return ready && rows.some((r) => r.startsWith('candidate@base:~$'));
        },
        undefined,
        { timeout: 180_000, polling: 20 },
      );
      times.push(Date.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await browser.close();
    await site.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const read = readExam('mock-1');
  if ('error' in read) throw new Error(read.error);
  const plan = planAttempt(read.exam, read.labs, SEED);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  const attempt: ExamAttempt = plan.attempt;
  const startMs = await medianMs(() => startExam(attempt), 3, 1);

  const worlds: ExamWorlds = await startExam(attempt);
  for (let n = 1; n <= attempt.questions.length; n++) await solveQuestion(attempt, worlds, n);
  const gradeMs = await medianMs(() => gradeAttempt(attempt, worlds), 3, 1);
  const out = [result('exam.start_headless_ms', startMs, 'ms'), result('exam.grade_ms', gradeMs, 'ms')];
  const browserMs = await browserStartMs();
  if (browserMs !== undefined) out.unshift(result('exam.start_ms', browserMs, 'ms'));
  return out;
}
