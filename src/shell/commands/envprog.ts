/** env (print the environment or run a command with changes: -i, -u NAME, NAME=VALUE) and printenv. */
import type { Program } from '../command';
import { shellQuote } from './xargs';
import { flag, parseArgs, withArg } from './lib/args';

/** env's options (coreutils 8.32 env.c shortopts "+C:ipu:0S:v"): -i and -u act in the order given. */
const ENV_SPECS = [flag('i', 'ignore-environment'), flag('0', 'null'), withArg('u', 'unset'), withArg('C', 'chdir'), flag('v', 'debug'), withArg('S', 'split-string')];
const PRINTENV_SPECS = [flag('0', 'null')];

export const env: Program = async (ctx) => {
  const args = parseArgs(ctx, ENV_SPECS, { stopAtOperand: true, usageStatus: 125 });
  if (typeof args === 'number') return args;
  let vars: Record<string, string> = { ...ctx.env };
  for (const { key, value } of args.order) {
    if (key === 'i') vars = {};
    else if (key === 'u') delete vars[value];
  }
  const nul = args.has('0');
  const argv = args.operands;
  let i = 0;
  // A lone "-" after the options is -i (env.c).
  if (argv[0] === '-') {
    vars = {};
    i = 1;
  }
  for (; i < argv.length && /^[^=]+=/.test(argv[i]); i++) {
    const eq = argv[i].indexOf('=');
    vars[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
  }
  if (i >= argv.length) {
    ctx.stdout.write(Object.entries(vars).map(([k, v]) => `${k}=${v}${nul ? '\0' : '\n'}`).join(''));
    return 0;
  }
  if (!ctx.spawn) return 126;
  const code = await ctx.spawn(argv.slice(i).map(shellQuote).join(' '), { env: vars });
  if (code === 127) return 127;
  return code;
};

export const printenv: Program = async (ctx) => {
  const args = parseArgs(ctx, PRINTENV_SPECS, { usageStatus: 2 });
  if (typeof args === 'number') return args;
  const names = args.operands;
  const nul = args.has('0');
  const end = nul ? '\0' : '\n';
  if (!names.length) {
    ctx.stdout.write(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}${end}`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    if (n in ctx.env) ctx.stdout.write(ctx.env[n] + end);
    else status = 1;
  }
  return status;
};
