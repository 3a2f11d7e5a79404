/** Which kubectl release runs, and the User-Agent it sends (client-go's rest.DefaultKubernetesUserAgent). */
import { RECORDED_CLIENT_VERSION } from '../help/help';
import type { Invocation } from '../invocation';
import { releaseBuild } from '../../sim/releases';

/**
 * The release of the kubectl binary that runs: the kubectl package the machine has installed
 * (kubectl=1.32.8-1.1 is v1.32.8, until an upgrade installs another); a kubectl not installed by
 * the package manager is the recorded client's release.
 */
export function clientGitVersion(inv: Invocation): string {
  const machine = inv.ctx.machine as { ext?: { packages?: { installed?: Record<string, { version?: string }> } } } | undefined;
  const m = /^(?:\d+:)?(\d+\.\d+\.\d+)-/.exec(machine?.ext?.packages?.installed?.kubectl?.version ?? '');
  return m ? `v${m[1]}` : RECORDED_CLIENT_VERSION;
}

/** `kubectl/v1.33.4 (linux/amd64) kubernetes/eacdb05`: the program, its release, the platform, the commit's first 7 digits. */
export function userAgent(inv: Invocation): string {
  const version = clientGitVersion(inv);
  return `kubectl/${version} (linux/amd64) kubernetes/${releaseBuild(version).gitCommit.slice(0, 7)}`;
}
