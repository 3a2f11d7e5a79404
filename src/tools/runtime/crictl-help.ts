/**
 * crictl's help as urfave/cli v2.27.6 renders it (template.go: AppHelpTemplate,
 * CommandHelpTemplate, SubcommandHelpTemplate; help.go printHelpCustom: no wrapping at 10000
 * columns, then text/tabwriter with minwidth 1, padding 2). A flag is one line, stringifyFlag
 * (flag.go): its names with their placeholder, a tab, its usage with its default and env vars.
 */
import { tabwrite } from '../../sim/go-tabwriter';
import { goQuote } from '../../sim/go-quote';
import type { CliCommand, CliFlag } from './crictl-cli';

/** help.go helpCommand: added last to the app's commands and to every command's subcommands. */
export const HELP_COMMAND: CliCommand = { name: 'help', aliases: ['h'], usage: 'Shows a list of commands or help for one command', argsUsage: '[command]', flags: [] };
/** flag.go HelpFlag and VersionFlag (DisableDefaultText). */
export const HELP_FLAG: CliFlag = { name: 'help', aliases: ['h'], kind: 'bool', usage: 'show help', noDefaultText: true };
export const VERSION_FLAG: CliFlag = { name: 'version', aliases: ['v'], kind: 'bool', usage: 'print the version', noDefaultText: true };

/** sort.go lexicographicLess: letters compared without case first, then as they are. */
export function lexicographicLess(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const lx = x[i].toLowerCase();
    const ly = y[i].toLowerCase();
    if (lx !== ly) return lx < ly;
    if (x[i] !== y[i]) return x[i] < y[i];
  }
  return a < b;
}

/** cli.FlagsByName, as main.go sorts every command's flags (help is appended after). */
export function sortFlags(flags: readonly CliFlag[]): CliFlag[] {
  return [...flags].sort((a, b) => (lexicographicLess(a.name, b.name) ? -1 : lexicographicLess(b.name, a.name) ? 1 : 0));
}

/** help.go wrap at 10000 columns: only the lines after the first are indented. */
function wrap(text: string, offset: number): string {
  return text
    .split('\n')
    .map((line, i) => (line === '' || i === 0 ? line : ' '.repeat(offset) + line))
    .join('\n');
}

function defaultText(f: CliFlag): string {
  switch (f.kind) {
    case 'bool':
      return f.noDefaultText ? '' : String(f.value === true);
    case 'string':
      return typeof f.value === 'string' && f.value !== '' ? goQuote(f.value) : '';
    case 'int':
    case 'int64':
      return String(typeof f.value === 'number' ? f.value : 0);
    case 'duration':
      return typeof f.value === 'string' ? f.value : '0s';
    default:
      return '';
  }
}

/** flag.go stringifyFlag: `--name value, -n value\tusage (default: x) [$ENV]`. */
export function flagString(f: CliFlag): string {
  // unquoteUsage: the first `quoted` word is the placeholder, kept in the usage without quotes.
  let usage = f.usage;
  let placeholder = '';
  const m = /`([^`]*)`/.exec(usage);
  if (m) {
    placeholder = m[1];
    usage = usage.slice(0, m.index) + m[1] + usage.slice(m.index + m[0].length);
  }
  if (f.kind !== 'bool' && placeholder === '') placeholder = 'value';
  const def = defaultText(f);
  const usageWithDefault = (usage + (def ? ` (default: ${def})` : '')).trim();
  let names = [f.name, ...(f.aliases ?? [])].map((n) => `${n.length === 1 ? '-' : '--'}${n}${placeholder ? ` ${placeholder}` : ''}`).join(', ');
  if (f.kind === 'stringSlice') names = `${names} [ ${names} ]`;
  const env = f.envVars?.length ? ` [${f.envVars.map((e) => `$${e}`).join(', ')}]` : '';
  return `${names}\t${usageWithDefault}${env}`;
}

function flagLines(flags: readonly CliFlag[]): string {
  return flags.map((f) => `\n   ${wrap(flagString(f), 6)}`).join('');
}

/** template.go visibleCommandTemplate: names, then the usage at the widest names plus five. */
function commandLines(commands: readonly CliCommand[]): string {
  const names = commands.map((c) => [c.name, ...(c.aliases ?? [])].join(', '));
  const column = Math.max(...names.map((n) => n.length)) + 5;
  return commands.map((c, i) => `\n   ${names[i]}${' '.repeat(column - names[i].length - 3)}${wrap(c.usage, column)}`).join('');
}

export interface CliApp {
  name: string;
  usage: string;
  version: string;
  /** Sorted as the app runs them, help last. */
  commands: CliCommand[];
  /** Sorted, help and version last. */
  flags: CliFlag[];
}

/** AppHelpTemplate, as `crictl`, `crictl --help` and `crictl help` print it. */
export function appHelp(app: CliApp): string {
  const text = `NAME:
   ${app.name} - ${wrap(app.usage, app.name.length + 6)}

USAGE:
   ${app.name} [global options] command [command options]

VERSION:
   ${app.version}

COMMANDS:${commandLines(app.commands)}

GLOBAL OPTIONS:${flagLines(app.flags)}
`;
  return tabwrite(text, 1, 2);
}

/**
 * CommandHelpTemplate, or SubcommandHelpTemplate when `subcommands` are given (its COMMANDS
 * section): `helpName` is the command's path, `crictl ps`. The flags are shown as given.
 */
export function commandHelp(helpName: string, command: CliCommand, flags: readonly CliFlag[], subcommands?: readonly CliCommand[]): string {
  const usage = command.usageText
    ? wrap(command.usageText, 3)
    : `${helpName}${flags.length ? ' [command options]' : ''}${command.argsUsage ? ` ${command.argsUsage}` : ''}`;
  let text = `NAME:
   ${wrap(helpName, 3)}${command.usage ? ` - ${wrap(command.usage, helpName.length + 6)}` : ''}

USAGE:
   ${usage}`;
  if (command.description) text += `\n\nDESCRIPTION:\n   ${wrap(command.description, 3)}`;
  if (subcommands?.length) text += `\n\nCOMMANDS:${commandLines(subcommands)}`;
  if (flags.length) text += `\n\nOPTIONS:${flagLines(flags)}`;
  return tabwrite(`${text}\n`, 1, 2);
}
