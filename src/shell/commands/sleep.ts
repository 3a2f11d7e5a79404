/** sleep: wait on the simulated clock (N[smhd], several operands add up); Ctrl-C ends it with 130. */
import type { Program } from '../command';
import { lq } from './lib/io';
import { parseArgs } from './lib/args';

const FACTOR: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(s: string): number | null {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return s === 'inf' || s === 'infinity' ? Infinity : null;
  return Number(m[1]) * FACTOR[m[2]] * 1000;
}

export const sleep: Program = async (ctx) => {
  // sleep takes no options but --help and --version (parse_gnu_standard_options_only): `-1` is an invalid option.
  const args = parseArgs(ctx, []);
  if (typeof args === 'number') return args;
  const ops = args.operands;
  const usage = (msg: string) => {
    ctx.stderr.write(`sleep: ${msg}\nTry 'sleep --help' for more information.\n`);
    return 1;
  };
  if (!ops.length) return usage('missing operand');
  let total = 0;
  for (const o of ops) {
    const ms = parseDuration(o);
    if (ms === null) return usage(`invalid time interval ${lq(o)}`);
    total += ms;
  }
  if (total === Infinity) {
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    return 130;
  }
  await ctx.clock.sleep(total, ctx.signal);
  return ctx.signal.aborted ? 130 : 0;
};
