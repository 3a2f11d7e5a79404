/**
 * What answers `openssl s_client -connect`: the process that listens at that address on the target
 * machine (as `ss -tlnp` lists it), and what its Go TLS server presents — the certificates of the
 * file its flags name, read at the time of the connection (a renewed certificate shows its new
 * dates), and the CA names of its CertificateRequest (every Kubernetes server asks for a client
 * certificate; etcd with --client-cert-auth requires one).
 */
import type { CommandContext } from '../../shell/command';
import { getSystem, type ListenSocket, type ProcessInfo } from '../../shell/commands/lib/system';
import { certificatesIn, type Certificate } from '../../sim/pki/cert';
import type { Machine } from '../../sim/machine/machine';
import { ensureKubeletServingCert, KUBELET_SERVING_CERT, selfSignedServingPair } from '../../sim/kubelet/serving-cert';

export interface TlsServer {
  /** The certificate chain sent, leaf first. */
  chain: Certificate[];
  /** Subjects of the CAs a client certificate may come from (CertificateRequest), in the server's order. */
  clientCAs: Certificate[];
  /** The handshake fails without a client certificate (tls.RequireAndVerifyClientCert). */
  requireClientCert: boolean;
}


function readCerts(machine: Machine, path: string | undefined): Certificate[] {
  if (!path) return [];
  try {
    return certificatesIn(machine.rootFs.readFile(path));
  } catch {
    return [];
  }
}

function flag(command: string, name: string): string | undefined {
  return new RegExp(`(?:^| )--${name}=(\\S+)`).exec(command)?.[1];
}

type Profile = (machine: Machine, proc: ProcessInfo, port: number, now: number) => TlsServer;

/** kube-scheduler and kube-controller-manager: an in-memory pair made at start for "localhost" (serving.go MaybeDefaultWithSelfSignedCerts) and the cluster's client CAs. */
const inMemorySelfSigned: Profile = (machine, proc) => {
  const bind = flag(proc.command, 'bind-address') ?? '0.0.0.0';
  // The bind address joins the alternate IPs (127.0.0.1 twice with kubeadm's flags); an unspecified one adds DNS:localhost.
  const unspecified = bind === '0.0.0.0' || bind === '::';
  const pair = selfSignedServingPair('localhost', proc.startMs, unspecified ? ['127.0.0.1'] : ['127.0.0.1', bind], unspecified ? ['localhost'] : []);
  // Their client CA comes from the extension-apiserver-authentication ConfigMap: the cluster CA, then the front proxy's.
  const clientCAs = [...readCerts(machine, '/etc/kubernetes/pki/ca.crt'), ...readCerts(machine, '/etc/kubernetes/pki/front-proxy-ca.crt')];
  return { chain: pair, clientCAs, requireClientCert: false };
};

/** The serving side of each process, by the name `ss` shows for it. */
const PROFILES: Record<string, Profile> = {
  // The union of --client-ca-file and --requestheader-client-ca-file, in that order (authentication ApplyClientCert).
  'kube-apiserver': (machine, proc) => ({
    chain: readCerts(machine, flag(proc.command, 'tls-cert-file')),
    clientCAs: [...readCerts(machine, flag(proc.command, 'client-ca-file')), ...readCerts(machine, flag(proc.command, 'requestheader-client-ca-file'))],
    requireClientCert: false,
  }),
  etcd: (machine, proc, port) => {
    const listed = (name: string) => (flag(proc.command, name) ?? '').split(',').some((u) => u.endsWith(`:${port}`));
    // The metrics port speaks plain HTTP.
    if (listed('listen-metrics-urls')) return { chain: [], clientCAs: [], requireClientCert: false };
    const peer = listed('listen-peer-urls');
    const p = peer ? 'peer-' : '';
    return {
      chain: readCerts(machine, flag(proc.command, `${p}cert-file`)),
      clientCAs: readCerts(machine, flag(proc.command, `${p}trusted-ca-file`)),
      requireClientCert: flag(proc.command, `${p}client-cert-auth`) === 'true',
    };
  },
  kubelet: (machine, _proc, port, now) => {
    // 10248 is its plain HTTP healthz port.
    if (port !== 10250) return { chain: [], clientCAs: [], requireClientCert: false };
    // A world saved before the kubelet wrote its serving certificate gets it now, as a start would.
    ensureKubeletServingCert(machine, now);
    const config = (() => {
      try {
        return machine.rootFs.readFile('/var/lib/kubelet/config.yaml');
      } catch {
        return '';
      }
    })();
    const tlsCert = /^tlsCertFile:\s*(\S+)/m.exec(config)?.[1] ?? KUBELET_SERVING_CERT;
    const clientCA = /clientCAFile:\s*(\S+)/.exec(config)?.[1];
    return { chain: readCerts(machine, tlsCert), clientCAs: readCerts(machine, clientCA), requireClientCert: false };
  },
  'kube-scheduler': inMemorySelfSigned,
  'kube-controller': inMemorySelfSigned,
};

/** Whether a socket bound to `bound` accepts a connection to `ip` (wildcards take any address). */
function accepts(bound: string, ip: string): boolean {
  return bound === '*' || bound === '0.0.0.0' || bound === '[::]' || bound === ip;
}

export type Landing = { kind: 'tls'; server: TlsServer } | { kind: 'plain' } | { kind: 'refused' };

/** Where a connection to ip:port on `machine` lands (ip is 127.0.0.1 for a loopback connection). */
export function landOn(ctx: CommandContext, machine: Machine, ip: string, port: number): Landing {
  const there = { ...ctx, machine, host: machine.hostname } as CommandContext;
  const sockets: ListenSocket[] = getSystem().sockets(there);
  const socket = sockets.find((s) => s.port === port && accepts(s.address, ip));
  if (!socket) return { kind: 'refused' };
  const proc = getSystem().processes(there).find((p) => p.pid === socket.process?.pid);
  const profile = socket.process && PROFILES[socket.process.name];
  // Other listeners (sshd, the kubelet's and kube-proxy's plain HTTP ports) do not speak TLS.
  if (!proc || !profile) return { kind: 'plain' };
  const server = profile(machine, proc, port, ctx.clock.now());
  return server.chain.length ? { kind: 'tls', server } : { kind: 'plain' };
}
