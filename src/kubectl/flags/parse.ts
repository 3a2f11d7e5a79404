/**
 * A pflag-faithful parser: long flags (`--name=value`, `--name value`), shorthand clusters
 * (`-n ns`, `-nns`, `-n=ns`, `-Aw`), bare booleans, `--` ending flags, flags anywhere among the
 * arguments. Errors carry pflag's exact wording.
 */
import { parseGoDuration } from '../../sim/go-parse-duration';
import type { FlagSet, FlagSpec } from './spec';

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  /** Values of the flags that were given (absent flags are not here; use `get`). */
  readonly given: Map<string, FlagValue>;
  readonly args: string[];
  /** Index in args of the first argument after `--`, or -1. */
  readonly argsLenAtDash: number;
}

export class FlagError extends Error {}

function describe(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

/** Split a StringSlice value as Go's encoding/csv does for one record. */
export function splitCsv(value: string): string[] {
  if (value === '') return [];
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (ch === ',') {
      out.push(field);
      field = '';
      atStart = true;
    } else {
      field += ch;
      atStart = false;
    }
  }
  out.push(field);
  return out;
}

const GO_BOOL: Record<string, boolean> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

function setValue(given: Map<string, FlagValue>, spec: FlagSpec, raw: string): void {
  const fail = (detail: string) => new FlagError(`invalid argument "${raw}" for "${describe(spec)}" flag: ${detail}`);
  switch (spec.type) {
    case 'bool': {
      const v = GO_BOOL[raw];
      if (v === undefined) throw fail(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
      given.set(spec.name, v);
      return;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw fail(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      const bound = spec.int32 ? 2n ** 31n : 2n ** 63n;
      const n = BigInt(raw);
      if (n >= bound || n < -bound) throw fail(`strconv.ParseInt: parsing "${raw}": value out of range`);
      given.set(spec.name, Number(raw));
      return;
    }
    case 'duration': {
      const d = parseGoDuration(raw);
      if ('error' in d) throw fail(d.error);
      given.set(spec.name, raw);
      return;
    }
    case 'list':
    case 'map': {
      const prev = given.get(spec.name);
      const items = spec.array ? [raw] : splitCsv(raw);
      given.set(spec.name, Array.isArray(prev) ? [...prev, ...items] : items);
      return;
    }
    default:
      given.set(spec.name, raw);
  }
}

/** Parse argv (without the command words) against a flag set. Throws FlagError. */
export function parseFlags(argv: readonly string[], flags: FlagSet): ParsedFlags {
  const given = new Map<string, FlagValue>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = flags.long(name);
      if (!spec) {
        if (name === 'help') {
          given.set('help', true);
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (eq >= 0) setValue(given, spec, a.slice(eq + 1));
      else if (spec.type === 'bool') given.set(spec.name, true);
      else if (spec.noOptDefault !== undefined) setValue(given, spec, spec.noOptDefault);
      else if (i + 1 < argv.length) setValue(given, spec, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const ch = rest[0];
        const spec = flags.short(ch);
        if (!spec) {
          if (ch === 'h') {
            given.set('help', true);
            rest = rest.slice(1);
            continue;
          }
          throw new FlagError(`unknown shorthand flag: '${ch}' in -${rest}`);
        }
        if (rest.length > 2 && rest[1] === '=') {
          setValue(given, spec, rest.slice(2));
          rest = '';
        } else if (spec.type === 'bool' || spec.noOptDefault !== undefined) {
          if (spec.type === 'bool') given.set(spec.name, true);
          else setValue(given, spec, spec.noOptDefault!);
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          setValue(given, spec, rest.slice(1));
          rest = '';
        } else if (i + 1 < argv.length) {
          setValue(given, spec, argv[++i]);
          rest = '';
        } else {
          throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
        }
      }
      continue;
    }
    args.push(a);
  }
  return { given, args, argsLenAtDash };
}

/** Typed reads of parsed flags with defaults from the spec. */
export class Flags {
  constructor(
    readonly parsed: ParsedFlags,
    private readonly set: FlagSet,
  ) {}

  has(name: string): boolean {
    return this.parsed.given.has(name);
  }

  private value(name: string): FlagValue | undefined {
    if (this.parsed.given.has(name)) return this.parsed.given.get(name);
    return this.set.long(name)?.defaultValue;
  }

  str(name: string): string {
    const v = this.value(name);
    return v === undefined ? '' : String(v);
  }

  /** A global flag's value; '' when the command has a flag of its own by that name (cobra's local flag shadows it). */
  globalStr(name: string): string {
    return this.set.isGlobal(name) ? this.str(name) : '';
  }

  bool(name: string): boolean {
    return this.value(name) === true;
  }

  /** A global boolean flag; false when the command has a flag of its own by that name. */
  globalBool(name: string): boolean {
    return this.set.isGlobal(name) && this.bool(name);
  }

  int(name: string): number {
    const v = this.value(name);
    return typeof v === 'number' ? v : Number(v ?? 0);
  }

  list(name: string): string[] {
    const v = this.value(name);
    return Array.isArray(v) ? v : [];
  }

  get args(): string[] {
    return this.parsed.args;
  }

  get argsLenAtDash(): number {
    return this.parsed.argsLenAtDash;
  }
}
