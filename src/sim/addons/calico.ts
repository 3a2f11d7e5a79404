/**
 * Calico as its project publishes it: the manifest install (`manifests/calico.yaml`: calico-node
 * DaemonSet and calico-kube-controllers in kube-system) and the operator install
 * (`tigera-operator.yaml` + `custom-resources.yaml`). Objects keep their real names, namespaces,
 * images, environment and RBAC; the CRDs' long OpenAPI schemas are trimmed to permissive ones.
 */
import type { KubeObject } from '../apiserver/types';
import { crd, manifestText } from './yaml';

/** The newest patch release of each minor we serve. */
const LATEST_PATCH: Record<string, number> = { '3.25': 2, '3.26': 4, '3.27': 5, '3.28': 5, '3.29': 5, '3.30': 3 };

/** Whether vX.Y.Z is a published Calico release we can serve. */
export function isCalicoVersion(version: string): boolean {
  const m = /^v(3\.\d+)\.(\d+)$/.exec(version);
  return !!m && LATEST_PATCH[m[1]] !== undefined && Number(m[2]) <= LATEST_PATCH[m[1]];
}

/** The version a floating URL (docs.projectcalico.org/manifests/calico.yaml) serves today. */
export const CALICO_LATEST = 'v3.29.5';

/** The tigera-operator release that ships with a Calico release (v3.29.x → v1.36.x). */
export function tigeraOperatorVersion(calico: string): string {
  const [, minor, patch] = /^v3\.(\d+)\.(\d+)$/.exec(calico) ?? ['', '29', '0'];
  const operatorMinor = { 25: 29, 26: 30, 27: 32, 28: 34, 29: 36, 30: 38 }[Number(minor)] ?? 36;
  return `v1.${operatorMinor}.${patch}`;
}

const CALICO_CRDS: Array<[string, string, 'Namespaced' | 'Cluster']> = [
  ['BGPConfiguration', 'bgpconfigurations', 'Cluster'],
  ['BGPFilter', 'bgpfilters', 'Cluster'],
  ['BGPPeer', 'bgppeers', 'Cluster'],
  ['BlockAffinity', 'blockaffinities', 'Cluster'],
  ['CalicoNodeStatus', 'caliconodestatuses', 'Cluster'],
  ['ClusterInformation', 'clusterinformations', 'Cluster'],
  ['FelixConfiguration', 'felixconfigurations', 'Cluster'],
  ['GlobalNetworkPolicy', 'globalnetworkpolicies', 'Cluster'],
  ['GlobalNetworkSet', 'globalnetworksets', 'Cluster'],
  ['HostEndpoint', 'hostendpoints', 'Cluster'],
  ['IPAMBlock', 'ipamblocks', 'Cluster'],
  ['IPAMConfig', 'ipamconfigs', 'Cluster'],
  ['IPAMHandle', 'ipamhandles', 'Cluster'],
  ['IPPool', 'ippools', 'Cluster'],
  ['IPReservation', 'ipreservations', 'Cluster'],
  ['KubeControllersConfiguration', 'kubecontrollersconfigurations', 'Cluster'],
  ['NetworkPolicy', 'networkpolicies', 'Namespaced'],
  ['NetworkSet', 'networksets', 'Namespaced'],
  ['Tier', 'tiers', 'Cluster'],
];

const minorOf = (v: string) => Number(/^v3\.(\d+)/.exec(v)?.[1] ?? 29);

export function calicoCrds(version: string): KubeObject[] {
  const m = minorOf(version);
  return CALICO_CRDS.filter(([kind]) => (kind === 'BGPFilter' ? m >= 26 : kind === 'Tier' ? m >= 29 : true)).map(([kind, plural, scope]) =>
    crd('crd.projectcalico.org', kind, plural, scope, { status: kind === 'CalicoNodeStatus' || kind === 'KubeControllersConfiguration' }),
  );
}

const CNI_NETWORK_CONFIG = `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "__KUBERNETES_NODE_NAME__",
      "mtu": __CNI_MTU__,
      "ipam": {
          "type": "calico-ipam"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "__KUBECONFIG_FILEPATH__"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`;

/** What calico/cni's install writes to /etc/cni/net.d/10-calico.conflist on a node. */
export function calicoConflist(nodeName: string): string {
  return `${CNI_NETWORK_CONFIG.replace('__KUBERNETES_NODE_NAME__', nodeName).replace('__CNI_MTU__', '0').replace('__KUBECONFIG_FILEPATH__', '/etc/cni/net.d/calico-kubeconfig')}\n`;
}

const rbac = (kind: 'ClusterRole' | 'ClusterRoleBinding', name: string, body: Record<string, unknown>): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name },
  ...body,
});

const envFrom = (name: string, key: string) => ({ name, valueFrom: { configMapKeyRef: { name: 'calico-config', key } } });

export function calicoNodeDaemonSet(version: string, namespace: string): KubeObject {
  const image = (name: string) => `docker.io/calico/${name}:${version}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace, labels: { 'k8s-app': 'calico-node' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'calico-node' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'calico-node' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          hostNetwork: true,
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
          serviceAccountName: 'calico-node',
          terminationGracePeriodSeconds: 0,
          priorityClassName: 'system-node-critical',
          initContainers: [
            {
              name: 'upgrade-ipam',
              image: image('cni'),
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/calico-ipam', '-upgrade'],
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              env: [{ name: 'KUBERNETES_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, envFrom('CALICO_NETWORKING_BACKEND', 'calico_backend')],
              volumeMounts: [{ mountPath: '/var/lib/cni/networks', name: 'host-local-net-dir' }, { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }],
              securityContext: { privileged: true },
            },
            {
              name: 'install-cni',
              image: image('cni'),
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/install'],
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              env: [
                { name: 'CNI_CONF_NAME', value: '10-calico.conflist' },
                envFrom('CNI_NETWORK_CONFIG', 'cni_network_config'),
                { name: 'KUBERNETES_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                envFrom('CNI_MTU', 'veth_mtu'),
                { name: 'SLEEP', value: 'false' },
              ],
              volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }, { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' }],
              securityContext: { privileged: true },
            },
            {
              name: 'mount-bpffs',
              image: image('node'),
              imagePullPolicy: 'IfNotPresent',
              command: ['calico-node', '-init', '-best-effort'],
              volumeMounts: [{ mountPath: '/sys/fs', name: 'sys-fs', mountPropagation: 'Bidirectional' }, { mountPath: '/var/run/calico', name: 'var-run-calico', mountPropagation: 'Bidirectional' }, { mountPath: '/nodeproc', name: 'nodeproc', readOnly: true }],
              securityContext: { privileged: true },
            },
          ],
          containers: [
            {
              name: 'calico-node',
              image: image('node'),
              imagePullPolicy: 'IfNotPresent',
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              env: [
                { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                { name: 'WAIT_FOR_DATASTORE', value: 'true' },
                { name: 'NODENAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                envFrom('CALICO_NETWORKING_BACKEND', 'calico_backend'),
                { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
                { name: 'IP', value: 'autodetect' },
                { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
                { name: 'CALICO_IPV4POOL_VXLAN', value: 'Never' },
                { name: 'CALICO_IPV6POOL_VXLAN', value: 'Never' },
                envFrom('FELIX_IPINIPMTU', 'veth_mtu'),
                envFrom('FELIX_VXLANMTU', 'veth_mtu'),
                envFrom('FELIX_WIREGUARDMTU', 'veth_mtu'),
                { name: 'CALICO_DISABLE_FILE_LOGGING', value: 'true' },
                { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
                { name: 'FELIX_IPV6SUPPORT', value: 'false' },
                { name: 'FELIX_HEALTHENABLED', value: 'true' },
              ],
              securityContext: { privileged: true },
              resources: { requests: { cpu: '250m' } },
              lifecycle: { preStop: { exec: { command: ['/bin/calico-node', '-shutdown'] } } },
              livenessProbe: { exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
              readinessProbe: { exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, periodSeconds: 10, timeoutSeconds: 10 },
              volumeMounts: [
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir', readOnly: false },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
                { mountPath: '/var/run/calico', name: 'var-run-calico', readOnly: false },
                { mountPath: '/var/lib/calico', name: 'var-lib-calico', readOnly: false },
                { name: 'policysync', mountPath: '/var/run/nodeagent' },
                { name: 'bpffs', mountPath: '/sys/fs/bpf' },
                { name: 'cni-log-dir', mountPath: '/var/log/calico/cni', readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
            { name: 'var-run-calico', hostPath: { path: '/var/run/calico', type: 'DirectoryOrCreate' } },
            { name: 'var-lib-calico', hostPath: { path: '/var/lib/calico', type: 'DirectoryOrCreate' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'sys-fs', hostPath: { path: '/sys/fs/', type: 'DirectoryOrCreate' } },
            { name: 'bpffs', hostPath: { path: '/sys/fs/bpf', type: 'Directory' } },
            { name: 'nodeproc', hostPath: { path: '/proc' } },
            { name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: 'DirectoryOrCreate' } },
            { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d' } },
            { name: 'cni-log-dir', hostPath: { path: '/var/log/calico/cni' } },
            { name: 'host-local-net-dir', hostPath: { path: '/var/lib/cni/networks' } },
            { name: 'policysync', hostPath: { type: 'DirectoryOrCreate', path: '/var/run/nodeagent' } },
          ],
        },
      },
    },
  };
}

export function kubeControllersDeployment(version: string, namespace: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'calico-kube-controllers', namespace, labels: { 'k8s-app': 'calico-kube-controllers' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { name: 'calico-kube-controllers', namespace, labels: { 'k8s-app': 'calico-kube-controllers' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          serviceAccountName: 'calico-kube-controllers',
          priorityClassName: 'system-cluster-critical',
          containers: [
            {
              name: 'calico-kube-controllers',
              image: `docker.io/calico/kube-controllers:${version}`,
              imagePullPolicy: 'IfNotPresent',
              env: [{ name: 'ENABLED_CONTROLLERS', value: 'node' }, { name: 'DATASTORE_TYPE', value: 'kubernetes' }],
              livenessProbe: { exec: { command: ['/usr/bin/check-status', '-l'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
              readinessProbe: { exec: { command: ['/usr/bin/check-status', '-r'] }, periodSeconds: 10 },
              securityContext: { runAsNonRoot: true },
            },
          ],
        },
      },
    },
  };
}

/** The objects of manifests/calico.yaml for a release (CRDs trimmed). */
export function calicoManifestObjects(version: string): KubeObject[] {
  const ns = 'kube-system';
  return [
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'calico-kube-controllers', namespace: ns, labels: { 'k8s-app': 'calico-kube-controllers' } }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-kube-controllers', namespace: ns } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-node', namespace: ns } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-cni-plugin', namespace: ns } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'calico-config', namespace: ns },
      data: { typha_service_name: 'none', calico_backend: 'bird', veth_mtu: '0', cni_network_config: CNI_NETWORK_CONFIG },
    },
    ...calicoCrds(version),
    rbac('ClusterRole', 'calico-kube-controllers', {
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['ipreservations'], verbs: ['list'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities', 'ipamblocks', 'ipamhandles'], verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['ippools'], verbs: ['list', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['hostendpoints'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['clusterinformations'], verbs: ['get', 'list', 'create', 'update', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['kubecontrollersconfigurations'], verbs: ['get', 'create', 'update', 'watch'] },
      ],
    }),
    rbac('ClusterRole', 'calico-cni-plugin', {
      rules: [
        { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities', 'ipamblocks', 'ipamhandles', 'clusterinformations', 'ippools', 'ipreservations', 'ipamconfigs'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
      ],
    }),
    rbac('ClusterRole', 'calico-node', {
      rules: [
        { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['watch', 'list'] },
        { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['watch', 'list', 'get'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
        { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['watch', 'list'] },
        { apiGroups: [''], resources: ['pods', 'namespaces', 'serviceaccounts'], verbs: ['list', 'watch'] },
        { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['globalfelixconfigs', 'felixconfigurations', 'bgppeers', 'bgpfilters', 'globalbgpconfigs', 'bgpconfigurations', 'ippools', 'ipreservations', 'ipamblocks', 'globalnetworkpolicies', 'globalnetworksets', 'networkpolicies', 'networksets', 'clusterinformations', 'hostendpoints', 'blockaffinities', 'caliconodestatuses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['ippools', 'felixconfigurations', 'clusterinformations'], verbs: ['create', 'update'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['caliconodestatuses'], verbs: ['update'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['bgpconfigurations', 'bgppeers'], verbs: ['create', 'update'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities', 'ipamblocks', 'ipamhandles'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['ipamconfigs'], verbs: ['get', 'create'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities'], verbs: ['watch'] },
        { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
      ],
    }),
    ...['calico-kube-controllers', 'calico-node', 'calico-cni-plugin'].map((name) =>
      rbac('ClusterRoleBinding', name, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] }),
    ),
    calicoNodeDaemonSet(version, ns),
    kubeControllersDeployment(version, ns),
  ];
}

/** The comment block the manifest carries where learners set the pool CIDR. */
const POOL_CIDR_COMMENT = [
  '# The default IPv4 pool to create on startup if none exists. Pod IPs will be',
  '# chosen from this range. Changing this value after installation will have',
  '# no effect. This should fall within `--cluster-cidr`.',
  '# - name: CALICO_IPV4POOL_CIDR',
  '#   value: "192.168.0.0/16"',
  '# Disable file logging so `kubectl logs` works.',
];

export function calicoManifest(version: string): string {
  const text = manifestText(calicoManifestObjects(version), '');
  return text.replace(/^( *)- name: CALICO_DISABLE_FILE_LOGGING$/m, (line, indent: string) => `${POOL_CIDR_COMMENT.map((c) => indent + c).join('\n')}\n${line}`);
}

// ------------------------------------------------------------------ operator install

const OPERATOR_CRDS: Array<[string, string, 'Namespaced' | 'Cluster']> = [
  ['APIServer', 'apiservers', 'Cluster'],
  ['ImageSet', 'imagesets', 'Cluster'],
  ['Installation', 'installations', 'Cluster'],
  ['TigeraStatus', 'tigerastatuses', 'Cluster'],
];

const condition = (type: string) => `.status.conditions[?(@.type=='${type}')].status`;
const TIGERASTATUS_COLUMNS = [
  { description: 'Whether the component running and stable.', jsonPath: condition('Available'), name: 'Available', type: 'string' },
  { description: 'Whether the component is processing changes.', jsonPath: condition('Progressing'), name: 'Progressing', type: 'string' },
  { description: 'Whether the component is degraded.', jsonPath: condition('Degraded'), name: 'Degraded', type: 'string' },
  { description: 'The time the component\'s Available status last changed.', jsonPath: ".status.conditions[?(@.type=='Available')].lastTransitionTime", name: 'Since', type: 'date' },
];

export function tigeraOperatorObjects(version: string): KubeObject[] {
  const operator = tigeraOperatorVersion(version);
  const ns = 'tigera-operator';
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { name: ns, 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    ...calicoCrds(version),
    ...OPERATOR_CRDS.map(([kind, plural, scope]) => crd('operator.tigera.io', kind, plural, scope, { status: true, ...(kind === 'TigeraStatus' ? { columns: TIGERASTATUS_COLUMNS } : {}) })),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'tigera-operator', namespace: ns } },
    rbac('ClusterRole', 'tigera-operator', {
      rules: [
        { apiGroups: [''], resources: ['namespaces', 'pods', 'podtemplates', 'services', 'endpoints', 'events', 'configmaps', 'secrets', 'serviceaccounts'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch', 'list', 'watch'] },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles', 'clusterrolebindings', 'rolebindings', 'roles'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch', 'bind', 'escalate'] },
        { apiGroups: ['apps'], resources: ['deployments', 'daemonsets', 'statefulsets'], verbs: ['create', 'get', 'list', 'patch', 'update', 'delete', 'watch'] },
        { apiGroups: ['apps'], resourceNames: ['tigera-operator'], resources: ['deployments/finalizers'], verbs: ['update'] },
        { apiGroups: ['operator.tigera.io'], resources: ['*'], verbs: ['create', 'get', 'list', 'update', 'patch', 'delete', 'watch'] },
        { apiGroups: ['crd.projectcalico.org'], resources: ['felixconfigurations', 'ippools', 'kubecontrollersconfigurations', 'bgpconfigurations'], verbs: ['create', 'patch', 'list', 'get', 'watch'] },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
        { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['list', 'watch', 'create', 'update'] },
        { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], verbs: ['delete'] },
        { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: ['list', 'watch', 'update', 'get', 'create', 'delete'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
      ],
    }),
    rbac('ClusterRoleBinding', 'tigera-operator', { subjects: [{ kind: 'ServiceAccount', name: 'tigera-operator', namespace: ns }], roleRef: { kind: 'ClusterRole', name: 'tigera-operator', apiGroup: 'rbac.authorization.k8s.io' } }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tigera-operator', namespace: ns, labels: { 'k8s-app': 'tigera-operator' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { name: 'tigera-operator' } },
        template: {
          metadata: { labels: { name: 'tigera-operator', 'k8s-app': 'tigera-operator' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ effect: 'NoExecute', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }],
            serviceAccountName: 'tigera-operator',
            terminationGracePeriodSeconds: 60,
            hostNetwork: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            containers: [
              {
                name: 'tigera-operator',
                image: `quay.io/tigera/operator:${operator}`,
                imagePullPolicy: 'IfNotPresent',
                command: ['operator'],
                args: ['-manage-crds=true'],
                volumeMounts: [{ name: 'var-lib-calico', readOnly: true, mountPath: '/var/lib/calico' }],
                env: [
                  { name: 'WATCH_NAMESPACE', value: '' },
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'OPERATOR_NAME', value: 'tigera-operator' },
                  { name: 'TIGERA_OPERATOR_INIT_IMAGE_VERSION', value: operator },
                ],
                envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              },
            ],
            volumes: [{ name: 'var-lib-calico', hostPath: { path: '/var/lib/calico' } }],
          },
        },
      },
    },
  ];
}

export function tigeraOperatorManifest(version: string): string {
  return manifestText(tigeraOperatorObjects(version));
}

/** custom-resources.yaml: the default Installation and APIServer (as the quickstart ships it). */
export function calicoCustomResources(version: string): string {
  const header = `# This section includes base Calico installation configuration.
# For more information, see: https://docs.tigera.io/calico/latest/reference/installation/api#operator.tigera.io/v1.Installation
`;
  const installation = `apiVersion: operator.tigera.io/v1
kind: Installation
metadata:
  name: default
spec:
  # Configures Calico networking.
  calicoNetwork:
    ipPools:
    - name: default-ipv4-ippool
      blockSize: 26
      cidr: 192.168.0.0/16
      encapsulation: VXLANCrossSubnet
      natOutgoing: Enabled
      nodeSelector: all()
`;
  const apiServer = `# This section configures the Calico API server.
# For more information, see: https://docs.tigera.io/calico/latest/reference/installation/api#operator.tigera.io/v1.APIServer
apiVersion: operator.tigera.io/v1
kind: APIServer
metadata:
  name: default
spec: {}
`;
  void version;
  return `${header}${installation}\n---\n\n${apiServer}\n`;
}
