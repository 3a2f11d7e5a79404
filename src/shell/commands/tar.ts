/**
 * tar: create (c), extract (x), list (t) with z (gzip), v, f FILE, C DIR; old-style bundled
 * options (`tar czvf a.tgz dir`) and dashed ones. Uses the simulation's own archive format.
 */
import type { CommandContext, Program } from '../command';
import { errorText } from './lib/io';
import { matchLong, type OptionSpec } from './lib/args';
import { gnuTextsOf, helpText, versionText } from './gnu-help/texts';
import { gzipDecode, gzipEncode, tarDecode, tarEncode, type TarEntry } from './lib/archive';
import { walk, joinPath } from './lib/walk';
import { modeString } from './lib/mode';
import { groupName, userName } from './lib/users';

const TRY = `Try 'tar --help' or 'tar --usage' for more information.`;
/** argp's status for what getopt refuses (EX_USAGE); tar's own usage errors exit 2. */
const GETOPT_STATUS = 64;

/** The long options this tar acts on (tar.c's table has many more: their order comes from the recorded one). */
const LONGS: OptionSpec[] = [
  { long: 'create', key: 'c' }, { long: 'extract', key: 'x' }, { long: 'get', key: 'x' }, { long: 'list', key: 't' },
  { long: 'gzip', key: 'z' }, { long: 'gunzip', key: 'z' }, { long: 'verbose', key: 'v' },
  { long: 'file', key: 'f', arg: 'required' }, { long: 'directory', key: 'C', arg: 'required' },
  { long: 'help', key: 'help' }, { long: 'version', key: 'version' },
];

class GetoptError extends Error {}

/** One `--name[=value]` argument through getopt's rules: the key and its value, or a GetoptError. */
function longOption(arg: string, rest: string[], order: readonly string[] | undefined): { key: string; value?: string } {
  const eq = arg.indexOf('=');
  const fail = (message: string): never => {
    throw new GetoptError(message);
  };
  const spec = matchLong(LONGS, eq >= 0 ? arg.slice(2, eq) : arg.slice(2), order, (s) => s.key ?? '', (m) => fail(m.replace('%s', () => arg)));
  const key = spec.key ?? '';
  if (spec.arg !== 'required') return eq >= 0 ? fail(`option '--${spec.long}' doesn't allow an argument`) : { key };
  if (eq >= 0) return { key, value: arg.slice(eq + 1) };
  const value = rest.shift();
  return value === undefined ? fail(`option '--${spec.long}' requires an argument`) : { key, value };
}

export const tar: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let mode: 'c' | 'x' | 't' | null = null;
  let gz = false;
  let verbose = false;
  let file: string | undefined;
  let dir: string | undefined;
  const operands: string[] = [];
  const takeLetters = (letters: string, rest: string[], attached: boolean): string | null => {
    for (let k = 0; k < letters.length; k++) {
      const c = letters[k];
      if (c === 'c' || c === 'x' || c === 't') {
        if (mode && mode !== c) return `You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option`;
        mode = c;
      } else if (c === 'z') gz = true;
      else if (c === 'v') verbose = true;
      else if (c === 'f' || c === 'C') {
        let v: string | undefined;
        if (attached && k + 1 < letters.length) {
          v = letters.slice(k + 1);
          k = letters.length;
        } else v = rest.shift();
        if (v === undefined) return `option requires an argument -- '${c}'`;
        if (c === 'f') file = v;
        else dir = v;
      } else if (c === 'p' || c === 'o' || c === 'h' || c === 'k' || c === 'P' || c === 'm') {
        /* accepted, no effect here */
      } else return `invalid option -- '${c}'`;
    }
    return null;
  };
  const rest = [...argv];
  let first = true;
  while (rest.length) {
    const a = rest.shift()!;
    let err: string | null = null;
    if (a === '--') {
      operands.push(...rest.splice(0));
      break;
    }
    if (a.startsWith('--')) {
      const texts = gnuTextsOf(ctx);
      let option: { key: string; value?: string };
      try {
        option = longOption(a, rest, texts?.longs);
      } catch (e) {
        if (!(e instanceof GetoptError)) throw e;
        ctx.stderr.write(`tar: ${e.message}\n${TRY}\n`);
        return GETOPT_STATUS;
      }
      // argp answers --help and --version as it meets them.
      if (texts && (option.key === 'help' || option.key === 'version')) {
        ctx.stdout.write(option.key === 'help' ? helpText(texts, ctx.argv[0]) : versionText(texts, ctx.argv[0]));
        return 0;
      }
      if (option.key === 'f') file = option.value;
      else if (option.key === 'C') dir = option.value;
      else err = takeLetters(option.key, [], false);
    } else if (a.startsWith('-') && a.length > 1) err = takeLetters(a.slice(1), rest, true);
    else if (first && /^[cxtzvfCpP]+$/.test(a)) err = takeLetters(a, rest, false);
    else operands.push(a);
    first = false;
    if (err) {
      ctx.stderr.write(`tar: ${err}\n${TRY}\n`);
      return /^(invalid option|option requires)/.test(err) ? GETOPT_STATUS : 2;
    }
  }
  if (!mode) {
    ctx.stderr.write(`tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n${TRY}\n`);
    return 2;
  }
  const base = dir ?? '.';
  if (dir !== undefined && ctx.fs.stat(dir)?.type !== 'dir') {
    ctx.stderr.write(`tar: ${dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  }
  const rel = (p: string) => (p.startsWith('/') ? p : joinPath(base, p));
  let failed = false;
  const verboseOut = verbose && file !== undefined && file !== '-' ? ctx.stdout : ctx.stderr;

  if (mode === 'c') {
    if (!operands.length) {
      ctx.stderr.write(`tar: Cowardly refusing to create an empty archive\n${TRY}\n`);
      return 2;
    }
    const entries: TarEntry[] = [];
    let warnedSlash = false;
    for (const op of operands) {
      // GNU tar strips the slash from the name before it looks at the file.
      if (op.startsWith('/') && !warnedSlash) {
        ctx.stderr.write("tar: Removing leading `/' from member names\n");
        warnedSlash = true;
      }
      if (!ctx.fs.lstat(rel(op))) {
        ctx.stderr.write(`tar: ${op}: Cannot stat: No such file or directory\n`);
        failed = true;
        continue;
      }
      for (const e of walk(ctx.fs, rel(op))) {
        const name = op + e.path.slice(rel(op).length);
        let stored = name;
        if (stored.startsWith('/')) {
          if (!warnedSlash) ctx.stderr.write("tar: Removing leading `/' from member names\n");
          warnedSlash = true;
          stored = stored.replace(/^\/+/, '');
        }
        if (e.stat.type === 'chardev') continue;
        const entry: TarEntry = { name: stored + (e.stat.type === 'dir' ? '/' : ''), type: e.stat.type as TarEntry['type'], mode: e.stat.mode, uid: e.stat.uid, gid: e.stat.gid, mtimeMs: e.stat.mtimeMs };
        if (e.stat.type === 'file') entry.data = ctx.fs.readFile(e.path);
        if (e.stat.type === 'symlink') entry.target = e.stat.target;
        entries.push(entry);
        if (verbose) verboseOut.write(`${name}${e.stat.type === 'dir' && !name.endsWith('/') ? '/' : ''}\n`);
      }
    }
    let data = tarEncode(entries);
    if (gz) data = gzipEncode(data);
    if (file === undefined || file === '-') ctx.stdout.write(data);
    else {
      try {
        ctx.fs.writeFile(file, data);
      } catch (e) {
        ctx.stderr.write(`tar: ${file}: Cannot open: ${errorText(e)}\ntar: Error is not recoverable: exiting now\n`);
        return 2;
      }
    }
  } else {
    let data: string;
    try {
      data = file === undefined || file === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(file);
    } catch (e) {
      ctx.stderr.write(`tar: ${file}: Cannot open: ${errorText(e)}\ntar: Error is not recoverable: exiting now\n`);
      return 2;
    }
    const unzipped = gzipDecode(data);
    if (unzipped !== null) data = unzipped;
    else if (gz) {
      ctx.stderr.write(`\ngzip: stdin: not in gzip format\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n`);
      return 2;
    }
    const entries = tarDecode(data);
    if (!entries) {
      ctx.stderr.write(`tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n`);
      return 2;
    }
    const wanted = operands.map((o) => o.replace(/\/+$/, ''));
    const selected = wanted.length ? entries.filter((e) => wanted.some((w) => e.name === w || e.name.startsWith(w + '/'))) : entries;
    for (const w of wanted) {
      if (!entries.some((e) => e.name === w || e.name.replace(/\/$/, '') === w || e.name.startsWith(w + '/'))) {
        ctx.stderr.write(`tar: ${w}: Not found in archive\n`);
        failed = true;
      }
    }
    for (const e of selected) {
      if (mode === 't') {
        if (verbose) ctx.stdout.write(longListing(ctx, e));
        else ctx.stdout.write(e.name + '\n');
        continue;
      }
      if (verbose) verboseOut.write(e.name + '\n');
      const target = rel(e.name.replace(/\/$/, ''));
      try {
        const parent = target.slice(0, target.lastIndexOf('/'));
        if (parent) ctx.fs.mkdir(parent, { recursive: true });
        if (e.type === 'dir') {
          if (!ctx.fs.stat(target)) ctx.fs.mkdir(target, { mode: e.mode });
        } else if (e.type === 'symlink') {
          if (ctx.fs.lstat(target)) ctx.fs.remove(target);
          ctx.fs.symlink(e.target ?? '', target);
        } else {
          ctx.fs.writeFile(target, e.data ?? '', { mode: e.mode });
          ctx.fs.chmod(target, e.mode);
        }
      } catch (err) {
        ctx.stderr.write(`tar: ${e.name}: Cannot open: ${errorText(err)}\n`);
        failed = true;
      }
    }
  }
  if (failed) {
    ctx.stderr.write('tar: Exiting with failure status due to previous errors\n');
    return 2;
  }
  return 0;
};

function longListing(ctx: CommandContext, e: TarEntry): string {
  const d = new Date(e.mtimeMs);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  const size = e.type === 'file' ? new TextEncoder().encode(e.data ?? '').length : 0;
  const owner = `${userName(ctx, e.uid)}/${groupName(ctx, e.gid)}`;
  const mode = modeString({ type: e.type, mode: e.mode, size, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, nlink: 1 });
  return `${mode} ${owner} ${String(size).padStart(Math.max(1, 19 - owner.length))} ${date} ${e.name}${e.type === 'symlink' ? ` -> ${e.target}` : ''}\n`;
}
