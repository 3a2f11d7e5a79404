/**
 * The kubectl arguments of the get/describe goldens (printers-world.ts is the world they run in):
 * for each kind `get`, `get -o wide` and `describe` of all and of one interesting object; then
 * --show-labels, -L, -A and --sort-by on a few. Arguments are split on spaces (no quoting).
 */

/** A kind as typed, with the namespace flag its objects need and the objects worth describing alone. */
interface Kind {
  kind: string;
  ns?: string;
  names: string[];
  /** Not described all at once: pages nobody reads (dozens of built-in clusterroles), or see the kind. */
  noDescribeAll?: boolean;
}

const KINDS: Kind[] = [
  { kind: 'pods', names: ['full', 'crash', 'badimage', 'huge', 'busy', 'db-0', 'sidecar'] },
  { kind: 'pods', ns: '-n kube-system', names: ['kube-apiserver-cka01'] },
  { kind: 'pods', ns: '-n kube-flannel', names: [] },
  { kind: 'deployments', names: ['web', 'paused'] },
  { kind: 'deployments', ns: '-n prod', names: ['api'] },
  { kind: 'replicasets', names: [] },
  { kind: 'statefulsets', names: ['db'] },
  { kind: 'daemonsets', ns: '-n kube-system', names: ['log-agent'] },
  { kind: 'jobs', names: ['pi', 'flaky', 'batch'] },
  { kind: 'cronjobs', names: ['tick'] },
  { kind: 'services', names: ['web', 'web-np', 'web-lb', 'ext-db', 'db', 'sticky'] },
  { kind: 'endpoints', names: ['web'] },
  { kind: 'endpointslices', names: [] },
  { kind: 'ingresses', names: ['web'] },
  { kind: 'ingressclasses', names: ['nginx'] },
  { kind: 'networkpolicies', names: ['allow-web'] },
  { kind: 'networkpolicies', ns: '-n prod', names: ['deny-all'] },
  { kind: 'configmaps', names: ['app-config', 'blob'] },
  { kind: 'secrets', names: ['db-pass', 'web-tls', 'regcred', 'builder-token'] },
  { kind: 'serviceaccounts', names: ['builder'] },
  { kind: 'roles', names: ['pod-reader'] },
  { kind: 'rolebindings', names: ['read-pods'] },
  { kind: 'clusterroles', names: ['node-viewer', 'admin', 'health-reader'], noDescribeAll: true },
  { kind: 'clusterrolebindings', names: ['view-nodes'], noDescribeAll: true },
  { kind: 'persistentvolumes', names: ['pv-data', 'pv-spare', 'pv-local'] },
  { kind: 'persistentvolumeclaims', names: ['data', 'waiting', 'data-db-0'] },
  { kind: 'storageclasses', names: ['manual'] },
  { kind: 'resourcequotas', ns: '-n prod', names: ['prod-quota'] },
  { kind: 'limitranges', ns: '-n prod', names: ['limits'] },
  { kind: 'priorityclasses', names: ['high'] },
  { kind: 'poddisruptionbudgets', names: ['web-pdb'] },
  { kind: 'horizontalpodautoscalers', names: ['web'] },
  // Not described: the simulated PKI's requests are not DER (src/sim/pki/csr.ts), which the real
  // describe refuses to parse; describe-csr.test.ts holds the real client's output for real ones.
  { kind: 'certificatesigningrequests', names: [], noDescribeAll: true },
  { kind: 'leases', ns: '-n kube-node-lease', names: ['cka02'] },
  { kind: 'nodes', names: ['cka01', 'cka02', 'cka03'] },
  { kind: 'namespaces', names: ['prod'] },
  { kind: 'customresourcedefinitions', names: ['backups.example.com'] },
  { kind: 'backups', names: ['nightly'] },
];

function kindCases(k: Kind): string[] {
  const ns = k.ns ? ` ${k.ns}` : '';
  const out = [`get ${k.kind}${ns}`, `get ${k.kind}${ns} -o wide`];
  if (!k.noDescribeAll) out.push(`describe ${k.kind}${ns}`);
  for (const name of k.names) out.push(`describe ${k.kind}${ns} ${name}`);
  return out;
}

export const CASES: string[] = [
  ...KINDS.flatMap(kindCases),
  'get pods --show-labels',
  'get deployments,services --show-labels',
  'get nodes --show-labels',
  'get pods -L app,tier',
  'get pods -A',
  'get deployments -A -o wide',
  'get services -A',
  'get pods -A --sort-by=.metadata.name',
  'get pods --sort-by=.status.podIP',
  'get pods --sort-by=.spec.nodeName',
  'get pods --sort-by=.status.containerStatuses[0].restartCount',
  'get pvc --sort-by=.spec.resources.requests.storage',
  'get pv --sort-by=.spec.capacity.storage',
  'get events --sort-by=.lastTimestamp',
  'get events -o wide',
  'get pods --sort-by=.status.startTime',
  'get pods --sort-by=.metadata.annotations.note',
  'get pods -A --sort-by=.metadata.labels.app',
  'get pods --sort-by=.metadata.labels',
  'get pods --sort-by=.metadata.labels -o name',
  'get services --sort-by=.spec.ports[0].targetPort',
  'get nodes --sort-by=.spec.taints',
  'get services --sort-by=.spec.ports[0].port',
  'get deployments -A --sort-by=.spec.replicas',
  'get nodes --sort-by=.spec.unschedulable',
  'get nodes -L disk,kubernetes.io/hostname',
  'get namespaces --show-labels',
  'get replicasets -o wide --show-labels',
  'get pods -l app=web -o wide',
  'get pods --field-selector=status.phase=Running',
  'get pod full -o wide',
  'get deployment web --show-labels',
  'get node cka02',
  'get pods,services -o wide',
  'get all',
  'get events',
  'get pods -A -o wide',
  'get ingresses -A',
  'describe pods -n kube-system -l k8s-app=kube-dns',
  'describe deployments -n kube-system coredns',
  'describe daemonsets -n kube-flannel',
  'describe configmaps -n kube-system kube-proxy',
  'describe serviceaccounts -n kube-system coredns',
  'describe rolebindings -n kube-system',
  'get all -n kube-system',
  'get pv,pvc',
  'get pods --no-headers',
  'get pods -o wide --no-headers',
  'get pods nope',
  'get backups -o wide -L app',
];

export function goldenName(i: number, args: string): string {
  return `${String(i).padStart(3, '0')}-${args.replace(/[^A-Za-z0-9=.-]+/g, '_').slice(0, 80)}.txt`;
}
