/**
 * Redirections: open files and descriptors for one command, as a new descriptor table.
 * Errors print bash's message (`bash: f: No such file or directory`) and fail the command.
 */
import { FsError, type InputStream, type OutputStream } from '../command';
import type { FsView } from '../../sim/machine/fs';
import { StringInput, EMPTY_INPUT } from './streams';
import { endlessDevice } from './devices';
import { errnoText } from '../commands/lib/io';

export type Fd = InputStream | OutputStream | InputStream & OutputStream;

/** A process's descriptor table: 0, 1, 2 and any others opened with 3> etc. */
export class FdTable {
  constructor(readonly fds: Map<number, Fd | null>) {}

  static of(stdin: InputStream, stdout: OutputStream, stderr: OutputStream): FdTable {
    return new FdTable(new Map<number, Fd | null>([[0, stdin], [1, stdout], [2, stderr]]));
  }

  get stdin(): InputStream {
    const f = this.fds.get(0);
    return f && 'read' in f ? f : EMPTY_INPUT;
  }

  get stdout(): OutputStream {
    const f = this.fds.get(1);
    return f && 'write' in f ? f : BAD_FD_OUTPUT;
  }

  get stderr(): OutputStream {
    const f = this.fds.get(2);
    return f && 'write' in f ? f : f === null ? BAD_FD_OUTPUT : CLOSED_OUTPUT;
  }

  with(fd: number, stream: Fd | null): FdTable {
    const m = new Map(this.fds);
    m.set(fd, stream);
    return new FdTable(m);
  }

  copy(): FdTable {
    return new FdTable(new Map(this.fds));
  }
}

export const CLOSED_OUTPUT: OutputStream = { write: () => {} };

/** Writing to a closed descriptor (>&-) fails as EBADF does. */
export class WriteError extends Error {
  constructor() {
    super('write error: Bad file descriptor');
  }
}

export const BAD_FD_OUTPUT: OutputStream = {
  write: (chunk: string) => {
    if (chunk) throw new WriteError();
  },
};

/**
 * How much one redirection may write: the simulated disk lives in the page's memory (and in its
 * saved progress), so `cat /dev/zero > f` fills it here, as it would fill a real disk.
 */
export const MAX_FILE_WRITE = 64 * 1024 * 1024;

/** Writing past MAX_FILE_WRITE (the program reports it: `cat: No space left on device`). */
export class DiskFullError extends Error {
  constructor() {
    super('No space left on device');
  }
}

/** Writes go straight into a file of the simulated filesystem. */
export class FileOutput implements OutputStream {
  private written = 0;
  constructor(
    private readonly fs: FsView,
    private readonly path: string,
  ) {}
  write(chunk: string): void {
    if (!chunk) return;
    this.written += chunk.length;
    if (this.written > MAX_FILE_WRITE) throw new DiskFullError();
    try {
      this.fs.writeFile(this.path, chunk, { append: true });
    } catch {
      // The file vanished or lost permissions after opening: writes are lost, as on a full disk.
    }
  }
}

export function fsErrorText(e: unknown): string {
  if (e instanceof FsError) return errnoText(e.code);
  return String((e as Error)?.message ?? e);
}

/** Open a file for reading as a stream, or throw FsError. */
export function openInput(fs: FsView, path: string): InputStream {
  if (fs.stat(path)?.type === 'dir') {
    // Opening a directory for reading succeeds; reading it fails (cat: -: Is a directory).
    return {
      read: async () => {
        throw new FsError('EISDIR', '-');
      },
      readAll: async () => {
        throw new FsError('EISDIR', '-');
      },
    };
  }
  return endlessDevice(fs, path) ?? new StringInput(fs.readFile(path));
}

/** Open a file for writing (truncating or appending), or throw FsError. */
export function openOutput(fs: FsView, path: string, append: boolean): OutputStream {
  const st = fs.stat(path);
  if (st?.type === 'dir') throw new FsError('EISDIR', fs.resolve(path));
  if (st?.type === 'chardev') {
    return fs.readFile(path) === '' && path.endsWith('null') ? CLOSED_OUTPUT : new FileOutput(fs, path);
  }
  fs.writeFile(path, '', { append: append || undefined });
  return new FileOutput(fs, path);
}
