/**
 * kubectl cluster-info dump: the typed lists kubectl prints (Go field order, items without their
 * type as the server sends them, managedFields left out), the container logs between START and
 * END lines, and --output-directory's files.
 */
import { describe, expect, it } from 'vitest';
import { run, worldOf } from '../tools/helpers';

type Obj = Record<string, unknown>;

/** The top-level JSON documents of a dump, and the log sections after them. */
function documents(text: string): Obj[] {
  const docs: Obj[] = [];
  for (const m of text.matchAll(/^\{\n[\s\S]*?\n\}\n/gm)) docs.push(JSON.parse(m[0]) as Obj);
  return docs;
}

describe('kubectl cluster-info dump', () => {
  it('prints the nodes, then kube-system and the current namespace, each list typed, then the logs', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'kubectl cluster-info dump');
    expect(r.status).toBe(0);
    const docs = documents(r.stdout);
    expect(docs.map((d) => d.kind)).toEqual([
      'NodeList',
      ...['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'],
      ...['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'],
    ]);
    expect(r.stdout.startsWith('{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": "')).toBe(true);
    const pods = docs[7].items as Obj[];
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      expect(Object.keys(pod)).toEqual(['metadata', 'spec', 'status']);
      expect('managedFields' in (pod.metadata as Obj)).toBe(false);
    }
    // Metadata in ObjectMeta's field order (the Go type's), not sorted.
    const OBJECT_META = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers'];
    for (const pod of pods) {
      const keys = Object.keys(pod.metadata as Obj);
      expect(keys).toEqual(OBJECT_META.filter((k) => keys.includes(k)));
    }
    // The classic: the service CIDR from the API server's command line.
    expect(r.stdout).toContain('"--service-cluster-ip-range=10.96.0.0/12"');
    const starts = r.stdout.match(/^==== START logs for container \S+ of pod kube-system\/\S+ ====$/gm) ?? [];
    const ends = r.stdout.match(/^==== END logs for container \S+ of pod kube-system\/\S+ ====$/gm) ?? [];
    expect(starts.length).toBe(pods.reduce((n, p) => n + ((p.spec as Obj).containers as unknown[]).length, 0));
    expect(ends.length).toBe(starts.length);
    expect(r.stdout).toContain('==== START logs for container kube-apiserver of pod kube-system/kube-apiserver-cka01 ====\n');
  });

  it('--output-directory writes a file per list and a logs.txt per pod, and says where', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'cd /root && kubectl cluster-info dump --output-directory=out --namespaces default,kube-flannel && find out -type f | sort');
    const files = r.stdout.split('\n').filter((l) => l.startsWith('out/'));
    expect(r.stdout.startsWith('Cluster info dumped to out\n')).toBe(true);
    expect(files).toContain('out/nodes.json');
    expect(files).toContain('out/default/pods.json');
    expect(files).toContain('out/kube-flannel/daemonsets.json');
    expect(files.filter((f) => /^out\/kube-flannel\/kube-flannel-ds-[a-z0-9]{5}\/logs\.txt$/.test(f)).length).toBe(3);
    expect(files.some((f) => f.startsWith('out/kube-system/'))).toBe(false);
    const logs = await run(w, 'cat /root/out/kube-flannel/kube-flannel-ds-*/logs.txt | grep -c "==== START logs for container kube-flannel of pod kube-flannel/"');
    expect(logs.stdout).toBe('3\n');
  });

  it('-o yaml keeps the keys sorted as the YAML printer writes them, and .yaml files', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'kubectl cluster-info dump -o yaml | head -3');
    expect(r.stdout).toBe('apiVersion: v1\nitems:\n- metadata:\n');
  });
});
