/**
 * bash's kill builtin (builtins/kill.def): signals to processes and to the shell's own jobs by
 * jobspec (%1, %%, %+, %-, %name, %?text) — which /bin/kill cannot name; `kill %1` is how a
 * learner stops the `kubectl proxy &` or `kubectl port-forward … &` they started.
 * Signal specs as bash decodes them: -SIG, -s SIG, -n NUM, any case, SIG optional; -l lists them
 * or converts one. Texts as bash 5 prints them (usage without the shell's prefix).
 */
import type { Builtin, Shell } from '../exec/interpreter';
import { findJob } from './jobspec';
import type { ShellDialect } from '../exec/dialect';
import type { FdTable } from '../exec/redirect';
import { getSystem, SIGNALS } from '../commands/lib/system';

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/**
 * The failures each shell's kill words its own way (bash builtins/kill.def; dash src/jobs.c killcmd,
 * whose "No such process" is followed by an empty line; busybox procps/kill.c run as ash's builtin,
 * under the shell's name), with their statuses. Observed on bash 5.2, dash 0.5.12, busybox 1_36_1.
 */
interface KillWords {
  usage(shell: Shell, io: FdTable): number;
  noSuchProcess(shell: Shell, io: FdTable, pid: string): number;
  notAnId(shell: Shell, io: FdTable, word: string): number;
  noSuchJob(shell: Shell, io: FdTable, spec: string): number;
  badSignal(shell: Shell, io: FdTable, spec: string): number;
}

const say = (io: FdTable, text: string, status: number) => (io.stderr.write(text), status);

const WORDS: Record<ShellDialect, KillWords> = {
  bash: {
    usage: (_s, io) => say(io, USAGE, 2),
    noSuchProcess: (s, io, pid) => (s.error(io, `kill: (${pid}) - No such process`), 1),
    notAnId: (s, io, w) => (s.error(io, `kill: ${w}: arguments must be process or job IDs`), 1),
    noSuchJob: (s, io, spec) => (s.error(io, `kill: ${spec}: no such job`), 1),
    badSignal: (s, io, spec) => (s.error(io, `kill: ${spec}: invalid signal specification`), 1),
  },
  dash: {
    usage: (s, io) => (s.error(io, 'kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]'), 2),
    noSuchProcess: (s, io) => (s.error(io, 'kill: No such process\n'), 1),
    notAnId: (s, io, w) => (s.error(io, `kill: Illegal number: ${w}`), 2),
    noSuchJob: (s, io, spec) => (s.error(io, `kill: No such job: ${spec}`), 2),
    badSignal: (s, io, spec) => (s.error(io, `kill: Illegal option -${spec[0] ?? ''}`), 2),
  },
  ash: {
    usage: (_s, io) => say(io, 'sh: you need to specify whom to kill\n', 1),
    noSuchProcess: (_s, io, pid) => say(io, `sh: can't kill pid ${pid}: No such process\n`, 1),
    notAnId: (_s, io, w) => say(io, `sh: invalid number '${w}'\n`, 1),
    noSuchJob: (s, io, spec) => (s.commandError(io, 'kill', `${spec}: no such job`), 2),
    badSignal: (_s, io, spec) => say(io, `sh: bad signal name '${spec}'\n`, 1),
  },
};

/** Linux's signal names by number as bash lists them (29 is SIGIO to bash; 34–64 the real-time ones). */
const NAMES: ReadonlyMap<number, string> = (() => {
  const m = new Map<number, string>(SIGNALS.map((s, i) => [i + 1, s === 'POLL' ? 'IO' : s]));
  for (let n = 34; n <= 64; n++) m.set(n, n === 34 ? 'RTMIN' : n === 64 ? 'RTMAX' : n <= 49 ? `RTMIN+${n - 34}` : `RTMAX-${64 - n}`);
  return m;
})();

/** `kill -l`: five to a line, tab-separated, a short last line ending in a tab. */
function signalTable(): string {
  const entries = [...NAMES].map(([n, s]) => `${String(n).padStart(2)}) SIG${s}`);
  let out = '';
  for (let i = 0; i < entries.length; i += 5) {
    const line = entries.slice(i, i + 5);
    out += line.join('\t') + (line.length < 5 ? '\t' : '') + '\n';
  }
  return out;
}

/** A signal spec's number (name in any case, with or without SIG, or a number), or undefined. */
function decodeSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || NAMES.has(n) ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  for (const [n, s] of NAMES) if (s === name || (name === 'POLL' && s === 'IO')) return n;
  return undefined;
}

function listSignals(shell: Shell, io: FdTable, specs: string[]): number {
  if (!specs.length) {
    io.stdout.write(signalTable());
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    // A number converts to its name (an exit status above 128 to the signal that caused it), a name to its number.
    const asNumber = /^\d+$/.test(spec) ? Number(spec) : undefined;
    const n = asNumber !== undefined ? (asNumber > 128 ? asNumber - 128 : asNumber) : decodeSignal(spec);
    if (n === undefined || (asNumber !== undefined && !NAMES.has(n))) {
      shell.error(io, `kill: ${spec}: invalid signal specification`);
      status = 1;
    } else io.stdout.write(asNumber !== undefined ? `${NAMES.get(n)}\n` : `${n}\n`);
  }
  return status;
}

/**
 * ash's kill is busybox's kill applet run inside the shell (kill_main under the shell's name): a
 * command without jobspecs goes to the image's applet, which knows the container's processes, and
 * its complaints come out as the shell's.
 */
async function ashKill(shell: Shell, io: FdTable, argv: string[]): Promise<number | undefined> {
  const applet = shell.env.programs.kill;
  if (!applet || argv.some((a) => a.startsWith('%'))) return undefined;
  const original = io.stderr;
  const stderr = Object.assign(Object.create(original) as typeof original, { write: (text: string) => original.write(text.replace(/^kill: /gm, 'sh: ')) });
  return applet(shell.programContext(argv, io.with(2, stderr)));
}

export const kill: Builtin = async ({ shell, io, argv }) => {
  if (shell.env.dialect === 'ash') {
    const status = await ashKill(shell, io, argv);
    if (status !== undefined) return status;
  }
  const words = WORDS[shell.env.dialect];
  const args = argv.slice(1);
  if (!args.length) return words.usage(shell, io);
  let signal = 15;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-l' || a === '-L') return listSignals(shell, io, args.slice(i + 1));
    if (a === '-s' || a === '-n') {
      const spec = args[++i];
      if (spec === undefined) {
        shell.error(io, `kill: ${a}: option requires an argument`);
        return 1;
      }
      const n = decodeSignal(spec);
      if (n === undefined) return words.badSignal(shell, io, spec);
      signal = n;
      continue;
    }
    // Any other word with a dash before the targets is a signal (-9, -TERM, -sigkill; -sTERM is -s TERM).
    if (a.startsWith('-') && a.length > 1) {
      const spec = a.slice(1).replace(/^s(?=[A-Za-z])/, '');
      const n = decodeSignal(spec);
      if (n === undefined) return words.badSignal(shell, io, spec);
      signal = n;
      continue;
    }
    break;
  }
  const targets = args.slice(i);
  if (!targets.length) return words.usage(shell, io);
  let status = 0;
  for (const t of targets) {
    if (t.startsWith('%')) {
      const job = findJob(shell, t);
      if (job === 'ambiguous') {
        shell.error(io, `kill: ${t.slice(1).replace(/^\?/, '')}: ambiguous job spec`);
        status = 1;
      } else if (!job) status = words.noSuchJob(shell, io, t);
      else if (job.done) status = words.noSuchProcess(shell, io, String(job.pid));
      else if (signal !== 0) job.kill(signal);
      continue;
    }
    if (!/^-?\d+$/.test(t)) {
      status = words.notAnId(shell, io, t);
      continue;
    }
    const pid = Number(t);
    const job = shell.jobs.find((j) => j.pid === pid && !j.done);
    if (job) {
      if (signal !== 0) job.kill(signal);
      continue;
    }
    if (!getSystem().kill(shell.programContext(['kill', t], io), pid, signal)) status = words.noSuchProcess(shell, io, t);
  }
  return status;
};
