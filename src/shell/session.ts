/**
 * A shell session on a machine of the world: what the terminal (or the headless CLI) talks to.
 * It keeps a stack of shells — `ssh cka02`, `su -`, `sudo -i` and a nested `bash` push one,
 * `exit` or Ctrl-D pops it — and runs each complete command in the shell on top.
 *
 * Interactive sessions (the terminal) give prompts, history and a continuation test; stdin
 * sessions (the CLI, like `bash -s`) are fed text line by line and report errors with line
 * numbers.
 */
import type { InputStream, OutputStream, Program, Tty } from './command';
import type { SimClock } from '../sim/clock';
import type { Machine } from '../sim/machine/machine';
import { Parser } from './parse/parser';
import { FdTable } from './exec/redirect';
import { Shell, type NewShellOptions, type ShellEnv, type ShellHost, type ShellMode } from './exec/interpreter';
import type { ShellDialect } from './exec/dialect';
import type { Credentials } from '../sim/machine/fs';
import { userOfCredentials } from '../sim/machine/users';
import { ExitSignal, InterruptSignal } from './exec/signals';
import { ShellState } from './exec/state';
import { EMPTY_INPUT } from './exec/streams';
import { expandHistory } from './exec/history';
import { enterShellProcess } from './session-processes';
import { builtins, sessionPrograms } from './builtins/index';

/** What a session needs of the world: its clock and machines. */
export interface WorldLike {
  clock: SimClock;
  machines: Map<string, Machine>;
  resolveHost(nameOrIp: string): Machine | undefined;
}

export interface SessionOptions {
  world: WorldLike;
  /** Hostname to log in to (default: the first machine). */
  host?: string;
  /** User to log in as (default: root). */
  user?: string;
  /** Run as these ids instead of a named user (a container's process: runAsUser, runAsGroup, its groups). */
  credentials?: Credentials;
  /** 'interactive' for a terminal; 'stdin' to run fed text as `bash -s` does. */
  mode?: 'interactive' | 'stdin';
  programs: Record<string, Program>;
  /** Where output goes when no tty is given to run(): the CLI's stdout/stderr. */
  stdout?: OutputStream;
  stderr?: OutputStream;
  /** Input of commands in stdin mode (what `cat` reads); defaults to nothing. */
  stdin?: InputStream;
  /** Interactive only: log in again when the last shell exits (the page terminal). Default true. */
  relogin?: boolean;
  columns?: number;
  /**
   * Machines of other worlds that `ssh` and `scp` reach by name (the exam's hosts, each a cluster of
   * its own, from the candidate's base machine). A shell on such a machine runs with that world's
   * clock and programs (its kubectl talks to its own API server).
   */
  remoteHost?: (nameOrIp: string) => RemoteHost | undefined;
  /** The machine to log in to, instead of resolving `host` (it may be another world's). */
  machine?: Machine;
  /** The process that started the session's first shell (a tmux pane's: its server), instead of an sshd login. */
  parentPid?: number;
  /** Working directory and environment of the first shell (a tmux pane starts where tmux ran). */
  cwd?: string;
  env?: Record<string, string>;
  /** The first shell: a login shell (default: in interactive mode), and bash, dash or busybox's ash. */
  login?: boolean;
  dialect?: ShellDialect;
  /** What `sh` runs on this machine: dash (the default) or busybox's ash. */
  shDialect?: 'dash' | 'ash';
}

/** A machine of another world, with what a shell there needs of that world. */
export interface RemoteHost {
  machine: Machine;
  /** Its world: `ssh cka02` from there reaches that world's cka02. */
  world: WorldLike;
  clock: SimClock;
  programs: Record<string, Program>;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin';
const BASH_VERSION = '5.1.16(1)-release';
/** How much simulated time the end of a headless run gives background jobs to finish (a 10-minute `sleep 600 &` still does). */
const FINISH_JOBS_LIMIT_MS = 10 * 60_000;

/** Writes to whatever terminal the current run() was given, turning \n into \r\n. */
class TerminalOutput implements OutputStream {
  tty: Tty | null = null;
  /** The screen's flow control (see Session.setOutputGate): a promise while it is behind. */
  gate: (() => Promise<void> | undefined) | undefined;
  constructor(
    private readonly fallback: OutputStream,
    private readonly signal: () => AbortSignal = () => new AbortController().signal,
  ) {}
  write(chunk: string): void {
    if (this.tty) this.tty.write(chunk.replace(/\r?\n/g, '\r\n'));
    else this.fallback.write(chunk);
  }
  /** A writer of endless output (`yes`, `seq 1e9`) waits while the screen is behind, or until Ctrl-C. */
  drain(): Promise<void> | undefined {
    if (!this.tty || !this.gate) return undefined;
    const behind = this.gate();
    if (!behind) return undefined;
    const signal = this.signal();
    if (signal.aborted) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      void behind.then(done);
    });
  }
}

/** The keyboard as a cooked-mode input: echoes keys, returns a line on Enter, EOF on Ctrl-D. */
class TerminalInput implements InputStream {
  /** Echo typed characters (read -s turns this off). */
  echo = true;
  constructor(
    private readonly out: TerminalOutput,
    private readonly signal: () => AbortSignal,
  ) {}

  read(): Promise<string | null> {
    const tty = this.out.tty;
    if (!tty) return Promise.resolve(null);
    return new Promise((resolve) => {
      let line = '';
      const signal = this.signal();
      const finish = (value: string | null) => {
        keys.release();
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => finish(null);
      signal.addEventListener('abort', onAbort, { once: true });
      const keys = tty.takeKeys((data) => {
        for (const ch of data) {
          if (ch === '\r' || ch === '\n') {
            if (this.echo) tty.write('\r\n');
            finish(line + '\n');
            return;
          }
          if (ch === '\x04') {
            if (line === '') finish(null);
            else finish(line);
            return;
          }
          if (ch === '\x7f' || ch === '\b') {
            if (line) {
              line = line.slice(0, -1);
              if (this.echo) tty.write('\b \b');
            }
            continue;
          }
          if (ch < ' ' || data.startsWith('\x1b')) return;
          line += ch;
          if (this.echo) tty.write(ch);
        }
      });
    });
  }

  async readAll(): Promise<string> {
    let out = '';
    for (;;) {
      const c = await this.read();
      if (c === null) return out;
      out += c;
    }
  }
}

interface Frame {
  shell: Shell;
  onExit?: (status: number) => void;
  /** Next script line number (stdin mode messages). */
  lineNo: number;
  /** Takes the shell out of its machine's process table (it has exited). */
  release?: () => void;
}

export class Session implements ShellHost {
  readonly world: WorldLike;
  readonly programs: Record<string, Program>;
  readonly mode: 'interactive' | 'stdin';
  private stack: Frame[] = [];
  private controller = new AbortController();
  private readonly out: TerminalOutput;
  private readonly err: TerminalOutput;
  private readonly keyboard: TerminalInput;
  private readonly stdin: InputStream;
  private pending = '';
  private readonly relogin: boolean;
  /** What `sh` runs on this machine (busybox images: ash). */
  private readonly shDialect?: 'dash' | 'ash';
  /** The process that started the first shell, when no sshd login did (SessionOptions.parentPid). */
  private readonly parentPid?: number;
  columns: number;
  /** True once the last shell has exited. */
  closed = false;
  lastStatus = 0;

  constructor(opts: SessionOptions) {
    this.world = opts.world;
    this.programs = opts.programs;
    this.remoteHost = opts.remoteHost;
    this.mode = opts.mode ?? 'interactive';
    this.columns = opts.columns ?? 80;
    const sink: OutputStream = { write: () => {} };
    this.out = new TerminalOutput(opts.stdout ?? sink, () => this.controller.signal);
    this.err = new TerminalOutput(opts.stderr ?? opts.stdout ?? sink);
    this.keyboard = new TerminalInput(this.out, () => this.controller.signal);
    this.stdin = opts.stdin ?? EMPTY_INPUT;
    this.relogin = opts.relogin ?? true;
    this.parentPid = opts.parentPid;
    this.shDialect = opts.shDialect;
    const machine = opts.machine ?? (opts.host ? this.world.resolveHost(opts.host) : [...this.world.machines.values()][0]);
    if (!machine) throw new Error(`unknown host ${opts.host}`);
    const shell = this.newShell({ machine, user: opts.user ?? 'root', credentials: opts.credentials, mode: this.mode, login: opts.login ?? this.mode === 'interactive', cwd: opts.cwd, env: opts.env, dialect: opts.dialect });
    if (!shell) throw new Error(`unknown user ${opts.user}`);
    this.login = { machine, user: opts.user ?? 'root' };
    this.enter({ shell, lineNo: 1 });
    if (this.mode === 'interactive') void this.startup(shell);
  }

  /** Put a shell on top, as a process of its machine: under the shell below it, or logged in there. */
  private enter(frame: Frame): void {
    frame.release = enterShellProcess(frame.shell, this.stack[this.stack.length - 1]?.shell, this.stack.length ? undefined : this.parentPid);
    this.stack.push(frame);
  }

  /** Where the session first logged in: an interactive session logs in again there after `exit`. */
  private readonly login: { machine: Machine; user: string };

  /** The shell that receives input now. */
  get active(): Shell {
    return this.stack[this.stack.length - 1].shell;
  }

  get machine(): Machine {
    return this.active.env.machine;
  }

  /** Resolves once login startup files (~/.profile, ~/.bashrc) have run. */
  ready: Promise<void> = Promise.resolve();

  private startup(shell: Shell): Promise<void> {
    const p = this.runStartupFiles(shell);
    this.ready = this.ready.then(() => p);
    return p;
  }

  private async runStartupFiles(shell: Shell): Promise<void> {
    for (const path of startupFiles(shell)) {
      let text: string;
      try {
        text = shell.fs.readFile(path);
      } catch {
        continue;
      }
      shell.sourcing++;
      try {
        await shell.runText(text, FdTable.of(EMPTY_INPUT, this.out, this.err), { inline: 'source', syntaxPrefix: `${path}: ` });
      } catch {
        // a broken startup file does not stop the login
      } finally {
        shell.sourcing--;
      }
    }
    shell.state.lastStatus = 0;
  }

  // ------------------------------------------------------------ ShellHost

  resolveMachine(nameOrIp: string, from: Machine = this.active.env.machine): Machine | undefined {
    // Names resolve in the world of the machine asking, then among the remote hosts.
    const here = this.remotes.get(from);
    const local = (here?.world ?? this.world).resolveHost(nameOrIp);
    if (local) {
      if (here) this.remotes.set(local, { ...here, machine: local });
      return local;
    }
    const remote = this.remoteHost?.(nameOrIp);
    if (!remote) return undefined;
    this.remotes.set(remote.machine, remote);
    return remote.machine;
  }

  /** Machines of other worlds reached so far, with their world's clock and programs. */
  private readonly remotes = new Map<Machine, RemoteHost>();
  private readonly remoteHost: SessionOptions['remoteHost'];

  newShell(opts: NewShellOptions): Shell | undefined {
    const user = opts.credentials ? userOfCredentials(opts.machine.fs.admin, opts.credentials) : opts.machine.user(opts.user);
    if (!user) return undefined;
    const state = new ShellState();
    const home = user.identity.home;
    const exported: Record<string, string> = {
      PATH: DEFAULT_PATH,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...(opts.env ?? {}),
      HOME: home,
      USER: user.identity.name,
      LOGNAME: user.identity.name,
      SHELL: user.shell,
    };
    if (opts.login || this.mode === 'interactive') exported.MAIL = `/var/mail/${user.identity.name}`;
    for (const [k, v] of Object.entries(exported)) state.set(k, v, { export: true });
    let cwd = opts.cwd ?? home;
    const fs = opts.machine.fs.view(user.creds, '/');
    if (fs.stat(cwd)?.type !== 'dir') cwd = '/';
    state.cwd = cwd;
    state.set('PWD', cwd, { export: true });
    state.set('SHLVL', String(Number(opts.env?.SHLVL ?? '0') + 1), { export: true });
    if (opts.env?.OLDPWD) state.set('OLDPWD', opts.env.OLDPWD, { export: true });
    const dash = opts.dialect === 'dash';
    // dash sets only the POSIX variables; bash adds its own.
    const shellVars: Record<string, string> = dash
      ? { IFS: ' \t\n', PS2: '> ', PS4: '+ ', OPTIND: '1', PPID: String(opts.machine.allocatePid()) }
      : {
          BASH: '/usr/bin/bash',
          BASH_VERSION,
          HOSTNAME: opts.machine.hostname,
          HOSTTYPE: 'x86_64',
          MACHTYPE: 'x86_64-pc-linux-gnu',
          OSTYPE: 'linux-gnu',
          IFS: ' \t\n',
          PS2: '> ',
          PS4: '+ ',
          OPTIND: '1',
          UID: String(user.creds.uid),
          EUID: String(user.creds.uid),
          PPID: String(opts.machine.allocatePid()),
        };
    for (const [k, v] of Object.entries(shellVars)) state.set(k, v);
    if (!dash) {
      state.lookup('UID')!.readonly = true;
      state.lookup('EUID')!.readonly = true;
      state.set('BASH_VERSINFO', ['5', '1', '16', '1', 'release', 'x86_64-pc-linux-gnu']);
    }
    if (opts.mode === 'interactive') {
      // The shells' built-in prompts: dash's `# ` or `$ `; bash's, which /etc/bash.bashrc (Ubuntu)
      // or /etc/bashrc (CentOS) replaces.
      state.set('PS1', dash ? (user.creds.uid === 0 ? '# ' : '$ ') : '\\s-\\v\\$ ');
      if (!dash) state.set('HISTSIZE', '1000');
    }
    state.pid = opts.machine.allocatePid();
    state.arg0 = dash ? (opts.login ? '-sh' : 'sh') : opts.login ? '-bash' : 'bash';
    state.shopt.login_shell = !!opts.login;
    const session = this;
    const remote = this.remotes.get(opts.machine);
    const env: ShellEnv = {
      machine: opts.machine,
      user,
      clock: remote?.clock ?? this.world.clock,
      programs: remote?.programs ?? this.programs,
      builtins,
      sessionPrograms,
      mode: opts.mode as ShellMode,
      dialect: opts.dialect ?? 'bash',
      shDialect: this.shDialect,
      columns: this.columns,
      terminal: this.mode === 'interactive' ? this.out : undefined,
      terminalInput: this.mode === 'interactive' ? this.keyboard : undefined,
      sessionInput: this.mode === 'interactive' ? this.keyboard : this.stdin,
      get tty() {
        return session.out.tty ?? undefined;
      },
      get signal() {
        return session.controller.signal;
      },
      host: this,
      // Programs on another world's machine (an exam host, a minikube node) act on that world.
      world: remote?.world,
      login: opts.login,
    };
    const shell = new Shell(env, state);
    if (opts.mode === 'interactive') {
      // Ubuntu's dash is built without line editing: no history, no emacs keys.
      state.options.histexpand = !dash;
      state.options.history = !dash;
      state.options.monitor = true;
      state.options.emacs = !dash;
      state.shopt.expand_aliases = true;
    }
    return shell;
  }

  /**
   * A new interactive session beside this one (a tmux pane): a login shell of `from`'s user on
   * `from`'s machine, in `from`'s directory with its exported environment plus `env`, reaching the
   * same hosts. It never logs in again: `closed` turns true when its last shell exits.
   */
  openSession(from: Shell, options: { env?: Record<string, string>; columns?: number; cwd?: string; parentPid?: number } = {}): Session {
    const machine = from.env.machine;
    const remote = this.remotes.get(machine);
    return new Session({
      world: remote?.world ?? this.world,
      programs: remote?.programs ?? this.programs,
      remoteHost: this.remoteHost,
      machine,
      user: from.env.user.identity.name,
      mode: 'interactive',
      relogin: false,
      columns: options.columns ?? this.columns,
      cwd: options.cwd ?? from.state.cwd,
      env: { ...from.state.environment(), ...(options.env ?? {}) },
      parentPid: options.parentPid,
    });
  }

  /** Its terminal went away (a tmux pane killed): every shell of the session ends with it. */
  hangUp(): void {
    for (const frame of this.stack.splice(0)) frame.release?.();
    this.closed = true;
  }

  pushShell(shell: Shell, onExit?: (status: number) => void): void {
    this.enter({ shell, onExit, lineNo: 1 });
    if (shell.env.mode === 'interactive' && !shell.env.user) return;
    if (shell.env.mode === 'interactive') void this.startup(shell);
  }

  private async popShell(status: number, which?: Frame): Promise<void> {
    // `exec bash` replaces the shell that ran it: that frame ends, the new one stays on top.
    const index = which ? this.stack.lastIndexOf(which) : this.stack.length - 1;
    if (index < 0) return;
    const [frame] = this.stack.splice(index, 1);
    frame.release?.();
    if (index < this.stack.length) {
      this.stack[index].onExit ??= frame.onExit;
      return;
    }
    status = await frame.shell.runExitTrap(this.io(frame.shell), status);
    frame.onExit?.(status);
    this.lastStatus = status;
    if (this.stack.length) this.active.state.lastStatus = status;
    else if (this.mode === 'interactive' && this.relogin) {
      // A terminal in the page cannot close: like a terminal that reconnects, log in again.
      const shell = this.newShell({ machine: this.login.machine, user: this.login.user, mode: 'interactive', login: true })!;
      this.enter({ shell, lineNo: 1 });
      await this.startup(shell);
    } else this.closed = true;
  }

  private io(shell: Shell): FdTable {
    return shell.fdTable ?? FdTable.of(this.mode === 'interactive' ? this.keyboard : this.stdin, this.out, this.err);
  }

  // ------------------------------------------------------------ terminal interface

  /** PS1 expanded as bash does for the shell on top, e.g. `root@cka01:~# `. */
  prompt(): string {
    const sh = this.active;
    const ps1 = sh.state.get('PS1') ?? (sh.env.user.creds.uid === 0 ? 'bash-5.1# ' : 'bash-5.1$ ');
    return expandPrompt(ps1, sh);
  }

  continuationPrompt(): string {
    return expandPrompt(this.active.state.get('PS2') ?? '> ', this.active);
  }

  /** False while the text needs more lines (open quote, here-document, trailing `\\`, `|`, `&&`). */
  isComplete(text: string): boolean {
    const sh = this.active;
    return !Parser.isIncomplete(text, { alias: sh.interactive || sh.state.shopt.expand_aliases ? (n) => sh.state.aliases.get(n) : undefined });
  }

  /** Run a complete command text in the shell on top. Output goes to tty (or the session's streams). */
  async run(text: string, tty?: Tty): Promise<number> {
    await this.ready;
    if (this.closed) return this.lastStatus;
    if (tty) {
      this.out.tty = tty;
      this.err.tty = tty;
    }
    if (this.controller.signal.aborted) this.controller = new AbortController();
    const frame = this.stack[this.stack.length - 1];
    const shell = frame.shell;
    if (shell.interactive) {
      if (shell.state.options.histexpand) {
        const h = expandHistory(text, shell.history);
        if (!h.ok) {
          this.err.write(`bash: ${h.error}\n`);
          shell.state.lastStatus = 1;
          return 1;
        }
        if (h.changed) {
          text = h.text;
          this.out.write(text.endsWith('\n') ? text : text + '\n');
        }
      }
      const entry = text.replace(/\n$/, '');
      const control = shell.state.get('HISTCONTROL') ?? '';
      const ignoreSpace = /ignorespace|ignoreboth/.test(control);
      const ignoreDups = /ignoredups|ignoreboth/.test(control);
      const duplicate = ignoreDups && shell.history[shell.history.length - 1] === entry;
      if (entry.trim() && !(ignoreSpace && /^\s/.test(entry)) && !duplicate) shell.history.push(entry);
    }
    let status: number;
    try {
      status = await shell.runText(text, this.io(shell), { firstLine: frame.lineNo });
    } catch (e) {
      if (e instanceof ExitSignal) {
        frame.lineNo += lineCount(text);
        await this.popShell(e.status, frame);
        await this.ready;
        return e.status;
      }
      if (e instanceof InterruptSignal) status = 130;
      else {
        this.err.write(`bash: ${(e as Error)?.message ?? String(e)}\n`);
        status = 1;
      }
    }
    frame.lineNo += lineCount(text);
    if (shell.interactive) shell.reportDoneJobs(this.io(shell));
    shell.state.lastStatus = status;
    this.lastStatus = status;
    if (this.controller.signal.aborted) this.controller = new AbortController();
    // A shell started by this command (bash, su -, sudo -i) has read its startup files before the next prompt.
    await this.ready;
    return status;
  }

  /**
   * Flow control from the screen (the terminal's worker: output the page has not yet drawn). While
   * `gate` returns a promise, programs that write without end to the terminal wait for it, as a
   * real pty makes a writer wait for a slow terminal.
   */
  setOutputGate(gate: (() => Promise<void> | undefined) | undefined): void {
    this.out.gate = gate;
  }

  /** Ctrl-C: abort the running command (its run() resolves with 130). */
  interrupt(): void {
    this.controller.abort();
  }

  /** Ctrl-D on an empty line: a nested shell ends (true); the first one stays (false). */
  async endOfInput(tty?: Tty): Promise<boolean> {
    if (this.stack.length <= 1) return false;
    if (tty) this.out.tty = tty;
    const sh = this.active;
    this.err.write(sh.env.login ? 'logout\n' : 'exit\n');
    await this.popShell(sh.state.lastStatus);
    return true;
  }

  /** One history per machine and user. */
  historyKey(): string {
    return `${this.active.env.machine.hostname}:${this.active.env.user.identity.name}`;
  }

  /** Completion belongs to the terminal's engine; the session offers none of its own. */
  complete(line: string, cursor: number): { start: number; end: number; candidates: Array<{ value: string }> } {
    return { start: cursor, end: cursor, candidates: [] };
  }

  // ------------------------------------------------------------ stdin (script) mode

  /**
   * Feed script text (any chunking). Complete commands run as soon as their last line arrives,
   * in whichever shell is on top (so lines after `ssh cka02` run there).
   */
  async feed(text: string): Promise<void> {
    this.pending += text;
    let start = 0;
    try {
      for (;;) {
        if (this.closed) return;
        const nl = this.pending.indexOf('\n', start);
        if (nl < 0) return;
        // Take lines until the accumulated text is a complete command.
        let end = nl + 1;
        let chunk = this.pending.slice(start, end);
        while (!this.isComplete(chunk)) {
          const next = this.pending.indexOf('\n', end);
          if (next < 0) return;
          end = next + 1;
          chunk = this.pending.slice(start, end);
        }
        start = end;
        await this.run(chunk);
      }
    } finally {
      // Drop what ran (once, not per line: scripts can be long).
      this.pending = this.pending.slice(start);
    }
  }

  /** End of input: run what is left, then every open shell exits. Returns the final status. */
  async finish(): Promise<number> {
    if (this.pending && !this.closed) {
      const rest = this.pending;
      this.pending = '';
      await this.run(rest);
    }
    // Background jobs still running finish before the headless run ends (deterministic output),
    // within FINISH_JOBS_LIMIT_MS of simulated time; one that serves or watches for ever is left.
    for (const f of this.stack) await f.shell.env.clock.drive(Promise.all(f.shell.jobs.map((j) => j.finished)), FINISH_JOBS_LIMIT_MS);
    while (!this.closed && this.stack.length) await this.popShell(this.active.state.lastStatus);
    return this.lastStatus;
  }
}

function lineCount(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Decode PS1/PS2 escapes (\\u \\h \\w \\$ …) and simple parameter references. */
export function expandPrompt(ps: string, shell: Shell): string {
  const st = shell.state;
  const home = st.get('HOME') ?? '';
  const cwd = st.get('PWD') ?? st.cwd;
  const tildeCwd = home && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
  const user = shell.env.user.identity.name;
  const host = shell.env.machine.hostname;
  const now = shell.env.clock.date();
  const pad = (n: number) => String(n).padStart(2, '0');
  let out = '';
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i];
    if (c !== '\\' || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const n = ps[++i];
    switch (n) {
      case 'u': out += user; break;
      case 'h': out += host.split('.')[0]; break;
      case 'H': out += host; break;
      case 'w': out += tildeCwd; break;
      case 'W': out += cwd === home ? '~' : cwd === '/' ? '/' : cwd.split('/').pop(); break;
      case '$': out += shell.env.user.creds.uid === 0 ? '#' : '$'; break;
      case 'n': out += '\n'; break;
      case 's': out += 'bash'; break;
      case 'v': out += '5.1'; break;
      case 'V': out += '5.1.16'; break;
      case 't': out += `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`; break;
      case 'A': out += `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}`; break;
      case '#': out += String(shell.history.length + 1); break;
      case '!': out += String(shell.history.length + 1); break;
      case 'j': out += '0'; break;
      case 'l': out += 'pts/0'; break;
      case '[':
      case ']': break;
      case 'e': out += '\x1b'; break;
      case 'a': out += '\x07'; break;
      case '\\': out += '\\'; break;
      default:
        if (/[0-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(ps.slice(i))![0];
          out += String.fromCharCode(parseInt(m, 8));
          i += m.length - 1;
        } else out += '\\' + n;
    }
  }
  // Parameter references ($var, ${var}, ${var:+word}).
  return out.replace(/\$\{(\w+):\+([^}]*)\}|\$\{(\w+)\}|\$(\w+)/g, (_m, a: string, word: string, b: string, c: string) => {
    if (a) return st.get(a) ? word.replace(/\$(\w+)/g, (_x, v: string) => st.get(v) ?? '') : '';
    return st.get(b ?? c) ?? '';
  });
}

/**
 * The files bash reads as it starts (bash(1) INVOCATION): a login shell reads /etc/profile, then the
 * first of ~/.bash_profile, ~/.bash_login, ~/.profile that exists; an interactive non-login shell
 * reads /etc/bash.bashrc (Debian's SYS_BASHRC; absent on CentOS) and ~/.bashrc.
 */
function startupFiles(shell: Shell): string[] {
  const home = shell.env.user.identity.home;
  if (shell.env.dialect === 'dash') {
    // dash: a login shell reads /etc/profile and ~/.profile, an interactive one the file $ENV names.
    if (shell.env.login) return ['/etc/profile', `${home}/.profile`];
    const env = shell.state.get('ENV');
    return env ? [env] : [];
  }
  if (!shell.env.login) return ['/etc/bash.bashrc', `${home}/.bashrc`];
  const personal = ['.bash_profile', '.bash_login', '.profile'].map((f) => `${home}/${f}`).find((p) => shell.fs.stat(p) !== null);
  return personal ? ['/etc/profile', personal] : ['/etc/profile'];
}
