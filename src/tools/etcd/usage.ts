/**
 * etcdctl's help (etcd's pkg/cobrautl/help.go, copied there from rkt): the NAME / USAGE /
 * VERSION / API VERSION / COMMANDS / DESCRIPTION / OPTIONS / GLOBAL OPTIONS template, every
 * line through one tabwriter padding with tabs (minwidth 0, tabwidth 8, padding 1), flags in
 * name order as etcdFlagUsages prints them (`--prefix[=false]` for a bool, `--cacert=""`).
 * etcdctl writes it straight to standard output, whatever cobra asked for it.
 */
import { tabwrite } from '../../sim/go-tabwriter';
import { goQuote } from '../../sim/go-quote';
import type { Command, FlagSpec } from './cobra';

export const ETCD_VERSION = '3.5.21';
export const ETCD_API_VERSION = '3.5';

/** etcdFlagUsages: one line per flag, sorted by name (pflag's VisitAll). */
function flagUsages(flags: readonly FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = '';
  for (const f of sorted) {
    let line = f.shorthand ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`;
    const optional = f.type === 'bool';
    if (optional) line += '[';
    line += f.type === 'string' ? `=${goQuote(f.default)}` : `=${f.default}`;
    if (optional) line += ']';
    out += `${line}\t${f.usage}\n`;
  }
  return out;
}

/** getSubCommands: every command below, depth first in Commands() order. */
function subCommands(cmd: Command): Command[] {
  const out: Command[] = [];
  for (const c of cmd.commands()) out.push(c, ...subCommands(c));
  return out;
}

/** cmdName: the path from below start down to cmd. */
function cmdName(cmd: Command, start: Command): string {
  const parts = [cmd.name];
  for (let c = cmd; c.parent && c.parent.name !== start.name; c = c.parent) parts.unshift(c.parent.name);
  return parts.join(' ');
}

/** Command.UseLine: the parent's path and Use, with " [flags]" when the command has flags and Use does not say so. */
function useLine(cmd: Command): string {
  const line = cmd.parent ? `${cmd.parent.path} ${cmd.spec.use}` : cmd.spec.use;
  return line.includes('[flags]') ? line : `${line} [flags]`;
}

export function etcdctlUsage(cmd: Command): string {
  const hasSubCommands = cmd.commands().length > 0;
  let t = 'NAME:\n';
  t += cmd.parent ? `\t${cmdName(cmd, cmd.root)} - ${cmd.spec.short}\n` : `\t${cmd.name} - ${cmd.spec.short}\n`;
  t += `\nUSAGE:\n\t${useLine(cmd)}\n`;
  if (!cmd.parent) t += `\nVERSION:\n\t${ETCD_VERSION}\n`;
  if (hasSubCommands) t += `\nAPI VERSION:\n\t${ETCD_API_VERSION}\n`;
  if (hasSubCommands) {
    t += '\n\nCOMMANDS:\n';
    for (const sub of subCommands(cmd)) if (sub.runnable()) t += `\t${cmdName(sub, cmd)}\t${sub.spec.short}\n`;
  }
  if (cmd.spec.long) {
    t += '\nDESCRIPTION:\n';
    for (const line of cmd.spec.long.replace(/^[\n\t ]+|[\n\t ]+$/g, '').split('\n')) t += `\t${line}\n`;
  }
  t += `\nOPTIONS:\n${flagUsages(cmd.ownFlags())}`;
  const inherited = cmd.inheritedFlags();
  if (inherited.length) t += `\nGLOBAL OPTIONS:\n${flagUsages(inherited)}`;
  t += '\n';
  return tabwrite(t, 0, 1, 8);
}
