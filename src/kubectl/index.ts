/**
 * kubectl: a client of the simulated API server. The entry point finds the command, parses its
 * flags, answers --help from the recorded help texts, and runs the verb's handler; every error
 * ends as kubectl's text on stderr with its exit status.
 */
import type { CommandContext, Program } from '../shell/command';
import { handlerFor } from './cmd/registry';
import { kustomizeDirOf, readKustomizeObjects } from './resource/kustomize-source';
import './cmd/all';
import { findCommand, unknownRootCommand } from './dispatch';
import { KubectlError, fail, usageError } from './errors';
import { logReportedStatuses } from './client/connection';
import { pacedFailure } from './client/session';
import { promptForCredentials } from './client/credential-prompt';
import { FlagError, Flags, parseFlags } from './flags/parse';
import { DEPRECATED_FLAGS, flagsFor } from './flags/spec';
import { childrenOf, commandHelp, hasCommand, helpText } from './help/help';
import type { Invocation, KubectlDeps } from './invocation';

export type { KubectlDeps, Invocation } from './invocation';

function homeOf(ctx: CommandContext): string {
  return ctx.env.HOME ?? ctx.user.home;
}

async function run(ctx: CommandContext, deps: KubectlDeps): Promise<number> {
  const out = (s: string) => ctx.stdout.write(s);
  const err = (s: string) => ctx.stderr.write(s);
  const { path, rest } = findCommand(ctx.argv.slice(1));
  let parsed;
  try {
    parsed = parseFlags(rest, flagsFor(path));
  } catch (e) {
    if (e instanceof FlagError) {
      // templates.FlagErrorFunc: `options` has no flags of its own to look up.
      const hint = path === 'options' ? "Run 'kubectl options' without flags." : `See 'kubectl${path ? ' ' + path : ''} --help' for usage.`;
      err(`error: ${e.message}\n${hint}\n`);
      return 1;
    }
    throw e;
  }
  if (parsed.given.get('help') === true) {
    out(commandHelp(path, homeOf(ctx)));
    return 0;
  }
  const flags = new Flags(parsed, flagsFor(path));
  // pflag's word when a deprecated flag is set, before the command runs.
  for (const name of parsed.given.keys()) if (DEPRECATED_FLAGS[name]) err(`Flag --${name} has been deprecated, ${DEPRECATED_FLAGS[name]}\n`);
  const inv: Invocation = { ctx, deps, path, flags, out, err };
  if (path === '') {
    if (flags.args.length > 0) throw fail(unknownRootCommand(flags.args[0]));
    out(helpText('', homeOf(ctx)));
    return 0;
  }
  const handler = handlerFor(path);
  // kubectl reads a -k kustomization before it talks to the server.
  if (handler && kustomizeDirOf(inv)) readKustomizeObjects(inv);
  if (handler) {
    await promptForCredentials(inv);
    return handler(inv);
  }
  if (childrenOf(path).length > 0) {
    // cobra's DefaultSubCommandRun: help on stderr and exit 1, or an unknown-command usage error.
    if (flags.args.length > 0) throw usageError(path, `unknown command "${flags.args.join(' ')}"`);
    err(helpText(path, homeOf(ctx)));
    return 1;
  }
  if (!hasCommand(path)) throw fail(`unknown command "${path}" for "kubectl"`);
  throw fail(`"kubectl ${path}" is not available in this simulated cluster`);
}

export function createKubectl(deps: KubectlDeps): Program {
  return async (ctx) => {
    try {
      return await run(ctx, deps);
    } catch (e) {
      if (e instanceof KubectlError) {
        // A server that never answers: each line comes when its dials have timed out; Ctrl-C ends the wait.
        const paced = pacedFailure(ctx, e);
        if (paced) {
          for (const { waitMs, text } of paced) {
            if (waitMs) await ctx.clock.sleep(waitMs, ctx.signal);
            if (ctx.signal.aborted) return 130;
            ctx.stderr.write(text(ctx.clock.now()) + '\n');
          }
          return e.exitCode;
        }
        logReportedStatuses(ctx, e.text);
        ctx.stderr.write(e.text.endsWith('\n') ? e.text : e.text + '\n');
        return e.exitCode;
      }
      // A closed pipe (`kubectl logs -f | head`) ends kubectl as SIGPIPE does: silently, for the shell to report.
      if (e instanceof Error && e.message === 'Broken pipe') throw e;
      ctx.stderr.write(`error: ${(e as Error).message}\n`);
      return 1;
    }
  };
}
