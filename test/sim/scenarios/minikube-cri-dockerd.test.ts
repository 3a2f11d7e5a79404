/**
 * cri-dockerd on the minikube node (kicbase v0.0.47 of minikube v1.36.0): its process as systemd
 * runs it and its --version answer. Expected texts from the sources:
 * - the command line: minikube v1.36.0 pkg/minikube/cruntime/docker.go generateCRIDockerdConfig
 *   (the 10-cni.conf drop-in's ExecStart, ~line 779: --pod-infra-container-image=<pause of
 *   v1.33: registry.k8s.io/pause:3.10> --network-plugin=cni --hairpin-mode=hairpin-veth) after the
 *   packaged ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd:// (cri-dockerd v0.4.0
 *   packaging/systemd/cri-docker.service line 10);
 * - --version: cri-dockerd v0.4.0 cmd/server.go lines 81-90 (`%s %s\n`, PlatformName,
 *   FullVersion()) and cmd/version/version.go (defaults "dev", "HEAD"), minikube's build script
 *   hack/update/cri_dockerd_version/build_and_upload_cri_dockerd_binaries.sh line 39 setting
 *   -X on github.com/Mirantis/cri-dockerd/version, a package that no longer exists (see
 *   src/tools/cri-dockerd.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const CRI_DOCKERD_COMMAND = '/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=registry.k8s.io/pause:3.10 --network-plugin=cni --hairpin-mode=hairpin-veth';

describe('minikube node: cri-dockerd', () => {
  let world: ReturnType<typeof bootWorld>;
  beforeAll(() => {
    world = bootWorld('minikube');
  });

  it('ps aux and ps -ef show cri-dockerd with the drop-in command line, as the unit runs it', async () => {
    const r = await runScript(world, 'minikube', "systemctl status cri-docker.service | awk '/Main PID/ {print $3}'; ps aux | grep '/usr/bin/[c]ri-dockerd '; ps -ef | grep '/usr/bin/[c]ri-dockerd '");
    expect(r.stderr).toBe('');
    const [pid, aux, ef] = r.stdout.trimEnd().split('\n');
    expect(aux).toMatch(new RegExp(`^root +${pid} .* Ssl +\\d\\d:\\d\\d +\\d+:\\d\\d ${CRI_DOCKERD_COMMAND.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
    expect(ef).toMatch(new RegExp(`^root +${pid} +1 .* ${CRI_DOCKERD_COMMAND.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
  });

  it('dockerd runs with the command line of minikube\'s provisioned docker.service', async () => {
    // minikube v1.36.0 pkg/provision/ubuntu.go line 111 (the template), provision.go line 222
    // (TLS paths under /etc/docker), machine/start.go line 116 (insecure registry 10.96.0.0/12).
    const r = await runScript(world, 'minikube', "ps -ef | grep '/usr/bin/[d]ockerd '; systemctl cat docker.service | grep -E '^(BindsTo|ExecStart|ExecReload)='");
    expect(r.stdout).toMatch(/^root +\d+ +1 .* \/usr\/bin\/dockerd -H tcp:\/\/0\.0\.0\.0:2376 -H unix:\/\/\/var\/run\/docker\.sock --default-ulimit=nofile=1048576:1048576 --tlsverify --tlscacert \/etc\/docker\/ca\.pem --tlscert \/etc\/docker\/server\.pem --tlskey \/etc\/docker\/server-key\.pem --label provider=docker --insecure-registry 10\.96\.0\.0\/12\n/);
    expect(r.stdout.split('\n').slice(1).join('\n')).toBe('BindsTo=containerd.service\nExecStart=\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --default-ulimit=nofile=1048576:1048576 --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem --label provider=docker --insecure-registry 10.96.0.0/12 \nExecReload=/bin/kill -s HUP $MAINPID\n');
  });

  it('the pods\' shims are dockerd\'s, in containerd\'s moby namespace', async () => {
    // [c]ontainerd: the usual trick, so that grep's own command line (ps lists it) does not match.
    const r = await runScript(world, 'minikube', "ps aux | grep -o '/usr/bin/[c]ontainerd-shim-runc-v2 -namespace [a-z.0-9]*' | sort -u");
    expect(r.stdout).toBe('/usr/bin/containerd-shim-runc-v2 -namespace moby\n');
  });

  it('stopped, cri-dockerd is no longer listed', async () => {
    const w = bootWorld('minikube');
    const r = await runScript(w, 'minikube', "systemctl stop cri-docker.service cri-docker.socket; ps aux | grep -c '/usr/bin/[c]ri-dockerd '");
    expect(r.stdout.trim().split('\n').pop()).toBe('0');
  });

  it('cri-dockerd --version prints minikube\'s build of v0.4.0 to stdout, for any user', async () => {
    for (const user of ['root', 'docker']) {
      const r = await runScript(world, 'minikube', 'cri-dockerd --version; echo "rc=$?"; cri-dockerd --version=true --log-level=debug', user);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('cri-dockerd dev (HEAD)\nrc=0\ncri-dockerd dev (HEAD)\n');
    }
    const which = await runScript(world, 'minikube', 'command -v cri-dockerd');
    expect(which.stdout).toBe('/usr/bin/cri-dockerd\n');
  });

  it('journalctl -u cri-docker shows cri-dockerd\'s start-up, then the pod CIDR the kubelet hands it', async () => {
    // cri-dockerd v0.4.0: cmd/server.go lines 147, 216; libdocker/client.go lines 82, 107;
    // core/docker_service.go lines 185, 218, 247, 439 (gogo String() of RuntimeConfig,
    // vendor/k8s.io/cri-api/.../api.pb.go line 24496); network/plugins.go line 192; backend/daemon.go line 76.
    const w = bootWorld('minikube');
    const r = await runScript(w, 'minikube', 'journalctl -u cri-docker --no-pager; systemctl restart kubelet; sleep 2; journalctl -u cri-docker --no-pager | tail -1');
    const strip = (l: string) => l.replace(/^.* cri-dockerd\[\d+\]: time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" /, '');
    const lines = r.stdout.split('\n').slice(1).map(strip);
    expect(lines.join('\n')).toBe([
      'level=info msg="Starting cri-dockerd dev (HEAD)"',
      'level=info msg="Connecting to docker on the Endpoint unix:///var/run/docker.sock"',
      'level=info msg="Start docker client with request timeout 0s"',
      'level=info msg="Hairpin mode is set to hairpin-veth"',
      'level=info msg="Loaded network plugin cni"',
      'level=info msg="Docker cri networking managed by network plugin cni"',
      'level=info msg="Setting cgroupDriver systemd"',
      'level=info msg="Docker cri received runtime config &RuntimeConfig{NetworkConfig:&NetworkConfig{PodCidr:,},}"',
      'level=info msg="Starting the GRPC backend for the Docker CRI interface."',
      'level=info msg="Start cri-dockerd grpc backend"',
      'Jan 15 07:56:59 minikube systemd[1]: Started CRI Interface for Docker Application Container Engine.',
      'level=info msg="Docker cri received runtime config &RuntimeConfig{NetworkConfig:&NetworkConfig{PodCidr:10.244.0.0/24,},}"',
      '',
    ].join('\n'));
  });

  it('with dockerd down cri-dockerd exits on its docker version check', async () => {
    const w = bootWorld('minikube');
    const r = await runScript(w, 'minikube', 'systemctl stop docker.service docker.socket; systemctl restart cri-docker.service; sleep 1; journalctl -u cri-docker --no-pager | grep fatal');
    expect(r.stdout).toMatch(/ cri-dockerd\[\d+\]: time="[0-9TZ:-]+" level=fatal msg="failed to get docker version from dockerd: Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock\. Is the docker daemon running\?"\n/);
  });

  it('user docker may use crictl over cri-dockerd\'s socket (root:docker 0660), a user outside the group may not', async () => {
    // kicbase Dockerfile line 257: adduser --ingroup docker docker; cri-dockerd v0.4.0
    // packaging/systemd/cri-docker.socket: SocketGroup=docker, SocketMode=0660.
    const r = await runScript(world, 'minikube', 'crictl ps --name kube-proxy -q | wc -l', 'docker');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1\n');
    const other = await runScript(world, 'minikube', 'useradd -m dev; su dev -c "crictl ps"; echo rc=$?');
    expect(other.stdout).toBe('rc=1\n');
    expect(other.stderr).toContain('FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/cri-dockerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/cri-dockerd.sock: connect: permission denied"\n');
  });
});
