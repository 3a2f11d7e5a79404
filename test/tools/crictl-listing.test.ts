/**
 * crictl ps, pods and images with their output flags (cri-tools v1.33.0 container.go
 * OutputContainers, sandbox.go OutputPodSandboxes, image.go):
 * - `-o json` is protojson of the CRI answer in the proto's field order, defaults emitted,
 *   int64 times as strings; `-o yaml` that JSON through sigs.k8s.io/yaml (keys sorted).
 * - `-v` prints a block per item (labels and annotations sorted, "Runtime: (default)" for pods).
 * - `--image` keeps the containers whose image has the named image's ID; `-r` prints the image's tag.
 * - a format other than table, json or yaml fails after the call.
 * The goldens are the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));
const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';

describe('crictl ps and pods output', () => {
  const world = bootWorld('cluster');
  const run = (script: string) => runScript(world, 'cka01', `${ENV}; ${script}`);

  it('prints the CRI answer as JSON or YAML', async () => {
    expectGolden('ps-json.txt', 'crictl ps -o json --name kube-scheduler', (await run('crictl ps -o json --name kube-scheduler')).stdout);
    expectGolden('pods-yaml.txt', 'crictl pods -o yaml --name etcd', (await run('crictl pods -o yaml --name etcd')).stdout);
    const empty = await run('crictl ps -o json --name nothing-by-this-name');
    expect(empty.stdout).toBe('{\n  "containers": []\n}\n');
  });

  it('prints a block per item with -v', async () => {
    expectGolden('ps-verbose.txt', 'crictl ps -v --name kube-scheduler', (await run('crictl ps -v --name kube-scheduler')).stdout);
    expectGolden('pods-verbose.txt', 'crictl pods -v --name kube-scheduler', (await run('crictl pods -v --name kube-scheduler')).stdout);
  });

  it('filters by image and resolves the image to its tag', async () => {
    const byImage = await run('crictl ps --image registry.k8s.io/etcd:3.5.21-0 -r');
    const rows = byImage.stdout.split('\n').filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^[0-9a-f]{13} {7}registry\.k8s\.io\/etcd:3\.5\.21-0 {3}.+ Running +etcd +0 /);
    // The pause image runs no container of its own: only the header.
    expect((await run('crictl ps --image registry.k8s.io/pause:3.10')).stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses another output format', async () => {
    const ps = await run('crictl ps -o wide; echo rc=$?');
    expect(ps.stdout).toBe('rc=1\n');
    expect(ps.stderr).toBe('FATA[0000] list containers: unsupported output format "wide" \n');
    const pods = await run('crictl pods -o wide; echo rc=$?');
    expect(pods.stderr).toBe('FATA[0000] list pod sandboxes: unsupported output format "wide" \n');
  });
});

describe('crictl images output', () => {
  it('prints sizes with three significant digits, digests and pins on request', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl images --digests --pinned | grep -E 'IMAGE|pause'; crictl images -v | grep -A6 'pause'`);
    expectGolden('images-digests-pinned.txt', "crictl images --digests --pinned | grep -E 'IMAGE|pause'; crictl images -v | grep -A6 pause", r.stdout);
  });
});
