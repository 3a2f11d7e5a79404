/** seq: print a sequence of numbers; -s separator, -w equal width, -f format. */
import type { Program } from '../command';
import { parseArgs, withArg, flag } from './lib/args';
import { formatString } from './lib/format';
import { lq } from './lib/io';
import { TimeSlice } from '../exec/time-slice';

const SPECS = [withArg('s', 'separator'), flag('w', 'equal-width'), withArg('f', 'format')];

function decimals(s: string): number {
  const m = /\.(\d*)/.exec(s);
  return m && !/e/i.test(s) ? m[1].length : 0;
}

export const seq: Program = async (ctx) => {
  // Negative numbers are operands, not options: only leading option-looking words are options.
  const argv = ctx.argv.slice(1);
  const optArgs: string[] = [];
  const ops: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (ops.length === 0 && /^-[swf]/.test(a)) {
      optArgs.push(a);
      if ((a === '-s' || a === '-f') && i + 1 < argv.length) optArgs.push(argv[++i]);
    } else if (ops.length === 0 && a.startsWith('--')) optArgs.push(a);
    else if (ops.length === 0 && /^-[^0-9.]/.test(a)) optArgs.push(a);
    else ops.push(a);
  }
  const args = parseArgs({ ...ctx, argv: [ctx.argv[0], ...optArgs] }, SPECS);
  if (typeof args === 'number') return args;
  const name = ctx.argv[0];
  const usage = (msg: string) => {
    ctx.stderr.write(`${name}: ${msg}\nTry '${name} --help' for more information.\n`);
    return 1;
  };
  if (ops.length === 0) return usage('missing operand');
  if (ops.length > 3) return usage(`extra operand ${lq(ops[3])}`);
  for (const o of ops) if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(o.trim())) return usage(`invalid floating point argument: ${lq(o)}`);
  const [firstS, stepS, lastS] = ops.length === 1 ? ['1', '1', ops[0]] : ops.length === 2 ? [ops[0], '1', ops[1]] : ops;
  const first = Number(firstS);
  const step = Number(stepS);
  const last = Number(lastS);
  if (step === 0) return usage(`invalid Zero increment value: ${lq(stepS)}`);
  const sep = args.last('s') ?? '\n';
  const prec = Math.max(decimals(firstS), decimals(stepS));
  const fmt = args.last('f');
  const render = (v: number) => (fmt ? formatString(fmt, [{ num: () => v, str: () => String(v) }]).text : v.toFixed(prec));
  // GNU pads to the wider end: the sequence is monotonic, so no value is wider than both ends.
  const width = args.has('w') ? Math.max(render(first).length, render(last).length) : 0;
  const pad = (text: string) => {
    if (!width) return text;
    const neg = text.startsWith('-');
    return (neg ? '-' : '') + text.slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
  };
  // Whole numbers without a format or padding print as JavaScript prints them (the common, fast case).
  const plain = !fmt && !width && prec === 0 && Number.isSafeInteger(first) && Number.isSafeInteger(step) && Math.abs(last) < Number.MAX_SAFE_INTEGER;
  const text = plain ? String : (v: number) => pad(render(v));
  // Streamed a chunk at a time at the reader's pace: `seq 100000000 | wc -l` holds a pipe's worth.
  const slice = new TimeSlice(ctx.signal, { checkEvery: 4 });
  let chunk = '';
  let any = false;
  for (let i = 0; ; i++) {
    const v = first + i * step;
    if (step > 0 ? v > last + 1e-10 : v < last - 1e-10) break;
    chunk += (any ? sep : '') + text(v);
    any = true;
    if (chunk.length < CHUNK) continue;
    ctx.stdout.write(chunk);
    chunk = '';
    const full = ctx.stdout.drain?.();
    if (full) await full;
    const turn = slice.step();
    if (turn && (await turn)) return 130;
  }
  if (any) ctx.stdout.write(chunk + '\n');
  return 0;
};

/** How much seq writes at once (coreutils writes through a BUFSIZ buffer). */
const CHUNK = 8192;
