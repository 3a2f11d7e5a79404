/**
 * Character devices that never run dry. The machine's filesystem reads every device as empty;
 * /dev/zero gives zero bytes for as long as anyone reads (`head -c 1M /dev/zero`,
 * `cat /dev/zero | head -c 1G | wc -c`), a chunk at a time, so a reader that stops stops it.
 */
import type { FileAccess, InputStream } from '../command';
import { bytesToText } from '../commands/lib/byte-text';

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

/**
 * /dev/random and /dev/urandom: bytes without end, a chunk a read. A fixed generator (xorshift32)
 * rather than Math.random, so that a run of the simulation is the same every time.
 */
class RandomInput implements InputStream {
  private state = 0x9e3779b9;

  async read(): Promise<string | null> {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) {
      let x = this.state;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.state = x >>> 0;
      bytes[i] = this.state & 0xff;
    }
    return bytesToText(bytes);
  }

  async readAll(): Promise<string> {
    throw new EndlessInputError();
  }
}

/** An endless stream for /dev/zero and /dev/full (zeros) or /dev/random and /dev/urandom, by their device numbers; undefined for anything else. */
export function endlessDevice(fs: FileAccess, path: string): InputStream | undefined {
  let st;
  try {
    st = fs.stat(path);
  } catch {
    return undefined;
  }
  if (st?.type !== 'chardev') return undefined;
  if (st.rdev) {
    const [major, minor] = st.rdev;
    if (major === 1 && (minor === 5 || minor === 7)) return new ZeroInput();
    if (major === 1 && (minor === 8 || minor === 9)) return new RandomInput();
    return undefined;
  }
  let target = fs.resolve(path);
  for (let hops = 0; hops < 8; hops++) {
    const link = fs.lstat(target);
    if (link?.type !== 'symlink' || !link.target) break;
    target = fs.resolve(link.target.startsWith('/') ? link.target : `${target.replace(/\/[^/]*$/, '')}/${link.target}`);
  }
  return target === '/dev/zero' ? new ZeroInput() : undefined;
}
