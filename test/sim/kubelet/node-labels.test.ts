/**
 * --node-labels: what the kubelet of v1.33 makes of them (its flag validation, the labels it
 * registers its Node with), and what it meets when NodeRestriction refuses its registration.
 */
import { describe, expect, it } from 'vitest';
import type { FsView } from '../../../src/sim/machine';
import { kubeletFlagsError, kubeletNodeLabels } from '../../../src/sim/kubelet/flags';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';

/** A machine's files as the kubelet's flags read them. */
function files(extraArgs: string, kubeadmArgs = '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock'): FsView {
  const content: Record<string, string> = {
    '/var/lib/kubelet/kubeadm-flags.env': `KUBELET_KUBEADM_ARGS="${kubeadmArgs}"\n`,
    '/etc/default/kubelet': `KUBELET_EXTRA_ARGS=${extraArgs}\n`,
  };
  return {
    readFile(path: string) {
      if (content[path] === undefined) throw new Error(`ENOENT ${path}`);
      return content[path];
    },
  } as unknown as FsView;
}

const ALLOWED_SET =
  "--node-labels in the 'kubernetes.io' namespace must begin with an allowed prefix (kubelet.kubernetes.io, node.kubernetes.io) or be in the specifically allowed set (beta.kubernetes.io/arch, beta.kubernetes.io/instance-type, beta.kubernetes.io/os, failure-domain.beta.kubernetes.io/region, failure-domain.beta.kubernetes.io/zone, kubernetes.io/arch, kubernetes.io/hostname, kubernetes.io/os, node.kubernetes.io/instance-type, topology.kubernetes.io/region, topology.kubernetes.io/zone)";

describe('--node-labels', () => {
  it('parses key=value pairs, trimmed, every occurrence adding to the map', () => {
    expect(kubeletNodeLabels(files('"--node-labels=disktype=ssd,,zone=a, --node-labels node.kubernetes.io/pool=blue --node-labels=disktype=hdd"'))).toEqual({
      labels: { disktype: 'hdd', zone: 'a', 'node.kubernetes.io/pool': 'blue' },
    });
    expect(kubeletNodeLabels(files('--node-labels=gpu='))).toEqual({ labels: { gpu: '' } });
    expect(kubeletNodeLabels(files(''))).toEqual({ labels: {} });
  });

  it('fails the flag parse on a pair without =', () => {
    expect(kubeletNodeLabels(files('--node-labels=a=b,worker'))).toEqual({
      error: 'failed to parse kubelet flag: invalid argument "a=b,worker" for "--node-labels" flag: malformed pair, expect string=string',
    });
  });

  it('refuses kubernetes.io and k8s.io labels a kubelet may not set, as ValidateKubeletFlags does', () => {
    expect(kubeletFlagsError(files('--node-labels=node-role.kubernetes.io/worker=,disktype=ssd,example.k8s.io/b=1'))).toBe(
      `failed to validate kubelet flags: unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [example.k8s.io/b node-role.kubernetes.io/worker]\n${ALLOWED_SET}`,
    );
    expect(kubeletFlagsError(files('--node-labels=node.kubernetes.io/role=worker,kubernetes.io/hostname=x,topology.kubernetes.io/zone=a,team.example.com/x=y'))).toBeUndefined();
    expect(kubeletFlagsError(files(''))).toBeUndefined();
  });
});

describe('the kubelet of the cluster scenario', () => {
  const NODES = gvr('nodes');

  it('exits at start with the restricted label, saying why in its journal', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(
      world,
      'cka02',
      'echo KUBELET_EXTRA_ARGS=--node-labels=node-role.kubernetes.io/worker= > /etc/default/kubelet\nsystemctl restart kubelet\nsleep 3\nsystemctl is-active kubelet\njournalctl -u kubelet --no-pager | tail -6 | cut -d" " -f5- | sed -E "s/^kubelet\\[[0-9]+\\]/kubelet[PID]/; s/E[0-9]{4} [0-9:.]{15} +[0-9]+ /E<MMDD hh:mm:ss.micros> <PID> /"',
    );
    expect(r.stdout).toBe(
      [
        'activating',
        'kubelet[PID]: E<MMDD hh:mm:ss.micros> <PID> run.go:72] "command failed" err=<',
        "kubelet[PID]: \tfailed to validate kubelet flags: unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [node-role.kubernetes.io/worker]",
        `kubelet[PID]: \t${ALLOWED_SET}`,
        'kubelet[PID]:  >',
        'systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE',
        "systemd[1]: kubelet.service: Failed with result 'exit-code'.",
        '',
      ].join('\n'),
    );
  });

  it('registers its Node with the labels it may set', async () => {
    const world = bootWorld('cluster');
    const admin = new ApiClient(clusterOf(world)!.apiServer);
    expect(admin.delete(NODES, undefined, 'cka02').code).toBe(200);
    await runScript(world, 'cka02', 'echo "KUBELET_EXTRA_ARGS=--node-labels=disktype=ssd,node.kubernetes.io/pool=blue" > /etc/default/kubelet\nsystemctl restart kubelet\nsleep 2');
    const node = admin.get(NODES, undefined, 'cka02');
    expect(node.code).toBe(200);
    expect((node.body as KubeObject).metadata!.labels).toMatchObject({ disktype: 'ssd', 'node.kubernetes.io/pool': 'blue', 'kubernetes.io/hostname': 'cka02' });
  });

  it('is refused a Node its credentials do not name, and keeps trying', async () => {
    const world = bootWorld('cluster');
    const admin = new ApiClient(clusterOf(world)!.apiServer);
    const r = await runScript(
      world,
      'cka02',
      'echo KUBELET_EXTRA_ARGS=--hostname-override=worker2 > /etc/default/kubelet\nsystemctl restart kubelet\nsleep 11\nsystemctl is-active kubelet\njournalctl -u kubelet --no-pager | grep -c "Unable to register"\njournalctl -u kubelet --no-pager | tail -1 | cut -d" " -f5-',
    );
    const [active, count, line] = r.stdout.trimEnd().split('\n');
    expect(active).toBe('active');
    expect(count).toBe('2');
    expect(line).toMatch(
      /^kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ kubelet_node_status\.go:\d+\] "Unable to register node with API server" err="nodes \\"worker2\\" is forbidden: node \\"cka02\\" is not allowed to modify node \\"worker2\\"" node="worker2"$/,
    );
    expect(admin.get(NODES, undefined, 'worker2').code).toBe(404);
  });

  it('runs a static pod that names a service account without its mirror pod', async () => {
    const world = bootWorld('cluster');
    const admin = new ApiClient(clusterOf(world)!.apiServer);
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  serviceAccountName: default\n  containers:\n  - name: web\n    image: nginx\n';
    const r = await runScript(world, 'cka02', `cat > /etc/kubernetes/manifests/web.yaml <<'EOF'\n${manifest}EOF\nsleep 25\ncrictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name web -q | wc -l\njournalctl -u kubelet --no-pager | grep -c 'Failed creating a mirror pod'\njournalctl -u kubelet --no-pager | grep 'mirror pod' | tail -1 | cut -d" " -f6-`);
    const [running, count, line] = r.stdout.trimEnd().split('\n');
    expect(running).toBe('1');
    expect(count).toBe('1');
    expect(line).toMatch(
      /^E\d{4} [\d:.]+ +\d+ kubelet\.go:3311\] "Failed creating a mirror pod" err="pods \\"web-cka02\\" is forbidden: node \\"cka02\\" can not create pods that reference a service account" pod="default\/web-cka02"$/,
    );
    expect(admin.get(gvr('pods'), 'default', 'web-cka02').code).toBe(404);
  });
});
