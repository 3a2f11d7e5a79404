/**
 * The block walk od and hexdump share: the input in blocks of a fixed size,
 * each full block equal to the one before printed as a single `*` line
 * (both tools' duplicate suppression, turned off by -v).
 */
export interface BlockWalk {
  bytes: Uint8Array;
  start: number;
  end: number;
  blockSize: number;
  /** Zero bytes after each block, for formats that read past its end (od's wide types). */
  padding?: number;
  /** -v: print every block. */
  verbose: boolean;
  /** The lines of one block, with their newlines. */
  lines(at: number, block: Uint8Array, length: number): string;
}

export function dumpBlocks(walk: BlockWalk): string {
  let out = '';
  let previous: string | undefined;
  let squeezed = false;
  for (let at = walk.start; at < walk.end; at += walk.blockSize) {
    const length = Math.min(walk.blockSize, walk.end - at);
    const block = new Uint8Array(walk.blockSize + (walk.padding ?? 0));
    block.set(walk.bytes.subarray(at, at + length));
    const key = length === walk.blockSize ? block.join(',') : undefined;
    if (!walk.verbose && key !== undefined && key === previous) {
      if (!squeezed) out += '*\n';
      squeezed = true;
      continue;
    }
    previous = key;
    squeezed = false;
    out += walk.lines(at, block, length);
  }
  return out;
}
