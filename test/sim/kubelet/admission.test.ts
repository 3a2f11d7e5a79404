/**
 * The kubelet's predicate admission of pods bound by spec.nodeName (pkg/kubelet/lifecycle/predicate.go, v1.33).
 * The texts it must match:
 * - PredicateFailureError.Error(): `fmt.Sprintf("Predicate %s failed: %s", e.PredicateName, e.PredicateDesc)`;
 * - nodeaffinity.ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
 * - tainttoleration.ErrReasonNotMatch = "node(s) had taints that the pod didn't tolerate" (NoExecute taints only,
 *   `// Kubelet is only interested in the NoExecute taint.`, static pods excepted);
 * - InsufficientResourceError: "Node didn't have enough resource: %s, requested: %d, used: %d, capacity: %d";
 * - kubelet.go rejectPod: `kl.recorder.Eventf(pod, v1.EventTypeWarning, reason, message)` and a status of
 *   `QOSClass`, `Phase: v1.PodFailed`, `Reason`, `Message: "Pod was rejected: " + message` only.
 * A real describe of such a pod (longhorn/longhorn#6930): "Node:  ip-172-16-138-34.us-east-2.compute.internal/",
 * "Status:  Failed", "Reason:  NodeAffinity", "Message:  Pod was rejected: Predicate NodeAffinity failed", "IP:", "IPs:  <none>";
 * and kubectl get shows the reason as STATUS (kubernetes/kubernetes#109663: "0/1  NodeAffinity  0  4h25m").
 * A ReplicaSet counts a Failed pod as gone and makes another: "Deployment/Replicaset rapidly creating new pods when
 * kubelet marks pod as failed" (kubernetes/kubernetes#131116, reproduced with nodeName and a NoExecute taint);
 * "some nodes end up having > 1000 pods, which are almost all failing due to the same OutOfcpu error" (#106419).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { admissionFailure, type NodeCapacity } from '../../../src/sim/kubelet/admission';
import { bootWorld, runScript } from '../../../src/runtime/session';

const NODE: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'cka02', labels: { 'kubernetes.io/hostname': 'cka02', 'kubernetes.io/os': 'linux' } }, spec: {} };
const CAPACITY: NodeCapacity = { cpu: 2, memory: 3 * 1024 ** 3, ephemeral: 18858823179, pods: 110 };
const pod = (spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...(labels ? { labels } : {}) },
  spec: { nodeName: 'cka02', containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

describe('kubelet predicate admission', () => {
  it('rejects a nodeSelector or required node affinity that the node does not match', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } };
    const expected = { reason: 'NodeAffinity', message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" };
    expect(admissionFailure(pod({ nodeSelector: { disk: 'ssd' } }), [], CAPACITY, NODE)).toEqual(expected);
    expect(admissionFailure(pod({ affinity }), [], CAPACITY, NODE)).toEqual(expected);
    expect(admissionFailure(pod({ nodeSelector: { 'kubernetes.io/hostname': 'cka02' } }), [], CAPACITY, NODE)).toBeUndefined();
  });

  it('rejects an untolerated NoExecute taint but not a NoSchedule one, and never for a static pod', () => {
    const tainted = (effect: string): KubeObject => ({ ...NODE, spec: { taints: [{ key: 'maint', value: 'true', effect }] } });
    const expected = { reason: 'TaintToleration', message: "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate" };
    expect(admissionFailure(pod({}), [], CAPACITY, tainted('NoExecute'))).toEqual(expected);
    expect(admissionFailure(pod({}), [], CAPACITY, tainted('NoSchedule'))).toBeUndefined();
    expect(admissionFailure(pod({ tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoExecute' }] }), [], CAPACITY, tainted('NoExecute'))).toBeUndefined();
    expect(admissionFailure(pod({}), [], CAPACITY, tainted('NoExecute'), true)).toBeUndefined();
  });

  it('reports resources first (AdmissionCheck order), then affinity, ports and taints', () => {
    const both = pod({ nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }] });
    expect(admissionFailure(both, [], CAPACITY, NODE)).toEqual({ reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000" });
    const memory = pod({ containers: [{ name: 'c', image: 'nginx', resources: { requests: { memory: '4Gi' } } }] });
    expect(admissionFailure(memory, [], CAPACITY, NODE)?.message).toBe(`Node didn't have enough resource: memory, requested: ${4 * 1024 ** 3}, used: 0, capacity: ${3 * 1024 ** 3}`);
    const port = (name: string) => pod({ containers: [{ name, image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    expect(admissionFailure(port('b'), [port('a')], CAPACITY, NODE)).toEqual({ reason: 'NodePorts', message: "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports" });
  });

  it('rejects a pod whose kubernetes.io/os label or spec.os is not the node OS', () => {
    expect(admissionFailure(pod({}, { 'kubernetes.io/os': 'windows' }), [], CAPACITY, NODE)).toEqual({ reason: 'PodOSSelectorNodeLabelDoesNotMatch', message: "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label" });
    expect(admissionFailure(pod({ os: { name: 'windows' } }), [], CAPACITY, NODE)).toEqual({ reason: 'PodOSNotSupported', message: "Failed to admit pod as the OS field doesn't match node OS" });
  });

  it('a pod pinned to cka02 with a nodeSelector cka02 does not match goes Failed: get, describe and the event', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "kubectl apply -f - >/dev/null <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata: {name: pinned}\nspec:\n  nodeName: cka02\n  nodeSelector: {disk: ssd}\n  containers: [{name: c, image: nginx}]\nEOF\nsleep 3");
    const get = await runScript(world, 'cka01', 'kubectl get pod pinned');
    expect(get.stdout).toBe('NAME     READY   STATUS         RESTARTS   AGE\npinned   0/1     NodeAffinity   0          3s\n');
    const status = await runScript(world, 'cka01', "kubectl get pod pinned -o jsonpath='{.status}'");
    expect(JSON.parse(status.stdout)).toEqual({
      message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
      phase: 'Failed',
      qosClass: 'BestEffort',
      reason: 'NodeAffinity',
      startTime: expect.any(String),
    });
    const describe = (await runScript(world, 'cka01', 'kubectl describe pod pinned')).stdout;
    expect(describe).toContain('Node:             cka02/\n');
    expect(describe).toContain('Status:           Failed\nReason:           NodeAffinity\nMessage:          Pod was rejected: Predicate NodeAffinity failed: node(s) didn\'t match Pod\'s node affinity/selector\nIP:               \nIPs:              <none>\n');
    expect(describe).toContain("  Warning  NodeAffinity  3s    kubelet  Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector\n");
    expect(describe).not.toContain('Conditions:');
  });

  it('a Deployment whose pods are rejected keeps making new ones: a rejected pod is not active for its ReplicaSet', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      "kubectl apply -f - >/dev/null <<'EOF'\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: pinned}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: pinned}}\n  template:\n    metadata: {labels: {app: pinned}}\n    spec:\n      nodeName: cka02\n      nodeSelector: {disk: ssd}\n      containers: [{name: c, image: nginx}]\nEOF\nsleep 1",
    );
    const statuses = (await runScript(world, 'cka01', "kubectl get pod -l app=pinned --no-headers | awk '{print $3}' | sort | uniq -c")).stdout.trim().split('\n');
    expect(statuses).toHaveLength(1);
    const [, count, status] = /^(\d+) (\S+)$/.exec(statuses[0].trim())!;
    expect(status).toBe('NodeAffinity');
    expect(Number(count)).toBeGreaterThan(10);
    expect((await runScript(world, 'cka01', "kubectl get rs -l app=pinned -o jsonpath='{.items[0].status.replicas}'")).stdout).toBe('0');
  });
});
