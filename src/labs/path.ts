/**
 * The small JSONPath-like language of lab checks: `.spec.replicas`, `.spec.containers[0].image`,
 * `.metadata.labels['app.kubernetes.io/name']`, `.spec.ports[?(@.port==80)].nodePort`, `.items[*].x`.
 * It returns every value the path reaches (filters and `[*]` may reach several), never throws, and
 * reports a malformed path as data.
 */
export type PathResult = { ok: true; values: unknown[] } | { ok: false; error: string };

type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; key: string; op: '==' | '!='; value: string | number | boolean };

export function parsePath(path: string): Segment[] | string {
  const segs: Segment[] = [];
  let i = 0;
  if (path[0] !== '.') return `path must start with ".": ${path}`;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[A-Za-z0-9_$-]+/.exec(path.slice(i + 1));
      if (!m) {
        if (i === 0 && path.length === 1) return segs;
        return `expected a field name at ${i + 1} in ${path}`;
      }
      segs.push({ kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) return `unclosed [ in ${path}`;
      const inner = path.slice(i + 1, end).trim();
      i = end + 1;
      let m: RegExpExecArray | null;
      if (inner === '*') segs.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else if ((m = /^'(.*)'$|^"(.*)"$/.exec(inner))) segs.push({ kind: 'key', key: m[1] ?? m[2] });
      else if ((m = /^\?\(@\.([A-Za-z0-9_.-]+)\s*(==|!=)\s*(.+)\)$/.exec(inner))) {
        segs.push({ kind: 'filter', key: m[1], op: m[2] as '==' | '!=', value: literal(m[3].trim()) });
      } else return `unsupported [${inner}] in ${path}`;
    } else return `unexpected "${c}" at ${i} in ${path}`;
  }
  return segs;
}

function literal(text: string): string | number | boolean {
  const q = /^'(.*)'$|^"(.*)"$/.exec(text);
  if (q) return q[1] ?? q[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function getIn(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const k of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export function evaluatePath(obj: unknown, path: string): PathResult {
  const segs = parsePath(path);
  if (typeof segs === 'string') return { ok: false, error: segs };
  let current: unknown[] = [obj];
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg.kind === 'key') {
        if (v && typeof v === 'object' && !Array.isArray(v) && seg.key in (v as object)) next.push((v as Record<string, unknown>)[seg.key]);
      } else if (seg.kind === 'index') {
        if (Array.isArray(v)) {
          const idx = seg.index < 0 ? v.length + seg.index : seg.index;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
        }
      } else if (seg.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = getIn(item, seg.key);
          // kubectl's jsonpath compares loosely: 80 and "80" are equal.
          const same = got !== undefined && String(got) === String(seg.value);
          if (seg.op === '==' ? same : got !== undefined && !same) next.push(item);
        }
      }
    }
    current = next;
  }
  return { ok: true, values: current };
}
