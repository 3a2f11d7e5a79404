/**
 * The history of attempts kept in this browser: every attempt (date, seed, mode-free score, pass), a
 * trend per domain (the percentages of the last attempts), the weakest domains, and the buttons for
 * "retry my misses", export and import.
 */
import { domainTrend, type History } from '../../exams/history';
import { DOMAIN_TITLES, DOMAINS, type Domain } from '../../exams/schema';
import { el } from './dom';
import { fill, type ExamKey, type ExamLang } from './strings';

const SHOWN = 8;

/** Domains by their average over the attempts, weakest first (domains never asked left out). */
export function weakestDomains(history: History, exam: string, count = 2): Domain[] {
  const trend = domainTrend(history, exam);
  return DOMAINS.filter((d) => trend[d].length)
    .map((d) => ({ d, avg: trend[d].reduce((s, p) => s + p.percent, 0) / trend[d].length }))
    .sort((a, b) => a.avg - b.avg)
    .slice(0, count)
    .map((x) => x.d);
}

export function renderHistory(parent: HTMLElement, history: History, exam: string, s: Record<ExamKey, string>, lang: ExamLang): void {
  parent.replaceChildren();
  const attempts = history.attempts.filter((a) => a.exam === exam);
  if (!attempts.length) {
    parent.append(el('p', {}, s.historyEmpty));
    return;
  }
  const dateOf = (ms: number) => new Date(ms).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });
  const recent = attempts.slice(-SHOWN).reverse();
  parent.append(
    el(
      'table',
      { class: 'cka-exam__history' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, s.date), el('th', { scope: 'col' }, s.seed), el('th', { scope: 'col' }, s.result))),
      el('tbody', {}, ...recent.map((a) => el('tr', {}, el('td', {}, dateOf(a.startedAt)), el('td', {}, String(a.seed)), el('td', {}, `${a.percent}% ${a.pass ? s.passed : s.failed}`)))),
    ),
  );
  const trend = domainTrend(history, exam);
  parent.append(
    el('h3', {}, s.trend),
    el(
      'table',
      { class: 'cka-exam__trend' },
      el('tbody', {}, ...DOMAINS.map((d) => el('tr', {}, el('th', { scope: 'row' }, DOMAIN_TITLES[d][lang]), el('td', {}, trend[d].slice(-SHOWN).map((p) => `${p.percent}%`).join(' → ') || s.notAsked)))),
    ),
  );
  const weakest = weakestDomains(history, exam);
  if (weakest.length) parent.append(el('p', {}, fill(s.weakest, { list: weakest.map((d) => DOMAIN_TITLES[d][lang]).join(lang === 'en' ? ', ' : '、') })));
}
