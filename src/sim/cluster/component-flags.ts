/**
 * The command lines of the control plane's programs, parsed as the programs parse them before
 * anything else: a flag they do not know, a flag without its value or a value of the wrong type
 * ends the process at once, which the kubelet then restarts with back-off (CrashLoopBackOff).
 *
 * - kube-apiserver, kube-controller-manager and kube-scheduler parse with spf13/pflag under cobra,
 *   run by component-base's cli.Run: flag names have '_' read as '-' (WordSepNormalizeFunc), and
 *   an error is printed as `Error: <err>` on stderr (logging is not set up yet), exit code 1.
 *   The messages are pflag's: `unknown flag: --x`, `unknown shorthand flag: 'x' in -x`,
 *   `flag needs an argument: --x`, `invalid argument "v" for "--x" flag: <strconv/time error>`;
 *   cobra's argument check gives `"kube-apiserver" does not take any arguments, got ["x"]`.
 *   kube-apiserver sets SilenceUsage, so that line is all it prints (a v1.33.4 pod log shows
 *   `stderr F Error: unknown flag: --cloud-provider` alone). kube-controller-manager and
 *   kube-scheduler print their usage (every flag with its help, by section) before a flag error;
 *   that text is not modelled, only its last line.
 * - etcd v3.5 parses with Go's flag package (one or two dashes alike): `flag provided but not
 *   defined: -x` or `flag needs an argument: -x`, then its usage line, on stderr, exit code 2.
 *
 * The flag sets (generated/component-flags.json) are v1.33's: the generated reference pages of
 * kubernetes/website (v1.35/v1.36) less the flags added after v1.33, with the hidden deprecated
 * flags of k8s.io/apiserver v0.33.0 that still parse; etcd's from server/etcdmain/config.go at
 * v3.5.21. A v1.32 kube-apiserver still has --cloud-provider and --cloud-config and not yet the
 * forward-compatibility flags of v1.33. Other minor versions are not checked.
 */
import data from './generated/component-flags.json';

type KubeFlagType = 'bool' | 'int' | 'int32' | 'float' | 'duration' | 'optional' | 'value';

interface KubeProgram {
  shorthands: Record<string, string>;
  flags: Record<string, KubeFlagType>;
}

const KUBE = data as unknown as Record<'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler', KubeProgram>;
const ETCD = data.etcd as { flags: Record<string, 'bool' | 'value'>; usage: string };

export type ControlPlaneProgram = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd';

/** How a program's command line fails: the lines it prints on stderr and its exit code. */
export interface FlagFailure {
  lines: string[];
  exitCode: number;
}

/** v1.32's kube-apiserver, from v1.33's: flags v1.33 removed (cloud provider) and added (forward compatibility). */
const APISERVER_V132: { added: Record<string, KubeFlagType>; removed: string[] } = {
  added: { 'cloud-provider': 'value', 'cloud-config': 'value' },
  removed: ['emulation-forward-compatible', 'runtime-config-emulation-forward-compatible'],
};

function kubeFlagsOf(program: Exclude<ControlPlaneProgram, 'etcd'>, minor: number): Record<string, KubeFlagType> {
  const flags = KUBE[program].flags;
  if (program !== 'kube-apiserver' || minor !== 32) return flags;
  const out = { ...flags, ...APISERVER_V132.added };
  for (const f of APISERVER_V132.removed) delete out[f];
  return out;
}

/**
 * How `argv` (the program's name first) fails to parse, or undefined when it parses (or when the
 * program or its version is not one whose flags are known). `version`: the image tag (v1.33.4, 3.5.21-0).
 */
export function flagFailure(argv: readonly string[], version: string): FlagFailure | undefined {
  const program = programOf(argv[0] ?? '');
  if (!program) return undefined;
  if (program === 'etcd') {
    if (!/^v?3\.5\./.test(version)) return undefined;
    const err = goFlagError(argv.slice(1));
    return err === undefined ? undefined : { lines: [err, ...ETCD.usage.split('\n')], exitCode: 2 };
  }
  const m = /^v?1\.(\d+)\./.exec(version);
  const minor = m ? Number(m[1]) : NaN;
  if (minor !== 32 && minor !== 33) return undefined;
  const err = pflagError(program, kubeFlagsOf(program, minor), KUBE[program].shorthands, argv.slice(1));
  return err === undefined ? undefined : { lines: [`Error: ${err}`], exitCode: 1 };
}

/** The program a command runs, by the base name of its first word. */
function programOf(command: string): ControlPlaneProgram | undefined {
  const base = command.slice(command.lastIndexOf('/') + 1);
  return base === 'etcd' || base in KUBE ? (base as ControlPlaneProgram) : undefined;
}

// ------------------------------------------------------------------ pflag

/** spf13/pflag's FlagSet.Parse of a cobra command (interspersed), then cobra's no-arguments check. */
function pflagError(program: string, flags: Record<string, KubeFlagType>, shorthands: Record<string, string>, args: readonly string[]): string | undefined {
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
    const r = s[1] === '-' ? longArg(flags, s, rest) : shortArgs(flags, shorthands, s, rest);
    if (typeof r === 'string') return r;
    rest = r;
  }
  // cobra's Args of the three commands: any non-empty argument is refused.
  if (positional.some((a) => a.length > 0)) return `${goQuote(program)} does not take any arguments, got [${positional.map(goQuote).join(' ')}]`;
  return undefined;
}

/** One `--name[=value]`: the arguments left, or the error. */
function longArg(flags: Record<string, KubeFlagType>, s: string, rest: string[]): string[] | string {
  const body = s.slice(2);
  if (body.length === 0 || body[0] === '-' || body[0] === '=') return `bad flag syntax: ${s}`;
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const type = flags[name.replaceAll('_', '-')];
  if (type === undefined) return `unknown flag: --${name}`;
  const normal = name.replaceAll('_', '-');
  let value: string;
  if (eq >= 0) value = body.slice(eq + 1);
  else if (type === 'bool' || type === 'optional') value = 'true';
  else if (rest.length) value = rest.shift()!;
  else return `flag needs an argument: ${s}`;
  const err = valueError(type, value);
  return err === undefined ? rest : `invalid argument ${goQuote(value)} for ${goQuote(`--${normal}`)} flag: ${err}`;
}

/** A group of shorthands (`-v4`, `-v=4`, `-h`): the arguments left, or the error. */
function shortArgs(flags: Record<string, KubeFlagType>, shorthands: Record<string, string>, s: string, rest: string[]): string[] | string {
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
  }
  return rest;
}

/** The error of a typed flag's Set, as pflag's values return it (strconv, time). */
function valueError(type: KubeFlagType, value: string): string | undefined {
  switch (type) {
    case 'bool':
      return parseBool(value) === undefined ? `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` : undefined;
    case 'int':
      return intError(value, 64);
    case 'int32':
      return intError(value, 32);
    case 'float':
      return /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[Ii]nf(inity)?|NaN)$/.test(value) ? undefined : `strconv.ParseFloat: parsing ${goQuote(value)}: invalid syntax`;
    case 'duration':
      return isGoDuration(value) ? undefined : `time: invalid duration ${goQuote(value)}`;
    default:
      return undefined;
  }
}

function parseBool(v: string): boolean | undefined {
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

/** time.ParseDuration's syntax: a sign, then numbers with units (ns us µs ms s m h), or 0. */
function isGoDuration(s: string): boolean {
  const body = s.replace(/^[+-]/, '');
  if (body === '0') return true;
  return body.length > 0 && /^(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(body);
}

/** Go's %q of a string (printable ASCII kept, quotes and backslashes escaped). */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

// ------------------------------------------------------------------ Go's flag package (etcd)

/** Go's flag.FlagSet.Parse: the first error's message, or undefined (parsing stops at the first non-flag). */
function goFlagError(args: readonly string[]): string | undefined {
  const rest = [...args];
  while (rest.length) {
    const s = rest[0];
    if (s.length < 2 || s[0] !== '-') return undefined;
    const minuses = s[1] === '-' ? 2 : 1;
    if (minuses === 2 && s.length === 2) return undefined;
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') return `bad flag syntax: ${s}`;
    rest.shift();
    let value: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = ETCD.flags[name];
    // -h and -help print the usage and exit 0 (not a failure modelled here)
    if (kind === undefined) return name === 'help' || name === 'h' ? undefined : `flag provided but not defined: -${name}`;
    if (kind === 'bool') {
      if (value !== undefined && parseBool(value) === undefined) return `invalid boolean value ${goQuote(value)} for -${name}: parse error`;
      continue;
    }
    if (value === undefined) {
      if (!rest.length) return `flag needs an argument: -${name}`;
      rest.shift();
    }
  }
  return undefined;
}
