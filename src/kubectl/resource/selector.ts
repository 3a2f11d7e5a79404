/** Label selectors: parsing `-l`/`--selector` strings and matching labels against them. */
import { fail } from '../errors';

export interface Requirement {
  key: string;
  op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

export function parseSelector(text: string): Requirement[] {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (s === '') return reqs;
  let i = 0;
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m;
    if ((m = /^!\s*([^\s=!]+)$/.exec(p))) reqs.push({ key: m[1], op: '!', values: [] });
    else if ((m = /^([^\s=!]+)\s*(==|=|!=)\s*([^\s]*)$/.exec(p))) reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    else if ((m = /^([^\s=!]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([^\s=!(),]+)$/.exec(p))) reqs.push({ key: m[1], op: 'exists', values: [] });
    else throw fail(`unable to parse requirement: found '${p}', expected: identifier`);
  }
  return reqs;
}

export function matchesSelector(labels: Record<string, string> | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.values[0];
      case '!=':
        return !has || l[r.key] !== r.values[0];
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
    return false;
  });
}

/** metav1.ParseToLabelSelector: equality requirements become matchLabels, the rest matchExpressions. */
export function toLabelSelector(text: string): Record<string, unknown> {
  const reqs = parseSelector(text);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === '=') matchLabels[r.key] = r.values[0];
    else {
      const op = { '!=': 'NotIn', in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' }[r.op as string]!;
      const e: Record<string, unknown> = { key: r.key, operator: op };
      if (r.values.length) e.values = r.values;
      matchExpressions.push(e);
    }
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) {
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(matchLabels).sort()) sorted[k] = matchLabels[k];
    sel.matchLabels = sorted;
  }
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}
