/**
 * dpkg's in-memory file database (lib/dpkg/fsys-hash.c, db-fsys-files.c), kept to answer `-S` in
 * the order the real one does: packages load their .list files in the order of dpkg's package
 * hash (FNV-1a of the name modulo 65521), each path joins a bin of a 262139-bin table by the FNV-1a
 * of its name without the leading slash, a pattern walks the bins in order, and a path shared by
 * packages names them last-loaded first.
 */
import type { DpkgPackage } from './database';

const PKG_BINS = 65521;
const PATH_BINS = 262139;

/** FNV-1a over the bytes as C's signed char sees them (lib/dpkg/strhash.c). */
export function fnvHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h = (h ^ (byte > 127 ? byte | 0xffffff00 : byte)) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface PathNode {
  name: string;
  /** Owners as dpkg prints them. */
  owners: string[];
}

/** path_skip_slash_dotslash: the hashed form of a path. */
function hashKey(path: string): string {
  let i = 0;
  while (path[i] === '/' || (path[i] === '.' && path[i + 1] === '/')) i++;
  return path.slice(i);
}

/** path_trim_slash_slashdot: `/usr/bin/` and `/usr/bin/.` are `/usr/bin` (the first character stays). */
export function trimSlashDot(path: string): string {
  let end = path.length - 1;
  while (end >= 1 && (path[end] === '/' || (path[end] === '.' && path[end - 1] === '/'))) end--;
  return path.slice(0, end + 1);
}

export class PathIndex {
  private readonly nodes = new Map<string, PathNode>();
  private readonly order: PathNode[] = [];

  constructor(packages: DpkgPackage[]) {
    const loadOrder = packages.map((p, i) => ({ p, i, bin: fnvHash(p.name) % PKG_BINS })).sort((a, b) => a.bin - b.bin || a.i - b.i);
    for (const { p } of loadOrder) {
      for (const line of p.files) {
        const node = this.node(line.length > 1 && line.endsWith('/') ? line.slice(0, -1) : line);
        node.owners.unshift(p.name);
      }
    }
  }

  private node(path: string): PathNode {
    const key = hashKey(path);
    let node = this.nodes.get(key);
    if (!node) {
      node = { name: '/' + key, owners: [] };
      this.nodes.set(key, node);
      this.order.push(node);
    }
    return node;
  }

  find(path: string): PathNode | undefined {
    return this.nodes.get(hashKey(path));
  }

  /** Every path in the order of the hash table's bins. */
  all(): PathNode[] {
    const withBin = this.order.map((n, i) => ({ n, i, bin: fnvHash(hashKey(n.name)) % PATH_BINS }));
    return withBin.sort((a, b) => a.bin - b.bin || a.i - b.i).map((x) => x.n);
  }
}
