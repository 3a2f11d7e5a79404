/**
 * go-cmp's comparison walk (compare.go) and the tree its default reporter records
 * (report_value.go): one node per compared value, with counts of equal and differing leaves.
 */
import { difference, type Similarity } from './edit-script';
import { field, type GoType, type GoValue } from './types';

/** A value that is not there: a slice element or map entry present on one side only. */
export const MISSING = Symbol('missing');
export type Side = GoValue | typeof MISSING;

export interface ValueNode {
  parent?: ValueNode;
  type: GoType;
  x: Side;
  y: Side;
  numSame: number;
  numDiff: number;
  /** Leaves compared with an Equal method. */
  numCompared: number;
  /** Transitive descendants (0 for a leaf). */
  numChildren: number;
  /** Depth of the subtree (0 for a leaf). */
  maxDepth: number;
  /** Struct fields (key: the field name), slice elements (no key) or map entries (key: the map key). */
  records: { key?: string; value: ValueNode }[];
  /** The pointed-at value of a pointer. */
  value?: ValueNode;
}

function node(type: GoType, x: Side, y: Side, parent?: ValueNode): ValueNode {
  return { parent, type, x, y, numSame: 0, numDiff: 0, numCompared: 0, numChildren: 0, maxDepth: 0, records: [] };
}

/** PopStep: a finished child adds its counts to its parent. */
function pop(child: ValueNode): void {
  const p = child.parent!;
  p.numSame += child.numSame;
  p.numDiff += child.numDiff;
  p.numCompared += child.numCompared;
  p.numChildren += child.numChildren + 1;
  p.maxDepth = Math.max(p.maxDepth, child.maxDepth + 1);
}

function report(n: ValueNode, equal: boolean, byMethod = false): void {
  if (equal) n.numSame++;
  else n.numDiff++;
  if (byMethod) n.numCompared++;
}

function child(parent: ValueNode, type: GoType, x: Side, y: Side, attach: (c: ValueNode) => void): void {
  const c = node(type, x, y, parent);
  attach(c);
  compareAny(c);
  pop(c);
}

function compareAny(n: ValueNode): void {
  const { type: t, x, y } = n;
  if (x === MISSING || y === MISSING) return report(n, x === y);
  if (t.kind === 'struct' && t.equal) return report(n, t.equal(x, y), true);
  switch (t.kind) {
    case 'bool':
    case 'int':
    case 'uint':
    case 'string':
      return report(n, x === y);
    case 'ptr':
      if (x === null || y === null) return report(n, x === y);
      return child(n, t.elem, x, y, (c) => (n.value = c));
    case 'map': {
      if (x === null || y === null) return report(n, x === y);
      const mx = x as Record<string, GoValue>;
      const my = y as Record<string, GoValue>;
      // go-cmp walks the union of the keys in sorted order (value.SortKeys).
      const keys = [...new Set([...Object.keys(mx), ...Object.keys(my)])].sort(compareStrings);
      for (const k of keys) child(n, t.elem, k in mx ? mx[k] : MISSING, k in my ? my[k] : MISSING, (c) => n.records.push({ key: k, value: c }));
      return;
    }
    case 'struct':
      for (const f of t.fields) child(n, f.type, field(x, t, f.name), field(y, t, f.name), (c) => n.records.push({ key: f.name, value: c }));
      return;
    case 'slice':
      if (x === null || y === null) return report(n, x === y);
      return compareSlice(n, t.elem, x as GoValue[], y as GoValue[]);
  }
}

/** statelessCompare: how two values compare, without keeping the tree. */
function similarity(t: GoType, x: Side, y: Side): Similarity {
  const n = node(t, x, y);
  compareAny(n);
  return { numSame: n.numSame, numDiff: n.numDiff };
}

function compareSlice(n: ValueNode, elem: GoType, xs: GoValue[], ys: GoValue[]): void {
  const edits = difference(xs.length, ys.length, (ix, iy) => similarity(elem, xs[ix], ys[iy]));
  let ix = 0;
  let iy = 0;
  for (const e of edits) {
    const push = (c: ValueNode) => n.records.push({ value: c });
    if (e === 'uniqueX') child(n, elem, xs[ix++], MISSING, push);
    else if (e === 'uniqueY') child(n, elem, MISSING, ys[iy++], push);
    else child(n, elem, xs[ix++], ys[iy++], push);
  }
}

/** Go's string order: by bytes (UTF-16 code units agree for the keys met here). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The root of the report tree for cmp.Diff(x, y). */
export function compareValues(t: GoType, x: GoValue, y: GoValue): ValueNode {
  const root = node(t, x, y);
  compareAny(root);
  return root;
}
