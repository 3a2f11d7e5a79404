/**
 * The kubelet of the minikube node talks to cri-dockerd (minikube's kubeadm.yaml: criSocket and
 * containerRuntimeEndpoint unix:///var/run/cri-dockerd.sock), so what it logs of its runtime names
 * that socket and Docker:
 * - start-up: "Container runtime initialized" with the CRI Version answer (cri-dockerd v0.4.0
 *   core/docker_service.go Version: RuntimeName "docker", Docker Engine's version), and
 *   RuntimeConfig answered (core/docker_service.go line 516: Docker's cgroup driver), so
 *   getCgroupDriverFromCRI logs "Using cgroup driver setting received from the CRI runtime"
 *   (kubernetes cmd/kubelet/app/server.go) instead of containerd 1.7's Unimplemented fallback;
 * - cri-dockerd gone (cri-docker.service and cri-docker.socket stopped): the same cri-client and
 *   kubelet lines as for containerd (test/sim/kubelet/runtime-down.test.ts, from v1.33 journals),
 *   with the dialled path /var/run/cri-dockerd.sock;
 * - a kubelet (re)started then fails validate service connection on that endpoint.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const RPC = 'rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/cri-dockerd.sock: connect: no such file or directory\\"';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('minikube node: the kubelet and cri-dockerd', () => {
  it('logs Docker behind cri-dockerd at start-up, and the cgroup driver cri-dockerd answers', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'journalctl -u kubelet --no-pager');
    expect(r.stdout).toMatch(/ kuberuntime_manager\.go:269\] "Container runtime initialized" containerRuntime="docker" version="28\.1\.1" apiVersion="v1"$/m);
    expect(r.stdout).toMatch(/ server\.go:1444\] "Using cgroup driver setting received from the CRI runtime" cgroupDriver="systemd"$/m);
    expect(r.stdout).not.toContain('RuntimeConfig from runtime service failed');
    expect(r.stdout).not.toContain('containerRuntime="containerd"');
    expect(r.stdout).not.toContain('containerd.sock');
  });

  it('the kubeadm cluster still logs containerd 1.7\'s answers', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka02', 'journalctl -u kubelet --no-pager');
    expect(r.stdout).toMatch(/ "Container runtime initialized" containerRuntime="containerd" version="1\.7\.\d+" apiVersion="v1"$/m);
    expect(r.stdout).toContain('"RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented desc = unknown method RuntimeConfig for service runtime.v1.RuntimeService"');
  });

  it('with cri-dockerd stopped, the health checks fail on its socket and the node goes NotReady; started again, it heals', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop cri-docker.service cri-docker.socket; sleep 40; journalctl -u kubelet --no-pager; kubectl get node minikube --no-headers');
    expect(r.stdout).toMatch(new RegExp(`^.* kubelet\\[\\d+\\]: E\\d{4} [\\d:.]+ +\\d+ log\\.go:32\\] "Status from runtime service failed" err="${escape(RPC)}"$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^.* kubelet\\[\\d+\\]: E\\d{4} [\\d:.]+ +\\d+ kubelet\\.go:3102\\] "Container runtime sanity check failed" err="${escape(RPC)}"$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(` generic\\.go:256\\] "GenericPLEG: Unable to retrieve pods" err="${escape(RPC)}"$`, 'm'));
    expect(r.stdout).toMatch(/ logging\.go:55\] \[core\] \[Channel #1 SubChannel #2\]grpc: addrConn\.createTransport failed to connect to \{Addr: "\/var\/run\/cri-dockerd\.sock", ServerName: "localhost", \}\. Err: connection error: desc = "transport: Error while dialing: dial unix \/var\/run\/cri-dockerd\.sock: connect: no such file or directory"$/m);
    expect(r.stdout).toContain('"Skipping pod synchronization" err="container runtime is down"');
    expect(r.stdout).not.toContain('containerd.sock');
    expect(r.stdout).toMatch(/^minikube +NotReady +control-plane /m);
    const healed = await runScript(world, 'minikube', 'systemctl start cri-docker.socket cri-docker.service; sleep 20; kubectl get node minikube --no-headers');
    expect(healed.stdout).toMatch(/^minikube +Ready +control-plane /m);
  }, 30_000);

  it('a kubelet restarted while cri-dockerd is stopped exits on its endpoint; the socket alone listening lets it run', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop cri-docker.service cri-docker.socket; systemctl restart kubelet; sleep 1; journalctl -u kubelet --no-pager | grep "command failed" | tail -1');
    expect(r.stdout).toMatch(new RegExp(` run\\.go:72\\] "command failed" err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\\\"unix:///var/run/cri-dockerd\\.sock\\\\": ${escape(RPC)}"\\n$`));
    const socket = await runScript(world, 'minikube', 'systemctl start cri-docker.socket; sleep 12; systemctl is-active kubelet cri-docker.service');
    // The kubelet's first dial activates cri-dockerd through its socket.
    expect(socket.stdout).toBe('active\nactive\n');
  });
});

describe('cri-docker.socket activates cri-dockerd', () => {
  // systemd socket activation: cri-docker.service (cri-dockerd v0.4.0 packaging/systemd, Requires=
  // cri-docker.socket, ExecStart … --container-runtime-endpoint fd://) is started by the next
  // connection to its listening socket, which the kubelet makes within a second. The socket is
  // PartOf=cri-docker.service: stopping the service closes it too (systemd propagates the stop to
  // ConsistsOf=), so it has to be started again on its own for the service to come back that way.
  it('a stop of the service closes its socket too (PartOf=)', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop cri-docker.service; systemctl is-active cri-docker.service cri-docker.socket; journalctl -u cri-docker.socket --no-pager | tail -3 | cut -d" " -f5-');
    expect(r.stdout).toBe('inactive\ninactive\nsystemd[1]: Stopping CRI Docker Socket for the API...\nsystemd[1]: cri-docker.socket: Deactivated successfully.\nsystemd[1]: Closed CRI Docker Socket for the API.\n');
  });

  it('with the socket listening again, the service comes back at the kubelet\'s next dial and the kubelet logs no failure', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop cri-docker.service; systemctl start cri-docker.socket; systemctl is-active cri-docker.service; sleep 2; systemctl is-active cri-docker.service; ps aux | grep -c "/usr/bin/[c]ri-dockerd "; journalctl -u kubelet --no-pager | grep -c "runtime service failed"; journalctl -u cri-docker --no-pager | grep -c "Starting cri-dockerd dev (HEAD)"');
    expect(r.stdout).toBe('inactive\nactive\n1\n0\n2\n');
  });
});

describe('who may dial the CRI sockets', () => {
  // cri-docker.socket (cri-dockerd v0.4.0 packaging/systemd/cri-docker.socket): SocketUser=root,
  // SocketGroup=docker, SocketMode=0660; kicbase (minikube v1.36.0 deploy/kicbase/Dockerfile line
  // 257): adduser --ingroup docker docker. containerd's socket: root only.
  it('cri-dockerd\'s socket admits the docker group, containerd\'s only root', async () => {
    const { mayDialCriSocket } = await import('../../../src/sim/kubelet/cri-endpoint');
    const world = bootWorld('minikube');
    const id = await runScript(world, 'minikube', 'id -Gn', 'docker');
    const docker = { uid: 1000, groups: id.stdout.trim().split(' ') };
    expect(mayDialCriSocket('unix:///var/run/cri-dockerd.sock', docker)).toBe(true);
    expect(mayDialCriSocket('unix:///run/cri-dockerd.sock', docker)).toBe(true);
    expect(mayDialCriSocket('unix:///var/run/cri-dockerd.sock', { uid: 1001, groups: ['alice'] })).toBe(false);
    expect(mayDialCriSocket('unix:///run/containerd/containerd.sock', docker)).toBe(false);
    expect(mayDialCriSocket('unix:///run/containerd/containerd.sock', { uid: 0, groups: ['root'] })).toBe(true);
  });
});
