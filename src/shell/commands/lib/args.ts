/**
 * GNU-style option parsing shared by the programs: short clusters (`-rn`), attached or separate
 * arguments (`-n5`, `-n 5`), long options with unique-prefix abbreviation (`--lines=5`, `--lin 5`),
 * `--` to end options, and argument permutation (options may follow operands) as glibc getopt does.
 * Errors are reported with getopt's exact wording followed by the `Try '…' for more information.` line.
 */
import type { CommandContext } from '../../command';

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  /** Key under which the value is stored (defaults to the long name or the letter). */
  key?: string;
  short?: string;
  long?: string;
  arg?: ArgKind;
}

export interface ParsedArgs {
  /** Every occurrence in order: key → values ('' for flags). */
  values: Map<string, string[]>;
  /** Options in the order they were given (for programs where order matters, e.g. sed -e/-f). */
  order: { key: string; value: string }[];
  operands: string[];
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
  /** Treat a lone "-" as an operand (default true). */
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
  try {
    return parseArgv(prog, ctx.argv.slice(1), specs, options);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(e.message);
      return e.status;
    }
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
      const exact = longs.find((s) => s.long === name);
      let spec = exact;
      if (!spec) {
        const matches = longs.filter((s) => s.long!.startsWith(name));
        const distinct = new Set(matches.map(keyOf));
        if (matches.length === 0) fail(`unrecognized option '${eq >= 0 ? arg.slice(0, eq) : arg}'`);
        if (distinct.size > 1) {
          const poss = matches.map((s) => `'--${s.long}'`).join(' ');
          fail(`option '${eq >= 0 ? arg.slice(0, eq) : arg}' is ambiguous; possibilities: ${poss}`);
        }
        spec = matches[0];
      }
      const kind = spec!.arg ?? 'none';
      if (kind === 'none') {
        if (eq >= 0) fail(`option '--${spec!.long}' doesn't allow an argument`);
        add(spec!, '');
      } else if (kind === 'optional') {
        add(spec!, eq >= 0 ? arg.slice(eq + 1) : '');
      } else if (eq >= 0) {
        add(spec!, arg.slice(eq + 1));
      } else {
        if (i >= args.length) fail(`option '--${spec!.long}' requires an argument`);
        add(spec!, args[i++]);
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
