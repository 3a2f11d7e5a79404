/**
 * The mock exam in Chromium: start an attempt with a fixed seed, solve one question by typing on its
 * host, do another on the wrong host, flag one, reload in the middle (timer and work intact), submit,
 * and read the review (wrong-host hint, expected beside found). axe-core at 1400 and 390 px; no CSP
 * violation. Needs dist/ (npm run build).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { drawQuestions } from '../../src/exams/draw';
import { readExam } from '../../src/exams/files';
import { distExists, newPage, runAxe, screenshot, type Site, useSiteAndBrowser } from './browser';
import { terminalText, typeInTerminal, waitForScreen } from './terminal-helpers';

const SOLVED = 'rbac-basics/account';
const WRONG_HOST = 'deploy-and-expose/create';

/** The first seed whose draw asks both questions the test knows how to answer (the bank grows). */
function fixedSeed(): number {
  const read = readExam('mock-1');
  if ('error' in read) throw new Error(read.error);
  const { exam } = read;
  for (let seed = 1; seed < 5000; seed++) {
    const asked = drawQuestions(exam.questions, seed, exam.draw).picks.map((i) => `${exam.questions[i].lab}/${exam.questions[i].task}`);
    if (asked.includes(SOLVED) && asked.includes(WRONG_HOST)) return seed;
  }
  throw new Error(`no seed draws both ${SOLVED} and ${WRONG_HOST}`);
}

interface Shown {
  n: number;
  key: string;
  host: string;
  names: string[];
}

/** Every question as the panel shows it (visiting each). */
async function questions(page: Page): Promise<Shown[]> {
  const count = await page.locator('[data-exam-go]').count();
  const out: Shown[] = [];
  for (let n = 1; n <= count; n++) {
    await page.click(`[data-exam-go="${n}"]`);
    const panel = page.locator('[data-exam-question]');
    out.push({
      n,
      key: `${await panel.getAttribute('data-lab')}/${await panel.getAttribute('data-task')}`,
      host: (await panel.getAttribute('data-host')) ?? '',
      names: await page.locator('[data-exam-text] [data-copy]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.copy ?? '')),
    });
  }
  return out;
}

async function command(page: Page, line: string, until: (screen: string) => boolean, timeoutMs = 30_000): Promise<string> {
  await typeInTerminal(page, `${line}\r`);
  return waitForScreen(page, until, timeoutMs);
}

const remainingSeconds = async (page: Page) => {
  const text = (await page.textContent('[data-exam-timer]')) ?? '';
  const m = /(\d+):(\d\d):(\d\d)/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
};

describe.skipIf(!distExists())('mock exam page', () => {
  let site: Site;
  let browser: Browser;
  useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

  it('runs an attempt through reload, submit and review', async () => {
    const seed = fixedSeed();
    const { page, problems, cspViolations } = await newPage(browser, { width: 1400, height: 900 });
    page.on('dialog', (d) => void d.accept());
    await page.goto(site.url('/exam/'));
    await page.waitForSelector('[data-exam-start]:not([hidden])');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-start-1400');

    await page.fill('[data-exam-seed]', String(seed));
    await page.click('[data-exam-retry]');
    await page.waitForSelector('[data-cka-terminal][data-cka-ready]', { timeout: 120_000 });
    await waitForScreen(page, (t) => t.endsWith('candidate@base:~$'), 30_000);
    await page.waitForSelector('[data-exam-question]:not([hidden])');
    expect(await page.textContent('[data-exam-seed-shown]')).toContain(String(seed));

    const shown = await questions(page);
    const solved = shown.find((q) => q.key === SOLVED)!;
    const wrong = shown.find((q) => q.key === WRONG_HOST)!;
    expect(solved && wrong).toBeTruthy();
    expect(solved.host).not.toBe(wrong.host);
    await page.click(`[data-exam-go="${solved.n}"]`);
    expect(await page.textContent('[data-exam-ssh]')).toBe(`ssh ${solved.host}`);
    expect(await page.locator('[data-exam-docs] a').first().getAttribute('href')).toMatch(/^https:\/\/kubernetes\.io\/docs\//);

    // The right host for one question…
    const [ns, sa] = solved.names;
    await command(page, `ssh ${solved.host}`, (t) => t.endsWith('candidate@cka01:~$'));
    await command(page, `k create ns ${ns} && k -n ${ns} create sa ${sa}`, (t) => t.includes(`serviceaccount/${sa} created`));
    // …and the other question's work on that same (wrong) host.
    const [name] = wrong.names;
    await command(page, `kubectl create deployment ${name} --image=nginx --replicas=3`, (t) => t.includes(`deployment.apps/${name} created`));
    await command(page, 'exit', (t) => t.endsWith('candidate@base:~$'));

    // Flag the wrong-host question.
    await page.click(`[data-exam-go="${wrong.n}"]`);
    await page.click('[data-exam-flag]');
    expect(await page.getAttribute(`[data-exam-go="${wrong.n}"]`, 'data-flagged')).toBe('');
    await expect.poll(() => remainingSeconds(page)).toBeLessThan(2 * 3600);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-screen-1400');

    // The worker saves a few seconds after typing; then reload in the middle of the attempt.
    await page.waitForTimeout(4500);
    const before = await remainingSeconds(page);
    await page.reload();
    await page.waitForSelector('[data-cka-terminal][data-cka-ready]', { timeout: 120_000 });
    await page.waitForSelector('[data-exam-question]:not([hidden])');
    const after = await remainingSeconds(page);
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(before - 120);
    expect(await page.getAttribute(`[data-exam-go="${wrong.n}"]`, 'data-flagged')).toBe('');
    expect(await page.getAttribute(`[data-exam-go="${wrong.n}"]`, 'aria-current')).toBe('step');
    await waitForScreen(page, (t) => t.endsWith('candidate@base:~$'), 30_000);
    await command(page, `ssh ${solved.host} kubectl get sa -n ${ns} ${sa} -o name`, (t) => t.includes(`\nserviceaccount/${sa}`));

    // The exam screen on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-screen-390');
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.click('[data-exam-submit]');
    await page.waitForSelector('[data-exam-review]:not([hidden])', { timeout: 120_000 });
    const wrongHost = page.locator(`[data-exam-review-question="${wrong.n}"] [data-exam-wrong-host]`);
    expect(await wrongHost.getAttribute('data-exam-wrong-host')).toBe(solved.host);
    expect(await wrongHost.textContent()).toContain(`You created it on ${solved.host}`);
    expect(await page.locator(`[data-exam-review-question="${wrong.n}"] [data-exam-diff]`).count()).toBeGreaterThan(0);
    expect(await page.textContent(`[data-exam-review-question="${solved.n}"] summary`)).toContain('2 of 2 points');
    expect(await page.textContent(`[data-exam-review-question="${wrong.n}"] .cka-exam__solution`)).toContain(`kubectl create deployment ${name}`);
    expect(await page.getAttribute('[data-exam-verdict]', 'data-exam-verdict')).toBe('fail');
    // The reference solution typed on a copy of the frozen host reaches full marks.
    await page.click(`[data-exam-replay="${wrong.n}"]`);
    await expect.poll(() => page.textContent(`[data-exam-replay-result="${wrong.n}"]`), { timeout: 120_000 }).toContain('3 of 3 points');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-review-1400');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-review-390');
    await page.click('[data-exam-review-back]');
    await page.waitForSelector('[data-exam-start]:not([hidden])');
    expect(await page.locator('[data-exam-history] tbody tr').count()).toBeGreaterThan(0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-start-390');

    expect(await terminalText(page)).toBe('');

    // History: export, import (the same attempt is kept once; a bad file changes nothing), retry my misses.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-exam-export]')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { version: number; attempts: { seed: number }[] };
    expect(exported.attempts.map((a) => a.seed)).toEqual([seed]);
    await page.setInputFiles('[data-exam-import]', { name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => page.textContent('[data-exam-history-status]')).toBe('Imported: 1 attempts in your history.');
    await page.setInputFiles('[data-exam-import]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":2}') });
    await expect.poll(() => page.textContent('[data-exam-history-status]')).toMatch(/^Import failed: version: /);
    const missed = shown.filter((q) => q.key !== SOLVED).length;
    await page.click('[data-exam-misses]');
    await page.waitForSelector('[data-exam-question]:not([hidden])', { timeout: 120_000 });
    expect(await page.locator('[data-exam-go]').count()).toBe(missed);
    expect(await page.locator('[data-exam-practice]').isVisible()).toBe(true);
    expect(cspViolations()).toEqual([]);
    expect(problems()).toEqual([]);
  }, 600_000);

  /** A page whose browser holds an attempt started long ago (as after a reload), `leftMs` before its end. */
  const attemptEndingIn = (leftMs: number) => `(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const durationMs = 120 * 60000;
    const startedAt = Date.now() - durationMs + ${leftMs};
    localStorage.setItem('cka-exam:attempt', JSON.stringify({ exam: 'mock-1', seed: 7, mode: 'exam', multiplier: 1, clock: { startedAt, durationMs, timeline: [{ question: 1, at: startedAt }] }, flags: [], visited: [1], current: 1, warned: [] }));
  })()`;

  it('warns when little time is left, and submits by itself at the end', async () => {
    const warned = await newPage(browser, { width: 1400, height: 900, initScript: attemptEndingIn(4 * 60_000) });
    await warned.page.goto(site.url('/exam/'));
    await warned.page.waitForSelector('[data-exam-question]:not([hidden])', { timeout: 120_000 });
    await expect.poll(() => warned.page.textContent('[data-exam-status]')).toContain('5 minutes left.');
    expect(await warned.page.getAttribute('[data-exam-timer]', 'data-warning')).toBe('5');
    expect(warned.problems()).toEqual([]);
    await warned.page.context().close();

    const timedOut = await newPage(browser, { width: 1400, height: 900, initScript: attemptEndingIn(1000) });
    await timedOut.page.goto(site.url('/exam/'));
    await timedOut.page.waitForSelector('[data-exam-review]:not([hidden])', { timeout: 120_000 });
    expect(await timedOut.page.getAttribute('[data-exam-verdict]', 'data-exam-verdict')).toBe('fail');
    expect(await timedOut.page.textContent('[data-exam-score]')).toContain('0% (pass at 66%)');
    expect(timedOut.problems()).toEqual([]);
    await timedOut.page.context().close();
  }, 300_000);

  it('replaces a worker stuck in a loop Ctrl-C cannot reach, and goes on with the saved work', async () => {
    const seed = fixedSeed();
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    page.on('dialog', (d) => void d.accept());
    await page.goto(site.url('/exam/'));
    await page.waitForSelector('[data-exam-start]:not([hidden])');
    await page.fill('[data-exam-seed]', String(seed));
    await page.click('[data-exam-retry]');
    await page.waitForSelector('[data-cka-terminal][data-cka-ready]', { timeout: 120_000 });
    await waitForScreen(page, (t) => t.endsWith('candidate@base:~$'), 30_000);
    const solved = (await questions(page)).find((q) => q.key === SOLVED)!;
    const [ns] = solved.names;
    await command(page, `ssh ${solved.host} kubectl create ns ${ns}`, (t) => t.includes(`namespace/${ns} created`));
    // The worker saves a few seconds after typing.
    await page.waitForTimeout(4500);
    // An endless generator inside [...]: jq collects it without ever giving the worker a turn.
    await typeInTerminal(page, "jq -n '[repeat(empty)]'\r");
    await page.waitForTimeout(500);
    await typeInTerminal(page, '\x03');
    await expect.poll(() => page.textContent('[data-exam-status]'), { timeout: 60_000 }).toContain('The terminal stopped responding');
    await page.waitForSelector('[data-cka-terminal][data-cka-ready]', { timeout: 120_000 });
    await waitForScreen(page, (t) => t.endsWith('candidate@base:~$'), 30_000);
    await command(page, `ssh ${solved.host} kubectl get ns ${ns} -o name`, (t) => t.includes(`\nnamespace/${ns}`));
    expect(problems()).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('shows the Chinese exam page with Chinese words', async () => {
    const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
    await page.goto(site.url('/zh-cn/exam/'));
    await page.waitForSelector('[data-exam-start]:not([hidden])');
    expect(await page.textContent('[data-exam-new]')).toBe('新考试');
    expect(await page.textContent('[data-exam-history]')).toContain('还没有考试记录');
    expect(await runAxe(page)).toEqual([]);

    // Practice: untimed, hints, a check at any time and the reference solution.
    await page.check('input[name="cka-exam-mode"][value="practice"]');
    await page.fill('[data-exam-seed]', '5');
    await page.click('[data-exam-retry]');
    await page.waitForSelector('[data-exam-question]:not([hidden])', { timeout: 120_000 });
    expect(await page.textContent('[data-exam-timer]')).toMatch(/^已用时间 0:00:\d\d（不限时）$/);
    expect(await page.textContent('[data-exam-q-heading]')).toMatch(/^第 1 题 · /);
    await page.click('[data-exam-check]');
    await expect.poll(() => page.textContent('[data-exam-check-result]'), { timeout: 60_000 }).toMatch(/^目前得分 0\/\d+/);
    await page.click('[data-exam-show-solution]');
    await expect.poll(() => page.textContent('[data-exam-solution]')).toMatch(/^参考答案ssh cka\d+\nsudo -i\n/);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'exam-practice-zh-1400');
    expect(problems()).toEqual([]);
  }, 180_000);
});
