/**
 * Goldens of short scripts run by the real /bin/bash and the real tools of this machine (in a fresh
 * temporary directory), for the tools our shell reimplements: WRITE_GOLDEN=1 records them, else the
 * file is read. The same scripts run in our shell from /root.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

export function realGoldens(file: string, cases: Record<string, string>): Record<string, Outcome> {
  if (process.env.WRITE_GOLDEN) {
    const out: Record<string, Outcome> = {};
    for (const [name, script] of Object.entries(cases)) {
      const dir = mkdtempSync(join(tmpdir(), 'real-tool-'));
      const r = spawnSync('/bin/bash', ['-s'], { cwd: dir, input: script, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: dir, LC_ALL: 'C.UTF-8' } });
      out[name] = { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
      rmSync(dir, { recursive: true });
    }
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Outcome>;
}
