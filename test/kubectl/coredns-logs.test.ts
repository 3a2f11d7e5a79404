/**
 * kubectl logs of CoreDNS: the start banner CoreDNS 1.12 prints, and with the `log` plugin in the
 * Corefile one line per query a pod makes, in the plugin's default format.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { corefileLogsQueries, dnsQueryLines } from '../../src/sim/runtime/coredns';

const QUERY = /^\[INFO\] (\d+\.\d+\.\d+\.\d+):(\d+) - (\d+) "(A|AAAA) IN (\S+) udp (\d+) false 512" (NOERROR|NXDOMAIN) (qr,aa,rd|qr,rd,ra) (\d+) 0\.000\d+s$/;

async function corednsPod(world: ReturnType<typeof bootWorld>): Promise<string> {
  const r = await runScript(world, 'cka01', "kubectl -n kube-system get pods -l k8s-app=kube-dns -o jsonpath='{.items[0].metadata.name}'");
  return r.stdout;
}

describe('CoreDNS logs', () => {
  it('start with the banner: server block, SHA512 of the Corefile, version and build', async () => {
    const world = bootWorld('cluster');
    const corefile = (await runScript(world, 'cka01', "kubectl -n kube-system get cm coredns -o jsonpath='{.data.Corefile}'")).stdout;
    const sha = createHash('sha512').update(corefile).digest('hex');
    const r = await runScript(world, 'cka01', `kubectl -n kube-system logs ${await corednsPod(world)}`);
    expect(r.stdout).toBe(`.:53\n[INFO] plugin/reload: Running configuration SHA512 = ${sha}\nCoreDNS-1.12.0\nlinux/amd64, go1.23.3, 51e11f1\n`);
  });

  it('log each query once the Corefile has the log plugin', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      [
        'kubectl create deployment web --image=nginx',
        'kubectl expose deployment web --port=80',
        'kubectl run client --image=busybox -- sleep 3600',
        'sleep 30',
        'kubectl exec client -- nslookup web',
      ].join('\n'),
    );
    const before = await runScript(world, 'cka01', 'kubectl -n kube-system logs -l k8s-app=kube-dns');
    expect(before.stdout).not.toContain('[INFO] 10.');
    await runScript(world, 'cka01', "kubectl -n kube-system get cm coredns -o yaml | sed 's/^\\( *\\)errors$/\\1log\\n\\1errors/' | kubectl apply -f -");
    // Until the edited Corefile reaches CoreDNS and its reload plugin, nothing is logged.
    await runScript(world, 'cka01', 'kubectl exec client -- nslookup web');
    expect((await runScript(world, 'cka01', 'kubectl -n kube-system logs -l k8s-app=kube-dns --tail=-1')).stdout).not.toContain('[INFO] 10.');
    await runScript(world, 'cka01', 'sleep 70');
    const corefile = (await runScript(world, 'cka01', "kubectl -n kube-system get cm coredns -o jsonpath='{.data.Corefile}'")).stdout;
    const sha = createHash('sha512').update(corefile).digest('hex');
    const reloaded = await runScript(world, 'cka01', `kubectl -n kube-system logs ${await corednsPod(world)}`);
    expect(reloaded.stdout).toContain(`[INFO] Reloading\n[INFO] plugin/reload: Running configuration SHA512 = ${sha}\n[INFO] Reloading complete\n`);
    await runScript(world, 'cka01', 'kubectl exec client -- nslookup web; kubectl exec client -- nslookup nope');
    const ip = (await runScript(world, 'cka01', "kubectl get pod client -o jsonpath='{.status.podIP}'")).stdout;
    const after = await runScript(world, 'cka01', 'kubectl -n kube-system logs -l k8s-app=kube-dns --tail=-1');
    const queries = after.stdout.split('\n').filter((l) => l.startsWith('[INFO] 1'));
    // web: A and AAAA for the first search name; nope: A and AAAA for 3 search names and the bare name.
    expect(queries).toHaveLength(10);
    for (const q of queries) {
      const m = QUERY.exec(q);
      expect(m, q).not.toBeNull();
      expect(m![1]).toBe(ip);
    }
    expect(queries[0]).toMatch(/"A IN web\.default\.svc\.cluster\.local\. udp 47 false 512" NOERROR qr,aa,rd 92 /);
    expect(queries[1]).toMatch(/"AAAA IN web\.default\.svc\.cluster\.local\. udp 47 false 512" NOERROR qr,aa,rd 140 /);
    expect(queries.filter((q) => q.includes('NXDOMAIN'))).toHaveLength(8);
    expect(queries[9]).toMatch(/"AAAA IN nope\. udp 22 false 512" NXDOMAIN qr,rd,ra /);
  });
});

describe('CoreDNS query lines', () => {
  it('size queries and answers as on the wire (recorded: kubernetes.default A 54 → 106, AAAA → 147)', () => {
    const [a, aaaa] = dnsQueryLines('10.244.0.5', [{ fqdn: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] }], 0);
    expect(a).toMatch(/"A IN kubernetes\.default\.svc\.cluster\.local\. udp 54 false 512" NOERROR qr,aa,rd 106 /);
    expect(aaaa).toMatch(/"AAAA IN kubernetes\.default\.svc\.cluster\.local\. udp 54 false 512" NOERROR qr,aa,rd 147 /);
  });

  it('is repeatable, and a client keeps one source port for its queries', () => {
    const tried = [{ fqdn: 'x.default.svc.cluster.local', addresses: [] }, { fqdn: 'x.svc.cluster.local', addresses: [] }];
    const one = dnsQueryLines('10.244.1.3', tried, 1000);
    expect(dnsQueryLines('10.244.1.3', tried, 1000)).toEqual(one);
    expect(new Set(one.map((l) => QUERY.exec(l)![2])).size).toBe(1);
  });

  it('knows when the log plugin is on', () => {
    expect(corefileLogsQueries('.:53 {\n    log\n    errors\n}\n')).toBe(true);
    expect(corefileLogsQueries('.:53 {\n    log . {combined}\n}\n')).toBe(true);
    expect(corefileLogsQueries('.:53 {\n    errors\n    # log\n    loop\n}\n')).toBe(false);
  });
});
