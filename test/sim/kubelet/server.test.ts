/**
 * The kubelet's own HTTPS server, as nodes/proxy reaches it: /configz (the running configuration,
 * defaulted, in the Go struct's order, read when the process starts), /healthz, /pods, /logs/,
 * /stats/summary and /metrics/resource (the same figures metrics-server serves to `kubectl top`),
 * Go's 404 for anything else.
 */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../src/sim/machine';
import { kubeletConfigYaml } from '../../../src/sim/cluster/kubeadm-files';
import { configzBody, effectiveKubeletConfiguration } from '../../../src/sim/kubelet/server/configz';
import { serveKubelet, type KubeletServerState } from '../../../src/sim/kubelet/server';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { gvr } from '../../../src/sim/apiserver';
import { deployment } from '../cluster/helpers';
import { metricsCluster } from '../metrics/_helpers';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FLAGS = 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

function kubeadmNode(config = kubeletConfigYaml(), flags = FLAGS): Machine {
  const m = Machine.ubuntu({ hostname: 'cka02', ip: '192.168.6.172' }, () => 0);
  m.rootFs.mkdir('/var/lib/kubelet', { recursive: true });
  m.rootFs.writeFile('/var/lib/kubelet/config.yaml', config);
  m.rootFs.writeFile('/var/lib/kubelet/kubeadm-flags.env', flags);
  return m;
}

const state = (m: Machine, config: Obj = effectiveKubeletConfiguration(m.rootFs)): KubeletServerState => ({ config, fs: m.rootFs, pods: () => [], stats: () => undefined });

describe('/configz', () => {
  it("is kubeadm's config.yaml with the kubelet's defaults filled in, in the struct's order, under kubeletconfig", () => {
    const config = effectiveKubeletConfiguration(kubeadmNode().rootFs);
    const body = configzBody(config);
    expect(body.startsWith('{"kubeletconfig":{"enableServer":true,"staticPodPath":"/etc/kubernetes/manifests","podLogsDir":"/var/log/pods","syncFrequency":"1m0s","fileCheckFrequency":"20s","httpCheckFrequency":"20s","address":"0.0.0.0","port":10250,')).toBe(true);
    expect(body.endsWith('"containerRuntimeEndpoint":"unix:///var/run/containerd/containerd.sock","failCgroupV1":false}}')).toBe(true);
    expect(body).not.toContain('apiVersion');
    expect(body).not.toContain('"kind"');
    // Zero durations of the file are defaulted; the self-signed serving certificate InitializeTLS sets.
    expect(config).toMatchObject({
      tlsCertFile: '/var/lib/kubelet/pki/kubelet.crt',
      tlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet.key',
      authentication: { x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, webhook: { enabled: true, cacheTTL: '2m0s' }, anonymous: { enabled: false } },
      authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
      cgroupDriver: 'systemd',
      clusterDNS: ['10.96.0.10'],
      streamingConnectionIdleTimeout: '4h0m0s',
      nodeStatusUpdateFrequency: '10s',
      nodeStatusReportFrequency: '5m0s',
      imageMaximumGCAge: '0s',
      evictionHard: { 'imagefs.available': '15%', 'imagefs.inodesFree': '5%', 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' },
      logging: { format: 'text', flushFrequency: '5s', verbosity: 0, options: { text: { infoBufferSize: '0' }, json: { infoBufferSize: '0' } } },
      memorySwap: {},
      crashLoopBackOff: {},
      memoryThrottlingFactor: 0.9,
      maxPods: 110,
    });
    // omitempty fields that are zero stay out; a v1beta1 pointer over an internal bool is written even when false.
    expect(config).not.toHaveProperty('readOnlyPort');
    expect(config).not.toHaveProperty('cgroupRoot');
    expect(config).not.toHaveProperty('singleProcessOOMKill');
    expect(config.enableSystemLogQuery).toBe(false);
    expect(Object.keys(config).indexOf('authentication')).toBe(Object.keys(config).indexOf('rotateCertificates') + 1);
  });

  it('the command line wins over the file; fields the file sets replace the defaults', () => {
    const file = kubeletConfigYaml().replace('shutdownGracePeriod: 0s', 'shutdownGracePeriod: 30s').replace('  verbosity: 0', '  verbosity: 2');
    const m = kubeadmNode(`${file}maxPods: 50\nevictionHard:\n  memory.available: 200Mi\n`);
    m.rootFs.writeFile('/etc/default/kubelet', 'KUBELET_EXTRA_ARGS="--max-pods=80 --cluster-dns=10.96.0.53"\n');
    const config = effectiveKubeletConfiguration(m.rootFs);
    expect(config.maxPods).toBe(80);
    expect(config.clusterDNS).toEqual(['10.96.0.53']);
    expect(config.evictionHard).toEqual({ 'memory.available': '200Mi' });
    expect(config.shutdownGracePeriod).toBe('30s');
    expect(config.logging).toMatchObject({ verbosity: 2, flushFrequency: '5s' });
    // A key given twice: the last one wins.
    expect(effectiveKubeletConfiguration(kubeadmNode(`${kubeletConfigYaml()}shutdownGracePeriod: 45s\n`).rootFs).shutdownGracePeriod).toBe('45s');
  });

  it('mergeDefaultEvictionSettings fills the signals the file leaves out', () => {
    const config = effectiveKubeletConfiguration(kubeadmNode(`${kubeletConfigYaml()}mergeDefaultEvictionSettings: true\nevictionHard:\n  memory.available: 500Mi\n`).rootFs);
    expect(config.evictionHard).toEqual({ 'imagefs.available': '15%', 'imagefs.inodesFree': '5%', 'memory.available': '500Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' });
  });

  it('a debugging handler: with enableDebuggingHandlers false, Go\'s 404', () => {
    const m = kubeadmNode(`${kubeletConfigYaml()}enableDebuggingHandlers: false\n`);
    expect(serveKubelet(state(m), 'configz', {})).toEqual({ code: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' });
  });

  it('is what the process read at start: an edit shows after `systemctl restart kubelet`', async () => {
    const world = bootWorld('cluster');
    const run = (host: string, s: string) => runScript(world, host, s);
    const maxPods = async () => (await run('cka01', 'kubectl get --raw /api/v1/nodes/cka02/proxy/configz | jq .kubeletconfig.maxPods')).stdout;
    expect(await maxPods()).toBe('110\n');
    await run('cka02', "sed -i 's/^cgroupDriver: systemd$/cgroupDriver: systemd\\nmaxPods: 40/' /var/lib/kubelet/config.yaml");
    expect((await run('cka02', 'grep maxPods /var/lib/kubelet/config.yaml')).stdout).toBe('maxPods: 40\n');
    expect(await maxPods()).toBe('110\n');
    await run('cka02', 'systemctl restart kubelet; sleep 12');
    expect(await maxPods()).toBe('40\n');
    expect((await run('cka01', "kubectl get node cka02 -o jsonpath='{.status.capacity.pods}'")).stdout).toBe('40');
  }, 60_000);
});

describe('/healthz, /logs/ and unknown paths', () => {
  const m = kubeadmNode();
  const s = state(m);
  it('healthz answers ok, each check with ?verbose, and one check by name', () => {
    expect(serveKubelet(s, 'healthz', {})).toEqual({ code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' });
    expect(serveKubelet(s, 'healthz', { verbose: '' }).body).toBe('[+]ping ok\n[+]log ok\n[+]syncloop ok\nhealthz check passed\n');
    expect(serveKubelet(s, 'healthz/syncloop', {}).body).toBe('ok');
    expect(serveKubelet(s, 'healthz/nope', {}).code).toBe(404);
  });

  it('logs/ lists /var/log as Go\'s file server does and serves its files; nothing above it', () => {
    m.rootFs.mkdir('/var/log/pods', { recursive: true });
    m.rootFs.writeFile('/var/log/a&b.log', 'x\n');
    const list = serveKubelet(s, 'logs/', {});
    expect(list.contentType).toBe('text/html; charset=utf-8');
    expect(list.body).toMatch(/^<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n/);
    expect(list.body).toContain('<a href="a&b.log">a&amp;b.log</a>\n');
    expect(list.body).toContain('<a href="pods/">pods/</a>\n');
    expect(list.body.endsWith('</pre>\n')).toBe(true);
    expect(serveKubelet(s, 'logs/a&b.log', {}).body).toBe('x\n');
    expect(serveKubelet(s, 'logs/../../etc/hostname', {}).code).toBe(404);
    expect(serveKubelet(s, 'logs', {}).code).toBe(404);
    expect(serveKubelet(s, 'logs/missing.log', {}).body).toBe('404 page not found\n');
  });

  it('with enableSystemLogHandler false, /logs/ is refused with 405', () => {
    const off = state(kubeadmNode(`${kubeletConfigYaml()}enableSystemLogHandler: false\n`));
    expect(serveKubelet(off, 'logs/', {})).toEqual({ code: 405, contentType: 'text/plain; charset=utf-8', body: 'logs endpoint is disabled.\n' });
  });

  it("anything else is Go's 404 page not found", () => {
    for (const p of ['', 'nope', 'configz/', 'stats', 'metrics/resource/x']) expect(serveKubelet(s, p, {})).toEqual({ code: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' });
  });
});

describe('/pods', () => {
  it("is the kubelet's PodList, compact with a newline; static pods with the status the kubelet computes", () => {
    const world = bootWorld('cluster');
    const server = clusterOf(world)!.apiServer;
    const r = server.raw('/api/v1/nodes/cka01/proxy/pods');
    expect(r.contentType).toBe('application/json');
    const body = r.body as string;
    expect(body.startsWith('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":')).toBe(true);
    expect(body.endsWith('}\n')).toBe(true);
    const list = JSON.parse(body) as Obj;
    const names = (list.items as Obj[]).map((p) => p.metadata.name).sort();
    expect(names).toContain('kube-apiserver-cka01');
    expect(names.some((n: string) => n.startsWith('coredns-'))).toBe(true);
    const apiserver = (list.items as Obj[]).find((p) => p.metadata.name === 'kube-apiserver-cka01')!;
    expect(apiserver).not.toHaveProperty('kind');
    expect(apiserver.metadata.annotations['kubernetes.io/config.source']).toBe('file');
    expect(apiserver.status.phase).toBe('Running');
    for (const p of list.items as Obj[]) expect(p.spec.nodeName).toBe('cka01');
  });
});

describe('/stats/summary and /metrics/resource', () => {
  /** A cluster with metrics-server, stopped at the instant of one of its scrapes. */
  function atScrape() {
    const env = metricsCluster({ insecureTls: true });
    env.admin.create(gvr('deployments'), 'default', deployment('web', 'nginx:1.27', 3));
    env.cluster.advance(60_000);
    const stamp = () => Date.parse(((env.cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes/cka02').body as Obj).timestamp as string));
    env.cluster.advance(stamp() + 15_000 - env.clock.now());
    expect(stamp()).toBe(env.clock.now());
    return env;
  }

  it("summary: the node and its pods, one-space indented, with the same CPU and memory metrics-server serves", () => {
    const { cluster } = atScrape();
    const r = cluster.apiServer.raw('/api/v1/nodes/cka02/proxy/stats/summary');
    expect(r.code).toBe(200);
    const body = r.body as string;
    expect(body.startsWith('{\n "node": {\n  "nodeName": "cka02",\n  "systemContainers": [\n   {\n    "name": "kubelet",')).toBe(true);
    expect(body.endsWith('\n}')).toBe(true);
    const s = JSON.parse(body) as Obj;
    expect(Object.keys(s.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory', 'network', 'fs', 'runtime', 'rlimit', 'swap']);
    expect(s.node.systemContainers.map((c: Obj) => c.name)).toEqual(['kubelet', 'pods']);
    expect(Object.keys(s.node.memory)).toEqual(['time', 'availableBytes', 'usageBytes', 'workingSetBytes', 'rssBytes', 'pageFaults', 'majorPageFaults']);
    expect(Object.keys(s.node.fs)).toEqual(['time', 'availableBytes', 'capacityBytes', 'usedBytes', 'inodesFree', 'inodes', 'inodesUsed']);
    expect(s.node.fs.capacityBytes).toBe(20463184 * 1024);
    expect(s.node.fs.availableBytes + s.node.fs.usedBytes).toBe(s.node.fs.capacityBytes);
    expect(Object.keys(s.node.runtime)).toEqual(['imageFs', 'containerFs']);

    const nodeMetrics = cluster.apiServer.raw('/apis/metrics.k8s.io/v1beta1/nodes/cka02').body as Obj;
    expect(nodeMetrics.usage).toEqual({ cpu: `${s.node.cpu.usageNanoCores}n`, memory: `${s.node.memory.workingSetBytes / 1024}Ki` });

    const webPods = (s.pods as Obj[]).filter((p) => p.podRef.namespace === 'default');
    expect(webPods.length).toBeGreaterThan(0);
    for (const p of webPods) {
      expect(Object.keys(p)).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory', 'network', 'volume', 'ephemeral-storage', 'process_stats', 'swap']);
      expect(Object.keys(p.containers[0])).toEqual(['name', 'startTime', 'cpu', 'memory', 'rootfs', 'logs', 'swap']);
      expect(p.network.name).toBe('eth0');
      expect(p.volume.map((v: Obj) => v.name)).toEqual([expect.stringMatching(/^kube-api-access-/)]);
      const m = cluster.apiServer.raw(`/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${p.podRef.name}`).body as Obj;
      const c = p.containers[0];
      expect(m.containers[0].usage).toEqual({ cpu: expect.stringMatching(/n$|^0$/), memory: `${c.memory.workingSetBytes / 1024}Ki` });
      expect(Number(m.containers[0].usage.cpu.replace(/n$/, ''))).toBe(c.cpu.usageNanoCores);
      expect(p.cpu.usageNanoCores).toBe(c.cpu.usageNanoCores);
    }
    const cpuOnly = JSON.parse(cluster.apiServer.raw('/api/v1/nodes/cka02/proxy/stats/summary?only_cpu_and_memory=true').body as string) as Obj;
    expect(Object.keys(cpuOnly.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory', 'swap']);
    expect(Object.keys(cpuOnly.pods[0])).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory']);
  });

  it('resource metrics: the families metrics-server scrapes, sorted, from the same figures', () => {
    const { cluster } = atScrape();
    const s = JSON.parse(cluster.apiServer.raw('/api/v1/nodes/cka02/proxy/stats/summary').body as string) as Obj;
    const r = cluster.apiServer.raw('/api/v1/nodes/cka02/proxy/metrics/resource');
    expect(r.code).toBe(200);
    const text = r.body as string;
    const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(families).toEqual([
      'container_cpu_usage_seconds_total counter',
      'container_memory_working_set_bytes gauge',
      'container_start_time_seconds gauge',
      'node_cpu_usage_seconds_total counter',
      'node_memory_working_set_bytes gauge',
      'node_swap_usage_bytes gauge',
      'pod_cpu_usage_seconds_total counter',
      'pod_memory_working_set_bytes gauge',
      'resource_scrape_error gauge',
    ]);
    expect(text).toContain('# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds\n');
    expect(text).toContain('# HELP node_swap_usage_bytes [ALPHA] Current swap usage of the node in bytes. Reported only on non-windows systems\n');
    expect(text).not.toContain('scrape_error [ALPHA]');
    expect(text.endsWith('# TYPE resource_scrape_error gauge\nresource_scrape_error 0\n')).toBe(true);
    const now = cluster.clock.now();
    const node = /^node_memory_working_set_bytes (\S+) (\d+)$/m.exec(text)!;
    expect(Number(node[1])).toBe(s.node.memory.workingSetBytes);
    expect(Number(node[2])).toBe(Math.floor(now / 1000) * 1000);
    expect(Number(/^node_cpu_usage_seconds_total (\S+) /m.exec(text)![1])).toBeCloseTo(s.node.cpu.usageCoreNanoSeconds / 1e9, 6);
    const containers = [...text.matchAll(/^container_memory_working_set_bytes\{container="([^"]+)",namespace="([^"]+)",pod="([^"]+)"\} (\S+) \d+$/gm)];
    const keys = containers.map((m) => `${m[1]}\u0000${m[2]}\u0000${m[3]}`);
    expect(keys).toEqual([...keys].sort());
    for (const m of containers) {
      const pod = (s.pods as Obj[]).find((p) => p.podRef.name === m[3])!;
      expect(Number(m[4])).toBe(pod.containers.find((c: Obj) => c.name === m[1]).memory.workingSetBytes);
    }
    expect(text).toMatch(/^container_start_time_seconds\{container="nginx",namespace="default",pod="web-[^"]+"\} \d\.\d+e\+09$/m);
  });
});
