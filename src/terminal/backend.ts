/**
 * The two small interfaces that keep the terminal and the shell apart.
 *
 * - TerminalIO is all the shell side knows of a screen: its size, a way to write, a way to hear
 *   keys. xterm.js in the page, @xterm/headless in tests and a plain stream in the CLI all fit.
 * - ShellBackend is what the line editor needs from a shell: prompts, whether input is a whole
 *   command yet, running it, completing a word, interrupting. The real session and the fakes in
 *   tests both implement it.
 */
import type { Tty } from '../shell/command';

export interface Disposable {
  dispose(): void;
}

export interface TerminalIO {
  readonly cols: number;
  readonly rows: number;
  write(data: string): void;
  onData(listener: (data: string) => void): Disposable;
  onResize?(listener: (cols: number, rows: number) => void): Disposable;
}

/** One possible completion of the word under the cursor. */
export interface Candidate {
  /** The text that replaces the word (already quoted as the shell needs it). */
  value: string;
  /** What the list on double Tab shows (bash shows a file's last path part). Default: value. */
  display?: string;
  /** cobra's description: shown as `value  (description)` in the list, like kubectl's completion. */
  description?: string;
  /** Appended when this is the only candidate: ' ' (default), '/' for directories, '' for none. */
  suffix?: string;
}

export interface CompletionResult {
  /** The word being completed is line[start, end) (in UTF-16 indexes of the line). */
  start: number;
  end: number;
  candidates: Candidate[];
}

export interface ShellBackend {
  /** PS1 as the shell expands it now, e.g. `root@cka01:~# `. */
  prompt(): string;
  /** PS2, `> ` by default. */
  continuationPrompt(): string;
  /** False while the text needs more lines (open quote, here-document, trailing `\`, `|`, `&&`). */
  isComplete(text: string): boolean;
  /** Run a complete command (it may span lines). Output goes to tty.write. Resolves to $?. */
  run(text: string, tty: Tty): Promise<number>;
  /** Ctrl-C while a command runs: abort it (its promise then resolves with 130). */
  interrupt(): void;
  complete(line: string, cursor: number): CompletionResult;
  /**
   * Ctrl-D on an empty line. A nested shell (ssh, su, bash) ends and returns true; the top-level
   * shell returns false and the terminal behaves as bash with IGNOREEOF set, so a learner cannot
   * lose the machine by a stray key.
   */
  endOfInput?(tty: Tty): Promise<boolean>;
  /** Which history this shell uses: one per machine (and user), so ssh cka02 has its own. */
  historyKey(): string;
  /**
   * The line bash saves in its history for this input: after history expansion (`!!` is saved
   * as the command it stood for), or undefined when nothing is saved (`!x: event not found`).
   * Without it the input is saved as typed.
   */
  historyEntry?(text: string): string | undefined;
}
