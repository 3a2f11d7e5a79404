import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork, worldOf } from './helpers';
import { installPrograms } from '../../src/sim/machine/image';
import { crictlTable, humanDuration, humanSize } from '../../src/tools/runtime/cri';

beforeAll(() => usePackageNetwork());

const UBUNTU_CONTAINERD = 'apt-get install -y containerd >/dev/null\n';

/** crictl as the cri-tools release tarball would place it (the test needs no Kubernetes repository). */
function withCrictl(w: ReturnType<typeof freshWorld>) {
  installPrograms(w.machines.get('cka01')!.rootFs, ['crictl'], '/usr/local/bin');
  return w;
}

describe('containerd config default', () => {
  it('prints the 1.7 defaults the guides edit with sed', async () => {
    const w = freshWorld();
    const r = await run(
      w,
      `${UBUNTU_CONTAINERD}mkdir -p /etc/containerd\ncontainerd config default > /etc/containerd/config.toml\ngrep -n -E 'SystemdCgroup|sandbox_image|^version' /etc/containerd/config.toml\nsed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml\ngrep -c 'SystemdCgroup = true' /etc/containerd/config.toml\ncontainerd --version`,
    );
    expect(r.stdout).toBe('9:version = 2\n67:    sandbox_image = "registry.k8s.io/pause:3.8"\n137:            SystemdCgroup = false\n1\ncontainerd github.com/containerd/containerd 1.7.27\n');
  });
});

describe('crictl', () => {
  it('without /etc/crictl.yaml warns about default endpoints; fails when containerd is not running', async () => {
    const w = withCrictl(freshWorld());
    await run(w, UBUNTU_CONTAINERD);
    let r = await run(w, 'crictl ps; echo rc=$?');
    // cri-tools v1.32+ warns first that the config file is missing (its fallback sits beside the binary).
    expect(r.stderr).toBe(
      'WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/local/bin/crictl.yaml" \n' +
      'WARN[0000] runtime connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead. \n' +
      // ps dials the image service next (container.go:696), which warns in turn.
      'WARN[0000] Image connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead. \n',
    );
    // cri-tools v1.33.0 cmd/crictl/container.go:1301: the header ends with NAMESPACE.
    expect(r.stdout).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE\nrc=0\n');
    r = await run(w, 'echo "runtime-endpoint: unix:///run/containerd/containerd.sock" > /etc/crictl.yaml\nsystemctl stop containerd\ncrictl images; echo rc=$?');
    expect(r.stderr).toBe(
      'FATA[0000] validate service connection: validate CRI v1 image API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n',
    );
    expect(r.stdout).toBe('rc=1\n');
  });

  it('lists the containers and pods of a cluster node', async () => {
    const w = worldOf('cluster');
    const r = await run(w, 'crictl ps 2>/dev/null | head -1; crictl ps 2>/dev/null | grep -c Running; crictl pods 2>/dev/null | grep -c kube-system; crictl images 2>/dev/null | grep -c pause');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED +STATE +NAME +ATTEMPT +POD ID +POD +NAMESPACE$/);
    expect(Number(lines[1])).toBeGreaterThanOrEqual(4);
    expect(Number(lines[2])).toBeGreaterThanOrEqual(4);
    expect(lines[3]).toBe('1');
  });

  it('formats like go-units and tabwriter', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3 * 3_600_000)).toBe('3 hours');
    expect(humanSize(18_200_000)).toBe('18.2MB');
    expect(humanSize(321_000)).toBe('321kB');
    expect(crictlTable([['A', 'B'], ['x'.repeat(25), 'y']])).toBe(`A${' '.repeat(27)}B\n${'x'.repeat(25)}   y\n`);
  });
});

describe('containerd.io and the kubelet', () => {
  it("Docker's config.toml disables CRI: crictl and the kubelet get Unimplemented", async () => {
    const w = withCrictl(freshWorld());
    const r = await run(
      w,
      [
        'curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc',
        'echo "deb [signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable" > /etc/apt/sources.list.d/docker.list',
        'apt-get update >/dev/null && apt-get install -y containerd.io >/dev/null',
        'crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps; echo rc=$?',
      ].join('\n'),
    );
    expect(r.stderr).toBe('WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/local/bin/crictl.yaml" \nFATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService\n');
    expect(r.stdout).toBe('rc=1\n');
  });
});
