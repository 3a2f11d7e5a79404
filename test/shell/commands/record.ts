/**
 * Records the goldens: runs every case through real bash and GNU tools in WORKDIR and writes
 * test/shell/commands/golden/<group>.json. Usage: npx tsx test/shell/commands/record.ts [group...]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, symlinkSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groups } from './cases/index';
import { WORKDIR, type Case, type GoldenFile } from './cases/types';

const here = dirname(fileURLToPath(import.meta.url));
const nowMs = Math.floor(Date.now() / 60000) * 60000;
const mtimeMs = nowMs - 3600_000;

function setup(c: Case): void {
  rmSync(WORKDIR, { recursive: true, force: true });
  mkdirSync(WORKDIR, { recursive: true });
  for (const [path, spec] of Object.entries(c.files ?? {})) {
    const abs = join(WORKDIR, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof spec === 'string') writeFileSync(abs, spec);
    else if ('dir' in spec) {
      mkdirSync(abs, { recursive: true });
      if (spec.mode !== undefined) chmodSync(abs, spec.mode);
    } else if ('link' in spec) symlinkSync(spec.link, abs);
    else {
      writeFileSync(abs, spec.content);
      if (spec.mode !== undefined) chmodSync(abs, spec.mode);
    }
  }
  const stamp = new Date(mtimeMs).toISOString();
  spawnSync('bash', ['-c', `find . -exec touch -h -d ${stamp} {} + && touch -d ${stamp} ..`], { cwd: WORKDIR });
}

function record(c: Case) {
  setup(c);
  const caseNow = Date.now();
  const r = spawnSync('bash', ['-c', c.cmd], {
    cwd: WORKDIR,
    input: c.stdin ?? '',
    encoding: 'utf8',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', USER: 'root', LC_ALL: 'C.UTF-8', TZ: 'UTC' },
    timeout: 10_000,
  });
  return { cmd: c.cmd, stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1, nowMs: caseNow };
}

const wanted = process.argv.slice(2);
for (const [name, cases] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const golden: GoldenFile = { nowMs, mtimeMs, cases: cases.map(record) };
  writeFileSync(join(here, 'golden', `${name}.json`), JSON.stringify(golden, null, 1) + '\n');
  console.log(`${name}: ${cases.length} cases`);
}
rmSync(WORKDIR, { recursive: true, force: true });
