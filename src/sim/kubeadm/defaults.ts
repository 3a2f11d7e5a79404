/**
 * `kubeadm config print init-defaults`: v1beta4 from kubeadm 1.31, v1beta3 from 1.22, v1beta2
 * before (dockershim's socket, the master taint, the DNS type, k8s.gcr.io: what the older notes'
 * kubeadm 1.20 prints before they edit it).
 */
/** The InitConfiguration's first fields, the same in every version (after apiVersion). */
const INIT_HEAD = [
  'bootstrapTokens:',
  '- groups:',
  '  - system:bootstrappers:kubeadm:default-node-token',
  '  token: abcdef.0123456789abcdef',
  '  ttl: 24h0m0s',
  '  usages:',
  '  - signing',
  '  - authentication',
  'kind: InitConfiguration',
  'localAPIEndpoint:',
  '  advertiseAddress: 1.2.3.4',
  '  bindPort: 6443',
  'nodeRegistration:',
];

export function initDefaults(minor: number): string {
  if (minor <= 21) return initDefaultsV1beta2(minor);
  const v4 = minor >= 31;
  const api = v4 ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
  const init = [
    `apiVersion: ${api}`,
    ...INIT_HEAD,
    '  criSocket: unix:///var/run/containerd/containerd.sock',
    '  imagePullPolicy: IfNotPresent',
    ...(v4 ? ['  imagePullSerial: true'] : []),
    '  name: node',
    '  taints: null',
    ...(v4
      ? ['timeouts:', '  controlPlaneComponentHealthCheck: 4m0s', '  discovery: 5m0s', '  etcdAPICall: 2m0s', '  kubeletHealthCheck: 4m0s', '  kubernetesAPICall: 1m0s', '  tlsBootstrap: 5m0s', '  upgradeManifests: 5m0s']
      : []),
  ];
  const cluster = [
    ...(v4 ? ['apiServer: {}'] : ['apiServer:', '  timeoutForControlPlane: 4m0s']),
    `apiVersion: ${api}`,
    ...(v4 ? ['caCertificateValidityPeriod: 87600h0m0s', 'certificateValidityPeriod: 8760h0m0s'] : []),
    'certificatesDir: /etc/kubernetes/pki',
    'clusterName: kubernetes',
    'controllerManager: {}',
    'dns: {}',
    ...(v4 ? ['encryptionAlgorithm: RSA-2048'] : []),
    'etcd:',
    '  local:',
    '    dataDir: /var/lib/etcd',
    'imageRepository: registry.k8s.io',
    'kind: ClusterConfiguration',
    `kubernetesVersion: 1.${minor}.0`,
    'networking:',
    '  dnsDomain: cluster.local',
    '  serviceSubnet: 10.96.0.0/12',
    ...(v4 ? ['proxy: {}'] : []),
    'scheduler: {}',
  ];
  return `${init.join('\n')}\n---\n${cluster.join('\n')}\n`;
}

function initDefaultsV1beta2(minor: number): string {
  return [
    'apiVersion: kubeadm.k8s.io/v1beta2',
    ...INIT_HEAD,
    '  criSocket: /var/run/dockershim.sock',
    '  name: node',
    '  taints:',
    '  - effect: NoSchedule',
    '    key: node-role.kubernetes.io/master',
    '---',
    'apiServer:',
    '  timeoutForControlPlane: 4m0s',
    'apiVersion: kubeadm.k8s.io/v1beta2',
    'certificatesDir: /etc/kubernetes/pki',
    'clusterName: kubernetes',
    'controllerManager: {}',
    'dns:',
    '  type: CoreDNS',
    'etcd:',
    '  local:',
    '    dataDir: /var/lib/etcd',
    'imageRepository: k8s.gcr.io',
    'kind: ClusterConfiguration',
    `kubernetesVersion: v1.${minor}.0`,
    'networking:',
    '  dnsDomain: cluster.local',
    '  serviceSubnet: 10.96.0.0/12',
    'scheduler: {}',
    '',
  ].join('\n');
}
