/**
 * Help texts of every kubectl command, recorded from the real kubectl (see
 * scripts/golden/kubectl-help-record.ts), and the command tree they describe.
 */
import data from './help-data.json';

interface HelpData {
  version: string;
  home: string;
  lines: string[];
  commands: Record<string, number[]>;
}

const help = data as HelpData;

/** The client version the help texts were recorded from, e.g. "v1.33.1". */
export const RECORDED_CLIENT_VERSION = help.version;

/** A command path such as "create secret generic"; "" is the root. */
export type CommandPath = string;

export function hasCommand(path: CommandPath): boolean {
  return Object.prototype.hasOwnProperty.call(help.commands, path);
}

/** The help text exactly as `kubectl <path> --help` prints it for a user whose home is `home`. */
export function helpText(path: CommandPath, home = help.home): string {
  const ids = help.commands[path];
  if (!ids) return '';
  const text = ids.map((i) => help.lines[i]).join('\n');
  return home === help.home ? text : text.split(`'${help.home}/.kube/cache'`).join(`'${home}/.kube/cache'`);
}

/**
 * What `--help` and `kubectl help PATH` print: the help text, except for `options`, whose help
 * template is empty (templates.UseOptionsTemplates: its text is its usage, printed when it runs).
 */
export function commandHelp(path: CommandPath, home?: string): string {
  return path === 'options' ? '' : helpText(path, home);
}

/** Lines of the help text (cached per path). */
const linesCache = new Map<string, string[]>();
export function helpLines(path: CommandPath): string[] {
  let lines = linesCache.get(path);
  if (!lines) {
    lines = (help.commands[path] ?? []).map((i) => help.lines[i]);
    linesCache.set(path, lines);
  }
  return lines;
}

/** Direct subcommands of a path, in the order cobra sorts them (alphabetical). */
export function childrenOf(path: CommandPath): string[] {
  const prefix = path === '' ? '' : path + ' ';
  const names = new Set<string>();
  for (const key of Object.keys(help.commands)) {
    if (key === path || !key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (!rest.includes(' ')) names.add(rest);
  }
  return [...names].sort();
}

/** Aliases from the help's "Aliases:" section (the first entry is the name itself). */
export function aliasesOf(path: CommandPath): string[] {
  const lines = helpLines(path);
  const at = lines.indexOf('Aliases:');
  if (at < 0) return [];
  return lines[at + 1].split(',').map((s) => s.trim()).slice(1);
}

/** Resolve a typed word to a child command name (by name or alias). */
export function findChild(path: CommandPath, word: string): string | undefined {
  for (const child of childrenOf(path)) {
    if (child === word) return child;
    const full = path === '' ? child : `${path} ${child}`;
    if (aliasesOf(full).includes(word)) return child;
  }
  return undefined;
}

/** Children shown in the root help (the hidden ones, options/help/alpha, are not suggested). */
export function visibleChildren(path: CommandPath): string[] {
  const lines = helpLines(path);
  return childrenOf(path).filter((c) => lines.some((l) => l.startsWith(`  ${c} `)));
}
