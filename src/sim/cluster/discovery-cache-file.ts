/**
 * The file kubectl's discovery cache keeps what an API server serves in
 * (~/.kube/cache/discovery/HOST_PORT/servergroups.json, cli-runtime's disk cache): written by
 * kubectl itself (src/kubectl/client/discovery-cache.ts), and by the cluster builder where it
 * stands for the learner's first kubectl command (the install chapter's `kubectl apply -f
 * kube-flannel.yml`), so that a built cluster's ~/.kube is the one the typed install leaves.
 */
import type { DiscoveryDocument } from '../apiserver/types';
import type { FileAccess } from '../../shell/command';
import { goJson } from '../go-json';

export const SERVER_GROUPS_FILE = 'servergroups.json';

/** client-go's computeDiscoverCacheDir of a host:port: every character but \w / . ( ) becomes '_'. */
export function discoveryCacheDirOf(home: string, hostPort: string): string {
  return `${home}/.kube/cache/discovery/${hostPort.replace(/[^(\w/.)]/g, '_')}`;
}

/** Write servergroups.json (an APIGroupList as encoding/json writes it) under `dir`; throws as the filesystem does. */
export function writeServerGroups(fs: FileAccess, dir: string, doc: DiscoveryDocument): void {
  fs.mkdir(dir, { recursive: true, mode: 0o750 });
  fs.writeFile(`${dir}/${SERVER_GROUPS_FILE}`, goJson({ kind: 'APIGroupList', apiVersion: 'v1', groups: doc.groups }, false), { mode: 0o660 });
}
