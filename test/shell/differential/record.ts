/**
 * Records the differential goldens: every case in cases/ is run by the real /bin/bash (as
 * `bash -s`, reading the script on stdin) in a fresh temporary directory that is also $HOME,
 * and its stdout, stderr and exit status are written to golden/<case>.json. The temporary
 * path is replaced by /root, the home (and working directory) of the simulated root shell.
 *
 *   npx tsx test/shell/differential/record.ts [name-filter]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const goldenDir = join(here, 'golden');
mkdirSync(goldenDir, { recursive: true });
const filter = process.argv[2];

let count = 0;
for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.sh')).sort()) {
  if (filter && !file.includes(filter)) continue;
  const script = readFileSync(join(casesDir, file), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'shdiff-'));
  const r = spawnSync('/bin/bash', ['-s'], {
    argv0: 'bash',
    cwd: dir,
    input: script,
    encoding: 'utf8',
    timeout: 10_000,
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: dir,
      USER: 'root',
      LOGNAME: 'root',
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
      TERM: 'dumb',
    },
  });
  const norm = (s: string) => s.split(dir).join('/root');
  const golden = { case: file, stdout: norm(r.stdout ?? ''), stderr: norm(r.stderr ?? ''), status: r.status ?? -1 };
  writeFileSync(join(goldenDir, file.replace(/\.sh$/, '.json')), JSON.stringify(golden, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  count++;
}
console.log(`recorded ${count} cases`);
