/**
 * crictl pull, inspecti and imagefsinfo (cri-tools v1.33.0 cmd/crictl/image.go) against containerd
 * 1.7's image service (pkg/cri/server image_pull.go, image_status.go, imagefs_info.go):
 * - a pull prints "Image is up to date for" the image's ID and the image shows in `crictl images`;
 *   an unknown one fails with cri-client's error line and the registry's answer.
 * - ImageStatus of an image containerd lacks is an empty answer: crictl says `no such image`.
 * - rmi removes an image whatever uses it (containerd's image_remove.go checks nothing), prints each
 *   tag; an unknown one is a goroutine's error (a plain line, exit 1); -q (prune) keeps the pinned
 *   sandbox image and the images of containers.
 * The goldens are the simulation's output, reviewed against those sources.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goldenChecker } from '../sim/cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../golden/crictl'));
const ENV = 'export IMAGE_SERVICE_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';
const KLOG = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} {4}4211 log\.go:32\] /;

describe('crictl pull', () => {
  it('stores the image, which crictl images then lists', async () => {
    const world = bootWorld('cluster');
    const before = await runScript(world, 'cka02', `${ENV}; crictl images -q`);
    const r = await runScript(world, 'cka02', `${ENV}; crictl pull busybox:1.36; echo rc=$?; crictl images | grep busybox`);
    const [pulled, rc, row] = r.stdout.split('\n');
    expect(pulled).toMatch(/^Image is up to date for sha256:[0-9a-f]{64}$/);
    expect(rc).toBe('rc=0');
    // IMAGE ID is the ID the pull answered, cut to 13; SIZE as HumanSizeWithPrecision(size, 3).
    expect(row).toMatch(new RegExp(`^docker\\.io/library/busybox +1\\.36 +${pulled.slice(31, 44)} +[0-9.]+[kM]B$`));
    // containerd's ListImages ignores the name it is given (image_list.go): an argument selects nothing.
    const after = await runScript(world, 'cka02', `${ENV}; crictl images -q busybox`);
    expect(after.stdout.split('\n').length).toBe(before.stdout.split('\n').length + 1);
  });

  it('fails on an image the registry does not have, and on no name before connecting', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka02', `${ENV}; crictl pull nosuchimage; echo rc=$?; crictl pull; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\nrc=1\n');
    const [klog, fatal, empty] = r.stderr.split('\n');
    const why = 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(klog.replace(KLOG, '')).toBe(`"PullImage from image service failed" err=${JSON.stringify(why)} image="nosuchimage"`);
    expect(fatal).toBe(`FATA[0000] pulling image: ${why} `);
    expect(empty).toBe(`FATA[0000] ${'image name cannot be empty'.padEnd(44)} `);
  });
});

describe('crictl inspecti', () => {
  it('reads an image by reference or by short ID', async () => {
    const world = bootWorld('cluster');
    const byRef = await runScript(world, 'cka01', `${ENV}; crictl inspecti registry.k8s.io/pause:3.10`);
    expectGolden('inspecti-pause.txt', 'crictl inspecti registry.k8s.io/pause:3.10', byRef.stdout);
    const id = /"id": "sha256:([0-9a-f]{64})"/.exec(byRef.stdout)![1];
    const table = await runScript(world, 'cka01', `${ENV}; crictl inspecti -q -o table ${id.slice(0, 13)}`);
    expectGolden('inspecti-pause-table.txt', 'crictl inspecti -q -o table SHORT-ID', table.stdout);
    const missing = await runScript(world, 'cka01', `${ENV}; crictl inspecti nope; echo rc=$?`);
    expect(missing.stdout).toBe('rc=1\n');
    expect(missing.stderr).toBe('FATA[0000] no such image "nope" present                 \n');
  });
});

describe('crictl imagefsinfo', () => {
  it("reports the overlayfs snapshotter's usage, no container filesystem", async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `${ENV}; crictl imagefsinfo; crictl imagefsinfo -o table`);
    expect(r.stderr).toBe('');
    expectGolden('imagefsinfo.txt', 'crictl imagefsinfo; crictl imagefsinfo -o table', r.stdout);
  });
});

describe('crictl rmi', () => {
  it('removes an image, fails plainly on an unknown one, and prunes what no container uses', async () => {
    const world = bootWorld('cluster');
    const run = (script: string) => runScript(world, 'cka02', `${ENV}; ${script}`);
    await run('crictl pull busybox:1.36 >/dev/null; crictl pull alpine >/dev/null');
    const removed = await run('crictl rmi busybox:1.36; echo rc=$?; crictl images | grep -c busybox');
    expect(removed.stdout).toBe('Deleted: docker.io/library/busybox:1.36\nrc=0\n0\n');
    const unknown = await run('crictl rmi nope; echo rc=$?');
    expect(unknown.stdout).toBe('rc=1\n');
    expect(unknown.stderr).toBe('no such image nope\n');
    const pruned = await run('crictl rmi -q; echo rc=$?; crictl images -q | wc -l; crictl images | grep -c pause');
    expect(pruned.stdout).toBe('Deleted: docker.io/library/alpine:latest\nrc=0\n4\n1\n');
  });
});
