/**
 * How crictl's urfave/cli v2.27.6 app routes a command line (command.go Command.Run, help.go
 * helpCommand.Action and ShowCommandHelp): the global flags, help and version, then the command,
 * its flags, `--help` or a `help` subcommand. What it decides to print is returned here; the
 * commands themselves run in crictl.ts.
 */
import type { CommandContext } from '../../shell/command';
import { parseCommandLine, type CliCommand, type CliFlag, type ParsedFlags } from './crictl-cli';
import { CRICTL_COMMANDS, CRICTL_GLOBAL_FLAGS } from './crictl-commands';
import { appHelp, commandHelp, HELP_COMMAND, HELP_FLAG, sortFlags, VERSION_FLAG, type CliApp } from './crictl-help';
import { logrusLine } from './crictl-log';

/** cri-tools' version.Version in a release build. */
export const CRICTL_VERSION = 'v1.33.0';

/** The app after main.go's sorting and App.Setup: help appended to the commands, help and version to the flags. */
export const APP: CliApp = {
  name: 'crictl',
  usage: 'client for CRI',
  version: CRICTL_VERSION,
  // main.go sorts with strings.Compare (bytes).
  commands: [...[...CRICTL_COMMANDS].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), HELP_COMMAND],
  flags: [...sortFlags(CRICTL_GLOBAL_FLAGS), HELP_FLAG, VERSION_FLAG],
};

const hasName = (c: CliCommand, name: string) => c.name === name || (c.aliases ?? []).includes(name);

/** A command's flags as its help shows them and its parser takes them: sorted, help last (Command.setup). */
function flagsOf(command: CliCommand): CliFlag[] {
  return [...sortFlags(command.flags), HELP_FLAG];
}

/** Command.setup appends the help command to a command's subcommands. */
function subcommandsOf(command: CliCommand): CliCommand[] {
  return [...(command.subcommands ?? []), HELP_COMMAND];
}

/** CommandHelpTemplate, or SubcommandHelpTemplate with its COMMANDS when the command has subcommands of its own. */
function helpOf(path: string, command: CliCommand, withSubcommands: boolean): string {
  return commandHelp(path, command, flagsOf(command), withSubcommands ? subcommandsOf(command) : undefined);
}

/** cli.ShowSubcommandHelp from a command's action (`crictl config` with nothing to do). */
export function showSubcommandHelp(name: string): string {
  const command = APP.commands.find((c) => c.name === name)!;
  return helpOf(`crictl ${command.name}`, command, true);
}

/**
 * The inspect commands given no ID and matching none by their filters: logrus's error, then the
 * command's help, exit 0 (inspect, inspectp and inspecti each do this in cri-tools).
 */
export function noIdsGiven(ctx: Pick<CommandContext, 'stdout' | 'stderr'>, name: string): number {
  ctx.stderr.write(logrusLine('ERRO', 'No IDs provided or nothing found per filter'));
  ctx.stdout.write(showSubcommandHelp(name));
  return 0;
}

/**
 * Actions that print their help (cli.ShowSubcommandHelp, exit 0) for a wrong number of arguments,
 * before they connect to the runtime (cri-tools v1.33.0 cmd/crictl).
 */
const HELP_WHEN: Record<string, (n: number) => boolean> = {
  ps: (n) => n !== 0, // container.go:687
  info: (n) => n !== 0, // info.go:53
  version: (n) => n !== 0, // version.go:34
  images: (n) => n > 1, // image.go:189
  stats: (n) => n > 1, // container_stats.go:93
  statsp: (n) => n > 1, // pod_stats.go:86
  logs: (n) => n > 1, // logs.go:96
  stopp: (n) => n === 0, // sandbox.go:106
  exec: (n) => n < 1, // exec.go:148
  pull: (n) => n > 1, // image.go:109
  attach: (n) => n !== 1, // attach.go:49
  'port-forward': (n) => n < 2, // portforward.go:76
  runp: (n) => n !== 1, // sandbox.go:76
  metricsp: (n) => n > 0, // pod_metrics.go:52
  metricdescs: (n) => n > 0, // metric_descs.go:46
  create: (n) => n !== 3, // container.go:213
  run: (n) => n !== 2, // container.go:737
};
/** Actions that stop with an error when their first argument is missing or empty, before they connect. */
const NEEDS_ARGUMENT: Record<string, string> = {
  logs: 'ID cannot be empty', // logs.go:91
  stop: 'ID cannot be empty', // container.go:372
  start: 'ID cannot be empty', // container.go:266
  pull: 'image name cannot be empty', // image.go:105
  attach: 'ID cannot be empty', // attach.go:45
};
/** Actions that stop with an error when given no argument at all, before they connect. */
const NEEDS_ARGUMENTS: Record<string, string> = {
  update: 'ID cannot be empty', // container.go:331
  checkpoint: 'ID cannot be empty', // container.go:793
};
/** Checks of an action's flags before it connects. */
const pullConflict = (f: ParsedFlags) => (f.values.get('no-pull') === true && f.values.get('with-pull') === true ? 'conflict: no-pull and with-pull are both set' : undefined);
const FLAG_CHECKS: Record<string, (flags: ParsedFlags) => string | undefined> = {
  create: pullConflict, // container.go:216
  run: pullConflict, // container.go:740
  // container.go:796
  checkpoint: (f) => (f.values.get('export') ? undefined : 'cannot checkpoint a container without specifying the checkpoint destination. Use --export=/path/to/checkpoint.tar'),
};

export type Route =
  /** Print and exit; `before`: the app's Before (the config file) runs first. */
  | { kind: 'print'; before: boolean; stdout?: string; stderr?: string; code: number }
  /** Run `command`, typed as `typed`. */
  | { kind: 'run'; command: CliCommand; typed: string; flags: ParsedFlags; global: ParsedFlags };

const print = (before: boolean, code: number, stdout?: string, stderr?: string): Route => ({ kind: 'print', before, stdout, stderr, code });

/**
 * ShowCommandHelp's cli.Exit("No help topic for '…'", 3). From the help command's action it goes
 * through HandleExitCoder (the message, exit 3); from a --help flag, Command.Run returns it as
 * it is (checkHelp) and main.go's logrus.Fatal logs it (exit 1).
 */
function noTopic(before: boolean, name: string, fromFlag: boolean): Route {
  const message = `No help topic for '${name}'`;
  return fromFlag ? print(before, 1, undefined, logrusLine('FATA', message)) : print(before, 3, undefined, `${message}\n`);
}

/**
 * A command's HelpName. App.Setup names the app's commands before it appends the help command,
 * which keeps an empty name until its own setup names its subcommand (itself) " help".
 */
function pathOf(command: CliCommand, setUp: boolean): string {
  if (command === HELP_COMMAND) return setUp ? ' help' : '';
  return `crictl ${command.name}`;
}

/** ShowCommandHelp on the app: a command's help, by name or alias (`setUp`: the help command ran). */
function appCommandHelp(before: boolean, name: string, fromFlag: boolean, setUp = false): Route {
  const command = APP.commands.find((c) => hasName(c, name));
  if (!command) return noTopic(before, name, fromFlag);
  // Not yet set up: only a command with subcommands of its own gets the subcommand template.
  return print(before, 0, helpOf(pathOf(command, setUp), command, !!command.subcommands?.length && command !== HELP_COMMAND));
}

/** helpCommand.Action in a command's context (`crictl ps --help [topic]`, `crictl ps help [topic]`). */
function commandHelpAction(command: CliCommand, topic: string | undefined, fromFlag: boolean): Route {
  const path = `crictl ${command.name}`;
  if (topic !== undefined) {
    const sub = subcommandsOf(command).find((c) => hasName(c, topic));
    return sub ? print(true, 0, helpOf(`${path} ${sub.name}`, sub, false)) : noTopic(true, topic, fromFlag);
  }
  // Case 3: the help command its only subcommand, the command's own template; else ShowSubcommandHelp.
  return print(true, 0, helpOf(path, command, subcommandsOf(command).length > 1));
}

function incorrectUsage(before: boolean, error: string, help: string): Route {
  // Command.Run: "Incorrect Usage" and the help on the app's Writer; main.go logrus.Fatal(err).
  return print(before, 1, `Incorrect Usage: ${error}\n\n${help}`, logrusLine('FATA', error));
}

export function routeCrictl(argv: readonly string[]): Route {
  const global = parseCommandLine(APP.flags, argv);
  if ('error' in global) return incorrectUsage(false, global.error, appHelp(APP));
  const [name, ...rest] = global.args;
  if (global.set.has('help')) return name === undefined ? print(false, 0, appHelp(APP)) : appCommandHelp(false, name, true);
  if (global.set.has('version')) return print(false, 0, `crictl version ${CRICTL_VERSION}\n`);
  // The app's default action is the help command's: the app's help, after Before.
  if (name === undefined) return print(true, 0, appHelp(APP));
  const command = APP.commands.find((c) => hasName(c, name));
  if (!command) return noTopic(true, name, false);
  const flags = parseCommandLine(flagsOf(command), rest, command.shortOptions);
  // After setup every command has subcommands (help at least): ShowCommandHelp picks the subcommand template.
  if ('error' in flags) return incorrectUsage(true, flags.error, helpOf(pathOf(command, true), command, true));
  const [first, ...more] = flags.args;
  // `crictl help help` runs the help command as its own subcommand, by then named " help".
  if (command === HELP_COMMAND) return first === undefined ? print(true, 0, appHelp(APP)) : appCommandHelp(true, first, flags.set.has('help'), hasName(HELP_COMMAND, first));
  if (flags.set.has('help')) return commandHelpAction(command, first, true);
  if (first !== undefined && hasName(HELP_COMMAND, first)) {
    // The help subcommand parses its own flags; its topic is looked up among the command's subcommands.
    const own = parseCommandLine(flagsOf(HELP_COMMAND), more);
    if ('error' in own) return incorrectUsage(true, own.error, helpOf(`crictl ${command.name} help`, HELP_COMMAND, true));
    return commandHelpAction(command, own.args[0], own.set.has('help'));
  }
  if (NEEDS_ARGUMENT[command.name] && !first) return print(true, 1, undefined, logrusLine('FATA', NEEDS_ARGUMENT[command.name]));
  if (NEEDS_ARGUMENTS[command.name] && flags.args.length === 0) return print(true, 1, undefined, logrusLine('FATA', NEEDS_ARGUMENTS[command.name]));
  const flagError = FLAG_CHECKS[command.name]?.(flags);
  if (flagError) return print(true, 1, undefined, logrusLine('FATA', flagError));
  if (HELP_WHEN[command.name]?.(flags.args.length)) return print(true, 0, helpOf(`crictl ${command.name}`, command, true));
  return { kind: 'run', command, typed: name, flags, global };
}
