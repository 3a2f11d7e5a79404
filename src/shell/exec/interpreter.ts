/**
 * The evaluator: runs the syntax tree of one shell process against its machine. A `Shell` is
 * a process (its state, user and descriptors); subshells, pipeline members and command
 * substitutions run in clones of it. Programs are looked up as bash does: functions, builtins,
 * then executables found on PATH in the simulated filesystem, whose content names the program.
 */
import type { CommandContext, InputStream, OutputStream, Program, Tty } from '../command';
import { FsError } from '../command';
import type { SimClock } from '../../sim/clock';
import type { Machine } from '../../sim/machine/machine';
import type { ResolvedUser } from '../../sim/machine/users';
import type { Credentials, FsView } from '../../sim/machine/fs';
import { programOfExecutable } from '../../sim/machine/image';
import { startProcess, type SessionProcess } from '../../sim/machine/process-table';
import type { Assignment, Command, CondExpr, ListNode, Redirect, SimpleCommand, Word } from '../parse/ast';
import { Parser } from '../parse/parser';
import { ArithError, evalArith, type ArithVars } from './arith';
import { Expander, ExpansionError, type ExpandHost } from './expand';
import { matchPattern, patternSource } from './pattern';
import { REDIRECT_FAILURE_STATUS, redirectEndsShell, redirectFailureText, type RedirectFailure, type ShellDialect } from './dialect';
import { FdTable, fsErrorText, openInput, openOutput, CLOSED_OUTPUT, WriteError, type Fd } from './redirect';
import { BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ReturnSignal } from './signals';
import { ShellState } from './state';
import { commandText } from './print';
import { BrokenPipe, Collector, Pipe, PIPE_CAPACITY, StringInput, BufferedInput } from './streams';
import { TimeSlice } from './time-slice';
import { binaryTest, TestError, unaryTest, type TestEnv } from './test-expr';

/** How the shell reads its commands; decides message prefixes and what a syntax error does. */
export type ShellMode = 'interactive' | 'stdin' | 'command' | 'script';

/** A builtin runs inside the shell process. */
export interface BuiltinContext {
  shell: Shell;
  argv: string[];
  io: FdTable;
  line: number;
}
export type Builtin = (b: BuiltinContext) => Promise<number> | number;

/** Programs that need the shell itself (sudo, su, ssh, bash…). */
export type SessionProgram = (ctx: CommandContext, shell: Shell) => Promise<number>;

/** What the session offers its shells: nested login shells (ssh, su, sudo -i, bash). */
export interface ShellHost {
  /** Make `shell` the active shell (reading the session's input) until it exits. */
  pushShell(shell: Shell, onExit?: (status: number) => void): void;
  /** The world's machines by hostname or IP, for ssh and scp, as seen from the machine `from`. */
  resolveMachine(nameOrIp: string, from?: Machine): Machine | undefined;
  /** A new shell process for a user on a machine (login shells read ~/.profile and ~/.bashrc). */
  newShell(opts: NewShellOptions): Shell | undefined;
  world: unknown;
  /** A new interactive session beside this one, for `from`'s user on `from`'s machine (tmux panes). */
  openSession?(from: Shell, options: { env?: Record<string, string>; columns?: number; cwd?: string; parentPid?: number }): unknown;
}

export interface NewShellOptions {
  machine: Machine;
  user: string;
  mode: ShellMode;
  login: boolean;
  /** Environment to start from (HOME, USER… are set from the user anyway). */
  env?: Record<string, string>;
  cwd?: string;
  /** No startup files (sudo CMD). */
  bare?: boolean;
  /** Run as these ids (a container's process) rather than as the named user. */
  credentials?: Credentials;
  /** The shell program: bash (default), dash as Ubuntu's /bin/sh (`sh`, `chroot DIR` with no command), or busybox's ash. */
  dialect?: ShellDialect;
}

export interface ShellEnv {
  machine: Machine;
  user: ResolvedUser;
  clock: SimClock;
  programs: Record<string, Program>;
  builtins: Record<string, Builtin>;
  sessionPrograms: Record<string, SessionProgram>;
  mode: ShellMode;
  /** $0 and the message prefix of scripts. */
  scriptName?: string;
  /** bash, dash or ash: they word their errors differently (dialect.ts). */
  dialect: ShellDialect;
  /** What `sh` runs here: dash (Debian, Ubuntu; the default) or busybox's ash. */
  shDialect?: 'dash' | 'ash';
  columns: number;
  /** The terminal's output stream: commands writing to it see isTTY. */
  terminal?: OutputStream;
  /** The terminal's input stream (a nested `bash` on a terminal becomes interactive). */
  terminalInput?: InputStream;
  /** The stream the session reads commands from: a nested shell started on it (ssh, sudo -i,
   *  bash) takes over the following input, as with a real pipe or terminal. */
  sessionInput?: InputStream;
  tty?: Tty;
  signal: AbortSignal;
  host?: ShellHost;
  /** The world this shell's machine belongs to, when it is not the session's (another world's host). */
  world?: unknown;
  /** Login shell (su -, ssh, sudo -i): `logout` is allowed. */
  login?: boolean;
  /** The terminal the shell's processes have (ps's TTY: `pts/0`), set as the session enters it. */
  ttyName?: string;
  /** A background job's shell: its programs are not in the terminal's foreground (ps's `S`, not `S+`). */
  background?: boolean;
  /** How a signal reaches the background job this shell runs (kill PID, pkill). */
  jobSignal?: (signal: number) => void;
}

export interface Job {
  id: number;
  pid: number;
  command: string;
  status: number;
  reported: boolean;
  done: boolean;
  /** Settles when the job ends (jobs run concurrently with the shell, as with `&`). */
  finished: Promise<number>;
  /** The signal that ended it (kill): its status is then 128 + the signal's number. */
  signal?: number;
  /** Deliver a signal (the kill builtin): the job ends at its next step. */
  kill(signal: number): void;
}

/** What a killed job's status line says (strsignal's words for the signals kill sends). */
const SIGNAL_WORDS: Record<number, string> = { 1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 6: 'Aborted', 9: 'Killed', 10: 'User defined signal 1', 12: 'User defined signal 2', 13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated' };

/** A job's state as `jobs` and the prompt's notices print it: Running, Done, Exit N, or the signal that ended it. */
export function jobState(j: Job): string {
  if (!j.done) return 'Running';
  if (j.signal !== undefined) return SIGNAL_WORDS[j.signal] ?? `Signal ${j.signal}`;
  return j.status === 0 ? 'Done' : `Exit ${j.status}`;
}

const XTRACE_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (XTRACE_SAFE.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export class Shell implements ExpandHost {
  state: ShellState;
  readonly expander: Expander;
  /** Nesting of subshells, for $BASH_SUBSHELL and xtrace's `+` depth. */
  subshellLevel = 0;
  /** Inside if/while conditions, && / || lists, or `!`: errexit does not apply. */
  private errexitSuppressed = 0;
  currentLine = 0;
  history: string[] = [];
  jobs: Job[] = [];
  /**
   * The process a forked shell turns into when it runs a program (a background simple command:
   * bash forks, and the child execs the program, which keeps the pid `$!` names).
   */
  execAs?: { pid: number; ppid: number };
  /** Descriptors opened by `exec 3>file` etc. and by `exec >file`. */
  fdTable: FdTable | null = null;
  /** Shell is exiting (exit builtin in interactive mode, or login shell logout). */
  exited: number | null = null;
  private procSubstCounter = 63;
  /** Depth of `source`: `return` is allowed inside. */
  sourcing = 0;
  /** Lines of the script counted so far (the session feeds text in pieces). */
  lineBase = 0;
  readonly startedAt: number;

  constructor(
    public env: ShellEnv,
    state?: ShellState,
  ) {
    this.state = state ?? new ShellState();
    this.expander = new Expander(this);
    this.startedAt = env.clock.now();
  }

  // ------------------------------------------------------------ process helpers

  get fs(): FsView {
    const v = this.env.machine.fs.view(this.env.user.creds, this.state.cwd, this.pendingOverlay.size ? this.pendingOverlay : undefined);
    v.umask = this.state.umask;
    return v;
  }

  get interactive(): boolean {
    return this.env.mode === 'interactive';
  }

  /**
   * A forked copy of this shell: same machine and user, cloned state. `withJobs`: it still knows this shell's jobs, as bash's pipeline
   * members and command substitutions do (`jobs -p | xargs kill`, `$(jobs -p)`); a ( subshell )
   * starts with none. Jobs it starts are its own either way.
   */
  subshell(withJobs = false): Shell {
    const s = new Shell(this.env, this.state.clone());
    if (withJobs) s.jobs = [...this.jobs];
    s.subshellLevel = this.subshellLevel + 1;
    s.substDepth = this.substDepth;
    s.currentLine = this.currentLine;
    s.lineBase = this.lineBase;
    s.history = this.history;
    s.fdTable = this.fdTable;
    s.state.pid = this.state.pid;
    return s;
  }

  /** The prefix of error messages: `bash: `, `bash: line 3: `, `main: line 3: `, `./s.sh: line 3: `. */
  errPrefix(line = this.currentLine): string {
    const mode = this.env.mode;
    if (this.env.dialect === 'dash') return `${this.env.scriptName ?? 'sh'}: ${line}: `;
    // ash (ash_vmsg): a script names its line, sh -c and an interactive shell do not.
    if (this.env.dialect === 'ash') return mode === 'script' ? `${this.env.scriptName ?? 'sh'}: line ${line}: ` : 'sh: ';
    if (mode === 'interactive') return 'bash: ';
    if (this.state.funcStack.length && mode !== 'script') return `${mode === 'command' ? 'environment' : 'main'}: line ${line}: `;
    const name = mode === 'script' ? this.env.scriptName ?? 'bash' : 'bash';
    return `${name}: line ${line}: `;
  }

  /** `bash: cd: nope: No such file or directory` with the mode's prefix. */
  error(io: FdTable, message: string): void {
    io.stderr.write(`${this.errPrefix()}${message}\n`);
  }

  /**
   * A builtin's error: `bash: line 1: cd: …`, `sh: 1: cd: …`; ash names the builtin first and then,
   * unless interactive, the line (counted from 0 in sh -c, as its `lineno = 0; // bash compat`).
   */
  commandError(io: FdTable, name: string, message: string): void {
    if (this.env.dialect !== 'ash') return this.error(io, `${name}: ${message}`);
    const mode = this.env.mode;
    const shell = mode === 'script' ? this.env.scriptName ?? 'sh' : 'sh';
    const line = mode === 'interactive' ? '' : `line ${mode === 'command' ? this.currentLine - 1 : this.currentLine}: `;
    io.stderr.write(`${shell}: ${name}: ${line}${message}\n`);
  }

  flags(): string {
    const o = this.state.options;
    let f = '';
    if (o.allexport) f += 'a';
    if (o.errexit) f += 'e';
    if (o.noglob) f += 'f';
    if (o.hashall) f += 'h';
    if (this.interactive) f += 'i';
    if (o.monitor || this.interactive) f += 'm';
    if (o.nounset) f += 'u';
    if (o.verbose) f += 'v';
    if (o.xtrace) f += 'x';
    if (o.braceexpand) f += 'B';
    if (o.noclobber) f += 'C';
    if (this.interactive) f += 'H';
    if (this.env.mode === 'command') f += 'c';
    if (this.env.mode === 'stdin' || this.interactive) f += 's';
    return f;
  }

  private randomState = 0;

  dynamicVar(name: string): string | undefined {
    switch (name) {
      case 'RANDOM': {
        // bash's RANDOM is 15 bits; seeded from the pid so runs repeat.
        if (!this.randomState) this.randomState = (this.state.pid * 1103515245 + 12345) >>> 0 || 1;
        this.randomState = (this.randomState * 1103515245 + 12345) >>> 0;
        return String((this.randomState >>> 16) & 0x7fff);
      }
      case 'SECONDS':
        return String(Math.floor((this.env.clock.now() - this.startedAt) / 1000));
      case 'EPOCHSECONDS':
        return String(Math.floor(this.env.clock.now() / 1000));
      case 'EPOCHREALTIME':
        return (this.env.clock.now() / 1000).toFixed(6);
      case 'BASHPID':
        return String(this.state.pid);
      case 'BASH_SUBSHELL':
        return String(this.subshellLevel);
      case 'FUNCNAME':
        return this.state.funcStack.length ? this.state.funcStack[this.state.funcStack.length - 1] : undefined;
      case 'PWD':
        return this.state.get('PWD') ?? this.state.cwd;
      case 'HOSTNAME':
        return this.state.get('HOSTNAME') ?? this.env.machine.hostname;
    }
    return undefined;
  }

  homeOf(user: string): string | undefined {
    if (user === '') return this.env.user.identity.home;
    return this.env.machine.user(user)?.identity.home;
  }

  arithVars(): ArithVars {
    return {
      get: (name, index) => {
        if (index === undefined) return this.state.get(name);
        const v = this.state.lookup(name);
        if (!v || v.value === undefined) return undefined;
        if (v.value instanceof Map) return v.value.get(index);
        const i = Number(evalArith(index, this.arithVars()));
        if (typeof v.value === 'string') return i === 0 ? v.value : undefined;
        return v.value[i < 0 ? v.value.length + i : i];
      },
      set: (name, value, index) => {
        if (index !== undefined) {
          const v = this.state.lookup(name);
          const key = v?.value instanceof Map ? index : String(evalArith(index, this.arithVars()));
          this.state.setElement(name, key, value);
        } else if (!this.state.set(name, value)) throw new ArithError(name, 'readonly variable', name);
      },
      unset: (name) => {
        if (this.state.options.nounset) throw new ExpansionError(`${name}: unbound variable`, true);
      },
    };
  }

  /** Nesting of command substitutions: xtrace repeats the first character of PS4 per level. */
  substDepth = 0;

  async commandSubst(body: ListNode): Promise<string> {
    const sub = this.subshell(true);
    sub.substDepth = this.substDepth + 1;
    const out = new Collector();
    const io = (this.currentIo ?? this.fdTable ?? this.baseIo).with(1, out);
    let status: number;
    try {
      status = await sub.execList(body, io);
    } catch (e) {
      status = sub.statusOf(e);
    }
    this.state.lastStatus = status;
    this.lastSubstStatus = status;
    return out.text;
  }

  /** The shell's own descriptors when not inside a command (set by run()). */
  baseIo: FdTable = FdTable.of(new StringInput(''), CLOSED_OUTPUT, CLOSED_OUTPUT);
  private lastSubstStatus: number | undefined;

  async processSubst(dir: '<' | '>', body: ListNode): Promise<string> {
    const path = `/dev/fd/${this.procSubstCounter++}`;
    if (dir === '<') {
      const text = await this.commandSubst(body);
      this.pendingOverlay.set(path, text);
    } else {
      this.pendingOverlay.set(path, '');
    }
    return path;
  }

  /** Files of process substitutions visible to the next command. */
  pendingOverlay = new Map<string, string>();

  statusOf(e: unknown): number {
    if (e instanceof ExitSignal) return e.status;
    if (e instanceof ReturnSignal) return e.status;
    if (e instanceof InterruptSignal) return 130;
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
    if (e instanceof BrokenPipe) return 141;
    throw e;
  }

  // ------------------------------------------------------------ running text

  /**
   * Parse and run source text command by command (bash -c, scripts, source, eval, and the
   * session's input). Syntax errors print bash's message; in non-interactive shells they end
   * the shell (ExitSignal) unless `inline` (source/eval), which returns 2.
   */
  async runText(text: string, io: FdTable, opts: { firstLine?: number; inline?: 'source' | 'eval'; syntaxPrefix?: string } = {}): Promise<number> {
    const parser = new Parser(text, {
      alias: this.interactive || this.state.shopt.expand_aliases ? (n) => this.state.aliases.get(n) : undefined,
      firstLine: opts.firstLine ?? 1,
    });
    let status = 0;
    for (;;) {
      this.checkInterrupt();
      const r = parser.next();
      if (r.kind === 'eof') break;
      if (r.kind === 'command') {
        for (const w of r.warnings) io.stderr.write(`${this.syntaxPrefix(w.line, opts.syntaxPrefix)}${w.message}\n`);
        status = await this.execList(r.node, io);
        continue;
      }
      const err = r.error;
      io.stderr.write(`${this.syntaxPrefix(err.line, opts.syntaxPrefix)}${err.message}\n`);
      if (r.kind === 'error' && err.lineText !== undefined && !this.interactive) {
        io.stderr.write(`${this.syntaxPrefix(err.line, opts.syntaxPrefix)}\`${err.lineText}'\n`);
      }
      this.state.lastStatus = 2;
      if (opts.inline || this.interactive) return 2;
      throw new ExitSignal(2);
    }
    return status;
  }

  private syntaxPrefix(line: number, override?: string): string {
    if (override !== undefined) return `${override}line ${line}: `;
    switch (this.env.mode) {
      case 'interactive':
        return 'bash: ';
      case 'command':
        return `bash: -c: line ${line}: `;
      case 'script':
        return `${this.env.scriptName}: line ${line}: `;
      default:
        return `bash: line ${line}: `;
    }
  }

  /** Interactive shells announce finished background jobs before the next prompt. */
  reportDoneJobs(io: FdTable): void {
    const pending = this.jobs.filter((j) => !j.reported);
    pending.forEach((j, i) => {
      if (!j.done) return;
      const mark = i === pending.length - 1 ? '+' : i === pending.length - 2 ? '-' : ' ';
      io.stderr.write(`[${j.id}]${mark}  ${jobState(j).padEnd(24)}${j.command}\n`);
      j.reported = true;
    });
  }

  checkInterrupt(): void {
    if (this.env.signal.aborted) throw new InterruptSignal();
  }

  // ------------------------------------------------------------ evaluation

  async execList(list: ListNode, io: FdTable): Promise<number> {
    let status = this.state.lastStatus;
    for (const item of list.items) {
      this.checkInterrupt();
      if (item.async) {
        status = await this.runBackground(item.cmd, io);
        continue;
      }
      status = await this.exec(item.cmd, io);
    }
    return status;
  }

  /** Reserve a process slot, or print bash's fork error and return false. */
  private fork(io: FdTable, count = 1): boolean {
    const live = liveCounter(this.env.machine);
    if (live.n + count > MAX_LIVE_PROCESSES) {
      this.error(io, 'fork: retry: Resource temporarily unavailable');
      return false;
    }
    live.n += count;
    return true;
  }

  private release(count = 1): void {
    liveCounter(this.env.machine).n -= count;
  }

  private async runBackground(cmd: Command, io: FdTable): Promise<number> {
    if (!this.fork(io)) return 254;
    const pid = this.env.machine.allocatePid();
    const id = this.jobs.filter((j) => !j.reported).length + 1;
    if (this.interactive) io.stderr.write(`[${id}] ${pid}\n`);
    const sub = this.subshell();
    sub.state.pid = pid;
    // A signal of the job's own (kill %1 ends it alone); the shell's still reaches it.
    const controller = new AbortController();
    const parent = this.env.signal;
    if (parent.aborted) controller.abort();
    else parent.addEventListener('abort', () => controller.abort(), { once: true });
    // The job sees the clock as a background process does: under a manual driver (the headless CLI,
    // tests) its sleeps wait for the foreground to move time instead of moving the world at once.
    const backgroundEnded = this.env.clock.backgroundStarted();
    sub.env = { ...sub.env, clock: this.env.clock.passive(), signal: controller.signal, background: true, jobSignal: (signal) => job.kill(signal) };
    // The forked shell is a process of its own (a copy of this one) until it execs a program.
    const endProcess = startProcess(this.env.machine, this.processRow(pid, this.state.pid, this.state.arg0 ?? 'bash', 'S', (signal) => job.kill(signal)));
    if (cmd.type === 'simple') sub.execAs = { pid, ppid: this.state.pid };
    const job: Job = {
      id,
      pid,
      command: commandText(cmd),
      status: 0,
      reported: false,
      done: false,
      finished: Promise.resolve(0),
      kill(signal) {
        if (job.done) return;
        job.signal = signal;
        controller.abort();
        ended();
      },
    };
    // A killed job ends at once, whatever its command was waiting for.
    let ended: () => void = () => {};
    const killed = new Promise<number>((resolve) => (ended = () => resolve(128 + (job.signal ?? 15))));
    job.finished = (async () => {
      const run = (async () => {
        try {
          return await sub.exec(cmd, io.with(0, new StringInput('')));
        } catch (e) {
          try {
            return sub.statusOf(e);
          } catch {
            return 1;
          }
        }
      })();
      const status = await Promise.race([run, killed]);
      job.status = job.signal !== undefined ? 128 + job.signal : status;
      job.done = true;
      backgroundEnded();
      endProcess();
      this.release();
      return status;
    })();
    this.jobs.push(job);
    this.state.lastBgPid = pid;
    this.state.lastStatus = 0;
    // Let a job that finishes at once (manual clock) do so before the next command.
    await new Promise<void>((r) => setTimeout(r, 0));
    return 0;
  }

  /** Wait for background jobs (all, or the one with this pid); its status, or 127 if unknown. */
  async waitJobs(pid?: number, io?: FdTable): Promise<number> {
    if (pid === undefined) {
      let status = 0;
      for (const j of this.jobs) {
        await this.env.clock.drive(j.finished);
        status = await j.finished;
      }
      for (const j of this.jobs) if (j.done && !j.reported) this.reap(j, io);
      return this.jobs.length ? status : 0;
    }
    const job = this.jobs.find((j) => j.pid === pid);
    if (!job) return 127;
    await this.env.clock.drive(job.finished);
    const status = await job.finished;
    if (!job.reported) this.reap(job, io);
    return status;
  }

  /**
   * A job `wait` collects. A shell that is not interactive tells of one a signal killed, unless
   * the signal was SIGINT, SIGTERM or SIGPIPE (jobs.c notify_of_job_status; Debian's bash has
   * DONT_REPORT_SIGTERM and DONT_REPORT_SIGPIPE): `bash: line 3:  4242 Killed   sleep 100`.
   */
  private reap(job: Job, io?: FdTable): void {
    job.reported = true;
    const sig = job.signal;
    if (!io || this.interactive || this.env.dialect !== 'bash' || sig === undefined || sig === 2 || sig === 13 || sig === 15) return;
    io.stderr.write(`${this.errPrefix()}${String(job.pid).padStart(5)} ${jobState(job).padEnd(24)}${job.command}\n`);
  }

  /** Run one command node and record $?. errexit applies here. */
  /** Descriptors of the command being run (command substitutions inherit stdin and stderr). */
  private currentIo: FdTable | null = null;

  async exec(cmd: Command, io: FdTable): Promise<number> {
    const prevIo = this.currentIo;
    this.currentIo = io;
    let status: number;
    try {
      status = await this.execNode(cmd, io);
    } finally {
      this.currentIo = prevIo;
    }
    if (cmd.type === 'simple') this.state.set('PIPESTATUS', [String(status)]);
    this.state.lastStatus = status;
    if (status !== 0 && this.state.options.errexit && this.errexitSuppressed === 0 && cmd.type !== 'andor' && !(cmd.type === 'pipeline' && cmd.negate)) {
      throw new ExitSignal(status);
    }
    return status;
  }

  private async suppressed<T>(f: () => Promise<T>): Promise<T> {
    this.errexitSuppressed++;
    try {
      return await f();
    } finally {
      this.errexitSuppressed--;
    }
  }

  private async execNode(cmd: Command, io: FdTable): Promise<number> {
    switch (cmd.type) {
      case 'simple':
        return this.execSimple(cmd, io);
      case 'list':
        return this.execList(cmd, io);
      case 'andor': {
        let status = await this.suppressed(() => this.exec(cmd.first, io));
        for (let i = 0; i < cmd.rest.length; i++) {
          const { op, cmd: next } = cmd.rest[i];
          if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
          const last = i === cmd.rest.length - 1;
          status = last ? await this.exec(next, io) : await this.suppressed(() => this.exec(next, io));
        }
        return status;
      }
      case 'pipeline': {
        if (!cmd.timed) return this.execPipeline(cmd.cmds, cmd.withStderr, cmd.negate, io);
        const started = this.env.clock.now();
        const status = await this.execPipeline(cmd.cmds, cmd.withStderr, cmd.negate, io);
        const secs = (this.env.clock.now() - started) / 1000;
        const fmt = (t: number) => `${Math.floor(t / 60)}m${(t % 60).toFixed(3)}s`;
        io.stderr.write(`\nreal\t${fmt(secs)}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
        return status;
      }
      case 'subshell':
        return this.withRedirects(cmd, io, async (rio) => {
          const sub = this.subshell();
          let status: number;
          try {
            status = await sub.execList(cmd.body, rio);
          } catch (e) {
            status = sub.statusOf(e);
          }
          return sub.state.traps.get('EXIT') !== this.state.traps.get('EXIT') ? sub.runExitTrap(rio, status) : status;
        });
      case 'group':
        return this.withRedirects(cmd, io, (rio) => this.execList(cmd.body, rio));
      case 'if':
        return this.withRedirects(cmd, io, async (rio) => {
          for (const clause of cmd.clauses) {
            const c = await this.suppressed(() => this.execList(clause.cond, rio));
            if (c === 0) return this.execList(clause.body, rio);
          }
          if (cmd.elseBody) return this.execList(cmd.elseBody, rio);
          return 0;
        });
      case 'while':
        return this.withRedirects(cmd, io, (rio) => this.execWhile(cmd.cond, cmd.body, cmd.until, rio));
      case 'for':
        return this.withRedirects(cmd, io, async (rio) => {
          this.currentLine = cmd.line;
          let values: string[];
          try {
            values = cmd.words ? await this.expander.fields(cmd.words) : [...this.state.positional];
          } catch (e) {
            return this.expansionFailed(e, rio);
          }
          return this.loop(values, async (v) => {
            if (this.state.options.xtrace) rio.stderr.write(`${this.xtracePrefix()}for ${cmd.name} in ${cmd.words ? values.map(shellQuote).join(' ') : '"$@"'}\n`);
            if (!this.state.set(cmd.name, v)) {
              this.error(rio, `${cmd.name}: readonly variable`);
              return 1;
            }
            return this.execList(cmd.body, rio);
          });
        });
      case 'arithfor':
        return this.withRedirects(cmd, io, async (rio) => {
          try {
            const ev = async (w: Word, dflt: string) => {
              const t = (await this.expander.string(w)).trim();
              return this.expander.arith(t === '' ? dflt : t);
            };
            await ev(cmd.init, '0');
            let status = 0;
            this.state.loopDepth++;
            try {
              const slice = new TimeSlice(this.env.signal);
              while ((await ev(cmd.cond, '1')) !== '0') {
                const turn = slice.step();
                if (turn) await turn;
                this.checkInterrupt();
                try {
                  status = await this.execList(cmd.body, rio);
                } catch (e) {
                  const r = this.loopControl(e);
                  if (r === 'break') break;
                }
                const full = rio.stdout.drain?.();
                if (full) await full;
                await ev(cmd.step, '0');
              }
            } finally {
              this.state.loopDepth--;
            }
            return status;
          } catch (e) {
            return this.expansionFailed(e, rio);
          }
        });
      case 'case':
        return this.withRedirects(cmd, io, (rio) => this.execCase(cmd, rio));
      case 'funcdef':
        this.state.functions.set(cmd.name, { name: cmd.name, body: cmd.body, source: cmd.source });
        return 0;
      case 'cond':
        return this.withRedirects(cmd, io, async (rio) => {
          this.currentLine = cmd.line;
          try {
            if (this.state.options.xtrace) rio.stderr.write(`${this.xtracePrefix()}[[ ${condText(cmd.expr)} ]]\n`);
            return (await this.evalCond(cmd.expr)) ? 0 : 1;
          } catch (e) {
            if (e instanceof TestError) {
              this.error(rio, e.message);
              return 2;
            }
            return this.expansionFailed(e, rio);
          }
        });
      case 'arithcmd':
        return this.withRedirects(cmd, io, async (rio) => {
          this.currentLine = cmd.line;
          try {
            const text = await this.expander.string(cmd.expr);
            if (this.state.options.xtrace) rio.stderr.write(`${this.xtracePrefix()}(( ${text} ))\n`);
            return this.expander.arith(text) === '0' ? 1 : 0;
          } catch (e) {
            if (e instanceof ExpansionError && !e.fatal) {
              this.error(rio, `((: ${e.message}`);
              return 1;
            }
            return this.expansionFailed(e, rio);
          }
        });
    }
  }

  private loopControl(e: unknown): 'break' | 'continue' {
    if (e instanceof BreakSignal) {
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return 'break';
    }
    if (e instanceof ContinueSignal) {
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return 'continue';
    }
    throw e;
  }

  private async loop(values: string[], body: (v: string) => Promise<number>): Promise<number> {
    let status = 0;
    this.state.loopDepth++;
    const slice = new TimeSlice(this.env.signal);
    try {
      for (const v of values) {
        const turn = slice.step();
        if (turn) await turn;
        this.checkInterrupt();
        try {
          status = await body(v);
        } catch (e) {
          if (this.loopControl(e) === 'break') break;
        }
      }
    } finally {
      this.state.loopDepth--;
    }
    return status;
  }

  private async execWhile(cond: ListNode, body: ListNode, until: boolean, io: FdTable): Promise<number> {
    let status = 0;
    this.state.loopDepth++;
    try {
      // An endless loop that never waits would freeze the page: it lets events in once its time slice is up.
      const slice = new TimeSlice(this.env.signal);
      for (;;) {
        const turn = slice.step();
        if (turn) await turn;
        this.checkInterrupt();
        const c = await this.suppressed(() => this.execList(cond, io));
        if (until ? c === 0 : c !== 0) break;
        try {
          status = await this.execList(body, io);
        } catch (e) {
          if (this.loopControl(e) === 'break') break;
        }
        // Into a pipe, at the reader's pace (`while :; do echo y; done | wc -l` holds a pipe's worth).
        const full = io.stdout.drain?.();
        if (full) await full;
      }
    } finally {
      this.state.loopDepth--;
    }
    return status;
  }

  private async execCase(cmd: Extract<Command, { type: 'case' }>, io: FdTable): Promise<number> {
    let word: string;
    try {
      word = await this.expander.string(cmd.word);
    } catch (e) {
      return this.expansionFailed(e, io);
    }
    if (this.state.options.xtrace) io.stderr.write(`${this.xtracePrefix()}case ${shellQuote(word)} in\n`);
    let status = 0;
    let fallthrough = false;
    for (let i = 0; i < cmd.items.length; i++) {
      const item = cmd.items[i];
      let matched = fallthrough;
      if (!matched) {
        for (const p of item.patterns) {
          const pieces = await this.expander.pattern(p);
          if (matchPattern(pieces, word, this.state.shopt.nocasematch)) {
            matched = true;
            break;
          }
        }
      }
      if (!matched) continue;
      status = item.body ? await this.execList(item.body, io) : 0;
      if (item.terminator === ';&') {
        fallthrough = true;
        continue;
      }
      fallthrough = false;
      if (item.terminator === ';;&') continue;
      return status;
    }
    return status;
  }

  private testEnv(arithmetic: boolean): TestEnv {
    return {
      fs: this.fs,
      uid: this.env.user.creds.uid,
      gid: this.env.user.creds.gid,
      isSet: (n) => this.state.get(n) !== undefined || (/^\d+$/.test(n) && Number(n) <= this.state.positional.length),
      optionOn: (n) => (n in this.state.options ? !!(this.state.options as unknown as Record<string, boolean>)[n] : false),
      toInt: (t) => {
        if (!arithmetic) {
          const s = t.trim();
          if (!/^[-+]?\d+$/.test(s)) throw new TestError(`${t}: integer expression expected`);
          return BigInt(s);
        }
        return BigInt(this.expander.arith(t));
      },
    };
  }

  async evalCond(e: CondExpr): Promise<boolean> {
    switch (e.type) {
      case 'not':
        return !(await this.evalCond(e.expr));
      case 'and':
        return (await this.evalCond(e.left)) && this.evalCond(e.right);
      case 'or':
        return (await this.evalCond(e.left)) || this.evalCond(e.right);
      case 'word':
        return (await this.expander.string(e.word)) !== '';
      case 'unary':
        return unaryTest(e.op, await this.expander.string(e.arg), this.testEnv(true));
      case 'binary': {
        const left = await this.expander.string(e.left);
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const pieces = await this.expander.pattern(e.right);
          const m = matchPattern(pieces, left, this.state.shopt.nocasematch);
          return e.op === '!=' ? !m : m;
        }
        if (e.op === '=~') {
          const pieces = await this.expander.pattern(e.right);
          const source = pieces.map((p) => (p.quoted ? p.text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : p.text)).join('');
          let re: RegExp;
          try {
            re = new RegExp(posixEre(source), this.state.shopt.nocasematch ? 'i' : '');
          } catch {
            return false;
          }
          const m = re.exec(left);
          if (!m) {
            this.state.set('BASH_REMATCH', []);
            return false;
          }
          this.state.set('BASH_REMATCH', [...m].map((x) => x ?? ''));
          return true;
        }
        const right = await this.expander.string(e.right);
        return binaryTest(e.op, left, right, this.testEnv(true));
      }
    }
  }

  private async execPipeline(cmds: Command[], withStderr: boolean[], negate: boolean, io: FdTable): Promise<number> {
    let statuses: number[];
    if (cmds.length === 1) {
      const status = await this.suppressedIf(negate, () => this.execNode(cmds[0], io));
      statuses = [status];
    } else {
      if (!this.fork(io, cmds.length)) return 254;
      const pipes = cmds.slice(1).map(() => new Pipe(PIPE_CAPACITY, this.env.signal));
      // bash forks the members left to right: their pids come in that order.
      const pids = cmds.map(() => this.env.machine.allocatePid());
      const runs = cmds.map(async (c, i) => {
        let cio = io;
        if (i > 0) cio = cio.with(0, pipes[i - 1]);
        if (i < cmds.length - 1) {
          cio = cio.with(1, pipes[i]);
          if (withStderr[i]) cio = cio.with(2, pipes[i]);
        }
        const sub = this.subshell(true);
        sub.currentIo = cio;
        if (c.type === 'simple') sub.execAs = { pid: pids[i], ppid: this.state.pid };
        let status: number;
        try {
          status = await sub.execNode(c, cio);
        } catch (e) {
          status = sub.statusOf(e);
        } finally {
          if (i < cmds.length - 1) pipes[i].close();
          if (i > 0) pipes[i - 1].closeReader();
        }
        return status;
      });
      try {
        statuses = await Promise.all(runs);
      } finally {
        this.release(cmds.length);
      }
    }
    this.state.set('PIPESTATUS', statuses.map(String));
    let status = statuses[statuses.length - 1];
    if (this.state.options.pipefail) {
      for (let i = statuses.length - 1; i >= 0; i--) {
        if (statuses[i] !== 0) {
          status = statuses[i];
          break;
        }
      }
    }
    if (negate) status = status === 0 ? 1 : 0;
    return status;
  }

  private suppressedIf<T>(cond: boolean, f: () => Promise<T>): Promise<T> {
    return cond ? this.suppressed(f) : f();
  }

  /** Report an expansion error; fatal ones end a non-interactive shell. */
  expansionFailed(e: unknown, io: FdTable): number {
    if (e instanceof ExpansionError) {
      this.error(io, e.message);
      if (e.fatal && !this.interactive) throw new ExitSignal(e.status === 1 ? 1 : e.status);
      return e.status;
    }
    throw e;
  }

  // ------------------------------------------------------------ redirections

  /** A compound command's body with its redirections; one that fails is reported on the command's line. */
  private async withRedirects(cmd: { redirs: Redirect[]; line: number }, io: FdTable, body: (io: FdTable) => Promise<number>): Promise<number> {
    if (!cmd.redirs.length) return body(io);
    const line = this.currentLine;
    if (cmd.line) this.currentLine = cmd.line;
    const rio = await this.openRedirects(cmd.redirs, io);
    if (!rio) return this.redirectStatus;
    this.currentLine = line;
    return body(rio);
  }

  /** The status of a command whose redirection failed. */
  get redirectStatus(): number {
    return REDIRECT_FAILURE_STATUS[this.env.dialect];
  }

  /** A new descriptor table with the redirections applied, or null after printing the error. */
  async openRedirects(redirs: Redirect[], io: FdTable): Promise<FdTable | null> {
    let table = io.copy();
    for (const r of redirs) {
      try {
        table = await this.openRedirect(r, table);
      } catch (e) {
        if (e instanceof RedirectError) {
          this.error(io, e.failure ? redirectFailureText(this.env.dialect, e.failure) : e.message);
          return null;
        }
        if (e instanceof ExpansionError) {
          this.expansionFailed(e, io);
          return null;
        }
        throw e;
      }
    }
    return table;
  }

  private async target(r: Redirect): Promise<string> {
    const t = await this.expander.redirectTarget(r.target);
    if (t === null) throw new RedirectError(`${r.target.raw}: ambiguous redirect`);
    return t;
  }

  private special(path: string, table: FdTable): Fd | undefined {
    const m = /^\/dev\/(?:fd\/(\d+)|(stdin)|(stdout)|(stderr))$/.exec(path);
    if (m) {
      const fd = m[1] !== undefined ? Number(m[1]) : m[2] ? 0 : m[3] ? 1 : 2;
      const overlay = this.pendingOverlay.get(path);
      if (overlay !== undefined) return new StringInput(overlay);
      const f = table.fds.get(fd);
      if (f) return f;
    }
    if (path === '/dev/tty' && this.env.terminal) return this.env.terminal;
    return undefined;
  }

  private async openRedirect(r: Redirect, table: FdTable): Promise<FdTable> {
    const fs = this.fs;
    const wrap = <T>(path: string, f: () => T, kind: RedirectFailure['kind'] = 'create'): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof FsError) throw new RedirectError(`${path}: ${fsErrorText(e)}`, { kind, path, error: e });
        throw e;
      }
    };
    switch (r.op) {
      case '<':
      case '<>': {
        const path = await this.target(r);
        const sp = this.special(path, table);
        return table.with(r.fd ?? 0, sp ?? wrap(path, () => openInput(fs, path), 'open'));
      }
      case '>':
      case '>|':
      case '>>': {
        const path = await this.target(r);
        const sp = this.special(path, table);
        if (sp) return table.with(r.fd ?? 1, sp);
        if (r.op === '>' && this.state.options.noclobber && fs.stat(path)?.type === 'file') throw new RedirectError(`${path}: cannot overwrite existing file`);
        return table.with(r.fd ?? 1, wrap(path, () => openOutput(fs, path, r.op === '>>')));
      }
      case '&>':
      case '&>>': {
        const path = await this.target(r);
        const out = this.special(path, table) ?? wrap(path, () => openOutput(fs, path, r.op === '&>>'));
        return table.with(1, out).with(2, out);
      }
      case '>&':
      case '<&': {
        const t = await this.expander.string(r.target);
        const dflt = r.op === '>&' ? 1 : 0;
        if (t === '-') return table.with(r.fd ?? dflt, null);
        const m = /^(\d+)(-?)$/.exec(t);
        if (m) {
          const src = Number(m[1]);
          const f = table.fds.get(src);
          if (!f) throw new RedirectError(`${src}: Bad file descriptor`);
          let next = table.with(r.fd ?? dflt, f);
          if (m[2]) next = next.with(src, null);
          return next;
        }
        if (r.op === '>&' && r.fd === undefined) {
          const out = this.special(t, table) ?? wrap(t, () => openOutput(fs, t, false));
          return table.with(1, out).with(2, out);
        }
        throw new RedirectError(`${t}: ambiguous redirect`);
      }
      case '<<':
      case '<<-': {
        const h = r.heredoc!;
        const text = h.quoted ? (h.body.parts[0] as { value: string } | undefined)?.value ?? '' : await this.expander.string(h.body);
        return table.with(r.fd ?? 0, new StringInput(text));
      }
      case '<<<': {
        const text = await this.expander.string(r.target);
        return table.with(r.fd ?? 0, new StringInput(text + '\n'));
      }
    }
  }

  // ------------------------------------------------------------ simple commands

  private xtracePrefix(): string {
    const ps4 = this.state.get('PS4') ?? '+ ';
    return (ps4[0] ?? '').repeat(this.substDepth + 1) + ps4.slice(1);
  }

  private async execSimple(cmd: SimpleCommand, io: FdTable): Promise<number> {
    this.currentLine = cmd.line;
    this.state.set('LINENO', String(cmd.line));
    this.lastSubstStatus = undefined;
    this.pendingOverlay = new Map();
    let argv: string[];
    try {
      argv = await this.expander.fields(cmd.words);
    } catch (e) {
      return this.expansionFailed(e, io);
    }
    const xtrace = this.state.options.xtrace;

    if (argv.length === 0) {
      // Assignments (and redirections) only: they change this shell.
      for (const a of cmd.assigns) {
        const r = await this.assign(a, io, xtrace);
        if (r !== 0) return r;
      }
      if (cmd.redirs.length) {
        const rio = await this.openRedirects(cmd.redirs, io);
        if (!rio) return this.redirectStatus;
      }
      return this.lastSubstStatus ?? 0;
    }

    // Prefix assignments: for this command only (special builtins keep them).
    const tempEnv: Record<string, string> = {};
    for (const a of cmd.assigns) {
      try {
        const v = a.value ? await this.expander.string(a.value, { tildeAfterColon: true }) : '';
        tempEnv[a.name] = a.append ? (this.state.get(a.name) ?? '') + v : v;
      } catch (e) {
        return this.expansionFailed(e, io);
      }
    }
    if (xtrace) {
      const assigns = Object.entries(tempEnv).map(([k, v]) => `${k}=${shellQuote(v)}`);
      io.stderr.write(`${this.xtracePrefix()}${[...assigns, ...argv.map(shellQuote)].join(' ')}\n`);
    }

    const rio = cmd.redirs.length ? await this.openRedirects(cmd.redirs, io) : io;
    if (!rio) {
      // dash and ash: a special builtin's failed redirection ends a shell that is not interactive.
      if (SPECIAL_BUILTINS.has(argv[0]) && redirectEndsShell(this.env.dialect) && !this.interactive) throw new ExitSignal(this.redirectStatus);
      return this.redirectStatus;
    }
    const status = await this.runCommand(argv, rio, tempEnv);
    this.state.set('_', argv[argv.length - 1]);
    return status;
  }

  private async assign(a: Assignment, io: FdTable, xtrace: boolean): Promise<number> {
    try {
      if (a.array) {
        const values = await this.expander.fields(a.array);
        const existing = a.append ? this.state.lookup(a.name)?.value : undefined;
        const arr = Array.isArray(existing) ? [...existing, ...values] : typeof existing === 'string' ? [existing, ...values] : values;
        if (xtrace) io.stderr.write(`${this.xtracePrefix()}${a.name}=(${values.map(shellQuote).join(' ')})\n`);
        if (!this.state.set(a.name, arr)) {
          this.error(io, `${a.name}: readonly variable`);
          return 1;
        }
        return 0;
      }
      const v = a.value ? await this.expander.string(a.value, { tildeAfterColon: true }) : '';
      if (a.index) {
        const idx = await this.expander.string(a.index);
        const target = this.state.lookup(a.name);
        const key = target?.value instanceof Map ? idx : this.expander.arith(idx);
        if (xtrace) io.stderr.write(`${this.xtracePrefix()}${a.name}[${key}]=${shellQuote(v)}\n`);
        const prev = a.append ? (this.arithVars().get(a.name, key) ?? '') : '';
        this.state.setElement(a.name, key, prev + v);
        return 0;
      }
      const varInfo = this.state.lookup(a.name);
      let value = a.append ? (this.state.get(a.name) ?? '') + v : v;
      if (varInfo?.integer) value = this.expander.arith(a.append ? `${this.state.get(a.name) ?? 0}+(${v})` : v);
      if (xtrace) io.stderr.write(`${this.xtracePrefix()}${a.name}=${shellQuote(value)}\n`);
      if (Array.isArray(varInfo?.value) || varInfo?.value instanceof Map) {
        // name=value on an array sets element 0 (key "0"), as bash does.
        if (varInfo.readonly) {
          this.error(io, `${a.name}: readonly variable`);
          return 1;
        }
        this.state.setElement(a.name, '0', value);
        return 0;
      }
      if (!this.state.set(a.name, value)) {
        this.error(io, `${a.name}: readonly variable`);
        return 1;
      }
      return 0;
    } catch (e) {
      return this.expansionFailed(e, io);
    }
  }

  /** Run argv as a function, builtin or program, with the given descriptors. */
  async runCommand(argv: string[], io: FdTable, tempEnv: Record<string, string> = {}): Promise<number> {
    const name = argv[0];
    const fn = this.state.functions.get(name);
    if (fn) return this.callFunction(fn.body, name, argv.slice(1), io, tempEnv);
    const builtin = this.env.builtins[name];
    if (builtin) return this.runBuiltin(builtin, argv, io, tempEnv);
    return this.runExternal(argv, io, tempEnv);
  }

  async runBuiltin(builtin: Builtin, argv: string[], io: FdTable, tempEnv: Record<string, string> = {}): Promise<number> {
    const keys = Object.keys(tempEnv);
    const saved = keys.map((k) => [k, this.state.lookup(k)] as const);
    const special = SPECIAL_BUILTINS.has(argv[0]);
    for (const k of keys) {
      if (special) this.state.set(k, tempEnv[k]);
      else {
        this.state.pushScope();
        this.state.set(k, tempEnv[k], { local: true, export: true });
      }
    }
    try {
      return await builtin({ shell: this, argv, io, line: this.currentLine });
    } catch (e) {
      // SIGPIPE kills the process that wrote: in a subshell (a pipeline's `while … echo` loop) the
      // whole subshell ends with 141, as bash's forked child does.
      if (e instanceof BrokenPipe) {
        if (this.subshellLevel > 0 && this.state.traps.get('PIPE') !== '') throw e;
        return 141;
      }
      if (e instanceof WriteError) {
        this.error(io, `${argv[0]}: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      if (!special) for (let i = 0; i < keys.length; i++) this.state.popScope();
      void saved;
    }
  }

  async callFunction(body: Command, name: string, args: string[], io: FdTable, tempEnv: Record<string, string> = {}): Promise<number> {
    const savedPositional = this.state.positional;
    this.state.positional = args;
    this.state.pushScope();
    for (const [k, v] of Object.entries(tempEnv)) this.state.set(k, v, { local: true, export: true });
    this.state.funcStack.push(name);
    const savedLoop = this.state.loopDepth;
    this.state.loopDepth = 0;
    if (this.state.funcStack.length > 1000) {
      this.error(io, `${name}: maximum function nesting level exceeded (1000)`);
      this.state.funcStack.pop();
      this.state.popScope();
      this.state.positional = savedPositional;
      return 1;
    }
    try {
      return await this.exec(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.state.loopDepth = savedLoop;
      this.state.funcStack.pop();
      this.state.popScope();
      this.state.positional = savedPositional;
    }
  }

  /** Find a command on PATH (or the hash table), as `type`/`command -v` report it. */
  findOnPath(name: string): string | undefined {
    if (name.includes('/')) return name;
    const cached = this.state.hash.get(name);
    if (cached && this.fs.canExecute(cached.path)) return cached.path;
    const path = this.state.get('PATH') ?? '';
    for (const dir of path.split(':')) {
      const full = `${dir === '' ? '.' : dir}/${name}`;
      try {
        const st = this.fs.stat(full);
        if (st && st.type === 'file' && this.fs.canExecute(full)) return full.startsWith('/') ? full : full;
      } catch {
        // unreadable directory on PATH
      }
    }
    return undefined;
  }

  private async runExternal(argv: string[], io: FdTable, tempEnv: Record<string, string>): Promise<number> {
    const name = argv[0];
    let path: string | undefined;
    if (name.includes('/')) path = name;
    else {
      path = this.findOnPath(name);
      if (!path) {
        const handler = this.state.functions.get('command_not_found_handle');
        if (handler && this.env.dialect === 'bash') return this.callFunction(handler.body, 'command_not_found_handle', argv, io);
        if (this.env.dialect !== 'bash') io.stderr.write(`${this.errPrefix()}${name}: not found\n`);
        else this.error(io, `${name}: command not found`);
        return 127;
      }
      const h = this.state.hash.get(name);
      this.state.hash.set(name, { path, hits: (h?.hits ?? 0) + 1 });
    }
    return this.execFile(path, argv, io, tempEnv);
  }

  /** Execute the file at path (binary program or script). */
  async execFile(path: string, argv: string[], io: FdTable, tempEnv: Record<string, string> = {}): Promise<number> {
    const fs = this.fs;
    let st;
    try {
      st = fs.stat(path);
    } catch (e) {
      this.error(io, `${path}: ${fsErrorText(e)}`);
      return 126;
    }
    if (!st) {
      this.error(io, `${path}: No such file or directory`);
      return 127;
    }
    if (st.type === 'dir') {
      this.error(io, `${path}: Is a directory`);
      return 126;
    }
    if (!fs.canExecute(path)) {
      this.error(io, `${path}: Permission denied`);
      return 126;
    }
    const content = this.env.machine.fs.admin.at(this.state.cwd).readFile(path);
    const program = programOfExecutable(content);
    if (program !== undefined) {
      const sp = this.env.sessionPrograms[program];
      const p = this.env.programs[program];
      if (!sp && !p) {
        // The file names a program this simulation does not provide.
        this.error(io, `${argv[0]}: command not found`);
        return 127;
      }
      const ctx = this.programContext(argv, io, tempEnv);
      const { pid, release } = this.enterProcess(argv.join(' '));
      ctx.pid = pid;
      try {
        const status = sp ? await sp(ctx, this) : await p!(ctx);
        if (this.env.signal.aborted) return 130;
        return status;
      } catch (e) {
        if (e instanceof BrokenPipe) return 141;
        if (e instanceof ExitSignal || e instanceof InterruptSignal) throw e;
        io.stderr.write(`${argv[0]}: ${e instanceof FsError ? `${e.path}: ${fsErrorText(e)}` : (e as Error)?.message ?? String(e)}\n`);
        return 1;
      } finally {
        release();
      }
    }
    // A script: #! interpreter, or bash itself when there is none.
    if (!fs.canRead(path)) {
      this.error(io, `${path}: Permission denied`);
      return 126;
    }
    let interp = 'bash';
    let interpArg: string | undefined;
    if (content.startsWith('#!')) {
      const line = content.slice(2).split('\n')[0].trim();
      const [ip, ...rest] = line.split(/\s+/);
      interpArg = rest.length ? rest.join(' ') : undefined;
      interp = ip;
      const base = ip.split('/').pop()!;
      if (base === 'env' && interpArg) {
        interp = interpArg.split(/\s+/)[0];
        interpArg = undefined;
        const found = this.findOnPath(interp);
        if (!found) {
          io.stderr.write(`/usr/bin/env: '${interp}': No such file or directory\n`);
          return 127;
        }
        interp = found;
      }
      if (!this.fs.stat(interp)) {
        this.error(io, `${path}: ${interp}: bad interpreter: No such file or directory`);
        return 126;
      }
      const ibase = interp.split('/').pop()!;
      if (ibase !== 'bash' && ibase !== 'sh') return this.execFile(interp, [interp, ...(interpArg ? [interpArg] : []), path, ...argv.slice(1)], io, tempEnv);
      interp = ibase;
    }
    const child = this.childShell({ mode: 'script', scriptName: path, dialect: interp === 'sh' ? this.env.shDialect ?? 'dash' : 'bash' }, tempEnv);
    child.state.arg0 = path;
    child.state.positional = argv.slice(1);
    if (interpArg && /^-\w*x/.test(interpArg)) child.state.options.xtrace = true;
    if (interpArg && /^-\w*e/.test(interpArg)) child.state.options.errexit = true;
    // The kernel runs the interpreter with the script's path: ps shows `/bin/bash ./s.sh`.
    const interpreter = content.startsWith('#!') ? content.slice(2).split('\n')[0].trim() : `/bin/${interp}`;
    const { pid, release } = this.enterProcess([interpreter, path, ...argv.slice(1)].join(' '), child.state.pid);
    child.state.pid = pid;
    try {
      return await child.runProcess(content, io);
    } finally {
      release();
    }
  }

  /**
   * A program or script this shell runs, as a process of the machine while it runs (ps, pgrep,
   * kill, ss -p see it): the shell's child (a new pid, or `pid`), or the forked shell itself
   * turned into it (execAs).
   */
  private enterProcess(command: string, pid?: number): { pid: number; release: () => void } {
    const as = this.execAs;
    this.execAs = undefined;
    const own = as?.pid ?? pid ?? this.env.machine.allocatePid();
    const row = this.processRow(own, as?.ppid ?? this.state.pid, command, this.env.background ? 'S' : 'S+', this.env.jobSignal);
    return { pid: own, release: startProcess(this.env.machine, row) };
  }

  /** A row of the machine's process table for a process of this shell's user and terminal, started now. */
  private processRow(pid: number, ppid: number, command: string, stat: string, signal?: (signal: number) => void): SessionProcess {
    return { pid, ppid, user: this.env.user.identity.name, command, tty: this.env.ttyName ?? '?', stat, startMs: this.env.clock.now(), signal };
  }

  /** A new shell process (bash script, bash -c, sh): exported variables only, functions not inherited. */
  childShell(overrides: Partial<ShellEnv>, tempEnv: Record<string, string> = {}): Shell {
    const state = new ShellState();
    const env = { ...this.state.environment(), ...tempEnv };
    for (const [k, v] of Object.entries(env)) state.set(k, v, { export: true });
    for (const name of this.state.exportedFunctions) {
      const fn = this.state.functions.get(name);
      if (fn) {
        state.functions.set(name, fn);
        state.exportedFunctions.add(name);
      }
    }
    state.cwd = this.state.cwd;
    state.umask = this.state.umask;
    state.pid = this.env.machine.allocatePid();
    const child = new Shell({ ...this.env, ...overrides }, state);
    child.history = [];
    child.fdTable = null;
    child.state.set('SHLVL', String(Number(this.state.get('SHLVL') ?? '1') + 1), { export: true });
    child.state.set('PPID', String(this.state.pid));
    return child;
  }

  /** Run a whole script as a process: returns its exit status. */
  async runProcess(text: string, io: FdTable): Promise<number> {
    let status: number;
    try {
      await this.runText(text, io);
      status = this.state.lastStatus;
    } catch (e) {
      status = this.statusOf(e);
    }
    return this.runExitTrap(io, status);
  }

  /** Run the EXIT trap once, as the shell ends; returns the exit status. */
  async runExitTrap(io: FdTable, status: number): Promise<number> {
    const action = this.state.traps.get('EXIT');
    if (!action) return status;
    this.state.traps.delete('EXIT');
    this.state.lastStatus = status;
    try {
      await this.runText(action, io, { inline: 'eval' });
    } catch (e) {
      return this.statusOf(e);
    }
    return status;
  }

  programContext(argv: string[], io: FdTable, tempEnv: Record<string, string> = {}, fsOverride?: FsView): CommandContext {
    const env = { ...this.state.environment(), ...tempEnv };
    const fs = fsOverride ?? this.env.machine.fs.view(this.env.user.creds, this.state.cwd, this.pendingOverlay.size ? new Map(this.pendingOverlay) : undefined);
    fs.umask = this.state.umask;
    const isTTY = !!this.env.terminal && io.stdout === this.env.terminal;
    return {
      argv,
      env,
      cwd: this.state.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      columns: this.env.columns,
      isTTY,
      stdinIsTTY: !!this.env.terminalInput && io.stdin === this.env.terminalInput,
      tty: isTTY ? this.env.tty : undefined,
      signal: this.env.signal,
      user: this.env.user.identity,
      host: this.env.machine.hostname,
      clock: this.env.clock,
      spawn: (line, overrides) => this.spawnLine(line, io, overrides),
      fs,
      machine: this.env.machine,
      world: this.env.world ?? this.env.host?.world,
      openSession: this.env.host?.openSession ? (options) => this.env.host!.openSession!(this, options) : undefined,
    };
  }

  /** ctx.spawn: run a line in a child shell of this process. */
  async spawnLine(line: string, io: FdTable, overrides: Partial<Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'env' | 'cwd' | 'signal'>> = {}): Promise<number> {
    // A signal of its own ends the child alone (timeout's expiry); Ctrl-C still reaches it through it.
    const child = this.childShell(overrides.signal ? { mode: 'command', signal: overrides.signal } : { mode: 'command' }, overrides.env ?? {});
    if (overrides.cwd) child.state.cwd = overrides.cwd;
    const cio = FdTable.of(overrides.stdin ?? io.stdin, overrides.stdout ?? io.stdout, overrides.stderr ?? io.stderr);
    return child.runProcess(line, cio);
  }

  /** Read a line for the `read` builtin from a descriptor (kept buffered per stream). */
  bufferedInput(stream: InputStream): BufferedInput {
    let b = BUFFERS.get(stream);
    if (!b) {
      b = stream instanceof BufferedInput ? stream : new BufferedInput(stream);
      BUFFERS.set(stream, b);
    }
    return b;
  }
}

const BUFFERS = new WeakMap<InputStream, BufferedInput>();

/** Live child processes per machine: a fork bomb hits this limit instead of freezing the page. */
const LIVE = new WeakMap<Machine, { n: number }>();
const MAX_LIVE_PROCESSES = 512;

function liveCounter(m: Machine): { n: number } {
  let c = LIVE.get(m);
  if (!c) {
    c = { n: 0 };
    LIVE.set(m, c);
  }
  return c;
}

export class RedirectError extends Error {
  constructor(
    message: string,
    /** A file that could not be opened: each shell words this its own way (dialect.ts). */
    readonly failure?: RedirectFailure,
  ) {
    super(message);
  }
}

/** POSIX special builtins: prefix assignments persist in the shell. */
const SPECIAL_BUILTINS = new Set(['break', ':', '.', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset', 'source']);

/** Bracket expressions and classes of POSIX EREs translated to JavaScript. */
function posixEre(src: string): string {
  return src.replace(/\[\[:(\w+):\]\]/g, (m, c: string) => `[${patternSource([{ text: `[[:${c}:]]`, quoted: false }]).slice(1, -1)}]`).replace(/\[:(\w+):\]/g, (m, c: string) => patternSource([{ text: `[[:${c}:]]`, quoted: false }]).slice(1, -1));
}

function condText(e: CondExpr): string {
  switch (e.type) {
    case 'word':
      return e.word.raw;
    case 'unary':
      return `${e.op} ${e.arg.raw}`;
    case 'binary':
      return `${e.left.raw} ${e.op} ${e.right.raw}`;
    case 'not':
      return `! ${condText(e.expr)}`;
    case 'and':
      return `${condText(e.left)} && ${condText(e.right)}`;
    case 'or':
      return `${condText(e.left)} || ${condText(e.right)}`;
  }
}
