/**
 * The busybox image's programs that are busybox's own rather than one of our GNU-flavoured
 * programs behind busybox's entry: those whose syntax or output is not GNU's (timeout, watch,
 * sync, clear, paste, cmp's report, more into a pipe), those that act on the container (kill, pidof, pgrep, pkill, killall on its
 * processes; mount and dmesg on its kernel), busybox itself, and the applets of the image this simulation does
 * not run, which say so (not-simulated.ts).
 */
import type { OutputStream, Program } from '../../../shell/command';
import type { ExecContext } from '../exec';
import { BUSYBOX_APPLETS, BUSYBOX_IMAGE_BIN } from '../container-shell-image';
import { busyboxKill, busyboxKillall, busyboxPgrep, busyboxPidof, busyboxPkill } from './process-applets';
import { busyboxMount } from './mount';
import { busyboxDmesg } from './dmesg';
import { busyboxTimeout } from './timeout';
import { busyboxWatch } from './watch';
import { busyboxSync } from './sync';
import { notSimulated } from './not-simulated';
import { busyboxPaste } from './paste';
import { getopt } from './getopt';
import { busyboxMultiCall } from './multi-call';

/** Lines of a program's stdout, changed one at a time (a line left open goes out as it is). */
function rewordStdout(program: Program, reword: (line: string) => string): Program {
  return (p) => {
    let open = '';
    const stdout: OutputStream = {
      write: (chunk: string) => {
        const text = open + chunk;
        const end = text.lastIndexOf('\n');
        open = text.slice(end + 1);
        if (end >= 0) p.stdout.write(`${text.slice(0, end).split('\n').map(reword).join('\n')}\n`);
      },
      drain: () => p.stdout.drain?.(),
    };
    return Promise.resolve(program({ ...p, stdout })).finally(() => open && p.stdout.write(open));
  };
}

/** @param shellCommand the exec's shell command line, as busybox ps shows it ('' when none). */
export function busyboxImagePrograms(ctx: ExecContext, shellCommand: () => string, table: Readonly<Record<string, Program>>): Record<string, Program> {
  // Our own programs as they are now: the table's entries get busybox's wrapper (and these in them) afterwards.
  const gnu = { fold: table.fold, more: table.more, cmp: table.cmp, paste: table.paste };
  const own: Record<string, Program> = {
    pidof: busyboxPidof(ctx, shellCommand),
    pgrep: busyboxPgrep(ctx, shellCommand),
    pkill: busyboxPkill(ctx, shellCommand),
    kill: busyboxKill(ctx, shellCommand),
    killall: busyboxKillall(ctx, shellCommand),
    mount: busyboxMount(ctx),
    dmesg: busyboxDmesg(ctx),
    timeout: busyboxTimeout,
    watch: busyboxWatch,
    sync: busyboxSync,
    paste: busyboxPaste(gnu.paste),
    // xatou_range(w_opt, 1, 10000) (coreutils/fold.c): GNU's fold has no such bound.
    fold: (p) => {
      const width = getopt(p.argv.slice(1), 'bs0123456789', 'w', true).seen.get('w')?.at(-1) ?? '';
      if (!/^\d+$/.test(width) || Number(width) <= 10000) return gnu.fold(p);
      p.stderr.write(`fold: number ${width} is not in 1..10000 range\n`);
      return Promise.resolve(1);
    },
    // console-tools/clear.c: ESC[H ESC[J, no terminfo (and no ESC[3J).
    clear: async (p) => {
      (p.tty ?? p.stdout).write('\x1b[H\x1b[J');
      return 0;
    },
    // Output to no terminal: bb_cat of its files (the image's cat, wrapped by then: libbb's words), its options ("deflsu") ignored (util-linux/more.c:92-98).
    more: (p) => (p.tty ? gnu.more(p) : table.cat({ ...p, argv: ['cat', ...p.argv.slice(1).filter((a) => !/^-[deflsu]+$/.test(a))] })),
    // fmt_differ (editors/cmp.c): "char", where GNU's cmp says "byte".
    cmp: rewordStdout(gnu.cmp, (line) => line.replace(/^(.* differ: )byte (\d+, line \d+)$/, '$1char $2')),
  };
  const run = new Set(BUSYBOX_APPLETS);
  for (const name of BUSYBOX_IMAGE_BIN) if (!run.has(name)) own[name] = notSimulated;
  own.busybox = busyboxMultiCall(BUSYBOX_IMAGE_BIN.filter((n) => n !== 'busybox'), table);
  return own;
}
