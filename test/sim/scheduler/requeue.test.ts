/**
 * When kube-scheduler v1.33 tries an unschedulable pod again: after a cluster event that one of the
 * plugins that rejected it says may help (the QueueingHintFn of pkg/scheduler/framework/plugins/*:
 * nodeaffinity isSchedulableAfterNodeChange, tainttoleration, nodeunschedulable, noderesources
 * isSchedulableAfterPodEvent), or when it has been unschedulable for more than 5 minutes
 * (podMaxInUnschedulablePodsDuration, flushUnschedulablePodsLeftover every 30 s). Other changes bring
 * no new attempt, so no new FailedScheduling event.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

type World = ReturnType<typeof bootWorld>;

async function sh(world: World, script: string): Promise<string> {
  const r = await runScript(world, 'cka01', script);
  return r.stdout;
}

/** How many times the pod's FailedScheduling was reported: events.k8s.io events without a series count once. */
const failedCount = async (world: World, pod: string) =>
  (await sh(world, `kubectl get events --field-selector involvedObject.name=${pod},reason=FailedScheduling -o jsonpath='{range .items[*]}x{.count} {end}'`))
    .split(' ')
    .filter(Boolean)
    .reduce((sum, n) => sum + (Number(n.slice(1)) || 1), 0);

describe('requeueing unschedulable pods', () => {
  it('a node selector that matches nothing: cordons and taints bring no new attempt; the label does, and the pod is scheduled there', async () => {
    const world = bootWorld('cluster');
    await sh(world, `kubectl run sel --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}' >/dev/null; sleep 5`);
    expect(await failedCount(world, 'sel')).toBe(1);
    // (Removing a taint would bring it back: TaintToleration rejected it on cka01, and a node that loses its last
    // untolerated taint is a reason to try again, whichever node it is.)
    await sh(world, 'kubectl cordon cka03 >/dev/null; kubectl taint node cka02 team=a:NoSchedule >/dev/null; sleep 20');
    expect(await failedCount(world, 'sel')).toBe(1);
    await sh(world, 'kubectl taint node cka02 team- >/dev/null; kubectl label node cka02 disk=ssd >/dev/null; sleep 3');
    expect(await sh(world, "kubectl get pod sel -o jsonpath='{.spec.nodeName}'")).toBe('cka02');
  });

  it('a pod left unschedulable is tried again only after 5 minutes, at the next 30 s flush', async () => {
    const world = bootWorld('cluster');
    await sh(world, `kubectl run sel --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}' >/dev/null; sleep 299`);
    expect(await failedCount(world, 'sel')).toBe(1);
    await sh(world, 'sleep 31');
    expect(await failedCount(world, 'sel')).toBe(2);
  });

  it('uncordoning the only node a pod may use brings it back at once', async () => {
    const world = bootWorld('cluster');
    await sh(world, `kubectl cordon cka02 >/dev/null; kubectl cordon cka03 >/dev/null; kubectl run p --image=nginx >/dev/null; sleep 5`);
    expect(await failedCount(world, 'p')).toBe(1);
    await sh(world, 'kubectl uncordon cka03 >/dev/null; sleep 2');
    expect(await sh(world, "kubectl get pod p -o jsonpath='{.spec.nodeName}'")).toBe('cka03');
  });

  it('cordon: the node lifecycle controller adds node.kubernetes.io/unschedulable:NoSchedule with its time, uncordon removes it', async () => {
    // doNoScheduleTaintingPass; real: "taints: - effect: NoSchedule key: node.kubernetes.io/unschedulable timeAdded: …" (find_string id 44686373665).
    const world = bootWorld('cluster');
    await sh(world, 'kubectl cordon cka02 >/dev/null; sleep 1');
    expect(await sh(world, "kubectl get node cka02 -o jsonpath='{.spec.unschedulable} {.spec.taints[*].key}:{.spec.taints[*].effect} {.spec.taints[*].timeAdded}'")).toMatch(/^true node\.kubernetes\.io\/unschedulable:NoSchedule \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await sh(world, 'kubectl uncordon cka02 >/dev/null; sleep 1');
    expect(await sh(world, "kubectl get node cka02 -o jsonpath='{.spec.taints}'")).toBe('');
  });
});
