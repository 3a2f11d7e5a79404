/**
 * journalctl 249's command line (journalctl.c parse_argv): its getopt_long table in its order
 * (so that an ambiguous abbreviation lists the possibilities as getopt does), the short options
 * "hefo:aln::qmb::kD:p:g:c:S:U:t:u:NF:xrM:", and each value checked as journalctl checks it,
 * with its words. `-n` with no value attached takes the next word when it is a number or `all`.
 */
import { systemdGetopt, systemdSpecs } from '../lib/systemd-getopt';
import { unitName } from '../../sim/systemd/units';
import { OUTPUT_MODES } from './help';
import { parseTimestamp } from './timestamp';

const LONG_OPTIONS: [string, 'none' | 'required' | 'optional', string?][] = [
  ['help', 'none', 'h'], ['version', 'none'], ['no-pager', 'none'], ['pager-end', 'none', 'e'], ['follow', 'none', 'f'],
  ['force', 'none'], ['output', 'required', 'o'], ['all', 'none', 'a'], ['full', 'none', 'l'], ['no-full', 'none'],
  ['lines', 'optional', 'n'], ['no-tail', 'none'], ['new-id128', 'none'], ['quiet', 'none', 'q'], ['merge', 'none', 'm'],
  ['this-boot', 'none'], ['boot', 'optional', 'b'], ['list-boots', 'none'], ['dmesg', 'none', 'k'], ['system', 'none'],
  ['user', 'none'], ['directory', 'required', 'D'], ['file', 'required'], ['root', 'required'], ['image', 'required'],
  ['header', 'none'], ['identifier', 'required', 't'], ['priority', 'required', 'p'], ['facility', 'required'],
  ['grep', 'required', 'g'], ['case-sensitive', 'optional'], ['setup-keys', 'none'], ['interval', 'required'],
  ['verify', 'none'], ['verify-key', 'required'], ['disk-usage', 'none'], ['cursor', 'required', 'c'],
  ['cursor-file', 'required'], ['after-cursor', 'required'], ['show-cursor', 'none'], ['since', 'required', 'S'],
  ['until', 'required', 'U'], ['unit', 'required', 'u'], ['user-unit', 'required'], ['field', 'required', 'F'],
  ['fields', 'none', 'N'], ['catalog', 'none', 'x'], ['list-catalog', 'none'], ['dump-catalog', 'none'],
  ['update-catalog', 'none'], ['reverse', 'none', 'r'], ['machine', 'required', 'M'], ['utc', 'none'], ['flush', 'none'],
  ['relinquish-var', 'none'], ['smart-relinquish-var', 'none'], ['sync', 'none'], ['rotate', 'none'],
  ['vacuum-size', 'required'], ['vacuum-files', 'required'], ['vacuum-time', 'required'], ['no-hostname', 'none'],
  ['output-fields', 'required'], ['namespace', 'required'],
];

const SPECS = systemdSpecs(LONG_OPTIONS);

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

export interface JournalQuery {
  action: 'show' | 'help' | 'version' | 'output-help';
  units: string[];
  identifiers: string[];
  /** How many of the newest entries (undefined: all). */
  lines?: number;
  follow: boolean;
  reverse: boolean;
  quiet: boolean;
  noHostname: boolean;
  kernel: boolean;
  /** PRIORITY values shown (bit i for level i). */
  priorities: number;
  since?: number;
  until?: number;
  grep?: { pattern: string; caseSensitive?: boolean };
  output: (typeof OUTPUT_MODES)[number];
  /** A boot other than the current one was asked for (-b -1, -b ID). */
  otherBoot?: string;
  matches: string[];
}

/** A log level by name or number (log_level_from_string). */
function level(text: string): number {
  const byName = LEVELS.indexOf(text);
  if (byName >= 0) return byName;
  return /^\d+$/.test(text) && Number(text) <= 7 ? Number(text) : -1;
}

/** A boot descriptor (parse_boot_descriptor): `all`, an offset, or a 32-digit boot ID with an optional offset. */
const BOOT_DESCRIPTOR = /^(all|\s*[+-]?\d+|[0-9a-fA-F]{32}([+-]\d+)?)$/;

/**
 * `-n` and `-b` with nothing attached take the next word when it reads as their value (a count or
 * `all`; a boot descriptor such as -1): journalctl peeks at argv[optind] itself, which getopt's
 * optional arguments never do.
 */
function attachOptionalValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const short = /^-[a-zA-Z]*[nb]$/.test(a) && !/[oDpgcSUtuFMnb]/.test(a.slice(1, -1)) ? a[a.length - 1] : undefined;
    const long = /^--l(i(n(es?)?)?)?$/.test(a) && a.length >= 4 ? 'n' : /^--bo?o?t?$/.test(a) ? 'b' : undefined;
    const which = short ?? long;
    const takes = next !== undefined && (which === 'n' ? next === 'all' || /^\d+$/.test(next) : which === 'b' && BOOT_DESCRIPTOR.test(next));
    if (takes) {
      out.push(short ? `${a}${next}` : `--${which === 'n' ? 'lines' : 'boot'}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The query, or the error journalctl prints (with its exit status 1). */
export function parseJournalArgs(args: string[], nowMs: number): JournalQuery | { error: string } {
  const parsed = systemdGetopt('journalctl', attachOptionalValues(args), SPECS);
  if ('error' in parsed) return parsed;
  const q: JournalQuery = { action: 'show', units: [], identifiers: [], follow: false, reverse: false, quiet: false, noHostname: false, kernel: false, priorities: 0xff, output: 'short', matches: parsed.operands };
  let linesSet = false;
  for (const { key, value } of parsed.order) {
    switch (key) {
      case 'help':
        return { ...q, action: 'help' };
      case 'version':
        return { ...q, action: 'version' };
      case 'pager-end':
        if (!linesSet) q.lines = 1000;
        break;
      case 'follow':
        q.follow = true;
        break;
      case 'output':
        if (value === 'help') return { ...q, action: 'output-help' };
        if (!(OUTPUT_MODES as readonly string[]).includes(value)) return { error: `Unknown output format '${value}'.\n` };
        q.output = value as JournalQuery['output'];
        if (['export', 'json', 'json-pretty', 'json-sse', 'json-seq', 'cat'].includes(value)) q.quiet = true;
        break;
      case 'lines':
        linesSet = true;
        if (!value) q.lines = 10;
        else if (value === 'all') q.lines = undefined;
        else if (/^[+-]?\d+$/.test(value) && Number(value) >= 0 && Number(value) <= 2147483647) q.lines = Number(value);
        else return { error: `Failed to parse lines '${value}'\n` };
        break;
      case 'quiet':
        q.quiet = true;
        break;
      case 'boot': {
        if (!value || value === 'all') break;
        if (!BOOT_DESCRIPTOR.test(value)) return { error: `Failed to parse boot descriptor '${value}'\n` };
        // One boot is recorded: the current one is -0, 0 or 1 (the first); any other is not in the journal.
        const id = value.length >= 32 ? value.slice(0, 32).toLowerCase() : undefined;
        const offset = Number(id ? value.slice(32) || '0' : value);
        if (id || (offset !== 0 && offset !== 1)) q.otherBoot = id ?? (offset > 0 ? `+${offset}` : String(offset));
        break;
      }
      case 'dmesg':
        q.kernel = true;
        break;
      case 'identifier':
        q.identifiers.push(value);
        break;
      case 'priority': {
        const dots = value.indexOf('..');
        if (dots >= 0) {
          const from = level(value.slice(0, dots));
          const to = level(value.slice(dots + 2));
          if (from < 0 || to < 0) return { error: `Failed to parse log level range ${value}\n` };
          q.priorities = 0;
          for (let i = Math.min(from, to); i <= Math.max(from, to); i++) q.priorities |= 1 << i;
        } else {
          const p = level(value);
          if (p < 0) return { error: `Unknown log level ${value}\n` };
          q.priorities = (1 << (p + 1)) - 1;
        }
        break;
      }
      case 'grep':
        q.grep = { pattern: value, caseSensitive: q.grep?.caseSensitive };
        break;
      case 'case-sensitive':
        q.grep = { pattern: q.grep?.pattern ?? '', caseSensitive: !value || !/^(0|no|false|n|off)$/i.test(value) };
        break;
      case 'since':
      case 'until': {
        const at = parseTimestamp(value, nowMs);
        if (at === undefined) return { error: `Failed to parse timestamp: ${value}\n` };
        if (key === 'since') q.since = at;
        else q.until = at;
        break;
      }
      case 'unit':
        // A glob stays a pattern (unit_name_mangle with UNIT_NAME_MANGLE_GLOB); a name gets its suffix.
        q.units.push(/[*?[]/.test(value) ? value : unitName(value));
        break;
      case 'reverse':
        q.reverse = true;
        break;
      case 'no-hostname':
        q.noHostname = true;
        break;
    }
  }
  if (q.follow && !linesSet && q.since === undefined) q.lines = 10;
  if (q.since !== undefined && q.until !== undefined && q.since > q.until) return { error: '--since= must be before --until=.\n' };
  if (q.follow && q.reverse) return { error: 'Please specify either --reverse= or --follow=, not both.\n' };
  return q;
}
