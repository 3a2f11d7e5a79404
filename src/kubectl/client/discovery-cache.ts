/**
 * kubectl's discovery cache (~/.kube/cache/discovery/HOST_PORT/): what the API server said it
 * serves, kept for 6 hours (cli-runtime's ConfigFlags.ToDiscoveryClient). While the cache is fresh
 * kubectl sends no discovery request, so `-v=6` shows only the command's own requests; the first
 * command after 6 hours (or on a machine where kubectl never ran) asks /api and /apis again.
 * Only servergroups.json is written here (the per-group-version resource files the real cache
 * also holds are left out): its age is what decides.
 */
import type { DiscoveryDocument } from '../../sim/apiserver/types';
import type { CommandContext } from '../../shell/command';
import { discoveryCacheDirOf, SERVER_GROUPS_FILE, writeServerGroups } from '../../sim/cluster/discovery-cache-file';
import { defaultServerUrl } from '../kubeconfig/server-url';

const TTL_MS = 6 * 3600_000;

/** client-go's computeDiscoverCacheDir: the server's host:port with every character but \w / . ( ) as '_'. */
export function discoveryCacheDir(home: string, server: string): string {
  const u = defaultServerUrl(server, true);
  return discoveryCacheDirOf(home, 'error' in u ? server.replace(/^https?:\/\//, '') : u.host);
}

function groupsFile(home: string | undefined, server: string): string | undefined {
  return home ? `${discoveryCacheDir(home, server)}/${SERVER_GROUPS_FILE}` : undefined;
}

/** Whether the cache holds discovery of `server` younger than its time to live. */
export function discoveryCacheFresh(fs: CommandContext['fs'], home: string | undefined, server: string, nowMs: number): boolean {
  const file = groupsFile(home, server);
  const st = file ? fs.stat(file) : null;
  return !!st && st.type === 'file' && nowMs - st.mtimeMs < TTL_MS;
}

/** Keep what discovery answered (a cache that cannot be written is left alone, as client-go does). */
export function markDiscoveryCached(fs: CommandContext['fs'], home: string | undefined, server: string, doc: DiscoveryDocument): void {
  if (!home) return;
  try {
    writeServerGroups(fs, discoveryCacheDir(home, server), doc);
  } catch {
    // A home that cannot be written: every command discovers again.
  }
}
