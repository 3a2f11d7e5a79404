/** Prints where the simulator's run of a case differs from its golden (a helper for recording). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshWorld, run } from '../helpers';
import { CASES } from './cases';
import { maskIptablesOutput } from './mask';
import { formatCase } from '../openssl-golden/mask';

for (const c of CASES.filter((x) => !process.argv[2] || x.name === process.argv[2])) {
  const world = freshWorld();
  world.machines.get('cka01')!.rootFs.writeFile('/root/kube-proxy.rules', readFileSync(join(import.meta.dirname, 'kube-proxy.rules'), 'utf8'));
  const got = await run(world, `cd /root\n${c.script}`);
  writeFileSync(`/tmp/iptables-${c.name}.sim.txt`, formatCase({ command: c.name, stdout: maskIptablesOutput(got.stdout), stderr: maskIptablesOutput(got.stderr), status: got.status }));
}
