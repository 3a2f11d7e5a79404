/**
 * Test rig: a real terminal emulator (@xterm/headless, the same parser as the page) wired to the
 * TerminalController through the TerminalIO interface. Keys go in as xterm would send them; the
 * screen comes out as text.
 */
import xtermHeadless from '@xterm/headless';
import type { Disposable, ShellBackend, TerminalIO } from '../../../src/terminal/backend';
import { TerminalController } from '../../../src/terminal/controller';
import type { HistoryStore } from '../../../src/terminal/readline/history';

const { Terminal } = xtermHeadless as unknown as typeof import('@xterm/headless');
type HeadlessTerminal = InstanceType<typeof Terminal>;

export class HeadlessRig {
  readonly term: HeadlessTerminal;
  readonly io: TerminalIO;
  private pendingWrites: Promise<void> = Promise.resolve();
  private dataListeners = new Set<(data: string) => void>();
  private resizeListeners = new Set<(cols: number, rows: number) => void>();

  constructor(cols = 80, rows = 24) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    const rig = this;
    this.io = {
      get cols() {
        return rig.term.cols;
      },
      get rows() {
        return rig.term.rows;
      },
      write: (data: string) => {
        this.pendingWrites = this.pendingWrites.then(() => new Promise<void>((r) => this.term.write(data, r)));
      },
      onData: (l): Disposable => {
        this.dataListeners.add(l);
        return { dispose: () => void this.dataListeners.delete(l) };
      },
      onResize: (l): Disposable => {
        this.resizeListeners.add(l);
        return { dispose: () => void this.resizeListeners.delete(l) };
      },
    };
  }

  /** Keys as xterm sends them. */
  type(data: string): void {
    for (const l of this.dataListeners) l(data);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    for (const l of this.resizeListeners) l(cols, rows);
  }

  async flush(): Promise<void> {
    // Let queued promises (commands finishing) settle, then wait for xterm to parse everything.
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await this.pendingWrites;
    }
  }

  /** The visible screen, trailing spaces and trailing empty rows removed. */
  screen(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) lines.push((b.getLine(b.viewportY + y)?.translateToString(true) ?? '').replace(/\s+$/, ''));
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines.join('\n');
  }

  /** Screen with the cursor marked as █ (drawn over the cell it sits on). */
  screenWithCursor(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      let text = b.getLine(b.viewportY + y)?.translateToString(false) ?? '';
      if (y === b.cursorY) {
        const cells = Array.from(text);
        // translateToString pads wide characters' second cell away; index by cells for ASCII rows.
        cells[b.cursorX] = '█';
        text = cells.join('');
      }
      lines.push(text.replace(/\s+$/, ''));
    }
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines.join('\n');
  }

  get cursor(): { x: number; y: number } {
    const b = this.term.buffer.active;
    return { x: b.cursorX, y: b.cursorY };
  }
}

export function memoryStore(initial: Record<string, string[]> = {}): HistoryStore & { data: Record<string, string[]> } {
  const data: Record<string, string[]> = { ...initial };
  return {
    data,
    load: (k) => [...(data[k] ?? [])],
    save: (k, e) => void (data[k] = [...e]),
  };
}

export function startController(backend: ShellBackend, options: { cols?: number; rows?: number; history?: HistoryStore } = {}) {
  const rig = new HeadlessRig(options.cols, options.rows);
  const controller = new TerminalController(rig.io, backend, { historyStore: options.history });
  controller.start();
  return { rig, controller };
}
