/**
 * minikube start --container-runtime (minikube v1.36.0, kicbase v0.0.47). Expected texts from the
 * sources:
 * - an invalid value: cmd/minikube/cmd/start.go validateRuntime (line 1459, "Invalid Container
 *   Runtime: %s. Valid runtimes are: %s" with cruntime.ValidRuntimes() = [docker cri-o containerd],
 *   pkg/minikube/cruntime/cruntime.go line 52), through validateFlags' exit.Message(reason.Usage)
 *   (MK_USAGE, exit code 14), after the driver line and before validateUser;
 * - containerd: node/config.go line 46 "Preparing Kubernetes {{.k8sVersion}} on {{.runtime}}
 *   {{.runtimeVersion}} ..." with style.Containerd's "📦  " (style/style.go line 111), Name()
 *   "containerd" and the version parsed from `containerd --version` of containerd.io 1.7.27-1
 *   (hack/kicbase_version/os-package-list.txt); cni.chooseDefault (cni/cni.go line 140) picks
 *   kindnet, printed "Configuring CNI"; Docker.Disable (cruntime/docker.go line 228) stops and
 *   masks docker and cri-docker; populateCRIConfig (cruntime/cri.go line 270) writes crictl.yaml.
 */
import { describe, expect, it } from 'vitest';
import { freshWorld, run, MINIKUBE_INSTALL } from './helpers';
import type { World } from '../../src/sim/world';
import { runScript } from '../../src/runtime/session';

/** Commands on the minikube node, as user ubuntu on the host through `minikube ssh --`. */
const onNode = (w: World, ...commands: string[]) => runScript(w, 'cka01', commands.map((c) => `minikube ssh -- ${c}`).join('\n'), 'ubuntu');

const INSTALL = MINIKUBE_INSTALL;

async function ready(): Promise<World> {
  const w = freshWorld();
  const r = await run(w, INSTALL);
  expect(r.status).toBe(0);
  return w;
}

describe('minikube start --container-runtime', () => {
  it('refuses an unknown runtime with validateRuntime\'s words, MK_USAGE and exit code 14, before the root check', async () => {
    const w = await ready();
    const r = await run(w, 'minikube start --container-runtime=rkt; echo "rc=$?"', { user: 'ubuntu' });
    expect(r.stdout).toBe('😄  minikube v1.36.0 on Ubuntu 22.04\n✨  Automatically selected the docker driver. Other choices: none, ssh\n\n\nrc=14\n');
    expect(r.stderr).toBe('❌  Exiting due to MK_USAGE: Invalid Container Runtime: rkt. Valid runtimes are: [docker cri-o containerd]\n');
    // As root (the docker driver's refusal comes later, in validateUser), and with -c.
    const root = await run(w, 'minikube start -c podman --driver=docker; echo "rc=$?"');
    expect(root.stderr).toBe('❌  Exiting due to MK_USAGE: Invalid Container Runtime: podman. Valid runtimes are: [docker cri-o containerd]\n');
    expect(root.stdout).toContain('✨  Using the docker driver based on user configuration\n');
    expect(root.stdout).not.toContain('root privileges');
    expect(root.stdout.endsWith('rc=14\n')).toBe(true);
  });

  it('with containerd the node runs containerd 1.7.27: no Docker, no cri-dockerd; kubectl says containerd://1.7.27', async () => {
    const w = await ready();
    const r = await run(w, 'minikube start --container-runtime=containerd', { user: 'ubuntu' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('\n📦  Preparing Kubernetes v1.33.1 on containerd 1.7.27 ...\n');
    expect(r.stdout).toContain('\n🔗  Configuring CNI (Container Networking Interface) ...\n');
    expect(r.stdout).not.toContain('Docker');
    const nodes = await run(w, 'kubectl get nodes -o wide', { user: 'ubuntu' });
    const [header, row] = nodes.stdout.trimEnd().split('\n');
    expect(row.slice(header.indexOf('CONTAINER-RUNTIME')).trim()).toBe('containerd://1.7.27');
    const annotation = await run(w, "kubectl get node minikube -o jsonpath='{.metadata.annotations.kubeadm\\.alpha\\.kubernetes\\.io/cri-socket}'", { user: 'ubuntu' });
    expect(annotation.stdout).toBe('unix:///run/containerd/containerd.sock');
    const node = await onNode(w, 'systemctl is-active docker.service cri-docker.socket cri-docker.service containerd', 'systemctl is-enabled docker.service cri-docker.service cri-docker.socket containerd', 'cat /etc/crictl.yaml', 'ps aux');
    const lines = node.stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'inactive', 'inactive', 'inactive', 'active',
      'masked', 'masked', 'disabled', 'disabled',
      'runtime-endpoint: unix:///run/containerd/containerd.sock',
    ]);
    const ps = lines.slice(9).join('\n');
    expect(ps).not.toMatch(/\/usr\/bin\/(cri-)?dockerd /);
    expect(ps).toMatch(/ \/usr\/bin\/containerd$/m);
    expect(ps).toMatch(/ \/usr\/bin\/containerd-shim-runc-v2 -namespace k8s\.io -id /);
    expect(ps).toMatch(/--container-runtime-endpoint=unix:\/\/\/run\/containerd\/containerd\.sock /);
  }, 30_000);

  it('with containerd the kubelet logs containerd at start-up, and docker finds no daemon', async () => {
    const w = await ready();
    await run(w, 'minikube start --container-runtime=containerd >/dev/null', { user: 'ubuntu' });
    const r = await onNode(w, 'sudo journalctl -u kubelet --no-pager', 'sudo crictl version', 'docker ps');
    expect(r.stdout).toMatch(/"RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented/);
    expect(r.stdout).toMatch(/"Container runtime initialized" containerRuntime="containerd" version="1\.7\.27" apiVersion="v1"/);
    expect(r.stdout).toMatch(/^RuntimeName: {2}containerd$/m);
    expect(r.stderr).toContain('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
  }, 30_000);

  it('minikube profile list shows the runtime', async () => {
    const w = await ready();
    await run(w, 'minikube start --container-runtime=containerd >/dev/null', { user: 'ubuntu' });
    const r = await run(w, 'minikube profile list', { user: 'ubuntu' });
    expect(r.stdout).toMatch(/^\| minikube +\| docker +\| containerd +\| 192\.168\.49\.2 +\|/m);
  }, 30_000);

  it('on two nodes each runs containerd, and minikube ssh -n reaches the worker', async () => {
    const w = await ready();
    await run(w, 'minikube start -c containerd --nodes=2 >/dev/null', { user: 'ubuntu' });
    const nodes = await runScript(w, 'cka01', "kubectl get nodes -o wide | awk '{print $1, $NF}'", 'ubuntu');
    expect(nodes.stdout).toBe('NAME CONTAINER-RUNTIME\nminikube containerd://1.7.27\nminikube-m02 containerd://1.7.27\n');
    const worker = await runScript(w, 'cka01', 'minikube ssh -n minikube-m02 -- hostname; minikube ssh -n minikube-m02 -- cat /etc/crictl.yaml', 'ubuntu');
    expect(worker.stdout).toBe('minikube-m02\nruntime-endpoint: unix:///run/containerd/containerd.sock\n');
  }, 30_000);
});

describe('minikube start --container-runtime=cri-o', () => {
  // node/config.go "Preparing Kubernetes … on {{.runtime}} {{.runtimeVersion}}" with CRIO.Name()
  // "CRI-O", style.CRIO "🎁  " and `crio --version` of cri-o 1.24.6~0 (os-package-list.txt);
  // CRIO.SocketPath /var/run/crio/crio.sock for crictl.yaml, the kubelet and kubeadm's criSocket;
  // disableOthers: docker/cri-docker masked, containerd stopped; crio restarted, kicbase left it
  // disabled; CRI-O's Version answer "cri-o" 1.24.6 in the node's containerRuntimeVersion.
  it('builds a CRI-O node: its units, crictl.yaml, 02-crio.conf, and cri-o://1.24.6', async () => {
    const w = await ready();
    const r = await run(w, 'minikube start --container-runtime=cri-o', { user: 'ubuntu' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('\n🎁  Preparing Kubernetes v1.33.1 on CRI-O 1.24.6 ...\n');
    expect(r.stdout).toContain('\n🔗  Configuring CNI (Container Networking Interface) ...\n');
    const nodes = await run(w, "kubectl get nodes -o wide | awk '{print $1, $2, $NF}'; kubectl get node minikube -o jsonpath='{.metadata.annotations.kubeadm\\.alpha\\.kubernetes\\.io/cri-socket}'; echo; minikube profile list | sed -n 4p | cut -d'|' -f4", { user: 'ubuntu' });
    expect(nodes.stdout).toBe('NAME STATUS CONTAINER-RUNTIME\nminikube Ready cri-o://1.24.6\nunix:///var/run/crio/crio.sock\n cri-o   \n');
    const node = await onNode(w, 'systemctl is-active crio containerd docker.service cri-docker.socket kubelet', 'systemctl is-enabled crio containerd docker.service cri-docker.service', 'cat /etc/crictl.yaml', 'cat /etc/crio/crio.conf.d/02-crio.conf', 'dpkg-query -W cri-o cri-o-runc conmon');
    expect(node.stdout).toBe(
      'active\ninactive\ninactive\ninactive\nactive\n' +
        'disabled\ndisabled\nmasked\nmasked\n' +
        'runtime-endpoint: unix:///var/run/crio/crio.sock\n' +
        '[crio.image]\npause_image = "registry.k8s.io/pause:3.10"\n\n[crio.network]\n# cni_default_network = ""\n\n[crio.runtime]\ncgroup_manager = "systemd"\nconmon_cgroup = "pod"\ndefault_sysctls = [\n  "net.ipv4.ip_unprivileged_port_start=0",\n]\n' +
        'conmon\t100:2.1.2~0\ncri-o\t1.24.6~0\ncri-o-runc\t1.1.12~0\n',
    );
  }, 30_000);

  it('the kubelet logs CRI-O as its runtime; with crio stopped the node goes NotReady', async () => {
    const w = await ready();
    await run(w, 'minikube start --container-runtime=crio >/dev/null', { user: 'ubuntu' });
    const r = await onNode(w, 'sudo journalctl -u kubelet --no-pager | grep -c \'"Container runtime initialized" containerRuntime="cri-o" version="1.24.6"\'', 'sudo systemctl stop crio');
    expect(r.stdout).toMatch(/^[1-9]\d*\n$/);
    const down = await run(w, 'sleep 60; kubectl get node minikube --no-headers | awk \'{print $2}\'', { user: 'ubuntu' });
    expect(down.stdout).toBe('NotReady\n');
  }, 30_000);
});

describe('kindnet, the CNI of a containerd node', () => {
  // cni.chooseDefault (minikube v1.36.0 pkg/minikube/cni/cni.go): not Docker on the docker driver
  // → KindNet; its manifest (cni/kindnet.go) with images.KindNet("") =
  // docker.io/kindest/kindnetd:v20250512-df8de77b; kindnetd (kind images/kindnetd at df8de77b,
  // cmd/kindnetd/cni.go) writes /etc/cni/net.d/10-kindnet.conflist; no bridge conflist.
  it('runs the kindnet DaemonSet with its image, a kindnet-xxxxx pod per node, and its conflist for the node\'s podCIDR', async () => {
    const w = await ready();
    await run(w, 'minikube start --container-runtime=containerd >/dev/null', { user: 'ubuntu' });
    const r = await run(w, "kubectl -n kube-system get ds kindnet -o jsonpath='{.spec.template.spec.containers[0].name} {.spec.template.spec.containers[0].image}'; echo; kubectl -n kube-system get pods -l app=kindnet -o wide --no-headers | awk '{print $1, $3, $6, $7}'; kubectl get clusterrole,clusterrolebinding,sa -A -o name | grep kindnet", { user: 'ubuntu' });
    expect(r.stdout).toMatch(/^kindnet-cni docker\.io\/kindest\/kindnetd:v20250512-df8de77b\nkindnet-[a-z0-9]{5} Running 192\.168\.49\.2 minikube\nclusterrole\.rbac\.authorization\.k8s\.io\/kindnet\nclusterrolebinding\.rbac\.authorization\.k8s\.io\/kindnet\nserviceaccount\/kindnet\n$/);
    const node = await onNode(w, 'ls /etc/cni/net.d', 'grep -c "subnet.: .10.244.0.0/24" /etc/cni/net.d/10-kindnet.conflist');
    expect(node.stdout).toBe('10-kindnet.conflist\n1\n');
  }, 30_000);

  it('kindnetd\'s conflist is its template executed for one IPv4 CIDR and eth0\'s MTU', async () => {
    const { kindnetConflist } = await import('../../src/sim/addons/kindnet');
    const text = kindnetConflist('10.244.1.0/24');
    // text/template leaves the action-only lines as indented blank ones.
    expect(text.split('\n').slice(0, 2)).toEqual(['', '{']);
    expect(text).toContain('\t\t\t"routes": [\n\t\t\t\t\n\t\t\t\t\n\t\t\t\t{ "dst": "0.0.0.0/0" }\n\t\t\t],\n');
    expect(text).toContain('\t\t}\n\t\t,\n\t\t"mtu": 1500\n\t\t\n\t},\n');
    expect(JSON.parse(text)).toEqual({
      cniVersion: '0.3.1', name: 'kindnet',
      plugins: [
        { type: 'ptp', ipMasq: false, ipam: { type: 'host-local', dataDir: '/run/cni-ipam-state', routes: [{ dst: '0.0.0.0/0' }], ranges: [[{ subnet: '10.244.1.0/24' }]] }, mtu: 1500 },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    });
    expect(kindnetConflist('10.244.1.0/24', 0)).toContain('\t\t}\n\t\t\n\t},\n');
  });
});
