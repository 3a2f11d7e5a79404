/**
 * dpkg -V (src/verify.c, rpm output): each path of a package checked on the machine; a missing
 * one is `missing`, one whose md5sum dpkg knows (md5sums, or a conffile's) must be a regular
 * file with that digest (`M`, `5`). Conffiles are marked `c`. Packages go in dpkg's hash order.
 */
import type { DpkgPackage } from './database';
import { Fatal, type Io } from './output';
import { fnvHash } from './path-index';
import { md5 } from '../../shell/commands/lib/hash';

export interface VerifyFs {
  /** lstat: undefined when the path does not exist. */
  kind(path: string): 'file' | 'dir' | 'other' | undefined;
  /** The file's content, or undefined when it cannot be read. */
  read(path: string): string | undefined;
}

function knownDigests(pkg: DpkgPackage): Map<string, { sum: string; conffile: boolean }> {
  const digests = new Map<string, { sum: string; conffile: boolean }>();
  for (const line of pkg.md5sums.split('\n').filter(Boolean)) {
    const [sum, path] = [line.slice(0, 32), line.slice(34)];
    digests.set('/' + path, { sum, conffile: false });
  }
  for (const [path, sum] of pkg.conffiles) digests.set(path, { sum, conffile: true });
  return digests;
}

function verifyPackage(io: Io, pkg: DpkgPackage, fs: VerifyFs): void {
  const digests = knownDigests(pkg);
  for (const path of pkg.files) {
    const name = path === '/.' ? '/.' : path;
    const known = digests.get(name);
    const attr = known?.conffile ? 'c' : ' ';
    const kind = fs.kind(name === '/.' ? '/' : name);
    if (!kind) {
      io.out(`missing   ${attr} ${name}\n`);
      continue;
    }
    if (!known) continue;
    // dpkg reads whatever it expected to be a file: a directory there stops it.
    if (kind === 'dir') throw new Fatal(`cannot compute MD5 digest for file '${name}': failed to read (Is a directory)`);
    const mode = kind === 'file' ? '?' : 'M';
    const content = kind === 'file' ? fs.read(name) : undefined;
    const sum = content === undefined ? '?' : md5(new TextEncoder().encode(content)) === known.sum ? '.' : '5';
    if (mode === 'M' || sum !== '.') io.out(`?${mode}${sum}?????? ${attr} ${name}\n`);
  }
}

export function verifyPackages(io: Io, packages: DpkgPackage[], args: string[], fs: VerifyFs, lookup: (arg: string) => { pkg?: DpkgPackage; name: string }): number {
  if (!args.length) {
    const inHashOrder = packages.map((p, i) => ({ p, i, bin: fnvHash(p.name) % 65521 })).sort((a, b) => a.bin - b.bin || a.i - b.i);
    for (const { p } of inHashOrder) verifyPackage(io, p, fs);
    return 0;
  }
  let rc = 0;
  for (const arg of args) {
    const { pkg, name } = lookup(arg);
    if (!pkg) {
      io.notice(`package '${name}' is not installed`);
      rc = 1;
      continue;
    }
    verifyPackage(io, pkg, fs);
  }
  return rc;
}
