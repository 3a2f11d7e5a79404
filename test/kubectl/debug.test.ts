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
    // No terminal (a here-document): no prompts, and no reattach hint after the session.
    expect(r.stdout).toMatch(
      /^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\nweb\n$/,
    );
    expect(r.stderr).toBe(`${LEGACY}Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n`);
    const name = /debugger-\w{5}/.exec(r.stdout)![0];
    // Its shell was the container's process: `exit` ended the container (never restarted).
    const spec = await runScript(world, 'cka01', `kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[0].name} {.spec.ephemeralContainers[0].targetContainerName} {.spec.ephemeralContainers[0].stdin} {.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].state.terminated.exitCode}'`);
    expect(spec.stdout).toBe(`${name} web true Completed 0`);
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
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-\w{5}\.\nin copy\n$/);
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

const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';

describe('kubectl debug node/NAME -i: the node seen from a privileged Pod', () => {
  it("shares the node's hostname; `chroot /host` runs the node's own shell and programs; exit ends the Pod", async () => {
    const world = bootWorld('cluster');
    const script = [
      "kubectl debug node/cka02 -it --image=busybox <<'X'",
      'hostname',
      'chroot /host',
      'hostname; id -un',
      'systemctl is-active kubelet',
      'nope',
      'ls /etc/kubernetes',
      'exit',
      'exit',
      'X',
    ].join('\n');
    const r = await runScript(world, 'cka01', script);
    // A here-document is no terminal: -t is dropped, as kubectl says; the shells read the lines as they come.
    // The node's own bash (busybox's chroot runs root's shell from the node's passwd) words its own errors.
    expect(r.stderr).toBe(`${LEGACY}${NO_TTY}If you don't see a command prompt, try pressing enter.\nbash: line 3: nope: command not found\n`);
    expect(r.stdout).toMatch(/^Creating debugging pod (node-debugger-cka02-\w{5}) with container debugger on node cka02\.\n/);
    expect(r.stdout.replace(/^.*\n/, '')).toBe('cka02\ncka02\nroot\nactive\nkubelet.conf\nmanifests\npki\n');
    expect(r.status).toBe(0);
    const name = /node-debugger-cka02-\w{5}/.exec(r.stdout)![0];
    await runScript(world, 'cka01', 'sleep 2');
    // The shell was the container's process, and the Pod does not restart: it completed.
    expect((await runScript(world, 'cka01', `kubectl get pod ${name} --no-headers`)).stdout).toMatch(new RegExp(`^${name}\\s+0/1\\s+Completed\\s+0\\s`));
  });

  it('chroot fails as busybox and coreutils do; coreutils runs /bin/sh (dash) when SHELL is unset', async () => {
    const world = bootWorld('cluster');
    const busybox = await runScript(world, 'cka01', "kubectl debug node/cka02 -it --image=busybox <<'X'\nchroot /nope\necho $?\nchroot /host nope\necho $?\nchroot /etc/passwd\nchroot\necho $?\nX");
    expect(busybox.stdout.replace(/^.*\n/, '')).toBe('1\n127\n1\n');
    expect(busybox.stderr).toBe(
      `${LEGACY}${NO_TTY}If you don't see a command prompt, try pressing enter.\n` +
        "chroot: can't change root directory to '/nope': No such file or directory\n" +
        "chroot: can't execute 'nope': No such file or directory\n" +
        "chroot: can't change root directory to '/etc/passwd': Not a directory\n" +
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n',
    );
    const ubuntu = await runScript(world, 'cka01', "kubectl debug node/cka03 -it --image=ubuntu <<'X'\nchroot /host\necho $0 $BASH_VERSION\nnope\nexit 3\nchroot\nexit\nX");
    expect(ubuntu.stdout.replace(/^.*\n/, '')).toBe('sh\n');
    expect(ubuntu.stderr).toBe(`${LEGACY}${NO_TTY}If you don't see a command prompt, try pressing enter.\nsh: 2: nope: not found\nchroot: missing operand\nTry 'chroot --help' for more information.\n`);
    expect(ubuntu.status).toBe(125);
  });

  it('chroot with a command runs it on the node and returns its status', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', "kubectl debug node/cka01 -it --image=busybox <<'X'\nchroot /host cat /etc/hostname\nchroot /host sh -c 'exit 7'\necho $?\nX");
    expect(r.stdout.replace(/^.*\n/, '')).toBe('cka01\n7\n');
  });
});
