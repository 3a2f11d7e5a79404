/**
 * Builtins about commands and the shell itself: alias, unalias, type, command, hash, history,
 * source, eval, exec, test/[, wait, jobs, trap, umask, complete, getopts.
 */
import type { Builtin, BuiltinContext } from '../exec/interpreter';
import { isReservedWord } from '../parse/parser';
import { ExitSignal, ReturnSignal } from '../exec/signals';
import { evalTestArgs, TestError, type TestEnv } from '../exec/test-expr';
import { fsErrorText } from '../exec/redirect';
import { printFunction } from '../exec/print';

function aliasQuote(v: string): string {
  return `'${v.replace(/'/g, "'\\''")}'`;
}

export const alias: Builtin = ({ argv, shell, io }) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (!args.length) {
    for (const [k, v] of [...shell.state.aliases].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout.write(`alias ${k}=${aliasQuote(v)}\n`);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      const name = a.slice(0, eq);
      if (/[\s/$`=|&;()<>'"\\]/.test(name)) {
        shell.error(io, `alias: \`${name}': invalid alias name`);
        status = 1;
        continue;
      }
      shell.state.aliases.set(name, a.slice(eq + 1));
      continue;
    }
    const v = shell.state.aliases.get(a);
    if (v === undefined) {
      shell.error(io, `alias: ${a}: not found`);
      status = 1;
    } else io.stdout.write(`alias ${a}=${aliasQuote(v)}\n`);
  }
  return status;
};

export const unalias: Builtin = ({ argv, shell, io }) => {
  if (argv.length < 2) {
    io.stderr.write('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  if (argv[1] === '-a') {
    shell.state.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (!shell.state.aliases.delete(a)) {
      shell.error(io, `unalias: ${a}: not found`);
      status = 1;
    }
  }
  return status;
};

/** What a name is, in `type`'s order: alias, keyword, function, builtin, file. */
function describe(b: BuiltinContext, name: string, all: boolean): Array<{ kind: string; text: string; path?: string }> {
  const { shell } = b;
  const out: Array<{ kind: string; text: string; path?: string }> = [];
  const a = shell.state.aliases.get(name);
  if (a !== undefined) out.push({ kind: 'alias', text: `${name} is aliased to \`${a}'` });
  if (isReservedWord(name) && name !== 'in') out.push({ kind: 'keyword', text: `${name} is a shell keyword` });
  const fn = shell.state.functions.get(name);
  if (fn) out.push({ kind: 'function', text: `${name} is a function\n${printFunction(name, fn.body)}` });
  if (shell.env.builtins[name]) out.push({ kind: 'builtin', text: `${name} is a shell builtin` });
  if (!all && out.length) return out.slice(0, 1);
  const hashed = shell.state.hash.get(name);
  if (hashed && !all) {
    out.push({ kind: 'file', text: `${name} is hashed (${hashed.path})`, path: hashed.path });
    return out;
  }
  if (name.includes('/')) {
    if (shell.fs.canExecute(name)) out.push({ kind: 'file', text: `${name} is ${name}`, path: name });
    return out;
  }
  const dirs = (shell.state.get('PATH') ?? '').split(':');
  for (const d of dirs) {
    const p = `${d || '.'}/${name}`;
    try {
      if (shell.fs.stat(p)?.type === 'file' && shell.fs.canExecute(p)) {
        out.push({ kind: 'file', text: `${name} is ${p}`, path: p });
        if (!all) break;
      }
    } catch {
      // skip unreadable PATH entries
    }
  }
  return out;
}

export const type: Builtin = (b) => {
  const { argv, shell, io } = b;
  let flag = '';
  let all = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    for (const f of argv[i].slice(1)) {
      if (f === 'a') all = true;
      else if (f === 't' || f === 'p' || f === 'P') flag = f;
      else if (f === 'f') continue;
      else {
        shell.error(io, `type: -${f}: invalid option`);
        io.stderr.write('type: usage: type [-afptP] name [name ...]\n');
        return 2;
      }
    }
  }
  let status = 0;
  for (const name of argv.slice(i)) {
    const found = describe(b, name, all);
    if (!found.length) {
      if (!flag) shell.error(io, `type: ${name}: not found`);
      status = 1;
      continue;
    }
    for (const f of found) {
      if (flag === 't') io.stdout.write(`${f.kind}\n`);
      else if (flag === 'p' || flag === 'P') {
        if (f.path) io.stdout.write(`${f.path}\n`);
      } else io.stdout.write(`${f.text}\n`);
      if (!all) break;
    }
  }
  return status;
};

export const command: Builtin = async (b) => {
  const { argv, shell, io } = b;
  let i = 1;
  let mode = '';
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (const f of argv[i].slice(1)) {
      if (f === 'v' || f === 'V') mode = f;
      else if (f === 'p') continue;
      else {
        shell.error(io, `command: -${f}: invalid option`);
        io.stderr.write('command: usage: command [-pVv] command [arg ...]\n');
        return 2;
      }
    }
  }
  const rest = argv.slice(i);
  if (!rest.length) return 0;
  if (mode) {
    let status = 0;
    for (const name of rest) {
      const found = describe(b, name, false);
      if (!found.length) {
        if (mode === 'V') shell.error(io, `command: ${name}: not found`);
        status = 1;
        continue;
      }
      const f = found[0];
      if (mode === 'V') io.stdout.write(`${f.text}\n`);
      else if (f.kind === 'alias') io.stdout.write(`alias ${name}=${aliasQuote(shell.state.aliases.get(name)!)}\n`);
      else if (f.path) io.stdout.write(`${f.path}\n`);
      else io.stdout.write(`${name}\n`);
    }
    return status;
  }
  // Run, skipping functions.
  const builtin = shell.env.builtins[rest[0]];
  if (builtin) return shell.runBuiltin(builtin, rest, io);
  const saved = shell.state.functions;
  shell.state.functions = new Map();
  try {
    return await shell.runCommand(rest, io);
  } finally {
    shell.state.functions = saved;
  }
};

export const hash: Builtin = ({ argv, shell, io }) => {
  const args = argv.slice(1);
  if (args[0] === '-r') {
    shell.state.hash.clear();
    return 0;
  }
  if (!args.length) {
    if (!shell.state.hash.size) {
      io.stdout.write('hash: hash table empty\n');
      return 0;
    }
    io.stdout.write('hits\tcommand\n');
    for (const [, h] of shell.state.hash) io.stdout.write(`${String(h.hits).padStart(4)}\t${h.path}\n`);
    return 0;
  }
  let status = 0;
  for (const name of args) {
    const p = shell.findOnPath(name);
    if (!p || shell.env.builtins[name]) {
      if (!shell.env.builtins[name]) {
        shell.error(io, `hash: ${name}: not found`);
        status = 1;
      }
      continue;
    }
    shell.state.hash.set(name, { path: p, hits: 0 });
  }
  return status;
};

export const history: Builtin = ({ argv, shell, io }) => {
  if (argv[1] === '-c') {
    shell.history.length = 0;
    return 0;
  }
  const n = argv[1] !== undefined && /^\d+$/.test(argv[1]) ? Number(argv[1]) : shell.history.length;
  const start = Math.max(0, shell.history.length - n);
  for (let i = start; i < shell.history.length; i++) io.stdout.write(`${String(i + 1).padStart(5)}  ${shell.history[i]}\n`);
  return 0;
};

export const source: Builtin = async ({ argv, shell, io }) => {
  const name = argv[0];
  if (argv.length < 2) {
    shell.error(io, `${name}: filename argument required`);
    io.stderr.write(`${name}: usage: ${name} filename [arguments]\n`);
    return 2;
  }
  const file = argv[1];
  let path = file;
  if (!file.includes('/')) {
    const found = (shell.state.get('PATH') ?? '').split(':').map((d) => `${d || '.'}/${file}`).find((p) => shell.fs.stat(p)?.type === 'file');
    path = found ?? file;
  }
  let text: string;
  try {
    if (shell.fs.stat(path)?.type === 'dir') {
      shell.error(io, `${name}: ${file}: is a directory`);
      return 1;
    }
    text = shell.fs.readFile(path);
  } catch (e) {
    shell.error(io, `${file}: ${fsErrorText(e)}`);
    return 1;
  }
  const savedPos = shell.state.positional;
  if (argv.length > 2) shell.state.positional = argv.slice(2);
  shell.sourcing++;
  try {
    return await shell.runText(text, io, { inline: 'source', syntaxPrefix: `${file}: ` });
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    shell.sourcing--;
    if (argv.length > 2) shell.state.positional = savedPos;
  }
};

export const evalBuiltin: Builtin = async ({ argv, shell, io }) => {
  const text = argv.slice(1).join(' ');
  if (!text.trim()) return 0;
  return shell.runText(text, io, { inline: 'eval', firstLine: shell.currentLine, syntaxPrefix: shell.interactive ? 'bash: eval: ' : `bash: eval: ` });
};

export const exec: Builtin = async ({ argv, shell, io }) => {
  const rest = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  if (!rest.length) {
    // exec >file: the redirections stay for the rest of the shell.
    shell.fdTable = io;
    return 0;
  }
  const name = rest[0];
  if (!shell.state.functions.has(name) && !shell.env.builtins[name] && !shell.findOnPath(name)) {
    shell.error(io, `exec: ${name}: not found`);
    if (!shell.interactive) throw new ExitSignal(127);
    return 127;
  }
  const status = await shell.runCommand(rest, io);
  if (status === 127 || status === 126) {
    if (!shell.interactive) throw new ExitSignal(status);
    return status;
  }
  throw new ExitSignal(status);
};

export const test: Builtin = ({ argv, shell, io }) => {
  let args = argv.slice(1);
  const bracket = argv[0] === '[';
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      shell.error(io, "[: missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const env: TestEnv = {
    fs: shell.fs,
    uid: shell.env.user.creds.uid,
    gid: shell.env.user.creds.gid,
    isSet: (n) => shell.state.get(n) !== undefined,
    optionOn: (n) => !!(shell.state.options as unknown as Record<string, boolean>)[n],
    toInt: (t) => {
      const s = t.trim();
      if (!/^[-+]?\d+$/.test(s)) throw new TestError(`${t}: integer expression expected`);
      return BigInt(s);
    },
  };
  try {
    return evalTestArgs(args, env) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      shell.error(io, `${argv[0]}: ${e.message}`);
      return 2;
    }
    throw e;
  }
};

export const wait: Builtin = async ({ argv, shell, io }) => {
  const args = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (!args.length) return shell.waitJobs(undefined, io);
  let status = 0;
  for (const a of args) {
    let pid: number | undefined;
    if (/^%\d+$/.test(a)) pid = shell.jobs.find((j) => j.id === Number(a.slice(1)) && !j.reported)?.pid;
    else if (/^\d+$/.test(a)) pid = Number(a);
    else {
      shell.error(io, `wait: \`${a}': not a pid or valid job spec`);
      status = 2;
      continue;
    }
    if (pid === undefined) {
      shell.error(io, `wait: ${a}: no such job`);
      status = 127;
      continue;
    }
    status = await shell.waitJobs(pid, io);
    if (status === 127 && !shell.jobs.some((j) => j.pid === pid)) shell.error(io, `wait: pid ${pid} is not a child of this shell`);
  }
  return status;
};

export const trap: Builtin = ({ argv, shell, io }) => {
  const args = argv.slice(1);
  if (!args.length || args[0] === '-p') {
    for (const [sig, cmd] of shell.state.traps) io.stdout.write(`trap -- ${aliasQuote(cmd)} ${sig}\n`);
    return 0;
  }
  if (args[0] === '-l') {
    io.stdout.write(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n');
    return 0;
  }
  const [action, ...sigs] = args.length === 1 ? ['-', args[0]] : args;
  for (let sig of sigs) {
    sig = sig.toUpperCase().replace(/^SIG/, '');
    if (sig === '0') sig = 'EXIT';
    if (action === '-') shell.state.traps.delete(sig);
    else shell.state.traps.set(sig, action);
  }
  return 0;
};

export const umask: Builtin = ({ argv, shell, io }) => {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  const value = args.find((a) => !a.startsWith('-'));
  if (value === undefined) {
    const m = shell.state.umask;
    if (symbolic) {
      const part = (shift: number) => {
        const bits = ~(m >> shift) & 7;
        return (bits & 4 ? 'r' : '') + (bits & 2 ? 'w' : '') + (bits & 1 ? 'x' : '');
      };
      io.stdout.write(`u=${part(6)},g=${part(3)},o=${part(0)}\n`);
    } else io.stdout.write(m.toString(8).padStart(4, '0') + '\n');
    return 0;
  }
  if (!/^[0-7]{1,4}$/.test(value)) {
    shell.error(io, `umask: ${value}: octal number out of range`);
    return 1;
  }
  shell.state.umask = parseInt(value, 8);
  return 0;
};

export const complete: Builtin = ({ argv, shell, io }) => {
  const table = shell.state.completions;
  const args = argv.slice(1);
  if (!args.length || args[0] === '-p') {
    for (const [name, spec] of table) io.stdout.write(`complete ${spec} ${name}\n`);
    return 0;
  }
  const names: string[] = [];
  const spec: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[FCGWAXPSo]$/.test(a)) {
      spec.push(a, args[++i] ?? '');
    } else if (a.startsWith('-')) spec.push(a);
    else names.push(a);
  }
  for (const n of names) table.set(n, spec.join(' '));
  return 0;
};

export const compgen: Builtin = () => 1;

export const getopts: Builtin = ({ argv, shell, io }) => {
  const spec = argv[1];
  const name = argv[2];
  if (spec === undefined || name === undefined) {
    io.stderr.write('getopts: usage: getopts optstring name [arg ...]\n');
    return 2;
  }
  const args = argv.length > 3 ? argv.slice(3) : shell.state.positional;
  let optind = Number(shell.state.get('OPTIND') ?? '1') || 1;
  const sub = Number(shell.state.get('__GETOPTS_SUB') ?? '1') || 1;
  const silent = spec.startsWith(':');
  const arg = args[optind - 1];
  if (arg === undefined || !arg.startsWith('-') || arg === '-') {
    shell.state.set(name, '?');
    return 1;
  }
  if (arg === '--') {
    shell.state.set('OPTIND', String(optind + 1));
    shell.state.set(name, '?');
    return 1;
  }
  const ch = arg[sub];
  let nextSub = sub + 1;
  const idx = spec.indexOf(ch);
  const advance = () => {
    if (nextSub >= arg.length) {
      optind++;
      nextSub = 1;
    }
  };
  if (idx < 0 || ch === ':') {
    if (silent) {
      shell.state.set('OPTARG', ch);
    } else {
      io.stderr.write(`${shell.state.arg0}: illegal option -- ${ch}\n`);
      shell.state.unset('OPTARG');
    }
    shell.state.set(name, '?');
    advance();
  } else if (spec[idx + 1] === ':') {
    let value: string | undefined;
    if (nextSub < arg.length) {
      value = arg.slice(nextSub);
      optind++;
    } else {
      value = args[optind];
      optind += 2;
    }
    nextSub = 1;
    if (value === undefined) {
      if (silent) {
        shell.state.set(name, ':');
        shell.state.set('OPTARG', ch);
      } else {
        io.stderr.write(`${shell.state.arg0}: option requires an argument -- ${ch}\n`);
        shell.state.set(name, '?');
      }
    } else {
      shell.state.set(name, ch);
      shell.state.set('OPTARG', value);
    }
  } else {
    shell.state.set(name, ch);
    advance();
  }
  shell.state.set('OPTIND', String(optind));
  shell.state.set('__GETOPTS_SUB', String(nextSub));
  return 0;
};

export const times: Builtin = ({ io }) => {
  io.stdout.write('0m0.010s 0m0.005s\n0m0.020s 0m0.010s\n');
  return 0;
};

export const noJobControl: Builtin = ({ argv, shell, io }) => {
  shell.error(io, `${argv[0]}: no job control`);
  return 1;
};
