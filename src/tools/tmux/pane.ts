/**
 * A pane: a login shell with its own line editor (the terminal's TerminalController over a shell
 * Session of its own) writing into its own VT screen. Keys reach it only while tmux routes them
 * here; its commands go on running while the pane is hidden or the client detached.
 */
import type { Tty } from '../../shell/command';
import type { Session } from '../../shell/session';
import type { Disposable, ShellBackend, TerminalIO } from '../../terminal/backend';
import { TerminalController } from '../../terminal/controller';
import { sessionBackend } from '../../terminal/session-backend';
import { PaneScreen } from './screen';
import type { PaneMode } from './copy-mode';

export class Pane {
  readonly screen: PaneScreen;
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly resizeListeners = new Set<(cols: number, rows: number) => void>();
  private controller: TerminalController | undefined;
  /** A command given to new-session/split-window runs instead of the interactive prompt. */
  private commandLine: string | undefined;
  private readonly firstShell: unknown;
  /** Program names of shells started by a command (ssh, su, sudo -i), as the window name shows them. */
  private readonly nestedNames = new Map<unknown, string>();
  private runningName: string | undefined;

  private get running(): string | undefined {
    return this.runningName;
  }

  private set running(name: string | undefined) {
    this.runningName = name;
    this.onChange();
  }
  dead = false;
  /** Keys typed before the shell started. */
  private early: string[] = [];
  /** Copy mode, when the pane is in it (it stays in it while other panes are used). */
  mode: PaneMode | undefined;

  constructor(
    readonly id: number,
    cols: number,
    rows: number,
    private readonly session: Session,
    private readonly onExit: (pane: Pane) => void,
    /** Told when what the status line shows of the pane (its program) changes. */
    private readonly onChange: () => void = () => {},
  ) {
    this.screen = new PaneScreen(cols, rows);
    this.firstShell = session.active;
    void session.ready.then(() => {
      if (this.dead) return;
      if (this.commandLine !== undefined) void this.runToEnd(this.commandLine);
      else {
        this.controller = new TerminalController(this.io(), this.backend());
        this.controller.start();
        // Keys that came before the shell was up wait in the tty for it, as in a real pty.
        const early = this.early.join('');
        this.early = [];
        if (early) this.input(early);
      }
    });
  }

  /** Run `command` as the pane's program (`tmux new 'kubectl get pods -w'`): the pane closes when it ends. */
  runCommand(command: string): void {
    this.commandLine = command;
  }

  private async runToEnd(command: string): Promise<void> {
    let raw: ((data: string) => void) | undefined;
    const keys = (data: string) => {
      if (data.includes('\x03') && !raw) this.session.interrupt();
      else raw?.(data);
    };
    this.dataListeners.add(keys);
    const tty: Tty = {
      get columns() {
        return pane.screen.cols;
      },
      get rows() {
        return pane.screen.rows;
      },
      write: (data) => {
        if (!this.dead) this.screen.write(data.replace(/\r?\n/g, '\r\n'));
      },
      takeKeys: (onData) => {
        raw = onData;
        return { release: () => void (raw === onData && (raw = undefined)) };
      },
      onResize: (cb) => {
        this.resizeListeners.add(cb);
        return { dispose: () => void this.resizeListeners.delete(cb) };
      },
    };
    const pane = this;
    this.running = programName(command);
    try {
      await this.session.run(`${command}\n`, tty);
    } catch {
      // the pane closes whatever happened
    }
    this.running = undefined;
    this.dataListeners.delete(keys);
    this.exited();
  }

  /** The window name automatic-rename gives: `[tmux]` in copy mode, else the program in the foreground. */
  get title(): string {
    return this.mode ? '[tmux]' : this.command;
  }

  /** The program in the foreground (pane_current_command). */
  get command(): string {
    if (this.running) return this.running;
    if (this.session.closed) return 'bash';
    const active = this.session.active;
    return active === this.firstShell ? 'bash' : (this.nestedNames.get(active) ?? 'bash');
  }

  /** Keys from the client. */
  input(data: string): void {
    if (this.dead) return;
    if (!this.controller && this.commandLine === undefined) {
      this.early.push(data);
      return;
    }
    for (const l of [...this.dataListeners]) l(data);
  }

  resize(cols: number, rows: number): void {
    if (this.dead || (cols === this.screen.cols && rows === this.screen.rows)) return;
    this.screen.resize(cols, rows);
    for (const l of [...this.resizeListeners]) l(cols, rows);
  }

  /**
   * Let the pane's shell catch up (keys sent to it, its prompt, output in the emulator) before its
   * screen is read: a few turns of the event loop, never waiting for a command that runs on.
   */
  async settle(): Promise<void> {
    for (let i = 0; i < 20 && !this.dead; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.screen.settled();
    }
  }

  /** kill-pane: the running command is interrupted and the shell goes away. */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.session.interrupt();
    this.session.hangUp();
    this.controller?.dispose();
    this.screen.dispose();
  }

  private exited(): void {
    if (this.dead) return;
    this.kill();
    this.onExit(this);
  }

  private io(): TerminalIO {
    const pane = this;
    return {
      get cols() {
        return pane.screen.cols;
      },
      get rows() {
        return pane.screen.rows;
      },
      write: (data) => {
        if (!this.dead) this.screen.write(data);
      },
      onData: (listener): Disposable => {
        this.dataListeners.add(listener);
        return { dispose: () => void this.dataListeners.delete(listener) };
      },
      onResize: (listener): Disposable => {
        this.resizeListeners.add(listener);
        return { dispose: () => void this.resizeListeners.delete(listener) };
      },
    };
  }

  /** The session's backend, told when its last shell is gone (`exit`, Ctrl-D): the pane closes. */
  private backend(): ShellBackend {
    const inner = sessionBackend(this.session);
    return {
      ...inner,
      run: async (text: string, tty: Tty) => {
        const before = this.session.active;
        this.running = programName(text);
        try {
          return await inner.run(text, tty);
        } finally {
          const name = this.running;
          this.running = undefined;
          if (this.session.closed) this.exited();
          else if (this.session.active !== before && !this.nestedNames.has(this.session.active)) this.nestedNames.set(this.session.active, name ?? 'bash');
        }
      },
      endOfInput: async (tty: Tty) => {
        // bash in a pane has no IGNOREEOF: Ctrl-D on an empty line ends the shell, and the pane.
        const handled = await this.session.endOfInput(tty);
        if (!handled) await this.session.run('exit\n', tty);
        if (this.session.closed) this.exited();
        return true;
      },
    };
  }
}

/** The program a command line starts: its first word after variable assignments, without a path. */
export function programName(text: string): string {
  const words = text.trim().split(/\s+/);
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? 'bash';
  return first.replace(/^.*\//, '').replace(/[;&|].*$/, '') || 'bash';
}
