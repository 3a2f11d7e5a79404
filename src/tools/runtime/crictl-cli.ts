/**
 * crictl's command line as urfave/cli v2.27.6 (cri-tools v1.33's go.mod) reads it: the flags of a
 * command go through Go's flag package (parse.go parseIter, Go's flag.FlagSet.parseOne), a
 * command with UseShortOptionHandling splits `-qa` into `-q -a`, and normalizeFlags refuses two
 * names of one flag (flag.go). Parsing stops at the first argument that is not a flag, or after `--`.
 */
import { parseGoDuration } from '../../sim/go-parse-duration';
import { goQuote } from '../../sim/go-quote';

export type FlagKind = 'bool' | 'string' | 'int' | 'int64' | 'duration' | 'stringSlice';

/** A flag as cri-tools declares it (cli.BoolFlag, cli.StringFlag, …). */
export interface CliFlag {
  name: string;
  aliases?: string[];
  kind: FlagKind;
  /** Value: the default; a duration as Go's Duration.String() writes it. */
  value?: string | number | boolean;
  envVars?: string[];
  usage: string;
  /** DisableDefaultText (the help and version flags). */
  noDefaultText?: boolean;
}

/** A cli.Command as cri-tools declares it. */
export interface CliCommand {
  name: string;
  aliases?: string[];
  usage: string;
  argsUsage?: string;
  usageText?: string;
  description?: string;
  shortOptions?: boolean;
  flags: CliFlag[];
  subcommands?: CliCommand[];
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  /** Values by the flag's first name, defaults included. */
  values: Map<string, FlagValue>;
  /** First names of the flags the command line set. */
  set: Set<string>;
  /** What follows the flags. */
  args: string[];
}

export function flagNames(f: CliFlag): string[] {
  return [f.name, ...(f.aliases ?? [])];
}

function defaultValue(f: CliFlag): FlagValue {
  switch (f.kind) {
    case 'bool':
      return f.value === true;
    case 'int':
    case 'int64':
      return typeof f.value === 'number' ? f.value : 0;
    case 'stringSlice':
      return [];
    default:
      return typeof f.value === 'string' ? f.value : f.kind === 'duration' ? '0s' : '';
  }
}

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** strconv.ParseInt(s, 0, 64): a sign, a 0x/0o/0b/0 prefix, underscores between digits; errParse or errRange. */
function parseGoInt(s: string, bits: 64): number | 'parse error' | 'value out of range' {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m || /__|_$/.test(m[2])) return 'parse error';
  const digits = m[2].replace(/_/g, '');
  const big = /^0[oO]/.test(digits) ? BigInt(`0o${digits.slice(2)}`) : /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const value = m[1] === '-' ? -big : big;
  const limit = 1n << BigInt(bits - 1);
  if (value >= limit || value < -limit) return 'value out of range';
  return Number(value);
}

/** flag.Value.Set of the flag's type: the new value, or the error Go's flag package wraps. */
function setValue(f: CliFlag, old: FlagValue, text: string, fresh: boolean): FlagValue | { error: string } {
  switch (f.kind) {
    case 'bool':
      // boolValue.Set (flag_bool.go): strconv.ParseBool's error becomes "parse error".
      return TRUE.includes(text) ? true : FALSE.includes(text) ? false : { error: 'parse error' };
    case 'int':
    case 'int64': {
      const n = parseGoInt(text, 64);
      return typeof n === 'number' ? n : { error: n };
    }
    case 'duration':
      return 'error' in parseGoDuration(text) ? { error: 'parse error' } : text;
    case 'stringSlice':
      // StringSlice.Set: the first value set replaces the default; commas separate values, each trimmed.
      return [...(fresh ? [] : (old as string[])), ...text.split(',').map((s) => s.trim())];
    default:
      return text;
  }
}

/** One pass of Go's FlagSet.Parse; `visited` names the flags set, by the name used. */
function goParse(flags: CliFlag[], args: string[], state: { values: Map<string, FlagValue>; visited: Set<string> }): { rest: string[] } | { error: string } {
  const formal = new Map<string, CliFlag>();
  for (const f of flags) for (const n of flagNames(f)) formal.set(n, f);
  let i = 0;
  while (i < args.length) {
    const s = args[i];
    if (s.length < 2 || s[0] !== '-') break;
    let minuses = 1;
    if (s[1] === '-') {
      minuses = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(minuses);
    if (name === '' || name[0] === '-' || name[0] === '=') return { error: `bad flag syntax: ${s}` };
    i++;
    let value: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const f = formal.get(name);
    if (!f) return { error: `flag provided but not defined: -${name}` };
    if (f.kind === 'bool') {
      const v = setValue(f, false, value ?? 'true', true);
      if (typeof v === 'object' && 'error' in v) return { error: `invalid boolean value ${goQuote(value ?? '')} for -${name}: ${v.error}` };
      state.values.set(f.name, v);
    } else {
      if (value === undefined && i < args.length) value = args[i++];
      if (value === undefined) return { error: `flag needs an argument: -${name}` };
      const fresh = ![...state.visited].some((n) => flagNames(f).includes(n));
      const v = setValue(f, state.values.get(f.name)!, value, fresh);
      if (typeof v === 'object' && !Array.isArray(v)) return { error: `invalid value ${goQuote(value)} for flag -${name}: ${v.error}` };
      state.values.set(f.name, v);
    }
    state.visited.add(name);
  }
  return { rest: args.slice(i) };
}

/** parseIter's split of `-abc` into `-a -b -c`, when every letter names a flag. */
function splitShortOptions(flags: CliFlag[], arg: string): string[] {
  const known = new Set(flags.flatMap(flagNames));
  if (!arg.startsWith('-') || arg.startsWith('--') || arg.length <= 2) return [arg];
  const letters = [...arg.slice(1)];
  return letters.every((c) => known.has(c)) ? letters.map((c) => `-${c}`) : [arg];
}

/** The command's flags and arguments, or the error urfave/cli reports as "Incorrect Usage". */
export function parseCommandLine(flags: CliFlag[], argv: readonly string[], shortOptions = false): ParsedFlags | { error: string } {
  const state = { values: new Map<string, FlagValue>(flags.map((f) => [f.name, defaultValue(f)])), visited: new Set<string>() };
  let args = [...argv];
  let result = goParse(flags, args, state);
  while ('error' in result && shortOptions) {
    const bad = /^flag provided but not defined: -(.*)$/s.exec(result.error)?.[1];
    const at = bad === undefined ? -1 : args.findIndex((a) => a.replace(/^-+/, '') === bad);
    if (at < 0) break;
    const split = splitShortOptions(flags, args[at]);
    if (split.length === 1) break;
    // The arguments before were parsed already; parseIter parses the split ones and the rest again.
    args = [...split, ...args.slice(at + 1)];
    result = goParse(flags, args, state);
  }
  if ('error' in result) return result;
  // normalizeFlags: two names of one flag on one command line are refused.
  for (const f of flags) {
    const used = flagNames(f).filter((n) => state.visited.has(n));
    if (used.length > 1) return { error: `Cannot use two forms of the same flag: ${used[1]} ${used[0]}` };
  }
  const set = new Set(flags.filter((f) => flagNames(f).some((n) => state.visited.has(n))).map((f) => f.name));
  return { values: state.values, set, args: result.rest };
}
