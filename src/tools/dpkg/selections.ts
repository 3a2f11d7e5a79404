/**
 * dpkg --set-selections (src/select.c setselections): `package selection` lines from stdin,
 * `#` comments and blank lines skipped, dpkg's errors with their line numbers. The database
 * here keeps install and hold (what apt-mark and the guides set); deinstall and purge
 * selections are not modelled and say so.
 */
import { Fatal, type Io } from './output';
import { singlePackage } from './pkg-spec';
import type { DpkgPackage } from './database';

const WANTS = new Set(['unknown', 'install', 'hold', 'deinstall', 'purge']);
const isSpace = (c: string | undefined) => c !== undefined && /[ \t\n\v\f\r]/.test(c);

export function setSelections(io: Io, packages: DpkgPackage[], input: string, apply: (name: string, hold: boolean) => void): number {
  let i = 0;
  const getchar = (): string | undefined => input[i++];
  let lno = 1;
  let unknown = false;
  for (;;) {
    let c: string | undefined;
    do {
      c = getchar();
      if (c === '\n') lno++;
    } while (c !== undefined && isSpace(c));
    if (c === undefined) break;
    if (c === '#') {
      do {
        c = getchar();
        if (c === '\n') lno++;
      } while (c !== undefined && c !== '\n');
      continue;
    }
    let name = '';
    while (!isSpace(c)) {
      name += c;
      c = getchar();
      if (c === undefined) throw new Fatal(`unexpected end of file in package name at line ${lno}`);
      if (c === '\n') throw new Fatal(`unexpected end of line in package name at line ${lno}`);
    }
    while (c !== undefined && isSpace(c)) {
      c = getchar();
      if (c === undefined) throw new Fatal(`unexpected end of file after package name at line ${lno}`);
      if (c === '\n') throw new Fatal(`unexpected end of line after package name at line ${lno}`);
    }
    let selection = '';
    while (c !== undefined && !isSpace(c)) {
      selection += c;
      c = getchar();
    }
    while (c !== undefined && c !== '\n') {
      c = getchar();
      if (!isSpace(c)) throw new Fatal(`unexpected data after package and selection at line ${lno}`);
    }
    const spec = singlePackage(name, packages);
    if ('error' in spec) throw new Fatal(`illegal package name at line ${lno}: ${spec.error.slice(0, 250)}`);
    if (!spec.pkg) {
      unknown = true;
      io.err(`dpkg: warning: package not in status nor available database at line ${lno}: ${name.slice(0, 250)}\n`);
      lno++;
      continue;
    }
    if (!WANTS.has(selection)) throw new Fatal(`unknown wanted status at line ${lno}: ${selection.slice(0, 250)}`);
    if (selection !== 'install' && selection !== 'hold') throw new Fatal(`the ${selection} selection is not modelled on this machine (apt-get remove or purge the package)`);
    apply(spec.pkg.name, selection === 'hold');
    if (c === undefined) break;
    lno++;
  }
  if (unknown) {
    io.err(
      'dpkg: warning: found unknown packages; this might mean the available database\nis outdated, and needs to be updated through a frontend method;\nplease see the FAQ <https://wiki.debian.org/Teams/Dpkg/FAQ>\n',
    );
  }
  return 0;
}
