/**
 * A description of a kubeadm cluster world that two worlds built by different paths can be compared
 * on: the nodes, the kube-system (and kube-public, kube-flannel) objects, the files kubeadm and the
 * kubelet keep under /etc/kubernetes and /var/lib/kubelet, systemd units and installed packages.
 * Only what is random by nature is normalised: certificates and keys, bootstrap token ids and
 * secrets, UIDs, resource versions, timestamps, and the random suffixes of generated names.
 */
import type { World } from '../../../../src/sim/world';
import type { Machine } from '../../../../src/sim/machine/machine';
import { clusterOf } from '../../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../../src/sim/apiserver';
import { packagesState } from '../../../../src/sim/packages/db';
import { Systemd } from '../../../../src/sim/systemd/manager';
import { runScript } from '../../../../src/runtime/session';

type Json = unknown;

export interface NodeView {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  taints: Json;
  podCIDR: Json;
  podCIDRs: Json;
  addresses: Json;
  nodeInfo: Json;
  conditions: Json;
}

export interface WorldView {
  nodes: NodeView[];
  /** namespace/kind/name → the object without its volatile metadata and status. */
  objects: Record<string, Json>;
  /** host → path → normalised content (directories end with '/'). */
  files: Record<string, Record<string, string>>;
  /** host → unit → "active-state enablement". */
  units: Record<string, Record<string, string>>;
  /** host → package → "version hold/auto". */
  packages: Record<string, Record<string, string>>;
  /** host → what the learner's commands show of the kernel, swap and the runtime's images. */
  host: Record<string, string>;
}

/** Kernel modules, sysctls, swap and images as the learner sees them on a node. */
const HOST_VIEW = [
  "lsmod | awk 'NR>1 {print $1}' | sort",
  'sysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables',
  'swapon --show; free -m | grep -i swap',
  'apt-mark showhold',
  "crictl images | awk '{print $1, $2}'",
  "crictl ps -a | awk 'NR>1 {print $(NF-4), $(NF-5)}' | sort",
  'ls /etc/cni/net.d /opt/cni/bin 2>&1',
].join('\n');

const NAMESPACES = ['kube-system', 'kube-public', 'kube-flannel', 'default', 'kube-node-lease'];
const NAMESPACED = ['pods', 'configmaps', 'secrets', 'serviceaccounts', 'services', 'endpoints', 'deployments', 'replicasets', 'daemonsets', 'roles', 'rolebindings'];
const CLUSTER_SCOPED = ['namespaces', 'clusterroles', 'clusterrolebindings'];
const FILE_ROOTS = ['/etc/fstab', '/etc/apt/keyrings', '/usr/lib/systemd/system/kubelet.service.d', '/etc/systemd/system', '/opt/cni/bin', '/etc/kubernetes', '/var/lib/kubelet', '/etc/containerd', '/etc/cni/net.d', '/root/.kube', '/etc/apt/sources.list.d', '/etc/modules-load.d', '/etc/sysctl.d'];

/** A token id `abcdef` and secret `0123456789abcdef` as kubeadm generates them. */
const TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g;

/** Certificates, keys and base64 data fields, the parts of files that are random by nature. */
export function normaliseText(text: string): string {
  return text
    .replace(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----\n?/g, '<$1>\n')
    .replace(/((?:certificate-authority|client-certificate|client-key)-data:) \S+/g, '$1 <data>')
    .replace(TOKEN, '<token>')
    .replace(/\bkube-api-access-[a-z0-9]{5}\b/g, 'kube-api-access-<suffix>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>');
}

/** A generated name's random suffix (pods of controllers, bootstrap tokens). */
function stableName(obj: KubeObject): string {
  const meta = obj.metadata ?? {};
  const name = String(meta.name);
  if (obj.kind === 'Secret' && name.startsWith('bootstrap-token-')) return 'bootstrap-token-<id>';
  if (meta.generateName) return `${meta.generateName}<suffix>`;
  return name;
}

/** Names generated in the world being described (a pod's random suffix), as stableName gives them: references to them (an EndpointSlice's targetRef) are normalised too. */
let generatedNames = new Map<string, string>();

function dropVolatile(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropVolatile);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value as Record<string, Json>)) {
      if (['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'lastTransitionTime', 'lastHeartbeatTime', 'lastProbeTime', 'startedAt', 'finishedAt', 'startTime', 'containerID', 'imageID'].includes(k)) continue;
      out[k] = dropVolatile(v);
    }
    return out;
  }
  if (typeof value === 'string') return generatedNames.get(value) ?? normaliseText(value);
  return value;
}

function objectView(obj: KubeObject): Json {
  const o = dropVolatile(obj) as Record<string, Json>;
  const meta = { ...(o.metadata as Record<string, Json>) };
  meta.name = stableName(obj);
  if (obj.kind === 'ConfigMap' && obj.metadata?.name === 'cluster-info') {
    const data = { ...(o.data as Record<string, string>) };
    for (const k of Object.keys(data)) if (k.startsWith('jws-kubeconfig-')) {
      data['jws-kubeconfig-<id>'] = '<signature>';
      delete data[k];
    }
    o.data = data;
  }
  if (obj.kind === 'Secret') o.data = Object.fromEntries(Object.keys((o.data as Record<string, string>) ?? {}).map((k) => [k, '<value>']));
  if (obj.kind === 'Pod') {
    const status = (o.status ?? {}) as Record<string, Json>;
    o.status = { phase: status.phase, qosClass: status.qosClass, podIP: status.podIP, hostIP: status.hostIP };
  } else delete o.status;
  if (Array.isArray(meta.ownerReferences)) meta.ownerReferences = (meta.ownerReferences as Array<Record<string, Json>>).map((r) => ({ ...r }));
  o.metadata = meta;
  return o;
}

function listAll(client: ApiClient, resource: string, namespace?: string): KubeObject[] {
  const r = client.list(gvr(resource), namespace);
  if (r.code !== 200) return [];
  return (r.body as { items: KubeObject[] }).items;
}

function kindOf(resource: string, obj: KubeObject): string {
  return obj.kind ?? resource;
}

function filesOf(machine: Machine): Record<string, string> {
  const fs = machine.rootFs;
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    const st = fs.lstat(path);
    if (!st) return;
    if (st.type === 'dir') {
      out[`${path}/`] = `mode ${st.mode.toString(8)}`;
      for (const child of fs.readdir(path).sort()) walk(`${path}/${child}`);
    } else if (st.type === 'symlink') out[path] = `-> ${st.target}`;
    else out[path] = `mode ${st.mode.toString(8)}\n${normaliseText(fs.readFile(path))}`;
  };
  for (const root of FILE_ROOTS) walk(root);
  return out;
}

/** Every service unit the machine knows: unit files on disk and units that ran. */
function unitNames(sd: Systemd, machine: Machine): string[] {
  const names = new Set(Object.keys(sd.state.units));
  for (const dir of ['/lib/systemd/system', '/usr/lib/systemd/system', '/etc/systemd/system']) {
    try {
      for (const f of machine.rootFs.readdir(dir)) if (f.endsWith('.service')) names.add(f);
    } catch {
      /* no such directory */
    }
  }
  return [...names].sort();
}

function unitsOf(world: World, machine: Machine): Record<string, string> {
  const sd = new Systemd(machine, world, () => world.clock.now());
  const out: Record<string, string> = {};
  for (const name of unitNames(sd, machine)) {
    const unit = sd.unit(name);
    out[name] = `${sd.activeState(name)} ${unit ? sd.enablementOf(unit) : 'not-found'}`;
  }
  return out;
}

function packagesOf(machine: Machine): Record<string, string> {
  const installed = packagesState(machine).installed;
  return Object.fromEntries(
    Object.keys(installed)
      .sort()
      .map((name) => [name, `${installed[name].version}${installed[name].hold ? ' hold' : ''}${installed[name].auto ? ' auto' : ''}`]),
  );
}

export async function describeWorld(world: World): Promise<WorldView> {
  const cluster = clusterOf(world);
  if (!cluster) throw new Error('the world has no cluster');
  const client = new ApiClient(cluster.apiServer);
  const nodes = listAll(client, 'nodes')
    .map((n) => {
      const meta = n.metadata ?? {};
      const spec = (n.spec ?? {}) as Record<string, Json>;
      const status = (n.status ?? {}) as Record<string, Json>;
      const info = { ...(status.nodeInfo as Record<string, Json>) };
      delete info.machineID;
      delete info.systemUUID;
      delete info.bootID;
      return {
        name: String(meta.name),
        labels: (meta.labels ?? {}) as Record<string, string>,
        annotations: (meta.annotations ?? {}) as Record<string, string>,
        taints: spec.taints,
        podCIDR: spec.podCIDR,
        podCIDRs: spec.podCIDRs,
        addresses: status.addresses,
        nodeInfo: info,
        conditions: ((status.conditions ?? []) as Array<Record<string, Json>>).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const objects: Record<string, Json> = {};
  generatedNames = new Map();
  for (const ns of NAMESPACES) for (const resource of NAMESPACED) for (const obj of listAll(client, resource, ns)) if (obj.metadata?.generateName) generatedNames.set(String(obj.metadata.name), stableName(obj));
  for (const ns of NAMESPACES) {
    for (const resource of NAMESPACED) {
      // Pods of one owner on one node differ only by their random suffix: number them in the order
      // their node gave them addresses (sorting by name would pair them by their random suffixes).
      const podIp = (o: KubeObject) => String((o.status as { podIP?: string } | undefined)?.podIP ?? '').split('.').map((x) => x.padStart(3, '0')).join('.');
      for (const obj of listAll(client, resource, ns).sort((a, b) => (a.kind === 'Pod' && b.kind === 'Pod' ? podIp(a).localeCompare(podIp(b)) : 0))) {
        const key = `${ns}/${kindOf(resource, obj)}/${stableName(obj)}${obj.kind === 'Pod' ? `@${(obj.spec as { nodeName?: string }).nodeName}` : ''}`;
        let n = 1;
        while (`${key}#${n}` in objects) n++;
        objects[`${key}#${n}`] = objectView(obj);
      }
    }
  }
  for (const resource of CLUSTER_SCOPED) for (const obj of listAll(client, resource)) objects[`/${kindOf(resource, obj)}/${stableName(obj)}#1`] = objectView(obj);
  const files: WorldView['files'] = {};
  const units: WorldView['units'] = {};
  const packages: WorldView['packages'] = {};
  const host: WorldView['host'] = {};
  for (const m of world.machines.values()) {
    files[m.hostname] = filesOf(m);
    units[m.hostname] = unitsOf(world, m);
    packages[m.hostname] = packagesOf(m);
    const r = await runScript(world, m.hostname, HOST_VIEW);
    host[m.hostname] = r.stdout + r.stderr;
  }
  return { nodes, objects, files, units, packages, host };
}
