/**
 * dpkg's writing actions as far as this machine can take them (src/archives.c, src/packages.c):
 * they need root; an archive must exist and, since no .deb reaches these machines, any file given
 * is not one (dpkg-deb refuses it); removing a package that is not installed is only a warning;
 * configuring finds every package already configured. Removing an installed package through
 * dpkg itself is not modelled (apt-get removes packages).
 */
import type { DpkgPackage } from './database';
import { Fatal, type Io } from './output';

/** Each item's error (after what its helper said), then `Errors were encountered while processing:`, exit 1. */
function processingErrors(io: Io, items: Array<[string, string, string?]>, what: 'archive' | 'package', action: string): number {
  for (const [item, reason, before] of items) io.err(`${before ?? ''}dpkg: error processing ${what} ${item} (--${action}):\n ${reason}\n`);
  io.err(`Errors were encountered while processing:\n${items.map(([item]) => ` ${item}\n`).join('')}`);
  return 1;
}

export function installArchives(io: Io, action: string, args: string[], exists: (path: string) => boolean): number {
  for (const file of args) if (!exists(file)) throw new Fatal(`cannot access archive '${file}': No such file or directory`);
  return processingErrors(
    io,
    args.map((file): [string, string, string] => [file, 'dpkg-deb --control subprocess returned error exit status 2', `dpkg-deb: error: '${file}' is not a Debian format archive\n`]),
    'archive',
    action,
  );
}

export function removePackages(io: Io, packages: DpkgPackage[], action: string, args: string[]): number {
  for (const name of args) {
    if (!packages.some((p) => p.name === name)) io.err(`dpkg: warning: ignoring request to remove ${name} which isn't installed\n`);
    else throw new Fatal(`--${action} of an installed package is not modelled on this machine (use apt-get ${action === 'purge' ? 'purge' : 'remove'})`);
  }
  return 0;
}

export function configurePackages(io: Io, packages: DpkgPackage[], args: string[]): number {
  if (!args.length) return 0;
  const errors = args.map((name): [string, string] =>
    packages.some((p) => p.name === name) ? [name, `package ${name} is already installed and configured`] : [name, `no package named '${name}' is installed, cannot configure`],
  );
  return processingErrors(io, errors, 'package', 'configure');
}
