import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/runtime/session';
import { clusterWithoutCni } from './world';

const CALICO = 'https://raw.githubusercontent.com/projectcalico/calico/v3.29.3/manifests';

describe('network add-ons applied by URL', () => {
  it('without a CNI the nodes are NotReady; the Calico manifest makes them Ready with pod IPs from the pool set in CALICO_IPV4POOL_CIDR', async () => {
    const world = clusterWithoutCni();
    const before = await runScript(world, 'cka01', "kubectl get nodes --no-headers | awk '{print $2}' | sort -u");
    expect(before.stdout).toBe('NotReady\n');
    const r = await runScript(
      world,
      'cka01',
      [
        `curl -sL -o calico.yaml ${CALICO}/calico.yaml`,
        'sed -i -e "s|# - name: CALICO_IPV4POOL_CIDR|- name: CALICO_IPV4POOL_CIDR|" -e "s|#   value: \\"192.168.0.0/16\\"|  value: \\"172.16.0.0/16\\"|" calico.yaml',
        'kubectl apply -f calico.yaml >/dev/null',
        'sleep 90',
        "kubectl get nodes --no-headers | awk '{print $2}' | sort -u",
        "kubectl get pods -n kube-system -l k8s-app=calico-node --no-headers | awk '{print $3}' | sort -u",
        "kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath='{range .items[*]}{.status.phase} {.status.podIP}{\"\\n\"}{end}' | cut -d. -f1,2 | sort -u",
        "kubectl get ippools.crd.projectcalico.org default-ipv4-ippool -o jsonpath='{.spec.cidr}'; echo",
        'ls /etc/cni/net.d',
      ].join('\n'),
    );
    expect(r.stdout).toBe('Ready\nRunning\nRunning 172.16\n172.16.0.0/16\n10-calico.conflist\ncalico-kubeconfig\n');
  });

  it('without CALICO_IPV4POOL_CIDR the pool follows kubeadm podSubnet', async () => {
    const world = clusterWithoutCni();
    const r = await runScript(world, 'cka01', `kubectl apply -f ${CALICO}/calico.yaml >/dev/null; sleep 60; kubectl get ippools.crd.projectcalico.org default-ipv4-ippool -o jsonpath='{.spec.cidr}'`);
    expect(r.stdout).toBe('10.244.0.0/16');
    // calico-node's word on each Node: its BGP address and IPIP tunnel address (its block's first), the network up
    const annotations = JSON.parse((await runScript(world, 'cka01', `kubectl get node cka02 -o jsonpath='{.metadata.annotations}'`)).stdout) as Record<string, string>;
    const block = (await runScript(world, 'cka01', `kubectl get blockaffinities.crd.projectcalico.org -o jsonpath='{range .items[?(@.spec.node=="cka02")]}{.spec.cidr}{end}'`)).stdout;
    expect(annotations['projectcalico.org/IPv4Address']).toBe('192.168.6.172/24');
    expect(annotations['projectcalico.org/IPv4IPIPTunnelAddr']).toBe(block.split('/')[0]);
    expect((await runScript(world, 'cka01', 'kubectl describe node cka02 | grep NetworkUnavailable')).stdout).toMatch(/^  NetworkUnavailable +False +.* CalicoIsUp +Calico is running on this node\n$/);
  });

  it('the operator install: tigera-operator creates calico-system from the Installation, only while its pod runs', async () => {
    const world = clusterWithoutCni();
    const r = await runScript(
      world,
      'cka01',
      [
        `kubectl create -f ${CALICO}/tigera-operator.yaml >/dev/null`,
        'sleep 20',
        'kubectl -n tigera-operator scale deployment tigera-operator --replicas=0 >/dev/null',
        'sleep 20',
        `kubectl create -f ${CALICO}/custom-resources.yaml`,
        'sleep 30',
        'kubectl get namespace calico-system',
        'kubectl -n tigera-operator scale deployment tigera-operator --replicas=1 >/dev/null',
        'sleep 90',
        "kubectl get nodes --no-headers | awk '{print $2}' | sort -u",
        "kubectl get pods -n calico-system --no-headers | awk '{print $1}' | sed 's/-[a-z0-9]*$//; s/-[a-z0-9]*$//' | sort | uniq -c | awk '{print $2, $1}'",
        'kubectl get tigerastatus calico',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/^installation.operator.tigera.io\/default created\napiserver.operator.tigera.io\/default created\nReady\n/);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "calico-system" not found\n');
    // calico-node-xxxxx, calico-kube-controllers-xxx-yyy, calico-typha-xxx-yyy, csi-node-driver-xxxxx with two suffixes cut.
    expect(r.stdout).toContain('Ready\ncalico 3\ncalico-kube-controllers 1\ncalico-typha 2\ncsi-node 3\n');
    expect(r.stdout).toMatch(/NAME     AVAILABLE   PROGRESSING   DEGRADED   SINCE\ncalico   True        False         False      \d+s\n$/);
  });

  it('flannel with a Network that does not contain the nodes\' podCIDR crash-loops with flanneld\'s error', async () => {
    const world = clusterWithoutCni();
    const r = await runScript(
      world,
      'cka01',
      [
        'curl -sL -o kube-flannel.yml https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml',
        'sed -i "s|10.244.0.0/16|10.10.0.0/16|" kube-flannel.yml',
        'kubectl apply -f kube-flannel.yml >/dev/null',
        'sleep 60',
        "kubectl get pods -n kube-flannel --no-headers | awk '{print $3}' | sort -u",
        'kubectl logs -n kube-flannel $(kubectl get pods -n kube-flannel -o name --field-selector spec.nodeName=cka02) | grep Error',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/^(CrashLoopBackOff|Error)\n/);
    expect(r.stdout).toContain('main.go:367] Error registering network: failed to acquire lease: subnet "10.10.0.0/16" specified in the flannel net config doesn\'t contain "10.244.1.0/24" PodCIDR of the "cka02" node\n');
  });

  it('the released flannel manifest makes the nodes Ready and CoreDNS Running', async () => {
    const world = clusterWithoutCni();
    const r = await runScript(world, 'cka01', "kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml >/dev/null; sleep 60; kubectl get nodes --no-headers | awk '{print $2}' | sort -u; kubectl get pods -n kube-system -l k8s-app=kube-dns --no-headers | awk '{print $3}' | sort -u; cat /run/flannel/subnet.env");
    expect(r.stdout).toBe('Ready\nRunning\nFLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.0.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n');
  });
});
