/**
 * find (GNU findutils): paths, then an expression of tests (-name -iname -path -type -size -perm
 * -newer -mtime -mmin -empty -user -group -regex), actions (-print -print0 -printf -delete
 * -exec … {} \; / + -prune -quit) and operators (! -not -a -o , ( )), with -maxdepth/-mindepth.
 */
import { gnuTextsOf, helpText, loadGnuTexts, versionText } from './gnu-help/texts';
import type { CommandContext, FileStat, Program } from '../command';
import { errorText, lq } from './lib/io';
import { globToRegExp, joinPath } from './lib/walk';
import { applyMode } from './lib/mode';
import { groupName, userName } from './lib/users';
import { shellQuote } from './xargs';
import { compileRegex } from './lib/regex';

interface Item {
  path: string;
  st: FileStat;
  depth: number;
}

type Node =
  | { k: 'and' | 'or' | 'comma'; a: Node; b: Node }
  | { k: 'not'; e: Node }
  | { k: 'test'; fn: (it: Item) => boolean }
  | { k: 'action'; fn: (it: Item) => Promise<boolean> | boolean }
  | { k: 'true' };

class FindError extends Error {}

/** -help and -version (with one dash or two) are predicates of find's own parser: they print and end find with 0. */
class FindAnswer extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

const TYPE_CHARS: Record<string, FileStat['type']> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev' };

function sizeTest(spec: string): ((st: FileStat) => boolean) | null {
  const m = /^([-+]?)(\d+)([cwbkMG]?)$/.exec(spec);
  if (!m) return null;
  const unit = { c: 1, w: 2, b: 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3, '': 512 }[m[3] as 'c'];
  const n = Number(m[2]);
  return (st) => {
    const units = Math.ceil(st.size / unit);
    return m[1] === '+' ? units > n : m[1] === '-' ? units < n : units === n;
  };
}

function numTest(spec: string, value: number): boolean {
  const n = Number(spec.replace(/^[-+]/, ''));
  return spec.startsWith('+') ? value > n : spec.startsWith('-') ? value < n : value === n;
}

export const find: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  if (argv.some((a) => /^--?(help|version)$/.test(a))) await loadGnuTexts(ctx);
  let i = 0;
  const paths: string[] = [];
  const opts = { maxdepth: Infinity, mindepth: 0, depthFirst: false };
  while (i < argv.length && !argv[i].startsWith('-') && argv[i] !== '(' && argv[i] !== '!') paths.push(argv[i++]);
  if (!paths.length) paths.push('.');
  let hasAction = false;
  let quit = false;
  let status = 0;
  const pendingBatches: { words: string[]; items: string[] }[] = [];
  let out = '';
  const flush = () => {
    if (out) ctx.stdout.write(out);
    out = '';
  };

  const need = (name: string): string => {
    if (i >= argv.length) throw new FindError(`missing argument to \`${name}'`);
    return argv[i++];
  };

  const primary = (): Node => {
    const tok = argv[i++];
    switch (tok) {
      case '(': {
        const e = orExpr();
        if (argv[i] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        i++;
        return e;
      }
      case '!':
      case '-not':
        return { k: 'not', e: primary() };
      case '-name':
      case '-iname': {
        const re = globToRegExp(need(tok), tok === '-iname');
        return { k: 'test', fn: (it) => re.test(it.path === '/' ? '/' : it.path.replace(/\/+$/, '').split('/').pop()!) };
      }
      case '-path':
      case '-ipath':
      case '-wholename': {
        const re = globToRegExp(need(tok), tok === '-ipath');
        return { k: 'test', fn: (it) => re.test(it.path) };
      }
      case '-regex':
      case '-iregex': {
        const src = need(tok);
        const re = compileRegex(src, { extended: false, ignoreCase: tok === '-iregex' });
        const full = new RegExp(`^(?:${re.source})$`, re.flags);
        return { k: 'test', fn: (it) => full.test(it.path) };
      }
      case '-type': {
        const t = need(tok);
        const types = t.split(',').map((c) => TYPE_CHARS[c]);
        if (types.some((x) => !x)) throw new FindError(`Unknown argument to -type: ${t}`);
        return { k: 'test', fn: (it) => types.includes(it.st.type) };
      }
      case '-size': {
        const s = need(tok);
        const fn = sizeTest(s);
        if (!fn) throw new FindError(`invalid -size type \`${s.replace(/^[-+]?\d+/, '')}'`);
        return { k: 'test', fn: (it) => fn(it.st) };
      }
      case '-empty':
        return { k: 'test', fn: (it) => (it.st.type === 'dir' ? ctx.fs.readdir(it.path).length === 0 : it.st.type === 'file' && it.st.size === 0) };
      case '-perm': {
        const spec = need(tok);
        const kind = spec[0] === '-' || spec[0] === '/' ? spec[0] : '=';
        const mode = applyMode(kind === '=' ? spec : spec.slice(1), 0, false, 0);
        if (mode === null) throw new FindError(`invalid mode ${lq(spec)}`);
        return { k: 'test', fn: (it) => (kind === '-' ? (it.st.mode & mode) === mode : kind === '/' ? mode === 0 || (it.st.mode & mode) !== 0 : (it.st.mode & 0o7777) === mode) };
      }
      case '-newer': {
        const ref = need(tok);
        const st = ctx.fs.stat(ref);
        if (!st) throw new FindError(`‘${ref}’: No such file or directory`);
        return { k: 'test', fn: (it) => it.st.mtimeMs > st.mtimeMs };
      }
      case '-mtime':
      case '-mmin': {
        const spec = need(tok);
        const unit = tok === '-mtime' ? 86400000 : 60000;
        return { k: 'test', fn: (it) => numTest(spec, Math.floor((ctx.clock.now() - it.st.mtimeMs) / unit)) };
      }
      case '-user': {
        const u = need(tok);
        return { k: 'test', fn: (it) => userName(ctx, it.st.uid) === u || String(it.st.uid) === u };
      }
      case '-group': {
        const g = need(tok);
        return { k: 'test', fn: (it) => groupName(ctx, it.st.gid) === g || String(it.st.gid) === g };
      }
      case '-maxdepth':
      case '-mindepth': {
        const v = need(tok);
        if (!/^\d+$/.test(v)) throw new FindError(`Expected a positive decimal integer argument to ${tok}, but got ${lq(v)}`);
        opts[tok === '-maxdepth' ? 'maxdepth' : 'mindepth'] = Number(v);
        return { k: 'true' };
      }
      case '-depth':
        opts.depthFirst = true;
        return { k: 'true' };
      case '-xdev':
      case '-mount':
      case '-follow':
      case '-noleaf':
        return { k: 'true' };
      case '-true':
        return { k: 'true' };
      case '-false':
        return { k: 'test', fn: () => false };
      case '-print':
        hasAction = true;
        return { k: 'action', fn: (it) => ((out += it.path + '\n'), true) };
      case '-print0':
        hasAction = true;
        return { k: 'action', fn: (it) => ((out += it.path + '\0'), true) };
      case '-printf': {
        hasAction = true;
        const fmt = need(tok);
        return { k: 'action', fn: (it) => ((out += printfFormat(ctx, fmt, it)), true) };
      }
      case '-ls':
        hasAction = true;
        return { k: 'action', fn: (it) => ((out += `${it.path}\n`), true) };
      case '-prune':
        return { k: 'action', fn: (it) => ((pruned.add(it.path), true)) };
      case '-quit':
        return { k: 'action', fn: () => ((quit = true), true) };
      case '-delete':
        hasAction = true;
        opts.depthFirst = true;
        return {
          k: 'action',
          fn: (it) => {
            try {
              if (it.st.type === 'dir' && ctx.fs.readdir(it.path).length) throw new Error('Directory not empty');
              ctx.fs.remove(it.path);
              return true;
            } catch (e) {
              flush();
              ctx.stderr.write(`find: cannot delete ${lq(it.path)}: ${errorText(e)}\n`);
              status = 1;
              return false;
            }
          },
        };
      case '-exec':
      case '-execdir':
      case '-ok': {
        hasAction = true;
        const words: string[] = [];
        while (i < argv.length && argv[i] !== ';' && !(argv[i] === '+' && words[words.length - 1] === '{}')) words.push(argv[i++]);
        if (i >= argv.length || words.length === 0) throw new FindError(`missing argument to \`${tok}'`);
        const plus = argv[i++] === '+';
        if (plus) {
          const batch = { words: words.slice(0, -1), items: [] as string[] };
          pendingBatches.push(batch);
          return { k: 'action', fn: (it) => (batch.items.push(it.path), true) };
        }
        return {
          k: 'action',
          fn: async (it) => {
            flush();
            if (!ctx.spawn) return false;
            const line = words.map((w) => shellQuote(w.split('{}').join(it.path))).join(' ');
            return (await ctx.spawn(line)) === 0;
          },
        };
      }
      case '-help':
      case '--help':
      case '-version':
      case '--version': {
        const texts = gnuTextsOf(ctx);
        if (!texts) throw new FindError(`unknown predicate \`${tok}'`);
        throw new FindAnswer(tok.endsWith('help') ? helpText(texts, ctx.argv[0]) : versionText(texts, ctx.argv[0]));
      }
      default:
        if (tok.startsWith('-')) throw new FindError(`unknown predicate \`${tok}'`);
        throw new FindError(`paths must precede expression: \`${tok}'`);
    }
  };
  const andExpr = (): Node => {
    let a = primary();
    while (i < argv.length && argv[i] !== ')' && argv[i] !== '-o' && argv[i] !== '-or' && argv[i] !== ',') {
      if (argv[i] === '-a' || argv[i] === '-and') i++;
      a = { k: 'and', a, b: primary() };
    }
    return a;
  };
  const orExpr = (): Node => {
    let a = andExpr();
    while (argv[i] === '-o' || argv[i] === '-or' || argv[i] === ',') {
      const comma = argv[i] === ',';
      i++;
      a = { k: comma ? 'comma' : 'or', a, b: andExpr() };
    }
    return a;
  };
  const pruned = new Set<string>();
  let expr: Node = { k: 'true' };
  try {
    if (i < argv.length) expr = orExpr();
    if (i < argv.length) {
      if (argv[i] === ')') throw new FindError("invalid expression; you have too many ')'");
      throw new FindError(`paths must precede expression: \`${argv[i]}'`);
    }
  } catch (e) {
    if (e instanceof FindAnswer) {
      ctx.stdout.write(e.text);
      return 0;
    }
    if (e instanceof FindError) {
      ctx.stderr.write(`find: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!hasAction) expr = { k: 'and', a: expr, b: { k: 'action', fn: (it) => ((out += it.path + '\n'), true) } };

  const evaluate = async (n: Node, it: Item): Promise<boolean> => {
    switch (n.k) {
      case 'true':
        return true;
      case 'test':
        return n.fn(it);
      case 'action':
        return n.fn(it);
      case 'not':
        return !(await evaluate(n.e, it));
      case 'and':
        return (await evaluate(n.a, it)) && evaluate(n.b, it);
      case 'or':
        return (await evaluate(n.a, it)) || evaluate(n.b, it);
      case 'comma':
        await evaluate(n.a, it);
        return evaluate(n.b, it);
    }
  };

  const visit = async (path: string, depth: number): Promise<void> => {
    if (quit || ctx.signal.aborted) return;
    const st = ctx.fs.lstat(path);
    if (!st) return;
    const item = { path, st, depth };
    const inRange = depth >= opts.mindepth && depth <= opts.maxdepth;
    if (!opts.depthFirst && inRange) await evaluate(expr, item);
    if (st.type === 'dir' && depth < opts.maxdepth && !pruned.has(path)) {
      let names: string[] = [];
      try {
        names = ctx.fs.readdir(path);
      } catch (e) {
        flush();
        ctx.stderr.write(`find: ${lq(path)}: ${errorText(e)}\n`);
        status = 1;
      }
      for (const n of names) await visit(joinPath(path, n), depth + 1);
    }
    if (opts.depthFirst && inRange) await evaluate(expr, item);
  };

  for (const p of paths) {
    if (quit) break;
    if (!ctx.fs.lstat(p)) {
      flush();
      ctx.stderr.write(`find: ${lq(p)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    await visit(p, 0);
  }
  flush();
  for (const b of pendingBatches) {
    if (!b.items.length || !ctx.spawn) continue;
    const line = [...b.words, ...b.items].map(shellQuote).join(' ');
    if ((await ctx.spawn(line)) !== 0) status = 1;
  }
  return status;
};

function printfFormat(ctx: CommandContext, fmt: string, it: Item): string {
  const base = it.path.replace(/\/+$/, '').split('/').pop() || it.path;
  const parent = it.path.includes('/') ? it.path.slice(0, it.path.lastIndexOf('/')) || '/' : '.';
  return fmt
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\0/g, '\0')
    .replace(/%(-?\d*)([pfhsmMuUgGdyTkl%])/g, (_, w: string, c: string) => {
      let v: string;
      switch (c) {
        case 'p':
          v = it.path;
          break;
        case 'f':
          v = base;
          break;
        case 'h':
          v = parent;
          break;
        case 's':
          v = String(it.st.size);
          break;
        case 'm':
          v = (it.st.mode & 0o7777).toString(8);
          break;
        case 'u':
          v = userName(ctx, it.st.uid);
          break;
        case 'g':
          v = groupName(ctx, it.st.gid);
          break;
        case 'd':
          v = String(it.depth);
          break;
        case 'y':
          v = it.st.type === 'dir' ? 'd' : it.st.type === 'symlink' ? 'l' : 'f';
          break;
        case 'l':
          v = it.st.target ?? '';
          break;
        case 'k':
          v = String(Math.ceil(it.st.size / 4096) * 4);
          break;
        case '%':
          v = '%';
          break;
        default:
          v = '';
      }
      if (!w) return v;
      const n = Number(w);
      return n < 0 ? v.padEnd(-n) : v.padStart(n);
    });
}
