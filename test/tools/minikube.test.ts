import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshWorld, run } from './helpers';
import { World, type WorldJSON } from '../../src/sim/world';
import { parseArgs, parseMemoryMiB } from '../../src/tools/minikube/args';
import { suggestedMemoryMiB } from '../../src/tools/minikube/start';
import { attachedWorlds } from '../../src/runtime/attached-worlds';
import { runScript } from '../../src/runtime/session';

const INSTALL =
  'curl -sLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.33.1/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl\n' +
  'cd /tmp && curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && install minikube-linux-amd64 /usr/local/bin/minikube';
// The docker.io package's postinst creates the group on Ubuntu; create it when the package did not.
const DOCKER = 'apt-get install -y docker.io >/dev/null 2>&1\ngetent group docker >/dev/null || groupadd docker\nusermod -aG docker ubuntu';

let installed: WorldJSON | undefined;
let withDocker: WorldJSON | undefined;

const copy = (j: WorldJSON) => World.fromJSON(JSON.parse(JSON.stringify(j)) as WorldJSON);

/** cka01 with kubectl and minikube installed, no Docker. */
async function minikubeInstalled(): Promise<World> {
  if (!installed) {
    const w = freshWorld();
    const r = await run(w, INSTALL);
    expect(r.status).toBe(0);
    installed = w.toJSON();
  }
  return copy(installed);
}

/** … and Docker, with ubuntu in the docker group. */
async function dockerReady(): Promise<World> {
  if (!withDocker) {
    const w = await minikubeInstalled();
    await run(w, DOCKER);
    withDocker = w.toJSON();
  }
  return copy(withDocker);
}

const START_OUTPUT = [
  '😄  minikube v1.36.0 on Ubuntu 22.04',
  '✨  Using the docker driver based on user configuration',
  '👍  Starting "minikube" primary control-plane node in "minikube" cluster',
  '🚜  Pulling base image v0.0.47 ...',
  '💾  Downloading Kubernetes v1.33.1 preload ...',
  '🔥  Creating docker container (CPUs=2, Memory=2200MB) ...',
  '🐳  Preparing Kubernetes v1.33.1 on Docker 28.1.1 ...',
  '    ▪ Generating certificates and keys ...',
  '    ▪ Booting up control plane ...',
  '    ▪ Configuring RBAC rules ...',
  '🔗  Configuring bridge CNI (Container Networking Interface) ...',
  '🔎  Verifying Kubernetes components...',
  '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5',
  '🌟  Enabled addons: storage-provisioner, default-storageclass',
  '🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default',
  '',
].join('\n');

const STATUS_RUNNING = 'minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n';

describe('minikube: installation and refusals', () => {
  it('is not there until its release binary is installed', async () => {
    const w = freshWorld();
    const before = await run(w, 'minikube version');
    expect(before.status).toBe(127);
    await run(w, INSTALL);
    const after = await run(w, 'minikube version; ls /tmp/minikube-linux-amd64');
    expect(after.stdout).toBe('minikube version: v1.36.0\ncommit: f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty\n/tmp/minikube-linux-amd64\n');
  });

  it('without Docker: no driver detected, or the docker provider not found', async () => {
    const w = await minikubeInstalled();
    const auto = await run(w, 'minikube start', { user: 'ubuntu' });
    expect(auto.status).toBe(55);
    // The reason goes to stderr, its blank lines to stdout (out_reason.go displayText).
    expect(auto.stderr).toContain('❌  Exiting due to DRV_NOT_DETECTED: No possible driver was detected.');
    const docker = await run(w, 'minikube start --driver=docker', { user: 'ubuntu' });
    expect(docker.status).toBe(65);
    expect(docker.stdout).toBe('😄  minikube v1.36.0 on Ubuntu 22.04\n✨  Using the docker driver based on user configuration\n\n\n');
    expect(docker.stderr).toBe(
      `🤷  Exiting due to PROVIDER_DOCKER_NOT_FOUND: The 'docker' provider was not found: exec: "docker": executable file not found in $PATH\n` +
        '💡  Suggestion: Install Docker\n📘  Documentation: https://minikube.sigs.k8s.io/docs/drivers/docker/\n',
    );
    expect(attachedWorlds(w).list()).toEqual([]);
  });

  it('refuses the docker driver as root unless --force', async () => {
    const w = await dockerReady();
    const r = await run(w, 'minikube start --driver=docker');
    expect(r.status).toBe(57);
    expect(r.stdout).toBe(
      '😄  minikube v1.36.0 on Ubuntu 22.04\n✨  Using the docker driver based on user configuration\n' +
        '🛑  The "docker" driver should not be used with root privileges. If you wish to continue as root, use --force.\n' +
        '💡  If you are running minikube within a VM, consider using --driver=none:\n📘    https://minikube.sigs.k8s.io/docs/reference/drivers/none/\n\n\n',
    );
    expect(r.stderr).toBe('❌  Exiting due to DRV_AS_ROOT: The "docker" driver should not be used with root privileges.\n');
    const forced = await run(w, 'minikube start --driver=docker --force >/dev/null; echo rc=$?; minikube ip');
    expect(forced.stdout).toBe('rc=0\n192.168.49.2\n');
  });

  it('an unknown Kubernetes version is refused before anything is created', async () => {
    const w = await dockerReady();
    const r = await run(w, 'minikube start --kubernetes-version=v1.33.9 2>&1 | tail -3; echo rc=${PIPESTATUS[0]}', { user: 'ubuntu' });
    expect(r.stdout).toBe('\n❌  Exiting due to K8S_VERSION_NOT_FOUND: Kubernetes version v1.33.9 not found\n\nrc=109\n');
    expect(attachedWorlds(w).list()).toEqual([]);
  });

  it('a user outside the docker group cannot reach the daemon', async () => {
    const w = await minikubeInstalled();
    await run(w, 'apt-get install -y docker.io >/dev/null 2>&1; getent group docker >/dev/null || groupadd docker');
    const r = await run(w, 'minikube start --driver=docker', { user: 'ubuntu' });
    expect(r.status).toBe(67);
    expect(r.stderr).toContain('Exiting due to PROVIDER_DOCKER_NEWGRP');
  });
});

describe('minikube: a cluster of its own', () => {
  it('start prints minikube\'s lines, writes the context, and kubectl reaches the node minikube', async () => {
    const w = await dockerReady();
    const r = await run(w, 'minikube start --driver=docker --kubernetes-version=v1.33.1', { user: 'ubuntu' });
    expect(r.stdout).toBe(START_OUTPUT);
    expect(r.status).toBe(0);
    const k = await run(w, 'kubectl config current-context; kubectl config view -o jsonpath="{.clusters[0].cluster.server} {.users[0].user.client-certificate}"; echo; kubectl get nodes --no-headers | awk \'{print $1, $2, $3, $5}\'; kubectl get sc --no-headers | awk \'{print $1, $2, $3}\'; kubectl get pods -n kube-system --no-headers | awk \'{print $1}\' | grep -E "minikube$|^storage"; kubectl get pods -n kube-system --no-headers | grep -c -E "^(coredns|kube-proxy)-"', { user: 'ubuntu' });
    expect(k.stdout).toBe(
      'minikube\nhttps://192.168.49.2:8443 /home/ubuntu/.minikube/profiles/minikube/client.crt\nminikube Ready control-plane v1.33.1\nstandard (default) k8s.io/minikube-hostpath\n' +
        'etcd-minikube\nkube-apiserver-minikube\nkube-controller-manager-minikube\nkube-scheduler-minikube\nstorage-provisioner\n2\n',
    );
    const s = await run(w, 'minikube status; echo rc=$?; minikube node list; minikube kubectl -- get nodes --no-headers | cut -d" " -f1', { user: 'ubuntu' });
    expect(s.stdout).toBe(`${STATUS_RUNNING}rc=0\nminikube\t192.168.49.2\nminikube\n`);
    // The machine's own world gained nothing: the node is in the attached world.
    expect(w.resolveHost('minikube')).toBeUndefined();
  });

  it('stop: status Stopped (exit 7), kubectl is refused; start brings it back', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker >/dev/null', { user: 'ubuntu' });
    const r = await run(w, 'minikube stop; minikube status; echo rc=$?; kubectl get nodes', { user: 'ubuntu' });
    expect(r.stdout).toBe(
      '✋  Stopping node "minikube"  ...\n🛑  Powering off "minikube" via SSH ...\n🛑  1 node stopped.\n' +
        'minikube\ntype: Control Plane\nhost: Stopped\nkubelet: Stopped\napiserver: Stopped\nkubeconfig: Stopped\n\nrc=7\n',
    );
    expect(r.stderr).toContain('The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?\n');
    const again = await run(w, 'minikube start >/dev/null; minikube status | grep apiserver; kubectl get nodes --no-headers | cut -d" " -f1', { user: 'ubuntu' });
    expect(again.stdout).toBe('apiserver: Running\nminikube\n');
  });

  it('survives save and restore with its workloads', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker >/dev/null\nkubectl create deployment web --image=nginx --replicas=2 >/dev/null', { user: 'ubuntu' });
    const restored = copy(w.toJSON());
    const r = await run(restored, 'sleep 30; kubectl get deploy web --no-headers | awk \'{print $1, $2}\'; minikube status | grep host', { user: 'ubuntu' });
    expect(r.stdout).toBe('web 2/2\nhost: Running\n');
  });

  it('delete removes the cluster and its context', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker >/dev/null', { user: 'ubuntu' });
    const r = await run(w, 'minikube delete; kubectl config get-contexts -o name; minikube status; echo rc=$?', { user: 'ubuntu' });
    expect(r.stdout).toBe(
      '🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /home/ubuntu/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n' +
        '🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\nrc=85\n',
    );
    expect(attachedWorlds(w).list()).toEqual([]);
  });

  it('--nodes 2 adds minikube-m02, and pods land on it', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker --nodes 2 >/dev/null', { user: 'ubuntu' });
    const r = await run(w, 'minikube node list; kubectl get nodes --no-headers | awk \'{print $1, $2}\'; minikube profile list | sed -n 4p', { user: 'ubuntu' });
    expect(r.stdout).toBe(
      'minikube\t192.168.49.2\nminikube-m02\t192.168.49.3\nminikube Ready\nminikube-m02 Ready\n' +
        '| minikube | docker    | docker  | 192.168.49.2 | 8443 | v1.33.1 | OK     |     2 | *              | *                  |\n',
    );
    // cni.chooseDefault: several nodes get kindnet (a pod on each), not the bridge.
    const cni = await run(w, "kubectl -n kube-system get pods -l app=kindnet -o wide --no-headers | awk '{print $7}' | sort", { user: 'ubuntu' });
    expect(cni.stdout).toBe('minikube\nminikube-m02\n');
  });

  it('addons enable applies the add-on through the API; list shows it enabled', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker >/dev/null', { user: 'ubuntu' });
    const r = await run(w, 'minikube addons enable metrics-server | tail -1; kubectl -n kube-system get deploy metrics-server --no-headers | cut -d" " -f1; minikube addons list | grep -E "metrics-server|dashboard "', { user: 'ubuntu' });
    expect(r.stdout).toBe(
      "🌟  The 'metrics-server' addon is enabled\nmetrics-server\n" +
        '| dashboard                   | minikube | disabled   | Kubernetes                             |\n' +
        '| metrics-server              | minikube | enabled ✅ | Kubernetes                             |\n',
    );
    const bad = await run(w, 'minikube addons enable nope; echo rc=$?', { user: 'ubuntu' });
    expect(bad.stdout).toBe('\n\nrc=10\n');
    expect(bad.stderr).toBe('❌  Exiting due to MK_ADDON_ENABLE: run callbacks: nope is not a valid addon\n');
  });

  it('ssh reaches the node as user docker; stopped, it is not reachable', async () => {
    const w = await dockerReady();
    await run(w, 'minikube start --driver=docker >/dev/null', { user: 'ubuntu' });
    // The system session (CLI, browser) resolves the node's address through its remoteHost hook.
    const r = await runScript(w, 'cka01', 'minikube ssh -- whoami; minikube ssh -- hostname -I; minikube ssh -n minikube -- cat /etc/cni/net.d/1-k8s.conflist | grep -c bridge', 'ubuntu');
    expect(r.stdout).toBe('docker\n192.168.49.2 \n3\n');
    const stopped = await run(w, 'minikube stop >/dev/null; minikube ssh -- hostname; echo rc=$?', { user: 'ubuntu' });
    expect(stopped.stdout).toBe('🤷  The control-plane node minikube host is not running: state=Stopped\n👉  To start a cluster, run: "minikube start"\nrc=83\n');
  });

  it('commands on a missing profile and unknown commands fail like minikube', async () => {
    const w = await dockerReady();
    const r = await run(w, 'minikube ip; echo rc=$?; minikube frobnicate; echo rc=$?', { user: 'ubuntu' });
    expect(r.stdout).toBe('🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\nrc=85\nrc=14\n');
    expect(r.stderr).toBe('Error: unknown command "frobnicate" for "minikube"\nRun \'minikube --help\' for usage.\n');
  });
});

describe('minikube: argument parsing', () => {
  it('value flags take = or the next word; the rest are booleans', () => {
    const p = parseArgs(['start', '--driver', 'docker', '--nodes=2', '--force', '-p', 'dev']);
    expect(p.args).toEqual(['start']);
    expect(Object.fromEntries(p.flags)).toEqual({ driver: 'docker', nodes: '2', force: 'true', profile: 'dev' });
  });

  it('words after -- are kept apart (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,6}$/)), fc.array(fc.string()), (before, after) => {
        const p = parseArgs([...before, '--', ...after]);
        expect(p.rest).toEqual(after);
        expect(p.args).toEqual(before);
      }),
    );
  });

  it('memory sizes in minikube units', () => {
    expect(parseMemoryMiB('4096')).toBe(4096);
    expect(parseMemoryMiB('4g')).toBe(4096);
    expect(parseMemoryMiB('3000mb')).toBe(3000);
    expect(parseMemoryMiB('lots')).toBeUndefined();
    expect(suggestedMemoryMiB(4096)).toBe(2200);
    expect(suggestedMemoryMiB(16384)).toBe(4096);
    expect(suggestedMemoryMiB(65536)).toBe(6000);
  });
});
