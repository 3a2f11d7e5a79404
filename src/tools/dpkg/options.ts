/**
 * dpkg's option parser (lib/dpkg/options.c dpkg_options_parse): options end at the first argument
 * that is not one (no reordering), short options bundle (`-lW`), a value follows its option or is
 * glued to it (`-fFMT`, `-f=FMT`, `--showformat=FMT`), `--force-THING` kinds take the value after a
 * dash, and a second action is a conflict. Errors are dpkg's badusage texts.
 */

export interface OptionSpec {
  long?: string;
  short?: string;
  /** 0: a flag; 1: takes a value; 2: takes `-VALUE` glued to the long name (--force-…). */
  takesValue: 0 | 1 | 2;
  /** An action (setaction): only one may be given. */
  action?: boolean;
  /** The value's check as dpkg makes it while parsing (throws BadUsage). */
  check?: (value: string) => void;
  /** Printed as soon as it is parsed, ending the program with status 0 (1.21.1's --help, --version). */
  immediate?: string;
}

export interface ParsedOptions {
  action?: OptionSpec;
  /** Option values by long name (or short letter when it has no long name). */
  values: Map<string, string>;
  flags: Set<string>;
  args: string[];
}

/** A usage error: printed as `PROG: error: MESSAGE`, a blank line and the program's help hint, exit 2. */
export class BadUsage extends Error {}

/** An option that answers at once (--help, --version): its text goes to stdout, exit 0. */
export class Immediate extends Error {
  constructor(readonly text: string) {
    super('immediate');
  }
}

const display = (o: OptionSpec): string => `-${o.short ?? '\b'} (--${o.long})`;

export function parseOptions(argv: string[], table: OptionSpec[]): ParsedOptions {
  const out: ParsedOptions = { values: new Map(), flags: new Set(), args: [] };
  const set = (o: OptionSpec, value: string | undefined) => {
    if (o.immediate !== undefined) throw new Immediate(o.immediate);
    if (value !== undefined) o.check?.(value);
    const key = o.long ?? o.short!;
    if (o.action) {
      if (out.action) throw new BadUsage(`conflicting actions ${display(o)} and ${display(out.action)}`);
      out.action = o;
    }
    if (value !== undefined) out.values.set(key, value);
    else out.flags.add(key);
  };
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-') && argv[i].length > 1) {
    const arg = argv[i++];
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const p = arg.slice(2);
      let value: string | undefined;
      const o = table.find((c) => {
        if (!c.long) return false;
        if (p === c.long) return true;
        const sep = c.takesValue === 2 ? '-' : '=';
        if (p.startsWith(c.long) && p[c.long.length] === sep) {
          value = p.slice(c.long.length + 1);
          return true;
        }
        return false;
      });
      if (!o) throw new BadUsage(`unknown option --${p}`);
      if (o.takesValue) {
        if (value === undefined) {
          if (i >= argv.length) throw new BadUsage(`--${o.long} option takes a value`);
          value = argv[i++];
        }
        set(o, value);
      } else {
        if (value !== undefined) throw new BadUsage(`--${o.long} option does not take a value`);
        set(o, undefined);
      }
      continue;
    }
    let rest = arg.slice(1);
    while (rest) {
      const c = rest[0];
      const o = table.find((x) => x.short === c);
      if (!o) throw new BadUsage(`unknown option -${c}`);
      rest = rest.slice(1);
      if (o.takesValue) {
        let value: string;
        if (!rest) {
          if (i >= argv.length) throw new BadUsage(`-${c} option takes a value`);
          value = argv[i++];
        } else {
          value = rest.startsWith('=') ? rest.slice(1) : rest;
          rest = '';
        }
        set(o, value);
      } else {
        if (rest.startsWith('=')) throw new BadUsage(`-${c} option does not take a value`);
        set(o, undefined);
      }
    }
  }
  out.args = argv.slice(i);
  return out;
}
