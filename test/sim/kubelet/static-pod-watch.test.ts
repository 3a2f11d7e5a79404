/**
 * The kubelet's watch of its manifest directory (pkg/kubelet/config/file_linux.go, v1.33): a
 * manifest moved away, brought back, added, or broken is acted on at once, not at the next 20 s
 * listing; a broken one keeps its old pod until that listing.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const DIR = '/etc/kubernetes/manifests';

describe('the kubelet watches its manifest directory', () => {
  it('a manifest moved away stops its pod at once; moved back, it runs again within seconds', async () => {
    const world = bootWorld('cluster');
    const away = await runScript(world, 'cka01', `mv ${DIR}/kube-apiserver.yaml /root/; sleep 1; kubectl get nodes 2>&1 | tail -1; crictl ps --name kube-apiserver -q 2>/dev/null | wc -l`);
    expect(away.stdout).toBe('The connection to the server 192.168.6.171:6443 was refused - did you specify the right host or port?\n0\n');
    const back = await runScript(world, 'cka01', `mv /root/kube-apiserver.yaml ${DIR}/; sleep 2; crictl ps --name kube-apiserver -q 2>/dev/null | wc -l`);
    expect(back.stdout).toBe('1\n');
  });

  it('a new manifest runs its pod within seconds, a dot-file is passed over', async () => {
    const world = bootWorld('cluster');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';
    await runScript(world, 'cka01', `cat > ${DIR}/.static-web.yaml <<'EOF'\n${pod}EOF\nsleep 5`);
    expect((await runScript(world, 'cka01', 'crictl ps -a --name web -q 2>/dev/null | wc -l')).stdout).toBe('0\n');
    await runScript(world, 'cka01', `mv ${DIR}/.static-web.yaml ${DIR}/static-web.yaml; sleep 5`);
    expect((await runScript(world, 'cka01', 'crictl ps --name web -q 2>/dev/null | wc -l; kubectl get pod static-web-cka01 --no-headers | awk "{print \\$3}"')).stdout).toBe('1\nRunning\n');
  });

  it('a manifest broken in place: the watch logs it and keeps the old pod; the next listing stops it', async () => {
    const world = bootWorld('cluster');
    const journal = () => runScript(world, 'cka01', 'journalctl -u kubelet --no-pager | grep -c "Unable to process watch event"; journalctl -u kubelet --no-pager | grep -c "Could not process manifest file"');
    const before = (await journal()).stdout.split('\n').map(Number);
    await runScript(world, 'cka01', `cp ${DIR}/kube-scheduler.yaml /root/; echo 'kind: [' > ${DIR}/kube-scheduler.yaml; sleep 1`);
    const after = (await journal()).stdout.split('\n').map(Number);
    expect(after[0] - before[0]).toBe(1);
    expect((await runScript(world, 'cka01', 'crictl ps --name kube-scheduler -q 2>/dev/null | wc -l')).stdout).toBe('1\n');
    await runScript(world, 'cka01', 'sleep 21');
    expect((await runScript(world, 'cka01', 'crictl ps --name kube-scheduler -q 2>/dev/null | wc -l')).stdout).toBe('0\n');
    expect((await journal()).stdout.split('\n').map(Number)[1]).toBeGreaterThan(after[1]);
    // fixed: at once again
    await runScript(world, 'cka01', `cp /root/kube-scheduler.yaml ${DIR}/; sleep 2`);
    expect((await runScript(world, 'cka01', 'crictl ps --name kube-scheduler -q 2>/dev/null | wc -l')).stdout).toBe('1\n');
  });
});
