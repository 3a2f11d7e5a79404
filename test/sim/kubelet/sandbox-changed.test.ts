/**
 * A pod's sandbox stopped or removed behind the kubelet (crictl stopp, crictl rmp -f): the kubelet
 * makes a new one as computePodActions does (PodSandboxChanged: attempt + 1 from the newest
 * sandbox left, the SandboxChanged event when one is left), with a new IP, and starts the
 * containers again in it, each restart counted.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const CRICTL = 'crictl -r unix:///run/containerd/containerd.sock -i unix:///run/containerd/containerd.sock';

describe('sandbox changed behind the kubelet', () => {
  it('stopp: SandboxChanged, a new sandbox with attempt 1 and a new IP, the container restarted', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl run web --image=nginx:1.27 --overrides='{"spec":{"nodeName":"cka02"}}'\nsleep 20`);
    const before = await runScript(world, 'cka01', "kubectl get pod web -o jsonpath='{.status.podIP}'");
    const r = await runScript(world, 'cka02', `${CRICTL} stopp $(${CRICTL} pods --name web -q) >/dev/null\nsleep 15\n${CRICTL} pods --name web -o json | grep -c '"attempt"'\n${CRICTL} pods --name web | awk 'NR>1 {print $5, $8}'`);
    expect(r.stdout).toBe('2\nReady 1\nNotReady 0\n');
    const after = await runScript(world, 'cka01', "kubectl get pod web -o jsonpath='{.status.podIP} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}'; echo\nkubectl get events --field-selector involvedObject.name=web,reason=SandboxChanged -o jsonpath='{.items[*].message}'");
    const [ip, restarts, ready] = after.stdout.split('\n')[0].split(' ');
    expect(ip).not.toBe(before.stdout);
    expect([restarts, ready]).toEqual(['1', 'true']);
    expect(after.stdout.split('\n')[1]).toBe('Pod sandbox changed, it will be killed and re-created.');
  });

  it('rmp -f of the new sandbox: the newest sandbox left is the stopped one (attempt 0), so the new one is attempt 1 again', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl run web --image=nginx:1.27 --overrides='{"spec":{"nodeName":"cka02"}}'\nsleep 20`);
    const r = await runScript(world, 'cka02', `${CRICTL} stopp $(${CRICTL} pods --name web -q) >/dev/null\nsleep 15\n${CRICTL} rmp -f $(${CRICTL} pods --name web --state ready -q) >/dev/null\nsleep 15\n${CRICTL} pods --name web | awk 'NR>1 {print $5, $8}'`);
    expect(r.stdout).toBe('Ready 1\nNotReady 0\n');
    const pod = await runScript(world, 'cka01', "kubectl get pod web -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'");
    expect(pod.stdout).toBe('Running 2');
  });
});
