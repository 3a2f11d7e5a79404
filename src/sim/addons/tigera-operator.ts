/**
 * The Tigera operator, as a controller that runs only while its pod's container runs: it watches
 * the Installation and APIServer resources (operator.tigera.io/v1) and creates what the real
 * operator creates for them — the calico-system namespace with calico-node, calico-typha,
 * calico-kube-controllers and csi-node-driver, the IP pools of spec.calicoNetwork, the
 * calico-apiserver — then reports through Installation and TigeraStatus status. It talks to the
 * API as its ServiceAccount, like any in-cluster client.
 */
import type { ApiRequest, ApiTransport, KubeObject, WatchHandle } from '../apiserver/types';
import type { SimClock } from '../clock';
import { calicoManifestObjects, calicoNodeDaemonSet, kubeControllersDeployment } from './calico';

const OPERATOR_USER = { username: 'system:serviceaccount:tigera-operator:tigera-operator', groups: ['system:serviceaccounts', 'system:serviceaccounts:tigera-operator', 'system:authenticated'] };
const INSTALLATIONS = { group: 'operator.tigera.io', version: 'v1', resource: 'installations' };
const APISERVERS = { group: 'operator.tigera.io', version: 'v1', resource: 'apiservers' };
const TIGERASTATUSES = { group: 'operator.tigera.io', version: 'v1', resource: 'tigerastatuses' };
const IPPOOLS = { group: 'crd.projectcalico.org', version: 'v1', resource: 'ippools' };

type Obj = Record<string, any>;

const GVR: Record<string, { group: string; version: string; resource: string }> = {
  Namespace: { group: '', version: 'v1', resource: 'namespaces' },
  ServiceAccount: { group: '', version: 'v1', resource: 'serviceaccounts' },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps' },
  Service: { group: '', version: 'v1', resource: 'services' },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  PodDisruptionBudget: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
};

export class TigeraOperator {
  private watches: WatchHandle[] = [];
  private scheduled = false;
  running = false;

  constructor(
    private readonly api: ApiTransport,
    private readonly clock: SimClock,
    /** The operator's release (v1.36.x); the Calico release it installs. */
    private readonly calicoVersion: string,
  ) {}

  private request<T = unknown>(req: Omit<ApiRequest, 'user'>) {
    return this.api.request<T>({ ...req, user: OPERATOR_USER });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const r of [INSTALLATIONS, APISERVERS]) {
      const w = this.api.watch({ verb: 'watch', ...r, user: OPERATOR_USER }, () => this.schedule());
      if ('stop' in w) this.watches.push(w as WatchHandle);
    }
    this.schedule();
  }

  stop(): void {
    this.running = false;
    for (const w of this.watches) w.stop();
    this.watches = [];
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The operator's reconcile loop takes a moment after each event.
    this.clock.setTimeout(() => {
      this.scheduled = false;
      if (this.running) this.reconcile();
    }, 2000);
  }

  private ensure(o: KubeObject): void {
    const gvr = GVR[String(o.kind)];
    if (!gvr) return;
    const ns = o.metadata?.namespace;
    const r = this.request({ verb: 'get', ...gvr, namespace: ns, name: o.metadata!.name });
    if (r.code === 404) this.request({ verb: 'create', ...gvr, namespace: ns, body: o });
  }

  private list(r: { group: string; version: string; resource: string }): KubeObject[] {
    const res = this.request<{ items: KubeObject[] }>({ verb: 'list', ...r });
    return res.code === 200 ? (res.body as { items: KubeObject[] }).items : [];
  }

  reconcile(): void {
    const installation = this.list(INSTALLATIONS).find((i) => i.metadata?.name === 'default');
    if (installation) this.install(installation);
    const apiServer = this.list(APISERVERS).find((i) => i.metadata?.name === 'default');
    if (apiServer && installation) this.installApiServer(apiServer);
  }

  private install(inst: KubeObject): void {
    const v = this.calicoVersion;
    const ns = 'calico-system';
    this.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { name: ns, 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/enforce-version': 'latest' } } });
    const owner = [{ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', name: 'default', uid: String(inst.metadata?.uid), controller: true, blockOwnerDeletion: true }];
    // RBAC and service accounts of the manifest install, re-homed in calico-system.
    for (const o of calicoManifestObjects(v)) {
      if (o.kind === 'ServiceAccount') this.ensure({ ...o, metadata: { ...o.metadata, namespace: ns, ownerReferences: owner } });
      if (o.kind === 'ClusterRole') this.ensure(o);
      if (o.kind === 'ClusterRoleBinding') this.ensure({ ...o, subjects: (o.subjects as Obj[]).map((s) => ({ ...s, namespace: ns })) });
    }
    this.ensure({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-typha', namespace: ns, ownerReferences: owner } });
    for (const pool of ((inst.spec as Obj | undefined)?.calicoNetwork?.ipPools ?? []) as Obj[]) {
      const encapsulation = String(pool.encapsulation ?? 'IPIP');
      const exists = this.request({ verb: 'get', ...IPPOOLS, name: String(pool.name ?? 'default-ipv4-ippool') });
      if (exists.code === 404)
        this.request({
          verb: 'create',
          ...IPPOOLS,
          body: {
            apiVersion: 'crd.projectcalico.org/v1',
            kind: 'IPPool',
            metadata: { name: String(pool.name ?? 'default-ipv4-ippool') },
            spec: {
              allowedUses: ['Workload', 'Tunnel'],
              blockSize: Number(pool.blockSize ?? 26),
              cidr: String(pool.cidr ?? '192.168.0.0/16'),
              ipipMode: encapsulation.startsWith('IPIP') ? (encapsulation === 'IPIPCrossSubnet' ? 'CrossSubnet' : 'Always') : 'Never',
              natOutgoing: pool.natOutgoing !== 'Disabled',
              nodeSelector: String(pool.nodeSelector ?? 'all()'),
              vxlanMode: encapsulation.startsWith('VXLAN') ? (encapsulation === 'VXLANCrossSubnet' ? 'CrossSubnet' : 'Always') : 'Never',
            },
          },
        });
    }
    const node = calicoNodeDaemonSet(v, ns) as Obj;
    node.metadata.ownerReferences = owner;
    const env = node.spec.template.spec.containers[0].env as Obj[];
    // The operator writes values where the manifest reads the calico-config ConfigMap.
    const literal = (e: Obj) => (e.valueFrom?.configMapKeyRef ? { name: e.name, value: e.valueFrom.configMapKeyRef.key === 'calico_backend' ? 'bird' : '1450' } : e);
    node.spec.template.spec.containers[0].env = env.filter((e) => !String(e.name).startsWith('CALICO_IPV4POOL')).map(literal).concat([{ name: 'CALICO_MANAGE_CNI', value: 'true' }]);
    delete node.spec.template.spec.containers[0].envFrom;
    node.spec.template.spec.initContainers = (node.spec.template.spec.initContainers as Obj[]).filter((c) => c.name !== 'upgrade-ipam').map((c) => (c.name === 'install-cni' ? { ...c, env: [{ name: 'CNI_CONF_NAME', value: '10-calico.conflist' }, { name: 'SLEEP', value: 'false' }, { name: 'CNI_NET_DIR', value: '/etc/cni/net.d' }] } : c));
    node.spec.template.spec.initContainers[0].name = 'flexvol-driver';
    node.spec.template.spec.initContainers[0].image = `docker.io/calico/pod2daemon-flexvol:${v}`;
    node.spec.template.spec.initContainers[0].command = undefined;
    node.spec.template.spec.initContainers.push({ name: 'install-cni', image: `docker.io/calico/cni:${v}`, imagePullPolicy: 'IfNotPresent', command: ['/opt/cni/bin/install'], env: [{ name: 'CNI_CONF_NAME', value: '10-calico.conflist' }, { name: 'SLEEP', value: 'false' }], securityContext: { privileged: true } });
    node.spec.template.spec.initContainers = node.spec.template.spec.initContainers.filter((c: Obj, i: number, a: Obj[]) => a.findIndex((x) => x.name === c.name) === i);
    this.ensure(node);
    const kc = kubeControllersDeployment(v, ns) as Obj;
    kc.metadata.ownerReferences = owner;
    this.ensure(kc);
    const nodes = this.list({ group: '', version: 'v1', resource: 'nodes' }).length;
    const typhaLabels = { 'k8s-app': 'calico-typha' };
    this.ensure({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'calico-typha', namespace: ns, labels: typhaLabels, ownerReferences: owner },
      spec: {
        replicas: nodes <= 1 ? 1 : nodes <= 3 ? 2 : 3,
        selector: { matchLabels: typhaLabels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: typhaLabels },
          spec: {
            hostNetwork: true,
            serviceAccountName: 'calico-typha',
            priorityClassName: 'system-cluster-critical',
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
            affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: typhaLabels }, topologyKey: 'topology.kubernetes.io/zone' } }] } },
            containers: [{ name: 'calico-typha', image: `docker.io/calico/typha:${v}`, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 5473, hostPort: 5473, name: 'calico-typha', protocol: 'TCP' }] }],
          },
        },
      },
    });
    this.ensure({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'calico-typha', namespace: ns, labels: typhaLabels, ownerReferences: owner }, spec: { ports: [{ name: 'calico-typha', port: 5473, protocol: 'TCP', targetPort: 'calico-typha' }], selector: typhaLabels } });
    const csiLabels = { 'k8s-app': 'csi-node-driver' };
    this.ensure({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'csi-node-driver', namespace: ns, ownerReferences: owner },
      spec: {
        selector: { matchLabels: csiLabels },
        template: {
          metadata: { labels: { ...csiLabels, name: 'csi-node-driver' } },
          spec: {
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
            containers: [
              { name: 'calico-csi', image: `docker.io/calico/csi:${v}`, imagePullPolicy: 'IfNotPresent', args: ['--nodeid=$(KUBE_NODE_NAME)', '--loglevel=$(LOG_LEVEL)'], securityContext: { privileged: true } },
              { name: 'csi-node-driver-registrar', image: `docker.io/calico/node-driver-registrar:${v}`, imagePullPolicy: 'IfNotPresent', args: ['--v=5', '--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)'], securityContext: { privileged: true } },
            ],
          },
        },
      },
    });
    this.report(inst);
  }

  private installApiServer(apiServer: KubeObject): void {
    const v = this.calicoVersion;
    const ns = 'calico-apiserver';
    const owner = [{ apiVersion: 'operator.tigera.io/v1', kind: 'APIServer', name: 'default', uid: String(apiServer.metadata?.uid), controller: true, blockOwnerDeletion: true }];
    this.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { name: ns, 'pod-security.kubernetes.io/enforce': 'baseline' } } });
    this.ensure({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-apiserver', namespace: ns, ownerReferences: owner } });
    const labels = { apiserver: 'true', 'k8s-app': 'calico-apiserver' };
    this.ensure({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'calico-apiserver', namespace: ns, labels, ownerReferences: owner },
      spec: {
        replicas: 2,
        selector: { matchLabels: { apiserver: 'true' } },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { name: 'calico-apiserver', namespace: ns, labels },
          spec: {
            serviceAccountName: 'calico-apiserver',
            tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
            containers: [{ name: 'calico-apiserver', image: `docker.io/calico/apiserver:${v}`, imagePullPolicy: 'IfNotPresent', args: ['--secure-port=5443', '--tls-private-key-file=/calico-apiserver-certs/tls.key', '--tls-cert-file=/calico-apiserver-certs/tls.crt'], ports: [{ containerPort: 5443, name: 'apiserver', protocol: 'TCP' }] }],
          },
        },
      },
    });
    this.ensure({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'calico-api', namespace: ns, ownerReferences: owner }, spec: { ports: [{ name: 'apiserver', port: 443, protocol: 'TCP', targetPort: 5443 }], selector: { apiserver: 'true' } } });
    this.setStatus('apiserver');
  }

  private setStatus(name: string): void {
    const now = this.clock.rfc3339();
    const conditions = [
      { lastTransitionTime: now, message: 'All objects available', observedGeneration: 1, reason: 'AllObjectsAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: now, message: 'All Objects Available', observedGeneration: 1, reason: 'AllObjectsAvailable', status: 'False', type: 'Progressing' },
      { lastTransitionTime: now, message: 'All Objects Available', observedGeneration: 1, reason: 'AllObjectsAvailable', status: 'False', type: 'Degraded' },
    ];
    const cur = this.request<KubeObject>({ verb: 'get', ...TIGERASTATUSES, name });
    if (cur.code === 404) {
      const created = this.request<KubeObject>({ verb: 'create', ...TIGERASTATUSES, body: { apiVersion: 'operator.tigera.io/v1', kind: 'TigeraStatus', metadata: { name }, spec: {} } });
      if (created.code !== 201) return;
      const o = created.body as KubeObject;
      this.request({ verb: 'update', ...TIGERASTATUSES, subresource: 'status', name, body: { ...o, status: { conditions } } });
    }
  }

  private report(inst: KubeObject): void {
    const v = this.calicoVersion;
    const spec = (inst.spec ?? {}) as Obj;
    const status = (inst.status ?? {}) as Obj;
    if (status.calicoVersion === v) return;
    this.request({
      verb: 'update',
      ...INSTALLATIONS,
      subresource: 'status',
      name: 'default',
      body: { ...inst, status: { calicoVersion: v, computed: { ...spec, variant: 'Calico', cni: { type: 'Calico', ipam: { type: 'Calico' } } }, mtu: 1450, variant: 'Calico', conditions: [{ lastTransitionTime: this.clock.rfc3339(), message: 'All Objects Available', observedGeneration: 1, reason: 'AllObjectsAvailable', status: 'True', type: 'Ready' }] } },
    });
    this.setStatus('calico');
    this.setStatus('ippools');
  }
}
