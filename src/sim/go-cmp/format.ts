/**
 * go-cmp's report formatting (report_compare.go, report_reflect.go, report_slices.go): the
 * comparison tree turned into text. Differing leaves print as a removed and an inserted line;
 * equal neighbours stay as context (two a side) and the rest fold into "... // N identical
 * fields"; values print shorter the deeper they sit (the verbosity budget), down to {...}.
 */
import { goQuote } from '../go-quote';
import { compareStrings, MISSING, type Side, type ValueNode } from './compare';
import { boolResult, difference, type Edit } from './edit-script';
import { DiffStats, equalNodes, NIL, TextLine, TextList, TextWrap, type DiffMode, type TextNode } from './text';
import { field, isZero, typeString, type GoType, type GoValue } from './types';

type TypeMode = 'emit' | 'elide' | 'auto';

interface Options {
  diffMode: DiffMode;
  typeMode: TypeMode;
  avoidStringer: boolean;
  verbosityLevel: number;
  limitVerbosity: boolean;
}

const ROOT: Options = { diffMode: '', typeMode: 'emit', avoidStringer: false, verbosityLevel: 0, limitVerbosity: false };
const NUM_CONTEXT = 2;
const MAX_PRESET = 6;

const withMode = (o: Options, diffMode: DiffMode): Options => ({ ...o, diffMode });
const withType = (o: Options, typeMode: TypeMode): Options => ({ ...o, typeMode });
const withVerbosity = (o: Options, level: number): Options => ({ ...o, verbosityLevel: level, limitVerbosity: true });
const verbosity = (o: Options) => Math.min(16, Math.max(0, o.verbosityLevel));
/** verbosityPreset: more detail (and no String methods) when two sides would otherwise print alike. */
const preset = (o: Options, i: number): Options => ({ ...o, verbosityLevel: verbosity(o) + 2 * i, avoidStringer: i > 0 ? true : o.avoidStringer });

const COMPOSITE = new Set(['struct', 'slice', 'map']);

function formatType(o: Options, t: GoType, s: TextNode): TextNode {
  if (o.typeMode === 'elide') return s;
  if (o.typeMode === 'auto') {
    if (!COMPOSITE.has(t.kind) || equalNodes(s, NIL) || o.diffMode === ' ') return s;
  }
  let name = typeString(t);
  if (!t.name && t.kind === 'ptr') name = `(${name})`;
  return new TextWrap(name, wrapParens(s));
}

function wrapParens(s: TextNode): TextNode {
  if (s instanceof TextWrap) {
    const parens = s.prefix.startsWith('(') && s.suffix.endsWith(')');
    const braces = s.prefix.startsWith('{') && s.suffix.endsWith('}');
    if (parens || braces) return s;
  }
  return new TextWrap('(', s, ')');
}

/** Go's quoting of a string value in a report: "…", or `…` when that avoids escapes. */
function quoteString(s: string): string {
  const q = goQuote(s);
  if (Buffer.byteLength(q) === Buffer.byteLength(s) + 2) return q;
  if (!/[`\n]/.test(s) && [...s].every((c) => c === '\t' || /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c))) return `\`${s}\``;
  return q;
}

function formatString(o: Options, prefix: string, s: string): TextNode {
  const bytes = Buffer.from(s);
  const maxLen = o.limitVerbosity ? (1 << verbosity(o)) << 5 : bytes.length;
  if (bytes.length > maxLen + 3) return new TextLine(prefix + quoteString(bytes.subarray(0, maxLen).toString()) + '...');
  return new TextLine(prefix + quoteString(s));
}

function formatMapKey(k: string, t: GoType): string {
  const o: Options = { diffMode: ' ', typeMode: 'elide', avoidStringer: false, verbosityLevel: MAX_PRESET, limitVerbosity: true };
  return lineText(formatValue(o, k, t)!).trim();
}

const lineText = (n: TextNode): string => (n instanceof TextLine ? n.text : n instanceof TextWrap ? n.prefix + lineText(n.value) + n.suffix : n.records.map((r) => (r.key ? `${r.key}: ` : '') + lineText(r.value)).join(', '));

/** FormatValue: a value on its own, fields with zero values left out. */
export function formatValue(o: Options, v: Side, t: GoType): TextNode | null {
  if (v === MISSING) return null;
  if (!o.avoidStringer && t.kind === 'string' && t.stringer) return formatString(o, 's', v as string);
  let skipType = false;
  let out: TextNode;
  const limit = (n: number) => (o.limitVerbosity ? ((1 << verbosity(o)) >> 1) << 2 : n);
  const inner: Options = o.limitVerbosity ? { ...o, verbosityLevel: o.verbosityLevel - 1 } : o;
  switch (t.kind) {
    case 'bool':
      out = new TextLine(String(v));
      break;
    case 'int':
    case 'uint':
      out = new TextLine((v as bigint).toString());
      break;
    case 'string':
      out = formatString(o, '', v as string);
      break;
    case 'struct': {
      const list = new TextList();
      const maxLen = limit(t.fields.length);
      for (const f of t.fields) {
        const fv = field(v as GoValue, t, f.name);
        if (isZero(fv, f.type)) continue;
        if (list.records.length === maxLen) {
          list.appendEllipsis();
          break;
        }
        list.push({ key: f.name, value: formatValue(withType(inner, 'auto'), fv, f.type)! });
      }
      out = new TextWrap('{', list, '}');
      break;
    }
    case 'slice': {
      if (v === null) {
        out = NIL;
        break;
      }
      const items = v as GoValue[];
      const list = new TextList();
      const maxLen = limit(items.length);
      for (const item of items) {
        if (list.records.length === maxLen) {
          list.appendEllipsis();
          break;
        }
        list.push({ value: formatValue(withType(inner, 'elide'), item, t.elem)! });
      }
      out = new TextWrap('{', list, '}');
      break;
    }
    case 'map': {
      if (v === null) {
        out = NIL;
        break;
      }
      const m = v as Record<string, GoValue>;
      const keys = Object.keys(m).sort(compareStrings);
      const list = new TextList();
      const maxLen = limit(keys.length);
      for (const k of keys) {
        if (list.records.length === maxLen) {
          list.appendEllipsis();
          break;
        }
        list.push({ key: formatMapKey(k, t.key), value: formatValue(withType(inner, 'elide'), m[k], t.elem)! });
      }
      out = new TextWrap('{', list, '}');
      break;
    }
    case 'ptr':
      if (v === null) {
        out = NIL;
        break;
      }
      // An unnamed pointer type lets the value it points at print the type.
      if (!t.name) skipType = true;
      out = new TextWrap('&', formatValue(o, v, t.elem)!);
      break;
  }
  return skipType ? out : formatType(o, t, out);
}

/** FormatDiff: the comparison tree from this node down, as text. */
export function formatDiff(o: Options, v: ValueNode): TextNode | null {
  if (o.diffMode === ' ') o = withVerbosity(o, 1);
  else if (verbosity(o) < 3) o = withVerbosity(o, 3);
  if (canFormatDiffSlice(o, v)) return formatDiffString(o, v);
  if (v.maxDepth === 0) {
    if (o.diffMode === '-') return formatValue(o, v.x, v.type);
    if (o.diffMode === '+') return formatValue(o, v.y, v.type);
    if (v.numDiff === 0) {
      const outx = formatValue(o, v.x, v.type)!;
      const outy = formatValue(o, v.y, v.type)!;
      return outx.len() < outy.len() ? outx : outy;
    }
    let [outx, outy] = bothSides(withType(o, 'elide'), v, (p) => [formatValue(p, v.x, v.type), formatValue(p, v.y, v.type)]);
    const list = new TextList();
    if (outx) list.push({ diff: '-', value: outx });
    if (outy) list.push({ diff: '+', value: outy });
    return formatType(withType(o, 'emit'), v.type, list);
  }
  switch (v.type.kind) {
    case 'struct':
    case 'slice':
    case 'map':
      return formatType(o, v.type, formatDiffList(o, v.records, v.type.kind));
    case 'ptr':
      return new TextWrap('&', formatDiff(o, v.value!)!);
    default:
      throw new Error(`${v.type.kind} cannot have children`);
  }
}

/** The equal elements of a run shown before and after its fold: up to `limit` a side, none before the first run or after the last. */
function contextSpan(ds: DiffStats, i: number, count: number, limit: number): { numEqual: number; numLo: number; numHi: number } {
  const numEqual = ds.numIgnored + ds.numIdentical;
  let numLo = 0;
  let numHi = 0;
  while (numLo < limit && numLo + numHi < numEqual && i !== 0) numLo++;
  while (numHi < limit && numLo + numHi < numEqual && i !== count - 1) numHi++;
  return { numEqual, numLo, numHi };
}

/** The statistics of a run once `shown` of its records print. */
function folded(ds: DiffStats, shown: number): DiffStats {
  const f = ds.copy();
  f.numIdentical -= shown;
  return f;
}

/** The two sides printed, with more detail (presets) until they differ. */
function bothSides(o: Options, v: ValueNode, print: (o: Options) => [TextNode | null, TextNode | null]): [TextNode | null, TextNode | null] {
  let [outx, outy] = print(o);
  for (let i = 0; i <= MAX_PRESET && outx && outy && equalNodes(outx, outy); i++) [outx, outy] = print(preset(o, i));
  return [outx, outy];
}

const RECORD_NAME = { struct: 'field', slice: 'element', map: 'entry' } as const;

function formatDiffList(o: Options, recs: ValueNode['records'], kind: 'struct' | 'slice' | 'map'): TextNode {
  const name = RECORD_NAME[kind];
  o = withType(o, kind === 'struct' ? 'auto' : 'elide');
  const keyOf = (r: ValueNode['records'][number]) => (kind === 'map' ? formatMapKey(r.key!, mapKeyType(r.value)) : (r.key ?? ''));
  let maxLen = -1;
  if (o.limitVerbosity) {
    maxLen = o.diffMode === ' ' ? ((1 << verbosity(o)) >> 1) << 2 : (1 << verbosity(o)) << 1;
    o = { ...o, verbosityLevel: o.verbosityLevel - 1 };
  }
  const list = new TextList();
  if (o.diffMode !== '') {
    // Identical, removed or inserted: one side's records, zero-valued fields left out.
    let deferredEllipsis = false;
    for (const r of recs) {
      if (list.records.length === maxLen) {
        deferredEllipsis = true;
        break;
      }
      if (kind === 'struct') {
        const zx = () => isZero(r.value.x as GoValue, r.value.type);
        const zy = () => isZero(r.value.y as GoValue, r.value.type);
        if (o.diffMode === ' ' ? zx() || zy() : o.diffMode === '-' ? zx() : zy()) continue;
      }
      const out = formatDiff(o, r.value);
      if (out) list.push({ key: keyOf(r), value: out });
    }
    if (deferredEllipsis) list.appendEllipsis();
    return new TextWrap('{', list, '}');
  }
  let numDiffs = 0;
  let maxGroup = new DiffStats(name);
  const groups = coalesceRecords(name, recs);
  let rest = recs;
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) {
      maxGroup = maxGroup.append(ds);
      return;
    }
    if (ds.numDiff() === 0) {
      // Equal records: up to two of context a side of a difference, the rest folded.
      const { numEqual, numLo, numHi: hi } = contextSpan(ds, i, groups.length, NUM_CONTEXT);
      // A single record is shown rather than folded.
      const numHi = numEqual - (numLo + hi) === 1 && ds.numIgnored === 0 ? hi + 1 : hi;
      for (const r of rest.slice(0, numLo)) list.push({ key: keyOf(r), value: formatDiff(withMode(o, ' '), r.value)! });
      if (numEqual > numLo + numHi) list.appendEllipsis(folded(ds, numLo + numHi));
      for (const r of rest.slice(numEqual - numHi, numEqual)) list.push({ key: keyOf(r), value: formatDiff(withMode(o, ' '), r.value)! });
      rest = rest.slice(numEqual);
      return;
    }
    for (const r of rest.slice(0, ds.numDiff())) {
      if (canFormatDiffSlice(o, r.value)) list.push({ key: keyOf(r), value: formatDiffString(o, r.value) });
      else if (r.value.numChildren === r.value.maxDepth) {
        const [outx, outy] = bothSides(o, r.value, (p) => [formatDiff(withMode(p, '-'), r.value), formatDiff(withMode(p, '+'), r.value)]);
        if (outx) list.push({ diff: '-', key: keyOf(r), value: outx });
        if (outy) list.push({ diff: '+', key: keyOf(r), value: outy });
      } else list.push({ key: keyOf(r), value: formatDiff(o, r.value)! });
    }
    rest = rest.slice(ds.numDiff());
    numDiffs += ds.numDiff();
  });
  if (!maxGroup.isZero()) list.appendEllipsis(maxGroup);
  return new TextWrap('{', list, '}');
}

/** The key type of the map a record belongs to. */
const mapKeyType = (n: ValueNode): GoType => (n.parent!.type as GoType & { kind: 'map' }).key;

/** coalesceAdjacentRecords: runs of equal records and of differing ones, counted as the edits they amount to. */
function coalesceRecords(name: string, recs: ValueNode['records']): DiffStats[] {
  return coalesceEdits(
    name,
    recs.map(({ value: v }): Edit => (v.numDiff === 0 ? 'identity' : v.y === MISSING ? 'uniqueX' : v.x === MISSING ? 'uniqueY' : 'modified')),
  );
}

/** CanFormatDiffSlice, for the one kind met here: two differing strings of 32 bytes or more. */
function canFormatDiffSlice(o: Options, v: ValueNode): boolean {
  if (o.diffMode !== '' || v.numDiff === 0 || v.x === MISSING || v.y === MISSING) return false;
  if (v.numCompared > 1 || (v.numCompared === 1 && v.type.name !== '')) return false;
  if (v.type.kind !== 'string') return false;
  return Buffer.byteLength(v.x as string) >= 32 && Buffer.byteLength(v.y as string) >= 32;
}

/** FormatDiffSlice for single-line text: the bytes diffed, printed in chunks of up to 64 as strings.Join({…}, ""). */
function formatDiffString(o: Options, v: ValueNode): TextNode {
  const bx = Buffer.from(v.x as string);
  const by = Buffer.from(v.y as string);
  const chunk = 64;
  const eq = (ix: number, iy: number) => bx[ix] === by[iy];
  const es = difference(bx.length, by.length, (ix, iy) => boolResult(eq(ix, iy)));
  const list = new TextList();
  const appendChunks = (b: Buffer, d: DiffMode) => {
    for (let at = 0; at < b.length; at += chunk) list.push({ diff: d, value: new TextLine(quoteString(b.subarray(at, Math.min(at + chunk, b.length)).toString('latin1'))) });
  };
  let maxLen = -1;
  if (o.limitVerbosity) maxLen = (1 << verbosity(o)) << 2;
  let groups = coalesceEdits('byte', es);
  groups = coalesceInterveningIdentical(groups, chunk / 4);
  groups = cleanupSurroundingIdentical(groups, eq);
  let maxGroup = new DiffStats('byte');
  let numDiffs = 0;
  let x = bx;
  let y = by;
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) {
      maxGroup = maxGroup.append(ds);
      return;
    }
    if (ds.numDiff() === 0) {
      const { numEqual, numLo, numHi: hi } = contextSpan(ds, i, groups.length, chunk * NUM_CONTEXT);
      // Less than a chunk is shown rather than folded.
      const numHi = numEqual - (numLo + hi) <= chunk && ds.numIgnored === 0 ? numEqual - numLo : hi;
      appendChunks(x.subarray(0, numLo), ' ');
      if (numEqual > numLo + numHi) list.appendEllipsis(folded(ds, numLo + numHi));
      appendChunks(x.subarray(numEqual - numHi, numEqual), ' ');
      x = x.subarray(numEqual);
      y = y.subarray(numEqual);
      return;
    }
    const before = list.records.length;
    const nx = ds.numIdentical + ds.numRemoved + ds.numModified;
    appendChunks(x.subarray(0, nx), '-');
    x = x.subarray(nx);
    const ny = ds.numIdentical + ds.numInserted + ds.numModified;
    appendChunks(y.subarray(0, ny), '+');
    y = y.subarray(ny);
    numDiffs += list.records.length - before;
  });
  if (!maxGroup.isZero()) list.appendEllipsis(maxGroup);
  let out: TextNode = new TextWrap('strings.Join(', new TextWrap('{', list, '}'), ', "")');
  if (v.type.name !== 'string') out = formatType(o, v.type, out);
  return out;
}

/** coalesceAdjacentEdits: runs of identities and of other edits. */
function coalesceEdits(name: string, es: Edit[]): DiffStats[] {
  const groups: DiffStats[] = [];
  let prev = '';
  const last = (mode: string) => {
    if (prev !== mode) {
      groups.push(new DiffStats(name));
      prev = mode;
    }
    return groups[groups.length - 1];
  };
  for (const e of es) {
    if (e === 'identity') last('=').numIdentical++;
    else if (e === 'uniqueX') last('!').numRemoved++;
    else if (e === 'uniqueY') last('!').numInserted++;
    else last('!').numModified++;
  }
  return groups;
}

/** Short equal runs between removals and insertions join them, so that a change prints as one removed and one inserted chunk. */
function coalesceInterveningIdentical(orig: DiffStats[], window: number): DiffStats[] {
  const groups: DiffStats[] = [];
  for (const ds of orig) {
    if (groups.length >= 2 && ds.numDiff() > 0) {
      const prev = groups[groups.length - 2];
      const curr = groups[groups.length - 1];
      const hadX = prev.numRemoved > 0;
      const hadY = prev.numInserted > 0;
      const hasX = ds.numRemoved > 0;
      const hasY = ds.numInserted > 0;
      if ((hadX || hasX) && (hadY || hasY) && curr.numIdentical <= window) {
        groups[groups.length - 2] = prev.append(curr).append(ds);
        groups.pop();
        continue;
      }
    }
    groups.push(ds);
  }
  return groups;
}

/**
 * Equal elements at the edges of a differing group move to the equal groups around it. (go-cmp
 * also means to add a group when there is none before or after, but does so in a deferred call
 * after its result is taken, so that never shows.)
 */
function cleanupSurroundingIdentical(groups: DiffStats[], eq: (ix: number, iy: number) => boolean): DiffStats[] {
  let ix = 0;
  let iy = 0;
  groups.forEach((ds, i) => {
    if (ds.numDiff() === 0) {
      ix += ds.numIdentical;
      iy += ds.numIdentical;
      return;
    }
    let nx = ds.numIdentical + ds.numRemoved + ds.numModified;
    let ny = ds.numIdentical + ds.numInserted + ds.numModified;
    let lead = 0;
    let trail = 0;
    for (let j = 0; j < nx && j < ny && eq(ix + j, iy + j); j++) lead++;
    for (let j = 0; j < nx && j < ny && eq(ix + nx - 1 - j, iy + ny - 1 - j); j++) trail++;
    if (lead + trail > 0) {
      if (lead > 0) {
        if (i - 1 >= 0) groups[i - 1].numIdentical += lead;
        ix += lead;
        iy += lead;
      }
      if (trail > 0 && i + 1 < groups.length) groups[i + 1].numIdentical += trail;
      nx -= lead + trail;
      ny -= lead + trail;
      groups[i] = new DiffStats(ds.name, 0, 0, nx, ny);
    }
    ix += nx;
    iy += ny;
  });
  return groups;
}

/** The whole report, as cmp.Diff returns it: empty when the values are equal. */
export function formatReport(root: ValueNode): TextNode | null {
  if (root.numDiff === 0) return null;
  return formatDiff(ROOT, root);
}
