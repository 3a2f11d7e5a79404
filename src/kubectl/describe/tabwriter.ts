/** kubectl describe's writers over Go's text/tabwriter (minwidth 0, padding 2). */
import { tabwrite } from '../../sim/go-tabwriter';

/** describe's PrefixWriter: indentation by level, and Flush() ending the tabwriter's blocks. */
export class PrefixWriter {
  private segments: string[] = [];
  private current = '';

  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  /** Text without indentation (Go's WriteLine appends a newline). */
  writeLine(text: string): void {
    this.current += text + '\n';
  }

  flush(): void {
    this.segments.push(this.current);
    this.current = '';
  }

  /** The text as written, tabs left in (kubectl's printTemplate writes to a PrefixWriter over a plain buffer). */
  untabbed(): string {
    return [...this.segments, this.current].join('');
  }

  toString(): string {
    return [...this.segments, this.current].map((s) => tabwrite(s)).join('');
  }
}
