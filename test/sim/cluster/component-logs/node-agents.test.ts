/**
 * What a learner reads in kube-proxy's and flanneld's logs on the kubeadm cluster: their start-up
 * lines, derived from what the cluster holds when they start (the node, the kube-proxy and
 * kube-flannel ConfigMaps, the other nodes' leases). The goldens (test/golden/component-logs/
 * node-agents) are the simulation's output, checked line by line against real v1.33 kube-proxy and
 * v0.27.2 flanneld logs (see the narrators' headers); `WRITE_GOLDEN=1` rewrites them from the
 * simulation after such a review.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../../src/runtime/session';
import type { World } from '../../../../src/sim/world';
import { goldenChecker } from './golden';

const expectGolden = goldenChecker(join(__dirname, '../../../golden/component-logs/node-agents'));

async function podOn(world: World, namespace: string, label: string, node: string): Promise<string> {
  const r = await runScript(world, 'cka01', `kubectl -n ${namespace} get pod -l ${label} --field-selector spec.nodeName=${node} -o name`);
  return r.stdout.trim().replace(/^pod\//, '');
}

/** `kubectl logs` of the agent's pod on `node`, checked against its golden file. */
async function logsMatchGolden(world: World, namespace: string, label: string, node: string, file: string): Promise<string> {
  const command = `kubectl -n ${namespace} logs ${await podOn(world, namespace, label, node)}`;
  const r = await runScript(world, 'cka01', command);
  expect(r.stderr).toBe('');
  expectGolden(file, command, r.stdout);
  return r.stdout;
}

describe("kube-proxy's log", () => {
  it('in the default iptables mode: the blank mode, the node address, conntrack, the proxier, the informers', async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02', 'kube-proxy-iptables.txt');
    expect(out).toContain('server.go:715] "Successfully retrieved node IP(s)" IPs=["192.168.6.172"]\n');
    expect(out).toContain('server.go:516] "Version info" version="v1.33.4"\n');
    // crictl on the node reads the same record
    const crictl = await runScript(world, 'cka02', 'crictl logs $(crictl ps --name kube-proxy -q) 2>&1 | grep -v "^WARN"');
    expect(crictl.stdout).toBe(out);
    // what it set is in the kernel: a restart finds the values there and sets nothing
    expect((await runScript(world, 'cka02', 'sysctl net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_close_wait')).stdout).toBe('net.netfilter.nf_conntrack_max = 131072\nnet.netfilter.nf_conntrack_tcp_timeout_close_wait = 3600\n');
    expect(out).toContain('"Set sysctl" entry="net/netfilter/nf_conntrack_max" value=131072');
    await runScript(world, 'cka01', `kubectl -n kube-system delete pod ${await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02')} >/dev/null; sleep 20`);
    const restarted = await runScript(world, 'cka01', `kubectl -n kube-system logs ${await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02')}`);
    expect(restarted.stdout).toContain('"Setting nf_conntrack_max" nfConntrackMax=131072');
    expect(restarted.stdout).not.toContain('Set sysctl');
  });

  it('in IPVS mode after the ConfigMap change and a restart (the kube-proxy-ipvs lab); the old mode until then', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -`);
    // the ConfigMap is read when kube-proxy starts: the running one still says iptables
    const before = await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02');
    expect((await runScript(world, 'cka01', `kubectl -n kube-system logs ${before} | grep Proxier`)).stdout).toMatch(/"Using iptables Proxier"\n$/);
    await runScript(world, 'cka01', 'kubectl -n kube-system rollout restart daemonset kube-proxy; kubectl -n kube-system rollout status daemonset kube-proxy --timeout=120s');
    expect(await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02')).not.toBe(before);
    const out = await logsMatchGolden(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02', 'kube-proxy-ipvs.txt');
    expect(out).toContain('server_linux.go:202] "Using ipvs Proxier"\n');
    expect(out).not.toContain('Using iptables');
  });

  it('in nftables mode: no blank-mode line, NodePorts on the primary address (no configuration error)', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/mode: ""/mode: nftables/' | kubectl replace -f - >/dev/null; kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=cka03 >/dev/null; sleep 10`);
    const pod = await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka03');
    const out = (await runScript(world, 'cka01', `kubectl -n kube-system logs ${pod}`)).stdout;
    expect(out).toContain('server_linux.go:259] "Using nftables Proxier"\n');
    expect(out).not.toContain('Kube-proxy configuration may be incomplete');
    expect(out).not.toContain('"Using iptables proxy"');
  });

  it('shows only the lines whose time has come', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=cka02 --wait=false >/dev/null');
    // the replacement starts a few seconds later; its informers sync ~400 ms after it starts
    await runScript(world, 'cka01', 'until kubectl -n kube-system get pod -l k8s-app=kube-proxy --field-selector spec.nodeName=cka02 | grep -q Running; do sleep 0.1; done');
    const pod = await podOn(world, 'kube-system', 'k8s-app=kube-proxy', 'cka02');
    const early = (await runScript(world, 'cka01', `kubectl -n kube-system logs ${pod} | wc -l`)).stdout;
    await runScript(world, 'cka01', 'sleep 2');
    const later = (await runScript(world, 'cka01', `kubectl -n kube-system logs ${pod} | wc -l`)).stdout;
    expect(Number(early)).toBeLessThan(Number(later));
  });
});

describe("flanneld's log", () => {
  it("on a worker: its node's subnet, the interface, the VXLAN backend, and the other nodes' leases", async () => {
    const world = bootWorld('cluster');
    const out = await logsMatchGolden(world, 'kube-flannel', 'app=flannel', 'cka03', 'flanneld-worker.txt');
    expect(out).toContain('Current network or subnet (10.244.0.0/16, 10.244.2.0/24) is not equal to previous one (0.0.0.0/0, 0.0.0.0/0)');
    // the other nodes' VTEPs are the MACs the node's flannel.1 neighbours show
    const neighbours = (await runScript(world, 'cka03', 'ip neigh show dev flannel.1')).stdout;
    for (const [, mac] of out.matchAll(/"VtepMAC":"([0-9a-f:]+)"\}, BackendV6Data/g)) expect(neighbours).toContain(mac);
  });

  it('restarted: the stored VTEP MAC, its own lease listed at once, the previous subnet file kept', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl -n kube-flannel delete pod -l app=flannel --field-selector spec.nodeName=cka02 >/dev/null; sleep 10');
    const pod = await podOn(world, 'kube-flannel', 'app=flannel', 'cka02');
    const out = (await runScript(world, 'cka01', `kubectl -n kube-flannel logs ${pod}`)).stdout;
    const mac = (await runScript(world, 'cka02', "ip -br link show flannel.1 | awk '{print $3}'")).stdout.trim();
    expect(out).toContain(`vxlan.go:155] Interface flannel.1 mac address set to: ${mac}\n`);
    expect(out).toContain('kube.go:558] Creating the node lease for IPv4. This is the n.Spec.PodCIDRs: [10.244.1.0/24]\n');
    expect(out).not.toContain('FLANNEL_NETWORK in file');
    expect(out).not.toContain('Current network or subnet');
    expect(out).toContain('main.go:608] no subnet found for key: FLANNEL_IPV6_NETWORK in file: /run/flannel/subnet.env\n');
  });
});
