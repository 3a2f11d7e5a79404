/**
 * Two describe details found by running kubectl 1.33's describe over the simulator's own objects
 * (served by a stub API server): every old ReplicaSet is listed, scaled down or not, and the
 * EndpointSlice controller names every port (real kubectl's describe service dereferences it).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('objects as kubectl 1.33 describes them', () => {
  it('a rolled deployment lists its scaled-down ReplicaSet; its Service slice names the unnamed port ""', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create deploy web --image=nginx:1.27 >/dev/null
kubectl expose deploy web --port=80 >/dev/null
sleep 20
kubectl set image deploy/web nginx=nginx:1.28 >/dev/null
sleep 30
kubectl describe deploy web | grep -E 'ReplicaSets?:'
kubectl get endpointslice -l kubernetes.io/service-name=web -o jsonpath='{.items[0].ports}'`);
    expect(r.stdout).toMatch(/^OldReplicaSets:  web-[a-z0-9]+ \(0\/0 replicas created\)\nNewReplicaSet:   web-[a-z0-9]+ \(1\/1 replicas created\)\n/);
    expect(r.stdout.endsWith('[{"name":"","port":80,"protocol":"TCP"}]')).toBe(true);
  });
});
