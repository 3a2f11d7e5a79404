/**
 * xargs: build command lines from standard input (-n, -L, -I {}, -0, -d, -r, -t) and run them
 * through the shell. Exit 123 when a command failed, 124 when one exited 255, 127 when not found.
 */
import type { Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';

const SPECS = [
  withArg('n', 'max-args'),
  withArg('L', 'max-lines'),
  withArg('I', undefined, 'I'),
  optArg('i', 'replace', 'i'),
  flag('0', 'null', '0'),
  withArg('d', 'delimiter'),
  flag('r', 'no-run-if-empty'),
  flag('t', 'verbose'),
  flag('p', 'interactive'),
  withArg('P', 'max-procs'),
  withArg('s', 'max-chars'),
  withArg('E', undefined, 'E'),
  flag('x', 'exit'),
  withArg('a', 'arg-file'),
];

/** Split input the way xargs does by default: blanks separate, quotes and backslashes group. */
export function splitItems(input: string): { items: string[]; error?: string } {
  const items: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (cur !== null) items.push(cur);
      cur = null;
    } else if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      const nl = input.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        return { items, error: `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option` };
      }
      cur = (cur ?? '') + input.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < input.length) {
      cur = (cur ?? '') + input[++i];
    } else cur = (cur ?? '') + c;
  }
  if (cur !== null) items.push(cur);
  return { items };
}

/** Quote a word for the shell so the child sees it unchanged. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A count option (-n, -L) as GNU xargs reads it: a decimal of at least 1, or its error text.
 * Zero would group no arguments per command line, forever.
 */
function countOption(text: string, option: 'n' | 'L'): number | string {
  const tail = `for -${option} option`;
  if (!/^[ \t\n\v\f\r]*[-+]?\d+$/.test(text)) return `xargs: invalid number "${text}" ${tail}\nTry 'xargs --help' for more information.\n`;
  const n = Number(text);
  if (n < 1) return `xargs: value ${text} ${tail} should be >= 1\nTry 'xargs --help' for more information.\n`;
  return n;
}

export const xargs: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { stopAtOperand: true });
  if (typeof args === 'number') return args;
  const counts: Partial<Record<'n' | 'L', number>> = {};
  for (const option of ['n', 'L'] as const) {
    if (!args.has(option)) continue;
    const n = countOption(args.last(option)!, option);
    if (typeof n === 'string') {
      ctx.stderr.write(n);
      return 1;
    }
    counts[option] = n;
  }
  const command = args.operands.length ? args.operands : ['echo'];
  const input = await ctx.stdin.readAll();
  const replace = args.last('I') ?? (args.has('i') ? args.last('i') || '{}' : undefined);
  let items: string[];
  let lineGroups: string[][] | null = null;
  if (args.has('0') || args.has('d')) {
    const d = args.has('0') ? '\0' : (args.last('d') ?? '\n').replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
    items = input.split(d);
    if (items[items.length - 1] === '') items.pop();
  } else if (replace !== undefined) {
    items = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
  } else {
    const r = splitItems(input);
    if (r.error) {
      ctx.stderr.write(`xargs: ${r.error}\n`);
      items = r.items;
      if (!items.length) return 1;
    } else items = r.items;
    if (args.has('L')) {
      const perLine = input.split('\n').map((l) => splitItems(l).items).filter((g) => g.length);
      const n = counts.L!;
      lineGroups = [];
      for (let i = 0; i < perLine.length; i += n) lineGroups.push(perLine.slice(i, i + n).flat());
    }
  }
  const maxArgs = counts.n;
  let batches: string[][];
  if (replace !== undefined) batches = items.map((i) => [i]);
  else if (lineGroups) batches = lineGroups;
  else if (maxArgs) {
    batches = [];
    for (let i = 0; i < items.length; i += maxArgs) batches.push(items.slice(i, i + maxArgs));
  } else batches = [items];
  if (items.length === 0) {
    if (args.has('r') || replace !== undefined) return 0;
    batches = [[]];
  }
  let status = 0;
  for (const batch of batches) {
    if (ctx.signal.aborted) return 130;
    const words = replace !== undefined ? command.map((w) => w.split(replace).join(batch[0])) : [...command, ...batch];
    if (args.has('t')) ctx.stderr.write(words.join(' ') + '\n');
    if (!ctx.spawn) return 127;
    const code = await ctx.spawn(words.map(shellQuote).join(' '));
    if (code === 255) {
      ctx.stderr.write(`xargs: ${command[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code === 127 || code === 126) return code;
    if (code !== 0) status = 123;
  }
  return status;
};
