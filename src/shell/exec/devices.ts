/**
 * Character devices that never run dry. The machine's filesystem reads every device as empty;
 * /dev/zero gives zero bytes for as long as anyone reads (`head -c 1M /dev/zero`,
 * `cat /dev/zero | head -c 1G | wc -c`), a chunk at a time, so a reader that stops stops it.
 */
import type { FileAccess, InputStream } from '../command';

/** What one read of /dev/zero returns (the size of a pipe's buffer). */
const ZERO_CHUNK = '\0'.repeat(64 * 1024);

/** Reading an endless device whole, as `x=$(cat /dev/zero)` tries to: memory runs out first. */
export class EndlessInputError extends Error {
  constructor() {
    super('Cannot allocate memory');
  }
}

class ZeroInput implements InputStream {
  async read(): Promise<string | null> {
    return ZERO_CHUNK;
  }
  async readAll(): Promise<string> {
    throw new EndlessInputError();
  }
}

/** An endless stream for /dev/zero (followed through symlinks), undefined for anything else. */
export function endlessDevice(fs: FileAccess, path: string): InputStream | undefined {
  let st;
  try {
    st = fs.stat(path);
  } catch {
    return undefined;
  }
  if (st?.type !== 'chardev') return undefined;
  let target = fs.resolve(path);
  for (let hops = 0; hops < 8; hops++) {
    const link = fs.lstat(target);
    if (link?.type !== 'symlink' || !link.target) break;
    target = fs.resolve(link.target.startsWith('/') ? link.target : `${target.replace(/\/[^/]*$/, '')}/${link.target}`);
  }
  return target === '/dev/zero' ? new ZeroInput() : undefined;
}
