/** kubectl version: the client version, and the server's when one answers. */
import { RECORDED_CLIENT_VERSION } from '../help/help';
import { connect, session } from '../client/connection';
import { KubectlError, fail, raw } from '../errors';
import { toJson } from '../printers/json';
import { toYaml } from '../printers/yaml';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { releaseBuild } from '../../sim/releases';

export const KUSTOMIZE_VERSION = 'v5.6.0';
/** Used when the server does not answer /version and no deps.serverVersion hook is given. */
export const DEFAULT_SERVER_VERSION = 'v1.33.1';

function clientInfo(): Record<string, string> {
  const [major, minor] = RECORDED_CLIENT_VERSION.replace(/^v/, '').split('.');
  const build = releaseBuild(RECORDED_CLIENT_VERSION);
  return {
    major,
    minor,
    gitVersion: RECORDED_CLIENT_VERSION,
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
      const res = conn.request<Record<string, unknown>>({ verb: 'get', group: '', version: '', resource: 'version' });
      if (res.code === 200) server = res.body as Record<string, unknown>;
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
  if (output === 'json' || output === 'yaml') {
    const doc: Record<string, unknown> = { clientVersion: clientInfo(), kustomizeVersion: KUSTOMIZE_VERSION };
    if (server) doc.serverVersion = server;
    inv.out(output === 'json' ? toJson(doc, { indent: '  ' }) : toYaml(doc) + '\n');
    return 0;
  }
  inv.out(`Client Version: ${RECORDED_CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (refused) throw raw(refused);
  if (server) inv.out(`Server Version: ${String(server.gitVersion)}\n`);
  return 0;
}

register('version', version);
