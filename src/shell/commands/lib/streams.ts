/** In-memory streams for programs that feed text to a child command (xargs, awk pipes, watch). */
import type { InputStream, OutputStream } from '../../command';

export class StringInput implements InputStream {
  private text: string | null;
  constructor(text: string) {
    this.text = text;
  }
  async read(): Promise<string | null> {
    const t = this.text;
    this.text = null;
    return t === '' ? null : t;
  }
  async readAll(): Promise<string> {
    const t = this.text ?? '';
    this.text = null;
    return t;
  }
}

export class StringOutput implements OutputStream {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}
