/**
 * Socket activation and stop propagation as systemd 249 (kicbase: Ubuntu 22.04, systemd
 * 249.11-0ubuntu3.15 in minikube v1.36.0 hack/kicbase_version/os-package-list.txt) shows them:
 * - `systemctl status` (src/systemctl/systemctl-show.c print_status_info of v249.11): after
 *   Active:, a service lists the sockets that trigger it ("TriggeredBy:" and the glyph of each
 *   socket's state, unit_active_state_to_glyph), a socket the service it triggers ("   Triggers:"
 *   and always ●); Docs:, then a socket's "     Listen: ADDRESS (Stream)"; a socket has no Main PID.
 *   A socket (Accept=no) is "active (running)" while its service runs, "active (listening)"
 *   otherwise (src/core/socket.c socket_trigger_notify).
 * - a stop spreads to the units that Requires=, BindsTo= or are PartOf= the stopped one:
 *   kicbase's docker.service (minikube pkg/provision/ubuntu.go) BindsTo=containerd.service, and
 *   cri-docker.socket (cri-dockerd packaging/systemd) PartOf=cri-docker.service. A socket's stop
 *   ends with "Closed …" (socket.c finished_stop_job), its start with "Listening on …".
 * The goldens (test/golden/systemctl-triggers) are the simulation's output, reviewed against
 * those sources; `WRITE_GOLDEN=1` rewrites them after such a review.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { goldenChecker } from '../cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../../golden/systemctl-triggers'));

async function golden(world: ReturnType<typeof bootWorld>, script: string, file: string): Promise<void> {
  const r = await runScript(world, 'minikube', script);
  expect(r.stderr).toBe('');
  expectGolden(file, script, r.stdout);
}

describe('systemctl status: TriggeredBy and Triggers', () => {
  it('docker.service and cri-docker.service name their sockets; the sockets name their services and listen paths', async () => {
    const world = bootWorld('minikube');
    await golden(world, 'systemctl status docker.service docker.socket -n 0', 'docker-running.txt');
    await golden(world, 'systemctl status cri-docker.service cri-docker.socket -n 0', 'cri-docker-running.txt');
  });

  it('with the service stopped the socket listens; with the socket closed its glyph is ○', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop docker 2>/dev/null; systemctl status docker.socket -n 0 | sed -n 3,4p; systemctl stop docker.socket; systemctl status docker.service -n 0 | sed -n 3,4p; echo rc=$?');
    expect(r.stdout).toMatch(/^ {5}Active: active \(listening\) since .*\n {3}Triggers: ● docker\.service\n {5}Active: inactive \(dead\) since .*\nTriggeredBy: ○ docker\.socket\nrc=0\n$/);
  });

  it('a closed socket shows no cgroup, and a service without a socket no TriggeredBy', async () => {
    const world = bootWorld('minikube');
    await golden(world, 'systemctl stop cri-docker.socket; systemctl status cri-docker.socket -n 0; systemctl status kubelet -n 0 | grep -c Triggered', 'cri-docker-socket-closed.txt');
  });
});

describe('systemctl list-units: sockets beside services', () => {
  // systemctl-list-units.c with unit_info_compare (shared/bus-unit-util.c): ordered by type, then
  // by name; a socket's SUB is running while its service runs, listening otherwise.
  it('lists the sockets after the services, and --type=socket only them', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl list-units | grep -n "^  docker[.]s"; systemctl stop docker 2>/dev/null; systemctl list-units --type=socket | head -3');
    expect(r.stdout).toMatch(/^6: {2}docker\.service {15}loaded active running Docker Application Container Engine\n15: {2}docker\.socket {16}loaded active running Docker Socket for the API\n/);
    expect(r.stdout).toContain('\n  UNIT              LOAD   ACTIVE SUB       DESCRIPTION\n  cri-docker.socket loaded active running   CRI Docker Socket for the API\n  docker.socket     loaded active listening Docker Socket for the API\n');
  });
});

describe('a stop spreads through BindsTo=, Requires= and PartOf=', () => {
  it('stopping containerd stops docker (BindsTo=); cri-dockerd and both sockets stay', async () => {
    const world = bootWorld('minikube');
    const r = await runScript(world, 'minikube', 'systemctl stop containerd; echo rc=$?; systemctl is-active containerd docker docker.socket cri-docker cri-docker.socket');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('rc=0\ninactive\ninactive\nactive\nactive\nactive\n');
  });

  it('docker stops before containerd (it is ordered after it), and a restart of containerd brings docker back', async () => {
    const world = bootWorld('minikube');
    await golden(world, 'systemctl restart containerd; journalctl --no-pager | grep "systemd\\[1\\]: .*\\(docker\\|containerd\\|Container Engine\\)" | tail -9 | cut -d" " -f5-; systemctl is-active docker', 'containerd-restart.txt');
  });

  it('restarting cri-docker.service restarts its socket first (PartOf=, Requires=)', async () => {
    const world = bootWorld('minikube');
    await golden(world, 'systemctl restart cri-docker; sleep 1; journalctl --no-pager -u cri-docker.socket | tail -6 | cut -d" " -f5-; systemctl is-active cri-docker cri-docker.socket', 'cri-docker-restart.txt');
  });
});
