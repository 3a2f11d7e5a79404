/**
 * The `ha` chapter froze the simulation: a control-plane node NotReady for more than 300 s (no
 * CNI yet) had its mirror pods evicted by the taint-eviction controller, the kubelet recreated
 * them at once, and the work queue processed the same key again in the same pass, forever.
 * The real kubelet gives static pods a toleration of every NoExecute taint; the work queue now
 * holds back a key that loops at one instant; the clock reports work that never lets time move.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SimClock, MAX_TIMERS_PER_INSTANT } from '../../../src/sim/clock';
import { WorkQueue } from '../../../src/sim/controllers/machinery/workqueue';
import { readStaticPods } from '../../../src/sim/kubelet/static-pods';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

beforeAll(() => usePackageNetwork());

describe('no loop freezes the simulated world', () => {
  it('the clock throws a clear error when timers keep rescheduling themselves at one instant', () => {
    const clock = new SimClock({ startMs: 0 });
    const again = (): void => void clock.defer(again);
    clock.defer(again);
    expect(() => clock.advance(1_000)).toThrow(new RegExp(`more than ${MAX_TIMERS_PER_INSTANT} timers ran at 1970-01-01T00:00:00.000Z without time moving on`));
  });

  it('the clock allows big bursts of distinct work at one instant', () => {
    const clock = new SimClock({ startMs: 0 });
    let ran = 0;
    for (let i = 0; i < 50_000; i++) clock.defer(() => ran++);
    clock.advance(10);
    expect(ran).toBe(50_000);
    expect(clock.now()).toBe(10);
  });

  it('a work-queue key that is re-added while it is processed waits for a later pass, and a looping key is held back', () => {
    const clock = new SimClock({ startMs: 0 });
    const runsAt: number[] = [];
    const queue: WorkQueue = new WorkQueue(clock, (key) => {
      runsAt.push(clock.now());
      queue.add(key); // undone at once by someone else: reconcile again
    });
    queue.add('kube-system/kube-scheduler-cka01');
    clock.advance(60_000);
    // The loop goes on at a slowing pace while simulated time moves to the end of the sleep.
    expect(clock.now()).toBe(60_000);
    expect(runsAt.length).toBeGreaterThan(100);
    expect(runsAt.length).toBeLessThan(5_000);
    expect(runsAt.filter((t) => t === 0).length).toBe(100);
    queue.shutdown();
  });

  it('a key processed a few times at one instant is not delayed', () => {
    const clock = new SimClock({ startMs: 0 });
    let runs = 0;
    const queue: WorkQueue = new WorkQueue(clock, (key) => {
      if (++runs < 5) queue.add(key);
    });
    queue.add('default/web');
    clock.runDue();
    expect(runs).toBe(5);
    expect(clock.now()).toBe(0);
  });

  it('static pods tolerate every NoExecute taint, as the kubelet makes them', () => {
    const w = freshWorld();
    const fs = w.machines.get('cka01')!.rootFs;
    fs.mkdir('/etc/kubernetes/manifests', { recursive: true });
    fs.writeFile('/etc/kubernetes/manifests/web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n');
    const [sp] = readStaticPods(fs, 'cka01');
    expect((sp.pod.spec as { tolerations: unknown[] }).tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
  });

  it('a control plane NotReady for minutes keeps its mirror pods, and starting a kubelet then sleeping returns', async () => {
    const w = freshWorld();
    for (const host of ['cka01', 'cka02']) await run(w, PREPARE_NODE, { host });
    const init = await run(w, 'kubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null; echo rc=$?; mkdir -p $HOME/.kube; cp /etc/kubernetes/admin.conf $HOME/.kube/config');
    expect(init.stdout).toBe('rc=0\n');
    const join = await run(w, 'kubeadm token create --print-join-command');
    await run(w, `${join.stdout.trim()} >/dev/null`, { host: 'cka02' });
    await run(w, 'systemctl stop kubelet', { host: 'cka02' });
    await run(w, 'sleep 400');
    await run(w, 'systemctl start kubelet', { host: 'cka02' });
    const r = await run(w, 'sleep 60; kubectl get pods -n kube-system -o name | grep -c cka01; kubectl get pod -n kube-system kube-scheduler-cka01 -o jsonpath="{.spec.tolerations}"');
    expect(r.stdout).toBe('4\n[{"effect":"NoExecute","operator":"Exists"}]');
  }, 60_000);
});
