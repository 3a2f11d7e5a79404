/**
 * What a container's process does, from its image and command: serve forever (nginx, redis,
 * control-plane components), run a short script (`sh -c 'echo hi; sleep 5'`), sleep and exit,
 * or fail to start (an executable the image does not have). The timeline is computed, not
 * ticked: logs up to any instant are derived from the start time, and only the exit is a timer.
 */
import { normalizeImage } from './images';
import { addonBehaviour } from '../addons/behaviours';
import { metricsServerBehaviour } from '../metrics/process';
import { corednsStartLines } from './coredns';
import { piDigits } from './pi-digits';
import { Parser } from '../../shell/parse/parser';
import type { Command, ListNode, SimpleCommand, Word, WordPart } from '../../shell/parse/ast';
import type { ToolRun } from '../../shell/commands/lib/tool-run';
import { controlPlaneImageBinaries, executableNotFound } from './control-plane-images';
import { evalArith } from '../../shell/exec/arith';
import { BUSYBOX_APPLETS, BUSYBOX_IMAGE_BIN, DEBIAN_PROGRAMS } from '../kubelet/container-shell-image';
import { KERNEL } from '../../shell/commands/lib/system';

/**
 * The container's network tools (wget, curl, nslookup) as they answer from its Pod when it starts:
 * undefined for a program that is not one. Without it (a container whose network is not known
 * yet) they succeed silently.
 */
export type NetworkTool = (argv: string[], files: { exists(path: string): boolean; writeFile(path: string): void }) => ToolRun | undefined;

/** What a container's own command can reach besides its environment: the network, and the files its image and volumes give it. */
export interface ContainerTools {
  network?: NetworkTool;
  /** A file's content as the container sees it (/etc/resolv.conf, a configMap volume…), undefined when there is none. */
  readFile?: (path: string) => string | undefined;
  /** The process's environment as runc starts it, in its order (PATH, HOSTNAME, the kubelet's, HOME). */
  environment?: Record<string, string>;
}

/**
 * A line a `while` loop prints differently each round: its text, with the numbers that count
 * rounds (`echo "$i: $(date)"; i=$((i+1))`) as their first value and step.
 */
export type LineTemplate = (string | { start: number; step: number })[];

/** A templated line as round `round` (from 0) of its loop prints it. */
export function renderLine(template: LineTemplate, round: number): string {
  return template.map((p) => (typeof p === 'string' ? p : String(p.start + p.step * round))).join('');
}

export interface Step {
  log?: string;
  /** How `log` (or `write`'s line) changes from one round of the enclosing loop to the next. */
  template?: LineTemplate;
  /** A line written to a file (`echo x >> /var/log/app.log`), or the file emptied first (`>`). */
  write?: { path: string; line: string };
  truncate?: string;
  /** `tail -f FILE`: from here on the process prints what is written to FILE (its last `lines`, or from line `fromLine`). */
  follow?: FollowedFile;
  touch?: string;
  rm?: string;
  sleepMs?: number;
  exit?: number;
  /** Repeat these steps forever. */
  loop?: Step[];
}

/** What `tail -f` follows: a file, and where in it it starts (the last `lines` lines, or from line `fromLine`). */
export interface FollowedFile {
  path: string;
  lines?: number;
  fromLine?: number;
}

/** A line the process writes to a file, `offsetMs` after it starts (or after its loop's round starts); `truncate` empties the file first. */
export interface FileWrite {
  path: string;
  offsetMs: number;
  line?: string;
  /** In a loop: how the line changes from round to round. */
  template?: LineTemplate;
  truncate?: boolean;
}

export interface Behaviour {
  /** Lines at start and during a finite run, with their offsets from the start. */
  startLogs: { offsetMs: number; line: string; stream?: 'stdout' | 'stderr' }[];
  /** Lines written to files during a finite run (and before its loop). */
  writes?: FileWrite[];
  /** From `startMs` on, the process prints what is written to a file (`tail -f`); it runs until stopped. */
  follow?: FollowedFile & { startMs: number };
  /** Exit after this long (undefined: runs until stopped). */
  exitAfterMs?: number;
  exitCode: number;
  /** A repeating tail of logs (a `while true` loop): period and lines per iteration. */
  loop?: { startMs: number; periodMs: number; lines: { offsetMs: number; line: string; template?: LineTemplate }[]; writes?: FileWrite[] };
  /** Ports the process listens on (for probes and Services). */
  ports: number[];
  /** How long the process takes to exit on SIGTERM (Infinity: ignores it, as `sleep` as PID 1 does). */
  termExitMs: number;
  /** Files the process creates and removes (touch / rm), with offsets from the start. */
  files?: { path: string; fromMs: number; untilMs?: number }[];
  /** Bytes of memory the process grows to (stress --vm-bytes): above the limit it is OOM-killed. */
  memoryBytes?: number;
  /** A named test server (agnhost liveness: /healthz fails after 10 s). */
  server?: 'agnhost-liveness';
  /** A program we do not model (control-plane components, add-ons): it answers every probe. */
  answersAnyPort?: boolean;
  /** The runtime refuses to start it: the CRI error text. */
  startError?: string;
  /** HTTP paths with their own health (metrics-server /readyz): ms after start from which they answer 200. */
  httpPaths?: Record<string, number>;
  /**
   * The argv to run for real: the command ends, but it prints what this model cannot say (ls, id,
   * ps, grep, a file of the image). The kubelet runs it in the container's own shell and
   * filesystem (kubelet/main-process.ts); its output and exit status are that run's, and the
   * lines and exit above are not used.
   */
  live?: string[];
}

const BUSYBOX = new Set('sh ash echo sleep cat date env ls true false wget nslookup ping nc tail head printf touch mkdir rm cp mv hostname id whoami ps top df du grep sed awk sort uniq wc tr cut test [ expr seq yes timeout watch vi find xargs tee kill nohup'.split(' '));
/** A Debian-based image's programs (bash, coreutils…): no procps (ps, kill, watch, top), no network tools but curl where added. */
const DEBIAN = new Set([...BUSYBOX, 'bash', 'dash', 'curl', 'apt-get', 'perl'].filter((b) => !['wget', 'nslookup', 'ping', 'nc', 'vi', 'top', 'ps', 'kill', 'watch'].includes(b)).concat(DEBIAN_PROGRAMS));

/** The busybox image's /bin: every applet of its build (what `kubectl run --image=busybox -- chroot /host …` may start). */
const BUSYBOX_IMAGE = new Set([...BUSYBOX, ...BUSYBOX_IMAGE_BIN]);
/** Alpine's /bin: its busybox's applets. */
const ALPINE = new Set([...BUSYBOX, ...BUSYBOX_APPLETS]);

/** curlimages/curl: Alpine's busybox with curl. */
const CURL_IMAGE = new Set([...BUSYBOX, 'curl']);

const QUICK = new Set(['cp', 'mv', 'mkdir', 'chmod', 'chown', 'ln', 'rm', 'touch', 'true', 'echo', 'install']);

interface ImageProfile {
  binaries?: Set<string>;
  /** Default process (ENTRYPOINT + CMD) when the pod gives no command. */
  defaultRun: (env: Record<string, string>) => Partial<Behaviour> & { steps?: Step[] };
  /** An entrypoint script that rewrites the pod's args before it execs them (curlimages/curl's). */
  entrypoint?: (args: string[]) => string[];
}

const serve = (ports: number[], lines: string[], termExitMs = 100) => () => ({ ports, termExitMs, startLogs: lines.map((line) => ({ offsetMs: 0, line })) });

const NGINX_START = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const PROFILES: Record<string, ImageProfile> = {
  'docker.io/library/nginx': { binaries: new Set([...DEBIAN, 'nginx']), defaultRun: serve([80], NGINX_START) },
  'docker.io/library/httpd': { binaries: new Set([...DEBIAN, 'httpd', 'httpd-foreground']), defaultRun: serve([80], ["AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message"]) },
  'docker.io/library/redis': { binaries: new Set([...DEBIAN, 'redis-server', 'redis-cli']), defaultRun: serve([6379], ['1:C 15 Jan 2026 08:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M 15 Jan 2026 08:00:00.001 * Ready to accept connections tcp']) },
  'docker.io/library/busybox': { binaries: BUSYBOX_IMAGE, defaultRun: () => ({ steps: [] }) },
  // ENTRYPOINT /entrypoint.sh, CMD curl: args that start with '-' or name no program are curl's.
  'docker.io/curlimages/curl': {
    binaries: CURL_IMAGE,
    defaultRun: () => ({ steps: [{ log: "curl: try 'curl --help' or 'curl --manual' for more information" }, { exit: 2 }] }),
    entrypoint: (args) => (args[0]?.startsWith('-') || !CURL_IMAGE.has((args[0] ?? '').replace(/^.*\//, '')) ? ['curl', ...args] : args),
  },
  'docker.io/library/alpine': { binaries: ALPINE, defaultRun: () => ({ steps: [] }) },
  'docker.io/library/ubuntu': { binaries: DEBIAN, defaultRun: () => ({ steps: [] }) },
  'docker.io/library/debian': { binaries: DEBIAN, defaultRun: () => ({ steps: [] }) },
  'docker.io/library/perl': { binaries: DEBIAN, defaultRun: () => ({ steps: [] }) },
  'registry.k8s.io/busybox': { binaries: BUSYBOX_IMAGE, defaultRun: () => ({ steps: [] }) },
  'docker.io/library/mysql': {
    binaries: new Set([...DEBIAN, 'mysqld', 'mysql']),
    defaultRun: (env) =>
      env.MYSQL_ROOT_PASSWORD || env.MYSQL_ALLOW_EMPTY_PASSWORD || env.MYSQL_RANDOM_ROOT_PASSWORD
        ? serve([3306], ['[Entrypoint] MySQL Server 8.4 - start', '[Entrypoint] Initializing database files', 'ready for connections. Version: \'8.4.5\'  socket: \'/var/run/mysqld/mysqld.sock\'  port: 3306  MySQL Community Server - GPL.'])()
        : {
            steps: [
              { log: '[Entrypoint] ERROR: Database is uninitialized and password option is not specified' },
              { log: '    You need to specify one of the following as an environment variable:' },
              { log: '    - MYSQL_ROOT_PASSWORD' },
              { log: '    - MYSQL_ALLOW_EMPTY_PASSWORD' },
              { log: '    - MYSQL_RANDOM_ROOT_PASSWORD' },
              { exit: 1 },
            ],
          },
  },
  'docker.io/library/postgres': {
    binaries: new Set([...DEBIAN, 'postgres', 'psql']),
    defaultRun: (env) =>
      env.POSTGRES_PASSWORD || env.POSTGRES_HOST_AUTH_METHOD === 'trust'
        ? serve([5432], ['PostgreSQL init process complete; ready for start up.', 'LOG:  database system is ready to accept connections'])()
        : {
            steps: [
              { log: 'Error: Database is uninitialized and superuser password is not specified.' },
              { log: '       You must specify POSTGRES_PASSWORD to a non-empty value for the' },
              { log: '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".' },
              { exit: 1 },
            ],
          },
  },
};

function sleepMs(arg: string | undefined): number | undefined {
  if (!arg) return 0;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Number(m[1]) * mult;
}

/**
 * What the kubelet expands in command and args: `$(VAR)` from the container's env (left as written
 * when VAR is not defined), `$$` to `$`. `$VAR` is the shell's business, not the kubelet's.
 */
export function expandContainerVars(word: string, env: Record<string, string>): string {
  return word.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, k: string | undefined) => (k === undefined ? '$' : (env[k] ?? m)));
}

interface ParseResult {
  steps: Step[];
  error?: string;
  /** A command ran whose output the model does not know. */
  unmodelled?: boolean;
}

/** How the script's shell words a missing command: busybox ash, dash (`sh` in Debian) or bash. */
type Dialect = 'ash' | 'dash' | 'bash';

/**
 * A container script, walked once on its syntax tree (the shell's own parser) to decide what it
 * does over time: which branch of an `if` runs, how many times a `for` goes round, what `echo`
 * logs, when it sleeps and with which status it exits. Conditions are decided from the
 * container's environment and the files the script itself creates; a `while` that can run
 * forever becomes a repeating loop step.
 */
class ScriptModel {
  readonly steps: Step[] = [];
  status = 0;
  exited = false;
  /** A command ran whose output this model does not know (see Behaviour.live). */
  unmodelled = false;
  private readonly vars: Record<string, string>;
  private readonly files = new Set<string>();
  private budget = 2000;

  constructor(
    env: Record<string, string>,
    private readonly binaries: Set<string> | undefined,
    private readonly dialect: Dialect,
    /** Directories the container has: the image's usual ones and its volume mounts. */
    private readonly dirs: Set<string> = new Set(BASE_DIRS),
    private readonly tools?: ContainerTools,
  ) {
    this.vars = { ...env };
  }

  /** The process's environment (env, printenv), when the kubelet said what it is. */
  get environment(): Record<string, string> | undefined {
    return this.tools?.environment;
  }

  list(node: ListNode, out: Step[] = this.steps): void {
    for (const item of node.items) {
      if (this.exited) return;
      this.command(item.cmd, out);
    }
  }

  private command(cmd: Command, out: Step[]): void {
    if (this.exited || --this.budget < 0) return;
    switch (cmd.type) {
      case 'list':
        return this.list(cmd, out);
      case 'andor': {
        this.command(cmd.first, out);
        for (const r of cmd.rest) if ((r.op === '&&') === (this.status === 0)) this.command(r.cmd, out);
        return;
      }
      case 'pipeline': {
        // The last command's output is what reaches the log; earlier ones feed it.
        const sink: Step[] = [];
        cmd.cmds.slice(0, -1).forEach((c) => this.command(c, sink));
        out.push(...sink.filter((s) => s.log === undefined));
        this.command(cmd.cmds[cmd.cmds.length - 1], out);
        if (cmd.negate) this.status = this.status === 0 ? 1 : 0;
        return;
      }
      case 'group':
      case 'subshell':
        return this.list(cmd.body, out);
      case 'if': {
        for (const clause of cmd.clauses) {
          this.list(clause.cond, out);
          if (this.exited) return;
          if (this.status === 0) return this.list(clause.body, out);
        }
        this.status = 0;
        if (cmd.elseBody) this.list(cmd.elseBody, out);
        return;
      }
      case 'for': {
        const items = (cmd.words ?? []).flatMap((w) => this.words([w]));
        for (const item of items.slice(0, 100)) {
          this.vars[cmd.name] = item;
          this.list(cmd.body, out);
          if (this.exited) return;
        }
        return;
      }
      case 'while':
        return this.whileLoop(cmd, out);
      case 'simple':
        return this.simple(cmd, out);
      default:
        this.status = 0;
    }
  }

  /**
   * A `while` loop, run round by round on the script's variables: one whose condition stops it
   * (a counter reaching its bound) unrolls into its rounds; one whose rounds leave the variables
   * as they were (`while true; do …; sleep 5; done`) repeats its round for ever; one that counts
   * for ever repeats its round with its lines' numbers counting (see LineTemplate).
   */
  private whileLoop(cmd: Extract<Command, { type: 'while' }>, out: Step[]): void {
    const rounds: Step[][] = [];
    let before = JSON.stringify(this.vars);
    // A script too long to walk further is taken as running on (not as ending where the walk stopped).
    for (let round = 0; round < MAX_UNROLLED_ROUNDS && this.budget > 0; round++) {
      const cond: Step[] = [];
      this.list(cmd.cond, cond);
      if (this.exited || (this.status === 0) === cmd.until) {
        out.push(...rounds.flat(), ...cond);
        if (!this.exited) this.status = 0;
        return;
      }
      const body: Step[] = [];
      this.list(cmd.body, body);
      rounds.push([...cond, ...body]);
      if (this.exited) {
        out.push(...rounds.flat());
        return;
      }
      const after = JSON.stringify(this.vars);
      if (after === before) {
        // Every further round is this one.
        out.push(...rounds.slice(0, -1).flat());
        const last = rounds[rounds.length - 1];
        out.push({ loop: last.length ? last : [{ sleepMs: 1000 }] });
        this.exited = true;
        return;
      }
      before = after;
    }
    out.push({ loop: countingRound(rounds) });
    this.exited = true;
  }

  /** Words after expansion: $VAR, ${VAR:-default}, "$(date)" (a placeholder filled in when logged). */
  private words(words: Word[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      let text = '';
      let split = false;
      const part = (p: WordPart, quoted: boolean): void => {
        if (p.type === 'lit') text += p.value;
        else if (p.type === 'dq') p.parts.forEach((x) => part(x, true));
        else if (p.type === 'param') {
          const v = p.name === '?' ? String(this.status) : this.vars[p.name];
          const empty = v === undefined || (p.op?.startsWith(':') && v === '');
          if (p.length) text += String((v ?? '').length);
          else if ((p.op === ':-' || p.op === '-') && (p.op === '-' ? v === undefined : empty)) text += this.words(p.arg ? [p.arg] : []).join(' ');
          else if ((p.op === ':+' || p.op === '+') && !empty) text += this.words(p.arg ? [p.arg] : []).join(' ');
          else if (!p.op?.includes('+')) text += v ?? '';
          split ||= !quoted;
        } else if (p.type === 'arith') {
          text += this.arith(this.words([p.expr]).join(' '));
          split ||= !quoted;
        } else if (p.type === 'cmdsub') {
          const sub = new ScriptModel(this.vars, this.binaries, this.dialect, this.dirs, this.tools);
          sub.list(p.body);
          this.unmodelled ||= sub.unmodelled;
          text += sub.steps.filter((s) => s.log !== undefined).map((s) => s.log).join('\n');
          split ||= !quoted;
        }
      };
      w.parts.forEach((p) => part(p, false));
      if (split) out.push(...text.split(/\s+/).filter(Boolean));
      else out.push(text);
    }
    return out;
  }

  private simple(cmd: SimpleCommand, out: Step[]): void {
    for (const a of cmd.assigns) this.vars[a.name] = a.value ? this.words([a.value]).join(' ') : '';
    const w = this.words(cmd.words);
    const prog = w[0]?.replace(/^.*\//, '') ?? '';
    this.status = 0;
    if (!prog) return;
    if (this.binaries && !this.binaries.has(prog) && !SHELL_BUILTINS.has(prog)) {
      const line = cmd.line || 1;
      out.push({ log: this.dialect === 'bash' ? `bash: line ${line}: ${prog}: command not found` : this.dialect === 'dash' ? `sh: ${line}: ${prog}: not found` : `sh: ${prog}: not found` });
      this.status = 127;
      return;
    }
    const handler = SCRIPT_COMMANDS[prog];
    if (!handler) {
      this.unmodelled = true;
      return;
    }
    const target = this.stdoutTarget(cmd);
    if (target === undefined) {
      this.status = handler(w, out, this);
      return;
    }
    // Output redirected to a file: what the command prints becomes lines of that file.
    const sink: Step[] = [];
    this.status = handler(w, sink, this);
    if (target.path === '/dev/null') {
      out.push(...sink.filter((s) => s.log === undefined));
      return;
    }
    this.files.add(target.path);
    if (target.truncate) out.push({ truncate: target.path });
    for (const s of sink) out.push(s.log !== undefined ? { write: { path: target.path, line: s.log } } : s);
  }

  /** Where a command's standard output goes when redirected (`> FILE`, `>> FILE`, `&> FILE`): the last such redirection wins. */
  private stdoutTarget(cmd: SimpleCommand): { path: string; truncate: boolean } | undefined {
    let target: { path: string; truncate: boolean } | undefined;
    for (const r of cmd.redirs) {
      const toStdout = (r.fd === undefined || r.fd === 1) && ['>', '>>', '>|'].includes(r.op);
      if (!toStdout && r.op !== '&>' && r.op !== '&>>') continue;
      const path = this.words([r.target]).join(' ');
      if (path) target = { path, truncate: r.op !== '>>' && r.op !== '&>>' };
    }
    return target;
  }

  /** $((…)) over the script's variables (assignments in it, `i++`, change them); '' when it fails. */
  private arith(expr: string): string {
    try {
      return String(evalArith(expr, { get: (n) => this.vars[n], set: (n, v) => void (this.vars[n] = v) }));
    } catch {
      return '';
    }
  }

  /** A network tool's run laid out as steps: its lines logged, its waits slept. */
  network(argv: string[], out: Step[]): number {
    const run = this.tools?.network?.(argv, { exists: (p) => this.files.has(p), writeFile: (p) => this.touch(p, out) });
    if (!run) return 0;
    let pending = '';
    for (const c of run.chunks) {
      if ('waitMs' in c) {
        out.push({ sleepMs: c.waitMs });
        continue;
      }
      pending += c.text;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        out.push({ log: pending.slice(0, nl) });
        pending = pending.slice(nl + 1);
      }
    }
    if (pending) out.push({ log: pending });
    return run.exitCode;
  }

  /** cat FILE…: the container's files as its image and volumes give them, or cat's error (status 1); `part` keeps tail's share of each. */
  cat(argv: string[], out: Step[], part?: { lines?: number; fromLine?: number }): number {
    const read = this.tools?.readFile;
    if (!read) return 0;
    let status = 0;
    for (const path of argv.slice(1).filter((a) => !a.startsWith('-') || a === '-')) {
      const text = read(path) ?? (this.files.has(path) ? '' : undefined);
      if (text === undefined) {
        // The image's own files (/etc/os-release, /etc/passwd) are not among the ones read here.
        this.unmodelled = true;
        out.push({ log: this.dialect === 'ash' ? `cat: can't open '${path}': No such file or directory` : `cat: ${path}: No such file or directory` });
        status = 1;
        continue;
      }
      let lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      if (part?.fromLine !== undefined) lines = lines.slice(part.fromLine - 1);
      else if (part?.lines !== undefined) lines = part.lines === 0 ? [] : lines.slice(-part.lines);
      for (const line of lines) out.push({ log: line });
    }
    return status;
  }

  exit(code: number, out: Step[]): number {
    out.push({ exit: code });
    this.exited = true;
    return code;
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  hasDir(path: string): boolean {
    return this.dirs.has(path.replace(/(.)\/+$/, '$1'));
  }

  touch(path: string, out: Step[]): void {
    this.files.add(path);
    out.push({ touch: path });
  }

  rm(path: string, out: Step[]): void {
    this.files.delete(path);
    out.push({ rm: path });
  }

  get lastStatus(): number {
    return this.status;
  }
}

const SHELL_BUILTINS = new Set(['echo', 'printf', 'exit', 'true', 'false', ':', 'test', '[', 'cd', 'export', 'set', 'trap', 'kill', 'read', 'unset', 'shift', 'wait']);

/** Rounds of a `while` loop run one by one before it is taken as endless. */
const MAX_UNROLLED_ROUNDS = 50;

/**
 * The round of an endless loop whose lines count (`echo "$i"; i=$((i+1))`): the first round, each
 * line made a template from how its numbers change over the first three rounds. Rounds that do
 * not follow one pattern (not the same steps, numbers that do not move by a fixed step) repeat
 * the first round as it is.
 */
function countingRound(rounds: Step[][]): Step[] {
  const [r0, r1, r2] = rounds;
  if (!r0?.length) return [{ sleepMs: 1000 }];
  if (!r1 || !r2 || r1.length !== r0.length || r2.length !== r0.length) return r0;
  return r0.map((s, i) => {
    const text = (x: Step) => x.log ?? x.write?.line;
    const [a, b, c] = [text(s), text(r1[i]), text(r2[i])];
    if (a === undefined || b === undefined || c === undefined || a === b) return s;
    const template = lineTemplate(a, b, c);
    return template ? { ...s, template } : s;
  });
}

/** The template of three rounds of a line, or undefined when their numbers do not count steadily. */
function lineTemplate(a: string, b: string, c: string): LineTemplate | undefined {
  const split = (x: string) => x.split(/(\d+)/);
  const [pa, pb, pc] = [split(a), split(b), split(c)];
  if (pa.length !== pb.length || pa.length !== pc.length) return undefined;
  const out: LineTemplate = [];
  for (let k = 0; k < pa.length; k++) {
    if (k % 2 === 0) {
      if (pa[k] !== pb[k] || pa[k] !== pc[k]) return undefined;
      out.push(pa[k]);
      continue;
    }
    const [x, y, z] = [Number(pa[k]), Number(pb[k]), Number(pc[k])];
    if (x === y && y === z) out.push(pa[k]);
    else if (y - x === z - y) out.push({ start: x, step: y - x });
    else return undefined;
  }
  return out;
}

const BASE_DIRS = ['/', '/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/bin', '/var', '/var/log'];

type ScriptCommand = (argv: string[], out: Step[], m: ScriptModel) => number;

/** test / [: strings, numbers and the files the script made. */
function testExpr(args: string[], m: ScriptModel): boolean {
  if (args[0] === '!') return !testExpr(args.slice(1), m);
  const a = args.indexOf('-a');
  if (a > 0) return testExpr(args.slice(0, a), m) && testExpr(args.slice(a + 1), m);
  const o = args.indexOf('-o');
  if (o > 0) return testExpr(args.slice(0, o), m) || testExpr(args.slice(o + 1), m);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    if (op === '-z') return v === '';
    if (op === '-n') return v !== '';
    if (['-f', '-s'].includes(op)) return m.hasFile(v);
    if (op === '-d') return m.hasDir(v);
    if (['-e', '-r', '-w', '-x'].includes(op)) return m.hasFile(v) || m.hasDir(v);
    return false;
  }
  const [l, op, r] = args;
  const num = (x: string) => Number(x.trim());
  switch (op) {
    case '=':
    case '==': return l === r;
    case '!=': return l !== r;
    case '-eq': return num(l) === num(r);
    case '-ne': return num(l) !== num(r);
    case '-lt': return num(l) < num(r);
    case '-le': return num(l) <= num(r);
    case '-gt': return num(l) > num(r);
    case '-ge': return num(l) >= num(r);
    default: return false;
  }
}

const SCRIPT_COMMANDS: Record<string, ScriptCommand> = {
  echo: (w, out) => {
    const args = w.slice(1);
    while (args[0] === '-n' || args[0] === '-e') args.shift();
    out.push({ log: args.join(' ') });
    return 0;
  },
  printf: (w, out) => {
    const [fmt = '', ...rest] = w.slice(1);
    let i = 0;
    const text = fmt.replace(/%[sd]/g, () => rest[i++] ?? '').replace(/\\n/g, '\n').replace(/\n$/, '');
    for (const line of text.split('\n')) out.push({ log: line });
    return 0;
  },
  // The documentation's Job: `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints π to that many digits.
  perl: (w, out) => {
    const code = w.slice(1).filter((a) => !a.startsWith('-') || /^-\w*e$/.test(a)).join(' ');
    const bpi = /print\s+bpi\(\s*(\d+)\s*\)/.exec(code);
    if (bpi && w.some((a) => /^-Mbignum=.*\bbpi\b/.test(a))) out.push({ log: piDigits(Math.min(Number(bpi[1]), 100_000)) });
    return 0;
  },
  sleep: (w, out, m) => {
    const ms = sleepMs(w[1]);
    if (ms === undefined) {
      // busybox sleep: a typo such as `36OO` is an error, and the container exits with it.
      out.push({ log: `sleep: invalid number '${w[1]}'` });
      return 1;
    }
    out.push({ sleepMs: ms });
    if (!Number.isFinite(ms)) m.exited = true;
    return 0;
  },
  exit: (w, out, m) => m.exit(w[1] === undefined ? m.lastStatus : Number(w[1]) & 255 || 0, out),
  false: () => 1,
  true: () => 0,
  ':': () => 0,
  test: (w, _o, m) => (testExpr(w.slice(1), m) ? 0 : 1),
  '[': (w, _o, m) => (testExpr(w.slice(1, w[w.length - 1] === ']' ? -1 : undefined), m) ? 0 : 1),
  touch: (w, out, m) => {
    for (const f of w.slice(1).filter((x) => !x.startsWith('-'))) m.touch(f, out);
    return 0;
  },
  rm: (w, out, m) => {
    for (const f of w.slice(1).filter((x) => !x.startsWith('-'))) m.rm(f, out);
    return 0;
  },
  date: (_w, out) => {
    out.push({ log: '{date}' });
    return 0;
  },
  hostname: (w, out, m) => {
    // With options (-i, -f, -s) it says what only the container's own hostname program knows.
    if (w.length > 1) m.unmodelled = true;
    else out.push({ log: '{hostname}' });
    return 0;
  },
};
/**
 * tail: with -f/-F it follows its file for ever (what other containers of the Pod write to a
 * shared volume reaches its log); without, the file's last lines as they are.
 */
SCRIPT_COMMANDS.tail = (w, out, m) => {
  let follow = false;
  let count = '10';
  const files: string[] = [];
  for (let i = 1; i < w.length; i++) {
    const a = w[i];
    if (a === '-f' || a === '-F' || a === '--follow' || a === '--retry') follow ||= a !== '--retry';
    else if (a === '-n' || a === '--lines') count = w[++i] ?? '10';
    else if (/^-n.+/.test(a)) count = a.slice(2);
    else if (/^--lines=/.test(a)) count = a.slice(8);
    else if (/^-[fF]?n?\d+$/.test(a) || /^-[fF]n?/.test(a)) {
      follow ||= /[fF]/.test(a);
      const n = /\d+/.exec(a)?.[0];
      if (n) count = n;
    } else if (!a.startsWith('-') || a === '-') files.push(a);
  }
  const fromStart = count.startsWith('+');
  const n = Number(count.replace(/^[+-]/, ''));
  if (!Number.isInteger(n)) return 1;
  if (follow) {
    if (files.length === 0) {
      // Following standard input, which a container has not: it waits for ever.
      out.push({ sleepMs: Infinity });
      m.exited = true;
      return 0;
    }
    out.push({ follow: { path: files[files.length - 1], ...(fromStart ? { fromLine: Math.max(n, 1) } : { lines: n }) } });
    m.exited = true;
    return 0;
  }
  return m.cat(['cat', ...files], out, fromStart ? { fromLine: Math.max(n, 1) } : { lines: n });
};
for (const tool of ['wget', 'curl', 'nslookup', 'nc', 'ping']) SCRIPT_COMMANDS[tool] = (w, out, m) => m.network(w, out);
SCRIPT_COMMANDS.cat = (w, out, m) => m.cat(w, out);
/** env and printenv without operands: every variable, `NAME=value`, in the process's order. */
SCRIPT_COMMANDS.env = (w, out, m) => {
  const environment = m.environment;
  if (w.length > 1) m.unmodelled = true;
  if (!environment || w.length > 1) return 0;
  for (const [k, v] of Object.entries(environment)) for (const line of `${k}=${v}`.split('\n')) out.push({ log: line });
  return 0;
};
/** printenv NAME…: each value; 1 when one is not set. */
SCRIPT_COMMANDS.printenv = (w, out, m) => {
  const environment = m.environment;
  if (!environment) return 0;
  if (w.length === 1) return SCRIPT_COMMANDS.env(w, out, m);
  let status = 0;
  for (const name of w.slice(1)) {
    if (Object.hasOwn(environment, name)) for (const line of environment[name].split('\n')) out.push({ log: line });
    else status = 1;
  }
  return status;
};
/** uname: the node's kernel (a container shares it), `-a` as busybox and coreutils print it. */
SCRIPT_COMMANDS.uname = (w, out) => {
  const flags = w.slice(1).join('').replace(/-/g, '');
  const all = flags.includes('a');
  const parts: string[] = [];
  if (all || flags.includes('s') || !flags) parts.push('Linux');
  if (all || flags.includes('n')) parts.push('{hostname}');
  if (all || flags.includes('r')) parts.push(KERNEL.release);
  if (all || flags.includes('v')) parts.push(KERNEL.version);
  if (all || flags.includes('m')) parts.push(KERNEL.machine);
  if (all) parts.push('GNU/Linux');
  out.push({ log: parts.join(' ') });
  return 0;
};
// Commands that print nothing when they succeed; any other command without a handler makes the run live.
for (const quiet of ['mkdir', 'cp', 'mv', 'trap', 'export', 'cd', 'set', 'chmod', 'chown', 'ln', 'kill'])
  SCRIPT_COMMANDS[quiet] ??= () => 0;

/** Parse a script into steps with the shell's own parser; a syntax error is what sh prints, status 2. */
function parseScript(script: string, env: Record<string, string>, binaries: Set<string> | undefined, dialect: Dialect = 'ash', mounts: string[] = [], tools?: ContainerTools): ParseResult {
  const parsed = Parser.parseAll(script);
  if (parsed.kind !== 'ok') {
    const text = parsed.error.message ?? 'syntax error';
    const prefix = dialect === 'bash' ? 'bash: -c: line 1: ' : dialect === 'dash' ? 'sh: 1: ' : 'sh: ';
    return { steps: [{ log: `${prefix}${text}` }, { exit: 2 }], error: text };
  }
  const model = new ScriptModel(env, binaries, dialect, new Set([...BASE_DIRS, ...mounts]), tools);
  for (const node of parsed.commands) model.list(node);
  if (!model.exited && model.status !== 0) model.steps.push({ exit: model.status });
  return { steps: model.steps, unmodelled: model.unmodelled };
}

function runSteps(steps: Step[], termExitMs: number, ports: number[]): Behaviour {
  const b: Behaviour = { startLogs: [], exitCode: 0, ports, termExitMs };
  let t = 0;
  for (const s of steps) {
    if (s.touch !== undefined) {
      b.files ??= [];
      if (!b.files.some((f) => f.path === s.touch && f.untilMs === undefined)) b.files.push({ path: s.touch, fromMs: t });
    } else if (s.rm !== undefined) {
      const f = b.files?.find((x) => x.path === s.rm && x.untilMs === undefined);
      if (f) f.untilMs = t;
    } else if (s.log !== undefined) b.startLogs.push({ offsetMs: t, line: s.log });
    else if (s.write !== undefined) (b.writes ??= []).push({ path: s.write.path, offsetMs: t, line: s.write.line });
    else if (s.truncate !== undefined) (b.writes ??= []).push({ path: s.truncate, offsetMs: t, truncate: true });
    else if (s.follow !== undefined) {
      b.follow = { ...s.follow, startMs: t };
      return b;
    } else if (s.sleepMs !== undefined) {
      if (!Number.isFinite(s.sleepMs)) return b;
      t += s.sleepMs;
    } else if (s.exit !== undefined) {
      b.exitCode = s.exit;
      b.exitAfterMs = t;
      return b;
    } else if (s.loop) {
      let period = 0;
      const lines: { offsetMs: number; line: string; template?: LineTemplate }[] = [];
      const writes: FileWrite[] = [];
      for (const x of s.loop) {
        const template = x.template ? { template: x.template } : {};
        if (x.log !== undefined) lines.push({ offsetMs: period, line: x.log, ...template });
        if (x.write !== undefined) writes.push({ path: x.write.path, offsetMs: period, line: x.write.line, ...template });
        if (x.truncate !== undefined) writes.push({ path: x.truncate, offsetMs: period, truncate: true });
        if (x.sleepMs !== undefined && Number.isFinite(x.sleepMs)) period += x.sleepMs;
      }
      b.loop = { startMs: t, periodMs: Math.max(period, 1000), lines, ...(writes.length ? { writes } : {}) };
      return b;
    }
  }
  b.exitAfterMs = t;
  return b;
}

export interface ContainerSpecLike {
  image?: string;
  command?: string[];
  args?: string[];
  /** stdin kept open (kubectl run -i, kubectl debug -i): a shell reading it waits instead of exiting. */
  stdin?: boolean;
  volumeMounts?: { mountPath?: string }[];
}

/** The shells a container's image may run (by base name). */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'ash', 'bash', 'dash']);

/** Where the container's volumes are mounted (directories its script can test for). */
function mountsOf(c: ContainerSpecLike): string[] {
  return (c.volumeMounts ?? []).map((m) => String(m.mountPath ?? '').replace(/(.)\/+$/, '$1')).filter(Boolean);
}

/** The behaviour of a container's main process. */
export function behaviourOf(c: ContainerSpecLike, env: Record<string, string> = {}, tools?: ContainerTools): Behaviour {
  const b = processBehaviour(c, env, tools);
  if (!c.stdin || b.startError || b.exitAfterMs === undefined) return b;
  return shellArgv(c) ? { ...b, exitAfterMs: undefined } : b;
}

/**
 * The argv of a container whose main process is a shell waiting on its stdin (`kubectl run -it
 * --image=busybox`, a node-debugging Pod): what `kubectl attach` talks to. Undefined for any other.
 */
export function stdinShellOf(c: ContainerSpecLike): string[] | undefined {
  if (!c.stdin) return undefined;
  const b = processBehaviour(c, {});
  return b.startError || b.exitAfterMs === undefined ? undefined : shellArgv(c);
}

/** A lone shell as the command, or an image whose default command is its shell. */
function shellArgv(c: ContainerSpecLike): string[] | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  if (argv.length === 0) return PROFILES[normalizeImage(String(c.image ?? '')).repository]?.binaries?.has('sh') ? ['sh'] : undefined;
  return argv.length === 1 && SHELLS.has(argv[0].replace(/^.*\//, '')) ? argv : undefined;
}

function processBehaviour(c: ContainerSpecLike, env: Record<string, string>, tools?: ContainerTools): Behaviour {
  const repo = normalizeImage(String(c.image ?? '')).repository;
  const stress = stressBehaviour(repo, [...(c.command ?? []), ...(c.args ?? [])]);
  if (stress) return stress;
  const addon = addonBehaviour(repo, [...(c.command ?? []), ...(c.args ?? [])]);
  if (addon) return addon;
  if (repo === 'registry.k8s.io/coredns/coredns' && !c.command?.length) {
    const startLogs = corednsStartLines(normalizeImage(String(c.image)).tag).map((line) => ({ offsetMs: 0, line }));
    return { startLogs, exitCode: 0, ports: [53, 8080, 8181, 9153], termExitMs: 100, answersAnyPort: true };
  }
  if (repo === 'registry.k8s.io/metrics-server/metrics-server' && !c.command?.length)
    return { ...metricsServerBehaviour((c.args ?? []).map(String)), exitCode: 0, termExitMs: 100 };
  const profile = PROFILES[repo];
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map((a) => expandContainerVars(String(a), env));
  // A control-plane image runs its own binary (the process supervised in src/sim/cluster) or nothing.
  const controlPlane = c.command?.length ? controlPlaneImageBinaries(repo) : undefined;
  if (controlPlane && !controlPlane.includes((argv[0] ?? '').replace(/^.*\//, ''))) return cannotStart(argv[0] ?? '');
  if (!c.command?.length) {
    if (repo === 'registry.k8s.io/e2e-test-images/agnhost' && c.args?.[0] === 'liveness') return { startLogs: [], exitCode: 0, ports: [8080], termExitMs: 100, server: 'agnhost-liveness' };
    if (!profile) return { startLogs: [], exitCode: 0, ports: [], termExitMs: 100, answersAnyPort: true };
    if (c.args?.length && profile.binaries && (!SERVER_IMAGES[repo] || serverArgsRunOther(repo, argv)))
      return fromArgv(profile.entrypoint ? profile.entrypoint(argv) : argv, env, profile.binaries, mountsOf(c), tools);
    const run = profile.defaultRun(env);
    if (run.steps) return runSteps(run.steps, Infinity, []);
    return { startLogs: [], exitCode: 0, ports: [], termExitMs: 100, ...run } as Behaviour;
  }
  return fromArgv(argv, env, profile?.binaries, mountsOf(c), tools);
}

/**
 * The server images and the first words their entrypoint keeps for the server (docker-entrypoint.sh:
 * nginx only configures for `nginx`/`nginx-debug`; redis, mysql and postgres put their server before
 * options); any other command (`kubectl run t --image=nginx -- sleep 3600`) is exec'd as it is.
 */
const SERVER_IMAGES: Record<string, ReadonlySet<string>> = {
  'docker.io/library/nginx': new Set(['nginx', 'nginx-debug']),
  'docker.io/library/httpd': new Set(['httpd-foreground', 'httpd']),
  'docker.io/library/redis': new Set(['redis-server']),
  'docker.io/library/mysql': new Set(['mysqld']),
  'docker.io/library/postgres': new Set(['postgres']),
};

/** A server image's args that name another program: its entrypoint execs them instead of the server. */
function serverArgsRunOther(repo: string, argv: string[]): boolean {
  const first = argv[0] ?? '';
  if (first.startsWith('-') || (repo === 'docker.io/library/redis' && first.endsWith('.conf'))) return false;
  return !SERVER_IMAGES[repo].has(first.replace(/^.*\//, ''));
}

/** A process whose program is not in the image: the runtime refuses to start it. */
function cannotStart(prog: string): Behaviour {
  return { startLogs: [], exitCode: 128, ports: [], termExitMs: 0, startError: executableNotFound(prog) };
}

/** The image's /bin/sh: dash where the image is Debian's (it has bash), busybox ash otherwise. */
function shDialect(binaries: Set<string> | undefined): Dialect {
  return binaries?.has('bash') ? 'dash' : 'ash';
}

function fromArgv(argv: string[], env: Record<string, string>, binaries: Set<string> | undefined, mounts: string[] = [], tools?: ContainerTools): Behaviour {
  const prog = argv[0] ?? '';
  const base = prog.replace(/^.*\//, '');
  if (binaries && !binaries.has(base)) return cannotStart(prog);
  if (['sh', 'ash', 'bash', 'dash'].includes(base)) {
    const ci = argv.indexOf('-c');
    if (ci < 0) return runSteps([], Infinity, []);
    const dialect: Dialect = base === 'bash' ? 'bash' : shDialect(binaries);
    return liveWhenUnmodelled(parseScript(argv[ci + 1] ?? '', env, binaries, dialect, mounts, tools), argv, tools);
  }
  if (base === 'nginx') return { startLogs: [], exitCode: 0, ports: [80], termExitMs: 100 };
  if (!binaries) {
    // An image we do not model: short file utilities finish at once, anything else serves.
    if (QUICK.has(base)) return { startLogs: [], exitCode: 0, exitAfterMs: 50, ports: [], termExitMs: 100 };
    return { startLogs: [], exitCode: 0, ports: [], termExitMs: 100, answersAnyPort: true };
  }
  // A program run without a shell: its words reach it as they are (no $VAR, no globbing).
  return liveWhenUnmodelled(parseScript(argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '), env, binaries, shDialect(binaries), mounts, tools), argv, tools);
}

/**
 * The script's modelled behaviour, run live instead (Behaviour.live) when it ran a command the
 * model cannot answer and ends: a command that runs for ever keeps its model (its timeline is
 * what logs, probes and restarts read), and without the kubelet's tools there is no container to
 * run it in.
 */
function liveWhenUnmodelled(parsed: ParseResult, argv: string[], tools: ContainerTools | undefined): Behaviour {
  const b = runSteps(parsed.steps, Infinity, []);
  if (!parsed.unmodelled || !tools?.environment || b.exitAfterMs === undefined || !Number.isFinite(b.exitAfterMs) || b.loop || b.follow) return b;
  return { ...b, live: argv };
}

/** The log lines a behaviour has written between its start and `now`. */
export function logsUntil(b: Behaviour, startedAt: number, now: number, subst: (line: string, at: number) => string = (l) => l): { at: number; line: string }[] {
  const out: { at: number; line: string }[] = [];
  for (const l of b.startLogs) if (startedAt + l.offsetMs <= now) out.push({ at: startedAt + l.offsetMs, line: subst(l.line, startedAt + l.offsetMs) });
  if (b.loop && now >= startedAt + b.loop.startMs) {
    const from = startedAt + b.loop.startMs;
    // The latest rounds, up to about 5,000 lines (as a rotated log keeps its newest part).
    const rounds = Math.floor((now - from) / b.loop.periodMs) + 1;
    const first = Math.max(0, rounds - Math.ceil(5000 / Math.max(1, b.loop.lines.length)));
    for (let i = first; i < rounds; i++)
      for (const l of b.loop.lines) {
        const at = from + i * b.loop.periodMs + l.offsetMs;
        if (at <= now) out.push({ at, line: subst(l.template ? renderLine(l.template, i) : l.line, at) });
      }
  }
  return out;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** polinux/stress (`stress --vm 1 --vm-bytes 250M --vm-hang 1`): a process that holds that much memory. */
function stressBehaviour(repo: string, argv: string[]): Behaviour | undefined {
  if (repo !== 'docker.io/polinux/stress') return undefined;
  const i = argv.indexOf('--vm-bytes');
  const m = i >= 0 ? /^(\d+)([bkmgBKMG]?)$/.exec(argv[i + 1] ?? '') : null;
  const memoryBytes = m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : 256 * 1024 ** 2;
  return { startLogs: [{ offsetMs: 0, line: 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd' }], exitCode: 0, ports: [], termExitMs: 100, memoryBytes };
}
