/**
 * The minikube node runs Docker Engine 28.1.1 (kicbase v0.0.47 of minikube v1.36.0) behind
 * cri-dockerd: the node's runtime, the pods' container IDs, `docker ps` inside the node with
 * dockershim's k8s_… names, crictl through cri-dockerd's socket, and the units as minikube leaves them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { World } from '../../../src/sim/world';
import { freshWorld, run } from '../../tools/helpers';

type Booted = ReturnType<typeof bootWorld>;

const DOCKER_PS_HEADER = /^CONTAINER ID {3}IMAGE {2,}COMMAND {2,}CREATED {2,}STATUS {2,}PORTS {5}NAMES$/;

/** docker ps rows cut at the header's column starts (tabwriter: each cell padded to its column). */
function columns(out: string): Array<Record<string, string>> {
  const [header, ...lines] = out.trimEnd().split('\n');
  const names = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
  const starts = names.map((n) => header.indexOf(n));
  return lines.map((l) => Object.fromEntries(names.map((n, i) => [n, l.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim()])));
}

describe('minikube scenario: Docker through cri-dockerd', () => {
  let world: Booted;
  beforeAll(() => {
    world = bootWorld('minikube');
  });

  it('kubectl shows the node on docker://28.1.1 and the containers as docker:// IDs with docker-pullable image IDs', async () => {
    const r = await runScript(world, 'minikube', [
      'kubectl get nodes -o wide',
      "kubectl get pod -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[0].status.containerStatuses[0].containerID} {.items[0].status.containerStatuses[0].imageID}{\"\\n\"}'",
      "kubectl get node minikube -o jsonpath='{.metadata.annotations.kubeadm\\.alpha\\.kubernetes\\.io/cri-socket}{\"\\n\"}'",
    ].join('\n'));
    expect(r.stderr).toBe('');
    const [header, node, ids, socket] = r.stdout.trimEnd().split('\n');
    expect(header.trimEnd().endsWith('CONTAINER-RUNTIME')).toBe(true);
    expect(node.slice(header.indexOf('CONTAINER-RUNTIME')).trim()).toBe('docker://28.1.1');
    expect(ids).toMatch(/^docker:\/\/[0-9a-f]{64} docker-pullable:\/\/registry\.k8s\.io\/kube-proxy@sha256:[0-9a-f]{64}$/);
    expect(socket).toBe('unix:///var/run/cri-dockerd.sock');
  });

  it('docker ps as user docker lists every pod container and its pause container under dockershim names', async () => {
    const pods = await runScript(world, 'minikube', "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace} {.metadata.name} {.metadata.uid} {.metadata.annotations.kubernetes\\.io/config\\.hash} {.status.containerStatuses[0].name} {.status.containerStatuses[0].containerID}{\"\\n\"}{end}'");
    expect(pods.stderr).toBe('');
    const list = pods.stdout.trimEnd().split('\n').map((l) => l.split(' '));
    expect(list.map(([ns, name]) => `${ns}/${name.replace(/-[a-z0-9]{5}$|-[a-z0-9]{9,10}-[a-z0-9]{5}$/, "")}`).sort()).toEqual(["coredns", "etcd-minikube", "kube-apiserver-minikube", "kube-controller-manager-minikube", "kube-proxy", "kube-scheduler-minikube", "storage-provisioner"].map((n) => `kube-system/${n}`));
    const r = await runScript(world, 'minikube', 'docker ps; docker images', 'docker');
    expect(r.stderr).toBe('');
    const [ps, images] = r.stdout.split(/\n(?=REPOSITORY)/);
    expect(ps.split('\n')[0]).toMatch(DOCKER_PS_HEADER);
    const rows = columns(ps);
    expect(rows.length).toBe(2 * list.length);
    const imageIds = new Map(images.trimEnd().split('\n').slice(1).map((l) => l.split(/ {2,}/)).map(([repo, tag, id]) => [`${repo}:${tag}`, id]));
    // A static pod's kubelet UID is its config hash (the mirror pod has a UID of its own).
    for (const [ns, name, mirrorUid, hash, container, containerID] of list) {
      const uid = hash || mirrorUid;
      const row = rows.find((x) => x.NAMES === `k8s_${container}_${name}_${ns}_${uid}_0`);
      expect(row, `${ns}/${name}`).toBeDefined();
      expect(containerID.startsWith(`docker://${row!['CONTAINER ID']}`)).toBe(true);
      expect(row!.STATUS).toMatch(/^Up /);
      expect(row!.IMAGE).toMatch(/^[0-9a-f]{12}$/);
      const pause = rows.find((x) => x.NAMES === `k8s_POD_${name}_${ns}_${uid}_0`);
      expect(pause, `k8s_POD_${name}`).toMatchObject({ IMAGE: 'registry.k8s.io/pause:3.10', COMMAND: '"/pause"' });
    }
    const proxy = rows.find((x) => x.NAMES.startsWith('k8s_kube-proxy_'))!;
    expect(proxy.IMAGE).toBe(imageIds.get('registry.k8s.io/kube-proxy:v1.33.1'));
    expect(proxy.COMMAND).toBe('"/usr/local/bin/kube…"');
  });

  it('docker ps -a adds the exited container of a finished pod; docker ps leaves it out', async () => {
    const r = await runScript(world, 'minikube', [
      'kubectl run once --image=busybox --restart=Never -- true >/dev/null',
      'sleep 30',
      'docker ps | grep -c k8s_once_once_default_',
      'docker ps -a | grep k8s_once_once_default_',
    ].join('\n'));
    const [running, exited] = r.stdout.trimEnd().split('\n');
    expect(running).toBe('0');
    expect(exited).toMatch(/^[0-9a-f]{12} {3}[0-9a-f]{12} {2,}"\S.*" {2,}\d+ seconds ago {2,}Exited \(0\) \d+ seconds ago {2,}k8s_once_once_default_[0-9a-f-]{36}_0$/);
  });

  it('crictl reaches cri-dockerd through /etc/crictl.yaml, without the default-endpoint warnings', async () => {
    const r = await runScript(world, 'minikube', 'cat /etc/crictl.yaml; sudo crictl ps --name kube-proxy -q | wc -l; echo rc=$?', 'docker');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('runtime-endpoint: unix:///var/run/cri-dockerd.sock\n1\nrc=0\n');
  });

  it('crictl version: cri-dockerd answers "docker" and Docker Engine\'s version (core/docker_service.go)', async () => {
    const r = await runScript(world, 'minikube', 'sudo crictl version', 'docker');
    expect(r.stdout).toBe('Version:  0.1.0\nRuntimeName:  docker\nRuntimeVersion:  28.1.1\nRuntimeApiVersion:  v1\n');
  });

  it('systemd: docker, cri-docker.socket/.service and kubelet enabled and active; containerd active as Docker\'s backend but disabled', async () => {
    const units = ['docker.service', 'cri-docker.socket', 'cri-docker.service', 'containerd.service', 'kubelet.service'];
    const r = await runScript(world, 'minikube', `systemctl is-active ${units.join(' ')}; systemctl is-enabled ${units.join(' ')}; cat /var/lib/kubelet/kubeadm-flags.env; grep containerRuntimeEndpoint /var/lib/kubelet/config.yaml; cat /etc/systemd/system/cri-docker.service.d/10-cni.conf`);
    expect(r.stdout).toBe([
      'active', 'active', 'active', 'active', 'active',
      'enabled', 'enabled', 'enabled', 'disabled', 'enabled',
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock --node-ip=192.168.49.2 --pod-infra-container-image=registry.k8s.io/pause:3.10"',
      'containerRuntimeEndpoint: unix:///var/run/cri-dockerd.sock',
      '[Service]',
      'ExecStart=',
      'ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=registry.k8s.io/pause:3.10 --network-plugin=cni --hairpin-mode=hairpin-veth',
    ].join('\n'));
  });

  it('docker info: the systemd cgroup driver minikube writes into /etc/docker/daemon.json', async () => {
    const r = await runScript(world, 'minikube', "cat /etc/docker/daemon.json; echo; docker info | grep -E '^ (Server Version|Cgroup Driver|Logging Driver):'", 'docker');
    expect(r.stdout).toBe('{"exec-opts":["native.cgroupdriver=systemd"],"log-driver":"json-file","log-opts":{"max-size":"100m"},"storage-driver":"overlay2"}\n Server Version: 28.1.1\n Logging Driver: json-file\n Cgroup Driver: systemd\n');
  });

  it('docker version reports Docker Engine 28.1.1 with its API 1.49 and containerd.io 1.7.27', async () => {
    const r = await runScript(world, 'minikube', "docker version | grep -E '^ +(Version|API version):'", 'docker');
    expect(r.stdout).toBe(' Version:           28.1.1\n API version:       1.49\n  Version:          28.1.1\n  API version:      1.49 (minimum version 1.12)\n  Version:          1.7.27\n  Version:          1.1.12\n  Version:          0.18.0\n');
  });

  it('a saved and restored world keeps the Docker runtime (the kubelet reads it again when it starts)', async () => {
    const restored = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    const r = await runScript(restored, 'minikube', "kubectl get node minikube -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}{\"\\n\"}'; kubectl delete pod -n kube-system -l k8s-app=kube-dns --wait=false >/dev/null; sleep 30; kubectl get pod -n kube-system -l k8s-app=kube-dns -o jsonpath='{.items[0].status.containerStatuses[0].containerID}'");
    expect(r.stdout).toMatch(/^docker:\/\/28\.1\.1\ndocker:\/\/[0-9a-f]{64}$/);
  });

  it('the kubeadm cluster scenario stays on containerd', async () => {
    const cluster = bootWorld('cluster');
    const r = await runScript(cluster, 'cka01', "kubectl get nodes -o jsonpath='{.items[0].status.nodeInfo.containerRuntimeVersion}'; echo; kubectl get pod -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[0].status.containerStatuses[0].containerID}'");
    expect(r.stdout).toMatch(/^containerd:\/\/1\.7\.27\ncontainerd:\/\/[0-9a-f]{64}$/);
  });

  it('the study notes\' path: minikube start on a host with Docker, then minikube ssh and docker ps show kube-proxy', async () => {
    const host = await minikubeHost('minikube start --driver=docker');
    const nodes = await runScript(host, 'cka01', "kubectl get nodes -o wide | awk '{print $NF}'", 'ubuntu');
    expect(nodes.stdout).toBe('CONTAINER-RUNTIME\ndocker://28.1.1\n');
    const ps = await runScript(host, 'cka01', 'minikube ssh -- docker ps', 'ubuntu');
    expect(ps.stdout.split('\n').filter((l) => / k8s_(kube-proxy|POD)_kube-proxy-/.test(l)).length).toBe(2);
  }, 60_000);

  it('minikube start --kubernetes-version=v1.23.3 (the study notes\' version): Docker through the kubelet\'s dockershim, cri-dockerd left stopped', async () => {
    const host = await minikubeHost('minikube start --kubernetes-version=v1.23.3');
    const nodes = await runScript(host, 'cka01', "kubectl get nodes -o wide | awk '{print $NF}'", 'ubuntu');
    expect(nodes.stdout).toBe('CONTAINER-RUNTIME\ndocker://28.1.1\n');
    const r = await runScript(host, 'cka01', 'minikube ssh -- cat /etc/crictl.yaml /var/lib/kubelet/kubeadm-flags.env; minikube ssh -- systemctl is-active docker cri-docker.service; minikube ssh -- docker ps', 'ubuntu');
    const [crictlYaml, flags, docker, criDocker, ...ps] = r.stdout.trimEnd().split('\n');
    expect(crictlYaml).toBe('runtime-endpoint: unix:///var/run/dockershim.sock');
    expect(flags).not.toContain('cri-dockerd');
    expect(flags).toContain('--network-plugin=cni');
    expect([docker, criDocker]).toEqual(['active', 'inactive']);
    const pause = /--pod-infra-container-image=(\S+?)"?(?: |$)/.exec(flags)![1];
    expect(columns(ps.join('\n')).find((x) => x.NAMES.startsWith('k8s_POD_kube-proxy-'))).toMatchObject({ IMAGE: pause, COMMAND: '"/pause"' });
  }, 60_000);
});

/** A host with kubectl, minikube and Docker (ubuntu in the docker group), after the given minikube start. */
async function minikubeHost(start: string): Promise<World> {
  const host = freshWorld();
  await run(host, [
    'curl -sLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.33.1/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl',
    'cd /tmp && curl -sLO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && install minikube-linux-amd64 /usr/local/bin/minikube',
    'apt-get install -y docker.io >/dev/null 2>&1; getent group docker >/dev/null || groupadd docker; usermod -aG docker ubuntu',
  ].join('\n'));
  const started = await run(host, `${start} >/dev/null`, { user: 'ubuntu' });
  expect(started.status).toBe(0);
  return host;
}
