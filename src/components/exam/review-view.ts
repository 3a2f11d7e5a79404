/**
 * The review after an attempt: score and pass/fail, raw points, a score per domain, and per question
 * the failed checks (explanation, expected beside found, the wrong-host hint), the reference solution
 * and the time spent.
 */
import { DOMAIN_TITLES, DOMAINS } from '../../exams/schema';
import type { ExamScore } from '../../exams/score';
import type { ReviewQuestion } from '../../exams/review';
import type { ExamSolution } from '../../terminal/worker/exam-protocol';
import { formatDuration } from './countdown';
import { el } from './dom';
import { fill, type ExamKey, type ExamLang } from './strings';

export interface ReviewData {
  score: ExamScore;
  review: ReviewQuestion[];
  solutions: ExamSolution[];
}

/** `replayable`: the frozen worlds are still in the worker, so solutions can be replayed on copies. */
/** A reference solution as the candidate types it: ssh to the host, become root (the steps run as root), the steps. */
export function solutionText(solution: ExamSolution): string {
  return [`ssh ${solution.host}`, 'sudo -i', ...solution.steps].join('\n');
}

export function renderReview(parent: HTMLElement, data: ReviewData, s: Record<ExamKey, string>, lang: ExamLang, replayable = false): void {
  const { score, review, solutions } = data;
  parent.replaceChildren();
  const verdict = el('p', { class: `cka-exam__verdict cka-exam__verdict--${score.pass ? 'pass' : 'fail'}`, 'data-exam-verdict': score.pass ? 'pass' : 'fail' }, score.pass ? s.passed : s.failed);
  const line = el('p', { 'data-exam-score': '' }, fill(s.scoreLine, { percent: score.percent, pass: score.passPercent, earned: score.earned, points: score.points }), ' · ', fill(s.seedLine, { seed: score.seed }));
  parent.append(el('h2', { tabindex: '-1', 'data-exam-review-heading': '' }, s.review), verdict, line);

  const rows = DOMAINS.map((d) => {
    const ds = score.domains[d];
    return el('tr', {}, el('th', { scope: 'row' }, DOMAIN_TITLES[d][lang]), el('td', {}, ds.percent === null ? s.notAsked : `${ds.percent}%`));
  });
  parent.append(
    el('h3', {}, s.domains),
    el('table', { class: 'cka-exam__domains' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, s.domain), el('th', { scope: 'col' }, s.domainScore))), el('tbody', {}, ...rows)),
  );

  for (const q of review) {
    const details = el('details', { class: 'cka-exam__review-q', 'data-exam-review-question': String(q.number) });
    if (q.failed.length) details.open = true;
    const status = q.failed.length ? '✘' : '✔';
    details.append(
      el('summary', {}, `${status} ${fill(s.question, { n: q.number })} · ${q.title[lang]} · ${q.host} · ${fill(s.weight, { n: q.weight })} · ${fill(s.points, { earned: q.earned, points: q.points })} · ${fill(s.timeSpent, { time: formatDuration(q.timeMs) })}`),
    );
    if (!q.failed.length) details.append(el('p', {}, s.allPass));
    const list = el('ul', { class: 'cka-exam__failed' });
    for (const c of q.failed) {
      const item = el('li', {}, el('p', { class: 'cka-exam__explain' }, c.explain[lang]));
      if (c.expected !== undefined || c.actual !== undefined) {
        item.append(
          el(
            'dl',
            { class: 'cka-exam__diff', 'data-exam-diff': '' },
            el('dt', {}, s.expected),
            el('dd', {}, el('code', {}, c.expected ?? '-')),
            el('dt', {}, s.actual),
            el('dd', {}, el('code', {}, c.actual ?? '-')),
          ),
        );
      }
      item.append(el('p', { class: 'cka-exam__message' }, c.message[lang]));
      if (c.foundOn) item.append(el('p', { class: 'cka-exam__wrong-host', 'data-exam-wrong-host': c.foundOn }, fill(s.wrongHost, { host: c.foundOn, expected: q.host })));
      list.append(item);
    }
    if (q.failed.length) details.append(list);
    const solution = solutions.find((x) => x.number === q.number);
    if (solution) details.append(el('h4', {}, s.solution), el('pre', { class: 'cka-exam__solution' }, el('code', {}, solutionText(solution))));
    if (solution && replayable && q.failed.length) {
      details.append(
        el('button', { type: 'button', class: 'cka-exam__button', 'data-exam-replay': String(q.number) }, s.replay),
        el('div', { role: 'status', 'data-exam-replay-result': String(q.number) }),
      );
    }
    parent.append(details);
  }
}
