/**
 * The offline catalogue of add-on manifests and install scripts, keyed by the URLs the chapters,
 * the study notes and the projects' own docs use. curl/wget (through the package downloads) and
 * `kubectl apply -f URL` read it; a path the catalogue does not know on one of these hosts is a 404.
 */
import { calicoCustomResources, calicoManifest, CALICO_LATEST, isCalicoVersion, tigeraOperatorManifest } from './calico';
import { dashboardManifest } from './dashboard';
import { flannelManifest, FLANNEL_LATEST, isFlannelRelease } from './flannel';
import { gatewayApiManifest, GATEWAY_API_VERSIONS } from './gateway-api';
import { ingressNginxBaremetalManifest, ingressNginxObjects, isIngressNginxVersion } from './ingress-nginx';
import { getHelmScript, helmLatestVersion, helmTarball, isHelmVersion } from './helm-release';
import { manifestText } from './yaml';
import { sha256 } from '../../shell/commands/lib/hash';
import { CHART_REPOSITORIES, repositoryIndex } from './charts';
import { metricsServerManifest, METRICS_SERVER_URLS } from './metrics-server';
import { localPathStorageManifest, LOCAL_PATH_VERSION } from './local-path-storage';

/** Hosts that serve add-on files (they resolve; unknown paths on them answer 404). */
export const ADDON_HOSTS = new Set(['docs.projectcalico.org', 'docs.tigera.io', 'calico-v3-25.netlify.app', 'get.helm.sh', 'kubernetes.github.io', 'charts.bitnami.com', 'charts.helm.sh', 'kubernetes-sigs.github.io', 'kubernetes-charts.storage.googleapis.com']);

type Producer = (m: RegExpExecArray) => string | undefined;

/** The newest patch of a Calico minor (v3.25 → v3.25.2). */
function calicoMinor(minor: string): string | undefined {
  for (let p = 9; p >= 0; p--) if (isCalicoVersion(`v${minor}.${p}`)) return `v${minor}.${p}`;
  return undefined;
}

const calicoFile = (version: string | undefined, file: string): string | undefined => {
  if (!version || !isCalicoVersion(version)) return undefined;
  if (file === 'calico.yaml') return calicoManifest(version);
  if (file === 'tigera-operator.yaml') return tigeraOperatorManifest(version);
  if (file === 'custom-resources.yaml') return calicoCustomResources(version);
  return undefined;
};

function ingressNginxCloudManifest(version: string): string {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }, name: 'ingress-nginx' } };
  const objs = ingressNginxObjects({ version, namespace: 'ingress-nginx', release: 'ingress-nginx', serviceType: 'LoadBalancer', replicas: 1, ingressClass: 'nginx', admissionWebhooks: true });
  for (const o of objs) if (o.kind === 'Service' && o.metadata?.name === 'ingress-nginx-controller') (o.spec as Record<string, unknown>).externalTrafficPolicy = 'Local';
  return manifestText([ns, ...objs]);
}

const TABLE: Array<[RegExp, Producer]> = [
  // Calico
  [/^https:\/\/raw\.githubusercontent\.com\/projectcalico\/calico\/(v3\.\d+\.\d+)\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(m[1], m[2])],
  [/^https:\/\/docs\.projectcalico\.org\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(CALICO_LATEST, m[1])],
  [/^https:\/\/docs\.projectcalico\.org\/v(3\.\d+)\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(calicoMinor(m[1]), m[2])],
  [/^https:\/\/docs\.projectcalico\.org\/archive\/v(3\.\d+)\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(calicoMinor(m[1]), m[2])],
  [/^https:\/\/docs\.tigera\.io\/calico\/latest\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(CALICO_LATEST, m[1])],
  [/^https:\/\/docs\.tigera\.io\/(?:archive|calico)\/v?(3\.\d+)\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile(calicoMinor(m[1]), m[2])],
  [/^https:\/\/calico-v3-25\.netlify\.app\/archive\/v3\.25\/manifests\/(calico\.yaml|tigera-operator\.yaml|custom-resources\.yaml)$/, (m) => calicoFile('v3.25.2', m[1])],
  // Flannel
  [/^https:\/\/github\.com\/flannel-io\/flannel\/releases\/latest\/download\/kube-flannel\.yml$/, () => flannelManifest(FLANNEL_LATEST)],
  [/^https:\/\/github\.com\/flannel-io\/flannel\/releases\/download\/(v0\.\d+\.\d+)\/kube-flannel\.yml$/, (m) => (isFlannelRelease(m[1]) ? flannelManifest(m[1]) : undefined)],
  [/^https:\/\/raw\.githubusercontent\.com\/(?:coreos|flannel-io)\/flannel\/master\/Documentation\/kube-flannel\.yml$/, () => flannelManifest(FLANNEL_LATEST)],
  // ingress-nginx
  [/^https:\/\/raw\.githubusercontent\.com\/kubernetes\/ingress-nginx\/controller-(v1\.\d+\.\d+)\/deploy\/static\/provider\/baremetal\/deploy\.yaml$/, (m) => (isIngressNginxVersion(m[1]) ? ingressNginxBaremetalManifest(m[1]) : undefined)],
  [/^https:\/\/raw\.githubusercontent\.com\/kubernetes\/ingress-nginx\/controller-(v1\.\d+\.\d+)\/deploy\/static\/provider\/cloud\/deploy\.yaml$/, (m) => (isIngressNginxVersion(m[1]) ? ingressNginxCloudManifest(m[1]) : undefined)],
  // Kubernetes Dashboard
  [/^https:\/\/raw\.githubusercontent\.com\/kubernetes\/dashboard\/v2\.7\.0\/aio\/deploy\/recommended\.yaml$/, () => dashboardManifest()],
  // Gateway API
  [/^https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/(v1\.\d+\.\d+)\/standard-install\.yaml$/, (m) => (GATEWAY_API_VERSIONS.includes(m[1]) ? gatewayApiManifest(m[1]) : undefined)],
  // Helm
  [/^https:\/\/raw\.githubusercontent\.com\/helm\/helm\/(?:main|master)\/scripts\/get-helm-3$/, () => getHelmScript()],
  [/^https:\/\/get\.helm\.sh\/helm3?-latest-version$/, () => helmLatestVersion()],
  [/^https:\/\/get\.helm\.sh\/helm-(v3\.\d+\.\d+)-linux-amd64\.tar\.gz$/, (m) => (isHelmVersion(m[1]) ? helmTarball(m[1]) : undefined)],
  [/^https:\/\/get\.helm\.sh\/helm-(v3\.\d+\.\d+)-linux-amd64\.tar\.gz\.sha256sum$/, (m) => (isHelmVersion(m[1]) ? helmTarballChecksum(m[1]) : undefined)],
];

// Chart repositories: index.yaml at each repository URL.
for (const repo of CHART_REPOSITORIES) {
  const escaped = repo.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  TABLE.push([new RegExp(`^${escaped}/+index\\.yaml$`), () => repositoryIndex(repo, '2025-04-09T10:00:00.000000000Z')]);
}

/** Extra manifests other parts of the simulator publish. */
const extra: Array<[RegExp, Producer]> = [];

const exactly = (url: string) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
// metrics-server's components.yaml (src/sim/addons/metrics-server.ts).
for (const url of METRICS_SERVER_URLS) TABLE.push([exactly(url), () => metricsServerManifest()]);
// rancher/local-path-provisioner's deploy/local-path-storage.yaml (src/sim/addons/local-path-storage.ts).
TABLE.push([new RegExp(`^https://raw\\.githubusercontent\\.com/rancher/local-path-provisioner/(?:${LOCAL_PATH_VERSION.replace(/\./g, '\\.')}|master)/deploy/local-path-storage\\.yaml$`), () => localPathStorageManifest()]);

/** Let another module serve manifests by URL (metrics-server's components.yaml…). */
export function registerAddonManifest(pattern: RegExp, producer: (m: RegExpExecArray) => string | undefined): void {
  extra.push([pattern, producer]);
}

/** The body served at an add-on URL, or undefined when the catalogue does not hold it. */
export function addonFile(url: string): string | undefined {
  const clean = url.replace(/[?#].*$/, '');
  for (const [re, produce] of [...TABLE, ...extra]) {
    const m = re.exec(clean);
    if (m) {
      const body = produce(m);
      if (body !== undefined) return body;
    }
  }
  return undefined;
}

function helmTarballChecksum(version: string): string {
  return `${sha256(new TextEncoder().encode(helmTarball(version)))}  helm-${version}-linux-amd64.tar.gz\n`;
}
