/**
 * `kubectl version` tells the releases that run: the client is the kubectl package the machine
 * installed (with the kustomize that release embeds), the server is the running kube-apiserver's
 * image — v1.32.8 in the upgrade scenario until its static pod restarts on v1.33.4 (both said
 * v1.33.1 before). A client more than one minor from the server warns as kubectl 1.33 does.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl version', () => {
  it('follows the installed kubectl and the running API server through an upgrade of the control plane', async () => {
    const world = bootWorld('upgrade');
    const before = await runScript(world, 'cka01', "kubectl version; kubectl get --raw /version | grep -c '\"gitVersion\": \"v1.32.8\"'");
    expect(before.stdout).toBe('Client Version: v1.32.8\nKustomize Version: v5.5.0\nServer Version: v1.32.8\n1\n');
    const after = await runScript(world, 'cka01', `sed -i 's#kube-apiserver:v1.32.8#kube-apiserver:v1.33.4#' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 60
kubectl version`);
    expect(after.stdout).toBe('Client Version: v1.32.8\nKustomize Version: v5.5.0\nServer Version: v1.33.4\n');
    expect(after.stderr).toBe('');
  });

  it('warns when the client is more than one minor away from the server', async () => {
    const world = bootWorld('cluster');
    const installed = (world.machines.get('cka01')!.ext.packages as { installed: Record<string, { version: string }> }).installed;
    installed.kubectl.version = '1.31.9-1.1';
    const r = await runScript(world, 'cka01', 'kubectl version');
    expect(r.stdout).toBe('Client Version: v1.31.9\nKustomize Version: v5.4.2\nServer Version: v1.33.4\n');
    expect(r.stderr).toBe('WARNING: version difference between client (1.31) and server (1.33) exceeds the supported minor version skew of +/-1\n');
  });
});
