/**
 * Records the iptables goldens from the real program: each case runs in a network namespace of its
 * own (unshare -n: no rules at all, as the simulator's machines start), as root, with Debian's
 * iptables (nf_tables). Usage (as root, with iptables installed): npx tsx test/tools/iptables-golden/record.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCase } from '../openssl-golden/mask';
import { CASES } from './cases';
import { maskIptablesOutput } from './mask';

for (const c of CASES) {
  const r = spawnSync('unshare', ['-n', 'bash', '-c', c.script], { cwd: import.meta.dirname, encoding: 'utf8' });
  const golden = formatCase({ command: c.name, stdout: maskIptablesOutput(r.stdout), stderr: maskIptablesOutput(r.stderr), status: r.status ?? 1 });
  writeFileSync(join(import.meta.dirname, `${c.name}.txt`), golden);
}
console.log(`${CASES.length} cases recorded with ${execFileSync('iptables', ['-V']).toString().trim()}`);
