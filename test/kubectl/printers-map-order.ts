/**
 * Where the real describe prints a Go map in Go's (random) iteration order: the keys of a
 * ConfigMap's or a Secret's Data (describe.go ranges over configMap.Data / secret.Data) and the
 * resources of each LimitRange type (describeLimitRangeSpec ranges over a set). Two runs of the real
 * client on the same object print them in different orders; ours prints them sorted, which is one
 * of those orders. The recorder runs such a case again until the real client happens to print
 * that order, so the golden stays a real output and the test stays exact.
 */

const LIMIT_TYPES = /^\s*(Pod|Container|PersistentVolumeClaim)\s+(\S+)\s/;

const sorted = (keys: string[]) => keys.every((k, i) => i === 0 || keys[i - 1] < k);

/** Keys of each `Data\n====` section: `key:` before a `----` line (ConfigMap) or `key:  N bytes` (Secret). */
function dataSectionsSorted(lines: string[]): boolean {
  let keys: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === 'Data' && lines[i + 1] === '====') {
      if (keys && !sorted(keys)) return false;
      keys = [];
      continue;
    }
    if (!keys) continue;
    if (/^(BinaryData|Events:|Name:)/.test(lines[i])) {
      if (!sorted(keys)) return false;
      keys = undefined;
      continue;
    }
    const configMapKey = /^(\S.*):$/.exec(lines[i]);
    if (configMapKey && lines[i + 1] === '----') keys.push(configMapKey[1]);
    const secretKey = /^(\S+):\s+\d+ bytes$/.exec(lines[i]);
    if (secretKey) keys.push(secretKey[1]);
  }
  return !keys || sorted(keys);
}

/** Resources of consecutive LimitRange rows of one type. */
function limitRowsSorted(lines: string[]): boolean {
  let type = '';
  let resources: string[] = [];
  for (const line of [...lines, '']) {
    const m = LIMIT_TYPES.exec(line);
    if (m && m[1] === type) {
      resources.push(m[2]);
      continue;
    }
    if (!sorted(resources)) return false;
    type = m ? m[1] : '';
    resources = m ? [m[2]] : [];
  }
  return true;
}

/** Whether every map-ordered section of a describe output came out in sorted order. */
export function mapSectionsSorted(stdout: string): boolean {
  const lines = stdout.split('\n');
  return dataSectionsSorted(lines) && limitRowsSorted(lines);
}
