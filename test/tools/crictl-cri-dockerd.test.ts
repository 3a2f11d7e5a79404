/**
 * crictl on the minikube node, where cri-dockerd v0.4.0 (core/docker_service.go, image.go,
 * imagefs_linux.go) answers for Docker 28 instead of containerd:
 * - info: RuntimeReady and NetworkReady only, Docker's runtimes as runtime handlers, the sandbox
 *   image as the verbose config;
 * - runtime-config: Docker's cgroup driver (cri-dockerd serves the call; containerd 1.7 does not);
 * - pull: Docker's own error for an unknown image, passed on as Unknown;
 * - imagefsinfo: Docker's root for both the image and the container filesystems;
 * - images: Docker's familiar names (`busybox`), and the argument as Docker's reference filter;
 * - an unknown container or sandbox: Docker's "No such container" (Unknown; NotFound from StopContainer).
 * The goldens are the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));

describe('crictl against cri-dockerd', () => {
  const world = bootWorld('minikube');
  const run = (script: string) => runScript(world, 'minikube', script);

  it("answers info and runtime-config as cri-dockerd does", async () => {
    const r = await run('sudo crictl info; sudo crictl runtime-config; echo rc=$?');
    expect(r.stderr).toBe('');
    expectGolden('cri-dockerd-info.txt', 'sudo crictl info; sudo crictl runtime-config; echo rc=$?', r.stdout);
  });

  it("fails a pull with Docker's answer", async () => {
    const r = await run('sudo crictl pull nosuchimage; echo rc=$?');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr.split('\n')[1]).toBe(
      "FATA[0000] pulling image: rpc error: code = Unknown desc = Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied ",
    );
  });

  it("reports Docker's root in imagefsinfo", async () => {
    const r = await run('sudo crictl imagefsinfo -o table');
    expect(r.stdout).toMatch(/^Container Filesystem \nTimeStamp\[0\]: \d+\nDisk\[0\]: [\d.]+kB\nInodes\[0\]: 0\nMountpoint\[0\]: \/var\/lib\/docker\nImage Filesystem \nTimeStamp\[0\]: \d+\nDisk\[0\]: [\d.]+MB\nInodes\[0\]: \d+\nMountpoint\[0\]: \/var\/lib\/docker\n$/);
  });

  it("names an unknown container as Docker does", async () => {
    const r = await run('sudo crictl rm nope; sudo crictl stop nope; sudo crictl inspectp nope');
    const fatal = r.stderr.split('\n').filter((l) => l.includes('No such container') && !/^E\d{4} /.test(l));
    expect(fatal).toEqual([
      'getting container status "nope": rpc error: code = Unknown desc = Error response from daemon: No such container: nope',
      'FATA[0000] stopping the container "nope": rpc error: code = NotFound desc = Error response from daemon: No such container: nope ',
      'FATA[0000] get the status of pod sandboxes: get pod sandbox status: rpc error: code = Unknown desc = Error response from daemon: No such container: nope ',
    ]);
  });

  it("lists images by Docker's familiar names and filters them by reference", async () => {
    const r = await run('sudo crictl pull busybox >/dev/null; sudo crictl images busybox; sudo crictl rmi busybox');
    expect(r.stdout).toMatch(/^IMAGE {15}TAG {17}IMAGE ID {12}SIZE\nbusybox {13}latest {14}[0-9a-f]{13} {7}[\d.]+MB\nDeleted: busybox:latest\n$/);
  });
});
