/**
 * The control plane's programs end at start when their container cannot open a file a flag names
 * (a typo in the path, or a hostPath volume moved), the classic broken-control-plane exercises.
 * Real outputs these tests hold the simulation to:
 *
 * - kube-controller-manager with `--kubeconfig=/etc/kubernetes/controller-manager-XXXX.conf`
 *   (KodeKloud "Troubleshooting control plane failure", pasted in a public CKA study note):
 *     kube-controller-manager-controlplane   0/1     CrashLoopBackOff   6 (4m5s ago)   9m58s
 *     I0410 02:12:07.432277       1 serving.go:386] Generated self-signed cert in-memory
 *     E0410 02:12:07.432378       1 run.go:72] "command failed" err="stat /etc/kubernetes/controller-manager-XXXX.conf: no such file or directory"
 * - kube-controller-manager whose certificates volume points elsewhere (the same lab's second
 *   part): `"command failed" err="unable to load client CA provider: open /etc/kubernetes/pki/ca.crt: no such file or directory"`,
 *   while the node has /etc/kubernetes/pki/ca.crt.
 * - kube-scheduler with `--kubeconfig=/etc/kubernetes/scheduler.config` (a KodeKloud lab's notes):
 *   the pod stays Pending with `Events: <none>`, and the scheduler logs
 *   `E0912 10:41:23.738713       1 run.go:72] "command failed" err="stat /etc/kubernetes/scheduler.config: no such file or directory"`.
 * - kube-apiserver with `--tls-cert-file=/etc/kubernetes/pki/apiserver-wrong.crt` (killercoda
 *   "Apiserver Misconfigured", blog post of 2026-04-18): its log ends with
 *   `E0418 13:02:38.035967       1 run.go:72] "command failed" err="open /etc/kubernetes/pki/apiserver-wrong.crt: no such file or directory"`.
 * - kube-apiserver with a wrong --etcd-cafile: from the source (etcd client/pkg/transport
 *   listener.go ClientConfig, v3.5.21; pkg/controlplane/reconcilers NewLeases,
 *   `klog.Fatalf("Error creating leases: %v", err)`): the fatal line right after the reconciler.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const KCM = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
const SCHEDULER = '/etc/kubernetes/manifests/kube-scheduler.yaml';
const APISERVER = '/etc/kubernetes/manifests/kube-apiserver.yaml';
/** A klog header of a process in a container (PID 1). */
const KLOG = (level: string, source: string) => `${level}\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +1 ${source.replace('.', '\\.')}\\] `;

/** The log of the newest instance of a control-plane container, as crictl prints it (stderr, no warnings). */
const LAST_LOG = (name: string) => `crictl logs $(crictl ps -a --name ${name} -q 2>/dev/null | head -1) 2>&1 | grep -v '^WARN'`;

describe('kube-controller-manager with a --kubeconfig it cannot open', () => {
  it('crash-loops with the stat error, deployments create no pods, and fixing the path heals it', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--kubeconfig=/etc/kubernetes/controller-manager.conf#--kubeconfig=/etc/kubernetes/controller-manager-XXXX.conf#' ${KCM}`);
    const broken = await runScript(world, 'cka01', 'sleep 120; kubectl -n kube-system get pod kube-controller-manager-cka01 --no-headers; kubectl create deploy web --image=nginx >/dev/null; sleep 20; kubectl get deploy web --no-headers; kubectl get pods 2>&1; kubectl -n kube-system logs kube-controller-manager-cka01');
    const lines = broken.stdout.split('\n');
    // the kubelet saw the edit at once (its watch of the directory): the new pod is as old as the sleep
    expect(lines[0]).toMatch(/^kube-controller-manager-cka01 +0\/1 +CrashLoopBackOff +\d \(\d+s ago\) +2m$/);
    expect(lines[1]).toMatch(/^web +0\/1 +0 +0 +20s$/);
    expect(lines[2]).toBe('No resources found in default namespace.');
    expect(lines[3]).toMatch(new RegExp(`^${KLOG('I', 'serving.go:386')}Generated self-signed cert in-memory$`));
    expect(lines[4]).toMatch(new RegExp(`^${KLOG('E', 'run.go:72')}"command failed" err="stat /etc/kubernetes/controller-manager-XXXX.conf: no such file or directory"$`));
    expect(lines.length).toBe(6);

    await runScript(world, 'cka01', `sed -i 's#controller-manager-XXXX.conf#controller-manager.conf#' ${KCM}`);
    const healed = await runScript(world, 'cka01', 'sleep 60; kubectl get deploy web --no-headers');
    expect(healed.stdout).toMatch(/^web +1\/1 +1 +1 /);
  }, 60_000);

  it('with its certificates volume moved, cannot load the client CA that the node has', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#path: /etc/kubernetes/pki$#path: /etc/kubernetes/pki-x#' ${KCM}`);
    const r = await runScript(world, 'cka01', `sleep 60; ls /etc/kubernetes/pki/ca.crt; ${LAST_LOG('kube-controller-manager')} | tail -1`);
    expect(r.stdout).toMatch(new RegExp(`^/etc/kubernetes/pki/ca.crt\\n${KLOG('E', 'run.go:72')}"command failed" err="unable to load client CA provider: open /etc/kubernetes/pki/ca.crt: no such file or directory"\\n$`));
  }, 60_000);
});

describe('kube-scheduler with a --kubeconfig it cannot open', () => {
  it('crash-loops with the stat error; a new pod stays Pending without events', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--kubeconfig=/etc/kubernetes/scheduler.conf#--kubeconfig=/etc/kubernetes/scheduler.config#' ${SCHEDULER}`);
    const r = await runScript(world, 'cka01', 'sleep 60; kubectl run x --image=nginx >/dev/null; sleep 10; kubectl get pod x --no-headers; kubectl describe pod x | tail -1; kubectl -n kube-system logs kube-scheduler-cka01 | tail -1');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^x +0\/1 +Pending +0 +10s$/);
    expect(lines[1]).toBe('Events:                      <none>');
    expect(lines[2]).toMatch(new RegExp(`^${KLOG('E', 'run.go:72')}"command failed" err="stat /etc/kubernetes/scheduler.config: no such file or directory"$`));
  }, 60_000);
});

describe('kube-apiserver with a file it cannot open', () => {
  it('--tls-cert-file: "command failed" with the open error; kubectl is refused until the path is fixed', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--tls-cert-file=/etc/kubernetes/pki/apiserver.crt#--tls-cert-file=/etc/kubernetes/pki/apiserver-wrong.crt#' ${APISERVER}`);
    const r = await runScript(world, 'cka01', `sleep 60; ${LAST_LOG('kube-apiserver')} | tail -1; kubectl get nodes >/dev/null 2>&1; echo rc=$?`);
    expect(r.stdout).toMatch(new RegExp(`^${KLOG('E', 'run.go:72')}"command failed" err="open /etc/kubernetes/pki/apiserver-wrong.crt: no such file or directory"\\nrc=1\\n$`));
    await runScript(world, 'cka01', `sed -i 's#apiserver-wrong.crt#apiserver.crt#' ${APISERVER}`);
    const healed = await runScript(world, 'cka01', 'sleep 120; kubectl get nodes >/dev/null; echo rc=$?');
    expect(healed.stdout).toBe('rc=0\n');
  }, 60_000);

  it('--etcd-cafile: builds its configuration, then dies creating the leases storage (exit 255)', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt#--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crtx#' ${APISERVER}`);
    const r = await runScript(world, 'cka01', `sleep 60; ${LAST_LOG('kube-apiserver')} | tail -2; crictl inspect $(crictl ps -a --name kube-apiserver -q 2>/dev/null | head -1) 2>/dev/null | grep exitCode`);
    expect(r.stdout).toMatch(
      new RegExp(`^${KLOG('I', 'instance.go:233')}Using reconciler: lease\\n${KLOG('F', 'instance.go:226')}Error creating leases: error creating storage factory: open /etc/kubernetes/pki/etcd/ca.crtx: no such file or directory\\n +"exitCode": 255,\\n$`),
    );
  }, 60_000);
});
