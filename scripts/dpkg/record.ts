/**
 * Records the real dpkg and dpkg-query of this machine (dpkg 1.21.22: the same formats and messages
 * as jammy's 1.21.1) answering from cka01's package database of the `cluster` scenario: the
 * database is written as a real admin directory (scripts/dpkg/admindir.ts) that DPKG_ADMINDIR
 * points at, and each case of scripts/dpkg/cases.ts runs under bash in an empty directory, its
 * output going to pipes (no terminal, COLUMNS unset); the few texts 1.21.22 changed since 1.21.1
 * are put back (scripts/dpkg/jammy.ts). Each case becomes
 * test/golden/dpkg/NNN-slug.json: { command, exit, stdout, stderr }.
 * Run: npx tsx scripts/dpkg/record.ts [--pager] (--pager also records the terminal cases of
 * scripts/dpkg/record-pager.sh, which needs tmux).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootWorld } from '../../src/runtime/session';
import { adoptClusterNodes } from '../../src/sim/packages/adopt';
import { writeAdminDir, writePackageFiles } from './admindir';
import { CASES } from './cases';
import { asJammy } from './jammy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'test', 'golden', 'dpkg');

const world = bootWorld('cluster');
adoptClusterNodes(world);
const scratch = mkdtempSync(join(tmpdir(), 'dpkg-oracle-'));
// The node's root: its packages' files as the machine holds them, and the database in /var/lib/dpkg.
const nodeRoot = join(scratch, 'root');
const admin = join(nodeRoot, 'var', 'lib', 'dpkg');
const cwd = join(scratch, 'cwd');
mkdirSync(cwd);
writeAdminDir(world.machines.get('cka01')!, admin);
writePackageFiles(world.machines.get('cka01')!, nodeRoot);

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.json')) rmSync(join(outDir, f));
// $R is the node's root in the verify cases (empty on the simulated node), where dpkg runs with --root.
const env: Record<string, string> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: cwd, LC_ALL: 'C', DPKG_ADMINDIR: admin, R: nodeRoot };
const VERIFY_PRELUDE = 'dpkg() { command dpkg --root="$R" "$@"; }; ';
CASES.forEach((command, i) => {
  const script = /(^| )(-V|--verify)\b/.test(command) ? VERIFY_PRELUDE + command : command;
  const r = spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // On the node the database is /var/lib/dpkg.
  const onNode = (text: string) => asJammy(text.split(admin).join('/var/lib/dpkg').split(nodeRoot + '/').join('/'));
  const slug = command.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  const file = join(outDir, `${String(i + 1).padStart(3, '0')}-${slug}.json`);
  writeFileSync(file, JSON.stringify({ command, exit: r.status, stdout: onNode(r.stdout), stderr: onNode(r.stderr) }, null, 2) + '\n');
});
if (process.argv[2]) execFileSync('bash', [join(root, 'scripts', 'dpkg', 'record-pager.sh'), admin], { stdio: 'inherit' });
rmSync(scratch, { recursive: true, force: true });
console.log(`recorded ${CASES.length} cases into ${outDir}`);
