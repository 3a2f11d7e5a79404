import { describe, expect, it } from 'vitest';
import { run } from './helpers';
import { bootWorld } from '../../src/runtime/session';
import { World, type WorldJSON } from '../../src/sim/world';
import { goJsonError, kubeletDockerError } from '../../src/sim/systemd/docker';

let snapshot: WorldJSON | undefined;

/** A CentOS machine with docker-ce 19.03.15 installed (and the newest docker-ce-cli, as yum picks it). */
async function withDocker(): Promise<World> {
  if (!snapshot) {
    const w = bootWorld('machines-centos', 1);
    await run(
      w,
      'curl -s -o /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo\nyum install -y -q yum-utils >/dev/null\nyum-config-manager --add-repo http://mirrors.aliyun.com/docker-ce/linux/centos/docker-ce.repo >/dev/null\nyum install -y -q docker-ce-19.03.15 >/dev/null 2>&1',
    );
    snapshot = w.toJSON();
  }
  return World.fromJSON(JSON.parse(JSON.stringify(snapshot)) as WorldJSON);
}

describe('docker on the history path', () => {
  it('without the daemon: the client answers version, the rest cannot connect', async () => {
    const w = await withDocker();
    const r = await run(w, 'docker ps; echo rc=$?\ndocker version | head -3; echo rc=${PIPESTATUS[0]}\ndocker --version');
    expect(r.stderr).toBe('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    expect(r.stdout).toBe('rc=1\nClient: Docker Engine - Community\n Version:           26.1.4\n API version:       1.45\nrc=1\nDocker version 26.1.4, build de5c9cf\n');
  });

  it('starting docker starts containerd (BindsTo); the API is negotiated down to the 19.03 server', async () => {
    const w = await withDocker();
    const r = await run(w, 'systemctl start docker\nsystemctl is-active containerd docker\ndocker version | grep -E "API version|^ Engine| Version" | head -4\ndocker info 2>/dev/null | grep -E "Server Version|Cgroup Driver|Kernel Version"\nls /etc/docker');
    expect(r.stdout).toBe(
      'active\nactive\n Version:           26.1.4\n API version:       1.40 (downgraded from 1.45)\n Engine:\n  Version:          19.03.15\n' +
        ' Server Version: 19.03.15\n Cgroup Driver: cgroupfs\n Kernel Version: 3.10.0-1160.119.1.el7.x86_64\nkey.json\n',
    );
  });

  it('daemon.json decides the cgroup driver; a syntax error stops the daemon with dockerd\'s message', async () => {
    const w = await withDocker();
    const r = await run(
      w,
      'systemctl start docker\nprintf \'{\\n  "exec-opts": ["native.cgroupdriver=systemd"],\\n}\\n\' > /etc/docker/daemon.json\nsystemctl restart docker; echo rc=$?\nsleep 1\njournalctl -u docker --no-pager | grep -c "unable to configure the Docker daemon with file /etc/docker/daemon.json: invalid character \'}\' looking for beginning of object key string"\nprintf \'{ "exec-opts": ["native.cgroupdriver=systemd"] }\\n\' > /etc/docker/daemon.json\nsystemctl restart docker; echo rc=$?\ndocker info 2>/dev/null | grep "Cgroup Driver"',
    );
    expect(r.stderr).toBe('Job for docker.service failed because the control process exited with error code.\nSee "systemctl status docker.service" and "journalctl -xe" for details.\n');
    expect(r.stdout).toBe('rc=1\n1\nrc=0\n Cgroup Driver: systemd\n');
  });

  it('docker ps lays out columns as each client version does', async () => {
    const w = await withDocker();
    const newer = await run(w, 'systemctl start docker\ndocker ps');
    expect(newer.stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
    const older = await run(w, 'rpm -e docker-ce-cli; yum install -y -q docker-ce-cli-19.03.15 >/dev/null 2>&1\ndocker ps');
    expect(older.stdout).toBe('CONTAINER ID        IMAGE               COMMAND             CREATED             STATUS              PORTS               NAMES\n');
  });

  it('an enabled docker comes back after a reboot and brings containerd, which the rpm left disabled', async () => {
    const w = await withDocker();
    await run(w, 'systemctl enable docker 2>/dev/null\nreboot');
    const r = await run(w, 'systemctl is-enabled containerd\nsystemctl is-active docker containerd');
    expect(r.stdout).toBe('disabled\nactive\nactive\n');
  });

  it('Go-style JSON errors for hand-edited daemon.json', () => {
    expect(goJsonError('{"a": 1}')).toBeUndefined();
    expect(goJsonError('{"a": 1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(goJsonError('{"a": [1,]}')).toBe("invalid character ']' looking for beginning of value");
    expect(goJsonError('{"a": 1')).toBe('unexpected end of JSON input');
  });

  it('the kubelet and Docker across v1.24: dockershim before, unknown dockershim flags after', async () => {
    const w = await withDocker();
    const m = w.machines.get('cka01')!;
    m.rootFs.mkdir('/var/lib/kubelet', { recursive: true });
    m.rootFs.writeFile('/var/lib/kubelet/kubeadm-flags.env', 'KUBELET_KUBEADM_ARGS="--network-plugin=cni --pod-infra-container-image=k8s.gcr.io/pause:3.2"\n');
    m.rootFs.writeFile('/var/lib/kubelet/config.yaml', 'kind: KubeletConfiguration\ncgroupDriver: cgroupfs\n');
    expect(kubeletDockerError(m, 23, false)).toBe('failed to run Kubelet: failed to create kubelet: failed to get docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
    expect(kubeletDockerError(m, 23, true)).toBeUndefined();
    expect(kubeletDockerError(m, 24, true)).toBe('failed to parse kubelet flag: unknown flag: --network-plugin');
    m.rootFs.writeFile('/var/lib/kubelet/config.yaml', 'kind: KubeletConfiguration\ncgroupDriver: systemd\n');
    expect(kubeletDockerError(m, 21, true)).toBe('failed to run Kubelet: misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"');
  });
});
