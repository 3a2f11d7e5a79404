/**
 * What a container shows of itself: busybox df, top -b, free and netstat in a Pod, GNU df in a
 * Debian image (which has no procps), and libbb's number formats checked against busybox 1.36.1
 * (`ls -lh` of sparse files prints make_human_readable_str's text; header lines from `df`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { humanReadable, smartUlltoa5 } from '../../../src/sim/kubelet/busybox-text';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

const SIDECAR = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - { name: nginx, image: nginx:1.27 }
  - { name: probe, image: busybox:1.36, command: [sleep, '3600'], volumeMounts: [{ name: data, mountPath: /data }] }
  volumes:
  - { name: data, emptyDir: {} }`;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(`kubectl run t --image=busybox:1.36 --restart=Never -- sleep 3600
kubectl run n --image=nginx:1.27
cat <<'EOF2' | kubectl apply -f -
${SIDECAR}
EOF2
sleep 20
kubectl get pods --no-headers`);
  expect(r.stdout.match(/Running/g)?.length).toBe(3);
}, 60_000);

describe('libbb number formats (busybox 1.36.1 ls -lh)', () => {
  it.each([
    [0, '0'], [1, '1'], [1023, '1023'], [1024, '1.0K'], [1536, '1.5K'], [12288, '12.0K'], [65536, '64.0K'],
    [1048575, '1024.0K'], [4100132864, '3.8G'], [51835101184, '48.3G'], [8685920256, '8.1G'], [43149180928, '40.2G'],
  ])('%d bytes → %s', (n, text) => expect(humanReadable(n, 1, 0)).toBe(text));

  it('top sizes in five columns (as busybox top -bn1 printed them)', () => {
    expect(smartUlltoa5(4416)).toBe(' 4416');
    expect(smartUlltoa5(41016)).toBe('41016');
  });
});

describe('busybox df', () => {
  it('lists the overlay root, the node disk under the kubelet files, tmpfs for the token and masked paths', async () => {
    const r = await run('kubectl exec t -- df -h');
    expect(r.stdout).toBe(`Filesystem                Size      Used Available Use% Mounted on
overlay                  48.3G      8.1G     40.2G  17% /
tmpfs                    64.0M         0     64.0M   0% /dev
/dev/sda1                48.3G      8.1G     40.2G  17% /etc/hosts
/dev/sda1                48.3G      8.1G     40.2G  17% /dev/termination-log
/dev/sda1                48.3G      8.1G     40.2G  17% /etc/hostname
/dev/sda1                48.3G      8.1G     40.2G  17% /etc/resolv.conf
shm                      64.0M         0     64.0M   0% /dev/shm
tmpfs                     3.8G     12.0K      3.8G   0% /var/run/secrets/kubernetes.io/serviceaccount
tmpfs                     1.9G         0      1.9G   0% /proc/acpi
tmpfs                    64.0M         0     64.0M   0% /proc/kcore
tmpfs                    64.0M         0     64.0M   0% /proc/keys
tmpfs                    64.0M         0     64.0M   0% /proc/timer_list
tmpfs                     1.9G         0      1.9G   0% /proc/scsi
tmpfs                     1.9G         0      1.9G   0% /sys/firmware
`);
  });

  it('puts a volume before the deeper token mount; -P and -T headers; a path on its mount', async () => {
    const r = await run('kubectl exec web -c probe -- df -P /data; kubectl exec web -c probe -- df -mT /');
    expect(r.stdout).toBe(`Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/sda1             50620216   8482344  42137872  17% /data
Filesystem           Type       1M-blocks      Used Available Use% Mounted on
overlay              overlay        49434      8284     41150  17% /
`);
  });

  it('words a bad option as getopt, then the usage', async () => {
    const r = await run('kubectl exec t -- df -x');
    // The image's uClibc getopt: "%s: illegal option -- %c" (uClibc libc/unistd/getopt.c); then bb_show_usage.
    expect(r.stderr).toContain("df: illegal option -- x\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...\n");
  });
});

describe('GNU df in a Debian image', () => {
  it('keeps one line per filesystem and shows the token under /run', async () => {
    const r = await run('kubectl exec n -- df -h');
    expect(r.stdout).toBe(`Filesystem      Size  Used Avail Use% Mounted on
overlay          49G  8.1G   41G  17% /
tmpfs            64M     0   64M   0% /dev
/dev/sda1        49G  8.1G   41G  17% /etc/hosts
shm              64M     0   64M   0% /dev/shm
tmpfs           3.9G   12K  3.9G   1% /run/secrets/kubernetes.io/serviceaccount
tmpfs           2.0G     0  2.0G   0% /proc/acpi
tmpfs           2.0G     0  2.0G   0% /proc/scsi
tmpfs           2.0G     0  2.0G   0% /sys/firmware
`);
  });

  it.each(['top', 'free', 'ps', 'netstat', 'kill'])('has no %s (no procps, no net-tools)', async (prog) => {
    const r = await run(`kubectl exec n -- ${prog}`);
    expect(r.stderr).toContain(`exec: "${prog}": executable file not found in $PATH`);
  });
});

describe('busybox top, free, netstat', () => {
  it('top -bn1: the node memory, the CPU split, the container processes', async () => {
    const r = await run('kubectl exec t -- top -bn1');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Mem: \d+K used, \d+K free, \d+K shrd, \d+K buff, \d+K cached$/);
    expect(lines[1]).toBe('CPU:  0.0% usr  0.0% sys  0.0% nic  100% idle  0.0% io  0.0% irq  0.0% sirq');
    expect(lines[2]).toMatch(/^Load average: [\d.]+ [\d.]+ [\d.]+ \d+\/\d+ \d+$/);
    expect(lines.slice(3)).toEqual([
      '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
      '   13     0 root     R     4416  0.1   1  0.0 top -bn1',
      '    1     0 root     S     4396  0.1   1  0.0 sleep 3600',
      '',
      '',
    ]);
  });

  it('free agrees with the node', async () => {
    const node = await run('free');
    const pod = await run('kubectl exec t -- free');
    const numbers = (s: string) => s.split('\n')[1].trim().split(/\s+/).slice(1);
    expect(numbers(pod.stdout)).toEqual(numbers(node.stdout));
    expect(pod.stdout.split('\n')[0]).toBe('              total        used        free      shared  buff/cache   available');
  });

  it('netstat: nothing in a lone busybox; nginx on 0.0.0.0:80 and :::80 seen from its sidecar', async () => {
    const lone = await run('kubectl exec t -- netstat -tln');
    expect(lone.stdout).toBe('Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n');
    const side = await run('kubectl exec web -c probe -- netstat -tlnp');
    expect(side.stdout).toBe(`Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -
tcp        0      0 :::80                   :::*                    LISTEN      -
`);
  });
});
