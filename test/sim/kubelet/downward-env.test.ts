/**
 * Downward API environment variables as the kubelet fills them when it creates the container:
 * status.podIP is the sandbox's address (the kubelet has it from RunPodSandbox before the pod's
 * status says so), spec.nodeName and status.hostIP the node's.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('downward API environment', () => {
  it('a program started with $IP from status.podIP prints the pod\'s address', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      `kubectl apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: whoami}
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo whoami on $NODE at $IP from $HOST_IP; sleep 3600"]
    env:
    - name: NODE
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: HOST_IP
      valueFrom: {fieldRef: {fieldPath: status.hostIP}}
EOF
kubectl wait --for=condition=Ready pod/whoami --timeout=60s >/dev/null`,
    );
    const r = await runScript(world, 'cka01', "kubectl get pod whoami -o jsonpath='{.spec.nodeName} {.status.podIP} {.status.hostIP}'; echo; kubectl logs whoami");
    const [node, ip, hostIp] = r.stdout.split('\n')[0].split(' ');
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(r.stdout.split('\n')[1]).toBe(`whoami on ${node} at ${ip} from ${hostIp}`);
  });
});
