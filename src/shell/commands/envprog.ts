/** env (print the environment or run a command with changes: -i, -u NAME, NAME=VALUE) and printenv. */
import type { Program } from '../command';
import { shellQuote } from './xargs';

export const env: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let vars: Record<string, string> = { ...ctx.env };
  let i = 0;
  let nul = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i' || a === '--ignore-environment' || a === '-') vars = {};
    else if (a === '-0' || a === '--null') nul = true;
    else if (a === '-u' || a === '--unset') delete vars[argv[++i] ?? ''];
    else if (a.startsWith('-u')) delete vars[a.slice(2)];
    else if (a.startsWith('--unset=')) delete vars[a.slice(8)];
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr.write(`env: invalid option -- '${a[1]}'\nTry 'env --help' for more information.\n`);
      return 125;
    } else break;
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
  const names = ctx.argv.slice(1).filter((a) => a !== '-0' && a !== '--null');
  const nul = ctx.argv.includes('-0') || ctx.argv.includes('--null');
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
