/** dpkg and dpkg-query (1.21.1 as on jammy) as programs of the shell: options, errors and exit codes. */
import type { CommandContext, Program } from '../../shell/command';
import { machineOf } from '../lib/context';
import { dpkgPackages } from './database';
import { BACKEND, DPKG_OPTIONS, runDpkgAction, type DpkgSystem } from './dpkg-main';
import { packagesState } from '../../sim/packages/db';
import { DPKG_HELP_HINT, DPKG_QUERY_HELP_HINT } from './help';
import { DEB_ACTIONS, DEB_HELP_HINT, runDebAction } from './deb-backend';
import { BadUsage, Immediate, parseOptions, type OptionSpec, type ParsedOptions } from './options';
import { Fatal, type Io } from './output';
import { QUERY_OPTIONS, runQuery } from './query';
import { pageOut } from './pager';

/** The program's output; `pending` is the pager's run when the listing went to one. */
function ioFor(ctx: CommandContext, prog: string, noPager = false): Io & { pending?: Promise<void> } {
  const io: Io & { pending?: Promise<void> } = {
    out: (text) => text && ctx.stdout.write(text),
    notice: (text) => ctx.stderr.write(`${prog}: ${text}\n`),
    err: (text) => ctx.stderr.write(text),
    paged: (text) => void (io.pending = pageOut(ctx, text, noPager)),
  };
  return io;
}

/** Run a program body, turning dpkg's usage errors and fatal errors into their text and exit 2. */
function guarded(ctx: CommandContext, prog: string, hint: string, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof Immediate) {
      ctx.stdout.write(e.text);
      return 0;
    }
    if (e instanceof BadUsage) ctx.stderr.write(`${prog}: error: ${e.message}\n\n${hint}\n`);
    else if (e instanceof Fatal) ctx.stderr.write(`${prog}: error: ${e.message}\n`);
    else throw e;
    return 2;
  }
}

async function query(ctx: CommandContext, opts: ParsedOptions): Promise<number> {
  const io = ioFor(ctx, 'dpkg-query', opts.flags.has('no-pager'));
  const status = guarded(ctx, 'dpkg-query', DPKG_QUERY_HELP_HINT, () => runQuery(io, dpkgPackages(machineOf(ctx)), opts));
  await io.pending;
  return status;
}

/** The program's options with its action, or the exit status of a usage error already printed. */
function parseWithAction(ctx: CommandContext, prog: string, hint: string, table: OptionSpec[]): ParsedOptions | number {
  let opts: ParsedOptions | undefined;
  const status = guarded(ctx, prog, hint, () => {
    opts = parseOptions(ctx.argv.slice(1), table);
    if (!opts.action) throw new BadUsage('need an action option');
    return 0;
  });
  return opts?.action && status === 0 ? opts : status;
}

export const dpkgQuery: Program = async (ctx) => {
  const opts = parseWithAction(ctx, 'dpkg-query', DPKG_QUERY_HELP_HINT, QUERY_OPTIONS);
  return typeof opts === 'number' ? opts : query(ctx, opts);
};

export const dpkg: Program = async (ctx) => {
  const opts = parseWithAction(ctx, 'dpkg', DPKG_HELP_HINT, DPKG_OPTIONS);
  if (typeof opts === 'number') return opts;
  const name = opts.action!.long!;
  // dpkg runs `dpkg-deb --ACTION -- ARGS` for the archive actions.
  if (DEB_ACTIONS.has(name)) return guarded(ctx, 'dpkg-deb', DEB_HELP_HINT, () => runDebAction(name, opts.args, (path) => !!ctx.fs.stat(path)));
  // dpkg runs `dpkg-query --ACTION -- ARGS` for the query actions.
  if (BACKEND.has(name)) return query(ctx, { action: QUERY_OPTIONS.find((o) => o.long === name), values: new Map(), flags: new Set(), args: opts.args });
  const machine = machineOf(ctx);
  const sys: DpkgSystem = {
    isRoot: ctx.user.uid === 0,
    exists: (path) => !!ctx.fs.stat(path),
    stdin: name === 'set-selections' ? await ctx.stdin.readAll() : undefined,
    files: {
      kind: (path) => {
        const st = ctx.fs.lstat(path);
        return st ? (st.type === 'file' || st.type === 'dir' ? st.type : 'other') : undefined;
      },
      read: (path) => {
        try {
          return ctx.fs.readFile(path);
        } catch {
          return undefined;
        }
      },
    },
    setHold: (pkg, hold) => {
      const inst = packagesState(machine).installed[pkg];
      if (inst) inst.hold = hold;
    },
  };
  return guarded(ctx, 'dpkg', DPKG_HELP_HINT, () => runDpkgAction(ioFor(ctx, 'dpkg'), dpkgPackages(machine), opts, sys));
};
