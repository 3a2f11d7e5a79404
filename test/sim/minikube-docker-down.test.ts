/**
 * A minikube node (docker runtime) whose dockerd is stopped, inside `minikube ssh`. Expected texts
 * and rules from the sources:
 * - systemd socket activation: docker.service stopped while docker.socket (docker-ce's unit,
 *   ListenStream=/run/docker.sock) listens is started again by the next connection to
 *   /var/run/docker.sock — the docker CLI's, or cri-dockerd's (its --docker-endpoint default
 *   unix:///var/run/docker.sock) for the kubelet's next PLEG relist, one second later;
 * - with docker.socket stopped too, cri-dockerd v0.4.0 still answers on its socket, but
 *   ListPodSandbox (core/sandbox_list.go) returns the docker client's error unwrapped and Status
 *   (core/docker_service.go) getDockerInfo's "failed to get docker info from dockerd: %v" once its
 *   memoized answer (systemInfoCacheMinTTL, one minute, utils/cache.go) is too old; gRPC names
 *   plain errors code = Unknown. The docker client's words (github.com/docker/docker v27.0.2,
 *   cri-dockerd's go.mod): "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.
 *   Is the docker daemon running?". The kubelet logs them through its CRI client (log.go:32),
 *   kubelet.go:3102 and generic.go:256, and the node turns NotReady.
 * - dockerd's shutdown without live-restore (moby daemon.Shutdown) stops every running container:
 *   on a one-node minikube the API server goes with it, and the kubelet starts each container again
 *   once dockerd is back.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
const KUBECTL = 'kubectl --kubeconfig /etc/kubernetes/admin.conf';

describe('minikube node: dockerd stopped behind cri-dockerd', () => {
  it('with docker.socket listening, cri-dockerd\'s next call starts dockerd again within a second; so does the docker CLI; the containers dockerd stopped are started again', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop docker; systemctl is-active docker; sleep 1; systemctl is-active docker');
    expect(r.stderr).toBe('Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n');
    expect(r.stdout).toBe('inactive\nactive\n');
    // No kubelet call failed meanwhile: it waited in the socket's queue.
    const journal = await runScript(world, 'minikube', 'journalctl -u kubelet --no-pager | grep -c "Cannot connect"');
    expect(journal.stdout).toBe('0\n');
    // dockerd's shutdown (daemon.Shutdown, no live-restore) stopped every container: the kubelet starts each again.
    const pods = await runScript(world, 'minikube', `sleep 30; ${KUBECTL} -n kube-system get pods -o jsonpath='{range .items[*]}{.status.containerStatuses[0].restartCount}{.status.containerStatuses[0].ready} {end}'`);
    expect(pods.stdout).toMatch(/^(1true )+$/);
    // The kubelet stopped: nothing dials, and the docker CLI's own connection starts dockerd.
    const cli = await runScript(world, 'minikube', 'systemctl stop kubelet; systemctl stop docker 2>/dev/null; sleep 2; systemctl is-active docker; docker ps -q >/dev/null; echo rc=$?; systemctl is-active docker');
    expect(cli.stdout).toBe('inactive\nrc=0\nactive\n');
    // The node's docker user (group docker: the socket is root:docker 0660) starts it the same way.
    await runScript(world, 'minikube', 'systemctl stop docker 2>/dev/null');
    const user = await runScript(world, 'minikube', 'docker ps -q >/dev/null; echo rc=$?; systemctl is-active docker', 'docker');
    expect(user.stdout).toBe('rc=0\nactive\n');
  });

  it('with docker.socket stopped too, docker ps fails, the kubelet logs cri-dockerd\'s errors and goes NotReady (the API server stopped with dockerd); all comes back with docker.socket', async () => {
    const world = bootWorld('minikube');
    // Twenty seconds past boot: cri-dockerd's cached docker info still answers Status for a while.
    const r = await runScript(world, 'minikube', 'sleep 20; systemctl stop docker.socket; systemctl is-active docker docker.socket cri-docker; docker ps; echo rc=$?');
    expect(r.stdout).toBe('inactive\ninactive\nactive\nrc=1\n');
    expect(r.stderr).toBe(`${NO_DAEMON}\n`);
    const since = world.clock.now();
    await runScript(world, 'minikube', 'sleep 240');
    const log = await runScript(world, 'minikube', 'journalctl -u kubelet --no-pager -o cat');
    const lines = log.stdout.split('\n');
    const list = `"ListPodSandbox with filter from runtime service failed" err="rpc error: code = Unknown desc = ${NO_DAEMON}" filter="nil"`;
    const status = `"Container runtime sanity check failed" err="rpc error: code = Unknown desc = failed to get docker info from dockerd: ${NO_DAEMON}"`;
    expect(lines.some((l) => l.endsWith(list))).toBe(true);
    expect(lines.some((l) => l.endsWith(`"GenericPLEG: Unable to retrieve pods" err="rpc error: code = Unknown desc = ${NO_DAEMON}"`))).toBe(true);
    expect(lines.some((l) => l.endsWith(status))).toBe(true);
    // The socket answers: no dial fails.
    expect(lines.some((l) => l.includes('createTransport'))).toBe(false);
    // Status answered from the cache first: its first failure comes after the first failed relist.
    const firstList = lines.findIndex((l) => l.endsWith(list));
    const firstStatus = lines.findIndex((l) => l.endsWith(status));
    expect(firstStatus).toBeGreaterThan(firstList);
    expect(lines.some((l) => l.includes('"Skipping pod synchronization" err="[container runtime is down, PLEG is not healthy'))).toBe(true);
    // dockerd stopped every container as it shut down (no live-restore), the API server's too:
    // nothing answers kubectl until dockerd is back.
    const node = await runScript(world, 'minikube', `${KUBECTL} get node minikube`);
    expect(node.stderr).toMatch(/The connection to the server [^ ]+ was refused - did you specify the right host or port\?\n$/);
    expect(world.clock.now() - since).toBeGreaterThanOrEqual(240_000);
    // docker ps after starting the socket: the CLI's connection starts dockerd (no container runs:
    // dockerd stopped them); the kubelet starts the pods again, each container once more.
    const back = await runScript(world, 'minikube', `systemctl start docker.socket; docker ps -q | wc -l; systemctl is-active docker; sleep 60; ${KUBECTL} get node minikube -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'; ${KUBECTL} -n kube-system get pod etcd-minikube -o jsonpath=' {.status.containerStatuses[0].restartCount}'`);
    expect(back.stdout).toBe('0\nactive\nTrue 1');
  });
});
