/** kubectl version: the client version, and the server's when one answers. */
import { connect } from '../client/connection';
import { session } from '../client/session';
import { KubectlError, fail, raw } from '../errors';
import { toJson } from '../printers/json';
import { toYaml } from '../../sim/go-yaml/emit';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { clientGitVersion } from '../client/user-agent';
import { releaseBuild } from '../../sim/releases';

/** The kustomize each kubectl minor embeds (`kubectl version --client` of the real 1.27…1.33 binaries). */
const KUSTOMIZE_OF_MINOR: Record<number, string> = {
  27: 'v5.0.1',
  28: 'v5.0.4-0.20230601165947-6ce0bf390ce3',
  29: 'v5.0.4-0.20230601165947-6ce0bf390ce3',
  30: 'v5.0.4-0.20230601165947-6ce0bf390ce3',
  31: 'v5.4.2',
  32: 'v5.5.0',
  33: 'v5.6.0',
};

function kustomizeVersion(client: string): string {
  return KUSTOMIZE_OF_MINOR[Number(/^v\d+\.(\d+)/.exec(client)?.[1])] ?? KUSTOMIZE_OF_MINOR[33];
}
/** Used when the server does not answer /version and no deps.serverVersion hook is given. */
export const DEFAULT_SERVER_VERSION = 'v1.33.1';

function clientInfo(gitVersion: string): Record<string, string> {
  const [major, minor] = gitVersion.replace(/^v/, '').split('.');
  const build = releaseBuild(gitVersion);
  return {
    major,
    minor,
    gitVersion,
    gitCommit: build.gitCommit,
    gitTreeState: 'clean',
    buildDate: build.buildDate,
    goVersion: build.goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function version(inv: Invocation): number {
  const output = inv.flags.str('output');
  if (output !== '' && output !== 'json' && output !== 'yaml') throw fail('--output must be \'yaml\' or \'json\'');
  const clientOnly = inv.flags.bool('client');
  let server: Record<string, unknown> | undefined;
  let refused: string | undefined;
  if (!clientOnly) {
    // A kubeconfig that cannot be used fails before anything is printed; only the server's answer comes after the client's version.
    session(inv);
    try {
      const conn = connect(inv, 0);
      const res = conn.raw('/version', '?timeout=32s');
      if (res?.code === 200) server = res.body as Record<string, unknown>;
      else {
        const gitVersion = inv.deps.serverVersion?.(inv.ctx) ?? DEFAULT_SERVER_VERSION;
        const [major, minor] = gitVersion.replace(/^v/, '').split('.');
        server = { major, minor, gitVersion, platform: 'linux/amd64' };
      }
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      refused = e.text;
    }
  }
  const client = clientGitVersion(inv);
  if (output === 'json' || output === 'yaml') {
    const doc: Record<string, unknown> = { clientVersion: clientInfo(client), kustomizeVersion: kustomizeVersion(client) };
    if (server) doc.serverVersion = server;
    inv.out(output === 'json' ? toJson(doc, { indent: '  ' }) : toYaml(doc) + '\n');
    return 0;
  }
  inv.out(`Client Version: ${client}\nKustomize Version: ${kustomizeVersion(client)}\n`);
  if (refused) throw raw(refused);
  if (server) {
    inv.out(`Server Version: ${String(server.gitVersion)}\n`);
    skewWarning(inv, client, String(server.gitVersion));
  }
  return 0;
}

/** kubectl warns when client and server are more than one minor apart (the supported skew). */
function skewWarning(inv: Invocation, client: string, server: string): void {
  const minorOf = (v: string) => /^v?(\d+)\.(\d+)/.exec(v);
  const c = minorOf(client);
  const s = minorOf(server);
  if (!c || !s || c[1] !== s[1] || Math.abs(Number(c[2]) - Number(s[2])) <= 1) return;
  inv.err(`WARNING: version difference between client (${c[1]}.${c[2]}) and server (${s[1]}.${s[2]}) exceeds the supported minor version skew of +/-1\n`);
}

register('version', version);
