/**
 * `kubectl exec -it bb -- sh`, then `ls`: the busybox container's shell runs ls on the client's
 * terminal, so it colours and lays out columns in the width the client sent (busybox-ls.test.ts
 * compares the layout itself with busybox 1.36.1). Expected lines: what busybox 1.36.1 printed
 * under a pty (scripts/busybox/record-ls.py, test/golden/busybox-ls/cases.json) for a directory
 * holding what the simulated image's root has (its directories and the lib64 link).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { clusterOf } from '../../../src/sim/cluster/attach';
import type { World } from '../../../src/sim/world';
import type { ContainerIo } from '../../../src/sim/kubelet/container-shell';
import { StringInput } from '../../../src/shell/exec/streams';

let world: World;
let pod: KubeObject;

const golden = JSON.parse(readFileSync(new URL('../../golden/busybox-ls/cases.json', import.meta.url), 'utf8')) as { cases: { dir: string; env: string; args: string; pipe: boolean; stdout: string }[] };
const recorded = (env: string, args = '', pipe = false) => golden.cases.find((c) => c.dir === 'image' && c.env === env && c.args === args && c.pipe === pipe)!.stdout;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await runScript(world, 'cka01', 'kubectl run bb --image=busybox:1.36 -- sleep 3600; sleep 30; kubectl get pods --no-headers');
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  pod = new ApiClient(clusterOf(world)!.apiServer).get({ group: '', version: 'v1', resource: 'pods' }, 'default', 'bb').body as KubeObject;
}, 60_000);

/** The exec stream of `sh` in the bb container, fed `lines`, as kubectl -it (or -i) would open it. */
async function shell(lines: string, io: { tty: boolean; columns?: number }): Promise<string> {
  const server = clusterOf(world)!.apiServer;
  const provider = server.execProviders.get(String((pod.spec as { nodeName: string }).nodeName))!;
  const outcome = provider(pod, 'bb', ['sh'], { tty: io.tty }) as unknown as { run(io: ContainerIo): Promise<number> };
  let out = '';
  await outcome.run({ stdin: new StringInput(lines), stdout: { write: (s: string) => void (out += s) }, stderr: { write: (s: string) => void (out += s) }, tty: io.tty, columns: io.columns });
  return out;
}

describe('ls in the busybox container on a terminal', () => {
  it('colours the root directories and lays them out in the 40 columns of the client', async () => {
    const out = await shell('ls /\nexit\n', { tty: true, columns: 40 });
    expect(out).toContain(`/ # ${recorded('COLUMNS=40')}/ # `);
  });

  it('takes 80 columns when the client sent no width', async () => {
    const out = await shell('ls /\nexit\n', { tty: true });
    expect(out).toContain(`/ # ${recorded('COLUMNS=80')}/ # `);
  });

  it('prints one plain name a line into a pipe, and without a terminal', async () => {
    expect(await shell('ls / | cat\nexit\n', { tty: true, columns: 40 })).toContain(recorded('COLUMNS=80', '', true));
    expect(await shell('ls /\n', { tty: false })).toBe(recorded('COLUMNS=80', '', true));
  });
});
