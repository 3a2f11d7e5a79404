/**
 * Finding the command an argv names, as cobra's Command.Find does: walk down the tree using the
 * first word that is not a flag (skipping the value of a non-boolean flag), by name or alias.
 */
import { childrenOf, findChild, visibleChildren } from './help/help';
import type { FlagSet } from './flags/spec';
import { flagsFor } from './flags/spec';
import { suggestionsFor } from './flags/suggest';

function isBoolLong(name: string, flags: FlagSet): boolean {
  if (name === 'help') return true;
  const spec = flags.long(name);
  return !!spec && (spec.type === 'bool' || spec.noOptDefault !== undefined);
}

function isBoolShort(ch: string, flags: FlagSet): boolean {
  if (ch === 'h') return true;
  const spec = flags.short(ch);
  return !!spec && (spec.type === 'bool' || spec.noOptDefault !== undefined);
}

/** Index in args of the first word cobra would take as a subcommand name, or -1. */
export function firstCommandWord(args: readonly string[], flags: FlagSet): number {
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') return -1;
    if (s.startsWith('--') && !s.includes('=') && !isBoolLong(s.slice(2), flags)) {
      if (args.length - i - 1 <= 1) return -1;
      i++;
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2 && !isBoolShort(s[1], flags)) {
      if (args.length - i - 1 <= 1) return -1;
      i++;
      continue;
    }
    if (s !== '' && !s.startsWith('-')) return i;
  }
  return -1;
}

export interface Found {
  /** "create deployment", or "" for the root. */
  path: string;
  /** argv without the command words. */
  rest: string[];
}

export function findCommand(argv: readonly string[]): Found {
  let path = '';
  let rest = [...argv];
  for (;;) {
    if (childrenOf(path).length === 0) break;
    const at = firstCommandWord(rest, flagsFor(path));
    if (at < 0) break;
    const child = findChild(path, rest[at]);
    if (!child) break;
    path = path === '' ? child : `${path} ${child}`;
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
  }
  return { path, rest };
}

/** cobra's message for an unknown root command, with its suggestions. */
export function unknownRootCommand(word: string): string {
  const suggestions = suggestionsFor(word, visibleChildren(''));
  let msg = `unknown command "${word}" for "kubectl"`;
  if (suggestions.length > 0) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n`;
  return msg;
}
