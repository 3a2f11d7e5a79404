/**
 * A small stand-in shell for terminal tests: enough bash to exercise the terminal (prompts,
 * continuation, here-documents, long-running commands, Ctrl-C, completion) without the real
 * session. Its behaviour mirrors bash's for the few commands it knows.
 */
import type { Tty } from '../../../src/shell/command';
import type { CompletionResult, ShellBackend } from '../../../src/terminal/backend';

export class FakeShell implements ShellBackend {
  host = 'cka01';
  ran: string[] = [];
  private abort: (() => void) | undefined;
  commands = ['cat', 'cd', 'clear', 'echo', 'hostname', 'kubeadm', 'kubectl', 'kubelet', 'ls', 'sleep'];
  extraCandidates: string[] | undefined;
  nested = 0;
  /** A real completer (the engine) instead of the built-in word list. */
  completer: ((line: string, cursor: number) => CompletionResult) | undefined;

  prompt(): string {
    return `root@${this.host}:~# `;
  }

  continuationPrompt(): string {
    return '> ';
  }

  historyKey(): string {
    return `root@${this.host}`;
  }

  isComplete(text: string): boolean {
    if (/\\$/.test(text) || /(\||&&)\s*$/.test(text)) return false;
    const quotes = (text.match(/'/g) ?? []).length;
    if (quotes % 2) return false;
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(text);
    if (heredoc) {
      const lines = text.split('\n');
      return lines.slice(1).some((l) => l === heredoc[1]);
    }
    return true;
  }

  async run(text: string, tty: Tty): Promise<number> {
    this.ran.push(text);
    const [cmd, ...args] = text.split('\n')[0].trim().split(/\s+/);
    switch (cmd) {
      case 'echo':
        tty.write(text.replace(/^\s*echo\s+/, '').replace(/\\\n/g, '').replace(/'/g, '') + '\n');
        return 0;
      case 'printf':
        tty.write(args.join(' '));
        return 0;
      case 'hostname':
        tty.write(this.host + '\n');
        return 0;
      case 'ssh':
        this.nested++;
        this.host = args[0];
        return 0;
      case 'cat': {
        const m = /<<-?\s*['"]?(\w+)['"]?/.exec(text);
        if (m) {
          const body = text.split('\n').slice(1);
          tty.write(body.slice(0, body.indexOf(m[1])).map((l) => l + '\n').join(''));
        }
        return 0;
      }
      case 'sleep':
        return new Promise((resolve) => {
          this.abort = () => resolve(130);
        });
      default:
        tty.write(`${cmd}: command not found\n`);
        return 127;
    }
  }

  interrupt(): void {
    this.abort?.();
    this.abort = undefined;
  }

  async endOfInput(tty: Tty): Promise<boolean> {
    if (!this.nested) return false;
    this.nested--;
    tty.write(`logout\nConnection to ${this.host} closed.\n`);
    this.host = 'cka01';
    return true;
  }

  complete(line: string, cursor: number): CompletionResult {
    if (this.completer) return this.completer(line, cursor);
    const before = line.slice(0, cursor);
    const start = before.search(/\S*$/);
    const word = before.slice(start);
    const pool = this.extraCandidates ?? (before.slice(0, start).trim() ? ['deployments', 'daemonsets', 'pods'] : this.commands);
    return { start, end: cursor, candidates: pool.filter((c) => c.startsWith(word)).map((value) => ({ value })) };
  }
}
