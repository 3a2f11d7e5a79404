/** Builtins about variables and options: export, unset, local, declare, readonly, let, set, shopt, read. */
import type { Builtin, BuiltinContext, Shell } from '../exec/interpreter';
import { ExpansionError } from '../exec/expand';
import { printFunction } from '../exec/print';
import { SET_FLAGS, SET_O_NAMES, type ShellOptions, type Var } from '../exec/state';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** bash's quoting of values in declare -p / export -p: double quotes with \ " $ ` escaped. */
function dq(v: string): string {
  if (/[\x00-\x1f\x7f]/.test(v)) return ansiC(v);
  return `"${v.replace(/[\\"$`]/g, '\\$&')}"`;
}

/** $'…' quoting, as bash uses for values with control characters. */
function ansiC(v: string): string {
  const map: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x1b': '\\E', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v', "'": "\\'", '\\': '\\\\' };
  return "$'" + v.replace(/[\x00-\x1f\x7f'\\]/g, (c) => map[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')) + "'";
}

function declareLine(name: string, v: Var): string {
  let flags = '';
  if (Array.isArray(v.value)) flags += 'a';
  if (v.value instanceof Map) flags += 'A';
  if (v.integer) flags += 'i';
  if (v.readonly) flags += 'r';
  if (v.exported) flags += 'x';
  const f = flags ? `-${flags}` : '--';
  if (v.value === undefined) return `declare ${f} ${name}`;
  if (Array.isArray(v.value)) {
    const items = v.value.flatMap((x, i) => (x === undefined ? [] : [`[${i}]=${dq(x)}`]));
    return `declare ${f} ${name}=(${items.join(' ')})`;
  }
  if (v.value instanceof Map) {
    const items = [...v.value].map(([k, x]) => `[${k}]=${dq(x)} `);
    return `declare ${f} ${name}=(${items.join('')})`;
  }
  return `declare ${f} ${name}=${dq(v.value)}`;
}

/** name=value or name+=value or name[i]=value from a declaration argument. */
function splitDecl(arg: string): { name: string; index?: string; append: boolean; value?: string } | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(?:(\+?)=([\s\S]*))?$/.exec(arg);
  if (!m) return null;
  return { name: m[1], index: m[2]?.slice(1, -1), append: m[3] === '+', value: m[4] };
}

/** Parse "(a b c)" or "([k]=v …)" in declare's compound assignment. */
function parseCompound(value: string): string[] | null {
  if (!value.startsWith('(') || !value.endsWith(')')) return null;
  const inner = value.slice(1, -1).trim();
  if (!inner) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(inner))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
  return out;
}

function declareCommon(b: BuiltinContext, cmd: 'declare' | 'local' | 'export' | 'readonly', defaults: { local?: boolean; export?: boolean; readonly?: boolean }): number {
  const { shell, io } = b;
  const st = shell.state;
  if (cmd === 'local' && !st.funcStack.length) {
    shell.error(io, 'local: can only be used in a function');
    return 1;
  }
  const opts = new Set<string>();
  const unopts = new Set<string>();
  let i = 1;
  for (; i < b.argv.length; i++) {
    const a = b.argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (!'aAfFgilnprtuxn'.includes(f)) {
        shell.error(io, `${cmd}: ${a[0]}${f}: invalid option`);
        io.stderr.write(usage(cmd));
        return 2;
      }
      (a[0] === '-' ? opts : unopts).add(f);
    }
  }
  const names = b.argv.slice(i);
  const exporting = defaults.export || opts.has('x');
  const readonly = defaults.readonly || opts.has('r');
  const inFunction = st.funcStack.length > 0;
  const local = defaults.local || (cmd === 'declare' && inFunction && !opts.has('g'));

  if (opts.has('f') || opts.has('F')) {
    let status = 0;
    const list = names.length ? names : [...st.functions.keys()].sort();
    for (const n of list) {
      const fn = st.functions.get(n);
      if (!fn) {
        status = 1;
        continue;
      }
      io.stdout.write(opts.has('F') ? `declare -f ${n}\n` : `${printFunction(n, fn.body)}\n`);
    }
    return status;
  }

  if (!names.length) {
    // Listing.
    for (const n of st.names()) {
      const v = st.lookup(n)!;
      if (cmd === 'export' || opts.has('x')) {
        if (!v.exported) continue;
        io.stdout.write(declareLine(n, v).replace(/^declare -(\w*)/, (m) => m) + '\n');
      } else if (cmd === 'readonly' || opts.has('r')) {
        if (!v.readonly) continue;
        io.stdout.write(declareLine(n, v) + '\n');
      } else if (opts.has('p') || cmd === 'declare') {
        io.stdout.write(cmd === 'declare' && !opts.has('p') ? `${n}=${typeof v.value === 'string' ? quoteForSet(v.value) : ''}\n` : declareLine(n, v) + '\n');
      }
    }
    return 0;
  }

  if (opts.has('p')) {
    let status = 0;
    for (const n of names) {
      const v = st.lookup(n);
      if (!v) {
        shell.error(io, `${cmd}: ${n}: not found`);
        status = 1;
        continue;
      }
      io.stdout.write(declareLine(n, v) + '\n');
    }
    return status;
  }

  let status = 0;
  for (const arg of names) {
    const d = splitDecl(arg);
    if (!d) {
      shell.error(io, `${cmd}: \`${arg}': not a valid identifier`);
      status = 1;
      continue;
    }
    let v = local ? st.scopes[st.scopes.length - 1].get(d.name) : st.lookup(d.name);
    if (v?.readonly && (d.value !== undefined || unopts.has('r'))) {
      shell.error(io, `${cmd}: ${d.name}: readonly variable`);
      status = 1;
      continue;
    }
    if (!v) {
      const outer = st.lookup(d.name);
      v = { value: local && outer ? undefined : undefined };
      (local ? st.scopes[st.scopes.length - 1] : st.scopes[0]).set(d.name, v);
    }
    if (opts.has('a') && !Array.isArray(v.value)) v.value = v.value === undefined ? [] : typeof v.value === 'string' ? [v.value] : v.value;
    if (opts.has('A') && !(v.value instanceof Map)) v.value = new Map();
    if (opts.has('i')) v.integer = true;
    if (unopts.has('i')) v.integer = false;
    if (d.value !== undefined) {
      const compound = parseCompound(d.value);
      if (compound && (opts.has('a') || opts.has('A') || Array.isArray(v.value) || v.value instanceof Map)) {
        if (v.value instanceof Map) {
          const m = new Map<string, string>();
          for (const item of compound) {
            const km = /^\[([^\]]*)\]=([\s\S]*)$/.exec(item);
            if (km) m.set(km[1], km[2]);
          }
          v.value = m;
        } else v.value = compound;
      } else if (d.index !== undefined) {
        st.setElement(d.name, d.index, d.value);
      } else {
        let value = d.append ? (typeof v.value === 'string' ? v.value : '') + d.value : d.value;
        if (v.integer) {
          try {
            value = shell.expander.arith(value);
          } catch (e) {
            if (e instanceof ExpansionError) {
              shell.error(io, e.message);
              status = 1;
              continue;
            }
            throw e;
          }
        }
        if (Array.isArray(v.value)) v.value[0] = value;
        else v.value = value;
      }
    }
    if (exporting) v.exported = true;
    if (unopts.has('x')) v.exported = false;
    if (readonly) v.readonly = true;
    if (cmd === 'export' && opts.has('n')) v.exported = false;
  }
  return status;
}

function usage(cmd: string): string {
  switch (cmd) {
    case 'export':
      return 'export: usage: export [-fn] [name[=value] ...] or export -p\n';
    case 'readonly':
      return 'readonly: usage: readonly [-aAf] [name[=value] ...] or readonly -p\n';
    case 'local':
      return 'local: usage: local [option] name[=value] ...\n';
    default:
      return 'declare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]\n';
  }
}

/** `set` lists values quoted the way bash reuses them as input. */
export function quoteForSet(v: string): string {
  if (v === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  if (/[\x00-\x1f]/.test(v)) return "$'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\x1b/g, '\\E') + "'";
  return `'${v.replace(/'/g, "'\\''")}'`;
}


export const declare: Builtin = (b) => declareCommon(b, 'declare', {});
export const local: Builtin = (b) => declareCommon(b, 'local', { local: true });
export const exportBuiltin: Builtin = (b) => {
  const { argv, shell, io } = b;
  if (argv.includes('-f')) {
    let status = 0;
    const unexport = argv.includes('-n');
    for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (!shell.state.functions.has(name)) {
        shell.error(io, `export: ${name}: not a function`);
        status = 1;
      } else if (unexport) shell.state.exportedFunctions.delete(name);
      else shell.state.exportedFunctions.add(name);
    }
    return status;
  }
  return declareCommon(b, 'export', { export: true });
};
export const readonly: Builtin = (b) => declareCommon(b, 'readonly', { readonly: true });

export const unset: Builtin = ({ argv, shell, io }) => {
  let mode: 'v' | 'f' | 'auto' = 'auto';
  let i = 1;
  for (; i < argv.length && /^-[vfn]+$/.test(argv[i]); i++) mode = argv[i].includes('f') ? 'f' : 'v';
  let status = 0;
  for (const name of argv.slice(i)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(name);
    if (!m) {
      shell.error(io, `unset: \`${name}': not a valid identifier`);
      status = 1;
      continue;
    }
    if (mode === 'f') {
      shell.state.functions.delete(name);
      continue;
    }
    if (m[2] !== undefined) {
      const v = shell.state.lookup(m[1]);
      if (v && Array.isArray(v.value)) {
        const idx = Number(shell.expander.arith(m[2]));
        delete v.value[idx < 0 ? v.value.length + idx : idx];
      } else if (v && v.value instanceof Map) v.value.delete(m[2]);
      continue;
    }
    if (shell.state.lookup(name)) {
      if (!shell.state.unset(name)) {
        shell.error(io, `unset: ${name}: cannot unset: readonly variable`);
        status = 1;
      }
    } else if (mode === 'auto') shell.state.functions.delete(name);
  }
  return status;
};

export const let_: Builtin = ({ argv, shell, io }) => {
  if (argv.length < 2) {
    shell.error(io, 'let: expression expected');
    return 1;
  }
  let last = '0';
  for (const expr of argv.slice(1)) {
    try {
      last = shell.expander.arith(expr);
    } catch (e) {
      if (e instanceof ExpansionError) {
        shell.error(io, `let: ${e.message}`);
        return 1;
      }
      throw e;
    }
  }
  return last === '0' ? 1 : 0;
};

function setOption(shell: Shell, name: string, on: boolean): boolean {
  if (!(SET_O_NAMES as string[]).includes(name)) return false;
  (shell.state.options as unknown as Record<string, boolean>)[name] = on;
  if (name === 'vi' && on) shell.state.options.emacs = false;
  if (name === 'emacs' && on) shell.state.options.vi = false;
  return true;
}

export const set: Builtin = ({ argv, shell, io }) => {
  const st = shell.state;
  if (argv.length === 1) {
    for (const n of st.names()) {
      const v = st.lookup(n)!;
      if (v.value === undefined) continue;
      if (typeof v.value === 'string') io.stdout.write(`${n}=${quoteForSet(v.value)}\n`);
      else io.stdout.write(`${n}=${declareLine(n, v).replace(/^declare -\w+ \w+=/, '')}\n`);
    }
    for (const [name, fn] of [...st.functions].sort()) io.stdout.write(printFunction(name, fn.body) + '\n');
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      st.positional = argv.slice(i);
      return 0;
    }
    if (a === '-' ) {
      st.options.xtrace = false;
      st.options.verbose = false;
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    if (a.slice(1) === 'o') {
      const name = argv[i + 1];
      if (name === undefined) {
        const opts = st.options as unknown as Record<string, boolean>;
        for (const n of SET_O_NAMES) {
          if (on) io.stdout.write(`${n.padEnd(15)}\t${opts[n] ? 'on' : 'off'}\n`);
          else io.stdout.write(`set ${opts[n] ? '-' : '+'}o ${n}\n`);
        }
        return 0;
      }
      i++;
      if (!setOption(shell, name, on)) {
        shell.error(io, `set: ${name}: invalid option name`);
        return 1;
      }
      continue;
    }
    for (const f of a.slice(1)) {
      if (f === 'o') {
        const name = argv[++i];
        if (name === undefined || !setOption(shell, name, on)) {
          shell.error(io, `set: ${name ?? ''}: invalid option name`);
          return 1;
        }
        continue;
      }
      const opt = SET_FLAGS[f] as keyof ShellOptions | undefined;
      if (!opt) {
        shell.error(io, `set: ${a[0]}${f}: invalid option`);
        io.stderr.write('set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
        return 2;
      }
      st.options[opt] = on;
    }
  }
  if (i < argv.length) st.positional = argv.slice(i);
  return 0;
};

export const shopt: Builtin = ({ argv, shell, io }) => {
  const st = shell.state;
  let mode: 's' | 'u' | 'p' | 'q' | '' = '';
  let oMode = false;
  let quiet = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    for (const f of argv[i].slice(1)) {
      if (f === 's' || f === 'u' || f === 'p') mode = f;
      else if (f === 'q') quiet = true;
      else if (f === 'o') oMode = true;
      else {
        shell.error(io, `shopt: -${f}: invalid option`);
        io.stderr.write('shopt: usage: shopt [-pqsu] [-o] [optname ...]\n');
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  const table: Record<string, boolean> = oMode ? (st.options as unknown as Record<string, boolean>) : st.shopt;
  const valid = (n: string) => (oMode ? (SET_O_NAMES as string[]).includes(n) : n in st.shopt);
  let status = 0;
  const show = (n: string) => {
    if (quiet) return;
    if (mode === 'p') io.stdout.write(oMode ? `set ${table[n] ? '-' : '+'}o ${n}\n` : `shopt ${table[n] ? '-s' : '-u'} ${n}\n`);
    else io.stdout.write(`${n.padEnd(15)}\t${table[n] ? 'on' : 'off'}\n`);
  };
  if (!names.length) {
    const all = oMode ? SET_O_NAMES : Object.keys(st.shopt);
    for (const n of all) {
      if (mode === 's' && !table[n]) continue;
      if (mode === 'u' && table[n]) continue;
      show(n);
    }
    return 0;
  }
  for (const n of names) {
    if (!valid(n)) {
      shell.error(io, `shopt: ${n}: invalid shell option name`);
      status = 1;
      continue;
    }
    if (mode === 's' || mode === 'u') table[n] = mode === 's';
    else {
      show(n);
      if (!table[n]) status = 1;
    }
  }
  return status;
};

export const read: Builtin = async ({ argv, shell, io }) => {
  let raw = false;
  let delim = '\n';
  let nchars: number | undefined;
  let arrayName: string | undefined;
  let prompt: string | undefined;
  let fd = 0;
  let silent = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (names.length || !a.startsWith('-') || a === '-') {
      names.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      const takeArg = () => {
        const rest = a.slice(j + 1);
        j = a.length;
        return rest || argv[++i];
      };
      if (f === 'r') raw = true;
      else if (f === 's') silent = true;
      else if (f === 'e') continue;
      else if (f === 'd') delim = takeArg()?.[0] ?? '';
      else if (f === 'n' || f === 'N') nchars = Number(takeArg());
      else if (f === 'a') arrayName = takeArg();
      else if (f === 'p') prompt = takeArg();
      else if (f === 't') takeArg();
      else if (f === 'u') fd = Number(takeArg());
      else {
        shell.error(io, `read: -${f}: invalid option`);
        io.stderr.write('read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n');
        return 2;
      }
    }
  }
  for (const n of names) {
    if (!NAME.test(n)) {
      shell.error(io, `read: \`${n}': not a valid identifier`);
      return 1;
    }
  }
  if (prompt !== undefined && shell.interactive) io.stderr.write(prompt);
  const src = fd === 0 ? io.stdin : io.fds.get(fd);
  if (!src || !('read' in src)) {
    shell.error(io, `read: ${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }
  const input = shell.bufferedInput(src);
  const keyboard = src === shell.env.terminalInput ? (src as { echo?: boolean }) : undefined;
  if (keyboard && silent) keyboard.echo = false;
  try {
    return await readInto(input, { raw, delim, nchars, arrayName, names, shell, silent: !!keyboard && silent, io });
  } finally {
    if (keyboard) keyboard.echo = true;
  }
};

async function readInto(
  input: ReturnType<Shell['bufferedInput']>,
  o: { raw: boolean; delim: string; nchars?: number; arrayName?: string; names: string[]; shell: Shell; silent: boolean; io: BuiltinContext['io'] },
): Promise<number> {
  const { raw, delim, nchars, arrayName, names, shell } = o;
  let line: string;
  let ok: boolean;
  if (nchars !== undefined) {
    const chunk = await input.readChars(nchars);
    if (chunk === null) {
      line = '';
      ok = false;
    } else {
      const cut = delim && chunk.indexOf(delim) >= 0 ? chunk.slice(0, chunk.indexOf(delim)) : chunk;
      line = cut;
      ok = true;
    }
  } else {
    let acc = '';
    ok = false;
    for (;;) {
      const r = await input.readLine(delim || '\0');
      if (!r) break;
      if (!raw && r.terminated && /(^|[^\\])(\\\\)*\\$/.test(r.line) && delim === '\n') {
        acc += r.line.slice(0, -1);
        continue;
      }
      acc += r.line;
      ok = r.terminated;
      if (!r.terminated) ok = false;
      break;
    }
    line = acc;
    if (!ok && line === '') {
      assignRead(shell, names, arrayName, '', raw);
      return 1;
    }
  }
  assignRead(shell, names, arrayName, line, raw);
  return ok ? 0 : 1;
}

function assignRead(shell: Shell, names: string[], arrayName: string | undefined, line: string, raw: boolean): void {
  const ifs = shell.state.get('IFS') ?? ' \t\n';
  const unescape = (s: string) => (raw ? s : s.replace(/\\(.)/g, '$1'));
  const ws = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
  const trimRe = ws ? new RegExp(`^[${escapeClass(ws)}]+|[${escapeClass(ws)}]+$`, 'g') : null;
  const fields: string[] = [];
  let rest = trimRe ? line.replace(trimRe, '') : line;
  const wanted = arrayName ? Infinity : Math.max(names.length, 1);
  const isIfs = (c: string) => ifs.includes(c);
  while (rest.length && fields.length < wanted - 1) {
    let i = 0;
    while (i < rest.length && !isIfs(rest[i])) {
      if (!raw && rest[i] === '\\') i++;
      i++;
    }
    fields.push(unescape(rest.slice(0, i)));
    // skip one delimiter (with surrounding IFS whitespace)
    let j = i;
    while (j < rest.length && ws.includes(rest[j])) j++;
    if (j < rest.length && isIfs(rest[j]) && !ws.includes(rest[j])) {
      j++;
      while (j < rest.length && ws.includes(rest[j])) j++;
    }
    rest = rest.slice(j);
  }
  if (rest.length || fields.length < wanted) {
    if (arrayName === undefined || rest.length) fields.push(unescape(rest));
  }
  if (arrayName) {
    shell.state.set(arrayName, fields.filter((f, i) => f !== '' || i < fields.length - 1 || rest.length > 0));
    return;
  }
  if (!names.length) {
    shell.state.set('REPLY', raw ? line : line.replace(/\\(.)/g, '$1'));
    return;
  }
  names.forEach((n, i) => shell.state.set(n, fields[i] ?? ''));
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

export { NAME as VALID_NAME, declareLine };
