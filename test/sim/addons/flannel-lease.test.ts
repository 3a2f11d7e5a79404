import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { ContainerRuntime } from '../../../src/sim/runtime/containerd';
import { Machine } from '../../../src/sim/machine/machine';
import { onCniContainer, cidrContains } from '../../../src/sim/network/cni';
import type { ApiRequest, ApiTransport } from '../../../src/sim/apiserver/types';

/** An API that knows only flannel's ConfigMap (what flanneld reads at start). */
function api(network: string): ApiTransport {
  return {
    request: (req: ApiRequest) =>
      req.resource === 'configmaps' && req.name === 'kube-flannel-cfg'
        ? { code: 200, body: { data: { 'net-conf.json': JSON.stringify({ Network: network, Backend: { Type: 'vxlan' } }) } } }
        : { code: 404, body: { kind: 'Status', status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 } },
    watch: () => ({ stop: () => undefined }),
    discovery: () => ({ groups: [], resources: {} }) as never,
  } as unknown as ApiTransport;
}

function start(podCidr: string | undefined, network = '10.244.0.0/16') {
  const clock = new SimClock();
  const runtime = new ContainerRuntime(new SeededRandom(1));
  const machine = Machine.ubuntu({ hostname: 'cka02', ip: '192.168.6.172' }, () => clock.now());
  const sb = runtime.runSandbox({ podUid: 'u1', podName: 'kube-flannel-ds-abcde', namespace: 'kube-flannel', attempt: 0, createdAt: 0, ip: '192.168.6.172', hostNetwork: true, labels: {} });
  const c = runtime.createContainer({ sandboxId: sb.id, podUid: 'u1', podName: 'kube-flannel-ds-abcde', namespace: 'kube-flannel', name: 'kube-flannel', attempt: 0, image: 'docker.io/flannel/flannel:v0.27.2', imageRef: 'docker.io/flannel/flannel:v0.27.2', imageId: 'sha256:x', createdAt: 0 });
  runtime.start(c.id, 0);
  onCniContainer(runtime.containers.get(c.id)!, machine, podCidr, { host: 'cka02', runtime, api: api(network), clock });
  clock.advance(5_000);
  return { container: runtime.containers.get(c.id)!, machine };
}

describe('flanneld on a node', () => {
  it('exits with the lease error when the node has no podCIDR (kubeadm init without --pod-network-cidr)', () => {
    const { container, machine } = start(undefined);
    expect(container.state).toBe('CONTAINER_EXITED');
    expect(container.exitCode).toBe(1);
    expect(container.logs.map((l) => l.line).join('\n')).toContain('] Error registering network: failed to acquire lease: node "cka02" pod cidr not assigned');
    expect(machine.rootFs.stat('/run/flannel/subnet.env')).toBeNull();
  });

  it('writes subnet.env from the node podCIDR inside its Network and keeps running', () => {
    const { container, machine } = start('10.244.1.0/24');
    expect(container.state).toBe('CONTAINER_RUNNING');
    expect(machine.rootFs.readFile('/run/flannel/subnet.env')).toBe('FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n');
  });

  it('CIDR containment', () => {
    expect(cidrContains('10.244.0.0/16', '10.244.3.0/24')).toBe(true);
    expect(cidrContains('10.10.0.0/16', '10.244.3.0/24')).toBe(false);
    expect(cidrContains('192.168.0.0/16', '192.168.0.0/16')).toBe(true);
    expect(cidrContains('10.244.0.0/24', '10.244.0.0/16')).toBe(false);
  });
});
