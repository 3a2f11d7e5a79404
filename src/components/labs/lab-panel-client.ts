/**
 * The lab panel's behaviour in the page: asks the terminal to grade, shows what is still wrong,
 * offers hints one at a time after a failed check, reveals solutions behind a confirmation, resets,
 * and keeps progress in localStorage (`cka-lab:lab:<id>`, plus the summary the labs index reads).
 * Text is only ever set with textContent.
 */
import type { LabResult } from '../../labs/grader';
import {
  PROGRESS_KEY,
  newProgress,
  recordGrade,
  restoreProgress,
  showNextHint,
  showSolution,
  summarize,
  type LabOutline,
  type LabProgress,
  type TaskState,
} from '../../labs/progress';
import { LAB_CHECK_EVENT, LAB_RESET_EVENT, LAB_RESULT_EVENT, LAB_START_EVENT, startedKey, type LabResultDetail } from './events';

const progressKey = (lab: string) => `cka-lab:lab:${lab}`;

function load(storage: Storage, outline: LabOutline): LabProgress {
  try {
    return restoreProgress(outline, JSON.parse(storage.getItem(progressKey(outline.id)) ?? 'null'));
  } catch {
    return newProgress(outline);
  }
}

function save(storage: Storage, progress: LabProgress): void {
  try {
    storage.setItem(progressKey(progress.lab), JSON.stringify(progress));
    const all = JSON.parse(storage.getItem(PROGRESS_KEY) ?? '{}') as Record<string, unknown>;
    all[progress.lab] = summarize(progress);
    storage.setItem(PROGRESS_KEY, JSON.stringify(all));
  } catch {
    // storage full or disabled: progress lives for this page only
  }
}

function initPanel(el: HTMLElement, win: Window, storage: Storage): void {
  const labId = el.dataset.ckaLab!;
  const lang = el.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
  const taskEls = new Map<string, HTMLElement>();
  el.querySelectorAll<HTMLElement>('[data-task]').forEach((t) => taskEls.set(t.dataset.task!, t));
  const outline: LabOutline = {
    id: labId,
    tasks: [...taskEls].map(([id, t]) => ({ id, hints: [...t.querySelectorAll('[data-cka-hints] > li')] })),
  };
  let progress = load(storage, outline);
  const status = el.querySelector<HTMLElement>('[data-cka-lab-status]')!;
  const checkButton = el.querySelector<HTMLButtonElement>('[data-cka-lab-check]')!;
  const count = el.querySelector<HTMLElement>('[data-cka-lab-count]')!;
  const label: Record<TaskState, string> = { todo: el.dataset.sTodo!, done: el.dataset.sDone!, 'done-with-help': el.dataset.sDoneHelp! };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const startButton = el.querySelector<HTMLButtonElement>('[data-cka-lab-start]')!;
  const resetButton = el.querySelector<HTMLButtonElement>('[data-cka-lab-reset]')!;
  const isStarted = () => {
    try {
      return storage.getItem(startedKey(labId)) === '1';
    } catch {
      return false;
    }
  };
  /** Before the terminal boots (it reads data-lab then), point it at the lab's world. */
  const markTerminal = () => {
    el.closest('[data-cka-pane]')?.querySelectorAll<HTMLElement>('.cka-terminal').forEach((t) => (t.dataset.lab = labId));
  };
  const showStarted = () => {
    const started = isStarted();
    startButton.hidden = started;
    checkButton.hidden = !started;
    resetButton.hidden = !started;
    if (started) status.textContent = el.dataset.sStarted!;
    // A lab the learner is working on stays open across reloads, even in a closed list of labs.
    const box = el.querySelector<HTMLDetailsElement>('details');
    if (started && box) box.open = true;
  };

  const render = () => {
    for (const [id, t] of taskEls) {
      const p = progress.tasks[id];
      t.dataset.state = p.state;
      t.querySelector<HTMLElement>('[data-cka-badge]')!.textContent = label[p.state];
      t.querySelectorAll<HTMLElement>('[data-cka-hints] > li').forEach((li, i) => (li.hidden = i >= p.hintsShown));
      t.querySelector<HTMLElement>('[data-cka-solution]')!.hidden = !p.solutionShown;
    }
    const sum = summarize(progress);
    count.textContent = `${sum.tasksDone}/${sum.tasks}`;
  };

  const showResult = (result: LabResult) => {
    for (const task of result.tasks) {
      const t = taskEls.get(task.id);
      if (!t) continue;
      const list = t.querySelector<HTMLElement>('[data-cka-messages]')!;
      list.replaceChildren(
        ...task.checks
          .filter((c) => !c.pass)
          .map((c) => {
            const li = document.createElement('li');
            li.dataset.pass = 'false';
            li.textContent = c.message[lang];
            return li;
          }),
      );
      const nextHint = t.querySelector<HTMLElement>('[data-cka-next-hint]');
      const p = progress.tasks[task.id];
      // Hints are offered only after a failed check, one at a time.
      if (nextHint) nextHint.hidden = task.pass || p.state !== 'todo' || p.hintsShown >= outline.tasks.find((x) => x.id === task.id)!.hints.length;
    }
  };

  el.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const task = target.closest<HTMLElement>('[data-task]')?.dataset.task;
    if (target.closest('[data-cka-lab-start]')) {
      if (!win.confirm(el.dataset.sStartConfirm!)) return;
      try {
        storage.setItem(startedKey(labId), '1');
      } catch {
        // without storage the lab still starts, for this page only
      }
      markTerminal();
      showStarted();
      win.dispatchEvent(new CustomEvent(LAB_START_EVENT, { detail: { lab: labId } }));
    } else if (target.closest('[data-cka-lab-check]')) {
      checkButton.disabled = true;
      checkButton.textContent = el.dataset.sChecking!;
      status.textContent = '';
      // A terminal that has not booted yet does not answer: say so instead of waiting forever.
      pending = setTimeout(() => {
        checkButton.disabled = false;
        checkButton.textContent = el.dataset.sCheck!;
        status.textContent = el.dataset.sNotReady!;
      }, 15000);
      win.dispatchEvent(new CustomEvent(LAB_CHECK_EVENT, { detail: { lab: labId } }));
    } else if (target.closest('[data-cka-lab-reset]')) {
      if (!win.confirm(el.dataset.sResetConfirm!)) return;
      progress = newProgress(outline);
      save(storage, progress);
      el.querySelectorAll('[data-cka-messages]').forEach((m) => m.replaceChildren());
      status.textContent = '';
      render();
      win.dispatchEvent(new CustomEvent(LAB_RESET_EVENT, { detail: { lab: labId } }));
    } else if (task && target.closest('[data-cka-next-hint]')) {
      progress = showNextHint(progress, outline, task);
      save(storage, progress);
      render();
      const hints = outline.tasks.find((x) => x.id === task)!.hints.length;
      (target as HTMLElement).hidden = progress.tasks[task].hintsShown >= hints;
    } else if (task && target.closest('[data-cka-show-solution]')) {
      if (!progress.tasks[task].solutionShown && !win.confirm(el.dataset.sSolutionConfirm!)) return;
      progress = showSolution(progress, task);
      save(storage, progress);
      render();
    }
  });

  win.addEventListener(LAB_RESULT_EVENT, (event) => {
    const detail = (event as CustomEvent<LabResultDetail>).detail;
    if (detail.lab !== labId) return;
    clearTimeout(pending);
    checkButton.disabled = false;
    checkButton.textContent = el.dataset.sCheck!;
    if ('error' in detail) {
      status.textContent = detail.error;
      return;
    }
    progress = recordGrade(progress, detail.result, detail.nowMs);
    save(storage, progress);
    render();
    showResult(detail.result);
    const sum = summarize(progress);
    status.textContent = sum.tasksDone === sum.tasks ? el.dataset.sAllDone! : '';
  });

  render();
  if (isStarted()) markTerminal();
  showStarted();
}

export function initLabPanels(doc: Document = document, win: Window = window, storage: Storage = win.localStorage): void {
  doc.querySelectorAll<HTMLElement>('[data-cka-lab]').forEach((el) => initPanel(el, win, storage));
}
