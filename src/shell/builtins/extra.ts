/** Less common builtins: builtin, mapfile/readarray, pushd/popd/dirs. */
import type { Builtin } from '../exec/interpreter';
import { cd } from './basic';

export const builtin: Builtin = async ({ argv, shell, io }) => {
  const name = argv[1];
  if (name === undefined) return 0;
  const b = shell.env.builtins[name];
  if (!b) {
    shell.error(io, `builtin: ${name}: not a shell builtin`);
    return 1;
  }
  return shell.runBuiltin(b, argv.slice(1), io);
};

export const mapfile: Builtin = async ({ argv, shell, io }) => {
  let strip = false;
  let delim = '\n';
  let name = 'MAPFILE';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-t') strip = true;
    else if (a === '-d') delim = argv[++i]?.[0] ?? '\0';
    else if (/^-[nOsuCc]$/.test(a)) i++;
    else if (!a.startsWith('-')) name = a;
  }
  const text = await io.stdin.readAll();
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf(delim, start);
    if (end < 0) {
      lines.push(text.slice(start));
      break;
    }
    lines.push(strip ? text.slice(start, end) : text.slice(start, end + 1));
    start = end + 1;
  }
  shell.state.set(name, lines);
  return 0;
};

function dirsLine(stack: string[], home: string | undefined): string {
  return stack.map((d) => (home && (d === home || d.startsWith(home + '/')) ? '~' + d.slice(home.length) : d)).join(' ');
}

function current(shell: Parameters<Builtin>[0]['shell']): string {
  return shell.state.get('PWD') ?? shell.state.cwd;
}

export const dirs: Builtin = ({ argv, shell, io }) => {
  const stack = [current(shell), ...shell.state.dirStack];
  if (argv[1] === '-c') {
    shell.state.dirStack = [];
    return 0;
  }
  if (argv[1] === '-v') {
    stack.forEach((d, i) => io.stdout.write(`${String(i).padStart(2)}  ${dirsLine([d], shell.state.get('HOME'))}\n`));
    return 0;
  }
  io.stdout.write(dirsLine(stack, shell.state.get('HOME')) + '\n');
  return 0;
};

export const pushd: Builtin = async (b) => {
  const { argv, shell, io } = b;
  const here = current(shell);
  const target = argv[1];
  if (target === undefined) {
    const top = shell.state.dirStack[0];
    if (top === undefined) {
      shell.error(io, 'pushd: no other directory');
      return 1;
    }
    const status = await cd({ ...b, argv: ['cd', top] });
    if (status !== 0) return status;
    shell.state.dirStack[0] = here;
  } else {
    const status = await cd({ ...b, argv: ['cd', target] });
    if (status !== 0) return status;
    shell.state.dirStack.unshift(here);
  }
  return dirs({ ...b, argv: ['dirs'] });
};

export const popd: Builtin = async (b) => {
  const { shell, io } = b;
  const top = shell.state.dirStack[0];
  if (top === undefined) {
    shell.error(io, 'popd: directory stack empty');
    return 1;
  }
  const status = await cd({ ...b, argv: ['cd', top] });
  if (status !== 0) return status;
  shell.state.dirStack.shift();
  return dirs({ ...b, argv: ['dirs'] });
};

/** Accepted so that completion scripts and job commands run: they change nothing here. */
export const accept: Builtin = () => 0;

/** ulimit: the limits of an Ubuntu login (open files 1024, no core files, the rest unlimited). */
export const ulimit: Builtin = ({ argv, shell, io }) => {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('').replace(/[-SH]/g, '');
  const value = argv.slice(1).find((a) => !a.startsWith('-'));
  if (value !== undefined) return 0;
  const limits: Record<string, string> = { n: '1024', c: '0', u: '15388', s: '8192', l: '498976', v: 'unlimited', f: 'unlimited', t: 'unlimited', m: 'unlimited', d: 'unlimited' };
  const f = flags || 'f';
  const out = limits[f[f.length - 1]];
  if (out === undefined) {
    shell.error(io, `ulimit: -${f}: invalid option`);
    return 2;
  }
  io.stdout.write(out + '\n');
  return 0;
};
