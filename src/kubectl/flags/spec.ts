/**
 * Flag definitions, read from the "Options:" sections of the recorded help texts (the same
 * texts `--help` prints), so that every flag kubectl 1.33 knows is known here with its shorthand
 * and default, and nothing else is.
 */
import { helpLines, type CommandPath } from '../help/help';

export type FlagType = 'bool' | 'string' | 'int' | 'list' | 'duration' | 'map';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** Default as the help prints it, decoded ('' for strings, [] for lists). */
  defaultValue: string | boolean | number | string[];
  /** A list flag that pflag declares as StringArray: repeated, never split on commas. */
  array?: boolean;
  /** Value taken when the flag is given without `=value` (pflag NoOptDefVal). */
  noOptDefault?: string;
  /** An integer flag declared with Int32Var (strconv.ParseInt with 32 bits); others take 64. */
  int32?: boolean;
}

/** The integer flags kubectl 1.33 declares as int32, by command: a value past an int32 is 'value out of range'. */
const INT32_FLAGS: Record<string, readonly string[]> = {
  autoscale: ['min', 'max', 'cpu-percent'],
  'create deployment': ['port', 'replicas'],
  'create priorityclass': ['value'],
};

/**
 * List flags that kubectl declares with StringArrayVar (values keep their commas); every other
 * list flag is a StringSlice (comma-separated values are split, as CSV).
 */
const STRING_ARRAY_FLAGS = new Set([
  'from-literal', 'env', 'rule', 'annotation', 'user', 'group', 'serviceaccount', 'as-group',
  'resource-name', 'overrides', 'hard', 'custom-columns', 'subresource', 'to-version', 'from-env-file',
]);
/** Flags usable bare although they are not booleans. */
const NO_OPT_DEFAULTS: Record<string, string> = { validate: 'strict', 'dry-run': 'unchanged' };

const OPTION_LINE = /^ {4}(?:-(\S), )?--([A-Za-z0-9-]+)=(.*):$/;

function decode(raw: string): Pick<FlagSpec, 'type' | 'defaultValue'> {
  if (raw === 'true' || raw === 'false') return { type: 'bool', defaultValue: raw === 'true' };
  if (raw.startsWith("'") && raw.endsWith("'")) return { type: 'string', defaultValue: raw.slice(1, -1) };
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const inner = raw.slice(1, -1);
    return { type: 'list', defaultValue: inner === '' ? [] : inner.split(',') };
  }
  if (raw.startsWith('map[')) return { type: 'map', defaultValue: [] };
  if (/^-?\d+$/.test(raw)) return { type: 'int', defaultValue: Number(raw) };
  if (/^-?[\d.]+(ns|us|ms|s|m|h)/.test(raw)) return { type: 'duration', defaultValue: raw };
  return { type: 'string', defaultValue: raw };
}

export function parseOptionsSection(lines: readonly string[]): FlagSpec[] {
  const specs: FlagSpec[] = [];
  for (const line of lines) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const [, shorthand, name, raw] = m;
    const spec: FlagSpec = { name, ...decode(raw) };
    if (shorthand) spec.shorthand = shorthand;
    if (spec.type === 'list' && STRING_ARRAY_FLAGS.has(name)) spec.array = true;
    if (NO_OPT_DEFAULTS[name]) spec.noOptDefault = NO_OPT_DEFAULTS[name];
    specs.push(spec);
  }
  return specs;
}

export class FlagSet {
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byShort = new Map<string, FlagSpec>();
  /** The global flags no flag of the command's own shadows (cobra adds a persistent flag only under a free name). */
  private readonly globals = new Set<string>();

  constructor(specs: Iterable<FlagSpec>, globals: Iterable<FlagSpec> = []) {
    for (const s of specs) this.add(s);
    for (const s of globals) if (this.add(s)) this.globals.add(s.name);
  }

  private add(s: FlagSpec): boolean {
    if (this.byName.has(s.name)) return false;
    this.byName.set(s.name, s);
    if (s.shorthand) this.byShort.set(s.shorthand, s);
    return true;
  }

  /** Is `name` kubectl's global flag here (not a flag of the command's own by that name: create rolebinding --user)? */
  isGlobal(name: string): boolean {
    return this.globals.has(name);
  }

  long(name: string): FlagSpec | undefined {
    return this.byName.get(name);
  }

  short(ch: string): FlagSpec | undefined {
    return this.byShort.get(ch);
  }

  all(): FlagSpec[] {
    return [...this.byName.values()];
  }
}

const cache = new Map<string, FlagSet>();

/** The global flags (`kubectl options`). */
export function globalFlags(): FlagSpec[] {
  return parseOptionsSection(helpLines('options'));
}

/**
 * Flags a command has that its help does not show: kubectl 1.33 still accepts the deprecated
 * `--record` (genericclioptions.RecordFlags, MarkDeprecated) on these commands, as the real client
 * answers (`kubectl <cmd> --record -h`: not an unknown flag).
 */
const RECORD_COMMANDS = new Set(['annotate', 'apply', 'autoscale', 'create', 'edit', 'expose', 'label', 'patch', 'run', 'scale', 'set image', 'set resources', 'set selector', 'set serviceaccount']);

/** What pflag prints when a deprecated flag is set, by flag name. */
export const DEPRECATED_FLAGS: Record<string, string> = { record: '--record will be removed in the future' };

function hiddenFlags(path: CommandPath): FlagSpec[] {
  return RECORD_COMMANDS.has(path) ? [{ name: 'record', type: 'bool', defaultValue: false }] : [];
}

/** Flags a command accepts: its own plus the global ones. */
export function flagsFor(path: CommandPath): FlagSet {
  let set = cache.get(path);
  if (!set) {
    const lines = helpLines(path);
    const own = path === '' ? [] : parseOptionsSection(lines.slice(0, lines.indexOf('Usage:') >= 0 ? lines.indexOf('Usage:') : lines.length));
    for (const spec of own) if (spec.type === 'int' && INT32_FLAGS[path]?.includes(spec.name)) spec.int32 = true;
    set = new FlagSet([...own, ...hiddenFlags(path)], globalFlags());
    cache.set(path, set);
  }
  return set;
}
