/**
 * The control plane's probes as kubeadm 1.33 writes them: etcd's on its plain metrics listener
 * (HTTP, /livez and /readyz on 2381), the API server's, controller manager's and scheduler's on
 * their secure ports (HTTPS), by port number with no container ports (the named 'probe-port' is
 * kubeadm 1.34's) — the scheduler's were written `scheme: HTTPSS`, etcd's HTTPS, all on 'probe-port'.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('static pod probes', () => {
  it('carry the scheme kubeadm gives each component, as describe prints them', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `cd /etc/kubernetes/manifests
for f in etcd kube-apiserver kube-controller-manager kube-scheduler; do echo "$f $(grep 'scheme:' $f.yaml | sort | uniq -c | tr -s ' ' | tr '\\n' ';')"; done
kubectl -n kube-system describe pod kube-scheduler-cka01 | grep -E '^ +(Port|Host Port|Liveness|Readiness|Startup):'
kubectl -n kube-system describe pod etcd-cka01 | grep -E '^ +Liveness:'`);
    expect(r.stdout).toBe(`etcd  3 scheme: HTTP;
kube-apiserver  3 scheme: HTTPS;
kube-controller-manager  2 scheme: HTTPS;
kube-scheduler  3 scheme: HTTPS;
    Port:          <none>
    Host Port:     <none>
    Liveness:     http-get https://127.0.0.1:10259/livez delay=10s timeout=15s period=10s #success=1 #failure=8
    Readiness:    http-get https://127.0.0.1:10259/readyz delay=0s timeout=15s period=1s #success=1 #failure=3
    Startup:      http-get https://127.0.0.1:10259/livez delay=10s timeout=15s period=10s #success=1 #failure=24
    Liveness:     http-get http://127.0.0.1:2381/livez delay=10s timeout=15s period=10s #success=1 #failure=8
`);
  });
});
