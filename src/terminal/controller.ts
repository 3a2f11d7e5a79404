/**
 * Connects a terminal (TerminalIO) to a shell (ShellBackend) through the line editor, the way a
 * tty and bash cooperate:
 * - while the prompt is shown, keys edit the line; Enter hands the line to the shell, or, when the
 *   shell says the command is unfinished, collects more lines under the continuation prompt `> `;
 * - while a command runs, Ctrl-C interrupts it (`^C`, type-ahead flushed) and other keys wait
 *   (echoed as the tty would) for the next prompt; a full-screen program that takes the keys
 *   gets them raw;
 * - a paste (bracketed or not) is typed line by line, so each complete line runs in turn and a
 *   here-document collects its body, as when pasting into bash.
 */
import type { Tty } from '../shell/command';
import type { Disposable, ShellBackend, TerminalIO } from './backend';
import { LineEditor, type EditorEvent } from './readline/editor';
import { History, memoryHistoryStore, type HistoryStore } from './readline/history';
import { parseKeysWithRaw, type Key } from './readline/keys';
import { charWidth, stripAnsi } from './width';

/** A key waiting for the line editor (or a program); raw is the input it came from, when known. */
type QueuedKey = Key & { echo?: boolean; raw?: string };

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

export interface ControllerOptions {
  historyStore?: HistoryStore;
}

export class TerminalController {
  private readonly editor: LineEditor;
  private readonly histories = new Map<string, History>();
  private readonly historyStore: HistoryStore;
  private readonly queue: QueuedKey[] = [];
  private pendingLines: string[] = [];
  private running = false;
  private rawReceiver: ((data: string) => void) | undefined;
  private readonly resizeListeners = new Set<(cols: number, rows: number) => void>();
  private readonly subscriptions: Disposable[] = [];
  /** Column where the output left the cursor (so a prompt after `printf abc` is placed right). */
  private outputCol = 0;
  private savedCol = 0;
  private onAltScreen = false;
  private idleWaiters: (() => void)[] = [];
  private disposed = false;
  private interrupted = false;

  constructor(
    private readonly io: TerminalIO,
    private readonly backend: ShellBackend,
    options: ControllerOptions = {},
  ) {
    this.historyStore = options.historyStore ?? memoryHistoryStore();
    this.editor = new LineEditor(
      {
        write: (data) => this.io.write(data),
        rows: () => this.io.rows,
        history: () => this.history(),
        complete: (line, cursor) => this.backend.complete(line, cursor),
      },
      io.cols,
    );
    this.subscriptions.push(io.onData((data) => this.onData(data)));
    if (io.onResize) this.subscriptions.push(io.onResize((cols, rows) => this.onResize(cols, rows)));
  }

  /** Show the first prompt. */
  start(): void {
    this.showPrompt();
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
  }

  /** Type a command at the prompt and run it, as if the learner had typed it (the "run" buttons). */
  typeCommand(command: string): void {
    this.enqueue(linesToKeys(command.endsWith('\n') ? command : command + '\n', false), true);
  }

  /** Resolves when no command runs and no input waits: tests await it after feeding keys. */
  idle(): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get isRunning(): boolean {
    return this.running;
  }

  history(): History {
    const key = this.backend.historyKey();
    let h = this.histories.get(key);
    if (!h) {
      h = new History(this.historyStore, key);
      this.histories.set(key, h);
    }
    return h;
  }

  // ---- input --------------------------------------------------------------------------------

  private onData(data: string): void {
    if (this.disposed) return;
    if (this.rawReceiver) {
      // A full-screen program (on the alternate screen) has the terminal in raw mode and gets
      // Ctrl-C as a key; a program reading lines (cat, read) is in cooked mode, where Ctrl-C is
      // the interrupt signal.
      if (!this.onAltScreen && data.includes('\x03')) this.interruptRunning();
      else this.rawReceiver(data);
      return;
    }
    const keys = parseKeysWithRaw(data);
    if (this.running) {
      for (const { key, raw } of keys) {
        if (key.kind === 'key' && key.name === 'ctrl-c') {
          this.interruptRunning();
        } else if (key.kind === 'paste') {
          this.queue.push(...linesToKeys(key.text, false));
        } else {
          if (key.kind === 'text') this.write(key.text);
          else if (key.kind === 'key' && key.name === 'enter') this.write('\r\n');
          this.queue.push({ ...key, echo: false, raw });
        }
      }
      return;
    }
    const expanded: QueuedKey[] = [];
    for (const { key, raw } of keys) {
      if (key.kind === 'paste') expanded.push(...linesToKeys(key.text, false));
      else expanded.push({ ...key, raw });
    }
    this.enqueue(expanded);
  }

  /** Ctrl-C while a command runs: `^C` echoed, type-ahead flushed, the command interrupted. */
  private interruptRunning(): void {
    this.queue.length = 0;
    this.write('^C');
    this.interrupted = true;
    this.backend.interrupt();
  }

  private enqueue(keys: QueuedKey[], replaceLine = false): void {
    if (replaceLine && !this.running && this.editor.text) this.editor.setLine('');
    this.queue.push(...keys);
    this.drain();
  }

  private drain(): void {
    while (!this.running && this.queue.length && !this.disposed) {
      const key = this.queue.shift()!;
      const event = this.editor.feed(key);
      if (event) this.handle(event);
    }
    if (!this.running && !this.queue.length) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private handle(event: EditorEvent): void {
    switch (event.type) {
      case 'interrupt':
        this.pendingLines = [];
        this.outputCol = 0;
        this.showPrompt();
        return;
      case 'eof':
        if (this.pendingLines.length) {
          // End of input inside an unfinished command: the shell reports it as bash does.
          const text = this.pendingLines.join('\n');
          this.pendingLines = [];
          this.runCommand(text);
          return;
        }
        this.runEndOfInput();
        return;
      case 'accept': {
        this.outputCol = 0;
        const text = [...this.pendingLines, event.text].join('\n');
        let complete = true;
        try {
          complete = this.backend.isComplete(text);
        } catch {
          complete = true;
        }
        if (!complete) {
          this.pendingLines.push(event.text);
          this.editor.start(this.backend.continuationPrompt(), 0);
          return;
        }
        this.pendingLines = [];
        const entry = this.backend.historyEntry ? this.safeHistoryEntry(text) : text;
        if (entry !== undefined) this.history().add(entry);
        if (!text.trim()) {
          this.showPrompt();
          return;
        }
        this.runCommand(text);
      }
    }
  }

  private safeHistoryEntry(text: string): string | undefined {
    try {
      return this.backend.historyEntry!(text);
    } catch {
      return text;
    }
  }

  private runCommand(text: string): void {
    this.running = true;
    // Like readline: bracketed paste only while a line is being read.
    this.io.write(BRACKETED_PASTE_OFF);
    const tty = this.makeTty();
    let run: Promise<number>;
    try {
      run = Promise.resolve(this.backend.run(text, tty));
    } catch (err) {
      run = Promise.reject(err);
    }
    run
      .catch((err: unknown) => {
        this.write(`bash: ${(err as Error)?.message ?? String(err)}\n`);
        return 1;
      })
      .then(() => this.afterCommand());
  }

  private runEndOfInput(): void {
    const handler = this.backend.endOfInput;
    if (!handler) {
      this.ignoreEof();
      return;
    }
    this.running = true;
    Promise.resolve()
      .then(() => handler.call(this.backend, this.makeTty()))
      .then((handled) => {
        if (!handled) this.ignoreEof();
      })
      .catch(() => this.ignoreEof())
      .then(() => this.afterCommand());
  }

  /** bash with IGNOREEOF: a login shell says how to leave instead of leaving. */
  private ignoreEof(): void {
    this.write('\nUse "logout" to leave the shell.\n');
  }

  private afterCommand(): void {
    this.rawReceiver = undefined;
    this.running = false;
    // bash ends the line of a command killed by SIGINT before the next prompt.
    if (this.interrupted) this.write('\n');
    this.interrupted = false;
    if (this.disposed) return;
    this.showPrompt();
    this.drain();
  }

  private showPrompt(): void {
    let prompt: string;
    try {
      prompt = this.backend.prompt();
    } catch {
      prompt = '$ ';
    }
    this.io.write(BRACKETED_PASTE_ON);
    this.editor.start(prompt, this.outputCol % this.io.cols);
  }

  private onResize(cols: number, rows: number): void {
    if (!this.running) this.editor.resize(cols);
    for (const l of this.resizeListeners) l(cols, rows);
  }

  // ---- output -------------------------------------------------------------------------------

  private write(data: string): void {
    // A byte that is no UTF-8 (carried as U+DC80 + byte, see byte-text.ts) is drawn as a UTF-8
    // terminal draws it: the replacement character.
    const text = data.replace(/\r?\n/g, '\r\n').replace(/[\udc80-\udcff]/g, '\ufffd');
    this.trackColumn(text);
    this.io.write(text);
  }

  private trackColumn(text: string): void {
    // A full-screen program draws on the alternate screen: the shell's screen and its cursor
    // column come back unchanged when it leaves.
    const enter = text.lastIndexOf('\x1b[?1049h');
    const leave = text.lastIndexOf('\x1b[?1049l');
    if (enter >= 0 && enter > leave) {
      if (!this.onAltScreen) this.savedCol = this.outputCol;
      this.onAltScreen = true;
      return;
    }
    if (leave >= 0) {
      this.onAltScreen = false;
      this.outputCol = this.savedCol;
      text = text.slice(leave + 8);
    }
    if (this.onAltScreen) return;
    const visible = stripAnsi(text);
    for (const ch of visible) {
      if (ch === '\r' || ch === '\n') this.outputCol = 0;
      else if (ch === '\b') this.outputCol = Math.max(0, this.outputCol - 1);
      else {
        const w = charWidth(ch.codePointAt(0)!);
        if (this.outputCol + w > this.io.cols) this.outputCol = 0;
        this.outputCol += w;
      }
    }
    if (this.outputCol >= this.io.cols) this.outputCol = this.outputCol % this.io.cols;
  }

  private makeTty(): Tty {
    const self = this;
    return {
      get columns() {
        return self.io.cols;
      },
      get rows() {
        return self.io.rows;
      },
      write: (data) => this.write(data),
      takeKeys: (onData) => {
        this.rawReceiver = onData;
        // Type-ahead (keys that came while the program was starting, e.g. still loading its code)
        // goes to the program that now reads the keys, as it waits in a real tty for whoever reads.
        const ahead = this.queue.splice(0).map(rawOf).join('');
        if (ahead) queueMicrotask(() => this.rawReceiver === onData && onData(ahead));
        return {
          release: () => {
            if (this.rawReceiver === onData) this.rawReceiver = undefined;
          },
        };
      },
      onResize: (cb) => {
        this.resizeListeners.add(cb);
        return { dispose: () => void this.resizeListeners.delete(cb) };
      },
    };
  }
}

/** Text typed or pasted: each line is typed then Enter is pressed; a last partial line stays on the line. */
export function linesToKeys(text: string, echo: boolean): QueuedKey[] {
  const keys: QueuedKey[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((line, i) => {
    if (line) keys.push({ kind: 'text', text: line, echo });
    if (i < lines.length - 1) keys.push({ kind: 'key', name: 'enter', echo });
  });
  return keys;
}

/** The input a queued key stands for: what it was typed as, or its usual xterm sequence. */
function rawOf(key: QueuedKey): string {
  if (key.raw !== undefined) return key.raw;
  if (key.kind !== 'key') return key.text;
  return KEY_SEQUENCES[key.name] ?? '';
}

/** Keys made by the controller itself (pasted lines typed one by one) have no raw input. */
const KEY_SEQUENCES: Partial<Record<string, string>> = { enter: '\r', tab: '\t', backspace: '\x7f', escape: '\x1b' };
