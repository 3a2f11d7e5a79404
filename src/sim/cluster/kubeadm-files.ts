/**
 * The files `kubeadm init` and `kubeadm join` leave on a machine: the control plane's static pod
 * manifests, certificates under /etc/kubernetes/pki, kubeconfigs, the kubelet's configuration —
 * with the content and layout of kubeadm v1.33 (cmd/kubeadm/app/phases/controlplane, kubeconfig,
 * kubelet). Certificates use the simulator's PEM encoding (src/sim/pki).
 */
import type { Machine } from '../machine';
import { certificateData, encodeCertificate, type Certificate } from '../pki/cert';
import { runningHostname } from '../kubelet/flags';

export interface ControlPlaneParams {
  version: string; // v1.33.4
  etcdVersion: string; // 3.5.21-0
  advertiseAddress: string;
  nodeName: string;
  podSubnet: string;
  serviceSubnet: string;
  /** When the certificates were issued (ms). */
  issuedAt: number;
  /** controlPlaneEndpoint (host:port): the server of every kubeconfig, a name of the API server certificate. */
  controlPlaneEndpoint?: string;
  /** apiServer.certSANs: more names and addresses of the API server certificate. */
  certSANs?: string[];
  /** imageRepository / --image-repository: where the control plane images come from (registry.k8s.io). */
  imageRepository?: string;
  /** A control plane joining a stacked etcd: the members before it (name=peerURL), and state existing. */
  etcdInitialCluster?: string;
  /** Joining control plane: the shared CAs and service-account keys are already there (downloaded). */
  sharedCertsPresent?: boolean;
  /** nodeRegistration.kubeletExtraArgs: more kubelet flags in kubeadm-flags.env. */
  kubeletExtraArgs?: Array<{ name: string; value: string }>;
}

/** The API server certificate's names: node, kubernetes.*, the endpoint's host and the extra SANs. */
export function apiServerAltNames(p: Pick<ControlPlaneParams, 'nodeName' | 'advertiseAddress' | 'controlPlaneEndpoint' | 'certSANs' | 'serviceSubnet'>): { dnsNames: string[]; ipAddresses: string[] } {
  const isIp = (x: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(x) || x.includes(':');
  const dnsNames = [p.nodeName, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
  const ipAddresses = [firstServiceIp(p.serviceSubnet), p.advertiseAddress];
  const endpointHost = p.controlPlaneEndpoint?.replace(/:\d+$/, '');
  for (const extra of [...(endpointHost ? [endpointHost] : []), ...(p.certSANs ?? [])]) {
    const list = isIp(extra) ? ipAddresses : dnsNames;
    if (!list.includes(extra)) list.push(extra);
  }
  return { dnsNames, ipAddresses };
}

/** The n-th address of a Service range (1: the `kubernetes` Service, 10: kube-dns), as kubeadm computes them. */
export function serviceIp(cidr: string, n: number): string {
  const [base] = cidr.split(',')[0].split('/');
  const parts = base.split('.').map(Number);
  if (parts.length !== 4 || parts.some((x) => Number.isNaN(x))) return n === 10 ? '10.96.0.10' : '10.96.0.1';
  const value = ((((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0) + n) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The first address of the Service range: the `kubernetes` Service's ClusterIP. */
export function firstServiceIp(cidr: string): string {
  return serviceIp(cidr, 1);
}

/** The cluster DNS address kubeadm gives kube-dns and the kubelets: the tenth of the Service range. */
export function clusterDnsIp(cidr: string): string {
  return serviceIp(cidr, 10);
}

export const DEFAULT_IMAGE_REPOSITORY = 'registry.k8s.io';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const FAKE_KEY = (label: string) =>
  `-----BEGIN RSA PRIVATE KEY-----\n${btoa(`cka-lab private key ${label}`.padEnd(48, '.')).match(/.{1,64}/g)!.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;

function cert(cn: string, orgs: string[], issuer: string, issuedAt: number, opts: Partial<Certificate> = {}): Certificate {
  const ca = opts.isCA ?? false;
  let serial = 0;
  for (const ch of cn) serial = (serial * 31 + ch.charCodeAt(0)) >>> 0;
  return {
    serial: serial.toString(16),
    subject: { commonName: cn, organizations: orgs },
    issuer: { commonName: issuer, organizations: [] },
    notBefore: issuedAt - 5 * 60_000,
    notAfter: issuedAt + (ca ? 10 * YEAR_MS : YEAR_MS),
    isCA: ca,
    dnsNames: [],
    ipAddresses: [],
    usages: ca ? [] : ['client'],
    ...opts,
  };
}

export function caCertificate(issuedAt: number): Certificate {
  return cert('kubernetes', [], 'kubernetes', issuedAt, { isCA: true });
}

function kubeconfig(server: string, caPem: string, user: string, client: Certificate, context = `${user}@kubernetes`): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${btoa(caPem)}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${context}
current-context: ${context}
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: ${certificateData(client)}
    client-key-data: ${btoa(FAKE_KEY(user))}
`;
}

function write(m: Machine, path: string, data: string, mode = 0o600): void {
  const fs = m.rootFs;
  fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
  fs.writeFile(path, data, { mode });
  fs.chmod(path, mode);
}

const hostPathVolumes = (vols: [string, string, string][]) =>
  vols.map(([name, path, type]) => `  - hostPath:\n      path: ${path}\n      type: ${type}\n    name: ${name}`).join('\n');
const mounts = (ms: [string, string, boolean][]) => ms.map(([name, path, ro]) => `    - mountPath: ${path}\n      name: ${name}${ro ? '\n      readOnly: true' : ''}`).join('\n');

/**
 * A probe as kubeadm writes it (staticpodutil.LivenessProbe…): etcd's on its plain metrics
 * listener (HTTP, 2381), the other components' on their secure ports (HTTPS). Up to kubeadm 1.33
 * the port is the number and the container lists no ports (a named 'probe-port' came in 1.34,
 * kubernetes#132776): `kubectl describe` shows `Port: <none>` and `http-get https://127.0.0.1:10259/livez`.
 */
function probe(kind: 'livenessProbe' | 'startupProbe' | 'readinessProbe', host: string, path: string, port: number, scheme: 'HTTP' | 'HTTPS', threshold: number, period: number, initial?: number): string {
  return `    ${kind}:
      failureThreshold: ${threshold}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
${initial !== undefined ? `      initialDelaySeconds: ${initial}\n` : ''}      periodSeconds: ${period}
      timeoutSeconds: 15`;
}

export function staticPodManifests(p: ControlPlaneParams): Record<string, string> {
  const ip = p.advertiseAddress;
  const repo = p.imageRepository ?? DEFAULT_IMAGE_REPOSITORY;
  const etcd = `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${ip}:2379
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://${ip}:2379
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --initial-advertise-peer-urls=https://${ip}:2380
    - --initial-cluster=${p.etcdInitialCluster ? `${p.etcdInitialCluster},` : ''}${p.nodeName}=https://${ip}:2380
${p.etcdInitialCluster ? '    - --initial-cluster-state=existing\n' : ''}    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://${ip}:2380
    - --name=${p.nodeName}
    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: ${repo}/etcd:${p.etcdVersion}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/livez', 2381, 'HTTP', 8, 10, 10)}
    name: etcd
${probe('readinessProbe', '127.0.0.1', '/readyz', 2381, 'HTTP', 3, 1)}
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
${probe('startupProbe', '127.0.0.1', '/readyz', 2381, 'HTTP', 24, 10, 10)}
    volumeMounts:
${mounts([['etcd-data', '/var/lib/etcd', false], ['etcd-certs', '/etc/kubernetes/pki/etcd', false]])}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${hostPathVolumes([['etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'], ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate']])}
status: {}
`;
  const commonVolumes: [string, string, string][] = [
    ['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'],
    ['etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'],
    ['k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'],
    ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'],
    ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate'],
  ];
  const commonMounts: [string, string, boolean][] = [
    ['ca-certs', '/etc/ssl/certs', true],
    ['etc-ca-certificates', '/etc/ca-certificates', true],
    ['k8s-certs', '/etc/kubernetes/pki', true],
    ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true],
    ['usr-share-ca-certificates', '/usr/share/ca-certificates', true],
  ];
  const apiserver = `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${ip}:6443
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=${ip}
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-bootstrap-token-auth=true
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
    - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
    - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=6443
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=${p.serviceSubnet}
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: ${repo}/kube-apiserver:${p.version}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', ip, '/livez', 6443, 'HTTPS', 8, 10, 10)}
    name: kube-apiserver
${probe('readinessProbe', ip, '/readyz', 6443, 'HTTPS', 3, 1)}
    resources:
      requests:
        cpu: 250m
${probe('startupProbe', ip, '/livez', 6443, 'HTTPS', 24, 10, 10)}
    volumeMounts:
${mounts(commonMounts)}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${hostPathVolumes(commonVolumes)}
status: {}
`;
  const cm = `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-controller-manager
    - --allocate-node-cidrs=true
    - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --bind-address=127.0.0.1
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --cluster-cidr=${p.podSubnet}
    - --cluster-name=kubernetes
    - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --leader-elect=true
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=${p.serviceSubnet}
    - --use-service-account-credentials=true
    image: ${repo}/kube-controller-manager:${p.version}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 8, 10, 10)}
    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
${probe('startupProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 24, 10, 10)}
    volumeMounts:
${mounts([...commonMounts.slice(0, 2), ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false], commonMounts[2], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', true], ...commonMounts.slice(3)])}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${hostPathVolumes([...commonVolumes.slice(0, 2), ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'], commonVolumes[2], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'], ...commonVolumes.slice(3)])}
status: {}
`;
  const scheduler = `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: ${repo}/kube-scheduler:${p.version}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/livez', 10259, 'HTTPS', 8, 10, 10)}
    name: kube-scheduler
${probe('readinessProbe', '127.0.0.1', '/readyz', 10259, 'HTTPS', 3, 1)}
    resources:
      requests:
        cpu: 100m
${probe('startupProbe', '127.0.0.1', '/livez', 10259, 'HTTPS', 24, 10, 10)}
    volumeMounts:
${mounts([['kubeconfig', '/etc/kubernetes/scheduler.conf', true]])}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${hostPathVolumes([['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate']])}
status: {}
`;
  return { 'etcd.yaml': etcd, 'kube-apiserver.yaml': apiserver, 'kube-controller-manager.yaml': cm, 'kube-scheduler.yaml': scheduler };
}

export function kubeletConfigYaml(serviceSubnet = '10.96.0.0/12'): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${clusterDnsIp(serviceSubnet)}
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** Files of `kubeadm init` on the control-plane machine. */
export function writeControlPlaneFiles(m: Machine, p: ControlPlaneParams): { caPem: string; adminConf: string } {
  const pki = '/etc/kubernetes/pki';
  let caPem: string;
  if (p.sharedCertsPresent) caPem = m.rootFs.readFile(`${pki}/ca.crt`);
  else {
    caPem = encodeCertificate(caCertificate(p.issuedAt));
    write(m, `${pki}/ca.crt`, caPem, 0o644);
    write(m, `${pki}/ca.key`, FAKE_KEY('ca'));
  }
  const leaf = (name: string, c: Certificate) => {
    write(m, `${pki}/${name}.crt`, encodeCertificate(c), 0o644);
    write(m, `${pki}/${name}.key`, FAKE_KEY(name));
  };
  leaf('apiserver', cert('kube-apiserver', [], 'kubernetes', p.issuedAt, { usages: ['server'], ...apiServerAltNames(p) }));
  leaf('apiserver-kubelet-client', cert('kube-apiserver-kubelet-client', ['kubeadm:cluster-admins'], 'kubernetes', p.issuedAt));
  leaf('apiserver-etcd-client', cert('kube-apiserver-etcd-client', [], 'etcd-ca', p.issuedAt));
  if (!p.sharedCertsPresent) {
    write(m, `${pki}/front-proxy-ca.crt`, encodeCertificate(cert('front-proxy-ca', [], 'front-proxy-ca', p.issuedAt, { isCA: true })), 0o644);
    write(m, `${pki}/front-proxy-ca.key`, FAKE_KEY('front-proxy-ca'));
  }
  leaf('front-proxy-client', cert('front-proxy-client', [], 'front-proxy-ca', p.issuedAt));
  if (!p.sharedCertsPresent) {
    write(m, `${pki}/sa.key`, FAKE_KEY('sa'));
    write(m, `${pki}/sa.pub`, `-----BEGIN PUBLIC KEY-----\n${btoa('cka-lab service account public key').match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`, 0o644);
    write(m, `${pki}/etcd/ca.crt`, encodeCertificate(cert('etcd-ca', [], 'etcd-ca', p.issuedAt, { isCA: true })), 0o644);
    write(m, `${pki}/etcd/ca.key`, FAKE_KEY('etcd-ca'));
  }
  for (const [name, cn, usages] of [
    ['server', p.nodeName, ['server', 'client']],
    ['peer', p.nodeName, ['server', 'client']],
    ['healthcheck-client', 'kube-etcd-healthcheck-client', ['client']],
  ] as const) {
    write(m, `${pki}/etcd/${name}.crt`, encodeCertificate(cert(cn, [], 'etcd-ca', p.issuedAt, { usages: [...usages], dnsNames: name === 'healthcheck-client' ? [] : [p.nodeName, 'localhost'], ipAddresses: name === 'healthcheck-client' ? [] : [p.advertiseAddress, '127.0.0.1', '::1'] })), 0o644);
    write(m, `${pki}/etcd/${name}.key`, FAKE_KEY(`etcd-${name}`));
  }
  const server = `https://${p.controlPlaneEndpoint ?? `${p.advertiseAddress}:6443`}`;
  const adminConf = kubeconfig(server, caPem, 'kubernetes-admin', cert('kubernetes-admin', ['kubeadm:cluster-admins'], 'kubernetes', p.issuedAt));
  write(m, '/etc/kubernetes/admin.conf', adminConf);
  write(m, '/etc/kubernetes/super-admin.conf', kubeconfig(server, caPem, 'kubernetes-super-admin', cert('kubernetes-super-admin', ['system:masters'], 'kubernetes', p.issuedAt)));
  write(m, '/etc/kubernetes/controller-manager.conf', kubeconfig(server, caPem, 'system:kube-controller-manager', cert('system:kube-controller-manager', [], 'kubernetes', p.issuedAt)));
  write(m, '/etc/kubernetes/scheduler.conf', kubeconfig(server, caPem, 'system:kube-scheduler', cert('system:kube-scheduler', [], 'kubernetes', p.issuedAt)));
  for (const [name, text] of Object.entries(staticPodManifests(p))) write(m, `/etc/kubernetes/manifests/${name}`, text);
  m.rootFs.mkdir('/var/lib/etcd/member', { recursive: true });
  m.rootFs.chmod('/var/lib/etcd', 0o700);
  writeKubeletFiles(m, p.controlPlaneEndpoint ?? p.advertiseAddress, caPem, p.nodeName, p.issuedAt, p.version, { serviceSubnet: p.serviceSubnet, imageRepository: p.imageRepository, extraArgs: p.kubeletExtraArgs });
  // kubectl for root, as the init message suggests.
  write(m, '/root/.kube/config', adminConf);
  return { caPem, adminConf };
}

/** The cluster-wide settings a node's kubelet files follow (from the ClusterConfiguration). */
export interface KubeletFileSettings {
  serviceSubnet?: string;
  imageRepository?: string;
  /** nodeRegistration.kubeletExtraArgs, which override kubeadm's own flags of the same name. */
  extraArgs?: Array<{ name: string; value: string }>;
  /** A joined node: its kubelet wrote kubelet.conf itself after its TLS bootstrap. */
  tlsBootstrapped?: boolean;
}

/**
 * kubelet.conf: kubeadm init's names the node's user (kubeconfig phase, then kubelet-finalize
 * points it at the rotated certificate); a joined node's is the one its kubelet writes after the
 * TLS bootstrap (pkg/kubelet/certificate/bootstrap writeKubeconfigFromBootstrapping:
 * default-cluster, default-auth, default-context with namespace default), as `cat
 * /etc/kubernetes/kubelet.conf` shows it on KodeKloud's and killercoda's node01.
 */
function kubeletKubeconfig(server: string, caPem: string, nodeName: string, tlsBootstrapped: boolean): string {
  const [cluster, user, context] = tlsBootstrapped ? ['default-cluster', 'default-auth', 'default-context'] : ['kubernetes', `system:node:${nodeName}`, `system:node:${nodeName}@kubernetes`];
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${btoa(caPem)}
    server: ${server}
  name: ${cluster}
contexts:
- context:
    cluster: ${cluster}
${tlsBootstrapped ? '    namespace: default\n' : ''}    user: ${user}
  name: ${context}
current-context: ${context}
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`;
}

/** Files of the kubelet on every node (`kubeadm init` or `join`). */
export function writeKubeletFiles(m: Machine, apiAddress: string, caPem: string, nodeName: string, issuedAt: number, version: string, settings: KubeletFileSettings = {}): void {
  const server = `https://${/:\d+$/.test(apiAddress) ? apiAddress : `${apiAddress}:6443`}`;
  write(m, '/etc/kubernetes/pki/ca.crt', caPem, 0o644);
  const pem = encodeCertificate(cert(`system:node:${nodeName}`, ['system:nodes'], 'kubernetes', issuedAt));
  write(m, '/var/lib/kubelet/pki/kubelet-client-current.pem', pem + FAKE_KEY(`kubelet-${nodeName}`));
  const kubeletConf = kubeletKubeconfig(server, caPem, nodeName, settings.tlsBootstrapped ?? false);
  write(m, '/etc/kubernetes/kubelet.conf', kubeletConf);
  write(m, '/var/lib/kubelet/config.yaml', kubeletConfigYaml(settings.serviceSubnet), 0o644);
  const pause = `${settings.imageRepository ?? DEFAULT_IMAGE_REPOSITORY}/pause:3.10`;
  // kubeadm passes --hostname-override only when the node name is not the (lowercased) hostname; its flags are sorted by name.
  const flags = new Map<string, string>([['container-runtime-endpoint', 'unix:///var/run/containerd/containerd.sock']]);
  if (nodeName !== runningHostname(m).trim().toLowerCase()) flags.set('hostname-override', nodeName);
  flags.set('pod-infra-container-image', pause);
  // nodeRegistration.kubeletExtraArgs take precedence over kubeadm's own values; the list is sorted by name.
  for (const a of settings.extraArgs ?? []) flags.set(a.name, a.value);
  const args = [...flags].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => `--${k}=${v}`);
  write(m, '/var/lib/kubelet/kubeadm-flags.env', `KUBELET_KUBEADM_ARGS="${args.join(' ')}"\n`, 0o644);
  m.rootFs.mkdir('/etc/kubernetes/manifests', { recursive: true });
  void version;
}
