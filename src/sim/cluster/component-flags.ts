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
import { goQuote, parseBool, parsePflags, type FlagType } from '../pflag';

type KubeFlagType = FlagType;

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
  const minor = kubernetesMinor(version);
  if (minor !== 32 && minor !== 33) return undefined;
  const err = pflagError(program, kubeFlagsOf(program, minor), KUBE[program].shorthands, argv.slice(1));
  return err === undefined ? undefined : { lines: [`Error: ${err}`], exitCode: 1 };
}

/** The minor version of a Kubernetes image tag (v1.33.4 → 33), or undefined for another tag. */
export function kubernetesMinor(version: string): number | undefined {
  const m = /^v?1\.(\d+)\./.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** The program a command runs, by the base name of its first word. */
function programOf(command: string): ControlPlaneProgram | undefined {
  const base = command.slice(command.lastIndexOf('/') + 1);
  return base === 'etcd' || base in KUBE ? (base as ControlPlaneProgram) : undefined;
}

// ------------------------------------------------------------------ pflag (src/sim/pflag.ts), then cobra's no-arguments check

function pflagError(program: string, flags: Record<string, KubeFlagType>, shorthands: Record<string, string>, args: readonly string[]): string | undefined {
  const r = parsePflags({ flags, shorthands }, args);
  if ('error' in r) return r.error;
  // cobra's Args of the three commands: any non-empty argument is refused.
  if (r.positional.some((a) => a.length > 0)) return `${goQuote(program)} does not take any arguments, got [${r.positional.map(goQuote).join(' ')}]`;
  return undefined;
}

// ------------------------------------------------------------------ Go's flag package (etcd)

/** What Go's flag.FlagSet.Parse makes of etcd's arguments: its first error, -h/-help (usage, exit 0), or the flags it set and the arguments left. */
export type EtcdParse = { error: string } | { help: true } | { values: Record<string, string>; rest: string[] };

/** Go's flag.FlagSet.Parse over etcd v3.5's flags (parsing stops at the first non-flag, after `--`, or at -h/-help, which etcd does not define). */
export function etcdFlagParse(args: readonly string[]): EtcdParse {
  const rest = [...args];
  const values: Record<string, string> = {};
  while (rest.length) {
    const s = rest[0];
    if (s.length < 2 || s[0] !== '-') break;
    const minuses = s[1] === '-' ? 2 : 1;
    if (minuses === 2 && s.length === 2) {
      rest.shift();
      break;
    }
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') return { error: `bad flag syntax: ${s}` };
    rest.shift();
    let value: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = ETCD.flags[name];
    if (kind === undefined) return name === 'help' || name === 'h' ? { help: true } : { error: `flag provided but not defined: -${name}` };
    if (kind === 'bool') {
      if (value !== undefined && parseBool(value) === undefined) return { error: `invalid boolean value ${goQuote(value)} for -${name}: parse error` };
      values[name] = value ?? 'true';
      continue;
    }
    if (value === undefined) {
      if (!rest.length) return { error: `flag needs an argument: -${name}` };
      value = rest.shift()!;
    }
    values[name] = value;
  }
  return { values, rest };
}

/** Go's flag.FlagSet.Parse: the first error's message, or undefined (-h and -help print the usage and exit 0: not a failure modelled here). */
function goFlagError(args: readonly string[]): string | undefined {
  const r = etcdFlagParse(args);
  return 'error' in r ? r.error : undefined;
}

/** etcd's usage line (server/etcdmain/help.go usageline), which its flag errors and -h print on stderr. */
export const ETCD_USAGE = ETCD.usage;
