/**
 * Records the real dpkg-query answering random command lines drawn from its options, actions and
 * arguments (dpkg's option parser: bundles, glued values, `--`, conflicts, unknown options),
 * from cka01's database as scripts/dpkg/record.ts writes it, into
 * test/golden/dpkg-argv/cases.json: [{ argv, exit, stdout, stderr }]. --help and --version are
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
  cases.push({ argv, exit: r.status, stdout: r.stdout, stderr: r.stderr.split(join(scratch, 'admin')).join('/var/lib/dpkg') });
}
const out = join(root, 'test', 'golden', 'dpkg-argv');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
rmSync(scratch, { recursive: true, force: true });
console.log(`recorded ${cases.length} command lines`);
