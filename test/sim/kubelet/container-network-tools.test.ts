/**
 * The network tools a container runs as its own command (`kubectl run t --image=busybox -- wget …`)
 * answer from its Pod as they do under `kubectl exec`: the page in its log, a policy's silence as
 * busybox's timeout after -T seconds (or TCP's give-up), and `kubectl run --rm -i` ends with the
 * container's status as kubectl words it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-web, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress]`;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(`kubectl create ns shop
kubectl -n shop create deploy web --image=nginx:1.27
kubectl -n shop expose deploy web --port=80
kubectl create deploy web --image=nginx:1.27
kubectl expose deploy web --port=80
sleep 20
kubectl -n shop get deploy web --no-headers; kubectl get deploy web --no-headers`);
  expect(r.stdout).toMatch(/web +1\/1[^\n]*\nweb +1\/1/);
}, 60_000);

describe("a container's own command", () => {
  it('wget -qO- writes the page it fetched to the log, and the container completes', async () => {
    const r = await run('kubectl run get1 --image=busybox:1.36 --restart=Never -- wget -qO- web\nsleep 5\nkubectl get pod get1 --no-headers\nkubectl logs get1 | head -4');
    expect(r.stdout).toMatch(/^pod\/get1 created\nget1 +0\/1 +Completed[^\n]*\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n$/);
  });

  it('wget without -q logs its progress lines too; nslookup logs its answer', async () => {
    const r = await run(`kubectl run get2 --image=busybox:1.36 --restart=Never -- wget -O /tmp/page web
kubectl run dns1 --image=busybox:1.36 --restart=Never -- nslookup web.shop
sleep 5
kubectl logs get2; kubectl logs dns1`);
    const ip = (await run('kubectl get svc web -o jsonpath={.spec.clusterIP}')).stdout;
    const shopIp = (await run('kubectl -n shop get svc web -o jsonpath={.spec.clusterIP}')).stdout;
    expect(r.stdout).toContain(`Connecting to web (${ip}:80)\nsaving to '/tmp/page'\n/tmp/page            100% |********************************|   615  0:00:00 ETA\n'/tmp/page' saved\n`);
    expect(r.stdout).toContain(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.shop.svc.cluster.local\nAddress: ${shopIp}\n`);
  });

  it('a Service a NetworkPolicy closes: busybox gives up after -T seconds with "download timed out", the pod fails', async () => {
    await run(`kubectl apply -f - <<'EOF'\n${DENY_INGRESS}\nEOF`);
    const r = await run(`kubectl run get3 --image=busybox:1.36 --restart=Never -- wget -qO- -T 2 web.shop
sleep 1
kubectl get pod get3 --no-headers
sleep 4
kubectl get pod get3 --no-headers
kubectl logs get3`);
    expect(r.stdout).toMatch(/get3 +1\/1 +Running[^\n]*\nget3 +0\/1 +Error[^\n]*\nwget: download timed out\n$/);
  });

  it('without -T the connection fails after TCP gives up (about 130 s)', async () => {
    const r = await run(`kubectl run get4 --image=busybox:1.36 --restart=Never -- wget -q web.shop
sleep 90
kubectl get pod get4 --no-headers
sleep 50
kubectl get pod get4 --no-headers
kubectl logs get4`);
    const ip = (await run('kubectl -n shop get svc web -o jsonpath={.spec.clusterIP}')).stdout;
    expect(r.stdout).toMatch(/get4 +1\/1 +Running[^\n]*\nget4 +0\/1 +Error/);
    expect(r.stdout.endsWith(`wget: can't connect to remote host (${ip}): Connection timed out\n`)).toBe(true);
  });

  it('curl in a shell script: the body, then the script goes on', async () => {
    const r = await run(`kubectl run get5 --image=nginx:1.27 --restart=Never --command -- sh -c 'curl -s web.shop --max-time 3; echo "rc=$?"; curl -s web | head -1'
sleep 10
kubectl logs get5`);
    expect(r.stdout).toContain('rc=28\n');
  });
});

describe('curlimages/curl', () => {
  it("its entrypoint hands args that start with '-' to curl; with none, curl's usage hint and status 2; sh and wget are busybox's", async () => {
    const r = await run(`kubectl run c1 --image=curlimages/curl --restart=Never -- -s web
kubectl run c2 --image=curlimages/curl:8.14.1 --restart=Never -- curl -s -o /dev/null -w '%{http_code}\\n' web
kubectl run c3 --image=curlimages/curl --restart=Never
kubectl run c4 --image=curlimages/curl -- sleep 3600
sleep 15
kubectl get pod c1 c2 c3 --no-headers
kubectl logs c1 | head -1; kubectl logs c2; kubectl logs c3
kubectl exec c4 -- wget -qO- web | head -1`);
    expect(r.stdout).toMatch(/c1 +0\/1 +Completed[^\n]*\nc2 +0\/1 +Completed[^\n]*\nc3 +0\/1 +Error/);
    expect(r.stdout).toContain("<!DOCTYPE html>\n200\ncurl: try 'curl --help' or 'curl --manual' for more information\n<!DOCTYPE html>\n");
  });
});

describe('the nginx release an image tag holds', () => {
  it('answers in the Server header and in nginx -v (nginx:1.27 is 1.27.5)', async () => {
    const r = await run(`kubectl exec c4 -- curl -sI web | grep Server
kubectl exec deploy/web -- nginx -v`);
    expect(r.stdout).toBe('Server: nginx/1.27.5\r\n');
    expect(r.stderr).toBe('nginx version: nginx/1.27.5\n');
  });
});

describe('kubectl run --rm -i with a command that is not a shell', () => {
  it("streams the command's output and exits with its status, as kubectl words it", async () => {
    // Done before kubectl looks again: it prints the logs without attaching (and without the prompt hint).
    const ok = await run('kubectl run t1 --image=busybox:1.36 --restart=Never --rm -i -- wget -qO- web; echo "rc=$?"');
    expect(ok.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<\/p>\n\n<p>For online[\s\S]*<\/html>\npod "t1" deleted\nrc=0\n$/);
    expect(ok.stderr).toBe('');
    const closed = await run('kubectl run t2 --image=busybox:1.36 --restart=Never --rm -i -- wget -qO- --timeout=2 web.shop; echo "rc=$?"');
    expect(closed.stdout).toBe('wget: download timed out\npod "t2" deleted\nrc=1\n');
    expect(closed.stderr).toBe("If you don't see a command prompt, try pressing enter.\npod default/t2 terminated (Error)\n");
    const status = await run('kubectl run t3 --image=busybox:1.36 --restart=Never --rm -i -- sh -c "echo start; sleep 3; echo end; exit 3"; echo "rc=$?"');
    expect(status.stdout).toBe('start\nend\npod "t3" deleted\nrc=3\n');
  });
});

describe('kubectl exec under a NetworkPolicy', () => {
  it('wget -T waits that long on the clock before it gives up', async () => {
    await run('kubectl run bb --image=busybox:1.36 -- sleep 3600\nsleep 5');
    const before = world.clock.now();
    const r = await run('kubectl exec bb -- wget -qO- -T 3 web.shop; echo "rc=$?"');
    expect(r.stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(3000);
  });
});

describe("a container's own cat", () => {
  it('reads the files its image and volumes give it, and words a missing one as its cat does', async () => {
    const r = await run(`kubectl create cm app --from-literal=mode=blue
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: { name: reader }
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'cat /etc/config/mode; echo; cat /etc/resolv.conf /nope; echo "rc=$?"']
    volumeMounts: [{ name: cfg, mountPath: /etc/config }]
  volumes: [{ name: cfg, configMap: { name: app } }]
EOF
kubectl run r2 --image=nginx:1.27 --restart=Never --command -- cat /missing
sleep 10
kubectl logs reader; kubectl logs r2; kubectl get pod r2 --no-headers`);
    // The configMap's value has no newline of its own: the `echo` ends its line.
    expect(r.stdout).toContain("pod/reader created\npod/r2 created\nblue\nsearch default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\ncat: can't open '/nope': No such file or directory\nrc=1\ncat: /missing: No such file or directory\n");
    expect(r.stdout).toMatch(/r2 +0\/1 +Error/);
  });
});

describe('busybox nc and ping from a Pod', () => {
  it('nc -zv reports an open port, times out under a NetworkPolicy after -w, refuses silently at one -v', async () => {
    await run('kubectl -n shop delete networkpolicy deny-web --ignore-not-found; kubectl run probe --image=busybox:1.36 -- sleep 3600; sleep 8');
    const ip = (await run("kubectl -n shop get svc web -o jsonpath='{.spec.clusterIP}'")).stdout;
    const open = await run('kubectl exec probe -- nc -zv -w 2 web.shop 80');
    expect(open).toMatchObject({ stdout: '', stderr: `web.shop (${ip}:80) open\n`, status: 0 });
    // The Service has no port 81: nothing answers there.
    const t0 = (await run('date +%s')).stdout;
    const lost = await run('kubectl exec probe -- nc -zv -w 2 web.shop 81; date +%s');
    expect(lost.stderr).toBe(`nc: web.shop (${ip}:81): Connection timed out\ncommand terminated with exit code 1\n`);
    expect(Number(lost.stdout) - Number(t0)).toBeGreaterThanOrEqual(2);
    // A Pod that does not listen on the port refuses: nc -v says nothing, -vv says so.
    const podIp = (await run("kubectl -n shop get pod -l app=web -o jsonpath='{.items[0].status.podIP}'")).stdout;
    expect(await run(`kubectl exec probe -- nc -zv ${podIp} 81`)).toMatchObject({ stderr: 'command terminated with exit code 1\n', status: 1 });
    expect((await run(`kubectl exec probe -- nc -zvv ${podIp} 81`)).stderr).toBe(`nc: ${podIp} (${podIp}:81): Connection refused\ncommand terminated with exit code 1\n`);
    expect((await run('kubectl exec probe -- nc -zv nosuch 80')).stderr).toBe("nc: bad address 'nosuch'\ncommand terminated with exit code 1\n");
    // The policy test as a container's own command, and the API server through the kubernetes Service.
    const run1 = await run(`kubectl apply -f - <<'EOF'\n${DENY_INGRESS}\nEOF\nkubectl run np1 --rm -i --image=busybox:1.36 --restart=Never -- nc -zv -w 2 web.shop 80`);
    expect(run1.stdout + run1.stderr).toContain(`nc: web.shop (${ip}:80): Connection timed out\n`);
    expect(run1.status).toBe(1);
    await run('kubectl -n shop delete networkpolicy deny-web');
    expect((await run('kubectl exec probe -- nc -zv -w 2 kubernetes.default 443')).stderr).toBe('kubernetes.default (10.96.0.1:443) open\n');
  });

  it("ping: a Pod answers, a Service's virtual IP does not (busybox waits -W after the last packet)", async () => {
    const podIp = (await run("kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP}'")).stdout;
    const pod = await run(`kubectl exec probe -- ping -c 2 ${podIp}`);
    expect(pod.stdout).toBe(`PING ${podIp} (${podIp}): 56 data bytes\n64 bytes from ${podIp}: seq=0 ttl=64 time=0.071 ms\n64 bytes from ${podIp}: seq=1 ttl=64 time=0.093 ms\n\n--- ${podIp} ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.071/0.082/0.093 ms\n`);
    const ip = (await run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).stdout;
    const t0 = Number((await run('date +%s')).stdout);
    const vip = await run('kubectl exec probe -- ping -c 1 -W 3 web; date +%s');
    expect(vip.stdout).toBe(`PING web (${ip}): 56 data bytes\n\n--- web ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n${t0 + 3}\n`);
    expect(vip.stderr).toBe('command terminated with exit code 1\n');
  });
});
