/**
 * What dpkg hands to dpkg-deb (-b, -c, -e, -I, -f, -x, -X, --ctrl-tarfile, --fsys-tarfile) as
 * far as these machines go (dpkg-deb/extract.c, info.c, build.c): the argument checks, then an
 * archive that is missing cannot be read and any file given is not a .deb (none reaches here).
 */
import { BadUsage } from './options';
import { Fatal } from './output';

export const DEB_ACTIONS = new Set(['build', 'contents', 'control', 'info', 'field', 'extract', 'vextract', 'ctrl-tarfile', 'fsys-tarfile']);

export const DEB_HELP_HINT = `Type dpkg-deb --help for help about manipulating *.deb files;
Type dpkg --help for help about installing and deinstalling packages.`;

function checkArguments(action: string, args: string[]): void {
  const [deb, second] = args;
  switch (action) {
    case 'build':
      if (!deb) throw new BadUsage(`--${action} needs a <directory> argument`);
      if (args.length > 2) throw new BadUsage(`--${action} takes at most two arguments`);
      throw new Fatal(`--${action} is not available on this simulated machine`);
    case 'contents':
      if (!deb || args.length > 1) throw new BadUsage(`--${action} takes exactly one argument`);
      return;
    case 'ctrl-tarfile':
    case 'fsys-tarfile':
      if (!deb) throw new BadUsage(`--${action} needs a .deb filename argument`);
      if (args.length > 1) throw new BadUsage(`--${action} takes only one argument (.deb filename)`);
      return;
    case 'control':
      if (!deb) throw new BadUsage(`--${action} needs a .deb filename argument`);
      if (args.length > 2) throw new BadUsage(`--${action} takes at most two arguments (.deb and directory)`);
      return;
    case 'extract':
    case 'vextract':
      if (!deb) throw new BadUsage(`--${action} needs .deb filename and directory arguments`);
      if (second === undefined) throw new BadUsage(`--${action} needs a target directory.\nPerhaps you should be using dpkg --install ?`);
      if (args.length > 2) throw new BadUsage(`--${action} takes at most two arguments (.deb and directory)`);
      return;
    default:
      // --info and --field take the archive and then the control files or fields wanted.
      if (!deb) throw new BadUsage(`--${action} needs a .deb filename argument`);
  }
}

export function runDebAction(action: string, args: string[], exists: (path: string) => boolean): number {
  checkArguments(action, args);
  const deb = args[0];
  if (!exists(deb)) throw new Fatal(`failed to read archive '${deb}': No such file or directory`);
  throw new Fatal(`'${deb}' is not a Debian format archive`);
}
