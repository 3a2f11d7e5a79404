/**
 * `crictl completion [bash|zsh|fish]` (cri-tools v1.33.0 cmd/crictl/completion.go): the script
 * built from the app's commands (every name and alias, help last) and its global flags (the first
 * name of each, help and version last). It needs no runtime.
 */
import type { CommandContext } from '../../shell/command';
import type { ParsedFlags } from './crictl-cli';
import type { CliApp } from './crictl-help';
import { fatal } from './crictl-rpc';

/** completion.go bashCompletionTemplate, with the words one a line. */
function bashScript(app: CliApp): string {
  const words = [...app.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]), ...app.flags.map((f) => `--${f.name}`)];
  return `_crictl() {
    local cur opts base
    COMPREPLY=()
    cur="\${COMP_WORDS[COMP_CWORD]}"
    opts="${words.join('\n')}"
    COMPREPLY=( $(compgen -W "\${opts}" -- \${cur}) )
    return 0
}

complete -F _crictl crictl
`;
}

/** completion.go zshCompletionTemplate: each name with its command's usage, then the flags. */
function zshScript(app: CliApp): string {
  const cmds = app.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => `${n}:${c.usage ?? ''}`));
  const opts = app.flags.map((f) => `--${f.name}`);
  return `#compdef crictl

_crictl() {
  local -a cmds
  cmds=('${cmds.join("' '")}')
  _describe 'commands' cmds

  local -a opts
  opts=('${opts.join("' '")}')
  _describe 'global options' opts

  return
}

compdef _crictl crictl
`;
}

export function completion(ctx: CommandContext, app: CliApp, flags: ParsedFlags, subcommandHelp: () => string): number {
  const [shell] = flags.args;
  // Bash when no shell is named, for backwards compatibility; more than one: the command's help.
  if (flags.args.length > 1) {
    ctx.stdout.write(subcommandHelp());
    return 0;
  }
  if (shell === undefined || shell === 'bash') {
    ctx.stdout.write(bashScript(app));
    return 0;
  }
  if (shell === 'zsh') {
    ctx.stdout.write(zshScript(app));
    return 0;
  }
  // urfave/cli's ToFishCompletion (every command's flags and descriptions) is not modelled.
  if (shell === 'fish') return fatal(ctx, 'fish completion is not available in this simulated crictl');
  return fatal(ctx, 'only bash, zsh or fish are supported');
}
