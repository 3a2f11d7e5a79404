import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import { VizFeed, type VizBatch } from '../../src/terminal/worker/viz-feed';
import { runtimeStepOf } from '../../src/viz/runtime-steps';
import type { DiagramStep } from '../../src/viz/steps';

const noTimers = { setInterval: () => 0, clearInterval: () => {} };

async function traced(script: string) {
  const world = bootWorld('cluster');
  const batches: VizBatch[] = [];
  const feed = new VizFeed(world, (b) => batches.push(b), noTimers);
  feed.start();
  await runScript(world, 'cka01', script);
  feed.flush();
  const steps = batches.flatMap((b) => b.steps);
  return { world, feed, batches, steps };
}

const runtimeSteps = (steps: DiagramStep[], pod: RegExp) =>
  steps.filter((s) => s.detail.kind === 'runtime' && pod.test(String((s.detail.object?.pod as { name?: string } | undefined)?.name ?? '')));

describe('kubelet → runtime steps from the real pod worker', () => {
  it('a new pod: the scheduler binds it, then its node pulls the image, creates the sandbox, creates and starts the container', async () => {
    const { steps } = await traced('kubectl run web --image=nginx; sleep 20');
    const binding = steps.findIndex((s) => s.from === 'scheduler' && s.detail.path === '/api/v1/namespaces/default/pods/web/binding');
    expect(binding).toBeGreaterThanOrEqual(0);
    const mine = runtimeSteps(steps, /^web$/);
    const kinds = mine.map((s) => s.detail.verb);
    expect(kinds).toEqual(['sandbox-created', 'image-pulling', 'image-pulled', 'container-created', 'container-started']);
    const host = mine[0].detail.node!;
    expect(host).toMatch(/^cka0[23]$/);
    // every step on that node's kubelet ⇄ runtime arrow, calls one way and reports the other
    expect(mine.map((s) => `${s.from}->${s.to}`)).toEqual([
      `kubelet:${host}->runtime:${host}`,
      `kubelet:${host}->runtime:${host}`,
      `runtime:${host}->kubelet:${host}`,
      `kubelet:${host}->runtime:${host}`,
      `kubelet:${host}->runtime:${host}`,
    ]);
    expect(steps.indexOf(mine[0])).toBeGreaterThan(binding);
    expect(mine[0].caption.en).toMatch(new RegExp(`^kubelet on ${host} → containerd: RunPodSandbox default/web → [0-9a-f]{13} \\(IP 10\\.244\\.\\d+\\.\\d+\\)$`));
    expect(mine[1].caption.en).toBe(`kubelet on ${host} → containerd: PullImage nginx (pod default/web)`);
    expect(mine[1].caption['zh-CN']).toBe(`${host} 上的 kubelet → containerd：拉取镜像 nginx（Pod default/web）`);
    expect(mine[4].caption.en).toBe(`kubelet on ${host} → containerd: StartContainer web (default/web)`);
    // the runtime's own record, copied when it happened
    expect(mine[3].detail.object).toMatchObject({ name: 'web', state: 'CONTAINER_CREATED', imageRef: 'docker.io/library/nginx:latest', pod: { namespace: 'default', name: 'web' } });
    expect(mine[4].detail.object).toMatchObject({ state: 'CONTAINER_RUNNING' });
  });

  it('a crashing container: exit reported back, then the kubelet backs off', async () => {
    const { steps } = await traced("kubectl run crash --image=busybox --restart=Always -- sh -c 'exit 3'; sleep 40");
    const mine = runtimeSteps(steps, /^crash$/);
    const exited = mine.find((s) => s.detail.verb === 'container-exited')!;
    expect(exited.from).toMatch(/^runtime:/);
    expect(exited.caption.en).toMatch(/: container crash of default\/crash exited \(code 3, Error\)$/);
    const backOff = mine.find((s) => s.detail.verb === 'back-off')!;
    expect(backOff.caption.en).toMatch(/^kubelet on cka0[23]: back-off 10s restarting failed container crash in default\/crash \(CrashLoopBackOff\)$/);
    expect(mine.indexOf(backOff)).toBeGreaterThan(mine.indexOf(exited));
  });

  it('an image that does not exist: pull failed, then ImagePullBackOff', async () => {
    const { steps } = await traced('kubectl run bad --image=nginx:no-such-tag; sleep 5');
    const kinds = runtimeSteps(steps, /^bad$/).map((s) => s.detail.verb);
    expect(kinds).toEqual(['sandbox-created', 'image-pulling', 'image-pull-failed', 'back-off']);
    const backOff = runtimeSteps(steps, /^bad$/).at(-1)!;
    expect(backOff.detail.object).toMatchObject({ reason: 'ImagePullBackOff', container: 'bad' });
  });

  it('costs nothing while the view is closed: no observer on any runtime', async () => {
    const { world, feed } = await traced('true');
    const runtimes = [...clusterOf(world)!.runtimes.values()];
    expect(runtimes.every((r) => r.trace !== undefined)).toBe(true);
    feed.stop();
    expect(runtimes.every((r) => r.trace === undefined)).toBe(true);
  });

  it('maps each runtime event by a table, with a caption in both languages', () => {
    const step = runtimeStepOf({ type: 'back-off', reason: 'ImagePullBackOff', container: 'app', backoffMs: 20_000, podName: 'p', namespace: 'ns' }, 'cka02', 7, 1000);
    expect(step).toMatchObject({ seq: 7, at: 1000, from: 'kubelet:cka02', to: 'runtime:cka02', detail: { kind: 'runtime', verb: 'back-off', node: 'cka02' } });
    expect(step.caption.en).toBe('kubelet on cka02: back-off 20s pulling the image of app in ns/p (ImagePullBackOff)');
    expect(step.caption['zh-CN']).toBe('cka02 上的 kubelet：退避 20s 后再拉取 app 的镜像（ns/p，ImagePullBackOff）');
  });
});
