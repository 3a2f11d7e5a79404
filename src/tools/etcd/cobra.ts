/**
 * The part of spf13/cobra v1.1.3 (the release etcd 3.5 builds with) that decides which command
 * a command line names and what its flags are: Find with EnablePrefixMatching (etcdctl and
 * etcdutl both set it, so `etcdctl mem li` is `member list`), stripFlags, legacyArgs' unknown
 * command with its suggestions, the default help flag and help command. The tree itself is
 * data read from etcd's sources (commands.json, made by scripts/etcd/extract-commands.mjs).
 */
import { parsePflags, type FlagSet, type FlagType } from '../../sim/pflag';

export interface FlagSpec {
  name: string;
  shorthand: string;
  /** pflag's Value.Type(): string, bool, int, int64, uint64, duration, stringSlice… */
  type: string;
  /** DefValue, as pflag prints it. */
  default: string;
  usage: string;
}

export interface CommandSpec {
  use: string;
  short: string;
  long: string;
  runnable: boolean;
  hidden?: boolean;
  deprecated?: string;
  aliases: string[];
  flags: FlagSpec[];
  persistent: FlagSpec[];
  children: CommandSpec[];
}

/** A command in its tree: the spec, its parent and its path ("etcdctl member list"). */
export class Command {
  readonly children: Command[];
  private helpCommand?: Command;

  constructor(
    readonly spec: CommandSpec,
    readonly parent?: Command,
  ) {
    this.children = spec.children.map((c) => new Command(c, this));
  }

  get name(): string {
    return this.spec.use.split(' ')[0];
  }

  get path(): string {
    return this.parent ? `${this.parent.path} ${this.name}` : this.name;
  }

  get root(): Command {
    return this.parent ? this.parent.root : this;
  }

  /** Commands(): sorted by name (EnableCommandSorting), with the help command the root adds when it has subcommands. */
  commands(): Command[] {
    const list = [...this.children];
    if (!this.parent && list.length) list.push(this.help());
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** InitDefaultHelpCmd's command. */
  help(): Command {
    return (this.helpCommand ??= new Command(
      {
        use: 'help [command]',
        short: 'Help about any command',
        long: `Help provides help for any command in the application.\nSimply type ${this.name} help [path to command] for full details.`,
        runnable: true,
        aliases: [],
        flags: [],
        persistent: [],
        children: [],
      },
      this,
    ));
  }

  /** The persistent flags of the parents (InheritedFlags), nearest parent first, shadowed names dropped. */
  inheritedFlags(): FlagSpec[] {
    const out: FlagSpec[] = [];
    const seen = new Set(this.ownFlags().map((f) => f.name));
    for (let p = this.parent; p; p = p.parent) {
      for (const f of p.spec.persistent) if (!seen.has(f.name)) (seen.add(f.name), out.push(f));
    }
    return out;
  }

  /** LocalFlags: the command's own flags and persistent flags, with the default help flag InitDefaultHelpFlag adds. */
  ownFlags(): FlagSpec[] {
    const own = [...this.spec.flags, ...this.spec.persistent];
    if (!own.some((f) => f.name === 'help')) own.push({ name: 'help', shorthand: 'h', type: 'bool', default: 'false', usage: `help for ${this.name}` });
    return own;
  }

  allFlags(): FlagSpec[] {
    return [...this.ownFlags(), ...this.inheritedFlags()];
  }

  runnable(): boolean {
    return this.spec.runnable || this === this.root.helpCommand;
  }

  /** findNext: an exact name or alias, or the one command the word is a prefix of. */
  findNext(word: string): Command | undefined {
    const list = this.parent ? this.children : [...this.children, this.help()];
    const exact = list.find((c) => c.name === word || c.spec.aliases.includes(word));
    if (exact) return exact;
    const prefixed = list.filter((c) => c.name.startsWith(word) || c.spec.aliases.some((a) => a.startsWith(word)));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }
}

/** pflag's view of a command's flags. */
export function flagSet(flags: readonly FlagSpec[]): FlagSet {
  const set: FlagSet = { flags: {}, shorthands: {}, exactNames: true };
  for (const f of flags) {
    set.flags[f.name] = pflagType(f.type);
    if (f.shorthand) set.shorthands[f.shorthand] = f.name;
  }
  return set;
}

function pflagType(type: string): FlagType {
  if (type === 'bool') return 'bool';
  if (type === 'int' || type === 'int64') return 'int';
  if (type === 'int32') return 'int32';
  if (type === 'uint' || type === 'uint64' || type === 'uint32') return 'uint';
  if (type === 'duration') return 'duration';
  if (type === 'float64') return 'float';
  return 'value';
}

/** stripFlags: the words of a command line that are not flags or their values, as Find sees them. */
function stripFlags(args: readonly string[], cmd: Command): string[] {
  const flags = cmd.allFlags();
  const takesValue = (name: string) => {
    const f = flags.find((x) => x.name === name);
    return !f || f.type !== 'bool';
  };
  const shortTakesValue = (c: string) => {
    const f = flags.find((x) => x.shorthand === c[0]);
    return !f || f.type !== 'bool';
  };
  const words: string[] = [];
  const rest = [...args];
  while (rest.length) {
    const s = rest.shift()!;
    if (s === '--') break;
    if ((s.startsWith('--') && !s.includes('=') && takesValue(s.slice(2))) || (s.startsWith('-') && !s.startsWith('--') && !s.includes('=') && s.length === 2 && shortTakesValue(s.slice(1)))) {
      if (rest.length <= 1) break;
      rest.shift();
      continue;
    }
    if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

/** Removes the first occurrence of word (argsMinusFirstX). */
function without(args: readonly string[], word: string): string[] {
  const i = args.indexOf(word);
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 1)];
}

export type Found = { cmd: Command; args: string[]; error?: string };

/** Command.Find: the deepest command the words name, the arguments left, and legacyArgs' error for the root. */
export function find(root: Command, args: readonly string[]): Found {
  let cmd = root;
  let rest = [...args];
  for (;;) {
    const words = stripFlags(rest, cmd);
    const next = words.length ? cmd.findNext(words[0]) : undefined;
    if (!next) break;
    rest = without(rest, words[0]);
    cmd = next;
  }
  const words = stripFlags(rest, cmd);
  if (!cmd.parent && cmd.children.length && words.length) {
    return { cmd, args: rest, error: `unknown command ${JSON.stringify(words[0])} for ${JSON.stringify(cmd.path)}${suggestions(cmd, words[0])}` };
  }
  return { cmd, args: rest };
}

/** findSuggestions: commands within Levenshtein distance 2 or that the word starts, and SuggestFor. */
function suggestions(cmd: Command, typed: string): string {
  const names: string[] = [];
  for (const c of cmd.commands()) {
    if (c.spec.hidden || c.spec.deprecated || (!c.runnable() && !c.children.length)) continue;
    if (c === cmd.root.help()) continue;
    if (levenshtein(typed.toLowerCase(), c.name.toLowerCase()) <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase())) names.push(c.name);
  }
  // The root's SuggestFor is its own name: `etcdctl etcdctl` suggests nothing (the root is not among its commands).
  return names.length ? `\n\nDid you mean this?\n${names.map((n) => `\t${n}\n`).join('')}` : '';
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export type Parsed = { error: string } | { positional: string[]; values: Map<string, string>; changed: Set<string> };

/** ParseFlags over the command's local and inherited flags: the values given (last one wins; slices gather). */
export function parseFlags(cmd: Command, args: readonly string[]): Parsed {
  const flags = cmd.allFlags();
  const values = new Map<string, string>();
  const changed = new Set<string>();
  const r = parsePflags(flagSet(flags), args, (name, value) => {
    const spec = flags.find((f) => f.name === name);
    const slice = spec?.type === 'stringSlice' || spec?.type === 'stringArray';
    values.set(name, slice && changed.has(name) ? `${values.get(name)},${value}` : value);
    changed.add(name);
  });
  if ('error' in r) return r;
  for (const f of flags) if (!values.has(f.name)) values.set(f.name, f.type === 'stringSlice' ? f.default.replace(/^\[|\]$/g, '') : f.default);
  return { positional: r.positional, values, changed };
}
