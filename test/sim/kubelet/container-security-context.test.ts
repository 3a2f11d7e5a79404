/**
 * A container's processes run as its securityContext says (the "Configure a Security Context for
 * a Pod" walkthrough): id and ps show the user, an fsGroup emptyDir is the group's and
 * set-group-ID so what is written there is the group's, and the user writes only where it may.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

const MANIFEST = `
apiVersion: v1
kind: Pod
metadata: { name: security-context-demo }
spec:
  securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 }
  volumes: [{ name: sec-ctx-vol, emptyDir: {} }]
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [sh, -c, sleep 1h]
    volumeMounts: [{ name: sec-ctx-vol, mountPath: /data/demo }]
    securityContext: { allowPrivilegeEscalation: false }
---
apiVersion: v1
kind: Pod
metadata: { name: web-as-user }
spec:
  securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 }
  containers: [{ name: web, image: 'nginx:1.27' }]
---
apiVersion: v1
kind: Pod
metadata: { name: as-root }
spec:
  containers: [{ name: bb, image: busybox, command: [sleep, '3600'] }]
`;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(`cat > /root/sc.yaml <<'EOF'\n${MANIFEST}\nEOF\nkubectl apply -f /root/sc.yaml >/dev/null; sleep 30; kubectl get pods --no-headers`);
  expect(r.stdout.match(/Running/g)?.length).toBe(3);
}, 60_000);

describe('a container runs as its securityContext', () => {
  it('busybox id and ps: uid 1000, gid 3000, the fsGroup among the groups; the uid where no name is', async () => {
    expect((await run('kubectl exec security-context-demo -- id')).stdout).toBe('uid=1000 gid=3000 groups=2000,3000\n');
    expect((await run('kubectl exec security-context-demo -- ps')).stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n {4}1 1000 {6}0:00 /);
    expect(await run('kubectl exec security-context-demo -- whoami')).toMatchObject({ stderr: 'whoami: unknown uid 1000\ncommand terminated with exit code 1\n' });
  });

  it("the fsGroup emptyDir is the group's and set-group-ID: a file written there is the group's", async () => {
    const r = await run(`kubectl exec security-context-demo -- sh -c 'ls -ld /data/demo; echo hello > /data/demo/testfile; ls -l /data/demo/testfile'`);
    expect(r.stdout).toMatch(/^drwxrwsrwx +2 root +2000 +\d+ .* \/data\/demo\n-rw-r--r-- +1 1000 +2000 +6 .* \/data\/demo\/testfile\n$/);
  });

  it('the user writes only where it may', async () => {
    const r = await run(`kubectl exec security-context-demo -- touch /x`);
    expect(r.stderr).toBe('touch: /x: Permission denied\ncommand terminated with exit code 1\n');
  });

  it('coreutils id (nginx, Debian) puts the effective group first', async () => {
    expect((await run('kubectl exec web-as-user -- id')).stdout).toBe('uid=1000 gid=3000 groups=3000,2000\n');
  });

  it("nginx's image has its nginx user (101) beside Debian's base users", async () => {
    const r = await run('kubectl exec web-as-user -- id nginx; kubectl exec web-as-user -- grep -c : /etc/passwd; kubectl exec web-as-user -- tail -2 /etc/passwd');
    expect(r.stdout).toBe('uid=101(nginx) gid=101(nginx) groups=101(nginx)\n19\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
  });

  it('without a securityContext the process is root', async () => {
    expect((await run('kubectl exec as-root -- whoami')).stdout).toBe('root\n');
    expect((await run('kubectl exec as-root -- ps')).stdout).toMatch(/\n {4}1 root {6}0:00 sleep 3600\n/);
  });
});
