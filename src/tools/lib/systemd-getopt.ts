/**
 * The command line of a systemd tool: glibc's getopt_long over the tool's table (abbreviations,
 * permutation), whose error the tool prints alone, without GNU's "Try --help" line, and exits 1.
 */
import type { CommandContext } from '../../shell/command';
import { parseArgvOrGetoptMessage, type OptionSpec, type ParsedArgs } from '../../shell/commands/lib/args';
import { systemdVersionOf } from '../journalctl/help';
import { machineOf } from './context';

export function systemdGetopt(prog: string, args: string[], specs: OptionSpec[]): ParsedArgs | { error: string } {
  const parsed = parseArgvOrGetoptMessage(prog, args, specs);
  return 'getoptMessage' in parsed ? { error: `${parsed.getoptMessage}\n` } : parsed;
}

/** A table in the tool's order: [long name, argument, short letter]. */
export function systemdSpecs(table: [string, 'none' | 'required' | 'optional', string?][]): OptionSpec[] {
  return table.map(([long, arg, short]) => ({ long, arg, short, key: long }));
}

/**
 * A systemd tool's command line handled as its parse_argv does: getopt's error (exit 1), or
 * --help or --version, whichever comes first, printed (exit 0); otherwise the parsed arguments.
 */
export function systemdCommandLine(ctx: CommandContext, prog: string, specs: OptionSpec[], help: string): ParsedArgs | number {
  const parsed = systemdGetopt(prog, ctx.argv.slice(1), specs);
  if ('error' in parsed) {
    ctx.stderr.write(parsed.error);
    return 1;
  }
  const first = parsed.order.find((o) => o.key === 'help' || o.key === 'version');
  if (!first) return parsed;
  ctx.stdout.write(first.key === 'help' ? help : systemdVersionOf(machineOf(ctx)));
  return 0;
}
