/**
 * The CRI endpoint the kubelet dials, and whether anything answers there: its
 * --container-runtime-endpoint (kubeadm-flags.env, or containerRuntimeEndpoint in its config file)
 * names either containerd's socket or, on a minikube node, cri-dockerd's
 * (unix:///var/run/cri-dockerd.sock, which minikube's kubeadm.yaml gives it). The kubelet's
 * messages name the path it dials; the CRI client strips the unix:// scheme
 * (cri-client util.parseEndpoint).
 *
 * cri-dockerd's socket is systemd's (cri-docker.socket, ListenStream=%t/cri-dockerd.sock, the
 * service started with --container-runtime-endpoint fd://): while the socket unit listens a dial
 * connects and systemd starts the service, so only with both units stopped is the file gone.
 */
import type { Machine } from '../machine/machine';
import { kubeletFlag } from './flags';
import { unitRecord, unitRunning } from '../systemd/unit-record';
import { CRI_DOCKERD_NO_DOCKERD, criDockerdInfoCachedUntil } from '../systemd/cri-dockerd';

const CONTAINERD_SOCKET_PATH = '/var/run/containerd/containerd.sock';

/** cri-dockerd's socket under /run or /var/run, with or without the unix:// scheme. */
const CRI_DOCKERD_ENDPOINT = /^(unix:\/\/)?(\/var)?\/run\/cri-dockerd\.sock$/;

/** The endpoint as the kubelet is configured: the flag wins over the config file. */
export function kubeletRuntimeEndpoint(machine: Machine): string | undefined {
  const flag = kubeletFlag(machine.rootFs, 'container-runtime-endpoint');
  if (flag) return flag;
  try {
    const path = kubeletFlag(machine.rootFs, 'config') ?? '/var/lib/kubelet/config.yaml';
    const m = /^containerRuntimeEndpoint:[ \t]*["']?([^"'\s]+)["']?[ \t]*$/m.exec(machine.rootFs.readFile(path));
    return m?.[1];
  } catch {
    return undefined;
  }
}

/** Does the kubelet dial cri-dockerd (its socket under /run or /var/run)? */
export function dialsCriDockerd(machine: Machine): boolean {
  return CRI_DOCKERD_ENDPOINT.test(kubeletRuntimeEndpoint(machine) ?? '');
}

/** CRI-O's socket (minikube's --container-runtime=cri-o: CRIO.SocketPath), with or without the scheme. */
const CRIO_ENDPOINT = /^(unix:\/\/)?(\/var)?\/run\/crio\/crio\.sock$/;

/** Does the kubelet dial CRI-O (answering while crio.service runs)? */
export function dialsCrio(machine: Machine): boolean {
  return CRIO_ENDPOINT.test(kubeletRuntimeEndpoint(machine) ?? '');
}

/** containerd's endpoint as the kubelet names it: kubeadm's unix:///var/run/…, minikube's unix:///run/…; kubeadm's when it names another. */
export function containerdEndpoint(machine: Machine): string {
  const endpoint = kubeletRuntimeEndpoint(machine);
  return endpoint && /^unix:\/\/(\/var)?\/run\/containerd\/containerd\.sock$/.test(endpoint) ? endpoint : `unix://${CONTAINERD_SOCKET_PATH}`;
}

/** A runtime whose socket answers but whose calls fail: cri-dockerd with dockerd down. */
export interface BackendFailure {
  /** The Status call's error, once no cached answer is left. */
  status: string;
  /** ListPodSandbox's error. */
  list: string;
  /** Until when Status still answers, given the kubelet's Status ticks (origin, period) and when the backend went. */
  statusAnswersUntil(origin: number, period: number, down: number): number;
}

export interface CriEndpoint {
  /** The socket's path as the kubelet's errors name it. */
  socketPath(): string;
  /** Does a dial connect now? */
  serving(): boolean;
  /** Why the calls fail though the socket answers, or undefined. */
  backendFailure(): BackendFailure | undefined;
}

/**
 * cri-dockerd answers but dockerd does not: docker.service and its socket both stopped (with
 * docker.socket listening, cri-dockerd's next call starts dockerd again: src/sim/systemd/cri-dockerd.ts).
 */
function criDockerdBackendFailure(machine: Machine): BackendFailure | undefined {
  if (!unitRunning(machine, 'cri-docker.service') || unitRunning(machine, 'docker.service') || unitRunning(machine, 'docker.socket')) return undefined;
  const since = unitRecord(machine, 'cri-docker.service')?.since ?? 0;
  return { ...CRI_DOCKERD_NO_DOCKERD, statusAnswersUntil: (origin, period, down) => criDockerdInfoCachedUntil(since, origin, period, down) };
}

/**
 * The kubelet's CRI endpoint on a machine. Elsewhere than cri-dockerd: containerd's socket,
 * answering while containerd.service runs (a machine without systemd or that unit: always).
 */
export function criEndpoint(machine: Machine): CriEndpoint {
  return {
    socketPath: () => (dialsCriDockerd(machine) || dialsCrio(machine) ? (kubeletRuntimeEndpoint(machine) ?? '').replace(/^unix:\/\//, '') : containerdEndpoint(machine).replace(/^unix:\/\//, '')),
    serving: () => {
      if (dialsCriDockerd(machine)) return unitRunning(machine, 'cri-docker.service') || unitRunning(machine, 'cri-docker.socket');
      if (dialsCrio(machine)) return unitRunning(machine, 'crio.service');
      return unitRecord(machine, 'containerd.service') ? unitRunning(machine, 'containerd.service') : true;
    },
    backendFailure: () => (dialsCriDockerd(machine) ? criDockerdBackendFailure(machine) : undefined),
  };
}

/**
 * Why a kubelet that dials cri-dockerd exits at start (validate service connection, cri-client's
 * dial error as for containerd's socket), or undefined: only when neither cri-dockerd's socket
 * unit nor its service runs is there no file to dial.
 */
export function criDockerdStartError(machine: Machine, isActive: (unit: string) => boolean): string | undefined {
  if (!dialsCriDockerd(machine) || isActive('cri-docker.socket') || isActive('cri-docker.service')) return undefined;
  const endpoint = kubeletRuntimeEndpoint(machine) ?? '';
  const path = endpoint.replace(/^unix:\/\//, '');
  return `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: no such file or directory"`;
}

/**
 * Who may connect to a CRI socket (a unix socket needs write permission): containerd's is
 * root:root 0660 (its config's grpc uid/gid 0); cri-dockerd's is the one systemd makes for
 * cri-docker.socket (SocketUser=root, SocketGroup=docker, SocketMode=0660, cri-dockerd v0.4.0
 * packaging/systemd/cri-docker.socket), so on a minikube node the docker user — whose primary
 * group is docker (kicbase Dockerfile: adduser --ingroup docker docker) — may, as crictl does
 * for it there; root always may.
 */
export function mayDialCriSocket(endpoint: string, user: { uid: number; groups: readonly string[] }): boolean {
  if (user.uid === 0) return true;
  return CRI_DOCKERD_ENDPOINT.test(endpoint) && user.groups.includes('docker');
}
