/**
 * Docker Engine on a machine: its configuration (/etc/docker/daemon.json), the cgroup driver it
 * uses, what dockerd does when systemd starts it, and which runtime a kubelet of a given minor
 * talks to. Before v1.24 the kubelet drives Docker through its built-in dockershim; from v1.24
 * dockershim is gone and only a CRI endpoint (containerd, CRI-O, cri-dockerd) will do.
 */
import type { Machine } from '../machine/machine';
import type { ServiceBehaviour, ServiceEnv } from './services';
import { loadUnit } from './units';
import { dialsCrio, kubeletRuntimeEndpoint } from '../kubelet/cri-endpoint';

export interface DockerConfig {
  ok: true;
  cgroupDriver: 'cgroupfs' | 'systemd';
  registryMirrors: string[];
  liveRestore: boolean;
  logDriver: string;
}

export type DockerConfigResult = DockerConfig | { ok: false; error: string };

/** Go's encoding/json message for the first syntax error of a document (the cases hand edits produce). */
export function goJsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // Walk to the failing character: a trailing comma, a missing comma, or truncated input.
    const stripped = text.replace(/\s+$/, '');
    const trailing = /,\s*([}\]])/.exec(text);
    if (trailing) return `invalid character '${trailing[1]}' looking for beginning of ${trailing[1] === '}' ? 'object key string' : 'value'}`;
    const missingComma = /("|\d|true|false|null|[}\]])\s*\n\s*(")/.exec(text);
    if (missingComma) return `invalid character '"' after object key:value pair`;
    const single = /'/.exec(text);
    if (single) return `invalid character '\\'' looking for beginning of object key string`;
    if (!/[}\]]$/.test(stripped)) return 'unexpected end of JSON input';
    return 'invalid character looking for beginning of value';
  }
}

export function dockerConfig(machine: Machine): DockerConfigResult {
  let text = '';
  try {
    text = machine.rootFs.readFile('/etc/docker/daemon.json');
  } catch {
    return { ok: true, cgroupDriver: 'cgroupfs', registryMirrors: [], liveRestore: false, logDriver: 'json-file' };
  }
  if (!text.trim()) return { ok: true, cgroupDriver: 'cgroupfs', registryMirrors: [], liveRestore: false, logDriver: 'json-file' };
  const err = goJsonError(text);
  if (err) return { ok: false, error: `unable to configure the Docker daemon with file /etc/docker/daemon.json: ${err}` };
  const cfg = JSON.parse(text) as Record<string, unknown>;
  const opts = Array.isArray(cfg['exec-opts']) ? (cfg['exec-opts'] as unknown[]).map(String) : [];
  const driverOpt = opts.map((o) => /^native\.cgroupdriver=(\S+)$/.exec(o)?.[1]).find(Boolean);
  if (driverOpt && driverOpt !== 'systemd' && driverOpt !== 'cgroupfs') return { ok: false, error: `failed to start daemon: Error initializing network controller: native.cgroupdriver option ${driverOpt} not supported` };
  return {
    ok: true,
    cgroupDriver: (driverOpt as 'systemd' | 'cgroupfs' | undefined) ?? 'cgroupfs',
    registryMirrors: Array.isArray(cfg['registry-mirrors']) ? (cfg['registry-mirrors'] as unknown[]).map(String) : [],
    liveRestore: cfg['live-restore'] === true,
    logDriver: typeof cfg['log-driver'] === 'string' ? (cfg['log-driver'] as string) : 'json-file',
  };
}

/** Version of an installed package ('3:19.03.15-3.el7' → '19.03.15'). */
export function packageVersion(machine: Machine, name: string): string | undefined {
  const v = (machine.ext.packages as { installed?: Record<string, { version: string }> } | undefined)?.installed?.[name]?.version;
  return v?.replace(/^\d+:/, '').replace(/[-~].*$/, '');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export const dockerd: ServiceBehaviour = {
  start(env: ServiceEnv) {
    const t = stamp(env.now);
    const cfg = dockerConfig(env.machine);
    if (!cfg.ok) return { ok: false, exitStatus: 1, logs: [cfg.error] };
    if (!env.isActive('containerd.service')) {
      return { ok: false, exitStatus: 1, logs: [`failed to start daemon: error while opening volume store metadata database: timeout`, `time="${t}" level=info msg="Starting up"`] };
    }
    const version = dockerEngineVersion(env.machine);
    // dockerd makes its configuration directory; before 23.0 it also writes its libtrust key there.
    const fs = env.machine.rootFs;
    if (!fs.stat('/etc/docker')) fs.mkdir('/etc/docker', { recursive: true });
    if (Number(version.split('.')[0]) < 23 && !fs.stat('/etc/docker/key.json')) {
      fs.writeFile('/etc/docker/key.json', `{"crv":"P-256","d":"${'x'.repeat(43)}","kid":"${env.machine.hostname.toUpperCase()}:ABCD:EFGH","kty":"EC","x":"${'y'.repeat(43)}","y":"${'z'.repeat(43)}"}\n`);
      fs.chmod('/etc/docker/key.json', 0o600);
    }
    return {
      ok: true,
      // Type=notify: "Started" once it listens on its API socket, after these lines.
      readyAfterMs: 0,
      logs: [
        `time="${t}" level=info msg="Starting up"`,
        `time="${t}" level=info msg="Loading containers: start."`,
        `time="${t}" level=info msg="Loading containers: done."`,
        `time="${t}" level=info msg="Docker daemon" commit=${DOCKER_COMMITS[version.split('.').slice(0, 2).join('.')] ?? '99e3ed8'} graphdriver(s)=overlay2 version=${version}`,
        `time="${t}" level=info msg="Daemon has completed initialization"`,
        `time="${t}" level=info msg="API listen on /var/run/docker.sock"`,
      ],
    };
  },
};

export const DOCKER_COMMITS: Record<string, string> = { '19.03': '99e3ed8', '20.10': '5d6db84', '23.0': '9dbdbd4', '24.0': 'fca702d', '25.0': 'e63daec', '26.1': 'de5c9cf', '27.5': '4c9b3b0', '28.1': '4eba377', '28.3': 'bea959c' };

export interface NodeRuntime {
  kind: 'containerd' | 'docker' | 'cri-o';
  /** The CRI socket kubeadm uses (criSocket). */
  socket: string;
}

/** cri-dockerd's socket (cri-docker.socket: ListenStream=%t/cri-dockerd.sock), as minikube's /etc/crictl.yaml and kubelet name it. */
export const CRI_DOCKERD_SOCKET = 'unix:///var/run/cri-dockerd.sock';

/**
 * The runtime a kubelet of this minor uses on the machine: Docker through dockershim before v1.24
 * when Docker Engine is installed (kubeadm finds /var/run/docker.sock and prefers it over the
 * containerd that Docker itself runs); from v1.24 Docker through cri-dockerd where that shim is
 * installed and not masked (minikube's docker runtime), containerd otherwise.
 */
export function nodeRuntime(machine: Machine, kubeletMinor: number): NodeRuntime {
  // minikube's cri-o runtime: the kubelet is pointed at CRI-O's socket.
  if (dialsCrio(machine)) return { kind: 'cri-o', socket: kubeletRuntimeEndpoint(machine) ?? 'unix:///var/run/crio/crio.sock' };
  const hasDocker = !!machine.rootFs.stat('/usr/bin/dockerd');
  if (kubeletMinor < 24 && hasDocker) return { kind: 'docker', socket: '/var/run/dockershim.sock' };
  // minikube's other runtimes mask cri-docker.service (cruntime Docker.Disable): the shim stays installed, unused.
  if (hasDocker && machine.rootFs.stat('/usr/bin/cri-dockerd') && !loadUnit(machine.rootFs, 'cri-docker.service')?.masked) return { kind: 'docker', socket: CRI_DOCKERD_SOCKET };
  return { kind: 'containerd', socket: 'unix:///var/run/containerd/containerd.sock' };
}

/** Docker Engine's version on the machine (the docker-ce or docker.io package), 19.03.15 when none is recorded. */
export function dockerEngineVersion(machine: Machine): string {
  return packageVersion(machine, 'docker-ce') ?? packageVersion(machine, 'docker.io') ?? '19.03.15';
}

/**
 * What the runtime answers to CRI Version and the kubelet prints as `<name>://<version>` (node
 * containerRuntimeVersion, container IDs): dockershim and cri-dockerd both answer "docker" and
 * Docker Engine's version (cri-dockerd core/docker_service.go Version), containerd its own.
 */
export function criRuntimeIdentity(machine: Machine, kubeletMinor: number, containerdVersion: string): { name: string; version: string } {
  const kind = nodeRuntime(machine, kubeletMinor).kind;
  // CRI-O answers RuntimeName "cri-o" and its version (1.24.6~0 on kicbase: 1.24.6).
  if (kind === 'cri-o') return { name: 'cri-o', version: packageVersion(machine, 'cri-o') ?? '1.24.6' };
  return { name: kind, version: kubeletVersionString(kind === 'docker' ? dockerEngineVersion(machine) : containerdVersion) };
}

/** The kubelet reads the runtime's version as a semantic version, else a generic one (kuberuntime newRuntimeVersion), and prints it back: 19.03.15 (not semver: leading zero) becomes 19.3.15. */
function kubeletVersionString(v: string): string {
  return /^\d+\.\d+\.\d+$/.test(v) && /\.0\d/.test(v) ? v.split('.').map(Number).join('.') : v;
}

/** The kubelet's cgroup driver: a --cgroup-driver flag (kubeadm-flags.env, /etc/sysconfig/kubelet, /etc/default/kubelet) wins over the config file; the kubelet's own default is cgroupfs. */
export function kubeletCgroupDriver(machine: Machine): 'systemd' | 'cgroupfs' {
  for (const file of ['/var/lib/kubelet/kubeadm-flags.env', '/etc/sysconfig/kubelet', '/etc/default/kubelet']) {
    try {
      const m = /--cgroup-driver[= ](systemd|cgroupfs)/.exec(machine.rootFs.readFile(file));
      if (m) return m[1] as 'systemd' | 'cgroupfs';
    } catch {
      /* no such file */
    }
  }
  try {
    return /^\s*cgroupDriver:\s*systemd\s*$/m.test(machine.rootFs.readFile('/var/lib/kubelet/config.yaml')) ? 'systemd' : 'cgroupfs';
  } catch {
    return 'cgroupfs';
  }
}

/** Why a kubelet of this minor cannot use Docker (dockershim before v1.24, its flags after), or undefined. */
export function kubeletDockerError(machine: Machine, minor: number, dockerActive: boolean): string | undefined {
  let flags = '';
  try {
    flags = machine.rootFs.readFile('/var/lib/kubelet/kubeadm-flags.env');
  } catch {
    /* no flags file */
  }
  if (minor >= 24) {
    // Flags written for dockershim by an older kubeadm are gone from the v1.24 kubelet; --container-runtime from v1.27.
    if (/--network-plugin[= ]/.test(flags)) return 'failed to parse kubelet flag: unknown flag: --network-plugin';
    if (minor >= 27 && /--container-runtime[= ]/.test(flags)) return 'failed to parse kubelet flag: unknown flag: --container-runtime';
    if (/dockershim\.sock/.test(flags)) return 'failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/dockershim.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/dockershim.sock: connect: no such file or directory"';
    return undefined;
  }
  if (nodeRuntime(machine, minor).kind !== 'docker' || /--container-runtime=remote/.test(flags)) return undefined;
  if (!dockerActive) return 'failed to run Kubelet: failed to create kubelet: failed to get docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
  const cfg = dockerConfig(machine);
  const docker = cfg.ok ? cfg.cgroupDriver : 'cgroupfs';
  const kubelet = kubeletCgroupDriver(machine);
  if (docker !== kubelet) return `failed to run Kubelet: misconfiguration: kubelet cgroup driver: "${kubelet}" is different from docker cgroup driver: "${docker}"`;
  return undefined;
}

/**
 * kubeadm's preflight checks of the Docker path (v1.23 and older): the Docker service, its cgroup
 * driver, and Docker as the runtime (`docker info`), with the texts kubeadm prints.
 */
export function dockerPreflight(machine: Machine, dockerActive: boolean, dockerEnabled: boolean): { warnings: Array<[string, string]>; errors: Array<[string, string]> } {
  const warnings: Array<[string, string]> = [];
  const errors: Array<[string, string]> = [];
  if (!dockerEnabled) warnings.push(['Service-Docker', "docker service is not enabled, please run 'systemctl enable docker.service'"]);
  if (!dockerActive) {
    errors.push(['CRI', 'container runtime is not running: output: Client:\n Debug Mode: false\n\nServer:\nERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\nerrors pretty printing info\n, error: exit status 1']);
    errors.push(['Service-Docker', 'docker service is not active, please run \'systemctl start docker.service\'']);
    errors.push(['IsDockerSystemdCheck', 'cannot execute \'docker info -f {{.CgroupDriver}}\': exit status 2']);
    return { warnings, errors };
  }
  const cfg = dockerConfig(machine);
  if (cfg.ok && cfg.cgroupDriver === 'cgroupfs') warnings.push(['IsDockerSystemdCheck', 'detected "cgroupfs" as the Docker cgroup driver. The recommended driver is "systemd". Please follow the guide at https://kubernetes.io/docs/setup/cri/']);
  const version = packageVersion(machine, 'docker-ce') ?? packageVersion(machine, 'docker.io');
  if (version && !version.startsWith('19.03') && !/^1[78]\./.test(version)) warnings.push(['SystemVerification', `this Docker version is not on the list of validated versions: ${version}. Latest validated version: 19.03`]);
  return { warnings, errors };
}
