/**
 * crictl rm, start and exec on a cluster node, as cri-tools v1.33.0 (cmd/crictl/container.go,
 * exec.go) runs them against containerd 1.7 (pkg/cri/server container_remove.go,
 * container_start.go, container_exec.go):
 * - `rm` reads the container's status first and refuses a running one ("container %q is running,
 *   please stop it first"); `-f` stops it (its ID printed) then removes it (printed again). The
 *   kubelet then starts the container again, as it does on a real node.
 * - `start` only starts a created container: containerd answers "container is in … state".
 * - `exec` runs the command in the container through the kubelet's exec (what `kubectl exec`
 *   gets); a non-zero status is the stream's "command terminated with exit code N".
 * - rm and exec run in goroutines whose errors urfave/cli prints as a MultiError (errors.go
 *   HandleExitCoder): each on its own line, no log prefix, exit 1.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock IMAGE_SERVICE_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';
const KLOG = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} {4}4211 log\.go:32\] /;

async function webOnCka02() {
  const world = bootWorld('cluster');
  await runScript(world, 'cka01', 'kubectl run web --image=nginx --overrides=\'{"spec":{"nodeName":"cka02"}}\' >/dev/null; sleep 20');
  const id = (await runScript(world, 'cka02', `${ENV}; crictl ps --name web -q`)).stdout.trim();
  const run = (script: string) => runScript(world, 'cka02', `${ENV}; ${script}`);
  return { world, id, run };
}

describe('crictl rm', () => {
  it('refuses a running container, removes it with -f, and the kubelet starts it again', async () => {
    const { world, id, run } = await webOnCka02();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const refused = await run(`crictl rm ${id.slice(0, 12)}; echo rc=$?`);
    expect(refused.stdout).toBe('rc=1\n');
    // The goroutines' errors come out as urfave/cli prints a MultiError: each on its own line, exit 1.
    expect(refused.stderr).toBe(`container "${id.slice(0, 12)}" is running, please stop it first\n`);
    const forced = await run(`crictl rm -f ${id}; echo rc=$?`);
    expect(forced.stdout).toBe(`${id}\n${id}\nrc=0\n`);
    expect((await run(`crictl ps -a -q --id ${id}`)).stdout).toBe('');
    await runScript(world, 'cka01', 'sleep 15');
    const again = await run('crictl ps --name web');
    expect(again.stdout.split('\n')[1]).toMatch(/ Running +web +1 +/);
  });

  it('fails on an unknown ID after the status call, with cri-client\'s error line', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl rm nope; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    const [klog, fatal] = r.stderr.split('\n');
    expect(klog).toMatch(KLOG);
    expect(klog.replace(KLOG, '')).toBe('"ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"nope\\": not found" containerID="nope"');
    expect(fatal).toBe('getting container status "nope": rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found');
  });

  it('prints its help without an ID, after connecting (container.go:434)', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl rm; echo rc=$?`);
    expect(r.stdout.startsWith('NAME:\n   crictl rm - Remove one or more containers\n\nUSAGE:\n')).toBe(true);
    expect(r.stdout.endsWith('rc=0\n')).toBe(true);
    expect(r.stderr).toBe('');
  });
});

describe('crictl start', () => {
  it('needs an ID before it connects, and starts only a created container', async () => {
    const { id, run } = await webOnCka02();
    const empty = await run('crictl start; echo rc=$?');
    expect(empty.stdout).toBe('rc=1\n');
    expect(empty.stderr).toBe('FATA[0000] ID cannot be empty                           \n');
    const running = await run(`crictl start ${id}; echo rc=$?`);
    expect(running.stdout).toBe('rc=1\n');
    expect(running.stderr.split('\n')[1]).toBe(`FATA[0000] starting the container "${id}": rpc error: code = Unknown desc = failed to set starting state for container "${id}": container is in CONTAINER_RUNNING state `);
  });
});

describe('crictl exec', () => {
  it('runs the command in the container, as kubectl exec does', async () => {
    const { world, id, run } = await webOnCka02();
    const viaCrictl = await run(`crictl exec ${id} cat /etc/hostname /etc/hosts; echo rc=$?`);
    const viaKubectl = await runScript(world, 'cka01', 'kubectl exec web -- cat /etc/hostname /etc/hosts');
    expect(viaCrictl.stdout).toBe(`${viaKubectl.stdout}rc=0\n`);
    const status = await run(`crictl exec ${id} sh -c 'echo out; echo err >&2; exit 4'; echo rc=$?`);
    expect(status.stdout).toBe('out\nrc=1\n');
    expect(status.stderr).toBe(`err\nexecing command in container ${id}: command terminated with exit code 4\n`);
    const ignored = await run(`crictl exec -e ${id} sh -c 'exit 4'; echo rc=$?`);
    expect(ignored.stdout).toBe('rc=0\n');
    expect(ignored.stderr).toBe('WARN[0000] The `--ignore-errors` option has been set all errors returned by the command will be ignored. \n');
  });

  it('fails as the runtime and the stream fail', async () => {
    const { id, run } = await webOnCka02();
    const tty = await run(`crictl exec -t ${id} ls; echo rc=$?`);
    expect(tty.stderr).toBe(`execing command in container ${id}: tty=true must be specified with interactive=true\n`);
    const missing = await run(`crictl exec ${id} nosuch; echo rc=$?`);
    expect(missing.stdout).toBe('rc=1\n');
    expect(missing.stderr).toBe(
      `execing command in container ${id}: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n`,
    );
    await run(`crictl stop ${id} >/dev/null`);
    const exited = await run(`crictl exec ${id} ls; echo rc=$?`);
    expect(exited.stdout).toBe('rc=1\n');
    const [klog, fatal] = exited.stderr.split('\n');
    expect(klog.replace(KLOG, '')).toBe(`"Exec cmd from runtime service failed" err="rpc error: code = Unknown desc = container is in CONTAINER_EXITED state" containerID="${id}" cmd="[ls]"`);
    expect(fatal).toBe(`execing command in container ${id}: rpc error: code = Unknown desc = container is in CONTAINER_EXITED state`);
  });

  it('picks its containers by the filter flags, each announced by its ID unless -q', async () => {
    const { id, run } = await webOnCka02();
    expect((await run('crictl exec --name web hostname; echo rc=$?')).stdout).toBe(`${id}:\nweb\nrc=0\n`);
    expect((await run('crictl exec -q --name ^web$ hostname')).stdout).toBe('web\n');
    const none = await run('crictl exec --name nothing hostname; echo rc=$?');
    expect(none.stderr).toBe(`ERRO[0000] ${'No containers found per filter flags'.padEnd(44)} \n`);
    expect(none.stdout.startsWith('NAME:\n   crictl exec - Run a command in a running container\n')).toBe(true);
  });

  it('-s answers the output whole: stdout then stderr, each with a line break, or the status with stderr', async () => {
    const { id, run } = await webOnCka02();
    expect((await run(`crictl exec -s ${id} hostname; echo rc=$?`)).stdout).toBe('web\n\n\nrc=0\n');
    const failed = await run(`crictl exec -s ${id} sh -c 'echo o; echo e >&2; exit 3'; echo rc=$?`);
    expect(failed.stdout).toBe('rc=1\n');
    expect(failed.stderr).toBe(`execing command in container ${id} synchronously: command 'sh -c echo o; echo e >&2; exit 3' exited with 3: e\n\n`);
  });
});
