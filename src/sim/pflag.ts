/**
 * spf13/pflag's parsing of a command line (what cobra commands do before they run), with its
 * error texts: `unknown flag: --x`, `unknown shorthand flag: 'x' in -x`, `flag needs an argument:
 * --x`, `bad flag syntax: ---x`, `invalid argument "v" for "--x" flag: <strconv/time error>`.
 * Flag names have '_' read as '-' (component-base's and kubeadm's WordSepNormalizeFunc).
 * Shared by the control plane's programs (src/sim/cluster/component-flags.ts) and kubeadm.
 */
import { parseGoDuration } from './go-parse-duration';
import { goQuote } from './go-quote';

/** How a flag takes its value: bool (optional, "true" alone), optional (NoOptDefVal "true"), typed values checked as pflag's Set does, or any value. */
export type FlagType = 'bool' | 'int' | 'int32' | 'uint' | 'float' | 'duration' | 'optional' | 'value';

export interface FlagSet {
  flags: Record<string, FlagType>;
  /** shorthand letter → long name */
  shorthands: Record<string, string>;
  /** Names taken as typed: no normalize function ('_' is not '-'), as a plain cobra program has. */
  exactNames?: boolean;
}

/** Receives each flag's value as parsed, in command-line order (the long name). */
export type FlagValueSink = (name: string, value: string) => void;

/** The parse: the first error, or the positional arguments (interspersed with flags, and after `--`). */
export function parsePflags(set: FlagSet, args: readonly string[], onValue?: FlagValueSink): { error: string } | { positional: string[] } {
  const positional: string[] = [];
  let rest = [...args];
  while (rest.length) {
    const s = rest.shift()!;
    if (s.length <= 1 || s[0] !== '-') {
      positional.push(s);
      continue;
    }
    if (s === '--') {
      positional.push(...rest);
      break;
    }
    const r = s[1] === '-' ? longArg(set.flags, s, rest, !set.exactNames, onValue) : shortArgs(set.flags, set.shorthands, s, rest, onValue);
    if (typeof r === 'string') return { error: r };
    rest = r;
  }
  return { positional };
}

/** One `--name[=value]`: the arguments left, or the error. */
function longArg(flags: Record<string, FlagType>, s: string, rest: string[], normalize: boolean, onValue?: FlagValueSink): string[] | string {
  const body = s.slice(2);
  if (body.length === 0 || body[0] === '-' || body[0] === '=') return `bad flag syntax: ${s}`;
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const normal = normalize ? name.replaceAll('_', '-') : name;
  const type = Object.hasOwn(flags, normal) ? flags[normal] : undefined;
  if (type === undefined) return `unknown flag: --${name}`;
  let value: string;
  if (eq >= 0) value = body.slice(eq + 1);
  else if (type === 'bool' || type === 'optional') value = 'true';
  else if (rest.length) value = rest.shift()!;
  else return `flag needs an argument: ${s}`;
  const err = valueError(type, value);
  if (err !== undefined) return `invalid argument ${goQuote(value)} for ${goQuote(`--${normal}`)} flag: ${err}`;
  onValue?.(normal, value);
  return rest;
}

/** A group of shorthands (`-v4`, `-v=4`, `-h`): the arguments left, or the error. */
function shortArgs(flags: Record<string, FlagType>, shorthands: Record<string, string>, s: string, rest: string[], onValue?: FlagValueSink): string[] | string {
  let group = s.slice(1);
  while (group.length) {
    const c = group[0];
    const name = shorthands[c];
    if (name === undefined) return `unknown shorthand flag: '${c}' in -${group}`;
    const type = flags[name] ?? 'value';
    let value: string;
    if (group.length > 2 && group[1] === '=') {
      value = group.slice(2);
      group = '';
    } else if (type === 'bool' || type === 'optional') {
      value = 'true';
      group = group.slice(1);
    } else if (group.length > 1) {
      value = group.slice(1);
      group = '';
    } else if (rest.length) {
      value = rest.shift()!;
      group = '';
    } else return `flag needs an argument: '${c}' in -${c}`;
    const err = valueError(type, value);
    if (err !== undefined) return `invalid argument ${goQuote(value)} for ${goQuote(`-${c}, --${name}`)} flag: ${err}`;
    onValue?.(name, value);
  }
  return rest;
}

/** The error of a typed flag's Set, as pflag's values return it (strconv, time). */
function valueError(type: FlagType, value: string): string | undefined {
  switch (type) {
    case 'bool':
      return parseBool(value) === undefined ? `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` : undefined;
    case 'int':
      return intError(value, 64);
    case 'int32':
      return intError(value, 32);
    case 'uint':
      return /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(value) ? (BigInt(value.replace(/^0([0-7]+)$/, '0o$1')) > 0xffffffffffffffffn ? `strconv.ParseUint: parsing ${goQuote(value)}: value out of range` : undefined) : `strconv.ParseUint: parsing ${goQuote(value)}: invalid syntax`;
    case 'float':
      return /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[Ii]nf(inity)?|NaN)$/.test(value) ? undefined : `strconv.ParseFloat: parsing ${goQuote(value)}: invalid syntax`;
    case 'duration': {
      const d = parseGoDuration(value);
      return 'error' in d ? d.error : undefined;
    }
    default:
      return undefined;
  }
}

export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, bits): base prefixes, underscores only with a prefix, range. */
function intError(s: string, bits: 32 | 64): string | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
  const digits = m[2];
  const prefixed = /^0[xXbBoO]/.test(digits);
  if (digits.includes('_') && !prefixed && !(digits.length > 1 && digits[0] === '0')) return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
  const clean = digits.replaceAll('_', '');
  let n: bigint;
  try {
    n = /^0[0-7]+$/.test(clean) ? BigInt('0o' + clean.slice(1)) : BigInt(clean);
  } catch {
    return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
  }
  if (m[1] === '-') n = -n;
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (n > max || n < -max - 1n) return `strconv.ParseInt: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}

export { goQuote };
