/** Builtins of everyday use: :, true, false, echo, printf, pwd, cd, exit, return, break, continue, shift. */
import type { Builtin, BuiltinContext } from '../exec/interpreter';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../exec/signals';
import { fsErrorText } from '../exec/redirect';
import { CD_FAILURE_STATUS, cdFailureText } from '../exec/dialect';
import { normalizePath } from '../../sim/machine/fs';
import { formatPrintf } from './printf';

export const colon: Builtin = () => 0;
export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;

/** echo's -e escapes; returns the text and whether \c stopped output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e':
      case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
        i += m.length;
        break;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      case 'u':
      case 'U': {
        const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 1));
        if (m) {
          out += String.fromCodePoint(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\' + n;
        break;
      }
      default:
        out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

export const echo: Builtin = ({ argv, io, shell }) => {
  let newline = true;
  let escapes = shell.state.shopt.xpg_echo;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    text = r.text;
    if (r.stop) {
      io.stdout.write(text);
      return 0;
    }
  }
  io.stdout.write(newline ? text + '\n' : text);
  return 0;
};

export const printf: Builtin = ({ argv, io, shell }) => {
  let args = argv.slice(1);
  let target: string | undefined;
  if (args[0] === '-v') {
    target = args[1];
    if (target === undefined) {
      shell.error(io, 'printf: -v: option requires an argument');
      io.stderr.write('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    args = args.slice(2);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    io.stderr.write('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const r = formatPrintf(args[0], args.slice(1), { now: () => shell.env.clock.now(), start: shell.startedAt });
  for (const e of r.errors) shell.error(io, `printf: ${e}`);
  if (target !== undefined) shell.state.set(target, r.text);
  else io.stdout.write(r.text);
  return r.errors.length ? 1 : 0;
};

export const pwd: Builtin = ({ shell, io, argv }) => {
  const physical = argv.includes('-P');
  const cwd = shell.state.cwd;
  io.stdout.write((physical ? shell.fs.realpath(cwd) ?? cwd : shell.state.get('PWD') ?? cwd) + '\n');
  return 0;
};

export const cd: Builtin = ({ shell, io, argv }) => {
  let args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
  if (args[0] === '--') args = args.slice(1);
  if (args.length > 1) {
    shell.error(io, 'cd: too many arguments');
    return 1;
  }
  let dir: string | undefined = args[0];
  let print = false;
  if (dir === undefined) {
    dir = shell.state.get('HOME');
    if (dir === undefined) {
      shell.error(io, 'cd: HOME not set');
      return 1;
    }
  } else if (dir === '-') {
    dir = shell.state.get('OLDPWD');
    if (dir === undefined) {
      shell.error(io, 'cd: OLDPWD not set');
      return 1;
    }
    print = true;
  }
  if (dir === '') return 0;
  const logicalBase = shell.state.get('PWD') ?? shell.state.cwd;
  const target = normalizePath(dir, logicalBase);
  const fs = shell.fs;
  const failed = (error: string) => {
    shell.commandError(io, 'cd', cdFailureText(shell.env.dialect, dir, error));
    return CD_FAILURE_STATUS[shell.env.dialect];
  };
  try {
    const st = fs.stat(target);
    if (!st) return failed('No such file or directory');
    if (st.type !== 'dir') return failed('Not a directory');
    const node = fs.inode(target)!;
    if (shell.env.user.creds.uid !== 0 && !fs.can(node, 1)) return failed('Permission denied');
  } catch (e) {
    return failed(fsErrorText(e));
  }
  shell.state.set('OLDPWD', logicalBase);
  shell.state.set('PWD', target);
  shell.state.cwd = shell.fs.realpath(target) ?? target;
  if (print) io.stdout.write(target + '\n');
  return 0;
};

function numericArg(b: BuiltinContext, name: string): number | null {
  const a = b.argv[1];
  if (a === undefined) return b.shell.state.lastStatus;
  if (!/^[-+]?\d+$/.test(a.trim())) {
    b.shell.error(b.io, `${name}: ${a}: numeric argument required`);
    return null;
  }
  return Number(a) & 0xff;
}

export const exit: Builtin = (b) => {
  if (b.argv.length > 2) {
    b.shell.error(b.io, 'exit: too many arguments');
    return 1;
  }
  // bash announces the end of an interactive shell; dash ends silently.
  if (b.shell.interactive && b.shell.subshellLevel === 0 && b.shell.env.dialect === 'bash') b.io.stderr.write(b.shell.env.login ? 'logout\n' : 'exit\n');
  const n = numericArg(b, 'exit');
  throw new ExitSignal(n === null ? 2 : n);
};

export const logout: Builtin = (b) => {
  if (!b.shell.env.login) {
    b.shell.error(b.io, 'logout: not login shell: use `exit\'');
    return 1;
  }
  return exit(b);
};

export const returnBuiltin: Builtin = (b) => {
  if (!b.shell.state.funcStack.length && !b.shell.sourcing) {
    b.shell.error(b.io, "return: can only `return' from a function or sourced script");
    return 2;
  }
  const n = numericArg(b, 'return');
  throw new ReturnSignal(n === null ? 2 : n);
};

function loopCount(b: BuiltinContext, name: string): number | null {
  const a = b.argv[1];
  if (a === undefined) return 1;
  if (!/^\d+$/.test(a)) {
    b.shell.error(b.io, `${name}: ${a}: numeric argument required`);
    return null;
  }
  const n = Number(a);
  if (n < 1) {
    b.shell.error(b.io, `${name}: ${a}: loop count out of range`);
    return null;
  }
  return n;
}

export const breakBuiltin: Builtin = (b) => {
  const n = loopCount(b, 'break');
  if (n === null) return 1;
  if (b.shell.state.loopDepth === 0) {
    b.shell.error(b.io, "break: only meaningful in a `for', `while', or `until' loop");
    return 0;
  }
  throw new BreakSignal(Math.min(n, b.shell.state.loopDepth));
};

export const continueBuiltin: Builtin = (b) => {
  const n = loopCount(b, 'continue');
  if (n === null) return 1;
  if (b.shell.state.loopDepth === 0) {
    b.shell.error(b.io, "continue: only meaningful in a `for', `while', or `until' loop");
    return 0;
  }
  throw new ContinueSignal(Math.min(n, b.shell.state.loopDepth));
};

export const shift: Builtin = (b) => {
  const a = b.argv[1];
  let n = 1;
  if (a !== undefined) {
    if (!/^\d+$/.test(a)) {
      b.shell.error(b.io, `shift: ${a}: numeric argument required`);
      return 1;
    }
    n = Number(a);
  }
  const pos = b.shell.state.positional;
  if (n > pos.length) return 1;
  b.shell.state.positional = pos.slice(n);
  return 0;
};
