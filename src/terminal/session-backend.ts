/**
 * The shell session (src/shell/session.ts) as the terminal's ShellBackend, with Tab completion
 * from the completion engine over the live machine: commands on PATH and the shell's builtins,
 * aliases and functions, the filesystem as the user sees it, /etc/hosts, systemd units, and
 * kubectl names from an injected cluster source.
 */
import type { Tty } from '../shell/command';
import { expandHistory } from '../shell/exec/history';
import type { Session } from '../shell/session';
import type { CompletionResult, ShellBackend } from './backend';
import { createCompleter, type CompletionProvider } from './completion/engine';
import type { KubectlCompletionSource } from './completion/kubectl';
import type { DirEntry } from './completion/paths';

const UNIT_DIRS = ['/etc/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];

/** What completion needs of the shell on top of the session. */
function providerFor(session: Session, kubectl: () => KubectlCompletionSource | undefined): CompletionProvider {
  const shell = () => session.active;
  const listDirectory = (path: string): DirEntry[] | null => {
    const fs = shell().fs;
    try {
      const st = fs.stat(path);
      if (!st || st.type !== 'dir') return null;
      return fs.readdir(path).map((name) => {
        const full = path === '/' ? `/${name}` : `${path}/${name}`;
        const s = fs.stat(full);
        return { name, isDir: s?.type === 'dir', isExecutable: !!s && s.type === 'file' && (s.mode & 0o111) !== 0 };
      });
    } catch {
      return null;
    }
  };
  return {
    cwd: () => shell().state.cwd,
    home: () => shell().state.get('HOME') ?? shell().env.user.identity.home,
    listDirectory,
    commandNames: () => {
      const sh = shell();
      const names = new Set<string>([...Object.keys(sh.env.builtins), ...Object.keys(sh.env.sessionPrograms), ...sh.state.aliases.keys(), ...sh.state.functions.keys()]);
      for (const dir of (sh.state.get('PATH') ?? '').split(':')) {
        for (const e of (dir && listDirectory(dir)) || []) if (!e.isDir && e.isExecutable) names.add(e.name);
      }
      return [...names];
    },
    aliases: () => Object.fromEntries(shell().state.aliases),
    variableNames: () => shell().state.names(),
    hostNames: () => {
      try {
        const hosts = shell().fs.readFile('/etc/hosts');
        const names = new Set<string>();
        for (const line of hosts.split('\n')) {
          const fields = line.replace(/#.*/, '').trim().split(/\s+/).slice(1);
          for (const f of fields) if (f) names.add(f);
        }
        return [...names];
      } catch {
        return [];
      }
    },
    unitNames: () => {
      const names = new Set<string>();
      for (const dir of UNIT_DIRS) for (const e of listDirectory(dir) ?? []) if (/\.(service|socket|target|timer)$/.test(e.name)) names.add(e.name);
      return [...names];
    },
    get kubectl() {
      return kubectl();
    },
  };
}

/**
 * bash's checkwinsize: the shell on top learns the terminal's size (COLUMNS, LINES) before each
 * command, and programs get it as their width (ls columns, kubectl tables).
 */
function syncWindowSize(session: Session, columns: number, rows: number): void {
  const shell = session.active;
  shell.env.columns = columns;
  session.columns = columns;
  shell.state.set('COLUMNS', String(columns));
  shell.state.set('LINES', String(rows));
}

export interface SessionBackendOptions {
  /** Live resource names for kubectl completion (wired by whoever owns the cluster client). */
  kubectl?: () => KubectlCompletionSource | undefined;
}

export function sessionBackend(session: Session, options: SessionBackendOptions = {}): ShellBackend {
  const complete = createCompleter(providerFor(session, options.kubectl ?? (() => undefined)));
  return {
    prompt: () => session.prompt(),
    continuationPrompt: () => session.continuationPrompt(),
    isComplete: (text) => session.isComplete(text),
    run: (text: string, tty: Tty) => {
      syncWindowSize(session, tty.columns, tty.rows);
      return session.run(text.endsWith('\n') ? text : text + '\n', tty);
    },
    interrupt: () => session.interrupt(),
    endOfInput: (tty: Tty) => session.endOfInput(tty),
    historyKey: () => session.historyKey(),
    historyEntry: (text: string) => {
      const shell = session.active;
      if (!shell.state.options.histexpand) return text;
      const expanded = expandHistory(text, shell.history);
      return expanded.ok ? expanded.text : undefined;
    },
    complete: (line: string, cursor: number): CompletionResult => complete(line, cursor),
  };
}
