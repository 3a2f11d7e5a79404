/**
 * crictl stats and statsp (cri-tools 1.33 over containerd 1.7): the tabwriter table after the
 * screen is cleared, running containers only unless -a, the filters, protojson output, and the
 * same usage the metrics model gives kubectl top.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string, host = 'cka01') => runScript(world, host, script);
const CLEAR = '\x1b[2J\x1b[H';

beforeAll(async () => {
  world = bootWorld('cluster');
  await run(`echo 'runtime-endpoint: unix:///run/containerd/containerd.sock' > /etc/crictl.yaml
kubectl run n --image=nginx:1.27 --overrides='{"spec":{"nodeName":"cka02"}}'
kubectl run spin --image=busybox:1.36 --overrides='{"spec":{"nodeName":"cka02"}}' -- sh -c 'while true; do :; done'
kubectl run once --image=busybox:1.36 --restart=Never --overrides='{"spec":{"nodeName":"cka02"}}' -- true
sleep 30`);
  await run(`echo 'runtime-endpoint: unix:///run/containerd/containerd.sock' > /etc/crictl.yaml`, 'cka02');
}, 60_000);

describe('crictl stats', () => {
  it('clears the screen, then the columns of container_stats.go in crictl tabwriter', async () => {
    const r = await run('crictl stats', 'cka02');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith(`${CLEAR}CONTAINER           NAME                CPU %               MEM                 DISK                INODES              SWAP\n`)).toBe(true);
    const rows = r.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((l) => l.split(/\s+/)[1]).sort()).toEqual(['kube-flannel', 'kube-proxy', 'n', 'spin']);
    // A busy loop takes one core of the node: 100 % of a CPU.
    expect(rows.find((l) => / spin /.test(l))).toMatch(/^[0-9a-f]{13} +spin +100\.00 +[\d.]+[kM]B +[\d.]+kB +\d+ +0B$/);
  });

  it('-a adds the exited container with no CPU or memory; filters by label, pod and id', async () => {
    const all = await run('crictl stats -a --label io.kubernetes.pod.name=once', 'cka02');
    expect(all.stdout.split('\n')[1]).toMatch(/^[0-9a-f]{13} +once +0\.00 +0B +[\d.]+kB +\d+ +0B$/);
    const none = await run('crictl stats --label io.kubernetes.pod.name=once', 'cka02');
    expect(none.stdout.trimEnd().split('\n')).toHaveLength(1);
    const id = (await run('crictl ps -q --name spin', 'cka02')).stdout.trim();
    const byId = await run(`crictl stats ${id.slice(0, 8)}`, 'cka02');
    expect(byId.stdout.split('\n').slice(1, -1).map((l) => l.slice(0, 13))).toEqual([id.slice(0, 13)]);
    const pod = (await run('crictl pods -q --name n', 'cka02')).stdout.trim().split('\n')[0];
    expect((await run(`crictl stats -p ${pod}`, 'cka02')).stdout).toBeDefined();
  });

  it('rejects a label without one =', async () => {
    const r = await run('crictl stats --label foo', 'cka02');
    expect(r.stderr).toBe('FATA[0000] incorrectly specified label: foo\n');
    expect(r.status).toBe(1);
  });

  it('-o json: protojson of ListContainerStatsResponse, 64-bit numbers as strings', async () => {
    const r = await run('crictl stats -o json --label io.kubernetes.pod.name=n', 'cka02');
    const doc = JSON.parse(r.stdout);
    expect(doc.stats).toHaveLength(1);
    const s = doc.stats[0];
    expect(Object.keys(s)).toEqual(['attributes', 'cpu', 'memory', 'writableLayer']);
    expect(s.attributes.metadata).toEqual({ name: 'n', attempt: 0 });
    expect(s.memory.workingSetBytes.value).toMatch(/^\d+$/);
    expect(s.writableLayer.fsId.mountpoint).toBe('/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs');
    expect(r.stdout.startsWith('{\n  "stats": [\n')).toBe(true);
  });

  it('agrees with kubectl top on memory', async () => {
    await run('kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml >/dev/null 2>&1; kubectl -n kube-system patch deploy metrics-server --type=json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]\' >/dev/null; sleep 90');
    const top = await run('kubectl top pod n --no-headers');
    const stats = await run('crictl stats -o json --label io.kubernetes.pod.name=n', 'cka02');
    const mi = Number(/(\d+)Mi/.exec(top.stdout)?.[1]);
    const bytes = Number(JSON.parse(stats.stdout).stats[0].memory.workingSetBytes.value);
    expect(mi).toBeGreaterThan(0);
    // kubectl top prints whole MiB, rounded down.
    expect(Math.floor(bytes / 1024 / 1024)).toBe(mi);
  }, 60_000);
});

describe('crictl statsp', () => {
  it('lists the sandboxes by POD, POD ID, CPU % and MEM', async () => {
    const r = await run('crictl statsp', 'cka02');
    // The POD column widens to the longest name plus tabwriter's padding of 3.
    expect(r.stdout).toMatch(/^\x1b\[2J\x1b\[HPOD {17,}POD ID {14}CPU % {15}MEM\n/);
    const names = r.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(names).toContain('n');
    expect(names).toContain('spin');
  });

  it('a truly unknown subcommand keeps urfave/cli words', async () => {
    const r = await run('crictl statz', 'cka02');
    expect(r.stderr).toBe("No help topic for 'statz'\n");
    expect(r.status).toBe(3);
  });
});
