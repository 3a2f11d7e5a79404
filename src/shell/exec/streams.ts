/** Streams between the shell and its programs: pipes, strings, sinks and collectors. */
import type { InputStream, OutputStream } from '../command';

/** Writing to a pipe whose reader has exited (SIGPIPE); the writer ends with status 141. */
export class BrokenPipe extends Error {
  constructor() {
    super('Broken pipe');
  }
}

/** What a real pipe buffers (Linux: 16 pages) before a writer has to wait for its reader. */
export const PIPE_CAPACITY = 64 * 1024;

/**
 * A pipe: writes queue chunks, reads wait for the next chunk or the writer's close. A write is
 * always taken whole; once more than `capacity` characters wait, drain() hands the writer a
 * promise that resolves when the reader has taken them (or is gone, or Ctrl-C aborted `signal`),
 * so a fast writer (`yes`, `cat /dev/zero`) never holds more than a chunk beyond the capacity.
 */
export class Pipe implements InputStream, OutputStream {
  /** The most characters ever waiting in any pipe since the last resetPeak() (tests: memory stays bounded). */
  static peakBuffered = 0;
  static resetPeak(): void {
    Pipe.peakBuffered = 0;
  }

  private chunks: string[] = [];
  private size = 0;
  private closed = false;
  private readerGone = false;
  private waiter: (() => void) | null = null;
  private writers: (() => void)[] = [];

  constructor(
    readonly capacity = PIPE_CAPACITY,
    private readonly signal?: AbortSignal,
  ) {}

  /** Characters written and not read yet. */
  get buffered(): number {
    return this.size;
  }

  write(chunk: string): void {
    if (this.readerGone) throw new BrokenPipe();
    if (!chunk) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > Pipe.peakBuffered) Pipe.peakBuffered = this.size;
    this.wake();
  }

  drain(): Promise<void> | undefined {
    if (this.size <= this.capacity || this.readerGone || this.signal?.aborted) return undefined;
    return new Promise<void>((resolve) => {
      const signal = this.signal;
      const release = () => {
        signal?.removeEventListener('abort', release);
        resolve();
      };
      signal?.addEventListener('abort', release, { once: true });
      this.writers.push(release);
    });
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The reading side finished: later writes fail with BrokenPipe. */
  closeReader(): void {
    this.readerGone = true;
    this.chunks = [];
    this.size = 0;
    this.releaseWriters();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private releaseWriters(): void {
    if (!this.writers.length) return;
    const writers = this.writers;
    this.writers = [];
    for (const w of writers) w();
  }

  async read(): Promise<string | null> {
    for (;;) {
      if (this.chunks.length) {
        const all = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
        this.chunks = [];
        this.size = 0;
        this.releaseWriters();
        return all;
      }
      if (this.closed) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  async readAll(): Promise<string> {
    let out = '';
    for (;;) {
      const c = await this.read();
      if (c === null) return out;
      out += c;
    }
  }
}

/** Input from a fixed string (files, here-documents, here-strings). */
export class StringInput implements InputStream {
  private done = false;
  constructor(private text: string) {}
  async read(): Promise<string | null> {
    if (this.done || !this.text) {
      this.done = true;
      return null;
    }
    this.done = true;
    return this.text;
  }
  async readAll(): Promise<string> {
    if (this.done) return '';
    this.done = true;
    return this.text;
  }
}

export const EMPTY_INPUT: InputStream = {
  read: async () => null,
  readAll: async () => '',
};

/** Reads from another input, keeping what a line-oriented reader (read builtin) left over. */
export class BufferedInput implements InputStream {
  private buffer = '';
  private eof = false;
  constructor(readonly source: InputStream) {}

  async read(): Promise<string | null> {
    if (this.buffer) {
      const b = this.buffer;
      this.buffer = '';
      return b;
    }
    if (this.eof) return null;
    const c = await this.source.read();
    if (c === null) this.eof = true;
    return c;
  }

  async readAll(): Promise<string> {
    let out = '';
    for (;;) {
      const c = await this.read();
      if (c === null) return out;
      out += c;
    }
  }

  /** One line up to `delim` (without it), or null at end of input with nothing read. */
  async readLine(delim = '\n'): Promise<{ line: string; terminated: boolean } | null> {
    for (;;) {
      const i = this.buffer.indexOf(delim);
      if (i >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + delim.length);
        return { line, terminated: true };
      }
      if (this.eof) {
        if (!this.buffer) return null;
        const line = this.buffer;
        this.buffer = '';
        return { line, terminated: false };
      }
      const c = await this.source.read();
      if (c === null) this.eof = true;
      else this.buffer += c;
    }
  }

  async readChars(n: number): Promise<string | null> {
    while (this.buffer.length < n && !this.eof) {
      const c = await this.source.read();
      if (c === null) this.eof = true;
      else this.buffer += c;
    }
    if (!this.buffer && this.eof) return null;
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return out;
  }
}

export class Collector implements OutputStream {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}

export const NULL_OUTPUT: OutputStream = { write: () => {} };
