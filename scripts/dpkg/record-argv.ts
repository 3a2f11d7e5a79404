/**
 * Records the real dpkg-query answering random command lines drawn from its options, actions and
 * arguments (dpkg's option parser: bundles, glued values, `--`, conflicts, unknown options),
 * from cka01's database as scripts/dpkg/record.ts writes it, into
 * test/golden/dpkg-argv/cases.json: [{ program, argv, exit, stdout, stderr }]; then dpkg itself on
 * lines of its query and enquiry actions and options (never a writing action: this runs as root). --help and --version are
 * left out: 1.21.22 made them actions, 1.21.1 (jammy) prints at once.
 * Run: npx tsx scripts/dpkg/record-argv.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootWorld } from '../../src/runtime/session';
import { adoptClusterNodes } from '../../src/sim/packages/adopt';
import { SeededRandom } from '../../src/sim/random';
import { writeAdminDir } from './admindir';

const TOKENS = [
  '-l', '-W', '-s', '-L', '-S', '-p', '-c', '-f', '${Package}\\n', '-f${Version}', '--showformat=${Package;-9}|', '--showformat', '-lW', '-Ws', '-sl',
  'kubelet', 'kube*', 'nosuch', '/usr/bin/kubelet', 'kubelet:amd64', 'c*', 'md5sums', '-', '--', '--no-pager', '--load-avail', '-x', '--list=x',
  '--show', '--status', '--search', '--listfiles', '--control-list', '--control-path', '--nosuch', '-f=', '-=', '--list', '--print-avail', '-fk',
];

/**
 * dpkg's query and enquiry side only: this runs as root, and a writing action would touch this
 * machine. The dpkg-deb actions (-x, -c, -I…) are left out: dpkg-deb is not modelled.
 */
const DPKG_TOKENS = [
  '-l', '-s', '-L', '-S', '-p', '-W', '-C', '--get-selections', '--print-architecture', '--compare-versions', '1.0', 'lt', '2.0', 'kubelet',
  'kube*', 'nosuch', '/usr/bin/kubelet', '-D', '-D10', '--debug=x', '--debug=0x10', '--force-all', '--force-bogus', '--no-force-downgrade', '--refuse-hold',
  '--no-pager', '-O', '-E', '-B', '-G', '--robot', '--assert-multi-arch', '--yet-to-unpack', '-Z', '--nosuch', '--', '-', '-lL', '--log',
  '--abort-after=5', '--abort-after=x', '--status-fd', '--verify-format=rpm', '--verify-format=x', '--ignore-depends=kubelet',
  '--ignore-depends=Bad*', '--ignore-depends=a,,b', '--force-confold,bogus', '--status-fd=0x3', '--path-exclude=/usr/share/doc/*', '--no-act', '--dry-run', '-a', '-R', '--triggers', '--instdir',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const world = bootWorld('cluster');
adoptClusterNodes(world);
const scratch = mkdtempSync(join(tmpdir(), 'dpkg-argv-'));
writeAdminDir(world.machines.get('cka01')!, join(scratch, 'admin'));
const rng = new SeededRandom(1124);
const cases = [];
for (let i = 0; i < 400; i++) {
  const argv = Array.from({ length: 1 + Math.floor(rng.next() * 4) }, () => TOKENS[Math.floor(rng.next() * TOKENS.length)]);
  const r = spawnSync('dpkg-query', argv, { cwd: scratch, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', DPKG_ADMINDIR: join(scratch, 'admin') }, encoding: 'utf8' });
  cases.push({ program: 'dpkg-query', argv, exit: r.status, stdout: r.stdout, stderr: r.stderr.split(join(scratch, 'admin')).join('/var/lib/dpkg') });
}
for (let i = 0; i < 300; i++) {
  const argv = Array.from({ length: 1 + Math.floor(rng.next() * 4) }, () => DPKG_TOKENS[Math.floor(rng.next() * DPKG_TOKENS.length)]);
  const r = spawnSync('dpkg', argv, { cwd: scratch, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: scratch, LC_ALL: 'C', DPKG_ADMINDIR: join(scratch, 'admin') }, encoding: 'utf8' });
  cases.push({ program: 'dpkg', argv, exit: r.status, stdout: r.stdout, stderr: r.stderr.split(join(scratch, 'admin')).join('/var/lib/dpkg') });
}
const out = join(root, 'test', 'golden', 'dpkg-argv');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
rmSync(scratch, { recursive: true, force: true });
console.log(`recorded ${cases.length} command lines`);
