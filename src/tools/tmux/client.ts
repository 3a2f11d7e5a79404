/**
 * A tmux client: the `tmux` program attached to a session on the controlling terminal. It draws
 * the session on the alternate screen, sends keys to the active pane, and reads the prefix key
 * (Ctrl-B) followed by a command key from the key table in keys.ts. It ends on detach, when its
 * session goes, or when the server is killed, with the line tmux prints: `[detached (from session
 * 0)]`, `[exited]`, `[server exited]`.
 */
import type { Tty } from '../../shell/command';
import { FrameWriter } from '../../terminal/fullscreen/screen';
import { compose, type StatusOverlay } from './compose';
import type { TmuxServer, TmuxSession } from './model';
import { isRepeatable, PREFIX, prefixCommand, splitKeys } from './keys';
import { DISPLAY_PANES_MS } from './display-panes';

/** tmux's repeat-time, display-time and status-interval (ms). */
const REPEAT_MS = 500;
const DISPLAY_MS = 750;
const STATUS_INTERVAL_MS = 15_000;

interface Prompt {
  label: string;
  text: string;
  /** y/n confirmation: one key answers. */
  confirm?: boolean;
  done(answer: string): void;
}

export class Client {
  private writer: FrameWriter;
  private prefix = false;
  private prompt: Prompt | undefined;
  private message: string | undefined;
  private finished = false;
  private resolveEnd!: (message: string) => void;
  /** Resolves with the line printed when the client ends. */
  readonly ended: Promise<string>;
  private keys: { release(): void } | undefined;
  /** Until when a repeatable binding works without the prefix (simulated clock ms). */
  private repeatUntil = -1;
  /** display-panes shows the pane numbers until a key or its time is up. */
  private paneNumbers = false;
  private timers: Array<ReturnType<TmuxServer['clock']['setTimeout']>> = [];
  private resize: { dispose(): void } | undefined;

  constructor(
    readonly server: TmuxServer,
    public session: TmuxSession,
    private readonly tty: Tty,
    /** Copy mode keys: vi when $EDITOR or $VISUAL names vi, as tmux decides mode-keys. */
    readonly viKeys: boolean,
  ) {
    this.writer = new FrameWriter((d) => this.tty.write(d));
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve));
  }

  /** Take over the terminal and show the session. */
  attach(): void {
    this.session.clients.add(this);
    this.server.touch(this.session);
    this.fitWindows();
    this.writer.enter();
    this.keys = this.tty.takeKeys((data) => this.onData(data));
    this.resize = this.tty.onResize(() => {
      this.fitWindows();
      this.writer.invalidate();
      this.redraw();
    });
    this.redraw();
    this.tickStatus();
  }

  /** The status line's clock is redrawn every status-interval. */
  private tickStatus(): void {
    const timer = this.server.clock.setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      if (this.finished) return;
      this.redraw();
      this.tickStatus();
    }, STATUS_INTERVAL_MS);
    this.timers.push(timer);
  }

  /** Show another session (switch-client; new-session or attach from the command prompt). */
  switchTo(session: TmuxSession): void {
    this.session.clients.delete(this);
    this.session = session;
    session.clients.add(this);
    this.server.touch(session);
    this.fitWindows();
    this.writer.invalidate();
    this.redraw();
  }

  size(): { cols: number; rows: number } {
    return { cols: this.tty.columns, rows: this.tty.rows };
  }

  /** Every window of the session takes this client's size (less the status line). */
  fitWindows(): void {
    for (const w of this.session.windows) w.resize(this.tty.columns, Math.max(1, this.tty.rows - 1));
  }

  redraw(): void {
    if (this.finished) return;
    try {
      this.draw();
    } catch {
      // Keep the last frame rather than break the terminal.
    }
  }

  private draw(): void {
    const overlay: StatusOverlay | undefined = this.prompt
      ? { text: `${this.prompt.label}${this.prompt.text}`, cursor: [...this.prompt.label].length + [...this.prompt.text].length }
      : this.message !== undefined
        ? { text: this.message }
        : undefined;
    this.writer.draw(compose({ session: this.session, cols: this.tty.columns, rows: this.tty.rows, hostname: this.server.hostname, now: this.server.clock.date(), overlay, paneNumbers: this.paneNumbers }));
  }

  /** Leave the terminal with the line tmux prints. */
  end(message: string): void {
    if (this.finished) return;
    this.finished = true;
    this.session.clients.delete(this);
    this.keys?.release();
    this.resize?.dispose();
    for (const t of this.timers) this.server.clock.clearTimeout(t);
    this.timers = [];
    this.writer.leave();
    this.resolveEnd(message);
  }

  detach(): void {
    this.end(`[detached (from session ${this.session.name})]`);
  }

  /** Show a message in the status line until the next key (tmux shows it for display-time). */
  showMessage(text: string): void {
    this.message = text;
    this.redraw();
    const timer = this.server.clock.setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      if (this.message === text) {
        this.message = undefined;
        this.redraw();
      }
    }, DISPLAY_MS);
    this.timers.push(timer);
  }

  /** An error of a command run from a key or the prompt: shown with its first letter capitalised, as cmdq_error does. */
  showError(text: string): void {
    this.showMessage(text.charAt(0).toUpperCase() + text.slice(1));
  }

  /** Ask in the status line; `done` gets the answer (nothing when cancelled). */
  ask(label: string, initial: string, done: (answer: string) => void): void {
    this.prompt = { label, text: initial, done };
    this.redraw();
  }

  confirm(question: string, yes: () => void): void {
    this.prompt = { label: `${question} (y/n) `, text: '', confirm: true, done: (a) => a === 'y' && yes() };
    this.redraw();
  }

  private onData(data: string): void {
    if (this.finished) return;
    for (const key of splitKeys(data)) {
      if (this.finished) return;
      try {
        this.onKey(key);
      } catch {
        // A failing binding must not take the terminal down with it.
      }
    }
    if (!this.finished) this.redraw();
  }

  /** display-panes: numbers over the panes for display-panes-time; a digit then selects a pane. */
  displayPanes(): void {
    this.paneNumbers = true;
    this.redraw();
    const timer = this.server.clock.setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      if (!this.paneNumbers) return;
      this.paneNumbers = false;
      this.redraw();
    }, DISPLAY_PANES_MS);
    this.timers.push(timer);
  }

  private onKey(key: string): void {
    if (this.paneNumbers) {
      // While the numbers show, a key is theirs: a digit selects that pane.
      this.paneNumbers = false;
      const pane = /^[0-9]$/.test(key) ? this.session.current.orderedPanes()[Number(key)] : undefined;
      if (pane) this.session.current.select(pane.id);
      return;
    }
    if (this.message !== undefined && !this.prompt) this.message = undefined;
    if (this.prompt) return this.promptKey(key);
    if (this.prefix || (this.repeatUntil >= this.server.clock.now() && isRepeatable(key))) {
      this.prefix = false;
      this.repeatUntil = isRepeatable(key) ? this.server.clock.now() + REPEAT_MS : -1;
      prefixCommand(key)?.(this);
      return;
    }
    this.repeatUntil = -1;
    if (key === PREFIX) {
      this.prefix = true;
      return;
    }
    const pane = this.session.current.activePane;
    if (pane.mode) {
      if (!pane.mode.key(key)) pane.mode = undefined;
      return;
    }
    pane.input(key);
  }

  private promptKey(key: string): void {
    const p = this.prompt!;
    if (p.confirm) {
      this.prompt = undefined;
      p.done(key);
      return;
    }
    switch (key) {
      case '\r':
      case '\n':
        this.prompt = undefined;
        p.done(p.text);
        return;
      case '\x1b':
      case '\x03':
        this.prompt = undefined;
        return;
      case '\x7f':
      case '\b':
        p.text = [...p.text].slice(0, -1).join('');
        return;
      case '\x15':
        p.text = '';
        return;
      case '\x17':
        p.text = p.text.replace(/\S*\s*$/, '');
        return;
      default:
        if (key >= ' ' && !key.startsWith('\x1b')) p.text += key;
    }
  }

  /** The session went (killed, or its last shell exited) or the client is asked to leave. */
  get isFinished(): boolean {
    return this.finished;
  }
}
