/** kubectl create configmap NAME [--from-literal] [--from-file] [--from-env-file] [--append-hash] */
import { toCompactJson } from '../../printers/json';
import { encodeHash, sha256Hex } from '../../util/sha256';
import { collect, sortedRecord } from './data-sources';
import { meta, registerGenerator } from './generator';

registerGenerator({
  path: 'create configmap',
  wrapError: 'failed to create configmap: %v',
  resource: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  build(inv, name, namespace) {
    const data = sortedRecord(collect(inv, 'ConfigMap', name));
    let finalName = name;
    if (inv.flags.bool('append-hash')) {
      const encoded = toCompactJson({ kind: 'ConfigMap', name, data }, true);
      finalName = `${name}-${encodeHash(sha256Hex(encoded))}`;
    }
    const obj: Record<string, unknown> = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(finalName, namespace) };
    if (Object.keys(data).length) obj.data = data;
    return obj;
  },
});
