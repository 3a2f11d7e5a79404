/**
 * kubectl debug on a running cluster: an ephemeral container through pods/ephemeralcontainers
 * that the kubelet starts and kubectl attaches to, a copy of the pod, a node; messages and checks
 * as staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go prints them.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

async function withWeb() {
  const world = bootWorld('cluster');
  await runScript(world, 'cka01', 'kubectl run web --image=nginx; sleep 20');
  return world;
}

describe('kubectl debug POD (ephemeral container)', () => {
  it('adds a debug container, waits for it, and gives an interactive shell in the pod', async () => {
    const world = await withWeb();
    const r = await runScript(world, 'cka01', "kubectl debug -it web --image=busybox --target=web <<'X'\nhostname\nexit\nX");
    expect(r.stdout).toMatch(
      /^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n\/ # web\n\/ # Session ended, resume using 'kubectl attach web -c debugger-\w{5} -i -t' command when the pod is running\n$/,
    );
    expect(r.stderr).toBe(`${LEGACY}If you don't see a command prompt, try pressing enter.\n`);
    const name = /debugger-\w{5}/.exec(r.stdout)![0];
    const spec = await runScript(world, 'cka01', `kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[0].name} {.spec.ephemeralContainers[0].targetContainerName} {.spec.ephemeralContainers[0].stdin} {.status.ephemeralContainerStatuses[0].state.running.startedAt}'`);
    expect(spec.stdout).toMatch(new RegExp(`^${name} web true \\d{4}-\\d\\d-\\d\\dT`));
    // The pod keeps running and stays Ready: an ephemeral container counts for neither.
    expect((await runScript(world, 'cka01', 'kubectl get pod web --no-headers')).stdout).toMatch(/^web\s+1\/1\s+Running\s+0/);
    const d = await runScript(world, 'cka01', 'kubectl describe pod web');
    expect(d.stdout).toContain(`Ephemeral Containers:\n  ${name}:\n    Container ID:   containerd://`);
    expect(d.stdout).toMatch(new RegExp(`Started container ${name}\\n`));
    expect(d.stdout.indexOf('Ephemeral Containers:')).toBeLessThan(d.stdout.indexOf('Conditions:'));
  });

  it('without -i only adds the container; --container names it; a name must not clash with a container of the pod', async () => {
    const world = await withWeb();
    const r = await runScript(world, 'cka01', 'kubectl debug web --image=busybox -c dbg -- sleep 3600');
    expect(r).toMatchObject({ stdout: '', stderr: LEGACY, status: 0 });
    expect((await runScript(world, 'cka01', "kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[0].command}'")).stdout).toBe('["sleep","3600"]');
    const clash = await runScript(world, 'cka01', 'kubectl debug web --image=busybox -c web');
    expect(clash.status).toBe(1);
    expect(clash.stderr).toBe(`${LEGACY}The Pod "web" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "web"\n`);
  });

  it('refuses what debug.go refuses', async () => {
    const world = await withWeb();
    const cases: [string, string][] = [
      ['kubectl debug web', 'error: you must specify --image when not using --copy-to.\n'],
      ['kubectl debug web --image=busybox --replace', 'error: --replace may only be used with --copy-to.\n'],
      ['kubectl debug web --image=busybox -t', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
      ['kubectl debug web --copy-to=x --target=web', 'error: --target is incompatible with --copy-to. Use --share-processes instead.\n'],
      ['kubectl debug --image=busybox', 'error: NAME or filename is required for debug\n'],
      ['kubectl debug nope --image=busybox', `${LEGACY}Error from server (NotFound): pods "nope" not found\n`],
    ];
    for (const [line, err] of cases) {
      const r = await runScript(world, 'cka01', line);
      expect(r.stderr, line).toBe(err);
      expect(r.status, line).toBe(1);
    }
  });
});

describe('kubectl debug POD --copy-to', () => {
  it('creates a copy with the debug container, shared process namespace, no labels, and attaches', async () => {
    const world = await withWeb();
    const r = await runScript(world, 'cka01', "kubectl debug web -it --copy-to=web-debug --image=busybox --share-processes <<'X'\necho in copy\nX");
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-\w{5}\.\n\/ # in copy\n\/ # Session ended, resume using 'kubectl attach web-debug -c debugger-\w{5} -i -t' command when the pod is running\n$/);
    const got = await runScript(world, 'cka01', "kubectl get pod web-debug -o jsonpath='{.spec.shareProcessNamespace} {.spec.containers[*].name} {.metadata.labels}'");
    expect(got.stdout).toMatch(/^true web debugger-\w{5} $/);
    expect((await runScript(world, 'cka01', 'kubectl get pod web -o name')).stdout).toBe('pod/web\n');
  });

  it('--set-image changes images of the copy; --replace deletes the original', async () => {
    const world = await withWeb();
    const r = await runScript(world, 'cka01', 'kubectl debug web --copy-to=web2 --set-image=web=nginx:1.27 --replace');
    expect(r.status).toBe(0);
    expect((await runScript(world, 'cka01', "kubectl get pod web2 -o jsonpath='{.spec.containers[0].image}'")).stdout).toBe('nginx:1.27');
    await runScript(world, 'cka01', 'sleep 5');
    expect((await runScript(world, 'cka01', 'kubectl get pod web')).stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });
});
