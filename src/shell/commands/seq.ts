/** seq: print a sequence of numbers; -s separator, -w equal width, -f format. */
import type { Program } from '../command';
import { parseArgs, withArg, flag } from './lib/args';
import { formatString } from './lib/format';
import { lq } from './lib/io';

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
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const v = first + i * step;
    if (step > 0 ? v > last + 1e-10 : v < last - 1e-10) break;
    values.push(render(v));
    if (values.length > 1_000_000) break;
  }
  if (args.has('w')) {
    const width = Math.max(...values.map((v) => v.length), render(last).length);
    for (let i = 0; i < values.length; i++) {
      const neg = values[i].startsWith('-');
      values[i] = (neg ? '-' : '') + values[i].slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
    }
  }
  if (values.length) ctx.stdout.write(values.join(sep) + '\n');
  return 0;
};
