/** kubectl create secret generic|tls|docker-registry NAME … */
import { FsError } from '../../../shell/command';
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { toCompactJson } from '../../printers/json';
import { encodeHash, sha256Hex } from '../../util/sha256';
import { base64, collect, sortedRecord } from './data-sources';
import { meta, registerGenerator } from './generator';

const resource = { group: '', version: 'v1', resource: 'secrets', namespaced: true };

function secret(name: string, namespace: string | undefined, data: Record<string, string>, type: string, inv: Invocation) {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(sortedRecord(data))) encoded[k] = base64(v);
  let finalName = name;
  if (inv.flags.bool('append-hash')) {
    const hashInput = toCompactJson({ kind: 'Secret', type, name, data: encoded }, true);
    finalName = `${name}-${encodeHash(sha256Hex(hashInput))}`;
  }
  const obj: Record<string, unknown> = { kind: 'Secret', apiVersion: 'v1', metadata: meta(finalName, namespace) };
  if (Object.keys(encoded).length) obj.data = encoded;
  if (type) obj.type = type;
  return obj;
}

registerGenerator({
  path: 'create secret generic',
  wrapError: 'failed to create secret %v',
  resource,
  build: (inv, name, ns) => secret(name, ns, collect(inv, 'Secret', name), inv.flags.str('type'), inv),
});

function readOrFail(inv: Invocation, path: string): string {
  try {
    return inv.ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError) throw fail(`Cannot read file ${path}, open ${path}: ${e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : 'no such file or directory'}`);
    throw e;
  }
}

registerGenerator({
  path: 'create secret tls',
  wrapError: 'failed to create secret %v',
  resource,
  build(inv, name, ns) {
    const cert = inv.flags.str('cert');
    const key = inv.flags.str('key');
    if (!cert || !key) throw fail('key and cert must be specified');
    const certPem = readOrFail(inv, cert);
    const keyPem = readOrFail(inv, key);
    if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(certPem)) throw fail('tls: failed to find any PEM data in certificate input');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw fail('tls: failed to find any PEM data in key input');
    return secret(name, ns, { 'tls.crt': certPem, 'tls.key': keyPem }, 'kubernetes.io/tls', inv);
  },
});

registerGenerator({
  path: 'create secret docker-registry',
  wrapError: 'failed to create secret %v',
  resource,
  build(inv, name, ns) {
    const fromFile = inv.flags.list('from-file');
    if (fromFile.length === 0) {
      const server = inv.flags.str('docker-server');
      const user = inv.flags.str('docker-username');
      const password = inv.flags.str('docker-password');
      if (!user || !password || !server) {
        throw fail('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      }
      const entry: Record<string, string> = { username: user, password };
      const email = inv.flags.str('docker-email');
      if (email) entry.email = email;
      entry.auth = base64(`${user}:${password}`);
      const json = toCompactJson({ auths: { [server]: entry } }, false);
      return secret(name, ns, { '.dockerconfigjson': json }, 'kubernetes.io/dockerconfigjson', inv);
    }
    return secret(name, ns, collect(inv, 'Secret', name), 'kubernetes.io/dockerconfigjson', inv);
  },
});
