/**
 * Writes a machine's dpkg database as a real admin directory (what /var/lib/dpkg holds): `status`
 * with one stanza per package, `info/PKG.list` with its paths, an empty `available` and an
 * `updates/` directory. The real dpkg-query given `--admindir` (or DPKG_ADMINDIR) then answers
 * from exactly the packages the simulated one reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from '../../src/sim/machine/machine';
import { dpkgPackages } from '../../src/tools/dpkg/database';
import { stanza } from '../../src/tools/dpkg/stanza';

export function writeAdminDir(machine: Machine, dir: string): void {
  const packages = dpkgPackages(machine);
  mkdirSync(join(dir, 'info'), { recursive: true });
  mkdirSync(join(dir, 'updates'), { recursive: true });
  writeFileSync(join(dir, 'status'), packages.map(stanza).join('\n'));
  writeFileSync(join(dir, 'available'), '');
  for (const pkg of packages) {
    writeFileSync(join(dir, 'info', `${pkg.name}.list`), pkg.files.map((f) => `${f}\n`).join(''));
    writeFileSync(join(dir, 'info', `${pkg.name}.md5sums`), pkg.md5sums);
  }
}

/**
 * The machine's own copies of its packages' paths under `root` (directories and files as the
 * machine holds them now, missing ones left out), for `dpkg --root=ROOT --verify`.
 */
export function writePackageFiles(machine: Machine, root: string): void {
  const fs = machine.rootFs;
  for (const pkg of dpkgPackages(machine)) {
    for (const path of pkg.files) {
      const st = fs.stat(path);
      if (!st || path === '/.') continue;
      if (st.type === 'dir') mkdirSync(join(root, path), { recursive: true });
      else if (st.type === 'file') {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), fs.readFile(path));
      }
    }
  }
}
