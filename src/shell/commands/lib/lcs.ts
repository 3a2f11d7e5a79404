/** Myers' O(ND) difference algorithm: the edit script between two line arrays. */

export type Edit = { kind: 'same' | 'del' | 'ins'; a: number; b: number };

/** Returns one entry per line of a and b in order: same (both), del (a only), ins (b only). */
export function diffLines(a: string[], b: string[], eq: (x: string, y: string) => boolean = (x, y) => x === y): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && eq(a[x], b[y])) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back through the trace.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ kind: 'same', a: --x, b: --y });
    }
    if (d === 0) break;
    if (x === prevX) edits.push({ kind: 'ins', a: x, b: --y });
    else edits.push({ kind: 'del', a: --x, b: y });
  }
  while (x > 0 && y > 0) edits.push({ kind: 'same', a: --x, b: --y });
  return edits.reverse();
}
