/**
 * kubeadm init options that must reach what kubeadm writes: --service-cidr (the `kubernetes`
 * Service, the API server's range, kube-dns and the kubelets' clusterDNS) and --image-repository
 * (every static pod manifest, CoreDNS, kube-proxy, the kubelet's pause image).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { PREPARE_NODE } from './equivalence/install-script';

async function initWith(flags: string): Promise<{ world: World; init: { stdout: string; stderr: string; status: number } }> {
  const world = bootWorld('machines', 1);
  await runScript(world, 'cka01', PREPARE_NODE);
  const init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16 ${flags}\nmkdir -p $HOME/.kube && cp /etc/kubernetes/admin.conf $HOME/.kube/config`);
  return { world, init };
}

describe('kubeadm init --service-cidr', () => {
  it('a range outside 10.96.0.0/12: the kubernetes Service, kube-dns, the flags and the kubelet follow it', async () => {
    const { world, init } = await initWith('--service-cidr=172.20.0.0/16');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('[certs] apiserver serving cert is signed for DNS names [cka01 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [172.20.0.1 192.168.6.171]\n');
    const r = await runScript(
      world,
      'cka01',
      [
        'kubectl get svc -A --no-headers | awk \'{print $1, $2, $4}\'',
        'grep -h -- --service-cluster-ip-range /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/manifests/kube-controller-manager.yaml',
        'grep -A1 clusterDNS /var/lib/kubelet/config.yaml',
        'kubectl -n kube-system get cm kubeadm-config -o jsonpath="{.data.ClusterConfiguration}" | grep serviceSubnet',
        'kubectl -n kube-system get cm kubelet-config -o jsonpath="{.data.kubelet}" | grep -A1 clusterDNS',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'default kubernetes 172.20.0.1\nkube-system kube-dns 172.20.0.10\n' +
        '    - --service-cluster-ip-range=172.20.0.0/16\n    - --service-cluster-ip-range=172.20.0.0/16\n' +
        'clusterDNS:\n- 172.20.0.10\n' +
        '  serviceSubnet: 172.20.0.0/16\n' +
        'clusterDNS:\n- 172.20.0.10\n',
    );
  });

  it('Services created later get addresses of the range, and one outside it is refused with the range in the message', async () => {
    const { world } = await initWith('--service-cidr=172.20.0.0/16');
    const r = await runScript(
      world,
      'cka01',
      'kubectl create service clusterip web --tcp=80 >/dev/null\nkubectl get svc web -o jsonpath="{.spec.clusterIP}{\\"\\n\\"}"\nkubectl create service clusterip fixed --tcp=80 --clusterip=10.96.0.50',
    );
    expect(r.stdout).toMatch(/^172\.20\.\d{1,3}\.\d{1,3}\n$/);
    // create service wraps the server's error in its own (create_service.go), as writes.test.ts checks against the real kubectl.
    expect(r.stderr).toBe('error: failed to create ClusterIP service: Service "fixed" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: the provided IP (10.96.0.50) is not in the valid range. The range of valid IPs is 172.20.0.0/16\n');
  });

  it('a worker joining takes clusterDNS from the cluster configuration', async () => {
    const { world, init } = await initWith('--service-cidr=10.100.0.0/16');
    await runScript(world, 'cka02', PREPARE_NODE);
    const join = /kubeadm join \S+ --token \S+ \\\n\t--discovery-token-ca-cert-hash \S+/.exec(init.stdout)![0].replace('\\\n\t', '');
    expect((await runScript(world, 'cka02', join)).status).toBe(0);
    const r = await runScript(world, 'cka02', 'grep -A1 clusterDNS /var/lib/kubelet/config.yaml');
    expect(r.stdout).toBe('clusterDNS:\n- 10.100.0.10\n');
  });
});

describe('kubeadm init --image-repository', () => {
  it('the static pods, CoreDNS, kube-proxy and the pause image come from the repository', async () => {
    const { world, init } = await initWith('--image-repository=registry.aliyuncs.com/google_containers');
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const r = await runScript(
      world,
      'cka01',
      [
        'grep -h "image:" /etc/kubernetes/manifests/*.yaml',
        'kubectl -n kube-system get deploy coredns -o jsonpath="{.spec.template.spec.containers[0].image}{\\"\\n\\"}"',
        'kubectl -n kube-system get ds kube-proxy -o jsonpath="{.spec.template.spec.containers[0].image}{\\"\\n\\"}"',
        'cat /var/lib/kubelet/kubeadm-flags.env',
        'kubectl -n kube-system get cm kubeadm-config -o jsonpath="{.data.ClusterConfiguration}" | grep imageRepository',
      ].join('\n'),
    );
    expect(r.stdout).toBe(
      '    image: registry.aliyuncs.com/google_containers/etcd:3.5.21-0\n' +
        '    image: registry.aliyuncs.com/google_containers/kube-apiserver:v1.33.4\n' +
        '    image: registry.aliyuncs.com/google_containers/kube-controller-manager:v1.33.4\n' +
        '    image: registry.aliyuncs.com/google_containers/kube-scheduler:v1.33.4\n' +
        'registry.aliyuncs.com/google_containers/coredns:v1.12.0\n' +
        'registry.aliyuncs.com/google_containers/kube-proxy:v1.33.4\n' +
        'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.10"\n' +
        'imageRepository: registry.aliyuncs.com/google_containers\n',
    );
  });
});
