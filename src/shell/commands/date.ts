/** date: print the simulated time (UTC) in the default or a +FORMAT; -u, -d STRING, -I, -R, --rfc-3339, -r FILE. */
import type { Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';
import { lq } from './lib/io';
import { parseDate, strftime } from './lib/time';

const SPECS = [flag('u', 'utc'), flag(undefined, 'universal', 'u'), withArg('d', 'date'), optArg('I', 'iso-8601'), flag('R', 'rfc-email'), withArg(undefined, 'rfc-3339'), withArg('r', 'reference'), withArg('s', 'set'), flag(undefined, 'rfc-822', 'R'), flag(undefined, 'rfc-2822', 'R'), flag(undefined, 'uct', 'u')];

export const date: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  let ms = ctx.clock.now();
  const d = args.last('d');
  if (d !== undefined) {
    const t = parseDate(d, ms);
    if (t === null) {
      ctx.stderr.write(`date: invalid date ${lq(d)}\n`);
      return 1;
    }
    ms = t;
  }
  const r = args.last('r');
  if (r !== undefined) {
    const st = ctx.fs.stat(r);
    if (!st) {
      ctx.stderr.write(`date: ${r}: No such file or directory\n`);
      return 1;
    }
    ms = st.mtimeMs;
  }
  if (args.has('s')) {
    ctx.stderr.write(`date: cannot set date: Operation not permitted\n`);
    return 1;
  }
  const formats = args.operands.filter((o) => o.startsWith('+'));
  const others = args.operands.filter((o) => !o.startsWith('+'));
  if (others.length && (d !== undefined || r !== undefined)) {
    ctx.stderr.write(`date: the argument ${lq(others[0])} lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\nTry 'date --help' for more information.\n`);
    return 1;
  }
  if (others.length || formats.length > 1) {
    const extra = formats.length > 1 ? formats[1] : others[0];
    ctx.stderr.write(`date: extra operand ${lq(extra)}\nTry 'date --help' for more information.\n`);
    return 1;
  }
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (formats.length) fmt = formats[0].slice(1);
  else if (args.has('I')) {
    const kind = args.last('I') || 'date';
    fmt = kind.startsWith('h') ? '%Y-%m-%dT%H%:z' : kind.startsWith('m') ? '%Y-%m-%dT%H:%M%:z' : kind.startsWith('s') ? '%Y-%m-%dT%H:%M:%S%:z' : kind.startsWith('n') ? '%Y-%m-%dT%H:%M:%S,%N%:z' : '%Y-%m-%d';
  } else if (args.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  else if (args.has('rfc-3339')) {
    const kind = args.last('rfc-3339')!;
    fmt = kind === 'date' ? '%Y-%m-%d' : kind === 'ns' ? '%Y-%m-%d %H:%M:%S.%N%:z' : '%Y-%m-%d %H:%M:%S%:z';
  }
  ctx.stdout.write(strftime(fmt, ms) + '\n');
  return 0;
};
