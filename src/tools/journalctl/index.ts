/**
 * journalctl (systemd 249 as on jammy): the machine's journal filtered by unit (-u, globs too),
 * identifier (-t), priority (-p), time (--since/--until), pattern (-g) and FIELD=VALUE or
 * executable matches, newest N (-n), reversed (-r), followed (-f), in the short formats and cat;
 * its option errors and --help/--version as the real one prints them.
 */
import type { CommandContext, Program } from '../../shell/command';
import { entryPriority, formatEntry, shortTime, type JournalEntry } from '../../sim/systemd/journal';
import { isRoot, machineOf, out } from '../lib/context';
import { systemdFor } from '../systemctl';
import { JOURNALCTL_HELP, OUTPUT_MODES, systemdVersionOf } from './help';
import { parseJournalArgs, type JournalQuery } from './options';
import { globToRegExp } from '../../shell/commands/lib/walk';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function isoTime(ms: number, precise: boolean): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${base}${precise ? `.${pad(d.getUTCMilliseconds(), 3)}000` : ''}+0000`;
}

/** The time column of each short format (output_short's format_timestamp variants). */
const TIME_OF: Partial<Record<JournalQuery['output'], (ms: number) => string>> = {
  short: shortTime,
  'short-precise': (ms) => `${shortTime(ms)}.${pad(new Date(ms).getUTCMilliseconds(), 3)}000`,
  'short-iso': (ms) => isoTime(ms, false),
  'short-iso-precise': (ms) => isoTime(ms, true),
  'short-full': (ms) => {
    const d = new Date(ms);
    return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  },
  'short-unix': (ms) => `${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}000`,
};

function render(e: JournalEntry, q: JournalQuery, host: string): string {
  if (q.output === 'cat') return e.msg;
  const time = TIME_OF[q.output];
  if (!time || (q.output === 'short' && !q.noHostname)) return formatEntry(e, host);
  return `${time(e.t)}${q.noHostname ? '' : ` ${host}`} ${e.ident}[${e.pid}]: ${e.msg}`;
}

/** The program an entry came from, as its _EXE says (journalctl /usr/bin/kubelet). */
function exeOf(e: JournalEntry): string {
  return e.ident === 'systemd' && e.pid === 1 ? '/usr/lib/systemd/systemd' : `/usr/bin/${e.ident}`;
}

/** A match term (FIELD=VALUE, or an executable's path) as a test on entries; or journalctl's error. */
function matchOf(ctx: CommandContext, term: string): ((e: JournalEntry) => boolean) | string {
  if (term.startsWith('/')) {
    const fs = machineOf(ctx).rootFs;
    const real = fs.realpath(term);
    if (!real) return "Couldn't canonicalize path: No such file or directory\n";
    const st = fs.stat(real);
    if (st?.type === 'file' && st.mode & 0o111) return (e) => exeOf(e) === real;
    if (st?.type === 'chardev') return () => false;
    return `File is neither a device node, nor regular file, nor executable: ${term}\n`;
  }
  const eq = term.indexOf('=');
  if (eq <= 0 || !/^[A-Z0-9_]+$/.test(term.slice(0, eq))) return `Failed to add match '${term}': Invalid argument\n`;
  const field = term.slice(0, eq);
  const value = term.slice(eq + 1);
  const fields: Record<string, (e: JournalEntry) => string> = {
    _SYSTEMD_UNIT: (e) => (e.ident === 'systemd' && e.pid === 1 ? 'init.scope' : e.unit),
    UNIT: (e) => (e.ident === 'systemd' && e.pid === 1 ? e.unit : ''),
    SYSLOG_IDENTIFIER: (e) => e.ident,
    _COMM: (e) => e.ident.slice(0, 15),
    _PID: (e) => String(e.pid),
    PRIORITY: (e) => String(entryPriority(e)),
    _EXE: exeOf,
    _HOSTNAME: () => ctx.host,
  };
  const read = fields[field];
  return (e) => (read ? read(e) === value : false);
}

export const journalctl: Program = async (ctx) => {
  const q = parseJournalArgs(ctx.argv.slice(1), ctx.clock.now());
  if ('error' in q) {
    ctx.stderr.write(q.error);
    return 1;
  }
  if (q.action === 'help') {
    ctx.stdout.write(JOURNALCTL_HELP);
    return 0;
  }
  if (q.action === 'version') {
    ctx.stdout.write(systemdVersionOf(machineOf(ctx)));
    return 0;
  }
  if (q.action === 'output-help') {
    ctx.stdout.write(OUTPUT_MODES.map((m) => `${m}\n`).join(''));
    return 0;
  }
  // The boot comes before the matches, as journalctl adds them (add_boot, then add_matches).
  if (q.otherBoot !== undefined) {
    ctx.stderr.write(`Data from the specified boot (${q.otherBoot}) is not available: No such boot ID in journal\n`);
    return 1;
  }
  const tests: ((e: JournalEntry) => boolean)[] = [];
  for (const term of q.matches) {
    const test = matchOf(ctx, term);
    if (typeof test === 'string') {
      ctx.stderr.write(test);
      return 1;
    }
    tests.push(test);
  }
  let grep: RegExp | undefined;
  if (q.grep) {
    // Smart case: a pattern without capitals matches either case, unless --case-sensitive says.
    const insensitive = q.grep.caseSensitive === undefined ? q.grep.pattern === q.grep.pattern.toLowerCase() : !q.grep.caseSensitive;
    try {
      grep = new RegExp(q.grep.pattern, insensitive ? 'i' : '');
    } catch {
      ctx.stderr.write(`Bad pattern "${q.grep.pattern}": missing terminating ] for character class\n`);
      return 1;
    }
  }
  const unitTests = q.units.map((u) => (/[*?[]/.test(u) ? ((name: string) => globToRegExp(u).test(name)) : (name: string) => name === u));
  const wanted = (e: JournalEntry): boolean =>
    !q.kernel &&
    (!unitTests.length || unitTests.some((t) => t(e.unit))) &&
    (!q.identifiers.length || q.identifiers.includes(e.ident)) &&
    ((q.priorities >> entryPriority(e)) & 1) === 1 &&
    (q.since === undefined || e.t >= q.since) &&
    (q.until === undefined || e.t <= q.until) &&
    (!grep || grep.test(e.msg)) &&
    tests.every((t) => t(e));
  const sd = systemdFor(ctx);
  const read = () => sd.journal().filter(wanted);
  let entries = read();
  if (!isRoot(ctx)) {
    if (!q.quiet) out(ctx.stdout, "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.");
    if (!ctx.user.groups.includes('adm')) entries = [];
  }
  let shown = q.lines === undefined ? entries : entries.slice(Math.max(0, entries.length - q.lines));
  if (q.reverse) shown = [...shown].reverse();
  const host = ctx.host;
  if (!shown.length && !q.quiet) out(ctx.stdout, '-- No entries --');
  else if (shown.length) out(ctx.stdout, shown.map((e) => render(e, q, host)).join('\n'));
  if (!q.follow) return 0;
  // -f: print what arrives until Ctrl-C, checking on the simulated clock.
  let seen = read().length;
  while (!ctx.signal.aborted) {
    await ctx.clock.sleep(1000, ctx.signal).catch(() => undefined);
    if (ctx.signal.aborted) break;
    const now = read();
    if (now.length > seen) out(ctx.stdout, now.slice(seen).map((e) => render(e, q, host)).join('\n'));
    seen = now.length;
  }
  return 130;
};
