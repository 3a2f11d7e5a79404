/**
 * A container's /proc and /sys answer as the kernel does: procfs makes only its own entries (its
 * lookup of any other name fails with ENOENT, fs/proc/root.c proc_root_lookup → proc_lookup_de),
 * so nothing can be created there; sysfs is mounted read-only (containerd's default spec gives
 * /sys "nosuid", "noexec", "nodev", "ro"), so creating fails with EROFS — read-write again for a
 * privileged container. The messages are each program's own: busybox touch perrors the path
 * (coreutils/touch.c:188), busybox mkdir says "can't create directory" (libbb/make_directory.c:142),
 * GNU touch "cannot touch", with strerror's words. Also the nginx image's 50x.html.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(
    'kubectl run bb --image=busybox:1.36 -- sleep 3600; kubectl run web --image=nginx; ' +
      `kubectl run priv --image=busybox:1.36 --overrides='{"spec":{"containers":[{"name":"priv","image":"busybox:1.36","command":["sleep","3600"],"securityContext":{"privileged":true}}]}}'; ` +
      'sleep 30; kubectl get pods --no-headers',
  );
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  expect(r.stdout).toMatch(/web +1\/1 +Running/);
  expect(r.stdout).toMatch(/priv +1\/1 +Running/);
}, 60_000);

/** stderr and status of a command in a Pod. */
async function inPod(pod: string, command: string): Promise<string> {
  const r = await run(`kubectl exec ${pod} -- ${command} 2>&1; echo "status=$?"`);
  return r.stdout.replace('command terminated with exit code 1\n', '');
}

describe('/proc and /sys in a container', () => {
  const cases: [string, string, string][] = [
    ['bb', 'touch /proc/x', 'touch: /proc/x: No such file or directory\nstatus=1\n'],
    ['bb', 'mkdir /proc/x', "mkdir: can't create directory '/proc/x': No such file or directory\nstatus=1\n"],
    ['bb', 'touch /sys/x', 'touch: /sys/x: Read-only file system\nstatus=1\n'],
    ['bb', 'mkdir /sys/x', "mkdir: can't create directory '/sys/x': Read-only file system\nstatus=1\n"],
    ['bb', 'ln -s /tmp /sys/x', 'ln: /sys/x: Read-only file system\nstatus=1\n'],
    ['web', 'touch /proc/x', "touch: cannot touch '/proc/x': No such file or directory\nstatus=1\n"],
    ['web', 'touch /sys/x', "touch: cannot touch '/sys/x': Read-only file system\nstatus=1\n"],
    ['priv', 'touch /sys/x', 'status=0\n'],
    ['priv', 'touch /proc/x', 'touch: /proc/x: No such file or directory\nstatus=1\n'],
  ];
  for (const [pod, command, expected] of cases) {
    it(`${pod}: ${command}`, async () => {
      expect(await inPod(pod, command)).toBe(expected);
    });
  }

  it('still lets files be created elsewhere', async () => {
    expect(await inPod('bb', 'touch /tmp/x')).toBe('status=0\n');
  });
});

describe('the nginx image', () => {
  it("has nginx's 50x.html, the page default.conf's error_page names", async () => {
    const r = await run('kubectl exec web -- cat /usr/share/nginx/html/50x.html');
    // nginx's docs/html/50x.html at the release-1.27.x tags (all six alike), when the mirror is here.
    const mirror = '/work/.mirror/nginx+nginx/repo';
    if (existsSync(mirror)) expect(r.stdout).toBe(execFileSync('git', ['--git-dir', mirror, 'show', 'release-1.27.3:docs/html/50x.html'], { encoding: 'utf8' }));
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Error<\/title>\n/);
    expect(r.stdout).toContain('<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\n');
    expect(r.stdout).toContain('<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n');
    expect(r.stdout.length).toBe(497);
    const ls = await run('kubectl exec web -- ls -l /usr/share/nginx/html');
    expect(ls.stdout).toMatch(/^-rw-r--r-- 1 root root 497 .* 50x\.html\n-rw-r--r-- 1 root root 615 .* index\.html\n$/m);
  });
});
