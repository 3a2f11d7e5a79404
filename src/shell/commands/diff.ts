/**
 * diff (GNU diffutils): normal and unified (-u, -U N) output, -q, -i, -w, -b, -B not required.
 * Exit 0 when the files are the same, 1 when they differ, 2 on trouble.
 */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg, optArg } from './lib/args';
import { errorText } from './lib/io';
import { diffLines, type Edit } from './lib/lcs';

const SPECS = [
  flag('u', undefined, 'u'),
  withArg('U', 'unified'),
  flag('q', 'brief'),
  flag('s', 'report-identical-files'),
  flag('i', 'ignore-case'),
  flag('w', 'ignore-all-space'),
  flag('b', 'ignore-space-change'),
  flag('B', 'ignore-blank-lines'),
  flag('N', 'new-file'),
  flag('r', 'recursive'),
  flag('a', 'text'),
  optArg(undefined, 'color'),
  withArg(undefined, 'label'),
  // Exclusions apply to the files found in directories, never to the operands themselves: with the
  // file operands this diff compares they change nothing.
  withArg('x', 'exclude'),
  withArg('X', 'exclude-from'),
];

interface Side {
  name: string;
  label: string;
  lines: string[];
  noNewline: boolean;
  mtimeMs: number;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start + 1) : count === 0 ? String(start) : `${start + 1},${start + count}`;
}

function unifiedRange(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? String(start + 1) : `${start + 1},${count}`;
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Group the edit script into change hunks [a0,a1) x [b0,b1). */
function changes(edits: Edit[]): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < edits.length) {
    if (edits[i].kind === 'same') {
      i++;
      continue;
    }
    const a0 = edits[i].a;
    const b0 = edits[i].b;
    let a1 = a0;
    let b1 = b0;
    while (i < edits.length && edits[i].kind !== 'same') {
      if (edits[i].kind === 'del') a1 = edits[i].a + 1;
      else b1 = edits[i].b + 1;
      i++;
    }
    hunks.push({ a0, a1: Math.max(a0, a1), b0, b1: Math.max(b0, b1) });
  }
  return hunks;
}

function line(side: Side, i: number, prefix: string): string {
  const last = i === side.lines.length - 1 && side.noNewline;
  return `${prefix}${side.lines[i]}\n${last ? '\\ No newline at end of file\n' : ''}`;
}

function normal(a: Side, b: Side, hunks: Hunk[]): string {
  let out = '';
  for (const h of hunks) {
    const da = h.a1 - h.a0;
    const db = h.b1 - h.b0;
    if (da && db) out += `${range(h.a0, da)}c${range(h.b0, db)}\n`;
    else if (da) out += `${range(h.a0, da)}d${h.b0}\n`;
    else out += `${h.a0}a${range(h.b0, db)}\n`;
    for (let i = h.a0; i < h.a1; i++) out += line(a, i, '< ');
    if (da && db) out += '---\n';
    for (let i = h.b0; i < h.b1; i++) out += line(b, i, '> ');
  }
  return out;
}

function unified(a: Side, b: Side, hunks: Hunk[], ctxLines: number): string {
  let out = `--- ${a.label}\t${stamp(a.mtimeMs)}\n+++ ${b.label}\t${stamp(b.mtimeMs)}\n`;
  let i = 0;
  while (i < hunks.length) {
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1].a0 - hunks[j].a1 <= 2 * ctxLines) j++;
    const first = hunks[i];
    const last = hunks[j];
    const a0 = Math.max(0, first.a0 - ctxLines);
    const a1 = Math.min(a.lines.length, last.a1 + ctxLines);
    const b0 = Math.max(0, first.b0 - ctxLines);
    const b1 = Math.min(b.lines.length, last.b1 + ctxLines);
    out += `@@ -${unifiedRange(a0, a1 - a0)} +${unifiedRange(b0, b1 - b0)} @@\n`;
    let ai = a0;
    let bi = b0;
    for (let k = i; k <= j; k++) {
      const h = hunks[k];
      while (ai < h.a0) {
        out += line(a, ai, ' ');
        ai++;
        bi++;
      }
      for (; ai < h.a1; ai++) out += line(a, ai, '-');
      for (; bi < h.b1; bi++) out += line(b, bi, '+');
    }
    while (ai < a1) {
      out += line(a, ai, ' ');
      ai++;
    }
    i = j + 1;
  }
  return out;
}

async function load(ctx: CommandContext, name: string, label: string | undefined): Promise<Side | string> {
  let text: string;
  let mtimeMs = ctx.clock.now();
  if (name === '-') text = await ctx.stdin.readAll();
  else {
    try {
      const st = ctx.fs.stat(name);
      if (st?.type === 'dir') return `${name}: Is a directory`;
      text = ctx.fs.readFile(name);
      mtimeMs = st?.mtimeMs ?? mtimeMs;
    } catch (e) {
      return `${name}: ${errorText(e)}`;
    }
  }
  const noNewline = text !== '' && !text.endsWith('\n');
  const lines = text === '' ? [] : (noNewline ? text : text.slice(0, -1)).split('\n');
  return { name, label: label ?? name, lines, noNewline, mtimeMs };
}

export const diff: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { usageStatus: 2, tryLine: `diff: Try 'diff --help' for more information.` });
  if (typeof args === 'number') return args;
  const ops = args.operands;
  if (ops.length < 2) {
    ctx.stderr.write(`diff: missing operand after '${ops[0] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  }
  if (ops.length > 2) {
    ctx.stderr.write(`diff: extra operand '${ops[2]}'\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  }
  const labels = args.all('label');
  const a = await load(ctx, ops[0], labels[0]);
  const b = await load(ctx, ops[1], labels[1]);
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string') ctx.stderr.write(`diff: ${a}\n`);
    if (typeof b === 'string') ctx.stderr.write(`diff: ${b}\n`);
    return 2;
  }
  const norm = (s: string) => {
    let t = s;
    if (args.has('i')) t = t.toLowerCase();
    if (args.has('w')) t = t.replace(/[ \t]+/g, '');
    else if (args.has('b')) t = t.replace(/[ \t]+/g, ' ').replace(/ $/, '');
    return t;
  };
  const plain = !args.has('i') && !args.has('w') && !args.has('b');
  // The last lines differ when exactly one of them lacks its newline.
  const aKeys = a.lines.map((l, i) => (plain ? l : norm(l)) + (i === a.lines.length - 1 && a.noNewline ? '\u0000' : ''));
  const bKeys = b.lines.map((l, i) => (plain ? l : norm(l)) + (i === b.lines.length - 1 && b.noNewline ? '\u0000' : ''));
  const hunks = changes(diffLines(aKeys, bKeys));
  if (!hunks.length) {
    if (args.has('s')) ctx.stdout.write(`Files ${a.name} and ${b.name} are identical\n`);
    return 0;
  }
  if (args.has('q')) {
    ctx.stdout.write(`Files ${a.name} and ${b.name} differ\n`);
    return 1;
  }
  const uni = args.has('u') || args.has('U');
  ctx.stdout.write(uni ? unified(a, b, hunks, Number(args.last('U') ?? 3)) : normal(a, b, hunks));
  return 1;
};
