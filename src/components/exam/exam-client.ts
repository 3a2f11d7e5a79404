/**
 * The exam page in the browser: the start screen, the exam screen (questions beside a terminal that
 * runs the attempt's worlds in the worker), the countdown, the review and the history. Loaded only
 * on the exam page. Everything it shows is built with DOM calls; nothing is written as HTML.
 */
import { addAttempt, attemptRecord, exportHistory, importHistory, mergeHistories, missDrills, type History } from '../../exams/history';
import { drillMinutes } from '../../exams/drill';
import { timePerQuestion } from '../../exams/review';
import { DOMAINS, type Domain } from '../../exams/schema';
import { formatRemaining, isOver, openQuestion, questionTimes, remainingMs, startClock } from '../../exams/timer';
import { newSeed } from '../../exams/seed';
import type { MountedTerminal } from '../../terminal/page/mount';
import { loadHistories } from '../../terminal/page/history-store';
import type { ExamAttemptView, ExamMode } from '../../terminal/worker/exam-protocol';
import type { PageToWorker, WorkerToPage } from '../../terminal/worker/protocol';
import type { WorkerLink } from '../../terminal/page/start-worker';
import { WATCHDOG_TIMEOUT_MS } from '../../terminal/page/watchdog';
import { loadAttempt, loadHistory, loadReview, saveAttempt, saveHistory, saveReview, toggleFlag, type RunningAttempt } from './attempt-store';
import { warningLevel, warningsDue } from './countdown';
import { el } from './dom';
import { renderHistory } from './history-view';
import { renderReview, solutionText, type ReviewData } from './review-view';
import { fill, type ExamKey, type ExamLang } from './strings';
import { renderTaskText } from './task-text';

const FONT_KEY = 'cka-exam:font';
const FONT_SIZES = [11, 12, 13, 14, 16, 18, 20, 22];

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

interface StartRequest {
  seed: number;
  mode: ExamMode;
  domain?: Domain;
  questions?: number[];
  multiplier: number;
}

export function startExamPage(root: HTMLElement): void {
  const s = JSON.parse(root.dataset.strings ?? '{}') as Record<ExamKey, string>;
  const lang = (root.dataset.lang ?? 'en') as ExamLang;
  const examId = root.dataset.exam ?? 'mock-1';
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;

  const startSection = q('[data-exam-start]');
  const screen = q('[data-exam-screen]');
  const reviewSection = q('[data-exam-review]');
  const status = q('[data-exam-status]');
  const timer = q('[data-exam-timer]');
  const nav = q<HTMLOListElement>('[data-exam-nav]');
  const panel = q('[data-exam-question]');
  const termBox = q('[data-cka-terminal]');
  const seedInput = q<HTMLInputElement>('[data-exam-seed]');
  const domainSelect = q<HTMLSelectElement>('[data-exam-domain]');
  const extraSelect = q<HTMLSelectElement>('[data-exam-extra]');
  const historyBox = q('[data-exam-history]');
  const historyStatus = q('[data-exam-history-status]');
  const submitButton = q<HTMLButtonElement>('[data-exam-submit]');

  let attempt: RunningAttempt | undefined = loadAttempt(storage());
  let view: ExamAttemptView | undefined;
  let request: StartRequest | undefined;
  let worker: Worker | undefined;
  let mounted: MountedTerminal | undefined;
  let ticking: ReturnType<typeof setInterval> | undefined;
  let history: History = loadHistory(storage());
  let fontSize = Number(storage()?.getItem(FONT_KEY)) || 14;
  let grading = false;

  const show = (section: 'start' | 'screen' | 'review') => {
    startSection.hidden = section !== 'start';
    screen.hidden = section !== 'screen';
    reviewSection.hidden = section !== 'review';
    document.documentElement.classList.toggle('cka-exam-running', section === 'screen');
  };
  const say = (text: string) => (status.textContent = text);

  // ------------------------------------------------------------ start screen

  const modeOf = (): ExamMode => (root.querySelector<HTMLInputElement>('input[name="cka-exam-mode"]:checked')?.value as ExamMode) ?? 'exam';
  const syncMode = () => {
    q('[data-exam-domain-field]').hidden = modeOf() !== 'drill';
  };
  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="cka-exam-mode"]')) radio.addEventListener('change', syncMode);
  syncMode();

  const formRequest = (seed: number): StartRequest => {
    const mode = modeOf();
    const domain = DOMAINS.find((d) => d === domainSelect.value);
    return { seed, mode, domain: mode === 'drill' ? domain : undefined, multiplier: Number(extraSelect.value) || 1 };
  };
  q('[data-exam-new]').addEventListener('click', () => {
    const seed = newSeed();
    seedInput.value = String(seed);
    begin(formRequest(seed));
  });
  q('[data-exam-retry]').addEventListener('click', () => {
    const seed = Number(seedInput.value);
    if (!seedInput.value.trim() || !Number.isInteger(seed) || seed < 0) {
      seedInput.setAttribute('aria-invalid', 'true');
      seedInput.focus();
      return;
    }
    seedInput.removeAttribute('aria-invalid');
    begin(formRequest(seed));
  });

  const refreshHistory = () => renderHistory(historyBox, history, examId, s, lang);
  q('[data-exam-misses]').addEventListener('click', () => {
    const drill = missDrills(history, examId, 5)[0];
    if (!drill) return void (historyStatus.textContent = s.noMisses);
    begin({ seed: newSeed(), mode: 'drill', questions: drill.bankIndexes, multiplier: Number(extraSelect.value) || 1 });
  });
  q('[data-exam-export]').addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([exportHistory(history)], { type: 'application/json' }));
    const a = el('a', { href: url, download: `cka-exam-history-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  q<HTMLInputElement>('[data-exam-import]').addEventListener('change', async (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const parsed = importHistory(await file.text());
    input.value = '';
    if (!parsed.ok) return void (historyStatus.textContent = fill(s.importFailed, { error: parsed.error }));
    history = mergeHistories(history, parsed.history);
    saveHistory(storage(), history);
    historyStatus.textContent = fill(s.imported, { n: history.attempts.length });
    refreshHistory();
  });

  // ------------------------------------------------------------ the attempt

  function begin(req: StartRequest): void {
    attempt = undefined;
    saveAttempt(storage(), undefined);
    saveReview(storage(), undefined);
    launch(req, false);
  }

  function launch(req: StartRequest, resume: boolean): void {
    request = req;
    view = undefined;
    grading = false;
    show('screen');
    say(resume ? s.restoring : s.starting);
    nav.replaceChildren();
    panel.hidden = true;
    submitButton.disabled = true;
    stopTerminal();
    delete termBox.dataset.ckaReady;
    const w = new Worker(new URL('../../terminal/worker/shell-worker.ts', import.meta.url), { type: 'module', name: 'cka-terminal' });
    worker = w;
    let handler: ((m: WorkerToPage) => void) | undefined;
    const early: WorkerToPage[] = [];
    w.onmessage = (event: MessageEvent<WorkerToPage>) => {
      if (worker !== w) return;
      onMessage(event.data);
      if (handler) handler(event.data);
      else early.push(event.data);
    };
    const link: WorkerLink = {
      send: (m: PageToWorker) => {
        w.postMessage(m);
        if (m.type === 'data' && m.data.includes('\x03')) watchInterrupt(w);
      },
      listen: (h) => {
        handler = h;
        for (const m of early.splice(0)) h(m);
      },
      terminate: () => w.terminate(),
    };
    const screenBox = termBox.querySelector<HTMLElement>('[data-cka-term]')!.getBoundingClientRect();
    link.send({
      type: 'init',
      scenario: 'exam-base',
      host: 'base',
      cols: Math.max(20, Math.floor((screenBox.width - 8) / 8.4) || 80),
      rows: Math.max(5, Math.floor((screenBox.height - 4) / 17) || 24),
      histories: loadHistories(storage()),
      deferBoot: true,
    });
    link.send({ type: 'exam-start', exam: examId, seed: req.seed, mode: req.mode, domain: req.domain, questions: req.questions, resume });
    void import('../../terminal/page/mount').then(({ mount }) => {
      if (worker !== w) return;
      mounted = mount(termBox, link);
      mounted.setFontSize(fontSize);
    });
  }

  /**
   * The watchdog of the exam's worker (as the chapters' terminal has one): a Ctrl-C is followed by
   * a ping; a worker that does not answer within the timeout is stuck in code that never yields,
   * and the attempt restarts on its saved worlds, as a reload of the page does.
   */
  let pending: { id: number; timer: ReturnType<typeof setTimeout> } | undefined;
  let pingId = 0;
  let restartedNotice = false;

  function watchInterrupt(w: Worker): void {
    if (pending || !view || !request) return;
    const id = ++pingId;
    w.postMessage({ type: 'ping', id } satisfies PageToWorker);
    const timer = setTimeout(() => {
      pending = undefined;
      if (worker !== w || !request) return;
      restartedNotice = true;
      launch(request, true);
    }, WATCHDOG_TIMEOUT_MS);
    pending = { id, timer };
  }

  function stopTerminal(): void {
    if (pending) clearTimeout(pending.timer);
    pending = undefined;
    if (ticking !== undefined) clearInterval(ticking);
    ticking = undefined;
    mounted?.dispose();
    mounted = undefined;
    worker?.terminate();
    worker = undefined;
  }

  function onMessage(m: WorkerToPage): void {
    if (m.type === 'pong') {
      if (pending?.id === m.id) clearTimeout(pending.timer);
      if (pending?.id === m.id) pending = undefined;
      return;
    }
    switch (m.type) {
      case 'exam-ready':
        return ready(m.attempt, m.restored);
      case 'exam-review':
        return reviewed({ score: m.score, review: m.review, solutions: m.solutions });
      case 'exam-checked': {
        const box = panel.querySelector<HTMLElement>('[data-exam-check-result]');
        const qs = m.score.questions[0];
        if (!box || attempt?.current !== m.n) return;
        box.replaceChildren(
          el('p', {}, fill(s.checkResult, { earned: qs.earned, points: qs.points })),
          el('ul', {}, ...qs.checks.map((c) => el('li', {}, `${c.pass ? '✔' : '✘'} ${c.explain[lang]}`, c.pass || (c.expected === undefined && c.actual === undefined) ? '' : fill(s.checkDiff, { expected: c.expected ?? '-', actual: c.actual ?? '-' })))),
        );
        return;
      }
      case 'exam-solution': {
        const box = panel.querySelector<HTMLElement>('[data-exam-solution]');
        if (!box || attempt?.current !== m.solution.number) return;
        box.replaceChildren(el('h4', {}, s.solution), el('pre', {}, el('code', {}, solutionText(m.solution))));
        return;
      }
      case 'exam-replayed': {
        const box = root.querySelector<HTMLElement>(`[data-exam-replay-result="${m.n}"]`);
        const qs = m.score.questions[0];
        box?.replaceChildren(
          el('p', {}, fill(s.replayed, { host: qs.host, earned: qs.earned, points: qs.points })),
          el('pre', {}, el('code', {}, m.steps.map((x) => `${x.step}\n${x.output}`).join(''))),
        );
        return;
      }
      case 'exam-error':
        if (!view) {
          stopTerminal();
          show('start');
          historyStatus.textContent = fill(s.error, { message: m.message });
        } else {
          say(m.message);
          // A failed grading leaves the attempt running: submitting again is possible.
          if (grading && attempt) {
            grading = false;
            submitButton.disabled = false;
          }
        }
        return;
    }
  }

  function ready(v: ExamAttemptView, restored: boolean): void {
    view = v;
    const req = request!;
    if (!attempt) {
      const minutes = v.mode === 'practice' ? 0 : v.mode === 'drill' ? drillMinutes(v, v.questions.length) : v.durationMinutes;
      const clock = startClock(minutes * req.multiplier, Date.now());
      attempt = { exam: v.exam, seed: v.seed, mode: v.mode, domain: req.domain, picks: v.picks, multiplier: req.multiplier, clock, flags: [], visited: [1], current: 1, warned: [] };
    } else if (!restored) say(s.notRestored);
    attempt.picks = v.picks;
    saveAttempt(storage(), attempt);
    if (restored || !status.textContent || status.textContent === s.starting || status.textContent === s.restoring) say('');
    if (restartedNotice) say(s.restarted);
    restartedNotice = false;
    if (v.setupErrors.length) say(`${s.setupProblems} ${v.setupErrors.join('; ')}`);
    // Why this attempt has fewer questions than a real exam (a small bank), from the draw.
    const notes = q('[data-exam-notes]');
    notes.textContent = v.notes.map((n) => n[lang]).join(' ');
    notes.hidden = !v.notes.length;
    q('[data-exam-title]').textContent = v.title[lang];
    q('[data-exam-seed-shown]').textContent = fill(s.seedLine, { seed: v.seed });
    submitButton.disabled = false;
    panel.hidden = false;
    goTo(attempt.current);
    tick();
    ticking = setInterval(tick, 1000);
  }

  // ------------------------------------------------------------ questions

  function renderNav(): void {
    const a = attempt!;
    nav.replaceChildren(
      ...view!.questions.map((question) => {
        const n = question.number;
        const states = [n === a.current ? s.current : a.visited.includes(n) ? s.visited : s.notVisited, ...(a.flags.includes(n) ? [s.flagged] : [])];
        const button = el('button', { type: 'button', class: 'cka-exam__nav-item', 'data-exam-go': String(n), 'aria-label': `${fill(s.question, { n })}: ${states.join(', ')}` }, String(n));
        if (n === a.current) button.setAttribute('aria-current', 'step');
        if (a.visited.includes(n)) button.dataset.visited = '';
        if (a.flags.includes(n)) button.dataset.flagged = '';
        return el('li', {}, button);
      }),
    );
  }

  function goTo(n: number): void {
    const a = attempt!;
    const question = view!.questions[n - 1];
    if (!question) return;
    a.current = n;
    if (!a.visited.includes(n)) a.visited.push(n);
    a.clock = openQuestion(a.clock, n, Date.now());
    saveAttempt(storage(), a);
    renderNav();
    // Which lab task the question reuses and where it is solved (the history and tests read these).
    panel.dataset.lab = question.lab;
    panel.dataset.task = question.task;
    panel.dataset.host = question.host;
    q('[data-exam-q-heading]').textContent = `${fill(s.question, { n })} · ${question.title[lang]}`;
    q('[data-exam-q-meta]').textContent = fill(s.weight, { n: question.weight });
    q('[data-exam-q-host]').textContent = fill(s.hostLine, { host: question.host });
    q('[data-exam-ssh]').textContent = `ssh ${question.host}`;
    q<HTMLButtonElement>('[data-exam-ssh-copy]').dataset.copy = `ssh ${question.host}`;
    renderTaskText(q('[data-exam-text]'), question.text[lang], s.copyName);
    const docs = q('[data-exam-docs]');
    docs.replaceChildren(...question.docs.map((d) => el('li', {}, el('a', { href: d.url, target: '_blank', rel: 'noopener' }, d.title))));
    q('[data-exam-docs-box]').hidden = !question.docs.length;
    const flag = q<HTMLButtonElement>('[data-exam-flag]');
    const flagged = a.flags.includes(n);
    flag.setAttribute('aria-pressed', String(flagged));
    flag.textContent = flagged ? s.unflag : s.flag;
    const practice = q('[data-exam-practice]');
    practice.hidden = a.mode === 'exam';
    const hints = q('[data-exam-hints]');
    hints.replaceChildren(...question.hints.map((h) => { const li = el('li', {}); renderTaskText(li, h[lang], s.copyName); return li; }));
    q('[data-exam-hints-box]').hidden = !question.hints.length;
    q('[data-exam-check-result]').replaceChildren();
    q('[data-exam-solution]').replaceChildren();
    q<HTMLButtonElement>('[data-exam-prev]').disabled = n === 1;
    q<HTMLButtonElement>('[data-exam-next]').disabled = n === view!.questions.length;
  }

  nav.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-exam-go]');
    if (target && attempt && view) goTo(Number(target.dataset.examGo));
  });
  q('[data-exam-prev]').addEventListener('click', () => attempt && goTo(attempt.current - 1));
  q('[data-exam-next]').addEventListener('click', () => attempt && goTo(attempt.current + 1));
  q('[data-exam-flag]').addEventListener('click', () => {
    if (!attempt) return;
    attempt.flags = toggleFlag(attempt.flags, attempt.current);
    goTo(attempt.current);
  });
  q('[data-exam-check]').addEventListener('click', () => {
    if (!attempt || !worker) return;
    q('[data-exam-check-result]').replaceChildren(el('p', {}, s.checking));
    worker.postMessage({ type: 'exam-check', n: attempt.current } satisfies PageToWorker);
  });
  q('[data-exam-show-solution]').addEventListener('click', () => {
    if (attempt && worker) worker.postMessage({ type: 'exam-solution', n: attempt.current } satisfies PageToWorker);
  });
  // Click-to-copy names and the ssh line.
  root.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-copy]');
    if (!target) return;
    const text = target.dataset.copy ?? '';
    void navigator.clipboard?.writeText(text).then(
      () => say(`${s.copied}: ${text}`),
      () => undefined,
    );
  });
  const setFont = (delta: number) => {
    const at = FONT_SIZES.indexOf(fontSize);
    fontSize = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, (at < 0 ? 3 : at) + delta))];
    storage()?.setItem(FONT_KEY, String(fontSize));
    mounted?.setFontSize(fontSize);
    q('[data-exam-font-size]').textContent = `${fontSize}px`;
  };
  q('[data-exam-font-size]').textContent = `${fontSize}px`;
  q('[data-exam-font-down]').addEventListener('click', () => setFont(-1));
  q('[data-exam-font-up]').addEventListener('click', () => setFont(1));

  // ------------------------------------------------------------ countdown and submit

  function tick(): void {
    const a = attempt;
    if (!a || grading) return;
    const now = Date.now();
    if (!a.clock.durationMs) {
      timer.textContent = fill(s.elapsedUntimed, { time: formatRemaining(now - a.clock.startedAt) });
      return;
    }
    const left = remainingMs(a.clock, now);
    timer.textContent = `${s.remaining} ${formatRemaining(left)}`;
    const level = warningLevel(left);
    if (level) timer.dataset.warning = String(level);
    else delete timer.dataset.warning;
    const due = warningsDue(left, a.warned);
    if (due.length) {
      a.warned.push(...due);
      saveAttempt(storage(), a);
      say(fill(s.warnMinutes, { n: Math.min(...due) }));
    }
    if (isOver(a.clock, now)) submit(true);
  }

  function submit(timedOut: boolean): void {
    const a = attempt;
    if (!a || !view || !worker || grading) return;
    if (!timedOut && !window.confirm(s.submitConfirm)) return;
    grading = true;
    submitButton.disabled = true;
    say(timedOut ? `${s.timeUp} ${s.grading}` : s.grading);
    const now = Date.now();
    const count = view.questions.length;
    const times = a.clock.durationMs ? questionTimes(a.clock, now, count) : timePerQuestion(a.clock.timeline, now, count);
    worker.postMessage({ type: 'exam-grade', times } satisfies PageToWorker);
  }
  submitButton.addEventListener('click', () => submit(false));

  // ------------------------------------------------------------ review

  function reviewed(data: ReviewData): void {
    const a = attempt;
    if (a) {
      const endedAt = Date.now();
      const times = data.review.map((r) => r.timeMs);
      history = addAttempt(history, attemptRecord(data.score, a.clock.startedAt, endedAt, times));
      saveHistory(storage(), history);
    }
    saveReview(storage(), { data, request });
    attempt = undefined;
    saveAttempt(storage(), undefined);
    // The frozen worlds stay in the worker while the review is open: solutions replay on copies.
    showReview(data, true);
  }

  function showReview(data: ReviewData, replayable = false): void {
    if (ticking !== undefined) clearInterval(ticking);
    ticking = undefined;
    if (!replayable) stopTerminal();
    renderReview(q('[data-exam-review-body]'), data, s, lang, replayable && worker !== undefined);
    show('review');
    q('[data-exam-review-heading]')?.focus();
  }
  q('[data-exam-review-retry]').addEventListener('click', () => {
    const saved = loadReview<{ request?: StartRequest }>(storage());
    const req = saved?.request ?? request;
    if (req) begin(req);
  });
  reviewSection.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-exam-replay]');
    if (!button || !worker) return;
    button.disabled = true;
    root.querySelector(`[data-exam-replay-result="${button.dataset.examReplay}"]`)?.replaceChildren(el('p', {}, s.replaying));
    worker.postMessage({ type: 'exam-replay', n: Number(button.dataset.examReplay) } satisfies PageToWorker);
  });
  q('[data-exam-review-back]').addEventListener('click', () => {
    stopTerminal();
    saveReview(storage(), undefined);
    refreshHistory();
    show('start');
  });

  // ------------------------------------------------------------ on load

  refreshHistory();
  if (attempt) {
    seedInput.value = String(attempt.seed);
    launch({ seed: attempt.seed, mode: attempt.mode, domain: attempt.domain, questions: attempt.picks, multiplier: attempt.multiplier }, true);
  } else {
    const saved = loadReview<{ data: ReviewData; request?: StartRequest }>(storage());
    if (saved?.data?.score) {
      request = saved.request;
      showReview(saved.data);
    } else show('start');
  }
}
