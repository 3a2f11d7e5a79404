/**
 * The offline internet of package repositories, for the shell's curl/wget provider seam
 * (`setNetworkProvider` in src/shell/commands/lib/system.ts): the hosts that resolve and the
 * artefacts they serve (repository keys). The world's network provider composes this.
 */
import { KNOWN_HOSTS } from './catalogue';
import { publishedKey } from './keys';
import { CONTAINERD_SERVICE } from './files';
import { executableContent } from '../machine/image';
import { gzipEncode, tarEncode, type TarEntry } from '../../shell/commands/lib/archive';
import { ADDON_HOSTS, addonFile } from '../addons/catalogue';
import { rpmArtefact } from './rpm/files';
import { rpmHostResolves } from './rpm/db';

/** Hosts of the release artefacts the tarball guides download. */
const RELEASE_HOSTS = new Set(['github.com', 'raw.githubusercontent.com', 'dl.k8s.io', 'storage.googleapis.com']);

const CNI_PLUGINS = ['bandwidth', 'bridge', 'dhcp', 'dummy', 'firewall', 'host-device', 'host-local', 'ipvlan', 'LICENSE', 'loopback', 'macvlan', 'portmap', 'ptp', 'README.md', 'sbr', 'static', 'tap', 'tuning', 'vlan', 'vrf'];

function tgz(entries: Array<[string, string | null]>, mtimeMs: number): string {
  const list: TarEntry[] = entries.map(([name, program]) =>
    name.endsWith('/')
      ? { name, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs }
      : { name, type: 'file', mode: program ? 0o755 : 0o644, uid: 0, gid: 0, mtimeMs, data: program ? executableContent(program) : `${name}\n` },
  );
  return gzipEncode(tarEncode(list));
}

/** Release tarballs and files by URL (containerd, runc, CNI plugins, crictl, etcd, kubernetes binaries). */
export function releaseArtefact(url: string): string | undefined {
  const mtime = Date.UTC(2025, 0, 1);
  let m = /^https:\/\/github\.com\/containerd\/containerd\/releases\/download\/v(1\.[67]\.\d+)\/containerd-\1-linux-amd64\.tar\.gz$/.exec(url);
  if (m) return tgz([['bin/', null], ['bin/containerd', 'containerd'], ['bin/containerd-shim-runc-v2', 'containerd-shim-runc-v2'], ['bin/containerd-stress', 'containerd-stress'], ['bin/ctr', 'ctr']], mtime);
  if (/^https:\/\/raw\.githubusercontent\.com\/containerd\/containerd\/main\/containerd\.service$/.test(url)) return CONTAINERD_SERVICE;
  if (/^https:\/\/github\.com\/opencontainers\/runc\/releases\/download\/v1\.\d+\.\d+\/runc\.amd64$/.test(url)) return executableContent('runc');
  m = /^https:\/\/github\.com\/containernetworking\/plugins\/releases\/download\/v(1\.\d+\.\d+)\/cni-plugins-linux-amd64-v\1\.tgz$/.exec(url);
  if (m) return tgz([['./', null], ...CNI_PLUGINS.map((p) => [`./${p}`, p === 'LICENSE' || p === 'README.md' ? null : p] as [string, string | null])], mtime);
  m = /^https:\/\/github\.com\/kubernetes-sigs\/cri-tools\/releases\/download\/v(1\.\d+\.\d+)\/crictl-v\1-linux-amd64\.tar\.gz$/.exec(url);
  if (m) return tgz([['crictl', 'crictl']], mtime);
  m = /^https:\/\/(?:github\.com\/etcd-io\/etcd\/releases\/download|storage\.googleapis\.com\/etcd)\/v(3\.\d+\.\d+)\/etcd-v\1-linux-amd64\.tar\.gz$/.exec(url);
  if (m) {
    const d = `etcd-v${m[1]}-linux-amd64/`;
    return tgz([[d, null], [`${d}etcd`, 'etcd'], [`${d}etcdctl`, 'etcdctl'], [`${d}etcdutl`, 'etcdutl'], [`${d}README.md`, null]], mtime);
  }
  m = /^https:\/\/dl\.k8s\.io\/release\/v1\.\d+\.\d+\/bin\/linux\/amd64\/(kubectl|kubeadm|kubelet)$/.exec(url);
  if (m) return executableContent(m[1]);
  if (/^https:\/\/dl\.k8s\.io\/release\/stable(-1\.\d+)?\.txt$/.test(url)) return 'v1.33.4';
  // minikube's release binary (latest is v1.36.0), as its install guide downloads it.
  if (/^https:\/\/storage\.googleapis\.com\/minikube\/releases\/(latest|v1\.36\.0)\/minikube-linux-amd64$/.test(url)) return executableContent('minikube');
  return undefined;
}

/** Public address a repository host resolves to (stable, for curl -v and apt's [IP: …]). */
export function packageHostAddress(host: string): string | null {
  if (!KNOWN_HOSTS.has(host) && !RELEASE_HOSTS.has(host) && !ADDON_HOSTS.has(host) && !rpmHostResolves(host)) return null;
  let h = 0;
  for (const c of host) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `151.101.${h % 250}.${(h >> 8) % 250}`;
}

/** An HTTP GET of a repository artefact: 200 with the body, 404 for other paths on a known host, undefined for other hosts. */
export function downloadArtefact(url: string): { status: number; headers: Record<string, string>; body: string } | undefined {
  const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1];
  if (!host || (!KNOWN_HOSTS.has(host) && !RELEASE_HOSTS.has(host) && !ADDON_HOSTS.has(host) && !rpmHostResolves(host))) return undefined;
  // Repository files and keys of the CentOS mirrors, Docker's and the Kubernetes el7 repositories.
  const rpm = rpmArtefact(url);
  if (rpm !== undefined) return { status: 200, headers: { 'content-type': 'text/plain' }, body: rpm };
  // Add-on manifests, install scripts and Helm tarballs (src/sim/addons).
  const addon = addonFile(url);
  if (addon !== undefined) return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: addon };
  const release = releaseArtefact(url);
  if (release !== undefined) return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: release };
  const key = publishedKey(url);
  if (key) return { status: 200, headers: { 'content-type': 'application/pgp-keys' }, body: key };
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>\n' };
}
