/**
 * cobra v1.1.3's default usage template, for programs that keep it (etcdutl): Usage, Available
 * Commands padded to the longest name (at least 11), Flags and Global Flags as pflag v1.0.5's
 * FlagUsages prints them (type names, `(default …)` unless zero, one column for the usage).
 */
import { goQuote } from '../../sim/go-quote';
import type { Command, FlagSpec } from './cobra';

/** UnquoteUsage: a `quoted` word in the usage names the value; otherwise the type does (none for a bool). */
function unquoteUsage(f: FlagSpec): { varname: string; usage: string } {
  const m = /`([^`]*)`/.exec(f.usage);
  if (m) return { varname: m[1], usage: f.usage.replace(/`([^`]*)`/, '$1') };
  const names: Record<string, string> = { bool: '', float64: 'float', int64: 'int', uint64: 'uint', stringSlice: 'strings', intSlice: 'ints', uintSlice: 'uints', boolSlice: 'bools' };
  return { varname: names[f.type] ?? f.type, usage: f.usage };
}

function defaultIsZero(f: FlagSpec): boolean {
  switch (f.type) {
    case 'bool':
      return f.default === 'false';
    case 'duration':
      return f.default === '0' || f.default === '0s';
    case 'int':
    case 'int64':
    case 'int32':
    case 'uint':
    case 'uint64':
    case 'uint32':
    case 'float64':
      return f.default === '0';
    case 'string':
      return f.default === '';
    case 'stringSlice':
    case 'stringArray':
      return f.default === '[]';
    default:
      return ['false', '<nil>', '', '0'].includes(f.default);
  }
}

/** FlagUsages: sorted by name, the usage column after the longest flag part. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = sorted.map((f) => {
    let head = f.shorthand ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`;
    const { varname, usage } = unquoteUsage(f);
    if (varname) head += ` ${varname}`;
    let tail = usage;
    if (!defaultIsZero(f)) tail += f.type === 'string' ? ` (default ${goQuote(f.default)})` : ` (default ${f.default})`;
    return { head, tail };
  });
  const max = Math.max(0, ...rows.map((r) => r.head.length + 1));
  return rows.map((r) => `${r.head} ${' '.repeat(max - r.head.length)} ${r.tail}\n`).join('');
}

function visible(c: Command): boolean {
  return !c.spec.hidden && !c.spec.deprecated && (c.runnable() || c.children.some(visible));
}

export function cobraUsage(cmd: Command): string {
  const subs = cmd.commands();
  const available = subs.some(visible);
  let t = 'Usage:';
  if (cmd.runnable()) t += `\n  ${cmd.parent ? `${cmd.parent.path} ` : ''}${cmd.spec.use}${cmd.allFlags().length && !cmd.spec.use.includes('[flags]') ? ' [flags]' : ''}`;
  if (available) t += `\n  ${cmd.path} [command]`;
  if (available) {
    // commandsMaxNameLen counts every command added, hidden ones and help too.
    const pad = Math.max(11, ...subs.map((c) => c.name.length));
    t += '\n\nAvailable Commands:';
    for (const c of subs) if (visible(c) || c.name === 'help') t += `\n  ${c.name.padEnd(pad)} ${c.spec.short}`;
  }
  const local = cmd.ownFlags();
  if (local.length) t += `\n\nFlags:\n${flagUsages(local).trimEnd()}`;
  const inherited = cmd.inheritedFlags();
  if (inherited.length) t += `\n\nGlobal Flags:\n${flagUsages(inherited).trimEnd()}`;
  if (available) t += `\n\nUse "${cmd.path} [command] --help" for more information about a command.`;
  return `${t}\n`;
}
