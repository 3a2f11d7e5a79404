/**
 * /bin/busybox itself (busybox_main, libbb/appletlib.c at 1_36_1): alone or with --help its banner,
 * usage and the applets it defines laid out across the terminal; --list the names one a line;
 * `busybox APPLET ARGS` (or a path ending in an applet's name) runs that applet; `--help APPLET`
 * its usage with status 0; an unknown name is "applet not found", 127. --install and --list-full
 * (which need each applet's install directory) are not simulated.
 */
import type { Program } from '../../../shell/command';
import { BUSYBOX_BANNER } from '../busybox-text';
import { notSimulated } from './not-simulated';
import { appletUsage, showUsage } from './usage';

const HEAD = `BusyBox is copyrighted by many authors between 1998-2015.
Licensed under GPLv2. See source distribution for detailed
copyright notices.

Usage: busybox [function [arguments]...]
   or: busybox --list[-full]
   or: busybox --show SCRIPT
   or: busybox --install [-s] [DIR]
   or: function [arguments]...

\tBusyBox is a multi-call binary that combines many common Unix
\tutilities into a single executable.  Most people will create a
\tlink to busybox for each function they wish to use and BusyBox
\twill act like whatever it was invoked as.

Currently defined functions:
`;

/** The applet names wrapped as busybox_main does: a tab, ", " between names, a new line before one that would reach the width less one. */
function functionList(names: readonly string[], width: number): string {
  let out = '';
  let col = 0;
  for (const name of names) {
    const len = name.length + 2;
    if (col >= width - 1 - len) {
      out += ',\n';
      col = 0;
    }
    out += col === 0 ? '\t' : ', ';
    if (col === 0) col = 6;
    out += name;
    col += len;
  }
  return `${out}\n`;
}

/** @param applets the build's applet names, in its order; @param table the container's programs, read when the applet runs */
export function busyboxMultiCall(applets: readonly string[], table: Readonly<Record<string, Program>>): Program {
  const known = new Set(applets);
  return async (p) => {
    const [, first, second] = p.argv;
    if (first === undefined || (first === '--help' && second === undefined)) {
      // get_terminal_width(2): the terminal's, 80 without one; all of it on stdout (dup2(1, 2)).
      p.stdout.write(`${BUSYBOX_BANNER.replace(/\n\n$/, '\n')}${HEAD}${functionList(applets, p.tty?.columns ?? 80)}`);
      return 0;
    }
    if (first === '--list') {
      p.stdout.write(applets.map((a) => `${a}\n`).join(''));
      return 0;
    }
    if (first.startsWith('--list') || first === '--install') return notSimulated(p);
    const name = first === '--help' ? second : first.replace(/^.*\//, '');
    if (!known.has(name)) {
      p.stderr.write(`${name}: applet not found\n`);
      return 127;
    }
    if (first === '--help') {
      if (!appletUsage(name)) return notSimulated({ ...p, argv: [name] });
      showUsage(name, p.stderr);
      return 0;
    }
    return table[name]({ ...p, argv: [name, ...p.argv.slice(2)] });
  };
}
