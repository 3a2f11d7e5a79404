/** Small coreutils and friends: mktemp, expr, sync, arch, lsb_release, nohup. */
import type { Program } from '../command';
import { flag, parseArgs, parseLongOptionsOnly, withArg } from './lib/args';
import { errorText, lq } from './lib/io';
import { shellQuote } from './xargs';
import { StringOutput } from './lib/streams';
import { searchPath } from '../exec/path-search';
import { gnuRelease } from './gnu-help/texts';

const TEMPLATE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
let tempCounter = 0;

export const mktemp: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('d', 'directory'), flag('u', 'dry-run'), flag('q', 'quiet'), withArg('p', 'tmpdir'), flag('t', undefined, 't'), withArg(undefined, 'suffix')]);
  if (typeof args === 'number') return args;
  const template = args.operands[0] ?? 'tmp.XXXXXXXXXX';
  const m = /X{3,}(?=[^X]*$)/.exec(template);
  if (!m) {
    ctx.stderr.write(`mktemp: too few X's in template ${lq(template)}\n`);
    return 1;
  }
  const dir = args.last('p') ?? (args.operands.length && !args.has('t') ? '' : ctx.env.TMPDIR || '/tmp');
  for (let attempt = 0; attempt < 100; attempt++) {
    let seed = ctx.clock.now() + ++tempCounter * 7919 + attempt;
    let rand = '';
    for (let i = 0; i < m[0].length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      rand += TEMPLATE_CHARS[seed % TEMPLATE_CHARS.length];
    }
    const name = template.slice(0, m.index) + rand + template.slice(m.index + m[0].length) + (args.last('suffix') ?? '');
    const path = dir ? `${dir.replace(/\/$/, '')}/${name}` : name;
    if (ctx.fs.lstat(path)) continue;
    try {
      if (!args.has('u')) {
        if (args.has('d')) ctx.fs.mkdir(path, { mode: 0o700 });
        else ctx.fs.writeFile(path, '', { mode: 0o600 });
      }
      ctx.stdout.write(path + '\n');
      return 0;
    } catch (e) {
      if (!args.has('q')) ctx.stderr.write(`mktemp: failed to create ${args.has('d') ? 'directory' : 'file'} via template ${lq(path.replace(rand, m[0]))}: ${errorText(e)}\n`);
      return 1;
    }
  }
  return 1;
};

/** expr: arithmetic, comparison, length, substr, index, match and `:` on integers and strings. */
export const expr: Program = async (ctx) => {
  const answered = parseLongOptionsOnly(ctx);
  if (answered !== undefined) return answered;
  // With no getopt of its own, expr drops a leading "--" itself (expr.c).
  const toks = ctx.argv[1] === '--' ? ctx.argv.slice(2) : ctx.argv.slice(1);
  let i = 0;
  class ExprError extends Error {}
  const isInt = (s: string) => /^[-+]?\d+$/.test(s);
  const num = (s: string) => {
    if (!isInt(s)) throw new ExprError('non-integer argument');
    return BigInt(s);
  };
  const primary = (): string => {
    const t = toks[i++];
    if (t === undefined) throw new ExprError('syntax error: missing argument after ' + lq(toks[i - 2] ?? ''));
    if (t === '(') {
      const v = orExpr();
      if (toks[i++] !== ')') throw new ExprError("syntax error: expecting ')'");
      return v;
    }
    if (t === 'length') return String([...primary()].length);
    if (t === 'substr') {
      const s = primary();
      const p = Number(primary());
      const l = Number(primary());
      return p < 1 || l < 1 ? '' : [...s].slice(p - 1, p - 1 + l).join('');
    }
    if (t === 'index') {
      const s = primary();
      const chars = primary();
      const idx = [...s].findIndex((c) => chars.includes(c));
      return String(idx + 1);
    }
    if (t === 'match') return matchOp(primary(), primary());
    if (t === '+') return toks[i++] ?? '';
    return t;
  };
  const matchOp = (s: string, re: string): string => {
    const m = new RegExp('^(?:' + re.replace(/\\\(/g, '(').replace(/\\\)/g, ')') + ')').exec(s);
    if (!m) return /\\\(/.test(re) ? '' : '0';
    return m[1] !== undefined ? m[1] : String(m[0].length);
  };
  const colon = (): string => {
    let a = primary();
    while (toks[i] === ':') {
      i++;
      a = matchOp(a, primary());
    }
    return a;
  };
  const mul = (): string => {
    let a = colon();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const b = colon();
      const x = num(a);
      const y = num(b);
      if (op !== '*' && y === 0n) throw new ExprError('division by zero');
      a = String(op === '*' ? x * y : op === '/' ? x / y : x % y);
    }
    return a;
  };
  const add = (): string => {
    let a = mul();
    while (toks[i] === '+' || toks[i] === '-') {
      const op = toks[i++];
      const b = mul();
      a = String(op === '+' ? num(a) + num(b) : num(a) - num(b));
    }
    return a;
  };
  const cmp = (): string => {
    let a = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(toks[i])) {
      const op = toks[i++];
      const b = add();
      const c = isInt(a) && isInt(b) ? Number(BigInt(a) - BigInt(b)) : a < b ? -1 : a > b ? 1 : 0;
      const r = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>=' ? c >= 0 : c > 0;
      a = r ? '1' : '0';
    }
    return a;
  };
  const andExpr = (): string => {
    let a = cmp();
    while (toks[i] === '&') {
      i++;
      const b = cmp();
      a = a !== '' && a !== '0' && b !== '' && b !== '0' ? a : '0';
    }
    return a;
  };
  const orExpr = (): string => {
    let a = andExpr();
    while (toks[i] === '|') {
      i++;
      const b = andExpr();
      a = a !== '' && a !== '0' ? a : b !== '' && b !== '0' ? b : '0';
    }
    return a;
  };
  try {
    if (!toks.length) throw new ExprError('missing operand');
    const v = orExpr();
    if (i < toks.length) throw new ExprError(`syntax error: unexpected argument ${lq(toks[i])}`);
    ctx.stdout.write(v + '\n');
    return v === '' || v === '0' || v === '-0' ? 1 : 0;
  } catch (e) {
    if (e instanceof ExprError) {
      ctx.stderr.write(`expr: ${e.message}\n${e.message === 'missing operand' ? "Try 'expr --help' for more information.\n" : ''}`);
      return 2;
    }
    throw e;
  }
};

/** sync: nothing to flush in a simulated machine; its options still parse as coreutils' do. */
export const sync: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('d', 'data'), flag('f', 'file-system')]);
  return typeof args === 'number' ? args : 0;
};

export const arch: Program = async (ctx) => {
  // busybox's arch reads no options at all.
  const args = gnuRelease(ctx) ? parseArgs(ctx, []) : undefined;
  if (typeof args === 'number') return args;
  if (args?.operands.length) {
    ctx.stderr.write(`arch: extra operand ${lq(args.operands[0])}\nTry 'arch --help' for more information.\n`);
    return 1;
  }
  ctx.stdout.write('x86_64\n');
  return 0;
};

export const lsbRelease: Program = async (ctx) => {
  const a = ctx.argv.slice(1).join('');
  const all = a.includes('a') || a === '';
  const short = a.includes('s');
  const fields: [string, string, string][] = [
    ['i', 'Distributor ID', 'Ubuntu'],
    ['d', 'Description', 'Ubuntu 22.04.5 LTS'],
    ['r', 'Release', '22.04'],
    ['c', 'Codename', 'jammy'],
  ];
  ctx.stderr.write('No LSB modules are available.\n');
  let out = '';
  for (const [k, label, value] of fields) {
    if (!(all && a !== '' ? true : a.includes(k)) && !(a === '' && k === 'v')) continue;
    out += short ? `${value}\n` : `${label}:\t${value}\n`;
  }
  if (a === '') out = 'LSB Version:\tcore-11.1.0ubuntu4-noarch:security-11.1.0ubuntu4-noarch\n';
  ctx.stdout.write(out);
  return 0;
};

export const nohup: Program = async (ctx) => {
  // nohup reads --help and --version up to its command (getopt "+"), and fails with 125 as its usage errors do.
  // busybox's nohup reads no options: its first word is the command.
  const args = gnuRelease(ctx) ? parseArgs(ctx, [], { stopAtOperand: true, usageStatus: 125 }) : undefined;
  if (typeof args === 'number') return args;
  const words = args?.operands ?? ctx.argv.slice(1);
  if (!words.length) {
    ctx.stderr.write(`nohup: missing operand\nTry 'nohup --help' for more information.\n`);
    return 125;
  }
  if (!ctx.spawn) return 126;
  // nohup execs its command: a program not on PATH fails in nohup's words (EXIT_ENOENT).
  if (!words[0].includes('/') && !searchPath(words[0], ctx.env.PATH ?? '', (p) => ctx.fs.stat(p)?.type === 'file')) {
    ctx.stderr.write(`nohup: failed to run command '${words[0]}': No such file or directory\n`);
    return 127;
  }
  if (ctx.isTTY) {
    ctx.stderr.write(`nohup: ignoring input and appending output to 'nohup.out'\n`);
    const out = new StringOutput();
    const code = await ctx.spawn(words.map(shellQuote).join(' '), { stdout: out });
    ctx.fs.writeFile('nohup.out', out.text, { append: true });
    return code;
  }
  return ctx.spawn(words.map(shellQuote).join(' '));
};
