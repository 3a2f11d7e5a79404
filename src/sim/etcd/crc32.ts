/**
 * CRC-32 checksums as etcd uses them: IEEE 802.3 for its snapshot's integrity, Castagnoli for the
 * hash of its key-values (mvcc's kvHasher, the hash a compaction logs and stores).
 */
function tableOf(polynomial: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

const IEEE = tableOf(0xedb88320);
const CASTAGNOLI = tableOf(0x82f63b78);

function checksum(table: Uint32Array, bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  return checksum(IEEE, bytes);
}

/** CRC-32C (Go's crc32.MakeTable(crc32.Castagnoli)). */
export function crc32c(bytes: Uint8Array): number {
  return checksum(CASTAGNOLI, bytes);
}
