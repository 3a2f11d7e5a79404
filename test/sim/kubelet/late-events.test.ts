/**
 * Events the kubelet could not write while the API server was down are written at the
 * broadcaster's next try once it answers (client-go retries an event 12 times, 10 s apart).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('kubelet events during an API server outage', () => {
  it('the Killing of kube-apiserver, recorded while it was gone, appears once it is back', async () => {
    const world = bootWorld('cluster');
    const run = (s: string) => runScript(world, 'cka01', s);
    await run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/ && sleep 40');
    const down = await run('kubectl get nodes');
    expect(down.stderr).toContain('was refused');
    const r = await run(`mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/ && sleep 60
kubectl get events -n kube-system --field-selector reason=Killing,involvedObject.name=kube-apiserver-cka01 -o custom-columns=R:.reason,M:.message --no-headers
journalctl -u kubelet --no-pager | grep -c 'Unable to write event (may retry after sleeping)'`);
    const [event, failures] = r.stdout.trim().split('\n');
    expect(event).toMatch(/^Killing +Stopping container kube-apiserver$/);
    expect(Number(failures)).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
