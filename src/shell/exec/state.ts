/**
 * The state of one shell process: variables (with dynamic scoping for `local`), functions,
 * aliases, options and positional parameters. Subshells, pipeline members and command
 * substitutions work on a clone, so nothing they change leaks back — as with fork().
 */
import type { Command } from '../parse/ast';

export type VarValue = string | Array<string | undefined> | Map<string, string>;

export interface Var {
  value: VarValue | undefined;
  exported?: boolean;
  readonly?: boolean;
  integer?: boolean;
}

export interface FunctionDef {
  name: string;
  body: Command;
  source: string;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
  noclobber: boolean;
  verbose: boolean;
  allexport: boolean;
  hashall: boolean;
  braceexpand: boolean;
  histexpand: boolean;
  monitor: boolean;
  emacs: boolean;
  vi: boolean;
  notify: boolean;
  noexec: boolean;
  ignoreeof: boolean;
  physical: boolean;
  posix: boolean;
  errtrace: boolean;
  functrace: boolean;
  history: boolean;
  'interactive-comments': boolean;
  keyword: boolean;
  nolog: boolean;
  onecmd: boolean;
  privileged: boolean;
}

/** Every `set -o` name, in the order bash lists them. */
export const SET_O_NAMES: Array<keyof ShellOptions> = [
  'allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof',
  'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd',
  'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace',
];

/** Single-letter flags of `set` and their long names. */
export const SET_FLAGS: Record<string, keyof ShellOptions> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', v: 'verbose', a: 'allexport', h: 'hashall',
  B: 'braceexpand', H: 'histexpand', m: 'monitor', n: 'noexec', P: 'physical', b: 'notify', E: 'errtrace', T: 'functrace',
  k: 'keyword', p: 'privileged', t: 'onecmd',
};

/** `shopt` options in bash's own listing order, with the defaults of a non-interactive bash. */
export const SHOPT_DEFAULTS: Record<string, boolean> = {
  autocd: false, assoc_expand_once: false, cdable_vars: false, cdspell: false, checkhash: false, checkjobs: false,
  checkwinsize: true, cmdhist: true, compat31: false, compat32: false, compat40: false, compat41: false, compat42: false,
  compat43: false, compat44: false, complete_fullquote: true, direxpand: false, dirspell: false, dotglob: false,
  execfail: false, expand_aliases: false, extdebug: false, extglob: false, extquote: true, failglob: false,
  force_fignore: true, globasciiranges: true, globskipdots: true, globstar: false, gnu_errfmt: false, histappend: false,
  histreedit: false, histverify: false, hostcomplete: true, huponexit: false, inherit_errexit: false,
  interactive_comments: true, lastpipe: false, lithist: false, localvar_inherit: false, localvar_unset: false,
  login_shell: false, mailwarn: false, no_empty_cmd_completion: false, nocaseglob: false, nocasematch: false,
  noexpand_translation: false, nullglob: false, patsub_replacement: true, progcomp: true, progcomp_alias: false,
  promptvars: true, restricted_shell: false, shift_verbose: false, sourcepath: true, varredir_close: false, xpg_echo: false,
};

export class ShellState {
  scopes: Array<Map<string, Var>> = [new Map()];
  functions = new Map<string, FunctionDef>();
  /** Functions marked with `export -f`: child bash processes inherit them. */
  exportedFunctions = new Set<string>();
  aliases = new Map<string, string>();
  options: ShellOptions = {
    errexit: false, nounset: false, xtrace: false, pipefail: false, noglob: false, noclobber: false, verbose: false,
    allexport: false, hashall: true, braceexpand: true, histexpand: false, monitor: false, emacs: false, vi: false,
    notify: false, noexec: false, ignoreeof: false, physical: false, posix: false, errtrace: false, functrace: false,
    history: false, 'interactive-comments': true, keyword: false, nolog: false, onecmd: false, privileged: false,
  };
  shopt: Record<string, boolean> = { ...SHOPT_DEFAULTS };
  positional: string[] = [];
  /** $0 */
  arg0 = 'bash';
  lastStatus = 0;
  lastBgPid: number | undefined;
  pid = 0;
  cwd = '/';
  umask = 0o022;
  hash = new Map<string, { path: string; hits: number }>();
  traps = new Map<string, string>();
  /** `complete` specs by command name (e.g. k → "-o default -F __start_kubectl"), for the terminal's completion. */
  completions = new Map<string, string>();
  dirStack: string[] = [];
  /** Function call depth (FUNCNAME). */
  funcStack: string[] = [];
  /** Current loop depth, for break/continue. */
  loopDepth = 0;

  clone(): ShellState {
    const s = new ShellState();
    s.scopes = this.scopes.map((scope) => new Map([...scope].map(([k, v]) => [k, cloneVar(v)])));
    s.functions = new Map(this.functions);
    s.exportedFunctions = new Set(this.exportedFunctions);
    s.aliases = new Map(this.aliases);
    s.options = { ...this.options };
    s.shopt = { ...this.shopt };
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.lastStatus = this.lastStatus;
    s.lastBgPid = this.lastBgPid;
    s.pid = this.pid;
    s.cwd = this.cwd;
    s.umask = this.umask;
    s.hash = new Map(this.hash);
    s.traps = new Map(this.traps);
    s.completions = new Map(this.completions);
    s.dirStack = [...this.dirStack];
    s.funcStack = [...this.funcStack];
    s.loopDepth = this.loopDepth;
    return s;
  }

  lookup(name: string): Var | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** The string value ($name: element 0 of an array), or undefined when unset. */
  get(name: string): string | undefined {
    const v = this.lookup(name);
    if (!v || v.value === undefined) return undefined;
    if (typeof v.value === 'string') return v.value;
    if (Array.isArray(v.value)) return v.value[0];
    return v.value.get('0');
  }

  /** Assign (to the innermost existing variable, else a global). Returns false when readonly. */
  set(name: string, value: VarValue, opts: { export?: boolean; local?: boolean } = {}): boolean {
    let v = opts.local ? this.scopes[this.scopes.length - 1].get(name) : this.lookup(name);
    if (v?.readonly) return false;
    if (!v) {
      v = { value: undefined };
      (opts.local ? this.scopes[this.scopes.length - 1] : this.scopes[0]).set(name, v);
    }
    v.value = value;
    if (opts.export || this.options.allexport) v.exported = true;
    return true;
  }

  setElement(name: string, index: string, value: string): boolean {
    let v = this.lookup(name);
    if (v?.readonly) return false;
    if (!v) {
      v = { value: [] };
      this.scopes[0].set(name, v);
    }
    if (v.value instanceof Map) v.value.set(index, value);
    else {
      const arr: Array<string | undefined> = Array.isArray(v.value) ? v.value : v.value === undefined ? [] : [v.value];
      const i = Number(index);
      const idx = i < 0 ? arr.length + i : i;
      if (idx >= 0) arr[idx] = value;
      v.value = arr;
    }
    return true;
  }

  unset(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) {
        if (v.readonly) return false;
        this.scopes[i].delete(name);
        return true;
      }
    }
    return true;
  }

  /** Names of every visible variable, sorted as `set` and `export -p` list them. */
  names(): string[] {
    const all = new Set<string>();
    for (const scope of this.scopes) for (const k of scope.keys()) all.add(k);
    return [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The environment passed to programs: every exported variable with a value. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.names()) {
      const v = this.lookup(name)!;
      if (v.exported && typeof v.value === 'string') env[name] = v.value;
    }
    return env;
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }
}

function cloneVar(v: Var): Var {
  const value = Array.isArray(v.value) ? [...v.value] : v.value instanceof Map ? new Map(v.value) : v.value;
  return { ...v, value };
}
