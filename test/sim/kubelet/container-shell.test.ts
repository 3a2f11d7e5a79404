/**
 * `kubectl exec` into containers: the real shell over each container's own filesystem, with the
 * container's environment, volumes and network, and the image's programs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

const MANIFEST = `
apiVersion: v1
kind: ConfigMap
metadata: { name: app-config }
data: { mode: blue, greeting: hello }
---
apiVersion: v1
kind: Pod
metadata: { name: bb }
spec:
  containers:
  - name: bb
    image: busybox
    command: [sh, -c, 'sleep 3600']
    env: [{ name: MODE, value: fast }]
    volumeMounts: [{ name: cfg, mountPath: /etc/app }, { name: host, mountPath: /host }]
  volumes:
  - { name: cfg, configMap: { name: app-config } }
  - { name: host, hostPath: { path: /srv/shared, type: DirectoryOrCreate } }
---
apiVersion: v1
kind: Pod
metadata: { name: pair }
spec:
  containers:
  - { name: writer, image: busybox, command: [sleep, '3600'], volumeMounts: [{ name: data, mountPath: /data }] }
  - { name: reader, image: alpine, command: [sleep, '3600'], volumeMounts: [{ name: data, mountPath: /shared }] }
  volumes: [{ name: data, emptyDir: {} }]
---
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers: [{ name: web, image: nginx }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(`cat > /root/pods.yaml <<'EOF'\n${MANIFEST}\nEOF\nkubectl apply -f /root/pods.yaml\nsleep 30\nkubectl get pods --no-headers`);
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  expect(r.stdout).toMatch(/pair +2\/2 +Running/);
}, 60_000);

describe('kubectl exec runs a real shell in the container', () => {
  it('runs if/then/fi, for loops, pipes, && and || with the container env', async () => {
    const r = await run(`kubectl exec bb -- sh -c 'if [ -z "$NOPE" ]; then echo "NOPE is not set"; fi; [ "$MODE" = fast ] && echo fast || echo slow; for i in 1 2 3; do echo n$i; done | tail -1; echo $(echo sub) | tr a-z A-Z'`);
    expect(r).toEqual({ stdout: 'NOPE is not set\nfast\nn3\nSUB\n', stderr: '', status: 0 });
  });

  it('shows configMap files and env, and knows the Pod as its hostname and root as its user', async () => {
    const r = await run('kubectl exec bb -- sh -c \'ls /etc/app; cat /etc/app/mode; echo; hostname; id; whoami; env | grep ^MODE=\'');
    expect(r.stdout).toBe('greeting\nmode\nblue\nbb\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nroot\nMODE=fast\n');
  });

  it('keeps what a command writes for the next exec, and writes through a hostPath onto the node', async () => {
    await run("kubectl exec bb -- sh -c 'echo saved > /tmp/note; echo from-pod > /host/file'");
    expect((await run('kubectl exec bb -- cat /tmp/note')).stdout).toBe('saved\n');
    const node = (await run("kubectl get pod bb -o jsonpath='{.spec.nodeName}'")).stdout;
    expect((await runScript(world, node, 'cat /srv/shared/file')).stdout).toBe('from-pod\n');
  });

  it('shares an emptyDir between the containers of a Pod', async () => {
    await run("kubectl exec pair -c writer -- sh -c 'echo handoff > /data/msg'");
    const r = await run('kubectl exec pair -c reader -- cat /shared/msg');
    expect(r.stdout).toBe('handoff\n');
    // The volume is mounted at /shared in this container only; busybox ls words the error its way.
    expect((await run("kubectl exec pair -c reader -- sh -c 'ls /data'")).stderr).toBe('ls: /data: No such file or directory\ncommand terminated with exit code 1\n');
  });

  it('reaches Services by name from the Pod (busybox wget and nslookup)', async () => {
    const r = await run('kubectl exec bb -- wget -qO- web | grep -o "Welcome to nginx!" | head -1');
    expect(r.stdout).toBe('Welcome to nginx!\n');
    const ns = await run('kubectl exec bb -- nslookup web');
    expect(ns.stdout).toContain('Name:\tweb.default.svc.cluster.local\n');
  });

  it('busybox wget: progress on stderr, -O- to stdout, a plain URL saved as index.html that a second run refuses to overwrite', async () => {
    const ip = (await run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).stdout;
    const r = await run('kubectl exec bb -- wget -O- web >/dev/null');
    expect(r.stderr).toBe(`Connecting to web (${ip}:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`);
    const saved = await run("kubectl exec bb -- sh -c 'cd /root && wget -q web && ls && wget -q web; echo $?'");
    expect(saved.stdout).toBe('index.html\n1\n');
    expect(saved.stderr).toBe("wget: can't open 'index.html': File exists\n");
  });

  it('lists only the container processes with busybox ps (sh -c execs its one command: PID 1 is sleep)', async () => {
    const r = await run('kubectl exec bb -- ps');
    expect(r.stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n   13 root      0:00 ps\n');
  });
});

describe("a container's /dev, as runc makes it", () => {
  it('holds the default devices, its links into /proc/self/fd, pts, shm, mqueue and the termination log, on tmpfs', async () => {
    const r = await run(`kubectl exec bb -- sh -c 'ls -l /dev | sed -E "s/ +/ /g" | cut -d" " -f1,5,6,9-'`);
    expect(r.stdout).toBe(
      [
        // cut's fields: a device's size is two (major, minor), so its time comes before its name.
        'total',
        'lrwxrwxrwx 11 Jan core -> /proc/kcore',
        'lrwxrwxrwx 13 Jan fd -> /proc/self/fd',
        'crw-rw-rw- 1, 7 08:03 full',
        'drwxrwxrwt 40 Jan mqueue',
        'crw-rw-rw- 1, 3 08:03 null',
        'lrwxrwxrwx 8 Jan ptmx -> pts/ptmx',
        'drwxr-xr-x 40 Jan pts',
        'crw-rw-rw- 1, 8 08:03 random',
        'drwxrwxrwt 40 Jan shm',
        'lrwxrwxrwx 15 Jan stderr -> /proc/self/fd/2',
        'lrwxrwxrwx 15 Jan stdin -> /proc/self/fd/0',
        'lrwxrwxrwx 15 Jan stdout -> /proc/self/fd/1',
        '-rw-rw-rw- 0 Jan termination-log',
        'crw-rw-rw- 5, 0 08:03 tty',
        'crw-rw-rw- 1, 9 08:03 urandom',
        'crw-rw-rw- 1, 5 08:03 zero',
        '',
      ].join('\n'),
    );
  });

  it('reads and writes as the devices do: /dev/null empty and a sink, zero and urandom without end', async () => {
    const r = await run(`kubectl exec bb -- sh -c 'cat < /dev/null; echo x > /dev/null; ls -l /dev | head -1; ls -l /dev/null | cut -c1; head -c 8 /dev/zero | wc -c; head -c 6 /dev/urandom | wc -c'`);
    expect(r).toMatchObject({ stdout: 'total 0\nc\n8\n6\n', stderr: '' });
  });
});

describe('commands an image lacks', () => {
  it('busybox sh: `sh: foo: not found`, status 127', async () => {
    const r = await run("kubectl exec bb -- sh -c 'foo --version'");
    expect(r).toEqual({ stdout: '', stderr: 'sh: foo: not found\ncommand terminated with exit code 127\n', status: 127 });
  });

  it('nginx (Debian): bash and dash word it their own way; curl exists, wget and ps do not', async () => {
    expect((await run("kubectl exec web -- bash -c 'foo'")).stderr).toBe('bash: line 1: foo: command not found\ncommand terminated with exit code 127\n');
    expect((await run("kubectl exec web -- sh -c 'foo'")).stderr).toBe('sh: 1: foo: not found\ncommand terminated with exit code 127\n');
    expect((await run("kubectl exec web -- sh -c 'wget -qO- localhost'")).stderr).toBe('sh: 1: wget: not found\ncommand terminated with exit code 127\n');
    expect((await run('kubectl exec web -- curl -s web')).stdout).toContain('Welcome to nginx!');
    expect((await run('kubectl exec web -- ls /usr/share/nginx/html')).stdout).toBe('50x.html\nindex.html\n');
  });

  it('exec of a missing executable without a shell: the OCI runtime error, status 1', async () => {
    const r = await run('kubectl exec web -- ps aux');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown\n$/);
  });
});

// The words as busybox 1_36_1's ash and Debian's dash print them (observed on a build of each).
describe('a redirection or cd that fails, in the words of each image\'s sh', () => {
  it('busybox ash: "can\'t create", "can\'t open", "can\'t cd to"; status 1, and a special builtin ends sh -c', async () => {
    const r = await run(`kubectl exec bb -- sh -c 'echo hi > /nonexist/x; echo after $?; cat < /nonexist; echo x > /etc; echo x > /etc/hostname/y; cd /nonexist; echo cd $?; : > /nonexist/x; echo never'`);
    expect(r.stdout).toBe('after 1\ncd 2\n');
    expect(r.stderr.split('\n')).toEqual([
      "sh: can't create /nonexist/x: nonexistent directory",
      "sh: can't open /nonexist: no such file",
      "sh: can't create /etc: Is a directory",
      "sh: can't create /etc/hostname/y: nonexistent directory",
      "sh: cd: line 0: can't cd to /nonexist: No such file or directory",
      "sh: can't create /nonexist/x: nonexistent directory",
      'command terminated with exit code 1',
      '',
    ]);
  });

  it('busybox ash counts sh -c lines from 0, a script\'s and stdin\'s from 1, and a script names itself', async () => {
    expect((await run(`kubectl exec bb -- sh -c 'true\ntrue\ncd /nonexist'`)).stderr).toContain("sh: cd: line 2: can't cd to /nonexist: No such file or directory\n");
    const script = await run(`kubectl exec bb -- sh -c 'printf "true\\ncd /nonexist\\necho x > /nonexist/y\\n" > /s.sh; sh /s.sh'`);
    expect(script.stderr).toBe("/s.sh: cd: line 2: can't cd to /nonexist: No such file or directory\n/s.sh: line 3: can't create /nonexist/y: nonexistent directory\ncommand terminated with exit code 1\n");
    const stdin = await run(`printf 'true\\ncd /nonexist\\n' | kubectl exec -i bb -- sh`);
    expect(stdin.stderr).toBe("sh: cd: line 2: can't cd to /nonexist: No such file or directory\ncommand terminated with exit code 2\n");
  });

  it('nginx (Debian dash): "cannot create … Directory nonexistent", status 2, and exec with a failed redirection ends the shell', async () => {
    const r = await run(`kubectl exec web -- sh -c 'echo hi > /nonexist/x; echo after $?; cat < /nonexist; cd /nonexist; echo cd $?; exec > /nonexist/x; echo never'`);
    expect(r.stdout).toBe('after 2\ncd 2\n');
    expect(r.stderr).toBe(
      "sh: 1: cannot create /nonexist/x: Directory nonexistent\nsh: 1: cannot open /nonexist: No such file\nsh: 1: cd: can't cd to /nonexist\n" +
        'sh: 1: cannot create /nonexist/x: Directory nonexistent\ncommand terminated with exit code 2\n',
    );
    expect((await run(`kubectl exec web -- bash -c 'echo hi > /nonexist/x'`)).stderr).toBe('bash: line 1: /nonexist/x: No such file or directory\ncommand terminated with exit code 1\n');
  });
});

describe('kubectl exec -it with input that is not a terminal', () => {
  it('drops -t as kubectl says, and the shell runs the lines without prompts; its exit status is returned', async () => {
    const r = await run("printf 'cd /etc/app\\npwd\\nX=1; echo $X\\nnope\\nexit 4\\n' | kubectl exec -it bb -- sh");
    expect(r.stdout).toBe('/etc/app\n1\n');
    expect(r.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\nsh: nope: not found\ncommand terminated with exit code 4\n');
    expect(r.status).toBe(4);
    expect(await run("printf 'echo hi\\n' | kubectl exec -it -q web -- bash")).toEqual({ stdout: 'hi\n', stderr: '', status: 0 });
  });
});

describe('kubectl exec -i: a shell without a terminal', () => {
  it('runs the lines of its stdin as they come, without prompts, with state kept from line to line', async () => {
    const r = await run("printf 'cd /etc/app\\npwd\\nnope\\nexit 5\\necho never\\n' | kubectl exec -i bb -- sh");
    expect(r.stdout).toBe('/etc/app\n');
    expect(r.stderr).toBe('sh: nope: not found\ncommand terminated with exit code 5\n');
    expect(r.status).toBe(5);
  });
});

describe("a Pod's network interfaces (busybox ip, ifconfig, hostname -i)", () => {
  it('eth0 holds the Pod IP in its node\'s /24, routed through the bridge; changing it is not permitted', async () => {
    const ip = (await run("kubectl get pod bb -o jsonpath='{.status.podIP}'")).stdout;
    const net = ip.split('.').slice(0, 3).join('.');
    const addr = await run('kubectl exec bb -- ip -4 addr show');
    expect(addr.stdout).toMatch(new RegExp(`^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\\n[\\s\\S]*\\n2: eth0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \\n    link/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\\n    inet ${ip.replace(/\\./g, '\\\\.')}/24 brd ${net.replace(/\\./g, '\\\\.')}\\.255 scope global eth0\\n`));
    expect((await run('kubectl exec bb -- ip route')).stdout).toBe(`default via ${net}.1 dev eth0 \n10.244.0.0/16 via ${net}.1 dev eth0 \n${net}.0/24 dev eth0 scope link  src ${ip} \n`);
    expect(await run('kubectl exec bb -- ip addr add 1.2.3.4/24 dev eth0')).toMatchObject({ stderr: 'ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 2\n', status: 2 });
    expect((await run('kubectl exec bb -- ifconfig eth0')).stdout).toMatch(new RegExp(`^eth0      Link encap:Ethernet  HWaddr ([0-9A-F]{2}:){5}[0-9A-F]{2}  \\n          inet addr:${ip.replace(/\\./g, '\\\\.')}  Bcast:`));
    expect((await run('kubectl exec bb -- ifconfig eth1')).stderr).toBe('ifconfig: eth1: error fetching interface information: Device not found\ncommand terminated with exit code 1\n');
    expect((await run('kubectl exec bb -- hostname -i; hostname -i')).stdout).toBe(`${ip}\n127.0.1.1\n`);
  });
});

describe('a hostNetwork Pod', () => {
  it("has its node's hostname", async () => {
    await run("kubectl run hn --image=busybox --overrides='{\"spec\":{\"hostNetwork\":true}}' -- sleep 3600; sleep 5");
    const node = (await run("kubectl get pod hn -o jsonpath='{.spec.nodeName}'")).stdout;
    expect(node).toMatch(/^cka0[23]$/);
    expect((await run('kubectl exec hn -- sh -c "hostname; cat /etc/hostname"')).stdout).toBe(`${node}\n${node}\n`);
  });
});

describe('a restarted container', () => {
  it('starts from a fresh root, while its emptyDir keeps what was written', async () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: { name: flaky }\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, "sleep 30; exit 1"]\n    volumeMounts: [{ name: scratch, mountPath: /scratch }]\n  volumes: [{ name: scratch, emptyDir: {} }]\n';
    await run(`cat > /root/flaky.yaml <<'END'\n${manifest}END\nkubectl apply -f /root/flaky.yaml\nsleep 5`);
    await run("kubectl exec flaky -- sh -c 'echo kept > /scratch/a; echo lost > /tmp/b'");
    expect((await run('kubectl exec flaky -- cat /tmp/b')).stdout).toBe('lost\n');
    const restarted = await run("sleep 45; kubectl get pod flaky -o jsonpath='{.status.containerStatuses[0].restartCount}'");
    expect(Number(restarted.stdout)).toBeGreaterThanOrEqual(1);
    const after = await run('kubectl exec flaky -- sh -c "cat /scratch/a; cat /tmp/b"');
    expect(after.stdout).toBe('kept\n');
    // busybox cat: open3_or_warn's "can't open '%s'" (libbb/xfuncs_printf.c:167 at 1_36_1).
    expect(after.stderr).toBe("cat: can't open '/tmp/b': No such file or directory\ncommand terminated with exit code 1\n");
  }, 60_000);
});
