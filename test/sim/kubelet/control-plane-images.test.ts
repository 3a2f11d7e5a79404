/**
 * The control plane's distroless images: a manifest whose command names a program the image does
 * not hold fails to start (StartError, exit 128, Started at the epoch, CrashLoopBackOff), with the
 * kubelet's events on the static pod that `kubectl describe` of its mirror shows; fixing the file
 * heals it. `kubectl exec` reaches the image's own binaries (etcdctl in etcd's) and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const NOT_FOUND = (prog: string) => `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${prog}": executable file not found in $PATH: unknown`;
const CERTS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

describe('control-plane images', () => {
  it('a typo in the scheduler command: StartError and CrashLoopBackOff, events on the mirror pod; fixed, it runs', async () => {
    const world = bootWorld('cluster');
    const broken = await runScript(world, 'cka01', `sed -i 's/^    - kube-scheduler$/    - kube-schedulerr/' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 60
kubectl get pod -n kube-system kube-scheduler-cka01 --no-headers | awk '{print $2, $3}'
kubectl describe pod -n kube-system kube-scheduler-cka01 | grep -E '^ +(Reason|Message|Exit Code|Started):'
kubectl describe pod -n kube-system kube-scheduler-cka01 | sed -n '/^Events:/,$p' | awk 'NR > 3 {print $1, $2}'`);
    expect(broken.stdout).toBe(`0/1 CrashLoopBackOff
      Reason:       CrashLoopBackOff
      Reason:       StartError
      Message:      ${NOT_FOUND('kube-schedulerr')}
      Exit Code:    128
      Started:      Thu, 01 Jan 1970 00:00:00 +0000
Normal Pulled
Normal Created
Warning Failed
Warning BackOff
`);
    const fixed = await runScript(world, 'cka01', `sed -i 's/kube-schedulerr$/kube-scheduler/' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 40
kubectl get pod -n kube-system kube-scheduler-cka01 --no-headers | awk '{print $2, $3}'`);
    expect(fixed.stdout).toBe('1/1 Running\n');
  });

  it('a Pod whose command the image lacks reports Started at the epoch, as containerd gives StartedAt 0', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl run bad --image=busybox:1.36 --command -- foo >/dev/null
sleep 20
kubectl get pod bad -o jsonpath='{.status.containerStatuses[0].lastState.terminated.startedAt} {.status.containerStatuses[0].lastState.terminated.reason}'`);
    expect(r.stdout).toBe('1970-01-01T00:00:00Z StartError');
  });

  it('kubectl exec into etcd runs etcdctl and etcdutl against its member, with the files it mounts; no shell', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl -n kube-system exec etcd-cka01 -- etcdctl ${CERTS} member list
kubectl -n kube-system exec etcd-cka01 -- etcdctl ${CERTS} snapshot save /var/lib/etcd/snap.db 2>/dev/null
ls /var/lib/etcd/snap.db
kubectl -n kube-system exec etcd-cka01 -- etcdutl snapshot status /var/lib/etcd/snap.db -w table | sed -n 2p
kubectl -n kube-system exec etcd-cka01 -- etcd --version
kubectl -n kube-system exec kube-apiserver-cka01 -- kube-apiserver --version
kubectl -n kube-system exec etcd-cka01 -- sh -c 'echo hi'; echo rc=$?`);
    expect(r.stdout).toMatch(/^[0-9a-f]{16}, started, cka01, https:\/\/192\.168\.6\.171:2380, https:\/\/192\.168\.6\.171:2379, false\n/);
    expect(r.stdout).toContain('Snapshot saved at /var/lib/etcd/snap.db\n/var/lib/etcd/snap.db\n|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |\n');
    expect(r.stdout).toContain('etcd Version: 3.5.21\nGit SHA: a17edfd59\nGo Version: go1.23.7\nGo OS/Arch: linux/amd64\nKubernetes v1.33.4\nrc=1\n');
    expect(r.stderr).toContain('exec: "sh": executable file not found in $PATH: unknown\n');
  });
});
