/**
 * Issue 8: "running `kubeadm init` and `join` must produce the same cluster" as the `cluster`
 * scenario. The learner's path (the install chapter's commands typed on the `machines` scenario)
 * and the scenario's builder are compared on everything a learner can look at, normalised only
 * where values are random by nature (see equivalence/snapshot.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterByCommands, clusterScenario, type TypedCluster } from './equivalence/build';
import { describeWorld, normaliseText, type WorldView } from './equivalence/snapshot';

let typed: TypedCluster;
let byCommands: WorldView;
let scenario: WorldView;

beforeAll(async () => {
  typed = await clusterByCommands();
  byCommands = await describeWorld(typed.world);
  scenario = await describeWorld(clusterScenario());
}, 120_000);

describe('kubeadm init and join give the cluster scenario', () => {
  it('every command of the install succeeds', () => {
    for (const [step, r] of Object.entries(typed.runs)) expect({ step, status: r.status, stderr: r.stderr }).toEqual({ step, status: 0, stderr: '' });
    expect(typed.runs.init.stdout).toContain('Your Kubernetes control-plane has initialized successfully!');
    expect(typed.runs['join cka03'].stdout).toContain('This node has joined the cluster:');
  });

  it('the same nodes: names, labels, taints, pod CIDRs, versions, conditions', () => {
    expect(byCommands.nodes.map((n) => n.name)).toEqual(['cka01', 'cka02', 'cka03']);
    expect(byCommands.nodes.every((n) => (n.conditions as Array<{ type: string; status: string }>).some((c) => c.type === 'Ready' && c.status === 'True'))).toBe(true);
    expect(scenario.nodes).toEqual(byCommands.nodes);
  });

  it('the same objects in kube-system, kube-public, kube-flannel and cluster-wide RBAC', () => {
    expect(Object.keys(scenario.objects).sort()).toEqual(Object.keys(byCommands.objects).sort());
    for (const key of Object.keys(byCommands.objects)) expect({ key, object: scenario.objects[key] }).toEqual({ key, object: byCommands.objects[key] });
  });

  it('CoreDNS runs where a real cluster puts it: on the control plane, the only Ready node when it was scheduled', () => {
    const corednsNodes = Object.keys(scenario.objects).filter((k) => k.startsWith('kube-system/Pod/coredns-')).map((k) => k.split('@')[1].replace(/#\d+$/, ''));
    expect(corednsNodes).toEqual(['cka01', 'cka01']);
  });

  it('the same files under /etc/kubernetes, /var/lib/kubelet and the node preparation', () => {
    for (const host of ['cka01', 'cka02', 'cka03']) {
      expect(Object.keys(scenario.files[host])).toEqual(Object.keys(byCommands.files[host]));
      for (const path of Object.keys(byCommands.files[host])) expect({ host, path, content: scenario.files[host][path] }).toEqual({ host, path, content: byCommands.files[host][path] });
    }
  });

  it('the same units, packages, kernel settings, swap and images', () => {
    expect(scenario.units).toEqual(byCommands.units);
    expect(scenario.packages).toEqual(byCommands.packages);
    expect(scenario.host).toEqual(byCommands.host);
  });
});

describe('the normalisation hides only what is random', () => {
  it('certificates, embedded data, tokens and times', () => {
    const text = 'a\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\nclient-key-data: QUJD\ntoken: abcdef.0123456789abcdef\nat 2026-01-02T03:04:05Z\nkube-api-access-x7k2p\n';
    expect(normaliseText(text)).toBe('a\n<CERTIFICATE>\nclient-key-data: <data>\ntoken: <token>\nat <time>\nkube-api-access-<suffix>\n');
  });

  it('a changed setting is seen', async () => {
    const other = clusterScenario();
    other.machines.get('cka02')!.rootFs.writeFile('/var/lib/kubelet/config.yaml', 'changed\n');
    const view = await describeWorld(other);
    expect(view.files.cka02['/var/lib/kubelet/config.yaml']).not.toEqual(scenario.files.cka02['/var/lib/kubelet/config.yaml']);
  });
});
