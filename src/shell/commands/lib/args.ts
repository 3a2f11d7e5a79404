/**
 * GNU-style option parsing shared by the programs: short clusters (`-rn`), attached or separate
 * arguments (`-n5`, `-n 5`), long options with unique-prefix abbreviation (`--lines=5`, `--lin 5`),
 * `--` to end options, and argument permutation (options may follow operands) as glibc getopt does.
 * Errors are reported with getopt's exact wording followed by the `Try '…' for more information.` line.
 */
import type { CommandContext } from '../../command';
import { gnuTextsOf, helpText, versionText, type GnuTexts } from '../gnu-help/texts';

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  /** Key under which the value is stored (defaults to the long name or the letter). */
  key?: string;
  short?: string;
  long?: string;
  arg?: ArgKind;
  /** Parsing ends here (GNU programs act on --help and --version as soon as getopt returns them). */
  stop?: boolean;
}

export interface ParsedArgs {
  /** Every occurrence in order: key → values ('' for flags). */
  values: Map<string, string[]>;
  /** Options in the order they were given (for programs where order matters, e.g. sed -e/-f). */
  order: { key: string; value: string }[];
  operands: string[];
  /** The key of the `stop` option that ended parsing, if one did. */
  stoppedAt?: string;
  has(key: string): boolean;
  last(key: string): string | undefined;
  all(key: string): string[];
}

export interface ParseOptions {
  /** Stop at the first operand (POSIX mode, e.g. env, xargs, find-style commands). */
  stopAtOperand?: boolean;
  /** Accept `-5` style numeric options (head, tail): returns them under this key. */
  digitsKey?: string;
  /** Exit status for usage errors (1 for most coreutils, 2 for ls/grep/diff…). */
  usageStatus?: number;
  /** The whole "Try …" line when the program's differs. */
  tryLine?: string;
  /**
   * The real program's long options in the order of its table: getopt lists an ambiguous
   * abbreviation's possibilities in that order, and an abbreviation that also matches a real
   * option this one lacks is ambiguous there too.
   */
  longOrder?: readonly string[];
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.`;
}

function makeParsed(): ParsedArgs {
  const values = new Map<string, string[]>();
  return {
    values,
    order: [],
    operands: [],
    has: (k) => values.has(k),
    last: (k) => {
      const v = values.get(k);
      return v ? v[v.length - 1] : undefined;
    },
    all: (k) => values.get(k) ?? [],
  };
}

/**
 * Parse argv (without argv[0]). On a usage error writes the GNU message to stderr and returns
 * the exit status as a number; otherwise returns the parsed arguments.
 */
export function parseArgs(ctx: CommandContext, specs: OptionSpec[], options: ParseOptions = {}): ParsedArgs | number {
  const prog = ctx.argv[0] ?? '';
  const texts = gnuTextsOf(ctx);
  const table = texts ? withStandardOptions(specs) : specs;
  try {
    const parsed = parseArgv(prog, ctx.argv.slice(1), table, texts ? { longOrder: texts.longs, ...options } : options);
    return (texts && answerStandard(ctx, texts, parsed)) ?? parsed;
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(e.message);
      return e.status;
    }
    throw e;
  }
}

/** Prints the text --help or --version asked for; undefined when parsing did not stop at either. */
function answerStandard(ctx: CommandContext, texts: GnuTexts, parsed: ParsedArgs): number | undefined {
  if (parsed.stoppedAt === HELP_KEY) {
    ctx.stdout.write(helpText(texts, ctx.argv[0] ?? ''));
    return texts.helpStatus;
  }
  if (parsed.stoppedAt === VERSION_KEY) {
    ctx.stdout.write(versionText(texts, ctx.argv[0] ?? ''));
    return 0;
  }
  return undefined;
}

/**
 * coreutils' parse_long_options (expr): --help and --version (or their abbreviations) count only as
 * the sole argument, and getopt stays silent about anything else, which is then an operand.
 * Returns the exit status when it answered.
 */
export function parseLongOptionsOnly(ctx: CommandContext): number | undefined {
  const texts = gnuTextsOf(ctx);
  if (!texts || ctx.argv.length !== 2) return undefined;
  try {
    return answerStandard(ctx, texts, parseArgv(ctx.argv[0] ?? '', ctx.argv.slice(1), withStandardOptions([]), { longOrder: texts.longs }));
  } catch (e) {
    if (e instanceof UsageError) return undefined;
    throw e;
  }
}

const HELP_KEY = '--help';
const VERSION_KEY = '--version';

/** --help for a program that also takes a short letter for it (gzip -h). */
export function helpOption(short?: string): OptionSpec {
  return { short, long: 'help', key: HELP_KEY, stop: true };
}
/** --version for a program that also takes a short letter for it (gzip -V, grep -V). */
export function versionOption(short?: string): OptionSpec {
  return { short, long: 'version', key: VERSION_KEY, stop: true };
}

/** GNU's GETOPT_HELP_OPTION_DECL and GETOPT_VERSION_OPTION_DECL, at the end of the table as most programs have them. */
function withStandardOptions(specs: OptionSpec[]): OptionSpec[] {
  const extra: OptionSpec[] = [];
  if (!specs.some((s) => s.long === 'help')) extra.push({ long: 'help', key: HELP_KEY, stop: true });
  if (!specs.some((s) => s.long === 'version')) extra.push({ long: 'version', key: VERSION_KEY, stop: true });
  return extra.length ? [...specs, ...extra] : specs;
}

/**
 * Parse argv for a program that prints getopt's message without GNU's "Try --help" line (alone,
 * or before a usage of its own: systemd's tools, ss, sysctl): the parsed arguments, or that
 * message, without its newline.
 */
export function parseArgvOrGetoptMessage(prog: string, args: string[], specs: OptionSpec[], options: ParseOptions = {}): ParsedArgs | { getoptMessage: string } {
  try {
    return parseArgv(prog, args, specs, options);
  } catch (e) {
    if (e instanceof UsageError) return { getoptMessage: e.message.split('\n')[0] };
    throw e;
  }
}

export function parseArgv(prog: string, args: string[], specs: OptionSpec[], options: ParseOptions = {}): ParsedArgs {
  const status = options.usageStatus ?? 1;
  const tryLine = options.tryLine ?? tryHelp(prog);
  const fail = (msg: string): never => {
    throw new UsageError(`${prog}: ${msg}\n${tryLine}\n`, status);
  };
  const byShort = new Map<string, OptionSpec>();
  const longs: OptionSpec[] = [];
  for (const s of specs) {
    if (s.short) byShort.set(s.short, s);
    if (s.long) longs.push(s);
  }
  const keyOf = (s: OptionSpec) => s.key ?? s.long ?? s.short ?? '';
  const out = makeParsed();
  const add = (s: OptionSpec | string, value: string) => {
    const key = typeof s === 'string' ? s : keyOf(s);
    const list = out.values.get(key) ?? [];
    list.push(value);
    out.values.set(key, list);
    out.order.push({ key, value });
  };

  let i = 0;
  while (i < args.length) {
    const arg = args[i++];
    if (arg === '--') {
      out.operands.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = matchLong(longs, name, options.longOrder, keyOf, (what) => fail(what.replace('%s', () => arg)));
      const kind = spec.arg ?? 'none';
      if (kind === 'none') {
        if (eq >= 0) fail(`option '--${spec.long}' doesn't allow an argument`);
        add(spec, '');
        if (spec.stop) {
          out.stoppedAt = keyOf(spec);
          return out;
        }
      } else if (kind === 'optional') {
        add(spec, eq >= 0 ? arg.slice(eq + 1) : '');
      } else if (eq >= 0) {
        add(spec, arg.slice(eq + 1));
      } else {
        if (i >= args.length) fail(`option '--${spec.long}' requires an argument`);
        add(spec, args[i++]);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (options.digitsKey && /^-\d+$/.test(arg)) {
        add(options.digitsKey, arg.slice(1));
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j];
        const spec = byShort.get(ch);
        if (!spec) fail(`invalid option -- '${ch}'`);
        const kind = spec!.arg ?? 'none';
        if (kind === 'none') {
          add(spec!, '');
          if (spec!.stop) {
            out.stoppedAt = keyOf(spec!);
            return out;
          }
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest.length > 0) add(spec!, rest);
        else if (kind === 'optional') add(spec!, '');
        else if (i < args.length) add(spec!, args[i++]);
        else fail(`option requires an argument -- '${ch}'`);
        break;
      }
      continue;
    }
    out.operands.push(arg);
    if (options.stopAtOperand) {
      out.operands.push(...args.slice(i));
      break;
    }
  }
  return out;
}

/**
 * getopt's long-option lookup (glibc process_long_option): an exact name wins; otherwise the
 * options the name abbreviates, in table order, where a later match that is the same option as the
 * first (same key) does not count. A real option this program lacks still makes an abbreviation
 * ambiguous or leaves it unrecognized, as the real table would.
 */
export function matchLong(longs: OptionSpec[], name: string, order: readonly string[] | undefined, keyOf: (s: OptionSpec) => string, fail: (message: string) => never): OptionSpec {
  const exact = longs.find((s) => s.long === name);
  if (exact) return exact;
  const rank = (long: string) => {
    const at = order?.indexOf(long) ?? -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const ours = new Map(longs.map((s) => [s.long!, s] as const));
  const names = [...new Set([...longs.map((s) => s.long!), ...(order ?? [])])].filter((l) => l.startsWith(name));
  names.sort((a, b) => rank(a) - rank(b));
  if (names.length === 0) fail(`unrecognized option '%s'`);
  const keyOfName = (long: string) => (ours.has(long) ? keyOf(ours.get(long)!) : `\0${long}`);
  const first = keyOfName(names[0]);
  const possible = names.filter((l, i) => i === 0 || keyOfName(l) !== first);
  if (possible.length > 1) fail(`option '%s' is ambiguous; possibilities: ${possible.map((l) => `'--${l}'`).join(' ')}`);
  const spec = ours.get(names[0]);
  if (!spec) fail(`unrecognized option '%s'`);
  return spec!;
}

/** Shorthand for building specs: `flag('n', 'number')`, `withArg('d', 'delimiter')`. */
export function flag(short: string | undefined, long?: string, key?: string): OptionSpec {
  return { short, long, key: key ?? short ?? long, arg: 'none' };
}
export function withArg(short: string | undefined, long?: string, key?: string): OptionSpec {
  return { short, long, key: key ?? short ?? long, arg: 'required' };
}
export function optArg(short: string | undefined, long?: string, key?: string): OptionSpec {
  return { short, long, key: key ?? short ?? long, arg: 'optional' };
}
