/**
 * What answers a connection made from a machine: the machines themselves, Services (kube-proxy's
 * ClusterIP and NodePort rules, to ready endpoints only) and Pods (by what their container serves).
 * It looks at the cluster through the API, as kube-proxy does; the shell's curl/wget/ping ask it.
 */
import type { CommandContext } from '../shell/command';
import type { HttpResponse, NetworkProvider } from '../shell/commands/lib/system';
import type { ApiTransport, KubeObject } from '../sim/apiserver/types';
import type { World } from '../sim/world';
import { clusterOf } from './network';
import { downloadArtefact, packageHostAddress } from '../sim/packages/downloads';

/** The default page of the nginx image (1.25 and later). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** What a container image serves, by image name (without registry and tag). */
const SERVERS: Record<string, { port: number; response: () => HttpResponse }> = {
  nginx: { port: 80, response: () => ({ status: 200, headers: { Server: 'nginx/1.27.3', 'Content-Type': 'text/html' }, body: NGINX_WELCOME }) },
  httpd: { port: 80, response: () => ({ status: 200, headers: { Server: 'Apache/2.4.62 (Unix)', 'Content-Type': 'text/html' }, body: '<html><body><h1>It works!</h1></body></html>\n' }) },
};

function imageName(image: string): string {
  const noTag = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return noTag.split('/').pop() ?? noTag;
}

type Answer = HttpResponse | { error: 'refused' | 'timeout' };

function list(api: ApiTransport, resource: string, group = '', version = 'v1'): KubeObject[] {
  const r = api.request<{ items: KubeObject[] }>({ verb: 'list', group, version, resource });
  return r.code === 200 ? ((r.body as { items: KubeObject[] }).items ?? []) : [];
}

interface PodShape {
  metadata?: { name?: string; namespace?: string };
  spec?: { containers?: { image?: string; ports?: { containerPort?: number }[] }[] };
  status?: { podIP?: string; phase?: string };
}

function podAnswer(pod: PodShape, port: number): Answer {
  if (pod.status?.phase !== 'Running') return { error: 'refused' };
  for (const c of pod.spec?.containers ?? []) {
    const server = SERVERS[imageName(c.image ?? '')];
    if (server && server.port === port) return server.response();
  }
  return { error: 'refused' };
}

interface ServiceShape {
  metadata?: { name?: string; namespace?: string };
  spec?: { type?: string; clusterIP?: string; ports?: { port: number; nodePort?: number; targetPort?: number | string; name?: string }[] };
}

/** kube-proxy: a Service port → a ready endpoint of it (the first, deterministic). */
function serviceAnswer(api: ApiTransport, svc: ServiceShape, portIndex: number): Answer {
  const sp = svc.spec?.ports?.[portIndex];
  const ns = svc.metadata?.namespace;
  const r = api.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'endpoints', namespace: ns, name: svc.metadata?.name });
  if (r.code !== 200 || !sp) return { error: 'refused' };
  const subsets = ((r.body as { subsets?: { addresses?: { ip: string; targetRef?: { name?: string } }[]; ports?: { port: number; name?: string }[] }[] }).subsets ?? []);
  const pods = list(api, 'pods') as PodShape[];
  for (const subset of subsets) {
    const port = subset.ports?.find((p) => (sp.name ? p.name === sp.name : true))?.port;
    for (const addr of subset.addresses ?? []) {
      const pod = pods.find((p) => p.status?.podIP === addr.ip && p.metadata?.namespace === ns);
      if (pod && port !== undefined) return podAnswer(pod, port);
    }
  }
  // No ready endpoint: kube-proxy installs a REJECT rule.
  return { error: 'refused' };
}

function route(world: World, targetIp: string, port: number): Answer {
  const cluster = clusterOf(world);
  const api = cluster?.connect('https://192.168.6.171:6443', 'cka01') ?? null;
  const nodeIps = new Set([...world.machines.values()].map((m) => m.ip));
  if (!api) return nodeIps.has(targetIp) ? { error: 'refused' } : { error: 'timeout' };
  const services = list(api, 'services') as ServiceShape[];
  if (nodeIps.has(targetIp)) {
    for (const svc of services) {
      const i = svc.spec?.ports?.findIndex((p) => p.nodePort === port) ?? -1;
      if (i >= 0 && (svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer')) return serviceAnswer(api, svc, i);
    }
    return { error: 'refused' };
  }
  for (const svc of services) {
    if (svc.spec?.clusterIP !== targetIp) continue;
    const i = svc.spec?.ports?.findIndex((p) => p.port === port) ?? -1;
    return i >= 0 ? serviceAnswer(api, svc, i) : { error: 'timeout' };
  }
  const pod = (list(api, 'pods') as PodShape[]).find((p) => p.status?.podIP === targetIp);
  if (pod) return podAnswer(pod, port);
  return { error: 'timeout' };
}

function parseTarget(url: string): { host: string; port: number } | null {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?/i.exec(url);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80 };
}

function worldOf(ctx: CommandContext): World | undefined {
  const w = ctx.world as World | undefined;
  return w && typeof w.resolveHost === 'function' ? w : undefined;
}

export const serviceNetwork: NetworkProvider = {
  resolve(ctx, host) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
    const world = worldOf(ctx);
    if (host === 'localhost') return '127.0.0.1';
    const m = world?.resolveHost(host);
    // Package repositories and release sites answer from the offline catalogue.
    return m ? m.ip : packageHostAddress(host);
  },
  http(ctx, req) {
    const world = worldOf(ctx);
    const target = parseTarget(req.url);
    if (!world || !target) return { error: 'refused' };
    const artefact = downloadArtefact(req.url);
    if (artefact) return artefact;
    let ip = this.resolve(ctx, target.host) ?? target.host;
    if (ip === '127.0.0.1') ip = world.resolveHost(ctx.host)?.ip ?? ip;
    return route(world, ip, target.port);
  },
  ping(ctx, address) {
    const world = worldOf(ctx);
    if (!world) return null;
    return [...world.machines.values()].some((m) => m.ip === address) || address === '127.0.0.1' ? 0.4 : null;
  },
};
