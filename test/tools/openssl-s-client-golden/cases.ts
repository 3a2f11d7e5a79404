/**
 * `openssl s_client` golden cases: command lines as a learner types them on cka01, and for the
 * recorder, which real server stands for each cluster endpoint (an `openssl s_server` shaped like the
 * Go server there: its certificate chain, whether it asks for a client certificate and with which CA
 * names, the signature algorithms and cipher Go picks).
 */
import type { CertSpec } from '../openssl-golden/cases';
import { ADMIN, APISERVER, CA, FRONT_PROXY_CA } from '../openssl-golden/cases';

export const ETCD_CA: CertSpec = { file: 'etcd-ca.crt', keyFile: 'etcd-ca.key', commonName: 'etcd-ca', organizations: [], isCA: true, usages: [], dnsNames: ['etcd-ca'], ipAddresses: [], days: 3650 };
export const ETCD_SERVER: CertSpec = { file: 'etcd-server.crt', keyFile: 'etcd-server.key', commonName: 'cka01', organizations: [], isCA: false, usages: ['server', 'client'], dnsNames: ['cka01', 'localhost'], ipAddresses: ['192.168.6.171', '127.0.0.1', '::1'], days: 365 };
export const ETCD_CLIENT: CertSpec = { file: 'etcd-healthcheck-client.crt', keyFile: 'etcd-healthcheck-client.key', commonName: 'kube-etcd-healthcheck-client', organizations: [], isCA: false, usages: ['client'], dnsNames: [], ipAddresses: [], days: 365 };

/** client-go's GenerateSelfSignedCertKey: a CA `<host>-ca@<unix>` (no SAN) and a leaf `<host>@<unix>` it signs. */
export function selfSignedPair(host: string, unix: number, dnsNames: string[], ipAddresses: string[]): [CertSpec, CertSpec] {
  const ca: CertSpec = { file: `${host}-ca.crt`, keyFile: `${host}-ca.key`, commonName: `${host}-ca@${unix}`, organizations: [], isCA: true, usages: [], dnsNames: [], ipAddresses: [], days: 365 };
  const leaf: CertSpec = { file: `${host}-leaf.crt`, keyFile: `${host}-leaf.key`, commonName: `${host}@${unix}`, organizations: [], isCA: false, usages: ['server'], dnsNames, ipAddresses, days: 365 };
  return [ca, leaf];
}

export interface ServerSpec {
  /** The endpoint as typed in the simulator. */
  endpoint: string;
  /** Where the recorder's s_server listens instead. */
  local: string;
  cert: CertSpec;
  /** Certificates sent after the leaf (the self-signed servers send their CA). */
  chain?: CertSpec;
  /** CA names of the CertificateRequest; `require` fails the handshake without a client certificate. */
  clientCAs: CertSpec[];
  require: boolean;
}

const [KUBELET_CA, KUBELET] = selfSignedPair('cka01', 1736928000, ['cka01'], []);
const [SCHEDULER_CA, SCHEDULER] = selfSignedPair('localhost', 1736928000, ['localhost'], ['127.0.0.1', '127.0.0.1']);

export const SERVERS: ServerSpec[] = [
  { endpoint: '192.168.6.171:6443', local: '127.0.0.1:18443', cert: APISERVER, clientCAs: [CA, FRONT_PROXY_CA], require: false },
  { endpoint: 'cka01:6443', local: 'localhost:18443', cert: APISERVER, clientCAs: [CA, FRONT_PROXY_CA], require: false },
  { endpoint: '192.168.6.171:2379', local: '127.0.0.1:18379', cert: ETCD_SERVER, clientCAs: [ETCD_CA], require: true },
  { endpoint: '127.0.0.1:10250', local: '127.0.0.1:18250', cert: KUBELET, chain: KUBELET_CA, clientCAs: [CA], require: false },
  { endpoint: '127.0.0.1:10259', local: '127.0.0.1:18259', cert: SCHEDULER, chain: SCHEDULER_CA, clientCAs: [CA, FRONT_PROXY_CA], require: false },
];

/** Certificates the recorder makes, each with its issuer (none: self-signed). */
export const S_CLIENT_CERTS: [CertSpec, CertSpec | undefined][] = [
  [CA, undefined],
  [FRONT_PROXY_CA, undefined],
  [APISERVER, CA],
  [ADMIN, CA],
  [ETCD_CA, undefined],
  [ETCD_SERVER, ETCD_CA],
  [ETCD_CLIENT, ETCD_CA],
  [KUBELET_CA, undefined],
  [KUBELET, KUBELET_CA],
  [SCHEDULER_CA, undefined],
  [SCHEDULER, SCHEDULER_CA],
];

/** Paths on cka01 and the recorder's file for each. */
export const PATHS: Record<string, string> = {
  '/etc/kubernetes/pki/ca.crt': CA.file,
  '/etc/kubernetes/pki/etcd/ca.crt': ETCD_CA.file,
  '/etc/kubernetes/pki/etcd/healthcheck-client.crt': ETCD_CLIENT.file,
  '/etc/kubernetes/pki/etcd/healthcheck-client.key': ETCD_CLIENT.keyFile,
};

export const S_CLIENT_CASES: { name: string; command: string }[] = [
  { name: 'apiserver', command: 'openssl s_client -connect 192.168.6.171:6443 </dev/null' },
  { name: 'apiserver-dates', command: 'openssl s_client -connect 192.168.6.171:6443 </dev/null 2>/dev/null | openssl x509 -noout -dates' },
  { name: 'apiserver-showcerts', command: 'openssl s_client -connect 192.168.6.171:6443 -showcerts </dev/null' },
  { name: 'apiserver-cafile', command: 'openssl s_client -connect 192.168.6.171:6443 -CAfile /etc/kubernetes/pki/ca.crt </dev/null' },
  { name: 'apiserver-hostname', command: 'openssl s_client -connect cka01:6443 -CAfile /etc/kubernetes/pki/ca.crt </dev/null 2>&1 | grep -v "^ *<"' },
  { name: 'apiserver-brief', command: 'openssl s_client -connect 192.168.6.171:6443 -brief </dev/null' },
  { name: 'apiserver-verify-error', command: 'openssl s_client -connect 192.168.6.171:6443 -verify_return_error </dev/null' },
  // Input that stays open a moment lets the session ticket arrive before the end of input.
  { name: 'ticket', command: 'sleep 1 | openssl s_client -connect 192.168.6.171:6443 -CAfile /etc/kubernetes/pki/ca.crt 2>/dev/null | sed -n "/^Verify return code/,\\$p"' },
  { name: 'kubelet', command: 'echo | openssl s_client -connect 127.0.0.1:10250 2>/dev/null | openssl x509 -noout -subject -issuer -ext subjectAltName' },
  { name: 'kubelet-chain', command: 'openssl s_client -connect 127.0.0.1:10250 </dev/null 2>&1 | sed -n "1,20p"' },
  { name: 'scheduler', command: 'openssl s_client -connect 127.0.0.1:10259 </dev/null 2>/dev/null | openssl x509 -noout -subject -issuer -ext subjectAltName' },
  { name: 'etcd', command: 'openssl s_client -connect 192.168.6.171:2379 </dev/null' },
  { name: 'etcd-client-cert', command: 'openssl s_client -connect 192.168.6.171:2379 -cert /etc/kubernetes/pki/etcd/healthcheck-client.crt -key /etc/kubernetes/pki/etcd/healthcheck-client.key -CAfile /etc/kubernetes/pki/etcd/ca.crt </dev/null' },
  { name: 'refused', command: 'openssl s_client -connect 192.168.6.172:6443 </dev/null' },
  { name: 'unknown-host', command: 'openssl s_client -connect nosuchhost:443 </dev/null' },
  { name: 'unknown-option', command: 'openssl s_client -connect 192.168.6.171:6443 -bogus' },
  { name: 'needs-value', command: 'openssl s_client -connect' },
];
