/**
 * The downward API in env vars: resourceFieldRef divided by its divisor (1 when unset) and rounded
 * up, a limit the container leaves unset being the node's allocatable (ExtractContainerResourceValue
 * after MergeContainerResourceLimits); fieldRef by label key and status.hostIP.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('downward API env vars', () => {
  it('gives resource values and fields as the kubelet does', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(
      world,
      'cka01',
      `cat > /tmp/e.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: e
  labels: {app: web}
spec:
  nodeName: cka02
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources:
      requests: {cpu: 250m, memory: 32Mi}
      limits: {memory: 64Mi}
    env:
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    - {name: CPU_REQ, valueFrom: {resourceFieldRef: {resource: requests.cpu}}}
    - {name: CPU_REQ_M, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: MEM_REQ, valueFrom: {resourceFieldRef: {resource: requests.memory}}}
    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
Y
kubectl create -f /tmp/e.yaml >/dev/null
kubectl wait --for=condition=Ready pod/e >/dev/null
kubectl exec e -- env | grep -E '^(CPU|MEM|APP|HOST_IP)'
kubectl get node cka02 -o jsonpath='{.status.allocatable.cpu}'`,
    );
    const lines = r.stdout.split('\n');
    const allocatableCpu = lines.pop();
    expect(lines).toEqual([`CPU_LIMIT=${allocatableCpu}`, 'MEM_LIMIT_MI=64', 'CPU_REQ=1', 'CPU_REQ_M=250', 'MEM_REQ=33554432', 'APP=web', 'HOST_IP=192.168.6.172']);
  });
});
